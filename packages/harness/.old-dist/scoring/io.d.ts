import { type Dataset } from '../dataset.js';
import type { ScoringRow } from './types.js';
export interface PredictionFileRow {
    /** 1-based line in the file (header = 1). */
    readonly line: number;
    readonly key: string;
    readonly id: string;
    readonly detector: string;
    /** From the file's label column; undefined when it has none. */
    readonly label: 'real' | 'fake' | undefined;
    /** NaN when the file has no usable score. */
    readonly score: number;
    /** null when the detector gave no prediction for this image. */
    readonly prediction: 0 | 1 | null;
    readonly columns: Readonly<Record<string, string>>;
}
export interface PredictionFile {
    readonly path: string;
    readonly format: 'semibench' | 'reference';
    readonly columns: readonly string[];
    readonly rows: readonly PredictionFileRow[];
}
/** The reference name of a detector (`de-fake`, `DE-FAKE`, `defake` → `De-Fake`), or the name itself. */
export declare function canonicalDetectorName(name: string): string;
/** `universalfakedetect_preds.csv` → `UniversalFakeDetect`; `crossefficient_labels_and_preds.csv` → `CrossEfficientNet`. */
export declare function detectorNameFromFile(path: string): string;
/** "1", "1.0", "true" → 1; "0", "0.0", "false" → 0; empty / NaN → null (no prediction). */
export declare function parsePrediction(raw: string | undefined, where: string): 0 | 1 | null;
/** Reads one prediction file, recognising its format from the header. */
export declare function readPredictionFile(path: string, options?: {
    detector?: string;
}): Promise<PredictionFile>;
export interface ScoredRowCounts {
    detector: string;
    /** Rows of the frame (dataset rows, or the file's rows without a dataset). */
    rows: number;
    /** Rows with a prediction, scored. */
    scored: number;
    /** Rows without a prediction (dropped, as the paper did). */
    missing: number;
    /** Prediction rows whose image_path is not in the dataset (ignored). */
    unmatched: number;
}
export interface JoinedPredictions {
    readonly input: Array<{
        detector: string;
        rows: ScoringRow[];
    }>;
    readonly counts: ScoredRowCounts[];
}
/**
 * Joins prediction files to a dataset (or to their own metadata columns) and builds the scoring
 * rows of every detector, in frame order. Detectors appear in the order first met.
 */
export declare function joinPredictions(files: readonly PredictionFile[], slices: readonly string[], dataset?: Dataset): JoinedPredictions;
//# sourceMappingURL=io.d.ts.map