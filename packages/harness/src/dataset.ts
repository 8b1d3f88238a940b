import { createReadStream, existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { findInvalidUtf8 } from './util/utf8.js';
import { extname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { parse } from 'csv-parse';
import { sha256File } from './util/hash.js';
import { rowColumns, rowShape, type RowShape } from './util/csv-rows.js';

/**
 * A dataset is any directory with a `metadata.csv` at its root, in the Semi-Truths eval-set
 * layout: one row per image to score, `image_id`, `image_path` (relative to the root) and `label`
 * (`real` | `fake`), plus any slice columns. Unknown columns pass through untouched.
 */
export interface DatasetRow {
  /** 0-based index among data rows. */
  readonly index: number;
  /** 1-based line number in metadata.csv (the header is line 1), for error messages. */
  readonly line: number;
  /** Unique key of the row: its normalised `image_path`. */
  readonly key: string;
  /** `image_id`: shared by a real image and all of its edits (the bootstrap cluster). */
  readonly id: string;
  readonly label: 'real' | 'fake';
  /** Absolute path of the image, with the native extension appended when `image_path` has none. */
  readonly path: string;
  /** Absolute path of the mask, when the row has one. */
  readonly maskPath?: string;
  /** Every column, under its canonical (eval-set) name. */
  readonly columns: Readonly<Record<string, string>>;
}

export interface Dataset {
  /** The spec the user gave (a directory, or `hf:owner/name@rev` once materialised). */
  readonly spec: string;
  readonly root: string;
  readonly metadataPath: string;
  readonly metadataSha256: string;
  /** Canonical column names in file order. */
  readonly columns: readonly string[];
  /** Original header names that were renamed to canonical ones. */
  readonly renamedColumns: Readonly<Record<string, string>>;
  readonly rows: readonly DatasetRow[];
}

/** Raised for malformed metadata, listing every problem with its line number, before any work starts. */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}\n  ${problems.slice(0, 25).join('\n  ')}${problems.length > 25 ? `\n  ... and ${problems.length - 25} more` : ''}` : message);
    this.name = 'DatasetError';
  }
}

/**
 * Column aliases (spec §2.4): full-dataset / reference-code names → eval-set names. A column is
 * renamed only when the canonical one is absent, so files that carry both keep both.
 */
export { COLUMN_ALIASES } from './columns/catalogue.js';
import { COLUMN_ALIASES } from './columns/catalogue.js';

/** Native image extension per source dataset (spec §1), appended when `image_path` has none. */
export const NATIVE_EXTENSIONS: Readonly<Record<string, string>> = {
  ADE20K: '.jpg',
  CelebAHQ: '.jpg',
  CityScapes: '.png',
  HumanParsing: '.png',
  OpenImages: '.jpg',
  SUN_RGBD: '.jpg',
};
const FALLBACK_EXTENSIONS = ['.png', '.jpg', '.jpeg'];
const METADATA_NAMES = ['metadata.csv', 'metadata_flat.csv'];

export const REQUIRED_COLUMNS = ['image_id', 'image_path', 'label'] as const;

export interface LoadDatasetOptions {
  /** Skip the per-row existence checks for extension fallbacks (e.g. files not downloaded yet). */
  lazyPaths?: boolean;
}

/** Normalise a relative path to a stable row key (POSIX separators, no leading ./). */
export function normalizeKey(imagePath: string): string {
  return imagePath.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
}

function parseLabel(raw: string): 'real' | 'fake' | undefined {
  const v = raw.trim().toLowerCase();
  if (v === 'real' || v === '0') return 'real';
  if (v === 'fake' || v === '1') return 'fake';
  return undefined;
}

/** A path from metadata that must stay inside the dataset root. Returns the absolute path or a problem. */
export function resolveInside(root: string, relative: string): { path?: string; problem?: string } {
  if (relative.trim() === '') return { problem: 'is empty' };
  if (isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) return { problem: `"${relative}" is absolute; paths must be relative to the dataset root` };
  const normalized = normalize(relative.replace(/\\/g, '/'));
  if (normalized === '..' || normalized.startsWith(`..${sep}`) || normalized.startsWith('../')) {
    return { problem: `"${relative}" escapes the dataset root` };
  }
  return { path: resolve(root, normalized) };
}

/** The image file for a row, trying the dataset's native extension and then .png/.jpg/.jpeg (spec §2.2). */
export function resolveImageFile(absolute: string, dataset: string | undefined, checkExists: boolean): string {
  const hasExt = extname(absolute) !== '';
  if (hasExt && (!checkExists || existsSync(absolute))) return absolute;
  const candidates: string[] = [];
  if (!hasExt) {
    const native = dataset ? NATIVE_EXTENSIONS[dataset] : undefined;
    if (native) candidates.push(absolute + native);
    for (const ext of FALLBACK_EXTENSIONS) if (ext !== native) candidates.push(absolute + ext);
  } else {
    const stem = absolute.slice(0, -extname(absolute).length);
    for (const ext of FALLBACK_EXTENSIONS) if (ext !== extname(absolute).toLowerCase()) candidates.push(stem + ext);
  }
  if (!checkExists) return candidates[0] ?? absolute;
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  // Missing: keep the most likely name so the runner's error names it.
  return hasExt ? absolute : (candidates[0] ?? absolute);
}

/**
 * Checks, at open time, that a file's real location (after symlinks) is inside the root.
 * Returns the real path, or throws with a message that names the row.
 */
export async function realPathInside(root: string, file: string): Promise<string> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
  if (realFile !== realRoot && !realFile.startsWith(realRoot + sep)) {
    throw new Error(`resolves (through a symlink) to ${realFile}, outside the dataset root ${realRoot}`);
  }
  return realFile;
}

function findMetadata(root: string): string | undefined {
  for (const name of METADATA_NAMES) {
    const candidate = join(root, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Loads and validates a local dataset directory (or a metadata.csv file inside one). */
export async function loadDataset(spec: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  const { root, metadataPath } = await locateMetadata(spec);
  await assertUtf8(metadataPath);
  const { header, renamed, rows, problems } = await readMetadata(metadataPath, root, options);
  if (!header) throw new DatasetError(`${metadataPath}: the file is empty; it needs a header row with ${REQUIRED_COLUMNS.join(', ')}.`);
  if (problems.length) throw new DatasetError(`${metadataPath}: ${problems.length} problem(s) in the metadata; nothing was run.`, problems);
  if (rows.length === 0) throw new DatasetError(`${metadataPath}: no data rows.`);
  return {
    spec,
    root,
    metadataPath,
    metadataSha256: await sha256File(metadataPath),
    columns: header.filter((h) => h !== ''),
    renamedColumns: renamed,
    rows,
  };
}

/** The dataset root and its metadata file: `spec` is the directory, or a metadata file inside it. */
async function locateMetadata(spec: string): Promise<{ root: string; metadataPath: string }> {
  const target = resolve(spec);
  let info;
  try {
    info = await stat(target);
  } catch {
    throw new DatasetError(`dataset ${spec}: no such directory. Give a directory with a metadata.csv (the Semi-Truths eval-set layout), or hf:owner/name.`);
  }
  const root = info.isDirectory() ? target : resolve(target, '..');
  const metadataPath = info.isDirectory() ? findMetadata(root) : target;
  if (!metadataPath) {
    throw new DatasetError(`dataset ${root}: no metadata.csv found. A dataset directory needs metadata.csv with columns ${REQUIRED_COLUMNS.join(', ')}.`);
  }
  return { root, metadataPath };
}

/** Metadata in another encoding would be misread silently (names, labels, paths): refuse it with the way out. */
async function assertUtf8(metadataPath: string): Promise<void> {
  const invalid = await findInvalidUtf8(metadataPath);
  if (invalid) {
    throw new DatasetError(
      `${metadataPath}:${invalid.line}: not valid UTF-8 at byte offset ${invalid.offset} (bytes ${invalid.bytes}). ` +
        `semibench reads metadata as UTF-8 and will not guess: convert the file, e.g. \`iconv -f latin1 -t utf-8 metadata.csv > metadata.utf8.csv\` (if it is Latin-1), and use the result.`,
    );
  }
}

