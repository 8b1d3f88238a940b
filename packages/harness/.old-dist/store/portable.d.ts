import { type Dataset } from '../dataset.js';
import type { ImportCounts, PredictionStore, StoredDetector } from './sqlite.js';
export declare const EXPORT_COLUMNS: readonly ["image_id", "image_path", "detector", "label", "score", "prediction", "store_key", "input_key"];
export declare const RAW_EXPORT_COLUMNS: readonly ["store_key", "input_key", "score", "created_at"];
/** Picks one detector of the store, or explains which ones `query` could mean. */
export declare function resolveStoredDetector(store: PredictionStore, query: string): StoredDetector;
export interface ExportToDatasetOptions {
    /** Seed of the runs whose predictions are exported (matters only for seeded crops). */
    seed?: number;
    /** Value of the `detector` column (default: the plugin name). */
    name?: string;
    threshold?: number;
}
export interface ExportCounts {
    rows: number;
    exported: number;
    /** Dataset rows without a stored prediction (never scored, or scored from other inputs). */
    missing: number;
    /** Rows whose image (or mask) could not be read. */
    unreadable: number;
}
/** Writes a detector's predictions for a dataset's rows as a scorable predictions CSV. */
export declare function exportToDataset(store: PredictionStore, detector: StoredDetector, dataset: Dataset, path: string, options?: ExportToDatasetOptions): Promise<ExportCounts>;
/** Writes every prediction of a detector, keyed by input key (for another store). */
export declare function exportRaw(store: PredictionStore, detector: StoredDetector, path: string): Promise<number>;
/** Imports an export CSV (either form) or another store file. Malformed lines stop the import with their line number. */
export declare function importPredictions(store: PredictionStore, path: string, options?: {
    replace?: boolean;
}): Promise<ImportCounts>;
//# sourceMappingURL=portable.d.ts.map