/**
 * Turns a columnar job into the flat typed-array "plan" the bootstrap kernel runs on.
 *
 * Speed comes from two reductions, both exact:
 * - Count metrics: a resample only changes cluster weights, so each (cluster, cell, class) keeps its
 *   confusion counts, packed as `correct + wrong·2^26` in one float64 (exact for integers below
 *   2^52). A resample is then one weighted sum over those entries, shared by every slice. Where the
 *   groups of a slice split the rows of another cell exactly (e.g. the bins of every edit), one
 *   group is derived by subtraction instead of summed: a fifth fewer entries on the eval set.
 * - ROC-AUC and AP: rows are ranked once. Positives between two consecutive negatives (a "run")
 *   only enter through their weighted sum, so a resample is one gather-and-add pass over the
 *   ranked positives, with runs sub-sorted by the cells they belong to so that the overall cell and
 *   every mixed slice (e.g. `dataset`) are served by the same pass.
 */
import { sortDescending } from './sort.js';

/** Bits of the packed count: counts of one (cluster, cell, class) and the weighted sums stay below 2^26. */
export const PACK = 67108864; // 2^26

/**
 * Resamples are processed in lanes of eight: the per-cluster entries and the ranked positives are
 * read once for eight resamples (their weights sit side by side), which turns the memory-bound
 * passes into compute-bound ones. (Sixteen measured no faster here and doubles the weight buffers.)
 */
export const LANES = 8;

/** One column of a job: a detector's predictions (or one side of a paired comparison). */
export interface ChannelInput {
  /** 0/1 per row. */
  readonly prediction: Uint8Array;
  /** Probability of fake per row; NaN when the detector gave only a hard prediction. */
  readonly score: Float64Array;
}

/** Group codes of one slice column (−1 = empty), as narrow as the number of groups allows. */
export type GroupCodes = Int8Array | Int16Array | Int32Array;

/** Rows in columnar form, all channels sharing the rows, clusters and slice cells. */
export interface JobInput {
  readonly label: Uint8Array;
  /** Cluster index per row, in [0, clusterCount). */
  readonly cluster: Int32Array;
  readonly clusterCount: number;
  /** Per slice, each row's group code (−1 when its group value is empty). */
  readonly groups: readonly GroupCodes[];
  /** Per slice, group code → cell index (cell 0 is `overall`); −1 for codes no row of the job has. */
  readonly groupCell: readonly Int32Array[];
  readonly cellCount: number;
  readonly channels: readonly ChannelInput[];
  /** False when cell 0 is not a cell anyone reads (matched-real jobs): it then gets no ranking pass. */
  readonly rankOverall?: boolean;
  /** Score calibration metrics of channel 0 (its scores are probabilities). */
  readonly calibrate?: boolean;
}

/**
 * Calibration of a job's channel 0 (see calibration.ts): per (cluster, scored cell) the row count,
 * Brier and log-loss sums and per-bin sums of y − p, as entries (slot·LANES, value) per cluster.
 */
export interface CalibrationPlan {
  /** Entries of cluster c are [start[c], start[c+1]). */
  readonly start: Int32Array;
  readonly slot: Int32Array;
  readonly value: Float64Array;
  /** Per cell: 1 when calibration is scored there. */
  readonly scored: Uint8Array;
}

export interface CountPlan {
  /** Entries of cluster c are [start[c], start[c+1]). */
  readonly start: Int32Array;
  /** (2·cell + class)·LANES, class 0 for fake rows (tp + fn·2^26), 1 for real rows (tn + fp·2^26). */
  readonly target: Int32Array;
  readonly value: Float64Array;
  /**
   * Targets with no entries, derived once the sums are done: when the groups of a slice split the
   * rows of a class that another target holds exactly (all of them, or e.g. ratio bins = the
   * inpainting rows), one group's sum is that target's minus the others':
   * acc[derived[i]] = acc[derivedFrom[i]] − Σ acc[derivedMinus[derivedStart[i] .. derivedStart[i+1])].
   */
  readonly derived: Int32Array;
  readonly derivedFrom: Int32Array;
  readonly derivedStart: Int32Array;
  readonly derivedMinus: Int32Array;
  /** Calibration of channel 0 when the job asks for it (JobInput.calibrate): resampled with the counts. */
  readonly calibration?: CalibrationPlan;
}

/** Event opcodes of the ranking pass. */
export const EV_RUN = 0;
export const EV_NEG = 1;
export const EV_BLOCK = 2;

