import type { DatasetRow } from '../dataset.js';
import type { PredictionRecord, RowError } from '../runner.js';
import type { ScoreRecord } from '../scoring/index.js';
/** File names inside a run directory. */
export declare const RUN_FILES: {
    readonly predictions: "predictions.csv";
    readonly scores: "scores.csv";
    readonly scoresJson: "scores.json";
    readonly manifest: "manifest.json";
    readonly errors: "errors.csv";
};
export declare const PREDICTION_COLUMNS: readonly ["image_id", "image_path", "detector", "label", "score", "prediction"];
export declare const ERROR_COLUMNS: readonly ["detector", "line", "image_path", "path", "stage", "reason"];
export declare const SCORE_COLUMNS: readonly ["detector", "slice", "group", "metric", "n", "value", "ci_low", "ci_high"];
/** Shortest text that reads back as the same double (JS's own rule), empty for null. */
export declare function formatNumber(value: number | null | undefined): string;
/**
 * Appends rows to a CSV as they arrive, so predictions survive a crash. Rows are written in the
 * order they are handed in (the runner's order is deterministic), and each append is one write.
 */
export declare class CsvAppender {
    readonly path: string;
    private readonly columns;
    private started;
    constructor(path: string, columns: readonly string[]);
    open(): Promise<void>;
    /**
     * Keeps what an interrupted run wrote (minus a line the crash cut short) and appends after it;
     * starts a new file when there is none or its header differs. Returns whether rows were kept.
     */
    reopen(): Promise<boolean>;
    append(rows: ReadonlyArray<ReadonlyArray<string | number>>): Promise<void>;
}
export declare function predictionRow(record: PredictionRecord, threshold: number): Array<string | number>;
export declare function errorRow(error: RowError): Array<string | number>;
/**
 * Cuts a file after its last newline: appends are whole lines, but a process killed during a write
 * can leave part of one. Returns false when the file does not exist or is empty.
 */
export declare function trimToLastLine(path: string): Promise<boolean>;
/**
 * Reads a CSV with a header into records, streaming. Rows that do not have the header's columns
 * (a line cut short by a crash) are skipped with their line numbers in `skipped`.
 */
export declare function readCsvRecords(path: string, required: readonly string[]): Promise<{
    records: Array<Record<string, string>>;
    skipped: number[];
}>;
/**
 * Reads a run's predictions.csv (see PREDICTION_COLUMNS) back into records marked `cached`.
 * Rows cut short are skipped (their line numbers are in `skipped`); rows without a score in
 * [0, 1] or a real/fake label are left out.
 */
export declare function readPredictionsCsv(path: string): Promise<{
    records: PredictionRecord[];
    skipped: number[];
}>;
/** Reads a run's errors.csv back into row errors. */
export declare function readErrorsCsv(path: string): Promise<RowError[]>;
/**
 * The order every finished run's files use, whatever order rows were predicted, recalled or
 * merged in: dataset row order, then detectors in the order given. A resumed, sharded-and-merged
 * or single-machine run of the same inputs therefore writes byte-identical files.
 */
export declare function canonicalOrder<T extends {
    detector: string;
    key: string;
}>(items: readonly T[], rows: readonly DatasetRow[], detectorNames: readonly string[]): T[];
/** Rewrites predictions.csv and errors.csv of a run in canonical order, atomically; returns the predictions in that order. */
export declare function writeRunTables(dir: string, tables: {
    predictions: readonly PredictionRecord[];
    errors: readonly RowError[];
    rows: readonly DatasetRow[];
    detectorNames: readonly string[];
    threshold: number;
}): Promise<PredictionRecord[]>;
/** Writes a file atomically (temp file + rename), so readers never see half a manifest. */
export declare function writeFileAtomic(path: string, contents: string): Promise<void>;
export declare function writeScores(dir: string, records: readonly ScoreRecord[]): Promise<void>;
//# sourceMappingURL=files.d.ts.map