/** What reading metadata.csv found: its canonical header (none for an empty file), the valid rows, and every problem by line. */
interface MetadataRead {
  header: string[] | undefined;
  renamed: Record<string, string>;
  rows: DatasetRow[];
  problems: string[];
}

/** Shared by the row checks of one read: where paths resolve, the rows seen so far, the problems. */
interface RowCheck {
  readonly root: string;
  readonly metadataPath: string;
  /** The rows' column objects: one shared shape, values interned (see util/csv-rows.ts). */
  readonly shape: RowShape;
  readonly checkExists: boolean;
  /** Earlier rows by the file they resolve to (by their key when they resolve nowhere). */
  readonly seen: Map<string, { line: number; rel: string }>;
  readonly problems: string[];
}

/** Parses metadata.csv, collecting every row's problems (all are reported at once) instead of stopping at the first. */
async function readMetadata(metadataPath: string, root: string, options: LoadDatasetOptions): Promise<MetadataRead> {
  const parser = createReadStream(metadataPath).pipe(
    parse({ bom: true, columns: false, skip_empty_lines: true, relax_column_count: false, info: true }),
  );
  const read: MetadataRead = { header: undefined, renamed: {}, rows: [], problems: [] };
  let check: RowCheck | undefined;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!check) {
        read.header = canonicalHeader(record.record, read.renamed, metadataPath);
        check = { root, metadataPath, shape: rowShape(read.header), checkExists: !options.lazyPaths, seen: new Map(), problems: read.problems };
        continue;
      }
      const row = checkRow(record.record, record.info.lines, read.rows.length, check);
      if (row) read.rows.push(row);
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    const e = error as Error & { lines?: number };
    throw new DatasetError(`${metadataPath}${e.lines ? `:${e.lines}` : ''}: cannot parse the CSV: ${e.message}`);
  }
  return read;
}

