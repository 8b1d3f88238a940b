/**
 * Turns scored rows into the flat typed-array "plan" the bootstrap kernel runs on.
 *
 * Speed comes from two reductions, both exact:
 * - Count metrics: a resample only changes cluster weights, so each (cluster, cell, class) keeps its
 *   confusion counts, packed as `correct + wrong·2^26` in one float64 (exact for integers below
 *   2^52). A resample is then one weighted sum over those entries, shared by every slice.
 * - ROC-AUC and AP: rows are ranked once. Positives between two consecutive negatives (a "run")
 *   only enter through their weighted sum, so a resample is one gather-and-add pass over the
 *   ranked positives, with runs sub-sorted by the cells they belong to so that the overall cell and
 *   every mixed slice (e.g. `dataset`) are served by the same pass.
 */
import { argsortDescending } from './sort.js';

/** Bits of the packed count: counts of one (cluster, cell, class) and the weighted sums stay below 2^26. */
export const PACK = 67108864; // 2^26

/** One column of a job: a detector's predictions (or one side of a paired comparison). */
export interface ChannelInput {
  /** 0/1 per row. */
  readonly prediction: Uint8Array;
  /** Probability of fake per row; NaN when the detector gave only a hard prediction. */
  readonly score: Float64Array;
}

/** Rows in columnar form, all channels sharing the rows, clusters and slice cells. */
export interface JobInput {
  readonly label: Uint8Array;
  /** Cluster index per row, in [0, clusterCount). */
  readonly cluster: Int32Array;
  readonly clusterCount: number;
  /** Per slice, the cell index of each row (−1 when its group value is empty). Cell 0 is `overall`. */
  readonly rowCells: readonly Int32Array[];
  readonly cellCount: number;
  readonly channels: readonly ChannelInput[];
}

