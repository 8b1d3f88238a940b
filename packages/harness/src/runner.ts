import { readFile, stat } from 'node:fs/promises';
import type {
  DetectorInput,
  DetectorInstance,
  DetectorItem,
  LocalisationMap,
  Logger,
  OptionValue,
  PartialScores,
  PluginContext,
  PluginOptions,
} from './contract.js';
import { realPathInside, type DatasetRow } from './dataset.js';
import type { LoadedPlugin } from './plugins/loader.js';
import { describeInput, prepareInput, type PreparedInput } from './preprocess/index.js';
import { inputDependencies, predictionInputKey, type InputDependencies } from './store/keys.js';
import { hashValue, sha256 } from './util/hash.js';
import { mapLimit } from './util/concurrency.js';
import { redactOptions } from './util/secrets.js';
import { createDetectorInstance, handOver, type IsolationMode } from './isolation/index.js';
import { DEFAULT_PIXEL_LIMIT } from './util/images.js';
import { undecodableReason } from './util/undecodable.js';
import { FORBIDDEN_COLUMNS } from './columns/catalogue.js';
import type { EncodedMap, KnownPrediction, MapSink, PredictionCache, PredictionRecord, RowError, RunSummary } from './run/types.js';
import { fullSizeMap, mapProblem } from './localisation/maps.js';

/** The run records live in run/ (report, store and merge read them without the runner); re-exported for callers of the runner. */
export type { KnownPrediction, MapSink, PredictionCache, PredictionRecord, RowError, RunSummary } from './run/types.js';


/** A plugin that broke its contract (threw, hung, wrong count, NaN, out of range). Fatal for that detector. */
export class DetectorRunError extends Error {
  constructor(
    message: string,
    readonly detector: string,
  ) {
    super(message);
    this.name = 'DetectorRunError';
  }
}


/** A detector plugin that has been created and is ready to predict. */
export interface ActiveDetector {
  /** Name used in outputs: the alias if one was given, else the instance's name, else meta.name. */
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
  /** Where the plugin's code runs (isolation/index.ts); default: SEMIBENCH_ISOLATION, else `worker`. */
  isolation?: IsolationMode;
}

export async function createDetector(loaded: LoadedPlugin<'detector'>, opts: CreateDetectorOptions): Promise<ActiveDetector> {
  const { plugin } = loaded;
  const options = opts.options ?? {};
  let instance: DetectorInstance;
  try {
    instance = await createDetectorInstance(loaded, options, opts.context, opts.isolation);
  } catch (error) {
    throw new DetectorRunError(`detector ${plugin.meta.name}@${plugin.meta.version}: create() failed: ${(error as Error).message}`, plugin.meta.name);
  }
  if (!instance || typeof instance.predict !== 'function') {
    throw new DetectorRunError(`detector ${plugin.meta.name}@${plugin.meta.version}: create() must return an object with predict(items).`, plugin.meta.name);
  }
  const input: DetectorInput = instance.input ?? plugin.meta.input ?? { kind: 'path' };
  // The whole identity is redacted (not only the options): a plugin's own identity may carry a URL
  // with userinfo or a token in its query, and identity reaches the manifest, the store and reports.
  const identity: Record<string, OptionValue> = redactOptions(
    { options: redactOptions(options, plugin.meta.secretOptions), ...(instance.identity ?? {}) },
    plugin.meta.secretOptions,
  );
  if (loaded.source.sha256) identity.moduleSha256 = loaded.source.sha256;
  // An instance may refine what it needs once its options are known (e.g. a Python worker's handshake).
  const needsMask = instance.needsMask ?? plugin.meta.needsMask ?? false;
  const needsColumns = [...(instance.needsColumns ?? plugin.meta.needsColumns ?? [])];
  const storeKey = detectorStoreKey(plugin.meta, identity, input, needsMask, needsColumns);
  return {
    name: opts.name ?? (instance.name?.trim() || plugin.meta.name),
    loaded,
    options,
    instance,
    input,
    batchSize: Math.max(1, opts.batchSize ?? plugin.meta.batchSize ?? 16),
    identity,
    storeKey,
    needsMask,
    needsColumns,
  };
}

