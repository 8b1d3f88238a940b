/**
 * Columnar scoring input. A table holds the rows of a dataset once (cluster, label, each slice's
 * group as a small integer); each detector then names the table rows it scored, with its scores and
 * predictions as typed arrays. Strings are interned once per column while the table is built, so the
 * scoring itself never hashes a string, and several detectors share one table.
 */
import type { ChannelInput, GroupCodes, JobInput } from './plan.js';
import type { ResampleUnit } from './types.js';
import { isFake } from './defaults.js';

export interface ScoringTable {
  readonly size: number;
  /**
   * Row keys (normalised image_path), unique (as the dataset loader guarantees; scoreDetectors checks
   * its rows): named in messages, and the resampling unit in row mode.
   */
  readonly keys: readonly string[];
  /** Cluster (image_id) of each row as an index into `clusterIds`. */
  readonly cluster: Int32Array;
  readonly clusterIds: readonly string[];
  /** fake = 1, real = 0. */
  readonly label: Uint8Array;
  readonly slices: readonly string[];
  /** Per slice: each row's group as an index into `groupValues` of that slice; −1 = empty. */
  readonly groups: readonly GroupCodes[];
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

/** Ids → their order by code unit (`order[r]` = id of rank r) and the rank of each id. */
function sortedRanks(ids: readonly string[]): { order: number[]; rank: Int32Array } {
  const order = ids.map((_, i) => i).sort((a, b) => byCodeUnit(ids[a]!, ids[b]!));
  const rank = new Int32Array(ids.length);
  order.forEach((id, r) => (rank[id] = r));
  return { order, rank };
}

/**
 * Interns the strings of one column: first-seen ids, with a one-entry cache in front of the Map
 * because neighbouring rows (the edits of one image) mostly repeat the previous value.
 */
class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private last: string | undefined = undefined;
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
  private finished = false;
  private readonly keys: string[] = [];
  private cluster: Int32Array;
  private label: Uint8Array;
  private groups: GroupCodes[];
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
    // One byte a row while a column has at most 127 groups (the usual case); widened when it has more.
    this.groups = this.slices.map(() => new Int8Array(size));
    this.interners = this.slices.map(() => new Interner());
  }

  get size(): number {
    return this.n;
  }

  /** Appends a row and returns its index. `groups[slice]` missing or '' leaves the row out of that slice. */
  add(key: string, cluster: string, label: 0 | 1, groups: Readonly<Record<string, string | undefined>>): number {
    if (label !== 0 && label !== 1) throw new TypeError(`row ${this.n} (${key}): label must be 0 (real) or 1 (fake), got ${String(label)}`);
    if (typeof cluster !== 'string' || cluster === '') throw new TypeError(`row ${this.n} (${key}): cluster (the source image_id) is empty`);
    if (this.finished) throw new Error('ScoringTableBuilder.add after finish(): start a new builder');
    const i = this.n;
    if (i === this.label.length) this.grow();
    this.keys.push(key);
    this.cluster[i] = this.clusters.id(cluster);
    this.label[i] = label;
    const slices = this.slices;
    for (let j = 0; j < slices.length; j++) {
      const value = groups[slices[j]!];
      const id = value === undefined || value === '' ? -1 : this.interners[j]!.id(value);
      let column = this.groups[j]!;
      if (id > 127 && !(column instanceof Int32Array) && (id > 32767 || column instanceof Int8Array)) column = this.widen(j, id);
      column[i] = id;
    }
    this.n = i + 1;
    return i;
  }

  private grow(): void {
    const size = this.label.length * 2;
    const bigger = <T extends Int32Array | Uint8Array | GroupCodes>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.cluster = bigger(this.cluster);
    this.label = bigger(this.label);
    this.groups = this.groups.map(bigger);
  }

  /** Column j in a wider type that holds `id`. */
  private widen(j: number, id: number): GroupCodes {
    const old = this.groups[j]!;
    const wider = id > 32767 ? new Int32Array(old.length) : new Int16Array(old.length);
    wider.set(old);
    this.groups[j] = wider;
    return wider;
  }

  /**
   * The table. Ids stay in first-seen order (jobFromTable numbers clusters and cells in code-unit
   * order, so results do not depend on row order).
   */
  finish(): ScoringTable {
    this.finished = true;
    const n = this.n;
    const trim = <T extends Int32Array | Uint8Array | GroupCodes>(a: T): T => (a.length === n ? a : (a.slice(0, n) as T));
    return {
      size: n,
      keys: this.keys,
      cluster: trim(this.cluster),
      clusterIds: this.clusters.values,
      label: trim(this.label),
      slices: this.slices,
      groups: this.groups.map(trim),
      groupValues: this.interners.map((i) => i.values),
    };
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

/** Per table: the code-unit rank of each cluster id, and of each row's key (the unit in row mode), computed once. */
const unitRanks = new WeakMap<ScoringTable, { cluster?: Int32Array; row?: Int32Array }>();
function unitRank(table: ScoringTable, unit: ResampleUnit): Int32Array {
  let ranks = unitRanks.get(table);
  if (!ranks) unitRanks.set(table, (ranks = {}));
  return (ranks[unit] ??= sortedRanks(unit === 'row' ? table.keys : table.clusterIds).rank);
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
  /** The job's rows of a table column (the column itself when the job has every row in order). */
  const pick = <T extends Int32Array | Uint8Array | GroupCodes>(column: T): T => {
    if (identity) return column;
    const out = new (column.constructor as new (k: number) => T)(n);
    for (let i = 0; i < n; i++) out[i] = column[rows[i]!]!;
    return out;
  };

  // Resampling units present, numbered densely in code-unit order of their ids (clusters: the table's
  // first-seen ids are usually already in that order, and then its column is used as it is).
  const rank = unitRank(table, unit);
  const units = rank.length;
  const present = new Uint8Array(units);
  if (unit === 'row') present.set(seen);
  else for (let i = 0; i < n; i++) present[table.cluster[rows[i]!]!] = 1;
  const sortedPresent = new Uint8Array(units);
  for (let u = 0; u < units; u++) if (present[u]) sortedPresent[rank[u]!] = 1;
  const denseOfRank = new Int32Array(units);
  let clusterCount = 0;
  for (let r = 0; r < units; r++) denseOfRank[r] = sortedPresent[r] ? clusterCount++ : -1;
  let unchanged = unit === 'cluster';
  const dense = new Int32Array(units);
  for (let u = 0; u < units; u++) {
    dense[u] = denseOfRank[rank[u]!]!;
    if (dense[u] !== u) unchanged = false;
  }
  let cluster: Int32Array;
  if (unchanged) cluster = pick(table.cluster);
  else {
    cluster = new Int32Array(n);
    const unitOf = unit === 'row' ? null : table.cluster;
    for (let i = 0; i < n; i++) cluster[i] = dense[unitOf ? unitOf[rows[i]!]! : rows[i]!]!;
  }

  // Cells: groups present among the rows, in code-unit order.
  const cells: Cell[] = [{ slice: 'overall', group: 'all' }];
  const groups: GroupCodes[] = [];
  const groupCell: Int32Array[] = [];
  for (const slice of slices) {
    const j = table.slices.indexOf(slice);
    if (j < 0) throw new RangeError(`${name}: slice "${slice}" is not a column of the scoring table (it has ${table.slices.join(', ') || 'none'})`);
    const column = pick(table.groups[j]!);
    const values = table.groupValues[j]!;
    // Every interned value occurs in some table row, so with all rows every group is present.
    const present = new Uint8Array(values.length).fill(identity ? 1 : 0);
    if (!identity) for (let i = 0; i < n; i++) if (column[i]! >= 0) present[column[i]!] = 1;
    const toCell = new Int32Array(values.length).fill(-1);
    for (const g of sortedRanks(values).order) {
      if (!present[g]) continue;
      toCell[g] = cells.length;
      cells.push({ slice, group: values[g]! });
    }
    groups.push(column);
    groupCell.push(toCell);
  }
  return {
    input: { label: pick(table.label), cluster, clusterCount, groups, groupCell, cellCount: cells.length, channels },
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

/**
 * The columnar input of a run: every dataset row once in a table, and per detector the rows it has
 * a prediction for, in dataset order (prediction = score ≥ threshold; the last prediction of a key
 * wins). The same rows as ScoringRows joined the usual way, without building them.
 */
export function scoringColumns(
  detectorNames: readonly string[],
  predictions: ReadonlyArray<{ readonly detector: string; readonly key: string; readonly score: number }>,
  rows: ReadonlyArray<{ readonly key: string; readonly id: string; readonly label: 'real' | 'fake'; readonly columns: Readonly<Record<string, string>> }>,
  slices: readonly string[],
  threshold: number,
): { table: ScoringTable; detectors: DetectorColumns[] } {
  const builder = new ScoringTableBuilder(slices, rows.length);
  const rowOf = new Map<string, number>();
  for (const row of rows) {
    if (rowOf.has(row.key)) throw new Error(`dataset row key "${row.key}" occurs twice; each image must have one row`);
    rowOf.set(row.key, builder.add(row.key, row.id, row.label === 'fake' ? 1 : 0, row.columns));
  }
  const table = builder.finish();
  // Each detector's score per table row, set where it has a prediction.
  const names = [...new Set(detectorNames)];
  const slot = new Map(names.map((name, d) => [name, d]));
  const scores = names.map(() => new Float64Array(table.size));
  const has = names.map(() => new Uint8Array(table.size));
  for (const p of predictions) {
    const d = slot.get(p.detector);
    const r = d === undefined ? undefined : rowOf.get(p.key);
    if (d === undefined || r === undefined) continue;
    scores[d]![r] = p.score;
    has[d]![r] = 1;
  }
  const columns = names.map((detector, d) => {
    const present = has[d]!;
    const all = scores[d]!;
    let count = 0;
    for (let r = 0; r < table.size; r++) count += present[r]!;
    const scored = new Int32Array(count);
    const score = new Float64Array(count);
    const prediction = new Uint8Array(count);
    for (let r = 0, k = 0; r < table.size; r++) {
      if (!present[r]) continue;
      scored[k] = r;
      score[k] = all[r]!;
      prediction[k] = isFake(all[r]!, threshold) ? 1 : 0;
      k++;
    }
    return { detector, rows: scored, score, prediction };
  });
  return { table, detectors: detectorNames.map((name) => columns[slot.get(name)!]!) };
}