export interface RankPlan {
  /** Domain index → cell index. A domain is a cell with both classes and a score on every row. */
  readonly domains: Int32Array;
  /** Domains of tuple t are tupleCells[tupleStart[t] .. tupleStart[t+1]). */
  readonly tupleStart: Int32Array;
  readonly tupleCells: Int32Array;
  /** Triples (op, a, b) in descending score order. RUN: sub-runs [a, b); NEG: cluster a, tuple b; BLOCK: tied rows [a, b). */
  readonly events: Int32Array;
  readonly subTuple: Int32Array;
  /** Positives of sub-run s are posCluster[subStart[s] .. subStart[s+1]). */
  readonly subStart: Int32Array;
  /** Clusters of the positives of every run, grouped by sub-run. */
  readonly posCluster: Int32Array;
  /** Cluster of each NEG event, in event order (their weights are gathered in one sweep per resample group). */
  readonly negCluster: Int32Array;
  readonly blockCluster: Int32Array;
  readonly blockTuple: Int32Array;
  readonly blockLabel: Uint8Array;
  /**
   * Rows of each class per (domain, cluster): domain d's entries are [classStart[d], classStart[d+1]),
   * each a cluster with its positive and negative row counts. A resample's class totals P and N per
   * domain come from these before the pass (the ROC operating points need them as the curve is walked).
   */
  readonly classStart: Int32Array;
  readonly classCluster: Int32Array;
  readonly classPos: Int32Array;
  readonly classNeg: Int32Array;
}

export interface ChannelPlan {
  readonly counts: CountPlan;
  readonly rank: RankPlan | null;
}

export interface JobPlan {
  readonly clusterCount: number;
  readonly cellCount: number;
  /** Rows per cluster: bounds the weighted row total of a resample (overflow guard of the packing). */
  readonly clusterRows: Int32Array;
  readonly channels: readonly ChannelPlan[];
}

/** Per-cell facts of the full sample, per channel: row count, class counts, rows without a score. */
export interface CellStats {
  readonly n: Int32Array;
  readonly pos: Int32Array;
  readonly neg: Int32Array;
  readonly nanScores: Int32Array;
}

export type Alloc = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(
  ctor: { new (buffer: ArrayBufferLike): T; readonly BYTES_PER_ELEMENT: number },
  length: number,
) => T;

/** Typed arrays on SharedArrayBuffers, so worker threads read the plan without copying it. */
export const sharedAlloc: Alloc = (ctor, length) => new ctor(new SharedArrayBuffer(Math.max(1, length) * ctor.BYTES_PER_ELEMENT)).subarray(0, length) as never;
export const localAlloc: Alloc = (ctor, length) => new ctor(new ArrayBuffer(length * ctor.BYTES_PER_ELEMENT));

/** A growable list of int32 or float64 values, copied into an exact-size array at the end. */
export class Grow<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  finish(alloc: (n: number) => T): T {
    const out = alloc(this.length);
    out.set(this.data.subarray(0, this.length));
    return out;
  }
}
export const growInt = (n = 1024): Grow<Int32Array> => new Grow(new Int32Array(n), (k) => new Int32Array(k));
export const growFloat = (n = 1024): Grow<Float64Array> => new Grow(new Float64Array(n), (k) => new Float64Array(k));

/** Cell facts from the rows of each (cell, class) (`rows[2·cell + class]`), and each channel's rows without a score. */
function cellStats(input: JobInput, rows: Float64Array): CellStats[] {
  const K = input.cellCount;
  const n = new Int32Array(K);
  const pos = new Int32Array(K);
  const neg = new Int32Array(K);
  for (let k = 0; k < K; k++) {
    pos[k] = rows[2 * k]!;
    neg[k] = rows[2 * k + 1]!;
    n[k] = pos[k]! + neg[k]!;
  }
  return input.channels.map((channel) => {
    const nanScores = new Int32Array(K);
    for (let r = 0; r < input.label.length; r++) {
      if (!Number.isNaN(channel.score[r]!)) continue;
      nanScores[0]!++;
      input.groups.forEach((codes, j) => {
        const g = codes[r]!;
        if (g >= 0) nanScores[input.groupCell[j]![g]!]!++;
      });
    }
    return { n, pos, neg, nanScores };
  });
}

/** Entries of one slice, cluster by cluster: `count[c]` entries of cluster c, in cluster order. */
interface SliceEntries {
  readonly count: Int32Array;
  readonly target: Int32Array;
  readonly value: Float64Array;
}

