/**
 * The records a run directory holds, as types: what the runner produces, what the files store and
 * what report, store, merge and diff read. The orchestrator (evaluate.ts) and the runner import
 * these; nothing here imports them.
 */
import type { BlindManifest, DetectorBlindness } from '../blind/policy.js';
import type { DetectorInput, OptionValue } from '../contract.js';
import type { PluginSource } from '../plugins/loader.js';

/** The run-format version, in every manifest; readers refuse any other. */
export const RUN_SCHEMA = 'semibench.run/1';

/** One score produced (or recalled) for one row by one detector. */
export interface PredictionRecord {
  detector: string;
  key: string;
  id: string;
  label: 'real' | 'fake';
  score: number;
  /** True when the score came from the prediction store instead of the model. */
  cached: boolean;
  /** The detector's localisation map (8-bit PNG at the image's full size), relative to the run directory. */
  mapPath?: string;
}

/** A prediction a run already holds (its predictions.csv), handed out again instead of predicted. */
export interface KnownPrediction {
  score: number;
  mapPath?: string;
}

/** Where the runner puts localisation maps: the run directory (localisation/files.ts), which names the file. */
export interface MapSink {
  /** Stores one map of `detector`; returns its path relative to the run directory. */
  put(detector: string, map: EncodedMap): Promise<string>;
}

/** A localisation map at the image's full size, as run directories and the store keep it: 8-bit greyscale PNG bytes and their sha256. */
export interface EncodedMap {
  readonly png: Uint8Array;
  readonly sha256: string;
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

/**
 * Where predictions are remembered across runs (issue: prediction store). Keys are content
 * hashes of the image bytes, so a renamed or re-downloaded file is still recognised.
 */
export interface PredictionCache {
  /** `contentHashes` are prediction input keys (store/keys.ts): the image hash, plus mask/columns/seed when they matter. */
  lookup(detectorKey: string, contentHashes: readonly string[]): Promise<Map<string, number>>;
  /** The maps stored with some of those predictions (a cache without maps leaves this out). */
  lookupMaps?(detectorKey: string, contentHashes: readonly string[]): Promise<Map<string, EncodedMap>>;
  /** `map`: the prediction's localisation map at full size, kept by content hash (a cache may ignore it). */
  save(detectorKey: string, entries: ReadonlyArray<{ contentHash: string; score: number; map?: EncodedMap }>): Promise<void>;
  /** Records what a detector key means (plugin, identity, preprocessing), before the first save. */
  register?(detectorKey: string, description: Readonly<Record<string, OptionValue>>): Promise<void>;
}

/** Rows predicted, recalled and failed per detector (the manifest's `counts`). */
export interface RunSummary {
  predicted: Record<string, number>;
  cached: Record<string, number>;
  errors: Record<string, number>;
  /** Detectors that broke their contract and were stopped, with the reason. */
  failed: Record<string, string>;
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
  /** Present when the detector was fitted on rows of this run (train/overlap.ts). */
  trainingOverlap?: TrainingOverlap;
  /** What the detector could learn besides the pixels (absent in runs made before blind evaluation). */
  blind?: DetectorBlindness;
}

/** Rows of a run that a fitted detector was trained on (its model card's training data). */
export interface TrainingOverlap {
  /** Fingerprint of the detector's training data (its model card). */
  fingerprint: string;
  /** Scored rows that were training rows (same image_path key). */
  rows: number;
  /** Scored rows whose source image (image_id) was in the training data, training rows included. */
  sourceImageRows: number;
  /** Up to 5 of the overlapping keys, for the message. */
  examples: string[];
}

export interface RunManifest {
  schema: typeof RUN_SCHEMA;
  status: 'running' | 'complete' | 'failed';
  /** Software and platform; `libraries` are the image decoders' versions (they change pixels). */
  semibench: { version: string; node: string; platform: string; arch: string; osRelease?: string; libraries?: Record<string, string> };
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
  scoring: { seed: number; resamples: number; resample: 'cluster' | 'row'; confidence: number; threshold: number; slices: readonly string[] };
  /** Blind evaluation: side channels opened, row order, --reencode (absent in older runs: not blind). */
  blind?: BlindManifest;
  /** Decoding limits: images over `limitInputPixels` are row errors, not predictions. */
  decode?: { limitInputPixels: number };
  /** Present on a shard's run: which rows it scored (merge the shards with `semibench merge`). */
  shard?: { index: number; count: number; source: string; rows: number };
  /** Present on a merged run: the shard directories it was made from. */
  merged?: { shards: number; runs: string[] };
  /** The prediction store used (null with --no-store). */
  store?: { path: string | null; refresh: boolean };
  /** Present when the run directory held an earlier run whose predictions were recalled. */
  resume?: { previousStartedAt: string; previousStatus: string; recalled: number; notReused: Record<string, string> };
  counts?: RunSummary;
  error?: string;
}
