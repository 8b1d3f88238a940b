/**
 * The run directory: its files, and one reader and one writer for each (predictions.csv,
 * errors.csv, scores.csv/scores.json, manifest.json). Writes that replace a file are atomic.
 */
import { createReadStream, existsSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { DatasetRow } from '../dataset.js';
import type { ScoreRecord } from '../scoring/types.js';
import { scrubSecrets } from '../util/secrets.js';
import { RUN_SCHEMA, type PredictionRecord, type RowError, type RunManifest } from './types.js';
import { isFake } from '../scoring/defaults.js';

/** File names inside a run directory. */
export const RUN_FILES = {
  predictions: 'predictions.csv',
  scores: 'scores.csv',
  scoresJson: 'scores.json',
  manifest: 'manifest.json',
  errors: 'errors.csv',
  /** Runs with --perturb: paired deltas of every perturbation against the clean images. */
  robustness: 'robustness.csv',
  /** Shortcut features of the dataset (`semibench audit`), overall: what the files give away. */
  audit: 'audit.json',
} as const;

export const PREDICTION_COLUMNS = ['image_id', 'image_path', 'detector', 'label', 'score', 'prediction', 'map_path'] as const;
/** Columns a predictions.csv must have: `map_path` came later (localisation) and may be absent from older runs. */
const REQUIRED_PREDICTION_COLUMNS = PREDICTION_COLUMNS.filter((c) => c !== 'map_path');
/** Folder of the run directory that holds localisation maps (maps/<detector>/<sha256>.png). */
export const MAPS_DIR = 'maps';
/** What a `map_path` may be: a file of the run's maps folder, named by its sha256 (never a path out of the run directory). */
export const MAP_PATH = /^maps\/[A-Za-z0-9._-]+\/[0-9a-f]{64}\.png$/;
export const ERROR_COLUMNS = ['detector', 'line', 'image_path', 'path', 'stage', 'reason'] as const;
export const SCORE_COLUMNS = ['detector', 'slice', 'group', 'metric', 'n', 'value', 'ci_low', 'ci_high'] as const;

/** Shortest text that reads back as the same double (JS's own rule), empty for null. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return Object.is(value, -0) ? '0' : String(value);
}

/**
 * Appends rows to a CSV as they arrive, so predictions survive a crash. Rows are written in the
 * order they are handed in (the runner's order is deterministic), and each append is one write.
 */
export class CsvAppender {
  private started = false;

  constructor(
    readonly path: string,
    private readonly columns: readonly string[],
  ) {}

  async open(): Promise<void> {
    await writeFile(this.path, stringify([this.columns as string[]]));
    this.started = true;
  }

  /**
   * Keeps what an interrupted run wrote (minus a line the crash cut short) and appends after it;
   * starts a new file when there is none or its header differs. Returns whether rows were kept.
   */
  async reopen(): Promise<boolean> {
    const kept = await trimToLastLine(this.path);
    if (kept && (await readHeader(this.path)) === stringify([this.columns as string[]])) {
      this.started = true;
      return true;
    }
    await this.open();
    return false;
  }

  async append(rows: ReadonlyArray<ReadonlyArray<string | number>>): Promise<void> {
    if (!this.started) await this.open();
    if (rows.length === 0) return;
    await appendFile(this.path, stringify(rows.map((r) => r.map((v) => (typeof v === 'number' ? formatNumber(v) : v)))));
  }
}

export function predictionRow(record: PredictionRecord, threshold: number): Array<string | number> {
  const row: Array<string | number> = [record.id, record.key, record.detector, record.label, formatNumber(record.score), isFake(record.score, threshold) ? 1 : 0, record.mapPath ?? ''];
  // Runs with --perturb carry the perturbation on every line (`none` when clean); others keep today's columns.
  if (record.perturbation !== undefined) row.push(record.perturbation);
  return row;
}

/** The `perturbation` column, appended to predictions.csv and scores.csv of runs made with --perturb. */
export const PERTURBATION_COLUMN = 'perturbation';

export function errorRow(error: RowError): Array<string | number> {
  return [error.detector, error.line, error.key, error.path, error.stage, error.reason];
}

/**
 * Cuts a file after its last newline: appends are whole lines, but a process killed during a write
 * can leave part of one. Returns false when the file does not exist or is empty.
 */
export async function trimToLastLine(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    let end = size;
    const buf = Buffer.alloc(64 * 1024);
    while (end > 0) {
      const start = Math.max(0, end - buf.length);
      const { bytesRead } = await handle.read(buf, 0, end - start, start);
      const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl >= 0) {
        if (start + nl + 1 < size) await handle.truncate(start + nl + 1);
        return true;
      }
      end = start;
    }
    await handle.truncate(0);
    return false;
  } finally {
    await handle.close();
  }
}