/** What a detector is shown of a row: see blind/view.ts. */
export interface PresentedRow {
  /** The file that is decoded for the detector (the dataset's, or its --reencode copy). */
  source: string;
  /** `DetectorItem.path`; `key` and `id` replace the row's own in the item. */
  path: string;
  key: string;
  id: string;
}

/** Replaces what a detector sees of a row's file, key and id (blind evaluation, --reencode). */
export interface RowPresenter {
  present(row: DatasetRow, contentHash: string): Promise<PresentedRow>;
  /** The rows' predictions are done: what was made for them may go (bounds the blind view's size). */
  release?(rows: readonly PresentedRow[]): Promise<void>;
}

/**
 * name@version#hash of everything else that determines a detector's scores. `extra` holds what the
 * run adds (blind/unblind settings, --reencode); absent, the key is the one older runs stored.
 */
export function detectorStoreKey(
  meta: { name: string; version: string },
  identity: Readonly<Record<string, OptionValue>>,
  input: DetectorInput,
  needsMask: boolean,
  needsColumns: readonly string[],
  extra?: Readonly<Record<string, OptionValue>>,
): string {
  const parts: Record<string, unknown> = { identity, input: describeInput(input), needsMask, needsColumns };
  if (extra) parts.run = extra;
  return `${meta.name}@${meta.version}#${hashValue(parts)}`;
}

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
  known?: ReadonlyMap<string, ReadonlyMap<string, KnownPrediction>>;
  /** Where localisation maps go; without it, maps that detectors return are dropped. */
  maps?: MapSink;
  logger?: Logger;
  signal?: AbortSignal;
  onPredictions?: (records: readonly PredictionRecord[]) => void | Promise<void>;
  onErrors?: (errors: readonly RowError[]) => void | Promise<void>;
  onProgress?: (progress: RunProgress) => void;
  /** Stop the whole run when more rows than this have failed (per detector). */
  maxErrors?: number;
  /** Shows detectors a neutral file, key and id per row (blind/); absent = the dataset's own. */
  presenter?: RowPresenter;
}


/** A chunk whose rows are read, looked up in the store and preprocessed, ready for predict(). */
interface StagedChunk {
  size: number;
  errors: RowError[];
  /** Rows each detector still has to predict. */
  todo: Map<string, ChunkRow[]>;
  recalled: PredictionRecord[];
  /** Prepared inputs per input-declaration group, by row key. */
  prepared: Map<string, Map<string, PreparedInput | Error>>;
  groupOf: (d: ActiveDetector) => string;
  /** What the presenter made for this chunk's rows, released once they are predicted. */
  shown: PresentedRow[];
}

interface ChunkRow {
  row: DatasetRow;
  /** sha256 of the image bytes, when a cache is in use. */
  contentHash?: string;
  /** sha256 of the mask bytes, when a cache is in use and a detector depends on the mask. */
  maskHash?: string;
  readError?: string;
  /** The mask could not be read: only detectors that depend on it skip the row. */
  maskError?: string;
  /** What detectors are shown of this row, when a presenter is in use. */
  shown?: PresentedRow;
}

/** Rejects when `promise` has not settled after `ms` (0 = no limit), aborting `controller` first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, controller: AbortController, what: string): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`${what} timed out after ${ms} ms`));
      reject(new Error(`${what} timed out after ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A predict() result checked against the contract: a score per item, or null with the reason the plugin gave. */
export interface CheckedScores {
  scores: (number | null)[];
  errors: (string | null)[];
  /** The item's localisation map, when the detector returned `{ score, map }`. */
  maps: (LocalisationMap | null)[];
}

function isPartialScores(value: unknown): value is PartialScores {
  return value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !Array.isArray(value) && 'scores' in value;
}

