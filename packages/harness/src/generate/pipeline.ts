import { createReadStream, existsSync } from 'node:fs';
import { appendFile, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, parse as parsePath, relative, resolve } from 'node:path';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type {
  EditorInstance,
  Logger,
  MetricInstance,
  OptionValue,
  PerturberInstance,
  PluginContext,
  PluginMeta,
  RasterImage,
  SemanticMagnitude,
} from '../contract.js';
import { resolveInside } from '../dataset.js';
import type { LoadedPlugin, PluginLoader, PluginSource } from '../plugins/loader.js';
import type { PluginRequest } from '../plugins/requests.js';
import { pilResize } from '../imaging/pil-resample.js';
import { writeFileAtomic } from '../run/files.js';
import { hashValue } from '../util/hash.js';
import { redactOptions, scrubSecrets, secretEnvValues } from '../util/secrets.js';
import { binarizeMask, decodeRgb, encodePng } from '../util/images.js';
import { mapLimit } from '../util/concurrency.js';
import { parsePyListOrString } from '../util/pylist.js';
import { Rng, deriveSeed } from '../util/rng.js';
import { binTable, EVALSET_LEADING_COLUMNS, TRAILING_COLUMNS, type BinEdges, type TableRow } from '../columns/index.js';
import { binnedColumns } from '../columns/metric-bins.js';
import { decodeMaskGrey, prepareInpaintMask } from '../imaging/mask-prep.js';
import { p2pMaskPath, splitMetricResult } from '../localisation/change-mask.js';
import { encodeMap } from '../localisation/maps.js';
import { computeSceneAttributes, normaliseSceneImageId, type SceneBinEdges, type SceneResult } from './scene.js';
import { evaluateQc, localization, DEFAULT_QC_THRESHOLDS, type QcThresholds } from './qc.js';

/** A plugin as the user asked for it. */
export type { PluginRequest } from '../plugins/requests.js';

/** A row's decoded source image and mask, shared by its editors. */
interface RowSource {
  readonly image: RasterImage;
  readonly mask: RasterImage;
  readonly preparedMask: RasterImage;
}

/** One row of the generation input (`metadata.csv`, one row per mask; spec §2.1). */
export interface GenerationInputRow {
  line: number;
  image_id: string;
  image_path: string;
  dataset: string;
  entities: string;
  class: string;
  mask_id: string;
  mask_path: string;
  mask_name: string;
  ratio: string;
}

export interface GenerateOptions {
  /** Directory with metadata.csv, images/ and masks/ (the Semi-Truths generation input layout). */
  input: string;
  out: string;
  loader: PluginLoader;
  /** Label perturber (default: the offline `rules`). Ignored when `perturbations` is given. */
  perturber?: PluginRequest;
  /** A `metadata_pert.json` of earlier perturbations to use instead of a perturber (spec §2.1). */
  perturbations?: string;
  editors: readonly PluginRequest[];
  metrics: readonly PluginRequest[];
  seed?: number;
  /** Only the first N mask rows. */
  limit?: number;
  /** Keep rows already written to `out` and generate only the rest. */
  resume?: boolean;
  /** Rows in flight at once (remote editors and LLMs benefit; local editors are CPU-bound). */
  concurrency?: number;
  qcThresholds?: Partial<QcThresholds>;
  /** Reference quirks kept for parity (spec §10). */
  parity?: { celebaStemMatch?: boolean; localizationConstants?: boolean; dropCelebaStrayR?: boolean };
  cacheDir: string;
  logger: Logger;
  onProgress?: (p: { done: number; total: number; errors: number; skipped: number }) => void;
}

/** The eval-set columns generation writes, in order (spec §2.2), before the metric columns. */
const BASE_COLUMNS = [...EVALSET_LEADING_COLUMNS, 'quality_flag'];

const MAGNITUDES: readonly SemanticMagnitude[] = ['small', 'medium', 'large'];
const GENERATE_DIR = '.generate';
const JOURNAL = 'journal.jsonl';

/** What one finished edit leaves in the journal: enough to write its metadata row without redoing it. */
interface JournalEntry {
  type: 'edit';
  maskId: string;
  editor: string;
  imagePath: string;
  values: Record<string, string | number | null>;
  settings?: Record<string, string | number | boolean>;
  seed: number;
  /** Size of the source image: localisation uses its area and diagonal. */
  sourceWidth: number;
  sourceHeight: number;
  /** p2p edits: the change mask written under p2p_masks/ (the row's mask_path). */
  changeMaskPath?: string;
}
interface JournalError {
  type: 'error';
  maskId: string;
  editor?: string;
  stage: string;
  reason: string;
}

