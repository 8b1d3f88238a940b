import { mkdir } from 'node:fs/promises';
import { arch, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import type { DetectorInput, Logger, OptionValue, PluginContext, PluginOptions } from './contract.js';
import { auditRun, type AuditFinding } from './audit/index.js';
import { BLIND_DEFAULTS, blindKeyPart, prepareBlindRun, type BlindManifest, type BlindRun, type BlindSettings, type DetectorBlindness } from './blind/index.js';
import { loadDataset, type Dataset, type DatasetRow } from './dataset.js';
import type { LoadedPlugin, PluginLoader } from './plugins/loader.js';
import { describeInput } from './preprocess/index.js';
import {
  CsvAppender,
  ERROR_COLUMNS,
  PREDICTION_COLUMNS,
  RUN_FILES,
  errorRow,
  predictionRow,
  writeManifest,
  writeRunTables,
} from './run/files.js';
import { RUN_SCHEMA, type DetectorManifestEntry, type PredictionRecord, type RowError, type RunManifest, type RunSummary } from './run/types.js';
import { SEMIBENCH_VERSION } from './run/version.js';
import { knownRecords, planResume, type ResumePlan } from './resume.js';
import {
  createDetector,
  runDetectors,
  type ActiveDetector,
  type PredictionCache,
  type RunProgress,
} from './runner.js';
import { Redactor, scrubSecrets } from './util/secrets.js';
import { isolationMode } from './isolation/index.js';
import { lockRunDirectory, removeStaleTempFiles } from './util/run-lock.js';
import { selectShard, type Shard } from './shard.js';
import { DEFAULT_PIXEL_LIMIT } from './util/images.js';
import { removeStaleMapTemps, runMapSink } from './localisation/files.js';
import type { ScoreRecord } from './scoring/index.js';
import { defaultSlices, scoreRun } from './scoring/run.js';
import { trainingOverlap } from './train/overlap.js';
import { parsePerturbations, perturbationName } from './perturb/index.js';
import { checkPerturbable, runPerturbed } from './perturb/sweep.js';
import { notProbability } from './scoring/run.js';

/** Scoring a run lives in scoring/run.ts (merge uses it too); re-exported for callers of evaluate. */
export { scoreRun, scoringInput, type ScoringSettings } from './scoring/run.js';
import { DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_THRESHOLD } from './scoring/defaults.js';

/** The run records and the version live in run/; re-exported for callers of evaluate. */
export { SEMIBENCH_VERSION } from './run/version.js';
export type { DetectorManifestEntry, RunManifest } from './run/types.js';

import type { DetectorRequest } from './plugins/requests.js';
/** Requests live with the option targeting in plugins/requests.ts; re-exported for callers of evaluate. */
export type { DetectorRequest } from './plugins/requests.js';

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
  /** Where path and package detector plugins run: `worker` (own thread under a watchdog, default) or `none` (in-process, for debugging); default SEMIBENCH_ISOLATION. */
  isolation?: string;
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
  /** `--perturb` specs (perturb/index.ts): every detector also runs on each perturbed copy of the images. */
  perturb?: readonly string[];
  /** Side channels opened (--unblind) and --reencode; default: blind, images as they are. */
  blind?: BlindSettings;
  /** Audit the dataset's shortcut features into audit.json (default true; never on a shard). */
  audit?: boolean;
}



export interface EvaluateResult {
  outDir: string;
  manifest: RunManifest;
  scores: ScoreRecord[];
  predictions: PredictionRecord[];
  summary: RunSummary;
  /** The dataset's shortcut features (audit.json); empty on a shard or with audit off. */
  shortcuts: AuditFinding[];
}

export { defaultSlices } from './scoring/run.js';




/** The software a score depends on besides the plugins: Node, the OS, and the image decoders. */
export function platformManifest(): RunManifest['semibench'] {
  const v = sharp.versions as Record<string, string | undefined>;
  const libraries: Record<string, string> = {};
  for (const name of ['sharp', 'vips', 'mozjpeg', 'png', 'webp', 'tiff', 'lcms']) {
    const version = v[name];
    if (version) libraries[name] = version;
  }
  return { version: SEMIBENCH_VERSION, node: process.version, platform: platform(), arch: arch(), osRelease: release(), libraries };
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
    needsMask: d.needsMask,
    needsColumns: d.needsColumns,
    trainedOn: meta.trainedOn ?? [],
    batchSize: d.batchSize,
    storeKey: d.storeKey,
  };
  if (meta.output?.probability === false) entry.probability = false;
  if (meta.description) entry.description = meta.description;
  return entry;
}

