import type { DetectorInput, DetectorInstance, DetectorItem, Logger, OptionValue, PluginContext, PluginOptions } from './contract.js';
import { type DatasetRow } from './dataset.js';
import type { LoadedPlugin } from './plugins/loader.js';
/** One score produced (or recalled) for one row by one detector. */
export interface PredictionRecord {
    detector: string;
    key: string;
    id: string;
    label: 'real' | 'fake';
    score: number;
    /** True when the score came from the prediction store instead of the model. */
    cached: boolean;
}
/** A row that could not be scored. The run goes on; errors.csv lists these. */
export interface RowError {
    detector: string;
    line: number;
    key: string;
    path: string;
    stage: 'read' | 'decode' | 'predict';
    reason: string;
}
/** A plugin that broke its contract (threw, hung, wrong count, NaN, out of range). Fatal for that detector. */
export declare class DetectorRunError extends Error {
    readonly detector: string;
    constructor(message: string, detector: string);
}
/**
 * Where predictions are remembered across runs (issue: prediction store). Keys are content
 * hashes of the image bytes, so a renamed or re-downloaded file is still recognised.
 */
export interface PredictionCache {
    /** `contentHashes` are prediction input keys (store/keys.ts): the image hash, plus mask/columns/seed when they matter. */
    lookup(detectorKey: string, contentHashes: readonly string[]): Promise<Map<string, number>>;
    save(detectorKey: string, entries: ReadonlyArray<{
        contentHash: string;
        score: number;
    }>): Promise<void>;
    /** Records what a detector key means (plugin, identity, preprocessing), before the first save. */
    register?(detectorKey: string, description: Readonly<Record<string, OptionValue>>): Promise<void>;
}
/** A detector plugin that has been created and is ready to predict. */
export interface ActiveDetector {
    /** Name used in outputs: the alias if one was given, else meta.name. */
    name: string;
    loaded: LoadedPlugin<'detector'>;
    options: PluginOptions;
    instance: DetectorInstance;
    input: DetectorInput;
    batchSize: number;
    /** What besides name@version determines the scores (recorded in the manifest). */
    identity: Readonly<Record<string, OptionValue>>;
    /** Prediction-store key: name@version + identity + preprocessing. */
    storeKey: string;
    /** Whether items carry the row's mask: the instance's declaration, else the plugin meta's. */
    needsMask: boolean;
    /** Metadata columns the items carry: the instance's declaration, else the plugin meta's. */
    needsColumns: readonly string[];
}
export interface CreateDetectorOptions {
    name?: string;
    options?: PluginOptions;
    batchSize?: number;
    context: PluginContext;
}
export declare function createDetector(loaded: LoadedPlugin<'detector'>, opts: CreateDetectorOptions): Promise<ActiveDetector>;
export interface RunProgress {
    /** Rows whose every detector has a score or an error. */
    done: number;
    total: number;
    predicted: number;
    cached: number;
    errors: number;
}
export interface RunOptions {
    /** Dataset root; files must resolve inside it (symlinks included). */
    root: string;
    seed: number;
    /** Rows fetched, decoded and preprocessed together (prefetched while the previous chunk predicts). */
    chunkSize?: number;
    /** Parallel decodes (sharp runs them on libuv's thread pool). */
    decodeConcurrency?: number;
    /** Per-batch predict() timeout. */
    timeoutMs?: number;
    limitInputPixels?: number;
    cache?: PredictionCache;
    /** Ignore cached scores (they are still overwritten with the new ones). */
    refresh?: boolean;
    /**
     * Scores this run already holds, by detector name then row key (an interrupted run's
     * predictions.csv): handed out again as cached, neither predicted nor looked up.
     */
    known?: ReadonlyMap<string, ReadonlyMap<string, number>>;
    logger?: Logger;
    signal?: AbortSignal;
    onPredictions?: (records: readonly PredictionRecord[]) => void | Promise<void>;
    onErrors?: (errors: readonly RowError[]) => void | Promise<void>;
    onProgress?: (progress: RunProgress) => void;
    /** Stop the whole run when more rows than this have failed (per detector). */
    maxErrors?: number;
}
export interface RunSummary {
    predicted: Record<string, number>;
    cached: Record<string, number>;
    errors: Record<string, number>;
    /** Detectors that broke their contract and were stopped, with the reason. */
    failed: Record<string, string>;
}
/** Rejects when `promise` has not settled after `ms` (0 = no limit), aborting `controller` first. */
export declare function withTimeout<T>(promise: Promise<T>, ms: number, controller: AbortController, what: string): Promise<T>;
/** A predict() result checked against the contract: a score per item, or null with the reason the plugin gave. */
export interface CheckedScores {
    scores: (number | null)[];
    errors: (string | null)[];
}
/**
 * Checks a predict() result against the contract. A plain array must hold a number in [0, 1] per
 * item; a PartialScores result may instead hold null for an item the detector cannot score (e.g.
 * no face found), with a reason, which becomes a row error instead of stopping the detector.
 */
export declare function validateScores(detector: ActiveDetector, items: readonly DetectorItem[], result: unknown): CheckedScores;
/**
 * Scores every row with every detector in one pass over the data: each chunk of rows is read and
 * decoded once per distinct input declaration (shared by detectors that declare the same one),
 * the next chunk is prepared while the current one predicts, and results are handed out as soon
 * as each batch returns so a crash loses nothing already computed.
 */
export declare function runDetectors(detectors: readonly ActiveDetector[], rows: readonly DatasetRow[], options: RunOptions): Promise<RunSummary>;
/** Ground truth and slice columns are never handed to a detector, whatever it asks for. */
export declare const FORBIDDEN_COLUMNS: ReadonlySet<string>;
//# sourceMappingURL=runner.d.ts.map