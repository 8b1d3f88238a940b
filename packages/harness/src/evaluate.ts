import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { join, resolve } from 'node:path';
import type { DetectorInput, Logger, OptionValue, PluginContext, PluginOptions } from './contract.js';
import { loadDataset, type Dataset, type DatasetRow } from './dataset.js';
import type { LoadedPlugin, PluginLoader, PluginSource } from './plugins/loader.js';
import { describeInput } from './preprocess/index.js';
import {
  CsvAppender,
  ERROR_COLUMNS,
  PREDICTION_COLUMNS,
  RUN_FILES,
  errorRow,
  predictionRow,
  writeFileAtomic,
  writeScores,
} from './report/files.js';
import { createDetector, runDetectors, type ActiveDetector, type PredictionCache, type PredictionRecord, type RunProgress, type RunSummary } from './runner.js';
import { KNOWN_SLICE_COLUMNS, scoreDetectors, type ScoreRecord, type ScoringRow } from './scoring/index.js';

const require = createRequire(import.meta.url);
/** This package's version, recorded in every manifest. */
export const SEMIBENCH_VERSION: string = (require('../package.json') as { version: string }).version;

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
  selectRows?: (rows: readonly DatasetRow[]) => { rows: readonly DatasetRow[]; description: Record<string, OptionValue> };
  /** Extra dataset provenance (e.g. a hub revision) for the manifest. */
  datasetProvenance?: Record<string, OptionValue>;
  cache?: PredictionCache;
  refresh?: boolean;
  cacheDir: string;
  logger: Logger;
  timeoutMs?: number;
  maxErrors?: number;
  chunkSize?: number;
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
  semibench: { version: string; node: string; platform: string; arch: string };
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
  counts?: RunSummary;
  error?: string;
}

export interface EvaluateResult {
  outDir: string;
  manifest: RunManifest;
  scores: ScoreRecord[];
  predictions: PredictionRecord[];
  summary: RunSummary;
}

/** Default slices: known slice columns that the metadata has and that hold at least one value. */
export function defaultSlices(dataset: Dataset, rows: readonly DatasetRow[]): string[] {
  return KNOWN_SLICE_COLUMNS.filter((c) => dataset.columns.includes(c) && rows.some((r) => (r.columns[c] ?? '') !== ''));
}

/** Joins predictions to their rows for scoring, in dataset order per detector. */
export function scoringInput(
  detectorNames: readonly string[],
  predictions: readonly PredictionRecord[],
  rows: readonly DatasetRow[],
  slices: readonly string[],
  threshold: number,
): Array<{ detector: string; rows: ScoringRow[] }> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return detectorNames.map((detector) => {
    const own = predictions.filter((p) => p.detector === detector);
    const scoreOf = new Map(own.map((p) => [p.key, p.score]));
    const out: ScoringRow[] = [];
    for (const row of rows) {
      const score = scoreOf.get(row.key);
      if (score === undefined || !byKey.has(row.key)) continue;
      const groups: Record<string, string> = {};
      for (const s of slices) groups[s] = row.columns[s] ?? '';
      out.push({ key: row.key, cluster: row.id, label: row.label === 'fake' ? 1 : 0, score, prediction: score >= threshold ? 1 : 0, groups });
    }
    return { detector, rows: out };
  });
}

function manifestEntry(d: ActiveDetector): DetectorManifestEntry {
  const meta = d.loaded.plugin.meta;
  const entry: DetectorManifestEntry = {
    name: d.name,
    plugin: meta.name,
    version: meta.version,
    apiVersion: meta.apiVersion,
    source: d.loaded.source,
    identity: d.identity,
    input: describeInput(d.input),
    inputSpec: d.input,
    needsMask: meta.needsMask ?? false,
    needsColumns: meta.needsColumns ?? [],
    trainedOn: meta.trainedOn ?? [],
    batchSize: d.batchSize,
    storeKey: d.storeKey,
  };
  if (meta.description) entry.description = meta.description;
  return entry;
}

