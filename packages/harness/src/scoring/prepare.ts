/**
 * Scored rows (objects) → the columnar job the bootstrap runs on, through a ScoringTable (see
 * table.ts, which callers holding columns can use directly). Cells are numbered in output order:
 * `overall` first, then each slice in the order asked for, its groups sorted by code unit.
 */
import type { ChannelInput } from './plan.js';
import { ScoringTableBuilder, jobFromTable, type PreparedJob } from './table.js';
import type { ResampleUnit } from './types.js';

export type { Cell, PreparedJob } from './table.js';
export type { ResampleUnit } from './types.js';

export interface ScoringRowLike {
  readonly key: string;
  readonly cluster: string;
  readonly label: 0 | 1;
  readonly score: number;
  readonly prediction: 0 | 1;
  readonly groups: Readonly<Record<string, string>>;
}

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
  const builder = new ScoringTableBuilder(slices, n);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const problem = rowProblem(row);
    if (problem) throw new TypeError(`${name}, row ${i} (${row.key}): ${problem}`);
    // One hash operation per key (add, then see whether the set grew).
    const before = seen.size;
    seen.add(row.key);
    if (seen.size === before) throw new Error(`${name}: row key "${row.key}" occurs twice; each image must have at most one prediction per detector`);
    builder.add(row.key, row.cluster, row.label, row.groups);
  }
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
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return jobFromTable(name, builder.finish(), all, channelInputs, [...new Set(slices)], unit);
}