/** Dense accumulation ([cluster][group][class]) while it stays this small; a per-cluster scratch pass beyond. */
const DENSE_LIMIT = 1 << 23;

/**
 * Entries of one slice (codes → cells via toCell; `codes` null = overall): the confusion counts of
 * each (cluster, group, class) present, packed: right predictions count 1, wrong ones (`wrong[r]` = 1) 2^26.
 */
function sliceEntries(input: JobInput, codes: GroupCodes | null, toCell: Int32Array, wrong: Uint8Array, byCluster: () => { start: Int32Array; rows: Int32Array }): SliceEntries {
  const { label, cluster, clusterCount: C } = input;
  const n = label.length;
  const G = toCell.length;
  const count = new Int32Array(C);
  // A row counts 1 when its prediction is right (tp or tn), 2^26 when wrong (fn or fp).
  const WRONG = PACK - 1;
  if (2 * G * C <= DENSE_LIMIT) {
    // One sequential sweep over the column, then the non-zero cells cluster by cluster.
    const acc = new Float64Array(2 * G * C);
    for (let r = 0; r < n; r++) {
      const g = codes ? codes[r]! : 0;
      if (g >= 0) acc[2 * (cluster[r]! * G + g) + 1 - label[r]!]! += 1 + wrong[r]! * WRONG;
    }
    let entries = 0;
    for (let k = 0; k < acc.length; k++) if (acc[k] !== 0) entries++;
    const target = new Int32Array(entries);
    const value = new Float64Array(entries);
    let e = 0;
    for (let c = 0, k = 0; c < C; c++) {
      const before = e;
      for (let g = 0; g < G; g++, k += 2) {
        if (acc[k] !== 0) {
          target[e] = 2 * toCell[g]! * LANES;
          value[e++] = acc[k]!;
        }
        if (acc[k + 1] !== 0) {
          target[e] = (2 * toCell[g]! + 1) * LANES;
          value[e++] = acc[k + 1]!;
        }
      }
      count[c] = e - before;
    }
    return { count, target, value };
  }
  // Many groups: rows cluster by cluster, summed in a scratch row of the touched (group, class) slots.
  const target = growInt(Math.max(1024, 2 * C));
  const values = growFloat(Math.max(1024, 2 * C));
  const { start, rows } = byCluster();
  const scratch = new Float64Array(2 * G);
  const touched = new Int32Array(2 * G);
  for (let c = 0; c < C; c++) {
    let nTouched = 0;
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const r = rows[i]!;
      const g = codes ? codes[r]! : 0;
      if (g < 0) continue;
      const t = 2 * g + 1 - label[r]!;
      if (scratch[t] === 0) touched[nTouched++] = t;
      scratch[t]! += 1 + wrong[r]! * WRONG;
    }
    for (let j = 0; j < nTouched; j++) {
      const t = touched[j]!;
      target.push((2 * toCell[t >> 1]! + (t & 1)) * LANES);
      values.push(scratch[t]!);
      scratch[t] = 0;
    }
    count[c] = nTouched;
  }
  return { count, target: target.finish((k) => new Int32Array(k)), value: values.finish((k) => new Float64Array(k)) };
}

/** Rows grouped by cluster (counting sort). */
function rowsByCluster(input: JobInput): { start: Int32Array; rows: Int32Array } {
  const start = new Int32Array(input.clusterCount + 1);
  for (let r = 0; r < input.cluster.length; r++) start[input.cluster[r]! + 1]!++;
  for (let c = 0; c < input.clusterCount; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, input.clusterCount);
  const rows = new Int32Array(input.cluster.length);
  for (let r = 0; r < input.cluster.length; r++) rows[fill[input.cluster[r]!]!++] = r;
  return { start, rows };
}

/** A target derived from another one minus the other groups of its slice (see CountPlan). */
interface Derivation {
  readonly target: number;
  readonly from: number;
  readonly minus: readonly number[];
}

/**
 * Chooses the derived targets (see CountPlan). Per slice and class whose present groups cover the
 * rows of one target exactly (overall, or a cell of another slice, checked row by row), the group
 * with the most entries is derived; targets that others derive from are never derived themselves.
 * `entries[t]` and `rows[t]` are per target (2·cell + class): its entry count and row count.
 */
