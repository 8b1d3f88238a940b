/**
 * Columnar scoring input. A table holds the rows of a dataset once (cluster, label, each slice's
 * group as a small integer); each detector then names the table rows it scored, with its scores and
 * predictions as typed arrays. Strings are interned once per column while the table is built, so the
 * scoring itself never hashes a string, and several detectors share one table.
 */
import type { ChannelInput, JobInput } from './plan.js';
import type { ResampleUnit } from './types.js';

export interface ScoringTable {
  readonly size: number;
  /** Row keys (normalised image_path): named in messages, and the resampling unit in row mode. */
  readonly keys: readonly string[];
  /** Cluster (image_id) of each row as an index into `clusterIds`, which is sorted by code unit. */
  readonly cluster: Int32Array;
  readonly clusterIds: readonly string[];
  /** fake = 1, real = 0. */
  readonly label: Uint8Array;
  readonly slices: readonly string[];
  /** Per slice: each row's group as an index into `groupValues` of that slice (sorted by code unit); −1 = empty. */
  readonly groups: readonly Int32Array[];
  readonly groupValues: ReadonlyArray<readonly string[]>;
}

/** One detector's predictions on a table. */
export interface DetectorColumns {
  readonly detector: string;
  /** The table rows it scored, each at most once, in any order. */
  readonly rows: Int32Array;
  /** Probability of fake per entry of `rows`; NaN where the detector gave only a hard prediction. */
  readonly score: Float64Array;
  /** 0 or 1 per entry of `rows`. */
  readonly prediction: Uint8Array;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ids in first-seen order → their ranks in code-unit order. */
function sortedRanks(firstSeen: readonly string[]): { sorted: string[]; rank: Int32Array } {
  const order = firstSeen.map((_, i) => i).sort((a, b) => byCodeUnit(firstSeen[a]!, firstSeen[b]!));
  const rank = new Int32Array(firstSeen.length);
  order.forEach((id, r) => (rank[id] = r));
  return { sorted: order.map((id) => firstSeen[id]!), rank };
}

/**
 * Interns the strings of one column: first-seen ids, with a one-entry cache in front of the Map
 * because neighbouring rows (the edits of one image) mostly repeat the previous value.
 */
class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private last = '';
  private lastId = -1;
  id(value: string): number {
    if (value === this.last) return this.lastId;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    this.last = value;
    this.lastId = id;
    return id;
  }
}

/**
 * Builds a table row by row, straight from the loader's records (no per-row objects are made):
 *
 *   const builder = new ScoringTableBuilder(slices, rows.length);
 *   for (const row of rows) builder.add(row.key, row.id, row.label === 'fake' ? 1 : 0, row.columns);
 *   const table = builder.finish();
 */
export class ScoringTableBuilder {
  private n = 0;
  private readonly keys: string[] = [];
  private cluster: Int32Array;
  private label: Uint8Array;
  private groups: Int32Array[];
  private readonly clusters = new Interner();
  private readonly interners: Interner[];
  private readonly slices: readonly string[];

  /** `capacity`: expected row count (the arrays grow past it when needed). */
  constructor(slices: readonly string[], capacity = 1024) {
    this.slices = [...new Set(slices)];
    for (const s of this.slices) if (s === 'overall' || s === '') throw new RangeError(`"${s}" cannot be a slice column name`);
    const size = Math.max(16, capacity);
    this.cluster = new Int32Array(size);
    this.label = new Uint8Array(size);
    this.groups = this.slices.map(() => new Int32Array(size));
    this.interners = this.slices.map(() => new Interner());
  }

  get size(): number {
    return this.n;
  }

  /** Appends a row and returns its index. `groups[slice]` missing or '' leaves the row out of that slice. */
  add(key: string, cluster: string, label: 0 | 1, groups: Readonly<Record<string, string | undefined>>): number {
    if (label !== 0 && label !== 1) throw new TypeError(`row ${this.n} (${key}): label must be 0 (real) or 1 (fake), got ${String(label)}`);
    if (typeof cluster !== 'string' || cluster === '') throw new TypeError(`row ${this.n} (${key}): cluster (the source image_id) is empty`);
    const i = this.n;
    if (i === this.label.length) this.grow();
    this.keys.push(key);
    this.cluster[i] = this.clusters.id(cluster);
    this.label[i] = label;
    const slices = this.slices;
    for (let j = 0; j < slices.length; j++) {
      const value = groups[slices[j]!];
      this.groups[j]![i] = value === undefined || value === '' ? -1 : this.interners[j]!.id(value);
    }
    this.n = i + 1;
    return i;
  }

  private grow(): void {
    const size = this.label.length * 2;
    const bigger = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.cluster = bigger(this.cluster, (k) => new Int32Array(k));
    this.label = bigger(this.label, (k) => new Uint8Array(k));
    this.groups = this.groups.map((g) => bigger(g, (k) => new Int32Array(k)));
  }