/**
 * The eval path, one way: dataset → runner → predictions → scores → report files.
 * Every file is written inside `out`; predictions and errors are appended as they are made, and
 * rewritten in canonical order (dataset rows, then detectors) when the run ends. Started again on
 * the same `out`, it recalls what the earlier run wrote (resume.ts) and predicts only the rest.
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  // Secret values (tokens in options or the environment) are scrubbed from everything written or logged.
  const redactor = new Redactor();
  // One writer per run directory; a run that fails before writing anything leaves no empty folder.
  const runDir = await lockRunDirectory(resolve(options.out), (message) => options.logger.warn(redactor.redact(message)));
  let finished = false;
  try {
    const result = await evaluateScrubbed(options, redactor);
    finished = true;
    return result;
  } catch (error) {
    throw redactor.redactError(error);
  } finally {
    await runDir.release({ removeIfEmpty: !finished });
  }
}

/** The scoring and decoding settings of an eval, defaults applied and checked. */
interface EvalSettings {
  seed: number;
  resamples: number;
  threshold: number;
  confidence: number;
  resample: 'cluster' | 'row';
  limitInputPixels: number;
  /** The parsed --perturb specs; null without any. */
  sweep: ReturnType<typeof parsePerturbations> | null;
}

/** What the stages of one eval share: its options and settings, the rows it scores, where it writes and how it logs. */
interface EvalRun {
  options: EvaluateOptions;
  settings: EvalSettings;
  dataset: Dataset;
  /** The rows selected (a sample, or every row) before sharding, and how they were selected. */
  selected: { rows: readonly DatasetRow[]; description: Record<string, OptionValue> | undefined };
  /** The rows this run predicts: the selection, or the shard's part of it. */
  rows: readonly DatasetRow[];
  slices: string[];
  outDir: string;
  controller: AbortController;
  logger: Logger;
  redactor: Redactor;
}

/** The detectors created so far and the blind run over them: disposed when the eval ends, however it ends. */
interface HeldDetectors {
  detectors: ActiveDetector[];
  blindRun?: BlindRun;
}

async function evaluateScrubbed(options: EvaluateOptions, redactor: Redactor): Promise<EvaluateResult> {
  const settings = evalSettings(options);
  const { dataset, selected, rows, slices } = await selectRows(options);
  const outDir = resolve(options.out);
  await removeStaleTempFiles(outDir, new Set<string>(Object.values(RUN_FILES)));
  await removeStaleMapTemps(outDir);
  const scrub = redactor.redact;
  const logger: Logger = {
    debug: (m) => options.logger.debug(scrub(m)),
    info: (m) => options.logger.info(scrub(m)),
    warn: (m) => options.logger.warn(scrub(m)),
  };
  const run: EvalRun = { options, settings, dataset, selected, rows, slices, outDir, controller: new AbortController(), logger, redactor };

  // Load and create every detector before touching the data, so a bad plugin fails in seconds.
  const plugins = await loadDetectorPlugins(options, redactor);
  const held: HeldDetectors = { detectors: [] };
  try {
    await createDetectors(run, plugins, held.detectors);
    const blindRun = prepareBlindRun(held.detectors, {
      settings: options.blind ?? BLIND_DEFAULTS,
      rows: selected.rows,
      outDir,
      cacheDir: options.cacheDir,
      seed: settings.seed,
      limitInputPixels: settings.limitInputPixels,
      logger,
    });
    held.blindRun = blindRun;
    held.detectors = blindRun.detectors;
    return await runBlind(run, blindRun);
  } finally {
    for (const d of held.detectors) await d.instance.dispose?.();
    await held.blindRun?.presenter?.dispose();
  }
}