function chooseDerivations(input: JobInput, entries: Int32Array, rows: Float64Array): Derivation[] {
  const { label } = input;
  const S = input.groups.length;
  const cellsOf = input.groupCell.map((toCell) => [...toCell].filter((cell) => cell >= 0));
  const sliceOfCell = new Int32Array(input.cellCount).fill(-1);
  cellsOf.forEach((cells, j) => cells.forEach((cell) => (sliceOfCell[cell] = j)));
  /** Rows of class `cls` with a group in slice j are exactly the rows of class `cls` in `cell` (equal counts given). */
  const sameRows = (j: number, cls: number, cell: number): boolean => {
    const codes = input.groups[j]!;
    const j2 = sliceOfCell[cell]!;
    const codes2 = input.groups[j2]!;
    const toCell2 = input.groupCell[j2]!;
    const fake = cls === 0 ? 1 : 0;
    for (let r = 0; r < label.length; r++) {
      if (label[r] !== fake || codes[r]! < 0) continue;
      const g2 = codes2[r]!;
      if (g2 < 0 || toCell2[g2] !== cell) return false;
    }
    return true;
  };
  const candidates: Array<{ from: number; targets: number[] }> = [];
  for (let j = 0; j < S; j++) {
    for (let cls = 0; cls < 2; cls++) {
      const targets = cellsOf[j]!.map((cell) => 2 * cell + cls).filter((t) => rows[t]! > 0);
      const covered = targets.reduce((sum, t) => sum + rows[t]!, 0);
      if (covered === 0) continue;
      let from = -1;
      if (covered === rows[cls]) from = cls;
      else {
        // A cell of another slice with as many rows of this class, e.g. `method` = inpainting for the ratio bins.
        for (let cell = 1; cell < input.cellCount && from < 0; cell++) {
          if (sliceOfCell[cell] !== j && rows[2 * cell + cls] === covered && sameRows(j, cls, cell)) from = 2 * cell + cls;
        }
      }
      if (from >= 0) candidates.push({ from, targets });
    }
  }
  const pinned = new Set(candidates.map((c) => c.from));
  const derivations: Derivation[] = [];
  for (const { from, targets } of candidates) {
    let best = -1;
    for (const t of targets) if (!pinned.has(t) && (best < 0 || entries[t]! > entries[best]!)) best = t;
    if (best < 0) continue;
    derivations.push({ target: best, from, minus: targets.filter((t) => t !== best) });
  }
  return derivations;
}

/**
 * Per-cluster confusion counts of every (cell, class): slice by slice, then merged cluster by
 * cluster, leaving out derived targets. Also returns the rows of each (cell, class).
 */
function* buildCounts(input: JobInput, channel: ChannelInput, alloc: Alloc): Generator<void, { counts: CountPlan; rows: Float64Array }, void> {
  const { label, clusterCount: C } = input;
  const n = label.length;
  // Class 0 = fake, 1 = real; wrong predictions are packed apart from right ones (see sliceEntries).
  const wrong = new Uint8Array(n);
  for (let r = 0; r < n; r++) wrong[r] = channel.prediction[r] === label[r] ? 0 : 1;
  let grouped: { start: Int32Array; rows: Int32Array } | null = null;
  const byCluster = (): { start: Int32Array; rows: Int32Array } => (grouped ??= rowsByCluster(input));
  const slices = [sliceEntries(input, null, Int32Array.of(0), wrong, byCluster)];
  for (let j = 0; j < input.groups.length; j++) {
    yield; // between slices, a caller may let other work in (see countPlanSteps)
    slices.push(sliceEntries(input, input.groups[j]!, input.groupCell[j]!, wrong, byCluster));
  }

  const entries = new Int32Array(2 * input.cellCount);
  const rows = new Float64Array(2 * input.cellCount);
  for (const slice of slices) {
    for (let e = 0; e < slice.target.length; e++) {
      const t = slice.target[e]! / LANES;
      const wrong = Math.floor(slice.value[e]! / PACK);
      entries[t]!++;
      rows[t]! += slice.value[e]! - wrong * PACK + wrong;
    }
  }
  const derivations = chooseDerivations(input, entries, rows);
  const skip = new Uint8Array(2 * input.cellCount);
  for (const d of derivations) skip[d.target] = 1;
  let total = 0;
  for (let t = 0; t < skip.length; t++) if (!skip[t]) total += entries[t]!;

  const start = alloc(Int32Array, C + 1);
  const target = alloc(Int32Array, total);
  const values = alloc(Float64Array, total);
  const cursor = new Int32Array(slices.length);
  let e = 0;
  for (let c = 0; c < C; c++) {
    start[c] = e;
    for (let j = 0; j < slices.length; j++) {
      const slice = slices[j]!;
      let from = cursor[j]!;
      const to = from + slice.count[c]!;
      for (; from < to; from++) {
        const t = slice.target[from]!;
        if (skip[t / LANES]) continue;
        target[e] = t;
        values[e++] = slice.value[from]!;
      }
      cursor[j] = to;
    }
  }
  start[C] = e;
  const derivedStart = alloc(Int32Array, derivations.length + 1);
  const minus: number[] = [];
  derivations.forEach((d, i) => {
    derivedStart[i] = minus.length;
    minus.push(...d.minus.map((t) => t * LANES));
  });
  derivedStart[derivations.length] = minus.length;
  const ints = (list: readonly number[]): Int32Array => {
    const out = alloc(Int32Array, list.length);
    out.set(list);
    return out;
  };
  return {
    counts: {
      start,
      target,
      value: values,
      derived: ints(derivations.map((d) => d.target * LANES)),
      derivedFrom: ints(derivations.map((d) => d.from * LANES)),
      derivedStart,
      derivedMinus: ints(minus),
    },
    rows,
  };
}