/**
 * The eval path, one way: dataset → runner → predictions → scores → report files.
 * Every file is written inside `out`; predictions and errors are appended as they are made.
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  const seed = options.seed ?? 0;
  const resamples = options.resamples ?? 1000;
  const threshold = options.threshold ?? 0.5;
  const confidence = options.confidence ?? 0.95;
  const resample = options.resample ?? 'cluster';
  if (!(threshold >= 0 && threshold <= 1)) throw new Error(`--threshold must be in [0, 1], got ${threshold}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`--confidence must be in (0, 1), got ${confidence}`);
  if (!Number.isInteger(resamples) || resamples < 0) throw new Error(`--bootstrap must be a non-negative integer, got ${resamples}`);
  if (options.detectors.length === 0) throw new Error('no detector given: use --detector NAME|PATH|PACKAGE (try --detector noise-inconsistency), or list detectors in semibench.config.*');

  const dataset = typeof options.dataset === 'string' ? await loadDataset(options.dataset) : options.dataset;
  const selected = options.selectRows ? options.selectRows(dataset.rows) : { rows: dataset.rows, description: undefined };
  const rows = selected.rows;
  const slices = options.slices ? [...options.slices] : defaultSlices(dataset, rows);
  for (const s of slices) {
    if (!dataset.columns.includes(s)) throw new Error(`--slice ${s}: no such column in ${dataset.metadataPath}. Columns: ${dataset.columns.join(', ')}`);
  }

  const outDir = resolve(options.out);
  await mkdir(outDir, { recursive: true });
  const controller = new AbortController();
  const context: PluginContext = { seed, cacheDir: options.cacheDir, baseDir: options.loader.cwd, logger: options.logger, signal: controller.signal };

  // Load and create every detector before touching the data, so a bad plugin fails in seconds.
  const loaded: Array<{ request: DetectorRequest; plugin: LoadedPlugin<'detector'> }> = [];
  for (const request of options.detectors) loaded.push({ request, plugin: await options.loader.load('detector', request.spec) });
  const detectors: ActiveDetector[] = [];
  const names = new Set<string>();
  try {
    for (const { request, plugin } of loaded) {
      const createOptions: Parameters<typeof createDetector>[1] = { context, options: request.options ?? {} };
      if (request.as) createOptions.name = request.as;
      if (request.batchSize) createOptions.batchSize = request.batchSize;
      const d = await createDetector(plugin, createOptions);
      if (names.has(d.name)) throw new Error(`two detectors are named "${d.name}"; give one another name (config "as", or --detector spec=NAME)`);
      names.add(d.name);
      detectors.push(d);
    }

    const manifest: RunManifest = {
      schema: 'semibench.run/1',
      status: 'running',
      semibench: { version: SEMIBENCH_VERSION, node: process.version, platform: platform(), arch: arch() },
      startedAt: new Date().toISOString(),
      dataset: {
        spec: dataset.spec,
        root: dataset.root,
        metadata: dataset.metadataPath,
        metadataSha256: dataset.metadataSha256,
        rows: dataset.rows.length,
        selectedRows: rows.length,
        columns: dataset.columns,
        renamedColumns: dataset.renamedColumns,
      },
      detectors: detectors.map(manifestEntry),
      scoring: { seed, resamples, resample, confidence, threshold, slices: ['overall', ...slices] },
    };
    if (options.command) manifest.command = options.command;
    if (selected.description) manifest.dataset.selection = selected.description;
    if (options.datasetProvenance) manifest.dataset.provenance = options.datasetProvenance;
    const manifestPath = join(outDir, RUN_FILES.manifest);
    await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

    const predictionsCsv = new CsvAppender(join(outDir, RUN_FILES.predictions), PREDICTION_COLUMNS);
    const errorsCsv = new CsvAppender(join(outDir, RUN_FILES.errors), ERROR_COLUMNS);
    await predictionsCsv.open();
    await errorsCsv.open();
    const predictions: PredictionRecord[] = [];
    let summary: RunSummary;
    try {
      summary = await runDetectors(detectors, rows, {
        root: dataset.root,
        seed,
        logger: options.logger,
        signal: controller.signal,
        ...(options.cache ? { cache: options.cache } : {}),
        ...(options.refresh ? { refresh: true } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxErrors !== undefined ? { maxErrors: options.maxErrors } : {}),
        ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        onPredictions: async (records) => {
          predictions.push(...records);
          await predictionsCsv.append(records.map((r) => predictionRow(r, threshold)));
        },
        onErrors: async (errors) => {
          await errorsCsv.append(errors.map(errorRow));
        },
      });
    } catch (error) {
      manifest.status = 'failed';
      manifest.finishedAt = new Date().toISOString();
      manifest.error = (error as Error).message;
      await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      throw error;
    }

    const scores = await scoreDetectors(scoringInput(detectors.map((d) => d.name), predictions, rows, slices, threshold), {
      slices,
      resamples,
      seed,
      confidence,
      resample,
    });
    await writeScores(outDir, scores);
    manifest.status = Object.keys(summary.failed).length ? 'failed' : 'complete';
    manifest.finishedAt = new Date().toISOString();
    manifest.counts = summary;
    await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    return { outDir, manifest, scores, predictions, summary };
  } finally {
    for (const d of detectors) await d.instance.dispose?.();
  }
}