async function readHeader(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const nl = text.indexOf('\n');
    return nl >= 0 ? text.slice(0, nl + 1) : text;
  } finally {
    await handle.close();
  }
}

/**
 * Reads a CSV with a header into records, streaming. Rows that do not have the header's columns
 * (a line cut short by a crash) are skipped with their line numbers in `skipped`.
 */
export async function readCsvRecords(path: string, required: readonly string[]): Promise<{ records: Array<Record<string, string>>; skipped: number[] }> {
  const records: Array<Record<string, string>> = [];
  const skipped: number[] = [];
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  let checked = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; columns: unknown[] } }>) {
    if (!checked) {
      const missing = required.filter((c) => !(c in record));
      if (missing.length) throw new Error(`${path}: missing column(s) ${missing.join(', ')}`);
      checked = true;
    }
    if (required.some((c) => record[c] === undefined)) skipped.push(info.lines);
    else records.push(record);
  }
  return { records, skipped };
}

/**
 * Reads a run's predictions.csv (see PREDICTION_COLUMNS) back into records marked `cached`.
 * Rows cut short are skipped (their line numbers are in `skipped`); rows without a score in
 * [0, 1] or a real/fake label are left out.
 */
export async function readPredictionsCsv(path: string): Promise<{ records: PredictionRecord[]; skipped: number[] }> {
  const { records: raw, skipped } = await readCsvRecords(path, REQUIRED_PREDICTION_COLUMNS);
  const records: PredictionRecord[] = [];
  raw.forEach((r, i) => {
    const score = r.score === '' ? NaN : Number(r.score);
    if (!(score >= 0 && score <= 1) || (r.label !== 'real' && r.label !== 'fake')) return;
    const record: PredictionRecord = { detector: r.detector as string, key: r.image_path as string, id: r.image_id as string, label: r.label, score, cached: true };
    if (r.perturbation !== undefined) record.perturbation = r.perturbation === '' ? 'none' : r.perturbation;
    if (r.map_path) {
      if (!MAP_PATH.test(r.map_path)) throw new Error(`${path}: record ${i + 1} (${r.image_path}): map_path "${r.map_path}" is not a map of this run directory (maps/<detector>/<sha256>.png)`);
      record.mapPath = r.map_path;
    }
    records.push(record);
  });
  return { records, skipped };
}

/** Reads a run's errors.csv back into row errors. */
export async function readErrorsCsv(path: string): Promise<RowError[]> {
  const { records } = await readCsvRecords(path, ERROR_COLUMNS);
  return records.map((r) => ({
    detector: r.detector as string,
    line: Number(r.line),
    key: r.image_path as string,
    path: r.path as string,
    stage: r.stage as RowError['stage'],
    reason: r.reason as string,
  }));
}

/**
 * The order every finished run's files use, whatever order rows were predicted, recalled or
 * merged in: dataset row order, then detectors in the order given. A resumed, sharded-and-merged
 * or single-machine run of the same inputs therefore writes byte-identical files.
 */
