/**
 * Scored rows (objects) → the columnar job the bootstrap runs on: cluster indices, one cell index
 * per slice, predictions and scores as typed arrays. Cells are numbered in output order: `overall`
 * first, then each slice in the order asked for, its groups sorted by code unit.
 */
import type { ChannelInput, JobInput } from './plan.js';

export interface ScoringRowLike {
  readonly key: string;
  readonly cluster: string;
  readonly label: 0 | 1;
  readonly score: number;
  readonly prediction: 0 | 1;
  readonly groups: Readonly<Record<string, string>>;
}

export type ResampleUnit = 'cluster' | 'row';

export interface Cell {
  readonly slice: string;
  readonly group: string;
}

export interface PreparedJob {
  readonly input: JobInput;
  readonly cells: readonly Cell[];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What is wrong with a row, or null (checked on every row, so no text is built for good rows). */
function rowProblem(row: ScoringRowLike): string | null {
  if (row.label !== 0 && row.label !== 1) return `label must be 0 (real) or 1 (fake), got ${String(row.label)}`;
  if (row.prediction !== 0 && row.prediction !== 1) return `prediction must be 0 or 1, got ${String(row.prediction)}`;
  if (typeof row.score !== 'number') return 'score must be a number (NaN when the detector gives only a hard prediction)';
  if (typeof row.cluster !== 'string' || row.cluster === '') return 'cluster (the source image_id) is empty';
  return null;
}

/**
 * Builds one job whose channels share the rows: one channel per entry of `channels`, each giving
 * the prediction and score of every row (the rows of channel 0 define labels, clusters and groups).
 */
export function prepareJob(
  name: string,
  rows: readonly ScoringRowLike[],
  channels: ReadonlyArray<readonly ScoringRowLike[]>,
  slices: readonly string[],
  unit: ResampleUnit,
): PreparedJob {
  const n = rows.length;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const problem = rowProblem(row);
    if (problem) throw new TypeError(`${name}, row ${i} (${row.key}): ${problem}`);
    if (seen.has(row.key)) throw new Error(`${name}: row key "${row.key}" occurs twice; each image must have at most one prediction per detector`);
    seen.add(row.key);
  }

  // Clusters sorted by id so that weights do not depend on row order; in row mode each row is its own cluster.
  const clusterOf = (row: ScoringRowLike): string => (unit === 'row' ? row.key : row.cluster);
  const clusterIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) clusterIndex.set(clusterOf(rows[i]!), 0);
  const distinct = [...clusterIndex.keys()].sort(byCodeUnit);
  distinct.forEach((id, i) => clusterIndex.set(id, i));
  const cluster = new Int32Array(n);
  const label = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    cluster[i] = clusterIndex.get(clusterOf(rows[i]!))!;
    label[i] = rows[i]!.label;
  }

  // One sweep over the rows (each row's groups object is read while it is in cache), provisional
  // group ids in first-seen order, then remapped so that cells follow the sorted group values.
  const S = slices.length;
  const provisional = slices.map(() => new Map<string, number>());
  const rowCells = slices.map(() => new Int32Array(n));
  for (let i = 0; i < n; i++) {
    const groups = rows[i]!.groups;
    for (let j = 0; j < S; j++) {
      const value = groups[slices[j]!] ?? '';
      if (value === '') {
        rowCells[j]![i] = -1;
        continue;
      }
      const ids = provisional[j]!;
      let id = ids.get(value);
      if (id === undefined) {
        id = ids.size;
        ids.set(value, id);
      }
      rowCells[j]![i] = id;
    }
  }
  const cells: Cell[] = [{ slice: 'overall', group: 'all' }];
  slices.forEach((slice, j) => {
    const ids = provisional[j]!;
    const remap = new Int32Array(ids.size);
    for (const value of [...ids.keys()].sort(byCodeUnit)) {
      remap[ids.get(value)!] = cells.length;
      cells.push({ slice, group: value });
    }
    const column = rowCells[j]!;
    for (let i = 0; i < n; i++) if (column[i]! >= 0) column[i] = remap[column[i]!]!;
  });

  const channelInputs: ChannelInput[] = channels.map((channelRows) => {
    const prediction = new Uint8Array(n);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = channelRows[i]!;
      prediction[i] = row.prediction;
      score[i] = row.score;
    }
    return { prediction, score };
  });

  return {
    input: { label, cluster, clusterCount: distinct.length, rowCells, cellCount: cells.length, channels: channelInputs },
    cells,
  };
}
