/**
 * Scored rows (objects) → the columnar job the bootstrap runs on, through a ScoringTable (see
 * table.ts, which callers holding columns can use directly). Cells are numbered in output order:
 * `overall` first, then each slice in the order asked for, its groups sorted by code unit.
 */
import type { ChannelInput } from './plan.js';
import { ScoringTableBuilder, jobFromTable, type PreparedJob } from './table.js';
import type { ResampleUnit, ScoringRow } from './types.js';

export type { Cell, PreparedJob } from './table.js';
export type { ResampleUnit } from './types.js';

/** The rows the engine scores (one definition, in types.ts; this name is kept for callers). */
export type ScoringRowLike = ScoringRow;

/** What is wrong with a row, or null (checked on every row, so no text is built for good rows). */
function rowProblem(row: ScoringRowLike): string | null {
  if (row.label !== 0 && row.label !== 1) return `label must be 0 (real) or 1 (fake), got ${String(row.label)}`;
  if (row.prediction !== 0 && row.prediction !== 1) return `prediction must be 0 or 1, got ${String(row.prediction)}`;
  if (typeof row.score !== 'number') return 'score must be a number (NaN when the detector gives only a hard prediction)';
  if (typeof row.cluster !== 'string' || row.cluster === '') return 'cluster (the source image_id) is empty';
  return null;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The first key (in row order) that an earlier row already has, or null. Keys are hashed into a
 * typed array and sorted; only keys whose hashes repeat are compared as strings, so a million keys
 * cost a few megabytes instead of a Set of them.
 */
function repeatedKey(rows: readonly ScoringRowLike[]): string | null {
  const hashes = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) hashes[i] = hash32(rows[i]!.key);
  const sorted = hashes.slice().sort();
  const shared = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) shared.add(sorted[i]!);
  if (shared.size === 0) return null;
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    if (!shared.has(hashes[i]!)) continue;
    const key = rows[i]!.key;
    if (seen.has(key)) return key;
    seen.add(key);
  }
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
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const problem = rowProblem(row);
    if (problem) throw new TypeError(`${name}, row ${i} (${row.key}): ${problem}`);
    builder.add(row.key, row.cluster, row.label, row.groups);
  }
  const twice = repeatedKey(rows);
  if (twice !== null) throw new Error(`${name}: row key "${twice}" occurs twice; each image must have at most one prediction per detector`);
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