interface Perturbation {
  target: string | null;
  magnitude: SemanticMagnitude;
  flagged: boolean;
  source: string;
}

export interface GenerateResult {
  out: string;
  rows: number;
  reals: number;
  fakes: number;
  errors: number;
  skippedMasks: number;
  resumed: number;
}

/** Reads the generation input's metadata.csv (or metadata_flat.csv), with line numbers for errors. */
export async function readGenerationInput(inputDir: string): Promise<GenerationInputRow[]> {
  const file = ['metadata.csv', 'metadata_flat.csv'].map((n) => join(inputDir, n)).find((f) => existsSync(f));
  if (!file) throw new Error(`${inputDir}: no metadata.csv; the generation input needs metadata.csv, images/ and masks/ (spec §2.1).`);
  const required = ['image_id', 'image_path', 'dataset', 'mask_id', 'mask_path', 'mask_name'];
  const rows: GenerationInputRow[] = [];
  const problems: string[] = [];
  const parser = createReadStream(file).pipe(parse({ bom: true, columns: true, skip_empty_lines: true, info: true }));
  for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const r = rec.record;
    if (rows.length === 0 && problems.length === 0) {
      const missing = required.filter((c) => !(c in r));
      if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(', ')}; found ${Object.keys(r).join(', ')}`);
    }
    const line = rec.info.lines;
    for (const c of required) if (!(r[c] ?? '').trim()) problems.push(`${file}:${line}: ${c} is empty`);
    for (const c of ['image_path', 'mask_path'] as const) {
      const res = resolveInside(inputDir, r[c] ?? '');
      if (res.problem) problems.push(`${file}:${line}: ${c} ${res.problem}`);
    }
    rows.push({
      line,
      image_id: r.image_id ?? '',
      image_path: r.image_path ?? '',
      dataset: r.dataset ?? '',
      entities: r.entities ?? '[]',
      class: r.class ?? '',
      mask_id: r.mask_id ?? '',
      mask_path: r.mask_path ?? '',
      mask_name: r.mask_name ?? '',
      ratio: r.ratio ?? '',
    });
  }
  const seen = new Map<string, number>();
  for (const r of rows) {
    const earlier = seen.get(r.mask_id);
    if (earlier !== undefined) problems.push(`${file}:${r.line}: mask_id ${r.mask_id} duplicates line ${earlier}`);
    seen.set(r.mask_id, r.line);
  }
  if (problems.length) throw new Error(`${file}: ${problems.length} problem(s); nothing was generated:\n  ${problems.slice(0, 25).join('\n  ')}`);
  return rows;
}

interface PertObject {
  id: string;
  mask_path?: string;
  target?: string;
  sem_magnitude?: string;
  target_qual_flag?: boolean;
}

/**
 * Looks a row's perturbation up in a `metadata_pert.json` (spec §3.2): by image id (or
 * `CelebA_<id>`), then the object whose `id` equals the mask id; the reference's file-stem rule
 * is the fallback (and, with `celebaStemMatch`, the only rule for CelebAHQ, as the reference did).
 */
export function findPerturbation(file: Record<string, { objects?: PertObject[] }>, row: GenerationInputRow, celebaStemMatch = false): PertObject | undefined {
  const entry = file[row.image_id] ?? file[`CelebA_${row.image_id}`];
  const objects = entry?.objects ?? [];
  const byStem = () => objects.find((o) => o.mask_path !== undefined && parsePath(o.mask_path).name === row.mask_id);
  if (celebaStemMatch && row.dataset === 'CelebAHQ') return byStem();
  return objects.find((o) => o.id === row.mask_id) ?? byStem();
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A loaded plugin and the instance created from it. */
interface EditorPlugin {
  loaded: LoadedPlugin<'editor'>;
  instance: EditorInstance;
}
interface MetricPlugin {
  loaded: LoadedPlugin<'metric'>;
  instance: MetricInstance;
}
interface PerturberPlugin {
  loaded: LoadedPlugin<'perturber'>;
  instance: PerturberInstance;
}
type PerturbationsFile = Record<string, { objects?: PertObject[] }>;

/** Where the labels' perturbations come from: a `metadata_pert.json` given by the user, or a perturber plugin. */
type PerturbationSource = { kind: 'file'; file: PerturbationsFile } | { kind: 'perturber'; perturber: PerturberPlugin };

interface Plugins {
  editors: EditorPlugin[];
  metrics: MetricPlugin[];
  perturbations: PerturbationSource;
}

/** A perturbation as the journal keeps it, so resume does not ask the perturber (or an LLM) again. */
type PerturbRecord = { type: 'perturb'; maskId: string } & Perturbation;

/** The journal of finished work under `.generate/`: what a resumed run recalls, and where new work is appended. */
interface Journal {
  /** Finished edits by `maskId|model`. */
  readonly edits: ReadonlyMap<string, JournalEntry>;
  /** Finished perturbations by mask id. */
  readonly perturbations: ReadonlyMap<string, Perturbation>;
  append(entry: JournalEntry | JournalError | PerturbRecord): Promise<void>;
}

/** What every stage after the set-up shares: the input rows, the loaded plugins and the journal. */
interface GenerationRun {
  readonly options: GenerateOptions;
  readonly seed: number;
  readonly input: string;
  readonly out: string;
  /** The mask rows to generate (after `limit`). */
  readonly rows: readonly GenerationInputRow[];
  /** Every source image of those rows, for editors that draw donors from the set (splice). */
  readonly sourceImages: readonly string[];
  readonly signal: AbortSignal;
  readonly plugins: Plugins;
  readonly journal: Journal;
}

/** A mask with its perturbation and its finished edits (none when the label filter skipped it). */
interface MaskOutcome {
  row: GenerationInputRow;
  pert: Perturbation;
  edits: JournalEntry[];
}

/** What the row stage collects for the table stage, and the counts progress reports. */
interface RowOutcomes {
  readonly perMask: MaskOutcome[];
  readonly errors: JournalError[];
  skippedMasks: number;
}

type Cell = string | number | null;
type OutputRow = Record<string, Cell>;

/** The rows of the generated dataset, before binning. */
interface GeneratedTable {
  reals: OutputRow[];
  fakes: OutputRow[];
  /** The journal entry of each fake, same index. */
  fakeEdits: JournalEntry[];
}

/** The bin columns added to the fakes, and their edges for bins.json. */
interface Binning {
  quintiles: BinEdges[];
  thirds: BinEdges[];
  categoryColumns: string[];
  ccMean: number | null;
}

/**
 * `semibench generate`: perturb each mask's label, edit the image with every editor, compute QC
 * and change metrics, then bin, localise and write a dataset in the eval-set layout that
 * `semibench eval` reads unchanged. Every finished edit is journaled, so a crash loses at most the
 * rows in flight and `resume` continues where it stopped.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const seed = options.seed ?? 0;
  const input = resolve(options.input);
  const out = resolve(options.out);
  const work = join(out, GENERATE_DIR);
  await prepareOutput(out, work, options.resume === true);

  const allRows = await readGenerationInput(input);
  // Scene attributes are computed on the whole input, so `limit` does not move their bin edges.
  const scene = computeSceneAttributes(allRows, { dropCelebaStrayR: options.parity?.dropCelebaStrayR ?? false });
  const rows = options.limit !== undefined ? allRows.slice(0, options.limit) : allRows;

  const controller = new AbortController();
  const context: PluginContext = { seed, cacheDir: options.cacheDir, baseDir: options.loader.cwd, logger: options.logger, signal: controller.signal };
  const plugins = await loadPlugins(options, context);
  const journal = await openJournal(work, out, options.resume === true);
  const sourceImages = [...new Set(rows.map((r) => join(input, r.image_path)))].sort();
  const run: GenerationRun = { options, seed, input, out, rows, sourceImages, signal: controller.signal, plugins, journal };

  const outcomes = await processRows(run);
  const thresholds = { ...DEFAULT_QC_THRESHOLDS, ...options.qcThresholds };
  const table = await assembleTable(run, outcomes, scene, thresholds);
  const metricColumns = [...new Set(plugins.metrics.flatMap((m) => m.loaded.plugin.meta.columns))];
  const binning = binFakes(table, plugins.metrics, metricColumns, options.parity?.localizationConstants ?? false);

  const all = [...table.reals, ...table.fakes];
  await writeDataset(out, [...BASE_COLUMNS, ...metricColumns, ...TRAILING_COLUMNS, ...binning.categoryColumns], all, binning, scene, outcomes.errors);
  await writeManifest(run, outcomes, table, thresholds);
  return { out, rows: all.length, reals: table.reals.length, fakes: table.fakes.length, errors: outcomes.errors.length, skippedMasks: outcomes.skippedMasks, resumed: journal.edits.size };
}

/** A fresh run starts from an empty dataset; a resumed one keeps what is there (the journal says what is finished). */
async function prepareOutput(out: string, work: string, resume: boolean): Promise<void> {
  if (!resume) {
    for (const p of ['original', 'inpainting', 'metadata.csv', 'bins.json', 'generation.json', 'errors.csv', GENERATE_DIR]) await rm(join(out, p), { recursive: true, force: true });
  }
  await mkdir(work, { recursive: true });
}

/** Loads and creates every plugin first, so a bad one fails before any image is touched. */
async function loadPlugins(options: GenerateOptions, context: PluginContext): Promise<Plugins> {
  if (options.editors.length === 0) throw new Error('no editor given: use --editor NAME (built-ins: telea, splice, sdwebui)');
  const editors: EditorPlugin[] = [];
  for (const req of options.editors) {
    const loaded = await options.loader.load('editor', req.spec);
    editors.push({ loaded, instance: await loaded.plugin.create(req.options ?? {}, context) });
  }
  const metrics: MetricPlugin[] = [];
  for (const req of options.metrics) {
    const loaded = await options.loader.load('metric', req.spec);
    metrics.push({ loaded, instance: await loaded.plugin.create(req.options ?? {}, context) });
  }
  // The model name is the edit's folder and id: two editors with one name would overwrite each other.
  const models = editors.map((e) => e.instance.model);
  if (new Set(models).size !== models.length) throw new Error(`two editors produce the same model name (${models.join(', ')}); give one a different option set or name`);

  let perturbations: PerturbationSource;
  if (options.perturbations) {
    perturbations = { kind: 'file', file: JSON.parse(await readFile(resolve(options.perturbations), 'utf8')) as PerturbationsFile };
  } else {
    const req = options.perturber ?? { spec: 'rules' };
    const loaded = await options.loader.load('perturber', req.spec);
    perturbations = { kind: 'perturber', perturber: { loaded, instance: await loaded.plugin.create(req.options ?? {}, context) } };
  }
  return { editors, metrics, perturbations };
}

/** Opens the journal; on resume, recalls the perturbations and the edits whose image is still on disk. */
async function openJournal(work: string, out: string, resume: boolean): Promise<Journal> {
  const path = join(work, JOURNAL);
  const edits = new Map<string, JournalEntry>();
  const perturbations = new Map<string, Perturbation>();
  if (resume && existsSync(path)) {
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      let entry: JournalEntry | JournalError | PerturbRecord;
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue; // a torn last line from a crash: that edit is simply redone
      }
      // Recalled only with its image still on disk and the source size localisation needs (older journals lack it).
      if (entry.type === 'edit' && typeof entry.sourceWidth === 'number' && existsSync(join(out, entry.imagePath))) edits.set(`${entry.maskId}|${entry.editor}`, entry);
      if (entry.type === 'perturb') perturbations.set(entry.maskId, entry);
    }
  }
  return { edits, perturbations, append: async (entry) => appendFile(path, `${JSON.stringify(entry)}\n`) };
}

/** Perturbs and edits every row (`concurrency` at once), then releases the plugins. */
async function processRows(run: GenerationRun): Promise<RowOutcomes> {
  const outcomes: RowOutcomes = { perMask: [], errors: [], skippedMasks: 0 };
  const total = run.rows.length;
  let finished = 0;
  await mapLimit(run.rows, run.options.concurrency ?? 1, async (row) => {
    await processRow(run, outcomes, row);
    finished++;
    run.options.onProgress?.({ done: finished, total, errors: outcomes.errors.length, skipped: outcomes.skippedMasks });
  });
  for (const e of run.plugins.editors) await e.instance.dispose?.();
  for (const m of run.plugins.metrics) await m.instance.dispose?.();
  if (run.plugins.perturbations.kind === 'perturber') await run.plugins.perturbations.perturber.instance.dispose?.();
  return outcomes;
}

/** One mask: perturb its label, then edit it with every editor. A row's failure is journaled, not thrown. */
async function processRow(run: GenerationRun, outcomes: RowOutcomes, row: GenerationInputRow): Promise<void> {
  // 1. Perturb (or recall) the label; the magnitude is drawn by the seeded RNG per mask.
  let pert = run.journal.perturbations.get(row.mask_id);
  if (!pert) {
    try {
      pert = await perturbRow(run, row);
    } catch (e) {
      if (isFatalPluginError(e)) throw e;
      await recordError(run, outcomes, { type: 'error', maskId: row.mask_id, stage: 'perturb', reason: errorText(e) });
      return;
    }
    await run.journal.append({ type: 'perturb', maskId: row.mask_id, ...pert });
  }
  // 2. Label filter (spec §3.2): flagged or empty perturbations are not edited.
  if (pert.flagged || !pert.target) {
    outcomes.skippedMasks++;
    outcomes.perMask.push({ row, pert, edits: [] });
    return;
  }
  const edits: JournalEntry[] = [];
  let source: RowSource | undefined;
  for (const editor of run.plugins.editors) {
    const recalled = run.journal.edits.get(`${row.mask_id}|${editor.instance.model}`);
    if (recalled) {
      edits.push(recalled);
      continue;
    }
    try {
      // Decoded on the first edit that needs it: a fully resumed row reads no image.
      source ??= await loadSource(run.input, row);
      edits.push(await editRow(run, row, pert, editor, source));
    } catch (e) {
      if (isFatalPluginError(e)) throw e;
      await recordError(run, outcomes, { type: 'error', maskId: row.mask_id, editor: editor.instance.model, stage: 'edit', reason: errorText(e) });
    }
  }
  outcomes.perMask.push({ row, pert, edits });
}

async function recordError(run: GenerationRun, outcomes: RowOutcomes, error: JournalError): Promise<void> {
  outcomes.errors.push(error);
  await run.journal.append(error);
}

/** The row's perturbation, from the user's `metadata_pert.json` or from the perturber. */
async function perturbRow(run: GenerationRun, row: GenerationInputRow): Promise<Perturbation> {
  const source = run.plugins.perturbations;
  if (source.kind === 'file') {
    const obj = findPerturbation(source.file, row, run.options.parity?.celebaStemMatch ?? false);
    if (!obj) return { target: null, magnitude: 'small', flagged: true, source: 'file: no matching object' };
    const magnitude = MAGNITUDES.includes(obj.sem_magnitude as SemanticMagnitude) ? (obj.sem_magnitude as SemanticMagnitude) : 'small';
    const target = (obj.target ?? '').trim();
    return { target: target || null, magnitude, flagged: obj.target_qual_flag === true, source: 'file' };
  }
  const magnitude = new Rng(deriveSeed(run.seed, `magnitude:${row.mask_id}`)).pick(MAGNITUDES);
  const result = await source.perturber.instance.perturb(
    {
      label: row.mask_name,
      magnitude,
      imageId: row.image_id,
      imagePath: join(run.input, row.image_path),
      dataset: row.dataset,
      entities: parseEntities(row),
      seed: deriveSeed(run.seed, `perturb:${row.mask_id}`),
    },
    run.signal,
  );
  return { target: result.target?.trim() || null, magnitude: result.magnitude, flagged: result.flagged, source: `${source.perturber.loaded.plugin.meta.name}` };
}

/** Decodes a row's image and mask once for all its editors. */
async function loadSource(input: string, row: GenerationInputRow): Promise<RowSource> {
  const image = await decodeRgb(join(input, row.image_path));
  const grey = await decodeMaskGrey(join(input, row.mask_path));
  if (grey.width !== image.width || grey.height !== image.height) {
    throw new Error(`mask ${row.mask_path} is ${grey.width}x${grey.height} but image ${row.image_path} is ${image.width}x${image.height}`);
  }
  let prepared: RasterImage | undefined;
  return {
    image,
    mask: binarizeMask(grey),
    // The original's mask preparation (~0.1 s a mask, mostly the mode filter) only for editors that read it.
    get preparedMask() {
      return (prepared ??= prepareInpaintMask(grey));
    },
  };
}

/** One edit: run the editor, measure the change, write the image (and a p2p change mask), journal it. */
async function editRow(run: GenerationRun, row: GenerationInputRow, pert: Perturbation, editor: EditorPlugin, source: RowSource): Promise<JournalEntry> {
  const { image, mask } = source;
  const model = editor.instance.model;
  const method = editor.loaded.plugin.meta.method;
  const editId = `${row.mask_id}_${row.dataset}_${model}`;
  const editSeed = deriveSeed(run.seed, `${model}:${row.mask_id}`);
  const result = await editor.instance.edit(
    {
      editId,
      imageId: row.image_id,
      dataset: row.dataset,
      imagePath: join(run.input, row.image_path),
      maskPath: join(run.input, row.mask_path),
      image,
      mask,
      get preparedMask() {
        return source.preparedMask;
      },
      originalLabel: row.mask_name,
      perturbedLabel: pert.target as string,
      magnitude: pert.magnitude,
      seed: editSeed,
      sourceImages: run.sourceImages,
    },
    run.signal,
  );
  const relPath = `${method}/${row.dataset}/${model}/${editId}.png`;
  await mkdir(dirname(join(run.out, relPath)), { recursive: true });
  const { values, changeMask } = await measureEdit(run, row, pert, method, source, result.image);
  await writeFile(join(run.out, relPath), await encodePng(result.image));
  // A prompt-based edit has no input mask: its change mask (spec §5.4) is its ground truth.
  const changeMaskPath = method === 'p2p' && changeMask ? p2pMaskPath(model, editId) : undefined;
  if (changeMaskPath && changeMask) {
    await mkdir(dirname(join(run.out, changeMaskPath)), { recursive: true });
    // Greyscale 8-bit PNG, 0/255, as the eval set's masks.
    await writeFile(join(run.out, changeMaskPath), (await encodeMap(changeMask)).png);
  }
  const entry: JournalEntry = {
    type: 'edit',
    maskId: row.mask_id,
    editor: model,
    imagePath: relPath,
    values: journalValues(values),
    seed: editSeed,
    sourceWidth: image.width,
    sourceHeight: image.height,
  };
  if (result.settings) entry.settings = { ...result.settings };
  if (changeMaskPath) entry.changeMaskPath = changeMaskPath;
  // The image is on disk before its journal line: a crash in between only redoes this edit.
  await run.journal.append(entry);
  return entry;
}

/**
 * 3-4. QC and change metrics on the edit resized to the source size (PIL bicubic, spec §5). Each
 * metric fills the columns it declares; the first change mask a metric returns is kept.
 */
async function measureEdit(
  run: GenerationRun,
  row: GenerationInputRow,
  pert: Perturbation,
  method: string,
  source: RowSource,
  editedNative: RasterImage,
): Promise<{ values: Record<string, Cell>; changeMask: RasterImage | undefined }> {
  const { image, mask } = source;
  const edited = editedNative.width === image.width && editedNative.height === image.height ? editedNative : pilResize(editedNative, image.width, image.height, 'bicubic');
  const values: Record<string, Cell> = {};
  let changeMask: RasterImage | undefined;
  for (const m of run.plugins.metrics) {
    const { values: v, changeMask: computed } = splitMetricResult(
      await m.instance.compute({ original: image, edited, editedNative, mask, originalText: row.mask_name, editedText: pert.target as string, method }, run.signal),
    );
    for (const c of m.loaded.plugin.meta.columns) values[c] = v[c] ?? null;
    changeMask ??= computed;
  }
  return { values, changeMask };
}

/**
 * 5. The table in input order (whatever order the rows finished in): each source image once as a
 * real row, each edit as a fake row with its QC verdict and scene attributes. The reals and the
 * masks the fakes use are copied into the dataset.
 */
async function assembleTable(run: GenerationRun, outcomes: RowOutcomes, scene: SceneResult, thresholds: QcThresholds): Promise<GeneratedTable> {
  const order = new Map(run.rows.map((r, i) => [r.mask_id, i]));
  const perMask = [...outcomes.perMask].sort((a, b) => (order.get(a.row.mask_id) as number) - (order.get(b.row.mask_id) as number));
  const table: GeneratedTable = { reals: [], fakes: [], fakeEdits: [] };
  const seenImages = new Set<string>();
  for (const { row, pert, edits } of perMask) {
    const base = { image_id: row.image_id, dataset: row.dataset, entities: row.entities, class: row.class };
    const realPath = `original/images/${row.dataset}/${basename(row.image_path)}`;
    const maskPath = `original/masks/${row.dataset}/${basename(row.mask_path)}`;
    if (!seenImages.has(realPath)) {
      seenImages.add(realPath);
      await copyIntoDataset(run, row.image_path, realPath);
      table.reals.push({ ...base, image_path: realPath, label: 'real' });
    }
    if (edits.length) await copyIntoDataset(run, row.mask_path, maskPath);
    const attrs = scene.byImage.get(normaliseSceneImageId(row.image_id, row.dataset));
    for (const edit of edits) {
      const editor = run.plugins.editors.find((e) => e.instance.model === edit.editor);
      const follows = editor?.loaded.plugin.meta.followsText !== false;
      const qc = evaluateQc(edit.values, thresholds);
      table.fakeEdits.push(edit);
      table.fakes.push({
        ...base,
        image_path: edit.imagePath,
        label: 'fake',
        mask_id: row.mask_id,
        mask_path: edit.changeMaskPath ?? maskPath,
        mask_name: row.mask_name,
        ratio: row.ratio,
        method: editor?.loaded.plugin.meta.method ?? '',
        model: edit.editor,
        // A classical editor ignores the perturbed label: its rows carry no label or magnitude the pixels do not show.
        perturbed_mask_name: follows ? pert.target : null,
        sem_magnitude: follows ? pert.magnitude : null,
        quality_flag: String(pert.flagged),
        ...edit.values,
        pass_qc: String(qc.pass),
        qc_checks: qc.checks.join(' '),
        scene_diversity: attrs?.diversity ?? null,
        scene_complexity: attrs?.complexity ?? null,
        scene_diversity_category: attrs?.diversityCategory ?? null,
        scene_complexity_category: attrs?.complexityCategory ?? null,
      });
    }
  }
  return table;
}

async function copyIntoDataset(run: GenerationRun, inputPath: string, datasetPath: string): Promise<void> {
  await mkdir(dirname(join(run.out, datasetPath)), { recursive: true });
  await copyFile(join(run.input, inputPath), join(run.out, datasetPath));
}

/**
 * 6. Bins and localisation, written into the fakes. Binned: the mask's area ratio and the columns
 * the metric plugins declare (columns/metric-bins.ts), in fifths and in thirds; localisation needs
 * the QC-passing fakes' mean cluster count, so it runs only when a metric computed that column.
 */
function binFakes(table: GeneratedTable, metrics: readonly MetricPlugin[], metricColumns: readonly string[], localizationConstants: boolean): Binning {
  const { fakes, fakeEdits } = table;
  const binColumns = binnedColumns(metrics.map((m) => m.loaded.plugin.meta));
  const tableRows = fakes as TableRow[];
  const quintiles = binTable(tableRows, { columns: binColumns, scheme: 'quantile5' });
  const thirds = binTable(tableRows, { columns: binColumns, scheme: 'quantile3' });
  const categoryColumns: string[] = [];
  for (const e of quintiles.edges) {
    categoryColumns.push(e.categoryColumn);
    fakes.forEach((f, i) => (f[e.categoryColumn] = quintiles.labels[e.column]?.[i] ?? null));
  }
  for (const e of thirds.edges) {
    const col = `${e.column}_category3`;
    categoryColumns.push(col);
    fakes.forEach((f, i) => (f[col] = thirds.labels[e.column]?.[i] ?? null));
  }
  let ccMean: number | null = null;
  if (metricColumns.includes('cc_cluters_rgb')) {
    const pool = fakes.filter((f) => f.pass_qc === 'true').map((f) => Number(f.cc_cluters_rgb)).filter(Number.isFinite);
    ccMean = pool.length ? pool.reduce((a, b) => a + b, 0) / pool.length : null;
    fakes.forEach((f, i) => {
      const edit = fakeEdits[i] as JournalEntry;
      f.change_location_category = localization(f, ccMean, { width: edit.sourceWidth, height: edit.sourceHeight }, localizationConstants);
    });
  }
  return { quintiles: quintiles.edges, thirds: thirds.edges, categoryColumns, ccMean };
}

/**
 * The dataset's metadata.csv (reals first, then fakes), bins.json (the edges, so another dataset
 * can be binned alike) and errors.csv (one row per failed perturbation or edit).
 */
async function writeDataset(out: string, columns: readonly string[], rows: readonly OutputRow[], binning: Binning, scene: SceneResult, errors: readonly JournalError[]): Promise<void> {
  const cells = rows.map((r) => columns.map((c) => formatCell(r[c])));
  await writeFileAtomic(join(out, 'metadata.csv'), stringify([columns, ...cells], { record_delimiter: '\n' }));
  const bins = {
    quantile5: binning.quintiles,
    quantile3: binning.thirds,
    cc_clusters_mean: binning.ccMean,
    scene: { diversity: scene.diversityEdges, complexity: scene.complexityEdges } satisfies Record<string, SceneBinEdges>,
  } satisfies Record<string, BinEdges[] | number | null | object>;
  await writeFileAtomic(join(out, 'bins.json'), `${JSON.stringify(bins, null, 2)}\n`);
  await writeFileAtomic(
    join(out, 'errors.csv'),
    stringify([['mask_id', 'editor', 'stage', 'reason'], ...errors.map((e) => [e.maskId, e.editor ?? '', e.stage, e.reason])], { record_delimiter: '\n' }),
  );
}

/** generation.json: what made the dataset (plugins with redacted identities, seeds, settings), so it can be reproduced. */
async function writeManifest(run: GenerationRun, outcomes: RowOutcomes, table: GeneratedTable, thresholds: QcThresholds): Promise<void> {
  const { options, out, plugins } = run;
  const { reals, fakes, fakeEdits } = table;
  const source = plugins.perturbations;
  const manifest = {
    schema: 'semibench.generate/1',
    // Relative to the dataset, so a committed dataset's manifest does not name one machine's paths.
    input: relative(out, run.input),
    seed: run.seed,
    limit: options.limit ?? null,
    perturbations:
      source.kind === 'file' ? { file: relative(out, resolve(options.perturbations as string)) } : { perturber: describePlugin(source.perturber.loaded, source.perturber.instance.identity) },
    editors: plugins.editors.map((e) => ({ ...describePlugin(e.loaded, e.instance.identity), model: e.instance.model, method: e.loaded.plugin.meta.method })),
    metrics: plugins.metrics.map((m) => ({ ...describePlugin(m.loaded, m.instance.identity), stage: m.loaded.plugin.meta.stage, columns: m.loaded.plugin.meta.columns })),
    qc: { thresholds, checksThatRan: [...new Set(fakes.flatMap((f) => String(f.qc_checks ?? '').split(' ').filter(Boolean)))] },
    parity: options.parity ?? {},
    counts: { masks: run.rows.length, reals: reals.length, fakes: fakes.length, skippedMasks: outcomes.skippedMasks, errors: outcomes.errors.length, resumed: run.journal.edits.size },
    edits: fakeEdits.map((e) => ({ image_path: e.imagePath, seed: e.seed, settings: e.settings ?? {} })),
  };
  await writeFileAtomic(join(out, 'generation.json'), `${scrubSecrets(JSON.stringify(manifest, null, 2), secretEnvValues())}\n`);
}

/**
 * A plugin error that no later row can escape (e.g. its server is unreachable: the remote editors'
 * EndpointUnreachableError): it stops the whole command instead of becoming one row's failure.
 */
function isFatalPluginError(error: unknown): boolean {
  return error instanceof Error && (error as Error & { fatal?: unknown }).fatal === true;
}

function parseEntities(row: GenerationInputRow): string[] {
  try {
    return parsePyListOrString(row.entities);
  } catch (e) {
    throw new Error(`input line ${row.line} (mask ${row.mask_id}): cannot parse entities: ${errorText(e)}`);
  }
}

/** JSON has no NaN: keep "computed but NaN" distinguishable from "not computed" (null) in the journal. */
function journalValues(values: Record<string, string | number | null>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  return out;
}

function describePlugin(loaded: { plugin: { meta: PluginMeta }; source: PluginSource } | undefined, identity: Readonly<Record<string, OptionValue>> | undefined): Record<string, OptionValue> {
  if (!loaded) return {};
  const shown = redactOptions(identity ?? {}, loaded.plugin.meta.secretOptions);
  return { name: loaded.plugin.meta.name, version: loaded.plugin.meta.version, source: loaded.source.type, resolved: loaded.source.resolved, identity: shown, identityHash: hashValue(identity ?? {}) };
}

function formatCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return v;
}