/** The ranking pass of a channel (null when no cell has both classes and a score on every row). */
function buildRank(input: RankInput, score: Float64Array, domainOfCell: Int32Array, alloc: Alloc): RankPlan | null {
  const domains: number[] = [];
  domainOfCell.forEach((d, k) => {
    if (d >= 0) domains.push(k);
  });
  if (domains.length === 0) return null;
  const { tupleLists, rowTuple, rankedCount } = rankTuples(input, domainOfCell, domains.length);
  // The ranked rows sorted by score, carrying what the events need (cluster; tuple and label).
  const keys = new Float64Array(rankedCount);
  const clusterOf = new Int32Array(rankedCount);
  const tupleLabel = new Int32Array(rankedCount);
  for (let r = 0, k = 0; r < input.label.length; r++) {
    const t = rowTuple[r]!;
    if (t < 0) continue;
    keys[k] = score[r]!;
    clusterOf[k] = input.cluster[r]!;
    tupleLabel[k++] = 2 * t + input.label[r]!;
  }
  const sorted = sortDescending(keys, [clusterOf, tupleLabel]);
  const [sCluster, sTupleLabel] = sorted.payloads as [Int32Array, Int32Array];
  const events = rankEvents(sorted.keys, sCluster, sTupleLabel, tupleLists, alloc);
  const T = tupleLists.length;
  const tupleStart = alloc(Int32Array, T + 1);
  const flat: number[] = [];
  tupleLists.forEach((list, t) => {
    tupleStart[t] = flat.length;
    flat.push(...list);
  });
  tupleStart[T] = flat.length;
  const fromList = (list: readonly number[]): Int32Array => {
    const out = alloc(Int32Array, list.length);
    out.set(list);
    return out;
  };
  return {
    ...classCounts(domains.length, tupleLists, sCluster, sTupleLabel, alloc),
    ...events,
    domains: fromList(domains),
    tupleStart,
    tupleCells: fromList(flat),
  };
}

/**
 * Tuple = the set of domains a row belongs to (overall + one per mixed slice); few distinct ones.
 * Each ranked row's tuple (−1 = not ranked) and each tuple's member domains.
 */
function rankTuples(input: RankInput, domainOfCell: Int32Array, domainCount: number): { tupleLists: number[][]; rowTuple: Int32Array; rankedCount: number } {
  // Slices that hold at least one domain cell (group code → domain); the others never enter the ranking pass.
  const slices: Array<{ codes: GroupCodes; domainOf: Int32Array }> = [];
  input.groups.forEach((codes, j) => {
    const domainOf = Int32Array.from(input.groupCell[j]!, (cell) => (cell >= 0 ? domainOfCell[cell]! : -1));
    if (domainOf.some((d) => d >= 0)) slices.push({ codes, domainOf });
  });
  // Keyed by a mixed-radix number of the member domains, so no string is built per row.
  const radix = domainCount + 1;
  if (radix ** (slices.length + 1) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`too many mixed slices (${slices.length}) for the ranking pass; score fewer slices that hold both real and fake rows at once`);
  }
  const tupleIds = new Map<number, number>();
  const tupleLists: number[][] = [];
  const n = input.label.length;
  const rowTuple = new Int32Array(n).fill(-1);
  const overall = domainOfCell[0]!;
  let rankedCount = 0;
  let lastKey = -1;
  let lastId = -1;
  for (let r = 0; r < n; r++) {
    let key = overall + 1;
    for (let j = 0; j < slices.length; j++) {
      const { codes, domainOf } = slices[j]!;
      const g = codes[r]!;
      const d = g >= 0 ? domainOf[g]! : -1;
      if (d >= 0) key = key * radix + d + 1;
    }
    if (key === 0) continue;
    let id = key === lastKey ? lastId : tupleIds.get(key);
    if (id === undefined) {
      // A new tuple: its member domains, in the order the key lists them.
      const members: number[] = [];
      for (let k = key; k > 0; k = Math.floor(k / radix)) members.unshift((k % radix) - 1);
      id = tupleLists.length;
      tupleIds.set(key, id);
      tupleLists.push(members);
    }
    lastKey = key;
    lastId = id;
    rowTuple[r] = id;
    rankedCount++;
  }
  return { tupleLists, rowTuple, rankedCount };
}