  /** The table, with clusters and groups renumbered in code-unit order (so results do not depend on row order). */
  finish(): ScoringTable {
    const n = this.n;
    const trim = <T extends Int32Array | Uint8Array>(a: T): T => (a.length === n ? a : (a.slice(0, n) as T));
    const cluster = trim(this.cluster);
    const clusters = sortedRanks(this.clusters.values);
    for (let i = 0; i < n; i++) cluster[i] = clusters.rank[cluster[i]!]!;
    const groupValues: string[][] = [];
    const groups = this.groups.map((column, j) => {
      const out = trim(column);
      const { sorted, rank } = sortedRanks(this.interners[j]!.values);
      groupValues.push(sorted);
      for (let i = 0; i < n; i++) if (out[i]! >= 0) out[i] = rank[out[i]!]!;
      return out;
    });
    return { size: n, keys: this.keys, cluster, clusterIds: clusters.sorted, label: trim(this.label), slices: this.slices, groups, groupValues };
  }
}

export interface Cell {
  readonly slice: string;
  readonly group: string;
}

export interface PreparedJob {
  readonly input: JobInput;
  readonly cells: readonly Cell[];
}

/** Rank of every row's key in code-unit order: the resampling unit in row mode (computed once per table). */
const keyRanks = new WeakMap<ScoringTable, Int32Array>();
function keyRank(table: ScoringTable): Int32Array {
  let rank = keyRanks.get(table);
  if (!rank) {
    rank = sortedRanks(table.keys as string[]).rank;
    keyRanks.set(table, rank);
  }
  return rank;
}

/**
 * The bootstrap job of the rows `rows` of a table (each at most once), with one channel per entry of
 * `channels` (aligned with `rows`). Only the clusters and groups these rows hold take part, numbered
 * in code-unit order; cells are `overall`, then each slice of `slices` (a subset of the table's), its
 * groups in code-unit order. When `rows` is the whole table in order, its columns are used as they are.
 */
export function jobFromTable(name: string, table: ScoringTable, rows: Int32Array, channels: readonly ChannelInput[], slices: readonly string[], unit: ResampleUnit): PreparedJob {
  const n = rows.length;
  const N = table.size;
  let identity = n === N;
  const seen = new Uint8Array(N);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (!(r >= 0 && r < N)) throw new RangeError(`${name}: row index ${r} is outside the table (${N} rows)`);
    if (seen[r]) throw new Error(`${name}: row key "${table.keys[r]}" occurs twice; each image must have at most one prediction per detector`);
    seen[r] = 1;
    if (r !== i) identity = false;
  }
  for (const ch of channels) {
    if (ch.score.length !== n || ch.prediction.length !== n) throw new RangeError(`${name}: ${n} rows but ${ch.score.length} scores and ${ch.prediction.length} predictions`);
    for (let i = 0; i < n; i++) {
      const p = ch.prediction[i]!;
      if (p > 1) throw new TypeError(`${name}, row ${i} (${table.keys[rows[i]!]}): prediction must be 0 or 1, got ${p}`);
    }
  }
  const pick = <T extends Int32Array | Uint8Array>(column: T, make: (k: number) => T): T => {
    if (identity) return column;
    const out = make(n);
    for (let i = 0; i < n; i++) out[i] = column[rows[i]!]!;
    return out;
  };

  // Resampling units present, renumbered densely in sorted order (a no-op when all are present).
  const unitOf = unit === 'row' ? keyRank(table) : table.cluster;
  const units = unit === 'row' ? N : table.clusterIds.length;
  const dense = new Int32Array(units).fill(-1);
  for (let i = 0; i < n; i++) dense[unitOf[rows[i]!]!] = 0;
  let clusterCount = 0;
  for (let u = 0; u < units; u++) if (dense[u] === 0) dense[u] = clusterCount++;
  let cluster: Int32Array;
  if (clusterCount === units && unit === 'cluster') cluster = pick(table.cluster, (k) => new Int32Array(k));
  else {
    cluster = new Int32Array(n);
    for (let i = 0; i < n; i++) cluster[i] = dense[unitOf[rows[i]!]!]!;
  }

  // Cells: groups present among the rows, in the table's (sorted) order.
  const cells: Cell[] = [{ slice: 'overall', group: 'all' }];
  const groups: Int32Array[] = [];
  const groupCell: Int32Array[] = [];
  for (const slice of slices) {
    const j = table.slices.indexOf(slice);
    if (j < 0) throw new RangeError(`${name}: slice "${slice}" is not a column of the scoring table (it has ${table.slices.join(', ') || 'none'})`);
    const column = pick(table.groups[j]!, (k) => new Int32Array(k));
    const values = table.groupValues[j]!;
    const present = new Uint8Array(values.length);
    for (let i = 0; i < n; i++) if (column[i]! >= 0) present[column[i]!] = 1;
    const toCell = new Int32Array(values.length).fill(-1);
    values.forEach((group, g) => {
      if (!present[g]) return;
      toCell[g] = cells.length;
      cells.push({ slice, group });
    });
    groups.push(column);
    groupCell.push(toCell);
  }
  return {
    input: { label: pick(table.label, (k) => new Uint8Array(k)), cluster, clusterCount, groups, groupCell, cellCount: cells.length, channels },
    cells,
  };
}

/** A detector's channel: its scores and predictions (validated by jobFromTable). */
export function detectorChannel(detector: DetectorColumns): ChannelInput {
  if (detector.score.length !== detector.rows.length || detector.prediction.length !== detector.rows.length) {
    throw new RangeError(`detector "${detector.detector}": ${detector.rows.length} rows but ${detector.score.length} scores and ${detector.prediction.length} predictions`);
  }
  return { prediction: detector.prediction, score: detector.score };
}
