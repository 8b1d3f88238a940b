/**
 * `semibench tables`: the paper's Table 3, Figures 5a/5b/5c, 6, 7 (as plotted and as written)
 * and Table 4, recomputed from per-image predictions with bootstrap intervals (spec §8).
 */
import type { Dataset } from '../dataset.js';
import { scorePixelFiles } from '../localisation/scores.js';
import { joinPredictionColumns, type PredictionFile, type ScoredRowCounts } from '../scoring/io.js';
import { scoreTable } from '../scoring/score.js';
import type { ScoreRecord } from '../scoring/types.js';
import { buildTables, type BuiltTables } from './build.js';
import { derivedColumns } from './columns.js';
import { AS_WRITTEN_SOURCES, SLICE_TABLES, TABLE_SLICES } from './definitions.js';
import { PAIR_SLICE, candidatePairs } from './table4.js';

export * from './definitions.js';
export * from './paper.js';
export * from './table4.js';
export * from './build.js';
export * from './render.js';
export { derivedColumns, type DerivedColumns } from './columns.js';

export interface TablesOptions {
  resamples: number;
  seed: number;
  confidence: number;
  resample: 'cluster' | 'row';
  minN?: number;
  compare?: boolean;
  threads?: number;
}

export interface TablesResult {
  built: BuiltTables;
  records: ScoreRecord[];
  counts: ScoredRowCounts[];
  slices: string[];
}

/**
 * Scores prediction files for every table. The frame (for Table 4's pair counts and the P25/P75
 * edges) is the dataset's metadata when given, else the first file's rows, scored or not — the
 * notebook's "first detector file" (spec §8, Table 4 step 1).
 */
export async function computeTables(files: readonly PredictionFile[], dataset: Dataset | undefined, options: TablesOptions): Promise<TablesResult> {
  if (files.length === 0) throw new Error('no prediction files given');
  const frame = dataset ? dataset.rows.map((r) => ({ ...r.columns, label: r.label })) : files[0]!.rows.map((r) => r.columns);
  const derived = derivedColumns(frame);
  const pairs = candidatePairs(frame);
  const augment = (columns: Readonly<Record<string, string>>): Record<string, string> => {
    const out = derived.derive(columns);
    if (!pairs.has(out[PAIR_SLICE] ?? '')) out[PAIR_SLICE] = ''; // only candidate pairs become cells
    return out;
  };
  const augmentedDataset = dataset ? { ...dataset, rows: dataset.rows.map((r) => ({ ...r, columns: augment(r.columns) })) } : undefined;
  const augmentedFiles = dataset ? files : files.map((f) => ({ ...f, rows: f.rows.map((r) => ({ ...r, columns: augment(r.columns) })) }));
  const available = new Set(Object.keys(frame[0] ?? {}));
  const slices = [
    ...TABLE_SLICES.filter((s) => available.has(s)),
    ...Object.keys(derived.edges),
    ...(pairs.size ? [PAIR_SLICE] : []),
  ];
  const { table, detectors, counts } = joinPredictionColumns(augmentedFiles, slices, augmentedDataset);
  const records = await scoreTable(table, detectors, {
    slices,
    resamples: options.resamples,
    seed: options.seed,
    confidence: options.confidence,
    resample: options.resample,
    ...(options.minN !== undefined ? { minN: options.minN } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
  });
  if (dataset) records.push(...(await scorePixelFiles(files, dataset, { seed: options.seed, resamples: options.resamples, resample: options.resample, confidence: options.confidence, slices: [] })));
  const notes: Record<string, string> = {};
  for (const t of SLICE_TABLES) {
    const e = derived.edges[t.slice];
    if (e) notes[t.id] = `${AS_WRITTEN_SOURCES[t.slice]} edges P25 = ${e[0]!.toPrecision(4)}, P75 = ${e[1]!.toPrecision(4)} over this frame's fakes`;
  }
  const built = buildTables(records, {
    ...(options.minN !== undefined ? { minN: options.minN } : {}),
    ...(options.compare ? { compare: true } : {}),
    pairs,
    notes,
  });
  built.warnings.unshift(...droppedTables(slices, dataset !== undefined));
  return { built, records, counts, slices };
}

/**
 * Names the tables that cannot be built because the rows lack their slice column, and why: a
 * semibench predictions.csv carries no metadata, so without --dataset only Table 3 is possible.
 */
export function droppedTables(slices: readonly string[], withDataset: boolean): string[] {
  const have = new Set(slices);
  const missing = SLICE_TABLES.filter((t) => t.slice !== 'overall' && !have.has(t.slice));
  const lines: string[] = [];
  if (missing.length) {
    const list = missing.map((t) => `${t.title.split(':')[0]} (${AS_WRITTEN_SOURCES[t.slice] ?? t.slice})`);
    const why = withDataset ? "the dataset's metadata has no such column" : 'the prediction files carry no such column; give --dataset DIR (the dataset the predictions were made on) to join its metadata';
    lines.push(`not built: ${[...new Set(list)].join(', ')}: ${why}.`);
  }
  if (!have.has(PAIR_SLICE)) lines.push(`not built: Table 4 (needs mask_name and perturbed_mask_name with pairs of more than 10 rows${withDataset ? '' : '; give --dataset DIR'}).`);
  return lines;
}