type RankEvents = Pick<RankPlan, 'events' | 'subTuple' | 'subStart' | 'posCluster' | 'negCluster' | 'blockCluster' | 'blockTuple' | 'blockLabel'>;

/**
 * The events of the ranked rows (descending score; label in bit 0 of sTupleLabel, tuple above).
 * Tied rows are a BLOCK, except negatives whose tuples share no domain (the copies of one real in
 * the matched sets of several groups): in no domain do they tie, so each is a NEG, the cheap path
 * (same sums: each domain sees one negative either way).
 */
function rankEvents(sScore: Float64Array, sCluster: Int32Array, sTupleLabel: Int32Array, tupleLists: readonly number[][], alloc: Alloc): RankEvents {
  const m = sScore.length;
  const T = tupleLists.length;
  const events = growInt();
  const subTuple = growInt();
  const subStart = growInt();
  const posCluster = alloc(Int32Array, m);
  let posCount = 0;
  const negCluster = growInt();
  const block = { cluster: growInt(), tuple: growInt(), label: growInt() };
  const tupleFill = new Int32Array(T + 1);
  /** Positives ranked [from, to) between two negatives: grouped by tuple (order inside a run changes no sum). */
  const addRun = (from: number, to: number): void => {
    if (to === from) return;
    tupleFill.fill(0);
    for (let k = from; k < to; k++) tupleFill[(sTupleLabel[k]! >> 1) + 1]!++;
    for (let t = 0; t < T; t++) tupleFill[t + 1]! += tupleFill[t]!;
    const firstSub = subTuple.length;
    for (let t = 0; t < T; t++) {
      if (tupleFill[t + 1]! > tupleFill[t]!) {
        subTuple.push(t);
        subStart.push(posCount + tupleFill[t]!);
      }
    }
    for (let k = from; k < to; k++) posCluster[posCount + tupleFill[sTupleLabel[k]! >> 1]!++] = sCluster[k]!;
    posCount += to - from;
    events.push(EV_RUN);
    events.push(firstSub);
    events.push(subTuple.length);
  };
  const disjointNegatives = disjointNegativeCheck(tupleLists, sTupleLabel);
  let runFrom = 0;
  for (let i = 0; i < m; ) {
    const s = sScore[i]!;
    let j = i + 1;
    while (j < m && sScore[j] === s) j++;
    if (j - i === 1 && (sTupleLabel[i]! & 1) === 1) {
      i = j;
      continue; // a positive: the run goes on
    }
    addRun(runFrom, i);
    if (j - i === 1 || disjointNegatives(i, j)) {
      for (let k = i; k < j; k++) {
        events.push(EV_NEG);
        events.push(sCluster[k]!);
        events.push(sTupleLabel[k]! >> 1);
        negCluster.push(sCluster[k]!);
      }
    } else {
      events.push(EV_BLOCK);
      events.push(block.cluster.length);
      for (let k = i; k < j; k++) {
        block.cluster.push(sCluster[k]!);
        block.tuple.push(sTupleLabel[k]! >> 1);
        block.label.push(sTupleLabel[k]! & 1);
      }
      events.push(block.cluster.length);
    }
    i = runFrom = j;
  }
  addRun(runFrom, m);
  subStart.push(posCount);
  const labels = alloc(Uint8Array, block.label.length);
  labels.set(block.label.finish((k) => new Int32Array(k)));
  const shared = (list: Grow<Int32Array>): Int32Array => list.finish((k) => alloc(Int32Array, k));
  return {
    events: shared(events),
    subTuple: shared(subTuple),
    subStart: shared(subStart),
    posCluster: posCount === posCluster.length ? posCluster : posCluster.subarray(0, posCount),
    negCluster: shared(negCluster),
    blockCluster: shared(block.cluster),
    blockTuple: shared(block.tuple),
    blockLabel: labels,
  };
}

