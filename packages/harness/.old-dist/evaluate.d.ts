import type { DetectorInput, Logger, OptionValue, PluginOptions } from './contract.js';
import { type Dataset, type DatasetRow } from './dataset.js';
import type { PluginLoader, PluginSource } from './plugins/loader.js';
import { type PredictionCache, type PredictionRecord, type RunProgress, type RunSummary } from './runner.js';
import { type Shard } from './shard.js';
import { type ScoreRecord, type ScoringRow } from './scoring/index.js';
/** This package's version, recorded in every manifest. */
export declare const SEMIBENCH_VERSION: string;
/** A detector as the user asked for it: spec, options and the name it should appear under. */
export interface DetectorRequest {
    spec: string;
    options?: PluginOptions;
    as?: string;
    batchSize?: number;
}
export interface EvaluateOptions {
    /** Dataset directory (eval-set layout). */
    dataset: string | Dataset;
    detectors: readonly DetectorRequest[];
    out: string;
    loader: PluginLoader;
    seed?: number;
    resamples?: number;
    resample?: 'cluster' | 'row';
    threshold?: number;
    confidence?: number;
    /** Slice columns; default: every known slice column present in the metadata. `overall` is always scored. */
    slices?: readonly string[];
    /** Score only these rows (e.g. a sample); recorded in the manifest. */
    selectRows?: (rows: readonly DatasetRow[]) => {
        rows: readonly DatasetRow[];
        description: Record<string, OptionValue>;
    };
    /** Extra dataset provenance (e.g. a hub revision) for the manifest. */
    datasetProvenance?: Record<string, OptionValue>;
    cache?: PredictionCache;
    refresh?: boolean;
    cacheDir: string;
    logger: Logger;
    timeoutMs?: number;
    maxErrors?: number;
    chunkSize?: number;
    /** Run only this shard of the rows; `semibench merge` combines the shards' directories. */
    shard?: Shard;
    /** Largest image, in pixels, that is decoded (sharp's limitInputPixels); larger ones are row errors. */
    limitInputPixels?: number;
    /** Where `cache` keeps its predictions (recorded in the manifest). */
    storePath?: string;
    onProgress?: (progress: RunProgress) => void;
    /** The command line, recorded (secrets must already be redacted). */
    command?: readonly string[];
}
export interface DetectorManifestEntry {
    name: string;
    plugin: string;
    version: string;
    apiVersion: number;
    description?: string;
    source: PluginSource;
    identity: Readonly<Record<string, OptionValue>>;
    input: string;
    inputSpec: DetectorInput;
    needsMask: boolean;
    needsColumns: readonly string[];
    trainedOn: readonly string[];
    batchSize: number;
    storeKey: string;
}
export interface RunManifest {
    schema: 'semibench.run/1';
    status: 'running' | 'complete' | 'failed';
    /** Software and platform; `libraries` are the image decoders' versions (they change pixels). */
    semibench: {
        version: string;
        node: string;
        platform: string;
        arch: string;
        osRelease?: string;
        libraries?: Record<string, string>;
    };
    command?: readonly string[];
    startedAt: string;
    finishedAt?: string;
    dataset: {
        spec: string;
        root: string;
        metadata: string;
        metadataSha256: string;
        rows: number;
        selectedRows: number;
        columns: readonly string[];
        renamedColumns: Readonly<Record<string, string>>;
        selection?: Record<string, OptionValue>;
        provenance?: Record<string, OptionValue>;
    };
    detectors: DetectorManifestEntry[];
    scoring: {
        seed: number;
        resamples: number;
        resample: 'cluster' | 'row';
        confidence: number;
        threshold: number;
        slices: readonly string[];
    };
    /** Decoding limits: images over `limitInputPixels` are row errors, not predictions. */
    decode?: {
        limitInputPixels: number;
    };
    /** Present on a shard's run: which rows it scored (merge the shards with `semibench merge`). */
    shard?: {
        index: number;
        count: number;
        source: string;
        rows: number;
    };
    /** Present on a merged run: the shard directories it was made from. */
    merged?: {
        shards: number;
        runs: string[];
    };
    /** The prediction store used (null with --no-store). */
    store?: {
        path: string | null;
        refresh: boolean;
    };
    /** Present when the run directory held an earlier run whose predictions were recalled. */
    resume?: {
        previousStartedAt: string;
        previousStatus: string;
        recalled: number;
        notReused: Record<string, string>;
    };
    counts?: RunSummary;
    error?: string;
}
export interface ScoringSettings {
    seed: number;
    resamples: number;
    resample: 'cluster' | 'row';
    confidence: number;
    threshold: number;
    /** Slice columns, without `overall` (always scored). */
    slices: readonly string[];
}
export interface EvaluateResult {
    outDir: string;
    manifest: RunManifest;
    scores: ScoreRecord[];
    predictions: PredictionRecord[];
    summary: RunSummary;
}
/** Default slices: known slice columns that the metadata has and that hold at least one value. */
export declare function defaultSlices(dataset: Dataset, rows: readonly DatasetRow[]): string[];
/**
 * Joins predictions to their rows as row objects for `scoreDetectors`, in dataset order per
 * detector. `scoreRun` uses the columnar `scoringColumns` instead (same records, less memory);
 * this form is for callers that build rows themselves, and is the tests' reference for it.
 */
export declare function scoringInput(detectorNames: readonly string[], predictions: readonly PredictionRecord[], rows: readonly DatasetRow[], slices: readonly string[], threshold: number): Array<{
    detector: string;
    rows: ScoringRow[];
}>;
/**
 * Scores predictions and writes scores.csv and scores.json. `eval` and `merge` both end here, so a
 * merged run gives the same bytes as a single-machine run of the same predictions.
 */
export declare function scoreRun(outDir: string, detectorNames: readonly string[], predictions: readonly PredictionRecord[], rows: readonly DatasetRow[], settings: ScoringSettings): Promise<ScoreRecord[]>;
/** The software a score depends on besides the plugins: Node, the OS, and the image decoders. */
export declare function platformManifest(): RunManifest['semibench'];
/** Writes the manifest atomically, with every known secret value scrubbed from it. */
export declare function writeManifest(path: string, manifest: RunManifest, secrets?: readonly string[]): Promise<void>;
/**
 * The eval path, one way: dataset → runner → predictions → scores → report files.
 * Every file is written inside `out`; predictions and errors are appended as they are made, and
 * rewritten in canonical order (dataset rows, then detectors) when the run ends. Started again on
 * the same `out`, it recalls what the earlier run wrote (resume.ts) and predicts only the rest.
 */
export declare function evaluate(options: EvaluateOptions): Promise<EvaluateResult>;
//# sourceMappingURL=evaluate.d.ts.map