/** A wrong score named with its type, so `"0.5"` (a string) is not mistaken for 0.5. */
function describeScore(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}, not a number`;
  if (v === null) return 'null (allowed only with a reason, in a { scores, errors } result)';
  if (v === undefined) return 'undefined';
  return `${Array.isArray(v) ? 'an array' : `a ${typeof v}`}, not a number`;
}

/**
 * Checks a predict() result against the contract. A plain array must hold a number in [0, 1] per
 * item; a PartialScores result may instead hold null for an item the detector cannot score (e.g.
 * no face found), with a reason, which becomes a row error instead of stopping the detector.
 */
export function validateScores(detector: ActiveDetector, items: readonly DetectorItem[], result: unknown): CheckedScores {
  const label = `detector ${detector.name} (${detector.loaded.plugin.meta.name}@${detector.loaded.plugin.meta.version})`;
  const sample = items.slice(0, 3).map((i) => i.key).join(', ') + (items.length > 3 ? ', ...' : '');
  const partial = isPartialScores(result);
  const scores: unknown = partial ? result.scores : result;
  if (!Array.isArray(scores) && !(scores instanceof Float32Array) && !(scores instanceof Float64Array)) {
    throw new DetectorRunError(`${label}: predict() returned ${typeof scores}, not an array of scores (items: ${sample}).`, detector.name);
  }
  const arr = scores as ArrayLike<unknown>;
  if (arr.length !== items.length) {
    throw new DetectorRunError(`${label}: predict() returned ${arr.length} scores for ${items.length} items (items: ${sample}).`, detector.name);
  }
  const reasons = partial ? (result.errors ?? []) : [];
  const out: CheckedScores = { scores: new Array<number | null>(arr.length), errors: new Array<string | null>(arr.length).fill(null), maps: new Array<LocalisationMap | null>(arr.length).fill(null) };
  for (let i = 0; i < arr.length; i++) {
    let v = arr[i];
    if (v !== null && typeof v === 'object') {
      // `{ score, map }`: a detector that localises (contract ScoredItem).
      const { score, map } = v as { score?: unknown; map?: unknown };
      if (map !== undefined) {
        const problem = mapProblem(map);
        if (problem) throw new DetectorRunError(`${label}: item ${items[i]?.key}: ${problem}.`, detector.name);
        out.maps[i] = map as LocalisationMap;
      }
      v = score;
    }
    if (partial && v === null) {
      out.scores[i] = null;
      out.errors[i] = `${label} could not score this image: ${reasons[i] ?? 'no reason given'}`;
      continue;
    }
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new DetectorRunError(`${label}: score ${i} is ${describeScore(v)} for item ${items[i]?.key}; scores must be numbers in [0, 1] (or null with a reason, in a { scores, errors } result).`, detector.name);
    }
    if (v < 0 || v > 1) {
      throw new DetectorRunError(`${label}: score ${v} for item ${items[i]?.key} is outside [0, 1]; return the probability that the image is fake.`, detector.name);
    }
    out.scores[i] = v;
  }
  return out;
}

/**
 * What the stages of one runDetectors call share: its detectors and options, the running totals
 * it reports, and which detectors are still active (a detector that breaks the contract leaves).
 */
interface RunState {
  detectors: readonly ActiveDetector[];
  options: RunOptions;
  decodeConcurrency: number;
  summary: RunSummary;
  progress: RunProgress;
  /** Names of the detectors still running; one that breaks its contract is removed. */
  active: Set<string>;
  /** What each detector's scores depend on besides the image (mask, columns, key, seed), by name. */
  deps: ReadonlyMap<string, InputDependencies>;
  /** Whether any detector depends on the mask, i.e. whether masks are read at all. */
  anyNeedsMask: boolean;
}

/**
 * Scores every row with every detector in one pass over the data: each chunk of rows is read and
 * decoded once per distinct input declaration (shared by detectors that declare the same one),
 * the next chunk is prepared while the current one predicts, and results are handed out as soon
 * as each batch returns so a crash loses nothing already computed.
 */
export async function runDetectors(detectors: readonly ActiveDetector[], rows: readonly DatasetRow[], options: RunOptions): Promise<RunSummary> {
  const state = createRunState(detectors, rows.length, options);
  const chunkSize = Math.max(options.chunkSize ?? Math.max(...detectors.map((d) => d.batchSize), 32), 1);
  const chunks: DatasetRow[][] = [];
  for (let i = 0; i < rows.length; i += chunkSize) chunks.push(rows.slice(i, i + chunkSize));

  // Pipeline: while chunk c is in predict(), chunk c+1 is read, looked up in the store, decoded and
  // preprocessed (sharp works on libuv's threads; an ONNX session runs in a worker thread).
  const stage = (c: number): Promise<StagedChunk> => readChunk(state, chunks[c] as DatasetRow[]).then((chunk) => stageChunk(state, chunk));
  let pending = chunks.length ? stage(0) : undefined;
  try {
    for (let c = 0; c < chunks.length; c++) {
      if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('run aborted');
      const staged = await (pending as Promise<StagedChunk>);
      pending = c + 1 < chunks.length ? stage(c + 1) : undefined;
      // A failure in the chunk being staged surfaces when it is awaited; never as an unhandled rejection.
      pending?.catch(() => undefined);
      await predictChunk(state, staged);
      await options.presenter?.release?.(staged.shown);
      state.progress.done += staged.size;
      options.onProgress?.({ ...state.progress });
    }
  } finally {
    // A run that stops early (--max-errors, abort, a failed write) still has the next chunk in
    // staging: let it finish before the caller cleans up, or it writes into a blind view being removed.
    await pending?.catch(() => undefined);
  }
  return state.summary;
}

/** Zeroed totals for every detector, all of them active, and what each one's scores depend on. */
function createRunState(detectors: readonly ActiveDetector[], total: number, options: RunOptions): RunState {
  const summary: RunSummary = { predicted: {}, cached: {}, errors: {}, failed: {} };
  for (const d of detectors) {
    summary.predicted[d.name] = 0;
    summary.cached[d.name] = 0;
    summary.errors[d.name] = 0;
  }
  const deps = new Map<string, InputDependencies>(
    detectors.map((d) => [d.name, inputDependencies(d.input, d.needsMask, d.needsColumns)]),
  );
  return {
    detectors,
    options,
    decodeConcurrency: Math.max(1, options.decodeConcurrency ?? 4),
    summary,
    progress: { done: 0, total, predicted: 0, cached: 0, errors: 0 },
    active: new Set(detectors.map((d) => d.name)),
    deps,
    anyNeedsMask: detectors.some((d) => (deps.get(d.name) as InputDependencies).mask),
  };
}

function depsOf(state: RunState, d: ActiveDetector): InputDependencies {
  return state.deps.get(d.name) as InputDependencies;
}

/** The prediction-store key of a row for a detector: the hashes of what its score depends on. */
function inputKeyOf(state: RunState, d: ActiveDetector, r: ChunkRow): string {
  return predictionInputKey(
    depsOf(state, d),
    { image: r.contentHash as string, mask: r.maskHash ?? '' },
    { key: r.row.key, columns: r.row.columns, seed: state.options.seed },
  );
}

/** Checks that a file stays inside the root and is a non-empty file; returns its sha256 when a cache is in use. */
async function readFileChecked(options: RunOptions, file: string, what: string): Promise<string | undefined> {
  const real = await realPathInside(options.root, file);
  const info = await stat(real);
  if (info.isDirectory()) throw new Error(`${what} ${file} is a directory, not a file`);
  if (info.size === 0) throw new Error(`${what} ${file} is empty (0 bytes)`);
  return options.cache || options.presenter ? sha256(await readFile(real)) : undefined;
}

function readProblem(file: string, what: string, error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return `${what === 'image' ? '' : `${what} `}file not found: ${file}`;
  const message = errorMessage(error);
  return message.startsWith(`${what} ${file}`) ? message : `cannot read ${what === 'image' ? '' : `${what} `}${file}: ${message}`;
}

/** Stage 1 of a chunk: checks each row's image (and mask, when a detector needs it) and hashes them. */
function readChunk(state: RunState, chunk: readonly DatasetRow[]): Promise<ChunkRow[]> {
  const { options } = state;
  return mapLimit(chunk, state.decodeConcurrency, async (row): Promise<ChunkRow> => {
    const out: ChunkRow = { row };
    try {
      const hash = await readFileChecked(options, row.path, 'image');
      if (hash) out.contentHash = hash;
    } catch (error) {
      return { row, readError: readProblem(row.path, 'image', error) };
    }
    if (state.anyNeedsMask && row.maskPath) {
      try {
        const hash = await readFileChecked(options, row.maskPath, 'mask');
        if (hash) out.maskHash = hash;
      } catch (error) {
        out.maskError = readProblem(row.maskPath, 'mask', error);
      }
    }
    return out;
  });
}

/** Stage 2 of a chunk: what each detector still needs, shown through the presenter, decoded and preprocessed. */
async function stageChunk(state: RunState, chunk: ChunkRow[]): Promise<StagedChunk> {
  const errors: RowError[] = [];
  const recalled: PredictionRecord[] = [];
  const todo = new Map<string, ChunkRow[]>();
  for (const d of state.detectors) {
    if (!state.active.has(d.name)) continue;
    todo.set(d.name, await rowsToPredict(state, d, chunk, recalled, errors));
  }
  if (state.options.presenter) await presentRows(state, chunk, todo, errors);
  // A mask-crop step needs the mask as much as a detector that asks for it.
  const groupOf = (d: ActiveDetector): string => `${describeInput(d.input)}|mask=${depsOf(state, d).mask ? 1 : 0}`;
  const prepared = await prepareInputGroups(state, todo, groupOf);
  const shown = chunk.flatMap((r) => (r.shown ? [r.shown] : []));
  return { size: chunk.length, errors, todo, recalled, prepared, groupOf, shown };
}

/**
 * The rows of a chunk a detector still has to predict: scores this run already holds, then the
 * prediction store, are recalled instead; rows that could not be read are its row errors.
 */
async function rowsToPredict(state: RunState, d: ActiveDetector, chunk: readonly ChunkRow[], recalled: PredictionRecord[], errors: RowError[]): Promise<ChunkRow[]> {
  const { options } = state;
  const recall = (r: ChunkRow, score: number, mapPath?: string) =>
    recalled.push({ detector: d.name, key: r.row.key, id: r.row.id, label: r.row.label, score, cached: true, ...(mapPath ? { mapPath } : {}) });
  const known = options.refresh ? undefined : options.known?.get(d.name);
  const need: ChunkRow[] = [];
  for (const r of chunk) {
    const held = known?.get(r.row.key);
    if (held !== undefined) recall(r, held.score, held.mapPath);
    else if (r.readError) errors.push({ detector: d.name, line: r.row.line, key: r.row.key, path: r.row.path, stage: 'read', reason: r.readError });
    else if (r.maskError && depsOf(state, d).mask) errors.push({ detector: d.name, line: r.row.line, key: r.row.key, path: r.row.maskPath ?? r.row.path, stage: 'read', reason: r.maskError });
    else need.push(r);
  }
  if (!options.cache || options.refresh || !need.length) return need;
  const keys = need.map((r) => inputKeyOf(state, d, r));
  const hits = await options.cache.lookup(d.storeKey, keys);
  const maps = options.maps && hits.size && options.cache.lookupMaps ? await options.cache.lookupMaps(d.storeKey, [...hits.keys()]) : undefined;
  const missing: ChunkRow[] = [];
  for (let i = 0; i < need.length; i++) {
    const r = need[i] as ChunkRow;
    const hit = hits.get(keys[i] as string);
    const map = maps?.get(keys[i] as string);
    if (hit === undefined) missing.push(r);
    else recall(r, hit, map && options.maps ? await options.maps.put(d.name, map) : undefined);
  }
  return missing;
}

/** Prepares each row's input once per distinct declaration (group), for every detector that declares it. */
async function prepareInputGroups(
  state: RunState,
  todo: ReadonlyMap<string, ChunkRow[]>,
  groupOf: (d: ActiveDetector) => string,
): Promise<Map<string, Map<string, PreparedInput | Error>>> {
  const { options } = state;
  const groups = new Map<string, { input: DetectorInput; needsMask: boolean; rows: Map<string, ChunkRow> }>();
  for (const d of state.detectors) {
    const need = todo.get(d.name);
    if (!need?.length) continue;
    const g = groupOf(d);
    let group = groups.get(g);
    if (!group) groups.set(g, (group = { input: d.input, needsMask: depsOf(state, d).mask, rows: new Map() }));
    for (const r of need) group.rows.set(r.row.key, r);
  }
  const prepared = new Map<string, Map<string, PreparedInput | Error>>();
  for (const [g, group] of groups) {
    const list = [...group.rows.values()];
    const results = await mapLimit(list, state.decodeConcurrency, async (r): Promise<PreparedInput | Error> => {
      try {
        const prepOptions: { seed: number; key: string; maskPath?: string; limitInputPixels?: number } = { seed: options.seed, key: r.row.key };
        if (group.needsMask && r.row.maskPath) prepOptions.maskPath = r.row.maskPath;
        if (options.limitInputPixels !== undefined) prepOptions.limitInputPixels = options.limitInputPixels;
        return await prepareInput(r.shown?.source ?? r.row.path, group.input, prepOptions);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
    // Decoder messages are unreliable while decodes run in parallel (util/undecodable.ts): explain failures one at a time.
    for (let i = 0; i < results.length; i++) {
      const result = results[i];
      if (result instanceof Error) results[i] = new Error(await decodeFailure(options, result.message, (list[i] as ChunkRow).row));
    }
    prepared.set(g, new Map(list.map((r, i) => [r.row.key, results[i] as PreparedInput | Error])));
  }
  return prepared;
}

/** Stage 3 of a chunk: hands out recalled scores, predicts what is left, then reports the chunk's row errors. */
async function predictChunk(state: RunState, staged: StagedChunk): Promise<void> {
  await handOutRecalled(state, staged.recalled);
  // The last detector to read a prepared input may have its buffers moved instead of copied.
  const lastUser = new Map<string, string>();
  for (const d of state.detectors) if (state.active.has(d.name) && staged.todo.get(d.name)?.length) lastUser.set(staged.groupOf(d), d.name);
  for (const d of state.detectors) {
    const need = staged.todo.get(d.name);
    if (!state.active.has(d.name) || !need?.length) continue;
    await predictWithDetector(state, staged, d, need, lastUser.get(staged.groupOf(d)) === d.name);
  }
  await reportRowErrors(state, staged.errors);
}

async function handOutRecalled(state: RunState, recalled: readonly PredictionRecord[]): Promise<void> {
  if (!recalled.length) return;
  for (const r of recalled) state.summary.cached[r.detector] = (state.summary.cached[r.detector] ?? 0) + 1;
  state.progress.cached += recalled.length;
  await state.options.onPredictions?.(recalled);
}

/**
 * One detector over the rows of a chunk it needs, batch by batch. A row whose input could not be
 * prepared is a decode error; a detector that breaks its contract is stopped and leaves the run.
 */
async function predictWithDetector(state: RunState, staged: StagedChunk, d: ActiveDetector, need: readonly ChunkRow[], lastUser: boolean): Promise<void> {
  const inputs = staged.prepared.get(staged.groupOf(d)) as Map<string, PreparedInput | Error>;
  const items: DetectorItem[] = [];
  const itemRows: ChunkRow[] = [];
  for (const r of need) {
    const p = inputs.get(r.row.key);
    if (p instanceof Error || p === undefined) {
      staged.errors.push({ detector: d.name, line: r.row.line, key: r.row.key, path: r.row.path, stage: 'decode', reason: p ? p.message : 'not prepared' });
      continue;
    }
    items.push(toItem(d, r, p));
    itemRows.push(r);
  }
  if (lastUser) handOver(items);
  try {
    for (let b = 0; b < items.length; b += d.batchSize) {
      const batch = items.slice(b, b + d.batchSize);
      const batchRows = itemRows.slice(b, b + d.batchSize);
      await predictBatch(state, d, batch, batchRows, inputs, staged.errors);
    }
  } catch (error) {
    if (!(error instanceof DetectorRunError)) throw error;
    state.summary.failed[d.name] = error.message;
    state.active.delete(d.name);
    state.options.logger?.warn(error.message);
  }
}

/** One predict() call: checked, stored, then handed out; a row the detector could not score is a predict error. */
async function predictBatch(
  state: RunState,
  d: ActiveDetector,
  batch: readonly DetectorItem[],
  batchRows: readonly ChunkRow[],
  inputs: ReadonlyMap<string, PreparedInput | Error>,
  errors: RowError[],
): Promise<void> {
  const { options } = state;
  const checked = validateScores(d, batch, await callPredict(d, batch, options.timeoutMs));
  const scored: Array<{ r: ChunkRow; score: number; map?: EncodedMap }> = [];
  for (let i = 0; i < batchRows.length; i++) {
    const r = batchRows[i] as ChunkRow;
    const score = checked.scores[i];
    if (score === null || score === undefined) {
      errors.push({ detector: d.name, line: r.row.line, key: r.row.key, path: r.row.path, stage: 'predict', reason: checked.errors[i] ?? 'no score' });
      continue;
    }
    const map = checked.maps[i];
    scored.push(map ? { r, score, map: await mapOf(d, r.row, inputs.get(r.row.key) as PreparedInput, map) } : { r, score });
  }
  // Persist first: a crash after this line loses nothing. Map files are written before the rows that name them.
  if (options.cache && scored.length) await options.cache.save(d.storeKey, scored.map(({ r, score, map }) => ({ contentHash: inputKeyOf(state, d, r), score, ...(map ? { map } : {}) })));
  const records: PredictionRecord[] = [];
  for (const { r, score, map } of scored) {
    const record: PredictionRecord = { detector: d.name, key: r.row.key, id: r.row.id, label: r.row.label, score, cached: false };
    if (map && options.maps) record.mapPath = await options.maps.put(d.name, map);
    records.push(record);
  }
  await options.onPredictions?.(records);
  state.summary.predicted[d.name] = (state.summary.predicted[d.name] ?? 0) + records.length;
  state.progress.predicted += records.length;
}

/** The detector's raw predict() result; a throw or a timeout becomes a DetectorRunError naming the batch. */
async function callPredict(d: ActiveDetector, batch: readonly DetectorItem[], timeoutMs: number | undefined): Promise<unknown> {
  const controller = new AbortController();
  const what = `detector ${d.name} (${d.loaded.plugin.meta.name}@${d.loaded.plugin.meta.version}) on ${batch.length} item(s) starting at ${batch[0]?.key}`;
  try {
    return await withTimeout(Promise.resolve().then(() => d.instance.predict(batch, controller.signal)), timeoutMs ?? 0, controller, what);
  } catch (error) {
    const why = controller.signal.aborted ? `predict() timed out after ${timeoutMs} ms (--timeout)` : `predict() failed: ${errorMessage(error)}`;
    throw new DetectorRunError(`${what}: ${why}`, d.name);
  }
}

/** Counts and hands out a chunk's row errors; stops the run once a detector has more than --max-errors. */
async function reportRowErrors(state: RunState, errors: readonly RowError[]): Promise<void> {
  const { options, summary } = state;
  if (!errors.length) return;
  for (const e of errors) summary.errors[e.detector] = (summary.errors[e.detector] ?? 0) + 1;
  state.progress.errors += errors.length;
  await options.onErrors?.(errors);
  if (options.maxErrors === undefined) return;
  for (const [name, count] of Object.entries(summary.errors)) {
    if (count > options.maxErrors) {
      throw new Error(`detector ${name}: ${count} rows failed, more than --max-errors ${options.maxErrors}; see errors.csv. Predictions made so far are kept.`);
    }
  }
}

/** A returned map at the image's full size; a map of the wrong size breaks the contract. */
async function mapOf(d: ActiveDetector, row: DatasetRow, prepared: PreparedInput, map: LocalisationMap): Promise<EncodedMap> {
  try {
    return await fullSizeMap(map, prepared, row.path);
  } catch (error) {
    throw new DetectorRunError(`detector ${d.name} (${d.loaded.plugin.meta.name}@${d.loaded.plugin.meta.version}): item ${row.key}: ${errorMessage(error)}; return the map at the size of the input the detector received.`, d.name);
  }
}

/** A stable reason for a failed prepareInput: what is wrong with the image or mask file, or the preprocessing error itself. */
async function decodeFailure(options: RunOptions, message: string, row: DatasetRow): Promise<string> {
  const limit = options.limitInputPixels ?? DEFAULT_PIXEL_LIMIT;
  const file = message.startsWith(`cannot decode image ${row.path}:`) ? row.path : row.maskPath && message.startsWith(`cannot decode mask ${row.maskPath} `) ? row.maskPath : undefined;
  if (!file) return message;
  try {
    return await undecodableReason(file, file === row.path ? 'image' : 'mask', limit);
  } catch {
    return message;
  }
}

/** Hands each row still to predict to the presenter once; a row it cannot present is a decode error for whoever needs it. */
async function presentRows(state: RunState, chunk: readonly ChunkRow[], todo: Map<string, ChunkRow[]>, errors: RowError[]): Promise<void> {
  const presenter = state.options.presenter as RowPresenter;
  const wanted = new Set([...todo.values()].flat());
  const failed = new Map<ChunkRow, string>();
  await mapLimit(chunk.filter((r) => wanted.has(r)), state.decodeConcurrency, async (r) => {
    try {
      r.shown = await presenter.present(r.row, r.contentHash as string);
    } catch (error) {
      failed.set(r, errorMessage(error));
    }
  });
  if (!failed.size) return;
  for (const [name, need] of todo) {
    todo.set(name, need.filter((r) => !failed.has(r)));
    for (const r of need) {
      const reason = failed.get(r);
      if (reason) errors.push({ detector: name, line: r.row.line, key: r.row.key, path: r.row.path, stage: 'decode', reason });
    }
  }
}

/** The item a detector receives for a row: what the presenter shows of it, its prepared input, the mask and columns it asked for. */
function toItem(d: ActiveDetector, r: ChunkRow, p: PreparedInput): DetectorItem {
  const row = r.row;
  const shown = r.shown ?? { path: row.path, key: row.key, id: row.id };
  const item: { -readonly [K in keyof DetectorItem]: DetectorItem[K] } = { id: shown.id, key: shown.key, path: shown.path };
  if (d.needsMask && row.maskPath) item.maskPath = row.maskPath;
  if (p.pixels) item.pixels = p.pixels;
  if (p.tensor) item.tensor = p.tensor;
  if (p.mask) item.mask = p.mask;
  if (d.needsColumns.length) {
    const cols: Record<string, string> = {};
    for (const c of d.needsColumns) cols[c] = FORBIDDEN_COLUMNS.has(c) ? '' : (row.columns[c] ?? '');
    item.columns = cols;
  }
  return item;
}

/** Ground truth and what describes the edit are never handed to a detector, whatever it asks for (kept in the column catalogue). */
export { FORBIDDEN_COLUMNS } from './columns/catalogue.js';
