/**
 * Moving predictions out of and into a store.
 *
 * - Joined to a dataset, an export is a predictions.csv (the columns `eval` writes, plus
 *   `store_key` and `input_key`): a reviewer scores it with `semibench score` without the model.
 * - Without a dataset, an export lists `store_key,input_key,score,created_at,map_sha256,map_png_base64`:
 *   every prediction of the detector with its localisation map (the PNG's bytes in base64; both
 *   empty without one), for another store.
 * - Import takes either CSV form, or another store's SQLite file.
 */
import { createReadStream, createWriteStream, openSync, readSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { DetectorInput } from '../contract.js';
import { realPathInside, type Dataset } from '../dataset.js';
import { PREDICTION_COLUMNS, formatNumber } from '../run/files.js';
import { sha256 } from '../util/hash.js';
import { inputDependencies, predictionInputKey, type InputDependencies } from './keys.js';
import type { ImportCounts, PredictionStore, StoredDescription, StoredDetector, StoredPrediction } from './sqlite.js';
import { DEFAULT_THRESHOLD, isFake } from '../scoring/defaults.js';

export const EXPORT_COLUMNS = [...PREDICTION_COLUMNS, 'store_key', 'input_key'] as const;
export const RAW_EXPORT_COLUMNS = ['store_key', 'input_key', 'score', 'created_at', 'map_sha256', 'map_png_base64'] as const;

/** Picks one detector of the store, or explains which ones `query` could mean. */
export function resolveStoredDetector(store: PredictionStore, query: string): StoredDetector {
  const found = store.findDetectors(query);
  if (found.length === 1) return found[0] as StoredDetector;
  const list = (ds: readonly StoredDetector[]) => ds.map((d) => `  ${d.storeKey}  (${d.predictions} predictions)`).join('\n');
  if (found.length === 0) {
    const all = store.detectors();
    throw new Error(`no detector "${query}" in the store ${store.path}.${all.length ? ` It holds:\n${list(all)}` : ' It is empty.'}`);
  }
  throw new Error(`"${query}" matches ${found.length} detectors in ${store.path}; give the full store key:\n${list(found)}`);
}

/** The input dependencies recorded when the detector was registered (image only when unknown). */
function storedDependencies(description: StoredDescription): InputDependencies {
  const input = (description.inputSpec ?? { kind: 'path' }) as unknown as DetectorInput;
  const needsColumns = Array.isArray(description.needsColumns) ? description.needsColumns.map(String) : [];
  return inputDependencies(input, description.needsMask === true, needsColumns);
}

export interface ExportToDatasetOptions {
  /** Seed of the runs whose predictions are exported (matters only for seeded crops). */
  seed?: number;
  /** Value of the `detector` column (default: the plugin name). */
  name?: string;
  threshold?: number;
}

export interface ExportCounts {
  rows: number;
  exported: number;
  /** Dataset rows without a stored prediction (never scored, or scored from other inputs). */
  missing: number;
  /** Rows whose image (or mask) could not be read. */
  unreadable: number;
}

async function writeRows(path: string, header: readonly string[], rows: AsyncIterable<Array<string | number>> | Iterable<Array<string | number>>): Promise<number> {
  const out = createWriteStream(path);
  let n = 0;
  let batch: Array<Array<string | number>> = [[...header]];
  const flush = async () => {
    if (!out.write(stringify(batch))) await once(out, 'drain');
    batch = [];
  };
  for await (const r of rows) {
    batch.push(r);
    n++;
    if (batch.length >= 2000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return n;
}

/** Writes a detector's predictions for a dataset's rows as a scorable predictions CSV. */
export async function exportToDataset(store: PredictionStore, detector: StoredDetector, dataset: Dataset, path: string, options: ExportToDatasetOptions = {}): Promise<ExportCounts> {
  const deps = storedDependencies(detector.description);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const name = options.name ?? detector.plugin;
  const counts: ExportCounts = { rows: dataset.rows.length, exported: 0, missing: 0, unreadable: 0 };
  async function* rows(): AsyncGenerator<Array<string | number>> {
    for (const row of dataset.rows) {
      let image: string;
      let mask = '';
      try {
        image = sha256(await readFile(await realPathInside(dataset.root, row.path)));
        if (deps.mask && row.maskPath) mask = sha256(await readFile(await realPathInside(dataset.root, row.maskPath)));
      } catch {
        counts.unreadable++;
        continue;
      }
      const inputKey = predictionInputKey(deps, { image, mask }, { key: row.key, columns: row.columns, seed: options.seed ?? 0 });
      const score = store.lookupSync(detector.storeKey, [inputKey]).get(inputKey);
      if (score === undefined) {
        counts.missing++;
        continue;
      }
      counts.exported++;
      // map_path stays empty: a dataset export is a scorable CSV; maps travel in raw exports and store files.
      yield [row.id, row.key, name, row.label, formatNumber(score), isFake(score, threshold) ? 1 : 0, '', detector.storeKey, inputKey];
    }
  }
  await writeRows(path, EXPORT_COLUMNS, rows());
  return counts;
}

/** Writes every prediction of a detector, keyed by input key (for another store). */
export async function exportRaw(store: PredictionStore, detector: StoredDetector, path: string): Promise<number> {
  function* rows(): Generator<Array<string | number>> {
    for (const e of store.entries(detector.storeKey)) {
      yield [detector.storeKey, e.inputKey, formatNumber(e.score), e.createdAt, e.map?.sha256 ?? '', e.map ? Buffer.from(e.map.png).toString('base64') : ''];
    }
  }
  return writeRows(path, RAW_EXPORT_COLUMNS, rows());
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function isSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 16 && buf.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/** Imports an export CSV (either form) or another store file. Malformed lines stop the import with their line number. */
export async function importPredictions(store: PredictionStore, path: string, options: { replace?: boolean } = {}): Promise<ImportCounts> {
  if (isSqliteFile(path)) return store.importStore(path, options);
  const counts: ImportCounts = { detectors: 0, added: 0, existing: 0 };
  const pending = new Map<string, Array<Omit<StoredPrediction, 'createdAt'> & { createdAt?: number }>>();
  const flush = (storeKey: string) => {
    const batch = pending.get(storeKey);
    if (!batch?.length) return;
    const c = store.importEntries(storeKey, batch, options.replace ? { replace: true } : {});
    counts.detectors += c.detectors;
    counts.added += c.added;
    counts.existing += c.existing;
    batch.length = 0;
  };
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, info: true }));
  let checked = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    if (!checked) {
      const missing = ['store_key', 'input_key', 'score'].filter((c) => !(c in record));
      if (missing.length) throw new Error(`${path}: not a semibench store export: missing column(s) ${missing.join(', ')} (write one with \`semibench store export\`)`);
      checked = true;
    }
    const where = `${path}:${info.lines}`;
    const score = Number(record.score);
    if (record.score === '' || !(score >= 0 && score <= 1)) throw new Error(`${where}: score "${record.score}" is not a number in [0, 1]`);
    const storeKey = record.store_key as string;
    const inputKey = record.input_key as string;
    if (!/^[0-9a-f]{64}$/.test(inputKey)) throw new Error(`${where}: input_key "${inputKey}" is not 64 hex characters`);
    let batch = pending.get(storeKey);
    if (!batch) pending.set(storeKey, (batch = []));
    const createdAt = record.created_at ? Number(record.created_at) : undefined;
    const entry: Omit<StoredPrediction, 'createdAt'> & { createdAt?: number } = createdAt !== undefined && Number.isFinite(createdAt) ? { inputKey, score, createdAt } : { inputKey, score };
    if (record.map_sha256) {
      const png = new Uint8Array(Buffer.from(record.map_png_base64 ?? '', 'base64'));
      if (sha256(png) !== record.map_sha256) throw new Error(`${where}: map_png_base64 does not hash to map_sha256 ${record.map_sha256} (a damaged or edited export)`);
      entry.map = { sha256: record.map_sha256, png };
    }
    batch.push(entry);
    if (batch.length >= 5000) flush(storeKey);
  }
  for (const key of pending.keys()) flush(key);
  return counts;
}
