import type { RepoFile } from './cache.js';
import { EVALSET_LEADING_COLUMNS } from '../columns/catalogue.js';
import { applyColumnAliases, normalizeMethod } from './columns.js';
import { readCsvHeader, readCsvRows, writeCsvFile } from './csv.js';

/**
 * The full Semi-Truths release ships no single metadata.csv: one CSV per edit method
 * (`metadata/edited/inpainting.csv`, `metadata/edited/prompt-based-editing.csv`, earlier
 * `metadata_inpainting.csv` / `metadata_prompt.csv`) keyed by `img_id`, optionally with
 * per-original metadata elsewhere under `metadata/`. This module joins them into one CSV in the
 * eval-set schema, so the same loader reads both releases.
 */

/** Bump when the join changes, so cached joined files are rebuilt. */
export const FULL_JOIN_VERSION = 1;

export type RepoLayout = 'evalset' | 'full';

export function isEditedMetadata(path: string): boolean {
  return (/^metadata\/edited\/[^/]+\.csv$/i.test(path) || /^metadata_(inpainting|prompt)[^/]*\.csv$/i.test(path));
}

function isOriginalsMetadata(path: string): boolean {
  return /^metadata\/.+\.csv$/i.test(path) && !path.toLowerCase().startsWith('metadata/edited/');
}

/** Detect the layout and the metadata files to download first. */
export function detectLayout(files: readonly RepoFile[]): { layout: RepoLayout; metadata: RepoFile[] } | null {
  const root = files.find((file) => file.path === 'metadata.csv');
  if (root) return { layout: 'evalset', metadata: [root] };
  const edited = files.filter((file) => isEditedMetadata(file.path));
  if (edited.length === 0) return null;
  const originals = files.filter((file) => isOriginalsMetadata(file.path));
  return { layout: 'full', metadata: [...edited, ...originals] };
}

const EXPLICIT_PATH_COLUMNS = ['image_path', 'perturbed_path', 'perturbed_img_path', 'img_path'];
/** Columns of an original that an edited row inherits when it lacks them. */
const NOT_INHERITED = new Set(['image_path', 'mask_path', 'label', 'method', 'model', 'mask_id', 'mask_name', 'ratio']);

function methodOfFile(path: string): 'inpainting' | 'p2p' | undefined {
  const name = path.toLowerCase();
  if (name.includes('inpaint')) return 'inpainting';
  if (name.includes('prompt') || name.includes('p2p')) return 'p2p';
  return undefined;
}

export interface FullJoinResult {
  rows: number;
  reals: number;
  fakes: number;
  /** Rows dropped because no image path could be built, with the reason. */
  skipped: number;
  warnings: string[];
}

/**
 * Join the release's metadata CSVs into `outPath`. `local` maps each metadata repo path to its
 * downloaded file. Image paths are taken from an explicit path column when present; otherwise they
 * are built as `<method folder>/<dataset>/<model>/<perturbed_img_id>` (fakes) and
 * `original/images/<dataset>/<img_id>` (reals) without extension; such paths are resolved against
 * archive members by file name.
 */
export async function joinFullMetadata(params: {
  tree: readonly RepoFile[];
  local: ReadonlyMap<string, string>;
  outPath: string;
}): Promise<FullJoinResult> {
  const topFolders = new Set(params.tree.map((file) => file.path.split('/')[0] ?? ''));
  const folderFor = (method: string): string =>
    method === 'p2p' ? (['prompt-based-editing', 'p2p', 'prompt_edit'].find((f) => topFolders.has(f)) ?? 'prompt-based-editing') : 'inpainting';
  const edited = [...params.local.keys()].filter(isEditedMetadata).sort();
  const originalsFiles = [...params.local.keys()].filter((path) => !isEditedMetadata(path)).sort();
  const warnings: string[] = [];

  const originals = await readOriginals(originalsFiles, params.local);
  const columns = await joinedColumns(originals, edited, params.local);
  const join: JoinState = { local: params.local, originals, folderFor, fakes: 0, skipped: 0, syntheticReals: new Map() };
  await writeCsvFile(params.outPath, columns, joinedRows(edited, join));
  const { fakes, skipped, syntheticReals } = join;
  if (originals.size === 0 && syntheticReals.size > 0) {
    warnings.push(`no metadata for the original images was found; ${syntheticReals.size} real rows were derived from the edited rows' img_id`);
  }
  if (skipped > 0) warnings.push(`${skipped} edited row(s) had neither an image path nor perturbed_img_id + dataset and were left out`);
  const reals = originals.size + syntheticReals.size;
  return { rows: fakes + reals, reals, fakes, skipped, warnings };
}

