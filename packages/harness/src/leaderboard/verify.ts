/**
 * Does a (hash-verified) bundle fit the leaderboard's dataset? Its fingerprint must be the
 * dataset's, and its predictions.csv must be well-formed and predict every row of the dataset
 * exactly once for every detector the bundle names. The leaderboard reads only the scores (and
 * maps); the `prediction` column is recomputed from its own threshold.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { normalizeKey, type Dataset, type DatasetRow } from '../dataset.js';
import { canonicalOrder, PREDICTION_COLUMNS, RUN_FILES } from '../run/files.js';
import type { PredictionRecord } from '../run/types.js';
import { BundleRejection, MAP_PATH_COLUMN, type OpenedBundle } from './bundle.js';

const EXAMPLES = 3;
/** Column of robustness runs: every image is predicted once per perturbation (`none` = clean). */
const PERTURBATION_COLUMN = 'perturbation';
/** `map_path` is optional: runs without maps (and older ones) have no such column. */
const REQUIRED_COLUMNS = (PREDICTION_COLUMNS as readonly string[]).filter((c) => c !== MAP_PATH_COLUMN);

function examples(items: readonly string[]): string {
  return `${items.slice(0, EXAMPLES).join(', ')}${items.length > EXAMPLES ? `, … (${items.length} in all)` : ''}`;
}

/** One predictions.csv record, checked; throws malformed-predictions naming the line. */
function checkRecord(
  record: Record<string, string>,
  line: number,
  context: { detectors: ReadonlySet<string>; rows: ReadonlyMap<string, DatasetRow>; files: Readonly<Record<string, unknown>> },
): { record: PredictionRecord; known: boolean } {
  const where = `${RUN_FILES.predictions} line ${line}`;
  const bad = (what: string) => new BundleRejection('malformed-predictions', `${where}: ${what}`);
  const detector = record.detector ?? '';
  if (!context.detectors.has(detector)) throw bad(`detector "${detector}" is not one of the bundle's detectors (${[...context.detectors].join(', ')})`);
  const key = normalizeKey(record.image_path ?? '');
  if (key === '') throw bad('image_path is empty');
  const rawScore = (record.score ?? '').trim();
  const score = rawScore === '' ? NaN : Number(rawScore);
  if (!(score >= 0 && score <= 1)) throw bad(`score "${record.score ?? ''}" is not a number in [0, 1]`);
  const label = record.label;
  if (label !== 'real' && label !== 'fake') throw bad(`label "${label ?? ''}" is not real or fake`);
  if (record.prediction !== '0' && record.prediction !== '1') throw bad(`prediction "${record.prediction ?? ''}" is not 0 or 1`);
  const map = record[MAP_PATH_COLUMN];
  if (map && !context.files[normalizeKey(map)]) throw bad(`${MAP_PATH_COLUMN} "${map}" is not a file of the bundle`);
  const row = context.rows.get(key);
  if (row) {
    if (row.label !== label) throw bad(`${key} is labelled ${label} but ${row.label} in the dataset (line ${row.line})`);
    if (row.id !== record.image_id) throw bad(`${key} has image_id "${record.image_id ?? ''}" but "${row.id}" in the dataset (line ${row.line})`);
  }
  // Robustness runs (--perturb) predict every image once per perturbation; the record keeps it for scoring.
  const perturbation = record[PERTURBATION_COLUMN];
  const prediction = { detector, key, id: row?.id ?? record.image_id ?? '', label, score, cached: true, ...(perturbation !== undefined ? { perturbation: perturbation || 'none' } : {}) };
  return { record: prediction as PredictionRecord, known: row !== undefined };
}

/**
 * Checks an opened bundle against the dataset and returns its predictions in canonical order
 * (dataset rows, then the bundle's detectors). Throws BundleRejection with the first reason found.
 */
export async function checkPredictions(opened: OpenedBundle, dataset: Dataset, fingerprint: string): Promise<PredictionRecord[]> {
  const { bundle } = opened;
  if (bundle.dataset.fingerprint !== fingerprint) {
    throw new BundleRejection(
      'dataset-mismatch',
      `predicted on ${bundle.dataset.spec} (fingerprint ${bundle.dataset.fingerprint.slice(0, 12)}, metadata sha256 ${bundle.dataset.metadataSha256.slice(0, 12)}${bundle.dataset.hf ? `, ${bundle.dataset.hf}` : ''}), not on this leaderboard's dataset (fingerprint ${fingerprint.slice(0, 12)}, metadata sha256 ${dataset.metadataSha256.slice(0, 12)})`,
    );
  }
  const detectorNames = bundle.detectors.map((d) => d.name);
  const context = { detectors: new Set(detectorNames), rows: new Map(dataset.rows.map((r) => [r.key, r])), files: bundle.files };
  const path = join(opened.dir, RUN_FILES.predictions);
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: false, info: true }));
  const records: PredictionRecord[] = [];
  // Keys seen per detector and perturbation ('' when the run has none).
  const seen = new Map<string, Map<string, Set<string>>>(detectorNames.map((d) => [d, new Map()]));
  const duplicates: string[] = [];
  const unknown: string[] = [];
  let checkedHeader = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checkedHeader) {
        const missing = REQUIRED_COLUMNS.filter((c) => !(c in record));
        if (missing.length) throw new BundleRejection('malformed-predictions', `${RUN_FILES.predictions} lacks column(s) ${missing.join(', ')}`);
        checkedHeader = true;
      }
      const { record: prediction, known } = checkRecord(record, info.lines, context);
      const perturbation = (prediction as { perturbation?: string }).perturbation ?? '';
      const groups = seen.get(prediction.detector)!;
      const own = groups.get(perturbation) ?? new Set<string>();
      groups.set(perturbation, own);
      if (own.has(prediction.key)) duplicates.push(`${prediction.detector}${perturbation ? ` (${perturbation})` : ''}: ${prediction.key}`);
      own.add(prediction.key);
      if (!known) unknown.push(prediction.key);
      else records.push(prediction);
    }
  } catch (error) {
    if (error instanceof BundleRejection) throw error;
    throw new BundleRejection('malformed-predictions', `${RUN_FILES.predictions} is not a well-formed CSV: ${(error as Error).message}`);
  }
  if (duplicates.length) throw new BundleRejection('duplicate-rows', `predicted more than once: ${examples(duplicates)}`);
  if (unknown.length) throw new BundleRejection('unknown-rows', `${unknown.length} prediction(s) for images not in the dataset: ${examples(unknown)}`);
  for (const [detector, groups] of seen) {
    for (const [perturbation, keys] of groups.size ? groups : new Map([['', new Set<string>()]])) {
      if (keys.size === dataset.rows.length) continue;
      const missing = dataset.rows.filter((r) => !keys.has(r.key)).map((r) => r.key);
      throw new BundleRejection('missing-rows', `${detector}${perturbation ? ` (${perturbation})` : ''} predicts ${keys.size} of the dataset's ${dataset.rows.length} rows; missing ${examples(missing)}`);
    }
  }
  return canonicalOrder(records, dataset.rows, detectorNames);
}