/** Whether the tied rows [i, j) are all negatives and no two of them share a domain. */
function disjointNegativeCheck(tupleLists: readonly number[][], sTupleLabel: Int32Array): (i: number, j: number) => boolean {
  const domainCount = tupleLists.reduce((max, list) => list.reduce((a, d) => Math.max(a, d + 1), max), 0);
  const stamp = new Int32Array(domainCount).fill(-1);
  return (i, j) => {
    for (let k = i; k < j; k++) {
      if ((sTupleLabel[k]! & 1) === 1) return false;
      for (const d of tupleLists[sTupleLabel[k]! >> 1]!) {
        if (stamp[d] === i) return false;
        stamp[d] = i;
      }
    }
    return true;
  };
}

/** Per (domain, cluster) row counts of each class, from the ranked rows (see RankPlan.classStart). */
function classCounts(
  domainCount: number,
  tupleLists: readonly number[][],
  sCluster: Int32Array,
  sTupleLabel: Int32Array,
  alloc: Alloc,
): Pick<RankPlan, 'classStart' | 'classCluster' | 'classPos' | 'classNeg'> {
  let C = 0;
  for (let k = 0; k < sCluster.length; k++) if (sCluster[k]! >= C) C = sCluster[k]! + 1;
  const pos = new Int32Array(domainCount * C);
  const neg = new Int32Array(domainCount * C);
  for (let k = 0; k < sCluster.length; k++) {
    const c = sCluster[k]!;
    const counts = (sTupleLabel[k]! & 1) === 1 ? pos : neg;
    for (const d of tupleLists[sTupleLabel[k]! >> 1]!) counts[d * C + c]!++;
  }
  let entries = 0;
  for (let i = 0; i < pos.length; i++) if (pos[i]! > 0 || neg[i]! > 0) entries++;
  const classStart = alloc(Int32Array, domainCount + 1);
  const classCluster = alloc(Int32Array, entries);
  const classPos = alloc(Int32Array, entries);
  const classNeg = alloc(Int32Array, entries);
  let e = 0;
  for (let d = 0; d < domainCount; d++) {
    classStart[d] = e;
    for (let c = 0, i = d * C; c < C; c++, i++) {
      if (pos[i] === 0 && neg[i] === 0) continue;
      classCluster[e] = c;
      classPos[e] = pos[i]!;
      classNeg[e++] = neg[i]!;
    }
  }
  classStart[domainCount] = e;
  return { classStart, classCluster, classPos, classNeg };
}

/**
 * The count part of a job's plan (ranking passes not yet built: `rank` null) and the facts of its
 * cells (which cells have both classes, rows without a score), which the ranking part needs.
 */
