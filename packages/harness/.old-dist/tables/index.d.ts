/**
 * `semibench tables`: the paper's Table 3, Figures 5a/5b/5c, 6, 7 (as plotted and as written)
 * and Table 4, recomputed from per-image predictions with bootstrap intervals (spec §8).
 */
import type { Dataset } from '../dataset.js';
import { type PredictionFile, type ScoredRowCounts } from '../scoring/io.js';
import type { ScoreRecord } from '../scoring/types.js';
import { type BuiltTables } from './build.js';
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
export declare function computeTables(files: readonly PredictionFile[], dataset: Dataset | undefined, options: TablesOptions): Promise<TablesResult>;
//# sourceMappingURL=index.d.ts.map