/**
 * The header under canonical names (aliases renamed, recorded in `renamed`); throws when a
 * required column is missing, since no row could be read without it.
 */
function canonicalHeader(fields: readonly string[], renamed: Record<string, string>, metadataPath: string): string[] {
  const trimmed = fields.map((h) => h.trim());
  const present = new Set(trimmed);
  const header = trimmed.map((h) => {
    const canonical = COLUMN_ALIASES[h];
    if (canonical && !present.has(canonical)) {
      renamed[h] = canonical;
      present.add(canonical);
      return canonical;
    }
    return h;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new DatasetError(
      `${metadataPath}: missing required column(s) ${missing.join(', ')}. Found: ${header.join(', ')}. ` +
        `Every dataset needs image_id, image_path (relative to the dataset root) and label (real | fake).`,
    );
  }
  return header;
}

/** One data row: its problems go to `check.problems`; the row itself only when it is usable. */
function checkRow(fields: readonly string[], line: number, index: number, check: RowCheck): DatasetRow | undefined {
  const { problems } = check;
  const columns = rowColumns(check.shape, fields);
  const where = `${check.metadataPath}:${line}`;
  const id = (columns.image_id ?? '').trim();
  const label = parseLabel(columns.label ?? '');
  const rel = (columns.image_path ?? '').trim();
  if (id === '') problems.push(`${where}: image_id is empty`);
  if (!label) problems.push(`${where}: label "${columns.label ?? ''}" is not real or fake`);
  const resolved = resolveInside(check.root, rel);
  if (resolved.problem) problems.push(`${where}: image_path ${resolved.problem}`);
  const key = normalizeKey(rel);
  // One file under several spellings (a/./b.jpg, a/x/../b.jpg, a/b and a/b.jpg) is one row:
  // duplicates are found by the file the path resolves to, not by its text.
  const path = resolved.path ? resolveImageFile(resolved.path, columns.dataset, check.checkExists) : undefined;
  const earlier = check.seen.get(path ?? key);
  if (earlier !== undefined && rel !== '') problems.push(`${where}: image_path "${rel}" duplicates line ${earlier.line}${earlier.rel === rel ? '' : ` ("${earlier.rel}", the same file)`}`);
  else check.seen.set(path ?? key, { line, rel });
  let maskPath: string | undefined;
  const maskRel = (columns.mask_path ?? '').trim();
  if (maskRel !== '') {
    const m = resolveInside(check.root, maskRel);
    if (m.problem) problems.push(`${where}: mask_path ${m.problem}`);
    else maskPath = m.path;
  }
  if (!id || !label || !resolved.path) return undefined;
  return {
    index,
    line,
    key,
    id,
    label,
    path: path as string,
    columns,
    ...(maskPath ? { maskPath } : {}),
  };
}