export function buildCountPlan(input: JobInput, shared: boolean): { plan: JobPlan; stats: CellStats[] } {
  const steps = countPlanSteps(input, clusterSizes(input, shared), shared);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Rows per cluster (what a resample's weights are checked against). */
export function clusterSizes(input: JobInput, shared: boolean): Int32Array {
  const clusterRows = (shared ? sharedAlloc : localAlloc)(Int32Array, input.clusterCount);
  for (let r = 0; r < input.cluster.length; r++) clusterRows[input.cluster[r]!]!++;
  return clusterRows;
}

/** buildCountPlan in steps: it yields between slices, so that an async caller can handle messages meanwhile. */
export function* countPlanSteps(input: JobInput, clusterRows: Int32Array, shared: boolean): Generator<void, { plan: JobPlan; stats: CellStats[] }, void> {
  const alloc = shared ? sharedAlloc : localAlloc;
  const counts: Array<{ counts: CountPlan; rows: Float64Array }> = [];
  for (const channel of input.channels) counts.push(yield* buildCounts(input, channel, alloc));
  const stats = cellStats(input, counts[0]!.rows);
  const plan: JobPlan = { clusterCount: input.clusterCount, cellCount: input.cellCount, clusterRows, channels: counts.map((c) => ({ counts: c.counts, rank: null })) };
  return { plan, stats };
}

/** A count part with no entries, for plans that only carry ranking passes to the workers. */
export const NO_COUNTS: CountPlan = {
  start: new Int32Array(1),
  target: new Int32Array(0),
  value: new Float64Array(0),
  derived: new Int32Array(0),
  derivedFrom: new Int32Array(0),
  derivedStart: new Int32Array(1),
  derivedMinus: new Int32Array(0),
};

/** What the ranking pass of a job needs besides the scores (a job without its channels). */
export type RankInput = Pick<JobInput, 'label' | 'cluster' | 'groups' | 'groupCell' | 'cellCount' | 'rankOverall'>;

/**
 * Domain index of each cell, −1 for cells that are not ranked: a cell is ranked when it holds both
 * classes and every row of it has a score.
 */
function rankDomains(cellCount: number, pos: ArrayLike<number>, neg: ArrayLike<number>, nanScores: ArrayLike<number>, rankOverall = true): Int32Array {
  const domainOfCell = new Int32Array(cellCount).fill(-1);
  let d = 0;
  for (let k = rankOverall ? 0 : 1; k < cellCount; k++) if (pos[k]! > 0 && neg[k]! > 0 && nanScores[k] === 0) domainOfCell[k] = d++;
  return domainOfCell;
}

/** The plan completed with its ranking passes. */
export function withRankPlans(input: JobInput, plan: JobPlan, stats: readonly CellStats[], shared: boolean): JobPlan {
  const alloc = shared ? sharedAlloc : localAlloc;
  return {
    ...plan,
    channels: plan.channels.map((ch, i) => {
      const st = stats[i]!;
      return { counts: ch.counts, rank: buildRank(input, input.channels[i]!.score, rankDomains(input.cellCount, st.pos, st.neg, st.nanScores, input.rankOverall ?? true), alloc) };
    }),
  };
}

/**
 * The ranking pass of one channel from the columns alone, so that a worker can build it while the
 * main thread builds the counts. Arrays on SharedArrayBuffers.
 */
export function standaloneRankPlan(input: RankInput, score: Float64Array): RankPlan | null {
  const K = input.cellCount;
  const { label } = input;
  const n = label.length;
  // Which cells hold both classes and no row without a score. Rows of the rarer class name the
  // candidate groups (few rows: reals are one per source image); the other class is then scanned
  // only for slices with candidates, and only until every candidate is confirmed.
  let fakes = 0;
  const nanRows: number[] = [];
  for (let r = 0; r < n; r++) {
    fakes += label[r]!;
    if (Number.isNaN(score[r]!)) nanRows.push(r);
  }
  const rare = fakes * 2 <= n ? 1 : 0;
  const rareRows = new Int32Array(rare ? fakes : n - fakes);
  for (let r = 0, k = 0; r < n; r++) if (label[r] === rare) rareRows[k++] = r;
  const both = new Uint8Array(K);
  const noScore = new Uint8Array(K);
  both[0] = fakes > 0 && fakes < n ? 1 : 0;
  input.groups.forEach((codes, j) => {
    const toCell = input.groupCell[j]!;
    const inRare = new Uint8Array(toCell.length);
    let pending = 0;
    for (const r of rareRows) {
      const g = codes[r]!;
      if (g >= 0 && !inRare[g]) {
        inRare[g] = 1;
        pending++;
      }
    }
    for (let r = 0; r < n && pending > 0; r++) {
      const g = codes[r]!;
      if (g >= 0 && inRare[g] === 1 && label[r] !== rare) {
        inRare[g] = 2;
        both[toCell[g]!] = 1;
        pending--;
      }
    }
    for (const r of nanRows) if (codes[r]! >= 0) noScore[toCell[codes[r]!]!] = 1;
  });
  if (nanRows.length > 0 || input.rankOverall === false) noScore[0] = 1;
  const domainOfCell = new Int32Array(K).fill(-1);
  for (let k = 0, d = 0; k < K; k++) if (both[k] && !noScore[k]) domainOfCell[k] = d++;
  return buildRank(input, score, domainOfCell, sharedAlloc);
}

/**
 * The part of a job a ranking pass can need: slices with a group among rows of the rarer class
 * (only those can hold cells with both classes). Cells keep their numbers.
 */
export function rankInput(input: JobInput): RankInput {
  const { label } = input;
  let fakes = 0;
  for (let r = 0; r < label.length; r++) fakes += label[r]!;
  const rare = fakes * 2 <= label.length ? 1 : 0;
  const rareRows: number[] = [];
  for (let r = 0; r < label.length; r++) if (label[r] === rare) rareRows.push(r);
  const keep = input.groups.map((codes) => rareRows.some((r) => codes[r]! >= 0));
  return {
    label,
    cluster: input.cluster,
    groups: input.groups.filter((_, j) => keep[j]),
    groupCell: input.groupCell.filter((_, j) => keep[j]),
    cellCount: input.cellCount,
    ...(input.rankOverall === false ? { rankOverall: false } : {}),
  };
}
