/**
 * `semibench dataset info|verify DIR`: what a local dataset directory holds — rows, classes, the
 * slice columns with their groups, missing image and mask files, sizes and formats — and, for
 * verify, whether every file is an image of the format its name says (magic bytes).
 */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { loadDataset, type Dataset } from './dataset.js';
import { KNOWN_SLICE_COLUMNS } from './scoring/types.js';
import { mapLimit } from './util/concurrency.js';

export interface LocalSliceInfo {
  column: string;
  /** Rows per group, largest first; rows with an empty cell are not counted. */
  groups: Record<string, number>;
}

export interface LocalFileProblem {
  /** Path relative to the dataset root, as the metadata gives it. */
  path: string;
  /** 1-based line of metadata.csv. */
  line: number;
  problem: string;
}

export interface LocalDatasetInfo {
  root: string;
  metadataPath: string;
  metadataSha256: string;
  rows: number;
  classes: { real: number; fake: number };
  /** Distinct image_id values (the bootstrap's clusters). */
  sourceImages: number;
  columns: string[];
  slices: LocalSliceInfo[];
  images: { files: number; bytes: number; missing: number; formats: Record<string, number> };
  masks: { files: number; bytes: number; missing: number };
  /** Missing files, and with verify also unreadable ones and ones whose bytes are not their format. */
  problems: LocalFileProblem[];
  /** Whether the files' contents were checked (verify) or only their presence and size (info). */
  verified: boolean;
}

/** Formats by their first bytes; `undefined` when none matches. */
export function sniffImageFormat(head: Uint8Array): string | undefined {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (at(0, 0x42, 0x4d)) return 'bmp';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return undefined;
}

const EXTENSION_FORMATS: Readonly<Record<string, string>> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp', '.gif': 'gif', '.bmp': 'bmp', '.tif': 'tiff', '.tiff': 'tiff' };

interface FileCheck {
  bytes: number;
  missing: boolean;
  format: string;
  problem?: string;
}

async function checkFile(path: string, contents: boolean): Promise<FileCheck> {
  const named = EXTENSION_FORMATS[extname(path).toLowerCase()] ?? (extname(path).slice(1).toLowerCase() || 'no extension');
  let bytes: number;
  try {
    bytes = (await stat(path)).size;
  } catch {
    return { bytes: 0, missing: true, format: named, problem: 'missing' };
  }
  if (!contents) return { bytes, missing: false, format: named };
  if (bytes === 0) return { bytes, missing: false, format: named, problem: 'empty file' };
  const head = new Uint8Array(16);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  const sniffed = sniffImageFormat(head);
  if (!sniffed) return { bytes, missing: false, format: named, problem: 'not an image (no PNG, JPEG, WebP, GIF, BMP or TIFF signature)' };
  if (sniffed !== named) return { bytes, missing: false, format: sniffed, problem: `named .${extname(path).slice(1) || '(none)'} but its bytes are ${sniffed.toUpperCase()}` };
  return { bytes, missing: false, format: sniffed };
}

function sliceInfo(dataset: Dataset): LocalSliceInfo[] {
  return KNOWN_SLICE_COLUMNS.filter((c) => dataset.columns.includes(c)).flatMap((column) => {
    const groups = new Map<string, number>();
    for (const row of dataset.rows) {
      const g = (row.columns[column] ?? '').trim();
      if (g !== '') groups.set(g, (groups.get(g) ?? 0) + 1);
    }
    if (groups.size === 0) return [];
    return [{ column, groups: Object.fromEntries([...groups].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) }];
  });
}

/**
 * Describes a local dataset directory. `verify` also reads each file's first bytes and reports
 * files that are empty, not images, or of another format than their name says.
 */
export async function describeLocalDataset(dir: string, options: { verify?: boolean; concurrency?: number } = {}): Promise<LocalDatasetInfo> {
  const dataset = await loadDataset(dir);
  const contents = options.verify ?? false;
  const limit = options.concurrency ?? 16;
  const problems: LocalFileProblem[] = [];
  const images = { files: 0, bytes: 0, missing: 0, formats: {} as Record<string, number> };
  const imageChecks = await mapLimit(dataset.rows, limit, (row) => checkFile(row.path, contents));
  imageChecks.forEach((c, i) => {
    const row = dataset.rows[i]!;
    if (c.problem) problems.push({ path: row.columns.image_path ?? row.key, line: row.line, problem: c.problem });
    if (c.missing) images.missing++;
    else {
      images.files++;
      images.bytes += c.bytes;
      images.formats[c.format] = (images.formats[c.format] ?? 0) + 1;
    }
  });
  // A mask is shared by a source image's edits: check each file once.
  const maskRows = new Map<string, { line: number; rel: string }>();
  for (const row of dataset.rows) if (row.maskPath && !maskRows.has(row.maskPath)) maskRows.set(row.maskPath, { line: row.line, rel: row.columns.mask_path ?? row.maskPath });
  const masks = { files: 0, bytes: 0, missing: 0 };
  const maskChecks = await mapLimit([...maskRows], limit, ([path]) => checkFile(path, contents));
  [...maskRows.values()].forEach((m, i) => {
    const c = maskChecks[i]!;
    if (c.problem) problems.push({ path: m.rel, line: m.line, problem: `mask ${c.problem}` });
    if (c.missing) masks.missing++;
    else {
      masks.files++;
      masks.bytes += c.bytes;
    }
  });
  return {
    root: dataset.root,
    metadataPath: dataset.metadataPath,
    metadataSha256: dataset.metadataSha256,
    rows: dataset.rows.length,
    classes: { real: dataset.rows.filter((r) => r.label === 'real').length, fake: dataset.rows.filter((r) => r.label === 'fake').length },
    sourceImages: new Set(dataset.rows.map((r) => r.id)).size,
    columns: [...dataset.columns],
    slices: sliceInfo(dataset),
    images,
    masks,
    problems,
    verified: contents,
  };
}