/** Defaults applied, each setting checked; also fails early when no detector is given. */
function evalSettings(options: EvaluateOptions): EvalSettings {
  const seed = options.seed ?? 0;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const resample = options.resample ?? 'cluster';
  const limitInputPixels = options.limitInputPixels ?? DEFAULT_PIXEL_LIMIT;
  if (!(threshold >= 0 && threshold <= 1)) throw new Error(`--threshold must be in [0, 1], got ${threshold}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`--confidence must be in (0, 1), got ${confidence}`);
  if (!Number.isInteger(resamples) || resamples < 0) throw new Error(`--bootstrap must be a non-negative integer, got ${resamples}`);
  if (!Number.isInteger(limitInputPixels) || limitInputPixels < 1) throw new Error(`--max-pixels must be a positive integer, got ${limitInputPixels}`);
  const sweep = options.perturb?.length ? parsePerturbations(options.perturb) : null;
  if (options.detectors.length === 0) throw new Error('no detector given: use --detector NAME|PATH|PACKAGE (try --detector noise-inconsistency), or list detectors in semibench.config.*');
  return { seed, resamples, threshold, confidence, resample, limitInputPixels, sweep };
}

/** The dataset, the rows selected from it, this shard's part of them, and the slice columns (checked against the metadata). */
async function selectRows(options: EvaluateOptions): Promise<Pick<EvalRun, 'dataset' | 'selected' | 'rows' | 'slices'>> {
  const dataset = typeof options.dataset === 'string' ? await loadDataset(options.dataset) : options.dataset;
  const selected = options.selectRows ? options.selectRows(dataset.rows) : { rows: dataset.rows, description: undefined };
  const rows = options.shard ? selectShard(selected.rows, options.shard) : selected.rows;
  const slices = options.slices ? [...options.slices] : defaultSlices(dataset, selected.rows);
  for (const s of slices) {
    if (!dataset.columns.includes(s)) throw new Error(`--slice ${s}: no such column in ${dataset.metadataPath}. Columns: ${dataset.columns.join(', ')}`);
  }
  return { dataset, selected, rows, slices };
}

/** Loads each requested plugin; the secrets among its options are redacted from here on. */
async function loadDetectorPlugins(options: EvaluateOptions, redactor: Redactor): Promise<Array<{ request: DetectorRequest; plugin: LoadedPlugin<'detector'> }>> {
  const loaded: Array<{ request: DetectorRequest; plugin: LoadedPlugin<'detector'> }> = [];
  for (const request of options.detectors) {
    const plugin = await options.loader.load('detector', request.spec);
    redactor.addOptions(request.options ?? {}, plugin.plugin.meta.secretOptions);
    loaded.push({ request, plugin });
  }
  return loaded;
}

/** Creates each detector into `created` (so those made before a failure are still disposed); names must be unique. */
async function createDetectors(run: EvalRun, plugins: ReadonlyArray<{ request: DetectorRequest; plugin: LoadedPlugin<'detector'> }>, created: ActiveDetector[]): Promise<void> {
  const { options } = run;
  const context: PluginContext = { seed: run.settings.seed, cacheDir: options.cacheDir, baseDir: options.loader.cwd, logger: run.logger, signal: run.controller.signal };
  const names = new Set<string>();
  for (const { request, plugin } of plugins) {
    const createOptions: Parameters<typeof createDetector>[1] = { context, options: request.options ?? {} };
    if (request.as) createOptions.name = request.as;
    if (request.batchSize) createOptions.batchSize = request.batchSize;
    createOptions.isolation = isolationMode(options.isolation);
    const d = await createDetector(plugin, createOptions);
    if (names.has(d.name)) throw new Error(`two detectors are named "${d.name}"; give one another name with --detector NAME=SPEC (e.g. --detector ${d.name}-2=${request.spec}) or config "as"`);
    names.add(d.name);
    created.push(d);
  }
}

/** The run with its detectors ready: manifest, resume, store registration, predictions, then scores. */
async function runBlind(run: EvalRun, blindRun: BlindRun): Promise<EvaluateResult> {
  const { options, outDir } = run;
  const detectors = blindRun.detectors;
  const detectorNames = detectors.map((d) => d.name);
  if (run.settings.sweep) checkPerturbable(detectors);
  const manifest = runManifest(run, blindRun);
  // An earlier run in the same directory: recall what it wrote (unless --refresh).
  const plan = options.refresh ? undefined : await planResume(outDir, manifest, run.rows);
  const recalled = plan ? knownRecords(plan, run.rows, detectorNames) : [];
  if (plan) {
    manifest.resume = { previousStartedAt: plan.previous.startedAt, previousStatus: plan.previous.status, recalled: recalled.length, notReused: plan.ignored };
    run.logger.info(`${outDir} holds an earlier run (${plan.previous.status}, started ${plan.previous.startedAt}): ${recalled.length} prediction(s) recalled from its predictions.csv`);
    for (const [name, why] of Object.entries(plan.ignored)) run.logger.info(`  ${name}: earlier predictions not reused: ${why}`);
  }
  const manifestPath = join(outDir, RUN_FILES.manifest);
  await writeManifest(manifestPath, manifest, run.redactor.secrets);
  await registerDetectors(run, blindRun);
  const files = await openRunFiles(run, plan, recalled, detectorNames);
  let predicted: Predicted;
  try {
    predicted = await predictRows(run, blindRun, files, plan?.known);
  } catch (error) {
    manifest.status = 'failed';
    manifest.finishedAt = new Date().toISOString();
    manifest.error = run.redactor.redact((error as Error).message);
    await writeManifest(manifestPath, manifest, run.redactor.secrets);
    throw error;
  }
  return finishRun(run, manifest, manifestPath, detectorNames, predicted);
}

/** The manifest of a run just starting: platform, dataset, detectors with their blindness, scoring settings. */
function runManifest(run: EvalRun, blindRun: BlindRun): RunManifest {
  const { options, dataset, selected, rows, settings } = run;
  const { seed, resamples, resample, confidence, threshold, limitInputPixels, sweep } = settings;
  const detectors = blindRun.detectors;
  const manifest: RunManifest = {
    schema: RUN_SCHEMA,
    status: 'running',
    semibench: platformManifest(),
    startedAt: new Date().toISOString(),
    dataset: {
      spec: dataset.spec,
      root: dataset.root,
      metadata: dataset.metadataPath,
      metadataSha256: dataset.metadataSha256,
      rows: dataset.rows.length,
      selectedRows: selected.rows.length,
      columns: dataset.columns,
      renamedColumns: dataset.renamedColumns,
    },
    detectors: detectors.map((d) => ({ ...manifestEntry(d), blind: blindRun.blindness.get(d.name) as DetectorBlindness })),
    blind: blindRun.manifest,
    scoring: { seed, resamples, resample, confidence, threshold, slices: ['overall', ...run.slices] },
    decode: { limitInputPixels },
    store: { path: options.cache ? (options.storePath ?? 'custom') : null, refresh: options.refresh ?? false },
  };
  detectors.forEach((d, i) => {
    const overlap = trainingOverlap(d.instance.trainedOnRows, rows, d.name, run.logger);
    if (overlap) (manifest.detectors[i] as DetectorManifestEntry).trainingOverlap = overlap;
  });
  if (options.command) manifest.command = options.command;
  if (sweep) manifest.perturb = sweep.map(perturbationName);
  if (selected.description) manifest.dataset.selection = selected.description;
  if (options.datasetProvenance) manifest.dataset.provenance = options.datasetProvenance;
  if (options.shard) manifest.shard = { index: options.shard.index, count: options.shard.count, source: options.shard.source, rows: rows.length };
  return manifest;
}

/** Tells the prediction store what each detector's key stands for (identity scrubbed of secrets). */
async function registerDetectors(run: EvalRun, blindRun: BlindRun): Promise<void> {
  for (const d of blindRun.detectors) {
    const meta = d.loaded.plugin.meta;
    await run.options.cache?.register?.(d.storeKey, {
      plugin: meta.name,
      version: meta.version,
      identity: JSON.parse(run.redactor.redact(JSON.stringify(d.identity))) as Record<string, OptionValue>,
      input: describeInput(d.input),
      inputSpec: d.input as unknown as OptionValue,
      needsMask: d.needsMask,
      needsColumns: [...d.needsColumns],
      blind: blindKeyPart(blindRun.blindness.get(d.name) as DetectorBlindness),
    });
  }
}

/** predictions.csv and errors.csv, opened for appending; on a resume, predictions.csv first holds exactly the recalled rows. */
async function openRunFiles(
  run: EvalRun,
  plan: ResumePlan | undefined,
  recalled: PredictionRecord[],
  detectorNames: readonly string[],
): Promise<{ predictionsCsv: CsvAppender; errorsCsv: CsvAppender }> {
  const predictionsCsv = new CsvAppender(join(run.outDir, RUN_FILES.predictions), PREDICTION_COLUMNS);
  const errorsCsv = new CsvAppender(join(run.outDir, RUN_FILES.errors), ERROR_COLUMNS);
  if (plan) {
    // Keep exactly the recalled rows (no stale ones of changed detectors, no line cut short), then append.
    await writeRunTables(run.outDir, { predictions: recalled, errors: [], rows: run.rows, detectorNames, threshold: run.settings.threshold });
    await predictionsCsv.reopen();
  } else await predictionsCsv.open();
  await errorsCsv.open();
  return { predictionsCsv, errorsCsv };
}

/** Everything the detectors produced: predictions and row errors (clean, then perturbed) and the runner's counts. */
interface Predicted {
  predictions: PredictionRecord[];
  errors: RowError[];
  summary: RunSummary;
}

/** Runs every detector over the rows, appending to the run files as results come, then over each perturbed copy. */
async function predictRows(
  run: EvalRun,
  blindRun: BlindRun,
  files: { predictionsCsv: CsvAppender; errorsCsv: CsvAppender },
  alreadyWritten: ResumePlan['known'] | undefined,
): Promise<Predicted> {
  const { options, settings, logger, controller } = run;
  const { seed, limitInputPixels, threshold, sweep } = settings;
  const detectors = blindRun.detectors;
  const predictions: PredictionRecord[] = [];
  const errors: RowError[] = [];
  const summary = await runDetectors(detectors, blindRun.order(run.rows), {
    root: run.dataset.root,
    seed,
    logger,
    signal: controller.signal,
    limitInputPixels,
    maps: runMapSink(run.outDir),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.refresh ? { refresh: true } : {}),
    ...(alreadyWritten ? { known: alreadyWritten } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxErrors !== undefined ? { maxErrors: options.maxErrors } : {}),
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(blindRun.presenter ? { presenter: blindRun.presenter } : {}),
    onPredictions: async (records) => {
      predictions.push(...records);
      const fresh = alreadyWritten ? records.filter((r) => !alreadyWritten.get(r.detector)?.has(r.key)) : records;
      await files.predictionsCsv.append(fresh.map((r) => predictionRow(r, threshold)));
    },
    onErrors: async (rowErrors) => {
      const clean = rowErrors.map((e) => ({ ...e, reason: run.redactor.redact(e.reason) }));
      errors.push(...clean);
      await files.errorsCsv.append(clean.map(errorRow));
    },
  });
  if (sweep) {
    // Clean predictions are `none`; then every detector on every perturbed copy (perturb/sweep.ts).
    for (const p of predictions) p.perturbation = 'none';
    const perturbed = await runPerturbed(detectors, run.rows, sweep, {
      cacheDir: options.cacheDir,
      seed,
      limitInputPixels,
      runner: { seed, logger, signal: controller.signal, limitInputPixels, ...(options.cache ? { cache: options.cache } : {}), ...(options.refresh ? { refresh: true } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) },
      register: async (d, storeKey, perturbation) => options.cache?.register?.(storeKey, { plugin: d.loaded.plugin.meta.name, version: d.loaded.plugin.meta.version, identity: d.identity, input: describeInput(d.input), perturbation }),
    });
    predictions.push(...perturbed.predictions);
    errors.push(...perturbed.errors);
  }
  return { predictions, errors, summary };
}

/** Rewrites the run files in canonical order, scores and audits the run (not a shard), and closes the manifest. */
async function finishRun(run: EvalRun, manifest: RunManifest, manifestPath: string, detectorNames: readonly string[], predicted: Predicted): Promise<EvaluateResult> {
  const { options, outDir, rows, settings } = run;
  const { seed, resamples, resample, confidence, threshold } = settings;
  const { predictions, errors, summary } = predicted;
  for (const name of Object.keys(summary.failed)) summary.failed[name] = run.redactor.redact(summary.failed[name] as string);

  const ordered = await writeRunTables(outDir, { predictions, errors, rows, detectorNames, threshold });
  // A shard's scores would describe a random part of the data: only the merged run is scored.
  const scores = options.shard
    ? []
    : await scoreRun(outDir, detectorNames, ordered, rows, { seed, resamples, resample, confidence, threshold, slices: run.slices, notProbability: notProbability(manifest), ...(manifest.perturb ? { perturbations: manifest.perturb } : {}) });
  const shortcuts = options.shard || options.audit === false ? [] : await auditRun(outDir, rows, { resamples, seed, confidence });
  manifest.status = Object.keys(summary.failed).length ? 'failed' : 'complete';
  manifest.finishedAt = new Date().toISOString();
  manifest.counts = summary;
  await writeManifest(manifestPath, manifest, run.redactor.secrets);
  return { outDir, manifest, scores, predictions: ordered, summary, shortcuts };
}