export interface CountPlan {
  /** Entries of cluster c are [start[c], start[c+1]). */
  readonly start: Int32Array;
  /** 2·cell + (0 for fake rows: tp + fn·2^26; 1 for real rows: tn + fp·2^26). */
  readonly target: Int32Array;
  readonly value: Float64Array;
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
  readonly subStart: Int32Array;
  readonly subEnd: Int32Array;
  /** Clusters of the positives of every run, grouped by sub-run. */
  readonly posCluster: Int32Array;
  readonly blockCluster: Int32Array;
  readonly blockTuple: Int32Array;
  readonly blockLabel: Uint8Array;
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

type Alloc = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(
  ctor: { new (buffer: ArrayBufferLike): T; readonly BYTES_PER_ELEMENT: number },
  length: number,
) => T;

/** Typed arrays on SharedArrayBuffers, so worker threads read the plan without copying it. */
export const sharedAlloc: Alloc = (ctor, length) => new ctor(new SharedArrayBuffer(Math.max(1, length) * ctor.BYTES_PER_ELEMENT)).subarray(0, length) as never;
export const localAlloc: Alloc = (ctor, length) => new ctor(new ArrayBuffer(length * ctor.BYTES_PER_ELEMENT));

/** A growable list of int32 or float64 values, copied into an exact-size array at the end. */
class Grow<T extends Int32Array | Float64Array> {
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
const growInt = (n = 1024): Grow<Int32Array> => new Grow(new Int32Array(n), (k) => new Int32Array(k));
const growFloat = (n = 1024): Grow<Float64Array> => new Grow(new Float64Array(n), (k) => new Float64Array(k));

export function cellStats(input: JobInput): CellStats[] {
  return input.channels.map((channel) => {
    const stats: CellStats = {
      n: new Int32Array(input.cellCount),
      pos: new Int32Array(input.cellCount),
      neg: new Int32Array(input.cellCount),
      nanScores: new Int32Array(input.cellCount),
    };
    const add = (cell: number, row: number): void => {
      stats.n[cell]!++;
      if (input.label[row] === 1) stats.pos[cell]!++;
      else stats.neg[cell]!++;
      if (Number.isNaN(channel.score[row]!)) stats.nanScores[cell]!++;
    };
    for (let r = 0; r < input.label.length; r++) {
      add(0, r);
      for (const cells of input.rowCells) if (cells[r]! >= 0) add(cells[r]!, r);
    }
    return stats;
  });
}

/** Rows grouped by cluster (counting sort), so per-cluster counts are built in one sweep. */
function rowsByCluster(input: JobInput): { start: Int32Array; rows: Int32Array } {
  const start = new Int32Array(input.clusterCount + 1);
  for (let r = 0; r < input.cluster.length; r++) start[input.cluster[r]! + 1]!++;
  for (let c = 0; c < input.clusterCount; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, input.clusterCount);
  const rows = new Int32Array(input.cluster.length);
  for (let r = 0; r < input.cluster.length; r++) rows[fill[input.cluster[r]!]!++] = r;
  return { start, rows };
}

function buildCounts(input: JobInput, channel: ChannelInput, grouped: { start: Int32Array; rows: Int32Array }, alloc: Alloc): CountPlan {
  const scratch = new Float64Array(2 * input.cellCount);
  const touched = new Int32Array(2 * input.cellCount);
  const start = alloc(Int32Array, input.clusterCount + 1);
  const target = growInt(Math.max(1024, input.label.length));
  const value = growFloat(Math.max(1024, input.label.length));
  const slices = input.rowCells;
  for (let c = 0; c < input.clusterCount; c++) {
    start[c] = target.length;
    let nTouched = 0;
    for (let i = grouped.start[c]!; i < grouped.start[c + 1]!; i++) {
      const r = grouped.rows[i]!;
      const real = input.label[r] === 1 ? 0 : 1;
      // Correct predictions count 1 (tp or tn), wrong ones 2^26 (fn or fp).
      const v = channel.prediction[r] === input.label[r] ? 1 : PACK;
      for (let s = -1; s < slices.length; s++) {
        const cell = s < 0 ? 0 : slices[s]![r]!;
        if (cell < 0) continue;
        const t = 2 * cell + real;
        if (scratch[t] === 0) touched[nTouched++] = t;
        scratch[t]! += v;
      }
    }
    for (let j = 0; j < nTouched; j++) {
      const t = touched[j]!;
      target.push(t);
      value.push(scratch[t]!);
      scratch[t] = 0;
    }
  }
  start[input.clusterCount] = target.length;
  return { start, target: target.finish((n) => alloc(Int32Array, n)), value: value.finish((n) => alloc(Float64Array, n)) };
}

function buildRank(input: JobInput, channel: ChannelInput, stats: CellStats, alloc: Alloc): RankPlan | null {
  const domainOfCell = new Int32Array(input.cellCount).fill(-1);
  const domains: number[] = [];
  for (let k = 0; k < input.cellCount; k++) {
    if (stats.pos[k]! > 0 && stats.neg[k]! > 0 && stats.nanScores[k] === 0) {
      domainOfCell[k] = domains.length;
      domains.push(k);
    }
  }
  if (domains.length === 0) return null;
  // Slices that hold at least one domain cell; the others never enter the ranking pass.
  const slices = input.rowCells.filter((cells) => {
    for (let r = 0; r < cells.length; r++) if (cells[r]! >= 0 && domainOfCell[cells[r]!]! >= 0) return true;
    return false;
  });

  // Tuple = the set of domains a row belongs to (overall + one per mixed slice); few distinct ones.
  // Keyed by a mixed-radix number of the member domains, so no string is built per row.
  const radix = domains.length + 1;
  if (radix ** (slices.length + 1) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`too many mixed slices (${slices.length}) for the ranking pass; score fewer slices that hold both real and fake rows at once`);
  }
  const tupleIds = new Map<number, number>();
  const tupleLists: number[][] = [];
  const rowTuple = new Int32Array(input.label.length).fill(-1);
  const members: number[] = [];
  let rankedCount = 0;
  for (let r = 0; r < input.label.length; r++) {
    members.length = 0;
    let key = 0;
    if (domainOfCell[0]! >= 0) members.push(domainOfCell[0]!);
    for (const cells of slices) {
      const cell = cells[r]!;
      if (cell >= 0 && domainOfCell[cell]! >= 0) members.push(domainOfCell[cell]!);
    }
    if (members.length === 0) continue;
    for (const d of members) key = key * radix + d + 1;
    let id = tupleIds.get(key);
    if (id === undefined) {
      id = tupleLists.length;
      tupleIds.set(key, id);
      tupleLists.push(members.slice());
    }
    rowTuple[r] = id;
    rankedCount++;
  }
  const ranked = new Int32Array(rankedCount);
  for (let r = 0, k = 0; r < rowTuple.length; r++) if (rowTuple[r]! >= 0) ranked[k++] = r;
  const order = argsortDescending(channel.score, ranked);