export function canonicalOrder<T extends { detector: string; key: string }>(items: readonly T[], rows: readonly DatasetRow[], detectorNames: readonly string[]): T[] {
  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
  const detIndex = new Map(detectorNames.map((d, i) => [d, i]));
  const rank = (t: T) => [rowIndex.get(t.key) ?? Number.MAX_SAFE_INTEGER, detIndex.get(t.detector) ?? Number.MAX_SAFE_INTEGER] as const;
  return [...items].sort((a, b) => {
    const [ra, da] = rank(a);
    const [rb, db] = rank(b);
    return ra - rb || da - db || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}

/** Rewrites predictions.csv and errors.csv of a run in canonical order, atomically; returns the predictions in that order. */
export async function writeRunTables(
  dir: string,
  tables: { predictions: readonly PredictionRecord[]; errors: readonly RowError[]; rows: readonly DatasetRow[]; detectorNames: readonly string[]; threshold: number },
): Promise<PredictionRecord[]> {
  const ordered = canonicalOrder(tables.predictions, tables.rows, tables.detectorNames);
  const predictions = ordered.map((r) => predictionRow(r, tables.threshold));
  const errors = canonicalOrder(tables.errors, tables.rows, tables.detectorNames).map(errorRow);
  const csv = (columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>) =>
    stringify([[...columns], ...rows.map((r) => r.map((v) => (typeof v === 'number' ? formatNumber(v) : v)))]);
  const perturbed = ordered.some((r) => r.perturbation !== undefined);
  await writeFileAtomic(join(dir, RUN_FILES.predictions), csv(perturbed ? [...PREDICTION_COLUMNS, PERTURBATION_COLUMN] : PREDICTION_COLUMNS, predictions));
  await writeFileAtomic(join(dir, RUN_FILES.errors), csv(ERROR_COLUMNS, errors));
  return ordered;
}

/** Writes a file atomically (temp file + rename), so readers never see half a manifest. */
export async function writeFileAtomic(path: string, contents: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, contents);
  await rename(tmp, path);
}

export async function writeScores(dir: string, records: readonly ScoreRecord[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const perturbed = records.some((r) => r.perturbation !== undefined);
  const rows = records.map((r) => {
    const row = [r.detector, r.slice, r.group, r.metric, String(r.n), formatNumber(r.value), formatNumber(r.ci_low), formatNumber(r.ci_high)];
    if (perturbed) row.push(r.perturbation ?? 'none');
    return row;
  });
  await writeFileAtomic(join(dir, RUN_FILES.scores), stringify([perturbed ? [...SCORE_COLUMNS, PERTURBATION_COLUMN] : [...SCORE_COLUMNS], ...rows]));
  await writeFileAtomic(join(dir, RUN_FILES.scoresJson), `${JSON.stringify(records, null, 2)}\n`);
}

/** A number cell of scores.csv: '' is null (undefined metric or no interval). */
function numberOrNull(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads a run's scores: scores.json (full precision and types) when present, else scores.csv (a
 * hand-made run). Throws, naming the directory, when there is neither.
 */
export async function readScores(dir: string): Promise<ScoreRecord[]> {
  const json = join(dir, RUN_FILES.scoresJson);
  if (existsSync(json)) {
    const parsed = JSON.parse(await readFile(json, 'utf8')) as unknown;
    if (!Array.isArray(parsed)) throw new Error(`${json}: expected an array of score records`);
    return parsed as ScoreRecord[];
  }
  const csv = join(dir, RUN_FILES.scores);
  if (!existsSync(csv)) throw new Error(`${dir}: no ${RUN_FILES.scoresJson} or ${RUN_FILES.scores}; the run did not finish scoring (see its manifest.json)`);
  const { records } = await readCsvRecords(csv, SCORE_COLUMNS);
  return records.map((r, i) => {
    const n = Number(r.n);
    if (!Number.isInteger(n)) throw new Error(`${csv}, record ${i + 1}: n must be an integer, got "${r.n ?? ''}"`);
    return { detector: r.detector!, slice: r.slice!, group: r.group!, metric: r.metric!, n, value: numberOrNull(r.value), ci_low: numberOrNull(r.ci_low), ci_high: numberOrNull(r.ci_high) };
  });
}

/** Writes the manifest atomically, with every known secret value scrubbed from it. */
export async function writeManifest(path: string, manifest: RunManifest, secrets: readonly string[] = []): Promise<void> {
  await writeFileAtomic(path, `${scrubSecrets(JSON.stringify(manifest, null, 2), secrets)}\n`);
}

/**
 * Reads a run directory's manifest.json. Throws, naming the file, when it is missing (with `hint`
 * saying what to pass instead) or of another run format.
 */
export async function readRunManifest(dir: string, hint = 'give a run directory written by `semibench eval --out DIR`'): Promise<RunManifest> {
  const path = join(dir, RUN_FILES.manifest);
  if (!existsSync(path)) throw new Error(`${dir}: no ${RUN_FILES.manifest}; ${hint}`);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as RunManifest;
  if (manifest.schema !== RUN_SCHEMA) throw new Error(`${path}: unknown schema "${String(manifest.schema)}" (this semibench reads ${RUN_SCHEMA})`);
  return manifest;
}

/** The manifest of an earlier run in `dir`, or undefined when there is none, or it is unreadable or of another format. */
export async function findRunManifest(dir: string): Promise<RunManifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, RUN_FILES.manifest), 'utf8')) as RunManifest;
    return parsed.schema === RUN_SCHEMA ? parsed : undefined;
  } catch {
    // Unreadable or half-written by something else: there is no earlier run.
    return undefined;
  }
}