type Row = Record<string, string>;

/** The originals' rows by image_id, labelled real, with a built image path when none is given. */
async function readOriginals(files: readonly string[], local: ReadonlyMap<string, string>): Promise<Map<string, Row>> {
  // Originals are small (tens of thousands of rows): keep them in memory, keyed by image_id.
  const originals = new Map<string, Row>();
  for (const path of files) {
    for await (const raw of readCsvRows(local.get(path) as string)) {
      const row = applyColumnAliases(raw);
      if (!row['image_id']) continue;
      row['label'] ||= 'real';
      row['image_path'] ||= row['dataset'] ? `original/images/${row['dataset']}/${row['image_id']}` : '';
      originals.set(row['image_id'], row);
    }
  }
  return originals;
}

/** Header: eval-set leading columns, then every other column seen (originals, then edited files), in order. */
async function joinedColumns(originals: ReadonlyMap<string, Row>, edited: readonly string[], local: ReadonlyMap<string, string>): Promise<string[]> {
  const columns: string[] = [...EVALSET_LEADING_COLUMNS];
  const seen = new Set(columns);
  const addColumns = (names: Iterable<string>): void => {
    for (const name of names) {
      if (name === '' || seen.has(name)) continue;
      seen.add(name);
      columns.push(name);
    }
  };
  for (const row of originals.values()) addColumns(Object.keys(row));
  for (const path of edited) {
    const header = await readCsvHeader(local.get(path) as string);
    addColumns(Object.keys(applyColumnAliases(Object.fromEntries(header.map((name) => [name, 'x'])))));
  }
  return columns;
}

/** What the join reads and what it counts while the rows stream out (the counts are final once they have all been written). */
interface JoinState {
  readonly local: ReadonlyMap<string, string>;
  readonly originals: ReadonlyMap<string, Row>;
  readonly folderFor: (method: string) => string;
  fakes: number;
  skipped: number;
  /** A real row for each edited image whose original has no metadata row. */
  readonly syntheticReals: Map<string, Row>;
}

/** Every edited row (completed from its original), then the originals, then the derived reals; streamed, not held. */
async function* joinedRows(edited: readonly string[], join: JoinState): AsyncGenerator<Row> {
  for (const path of edited) {
    const fileMethod = methodOfFile(path);
    for await (const raw of readCsvRows(join.local.get(path) as string)) {
      const row = applyColumnAliases(raw);
      const imageId = row['image_id'] ?? '';
      const original = join.originals.get(imageId);
      if (!completeEditedRow(row, original, fileMethod, join.folderFor)) {
        join.skipped++;
        continue;
      }
      yield row;
      join.fakes++;
      if (imageId && !original && !join.syntheticReals.has(imageId) && row['dataset']) {
        join.syntheticReals.set(imageId, {
          image_id: imageId,
          image_path: `original/images/${row['dataset']}/${imageId}`,
          dataset: row['dataset'],
          label: 'real',
          ...(row['entities'] ? { entities: row['entities'] } : {}),
          ...(row['class'] ? { class: row['class'] } : {}),
        });
      }
    }
  }
  yield* join.originals.values();
  yield* join.syntheticReals.values();
}

/**
 * Fills an edited row in place: label, method, the columns it inherits from its original, and
 * its image path (an explicit path column, else built from perturbed_img_id). False when no path
 * can be had: the row is left out.
 */
function completeEditedRow(row: Row, original: Row | undefined, fileMethod: string | undefined, folderFor: (method: string) => string): boolean {
  row['label'] ||= 'fake';
  row['method'] = normalizeMethod(row['method'] || fileMethod || '');
  if (original) {
    for (const [key, value] of Object.entries(original)) {
      if (!NOT_INHERITED.has(key) && !row[key]) row[key] = value;
    }
  }
  const explicit = EXPLICIT_PATH_COLUMNS.map((column) => row[column]).find((value) => value);
  if (explicit) {
    row['image_path'] = explicit;
  } else if (row['perturbed_img_id'] && row['dataset']) {
    row['image_path'] = [folderFor(row['method']), row['dataset'], row['model'], row['perturbed_img_id']].filter(Boolean).join('/');
  } else {
    return false;
  }
  return true;
}