  const events = growInt();
  const subTuple = growInt();
  const subStart = growInt();
  const subEnd = growInt();
  const posCluster = growInt(Math.max(1024, order.length));
  const blockCluster = growInt();
  const blockTuple = growInt();
  const blockLabel: number[] = [];
  const run: number[] = [];
  const tupleFill = new Int32Array(tupleLists.length + 1);
  const closeRun = (): void => {
    if (run.length === 0) return;
    // Order inside a run does not change any sum, so group its positives by tuple (counting sort).
    tupleFill.fill(0);
    for (const r of run) tupleFill[rowTuple[r]! + 1]!++;
    for (let t = 0; t < tupleLists.length; t++) tupleFill[t + 1]! += tupleFill[t]!;
    const base = posCluster.length;
    const firstSub = subTuple.length;
    for (let t = 0; t < tupleLists.length; t++) {
      if (tupleFill[t + 1]! > tupleFill[t]!) {
        subTuple.push(t);
        subStart.push(base + tupleFill[t]!);
        subEnd.push(base + tupleFill[t + 1]!);
      }
    }
    const slots = new Int32Array(run.length);
    const cursor = tupleFill.slice(0, tupleLists.length);
    for (const r of run) slots[cursor[rowTuple[r]!]!++] = input.cluster[r]!;
    for (let i = 0; i < slots.length; i++) posCluster.push(slots[i]!);
    events.push(EV_RUN);
    events.push(firstSub);
    events.push(subTuple.length);
    run.length = 0;
  };
  for (let i = 0; i < order.length; ) {
    const score = channel.score[order[i]!]!;
    let j = i + 1;
    while (j < order.length && channel.score[order[j]!] === score) j++;
    if (j - i === 1) {
      const r = order[i]!;
      if (input.label[r] === 1) run.push(r);
      else {
        closeRun();
        events.push(EV_NEG);
        events.push(input.cluster[r]!);
        events.push(rowTuple[r]!);
      }
    } else {
      closeRun();
      events.push(EV_BLOCK);
      events.push(blockCluster.length);
      for (let k = i; k < j; k++) {
        const r = order[k]!;
        blockCluster.push(input.cluster[r]!);
        blockTuple.push(rowTuple[r]!);
        blockLabel.push(input.label[r]!);
      }
      events.push(blockCluster.length);
    }
    i = j;
  }
  closeRun();

  const tupleStart = alloc(Int32Array, tupleLists.length + 1);
  const flat: number[] = [];
  tupleLists.forEach((list, t) => {
    tupleStart[t] = flat.length;
    flat.push(...list);
  });
  tupleStart[tupleLists.length] = flat.length;
  const fromList = (list: readonly number[]): Int32Array => {
    const out = alloc(Int32Array, list.length);
    out.set(list);
    return out;
  };
  const labels = alloc(Uint8Array, blockLabel.length);
  labels.set(blockLabel);
  return {
    domains: fromList(domains),
    tupleStart,
    tupleCells: fromList(flat),
    events: events.finish((n) => alloc(Int32Array, n)),
    subTuple: subTuple.finish((n) => alloc(Int32Array, n)),
    subStart: subStart.finish((n) => alloc(Int32Array, n)),
    subEnd: subEnd.finish((n) => alloc(Int32Array, n)),
    posCluster: posCluster.finish((n) => alloc(Int32Array, n)),
    blockCluster: blockCluster.finish((n) => alloc(Int32Array, n)),
    blockTuple: blockTuple.finish((n) => alloc(Int32Array, n)),
    blockLabel: labels,
  };
}

export function buildPlan(input: JobInput, stats: readonly CellStats[], shared: boolean): JobPlan {
  const alloc = shared ? sharedAlloc : localAlloc;
  const grouped = rowsByCluster(input);
  const clusterRows = alloc(Int32Array, input.clusterCount);
  for (let c = 0; c < input.clusterCount; c++) clusterRows[c] = grouped.start[c + 1]! - grouped.start[c]!;
  return {
    clusterCount: input.clusterCount,
    cellCount: input.cellCount,
    clusterRows,
    channels: input.channels.map((channel, i) => ({
      counts: buildCounts(input, channel, grouped, alloc),
      rank: buildRank(input, channel, stats[i]!, alloc),
    })),
  };
}

/** Rough cost of one resample of a plan, in inner-loop steps (decides whether worker threads pay off). */
export function resampleCost(plan: JobPlan): number {
  let cost = plan.clusterCount;
  for (const ch of plan.channels) cost += ch.counts.value.length + (ch.rank ? ch.rank.posCluster.length + ch.rank.blockCluster.length + ch.rank.events.length / 3 : 0);
  return cost;
}
