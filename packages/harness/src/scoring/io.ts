/**
 * Prediction files → scoring rows, without any model (spec §7.1–7.2):
 * - semibench's own predictions.csv: image_id, image_path, detector, label, score, prediction;
 * - the reference code's per-detector CSVs: the eval metadata plus `prediction` ("1"/"0", an
 *   integer for DE-FAKE) and `probability` (2 dp), capitalised for CrossEfficientViT, empty when
 *   the detector gave no output. The detector's name comes from the file name.
 * Rows are joined to a dataset's metadata by normalised image_path when a dataset is given (its
 * label and slice columns win), else the file's own columns are used. Missing predictions are
 * dropped per detector and counted, as the paper did.
 */
import { createReadStream, existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse';
import { normalizeKey, type Dataset } from '../dataset.js';
import { perturbedDetectorName } from '../perturb/index.js';
import { internField, rowColumns, rowShape } from '../util/csv-rows.js';
import { growFloat, growInt } from './plan.js';
import { ScoringTableBuilder, type DetectorColumns, type ScoringTable } from './table.js';
import type { ScoringRow } from './types.js';

export interface PredictionFileRow {
  /** 1-based line in the file (header = 1). */
  readonly line: number;
  readonly key: string;
  readonly id: string;
  readonly detector: string;
  /** From the file's label column; undefined when it has none. */
  readonly label: 'real' | 'fake' | undefined;
  /** NaN when the file has no usable score. */
  readonly score: number;
  /** null when the detector gave no prediction for this image. */
  readonly prediction: 0 | 1 | null;
  readonly columns: Readonly<Record<string, string>>;
}

export interface PredictionFile {
  readonly path: string;
  readonly format: 'semibench' | 'reference';
  readonly columns: readonly string[];
  readonly rows: readonly PredictionFileRow[];
}

/**
 * Notebook/file names, zoo names and the names the detectors go by in their papers and repositories
 * → the names paper-reference.json uses (spec §7.1, §8.1 item 9). Keys are lower-case alphanumerics.
 */
const DETECTOR_ALIASES: Readonly<Record<string, string>> = {
  dinov2: 'DinoV2',
  dino: 'DinoV2',
  cnnspot: 'CNNSpot',
  cnndetection: 'CNNSpot',
  cnndetect: 'CNNSpot',
  wang2020: 'CNNSpot',
  dire: 'DIRE',
  universalfakedetect: 'UniversalFakeDetect',
  universalfakedetector: 'UniversalFakeDetect',
  univfd: 'UniversalFakeDetect',
  ojha2023: 'UniversalFakeDetect',
  crossefficientnet: 'CrossEfficientNet',
  crossefficientvit: 'CrossEfficientNet',
  crossefficient: 'CrossEfficientNet',
  defake: 'De-Fake',
};

/**
 * The reference name of a detector (`de-fake`, `DE-FAKE`, `defake`, `zoo:defake` → `De-Fake`;
 * `zoo:univfd`, `UnivFD`, `UniversalFakeDetect` → `UniversalFakeDetect`), or the name itself.
 */
export function canonicalDetectorName(name: string): string {
  const bare = name.trim().replace(/^zoo:/i, '');
  return DETECTOR_ALIASES[bare.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? name;
}

/** Whether a detector name maps to one of the paper's detectors. */
export function isPaperDetector(name: string): boolean {
  return Object.values(DETECTOR_ALIASES).includes(canonicalDetectorName(name));
}

/** `universalfakedetect_preds.csv` → `UniversalFakeDetect`; `crossefficient_labels_and_preds.csv` → `CrossEfficientNet`. */
export function detectorNameFromFile(path: string): string {
  const stem = basename(path, extname(path)).replace(/_(labels_and_preds|preds|predictions)$/i, '');
  return canonicalDetectorName(stem);
}

/** "1", "1.0", "true" → 1; "0", "0.0", "false" → 0; empty / NaN → null (no prediction). */
export function parsePrediction(raw: string | undefined, where: string): 0 | 1 | null {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || v === 'nan' || v === 'na' || v === 'none' || v === 'null') return null;
  if (v === 'true') return 1;
  if (v === 'false') return 0;
  const x = Number(v);
  if (x === 1) return 1;
  if (x === 0) return 0;
  throw new Error(`${where}: prediction "${raw}" is not 0/1; expected "1"/"0" (or 1.0/0.0, true/false), empty when missing`);
}

function parseScore(raw: string | undefined, where: string): number {
  const v = (raw ?? '').trim();
  if (v === '' || /^(nan|na|none|null)$/i.test(v)) return Number.NaN;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`${where}: score "${raw}" is not a number`);
  return x;
}

function parseLabel(raw: string | undefined, where: string): 'real' | 'fake' | undefined {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '') return undefined;
  if (v === 'real' || v === '0') return 'real';
  if (v === 'fake' || v === '1') return 'fake';
  throw new Error(`${where}: label "${raw}" is neither real/0 nor fake/1`);
}

/** Reads one prediction file, recognising its format from the header; rows are converted as they stream in. */
export async function readPredictionFile(path: string, options: { detector?: string } = {}): Promise<PredictionFile> {
  if (!existsSync(path)) throw new Error(`${path}: no such prediction file`);
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true }));
  let toRow: ((rec: string[], line: number) => PredictionFileRow) | undefined;
  let header: string[] | undefined;
  let format: PredictionFile['format'] = 'reference';
  const rows: PredictionFileRow[] = [];
  for await (const record of parser as AsyncIterable<string[]>) {
    if (toRow) rows.push(toRow(record, rows.length + 2));
    else ({ header, format, toRow } = predictionRowReader(path, record, options));
  }
  if (!header) throw new Error(`${path}: empty file; expected a header with image_path and prediction columns`);
  return { path, format, columns: header.map((h) => h.trim()), rows };
}

/** The format of a prediction file from its header, and how one of its records becomes a row. */
function predictionRowReader(
  path: string,
  header: string[],
  options: { detector?: string },
): { header: string[]; format: PredictionFile['format']; toRow: (rec: string[], line: number) => PredictionFileRow } {
  const col = (name: string): number => header.findIndex((h) => h.trim().toLowerCase() === name);
  const iPath = col('image_path');
  const iId = col('image_id') >= 0 ? col('image_id') : col('img_id');
  const iDetector = col('detector');
  const iLabel = col('label');
  const iPred = col('prediction');
  const iScore = col('score') >= 0 ? col('score') : col('probability');
  // A `--perturb` run's perturbed predictions are scored as detectors of their own: `NAME [jpeg:75]`.
  const iPerturbation = col('perturbation');
  const perturbed = (name: string, rec: string[]): string => perturbedDetectorName(name, iPerturbation >= 0 ? rec[iPerturbation] : undefined);
  if (iPath < 0 || iPred < 0) {
    throw new Error(`${path}: not a prediction file. Found columns ${header.join(', ')}; need image_path and prediction (semibench: image_id, image_path, detector, label, score, prediction; reference code: metadata columns + prediction, probability)`);
  }
  const format = iDetector >= 0 && col('score') >= 0 ? 'semibench' : 'reference';
  const fileDetector = options.detector ?? detectorNameFromFile(path);
  const shape = rowShape(header.map((h) => h.trim()));
  const toRow = (rec: string[], line: number): PredictionFileRow => {
    const where = `${path}:${line}`;
    const columns = rowColumns(shape, rec);
    const key = normalizeKey(rec[iPath] ?? '');
    if (key === '') throw new Error(`${where}: empty image_path`);
    return {
      line,
      key,
      id: iId >= 0 ? internField(shape, iId, rec[iId] ?? '') : '',
      detector: perturbed(format === 'semibench' && !options.detector ? internField(shape, iDetector, rec[iDetector] ?? '') : fileDetector, rec),
      label: iLabel >= 0 ? parseLabel(rec[iLabel], where) : undefined,
      score: iScore >= 0 ? parseScore(rec[iScore], where) : Number.NaN,
      prediction: parsePrediction(rec[iPred], where),
      columns,
    };
  };
  return { header, format, toRow };
}

export interface ScoredRowCounts {
  detector: string;
  /** Rows of the frame (dataset rows, or the file's rows without a dataset). */
  rows: number;
  /** Rows with a prediction, scored. */
  scored: number;
  /** Rows without a prediction (dropped, as the paper did). */
  missing: number;
  /** Prediction rows whose image_path is not in the dataset (ignored). */
  unmatched: number;
}

export interface JoinedPredictions {
  readonly input: Array<{ detector: string; rows: ScoringRow[] }>;
  readonly counts: ScoredRowCounts[];
}

/** One scored row of a detector: its metadata (the dataset's when given, else the file's) and its prediction. */
interface JoinedRow {
  readonly key: string;
  readonly id: string;
  readonly label: 'real' | 'fake';
  readonly columns: Readonly<Record<string, string>>;
  readonly score: number;
  readonly prediction: 0 | 1;
  /** Index of the dataset row (−1 without a dataset). */
  readonly datasetRow: number;
}

/** Each detector's prediction rows, detectors in the order first met. */
function rowsByDetector(files: readonly PredictionFile[]): Map<string, PredictionFileRow[]> {
  const byDetector = new Map<string, PredictionFileRow[]>();
  for (const file of files) {
    for (const row of file.rows) {
      const list = byDetector.get(row.detector) ?? [];
      list.push(row);
      byDetector.set(row.detector, list);
    }
  }
  return byDetector;
}

/** A detector's predictions joined to the dataset's rows, in dataset order; fills in `counts`. */
function* joinToDataset(detector: string, preds: readonly PredictionFileRow[], dataset: Dataset, counts: ScoredRowCounts): Generator<JoinedRow> {
  const byKey = new Map<string, PredictionFileRow>();
  for (const p of preds) {
    if (byKey.has(p.key)) throw new Error(`${detector}: two predictions for ${p.key} (line ${byKey.get(p.key)!.line} and ${p.line})`);
    byKey.set(p.key, p);
  }
  const datasetKeys = new Set<string>();
  for (let i = 0; i < dataset.rows.length; i++) {
    const d = dataset.rows[i]!;
    datasetKeys.add(d.key);
    const p = byKey.get(d.key);
    if (!p || p.prediction === null) {
      counts.missing++;
      continue;
    }
    if (p.label !== undefined && p.label !== d.label) {
      throw new Error(`${detector}: ${d.key} is ${p.label} in the predictions (line ${p.line}) but ${d.label} in ${dataset.metadataPath} (line ${d.line})`);
    }
    counts.scored++;
    yield { key: d.key, id: d.id, label: d.label, columns: d.columns, score: p.score, prediction: p.prediction, datasetRow: i };
  }
  for (const p of preds) if (!datasetKeys.has(p.key)) counts.unmatched++;
}

/** A detector's predictions on their own metadata columns, in file order; fills in `counts`. */
function* ownRows(detector: string, preds: readonly PredictionFileRow[], counts: ScoredRowCounts): Generator<JoinedRow> {
  for (const p of preds) {
    if (p.prediction === null) {
      counts.missing++;
      continue;
    }
    if (p.label === undefined) throw new Error(`${detector}: line ${p.line} has no label; pass --dataset so labels come from its metadata`);
    if (p.id === '') throw new Error(`${detector}: line ${p.line} has no image_id (the bootstrap cluster); pass --dataset or add the column`);
    counts.scored++;
    yield { key: p.key, id: p.id, label: p.label, columns: p.columns, score: p.score, prediction: p.prediction, datasetRow: -1 };
  }
}

/** Every detector's joined rows (a generator each, to be consumed in order) with its counts, filled in as it is consumed. */
function joinedDetectors(files: readonly PredictionFile[], dataset: Dataset | undefined): Array<{ detector: string; rows: Iterable<JoinedRow>; counts: ScoredRowCounts }> {
  return [...rowsByDetector(files)].map(([detector, preds]) => {
    const counts: ScoredRowCounts = { detector, rows: dataset ? dataset.rows.length : preds.length, scored: 0, missing: 0, unmatched: 0 };
    return { detector, counts, rows: dataset ? joinToDataset(detector, preds, dataset, counts) : ownRows(detector, preds, counts) };
  });
}

/**
 * Joins prediction files to a dataset (or to their own metadata columns) and builds the scoring
 * rows of every detector, in frame order. Detectors appear in the order first met.
 * joinPredictionColumns gives the same rows as columns (what `score` and `tables` use).
 */
export function joinPredictions(files: readonly PredictionFile[], slices: readonly string[], dataset?: Dataset): JoinedPredictions {
  const detectors = joinedDetectors(files, dataset);
  const input = detectors.map(({ detector, rows }) => {
    const out: ScoringRow[] = [];
    for (const r of rows) {
      const groups = Object.fromEntries(slices.map((s) => [s, r.columns[s] ?? '']));
      out.push({ key: r.key, cluster: r.id, label: r.label === 'fake' ? 1 : 0, score: r.score, prediction: r.prediction, groups });
    }
    return { detector, rows: out };
  });
  return { input, counts: detectors.map((d) => d.counts) };
}

export interface JoinedPredictionColumns {
  /** The dataset's rows (every one, in order), or without a dataset each detector's scored rows in turn. */
  readonly table: ScoringTable;
  /** Per detector (in the order first met): its scored rows of the table, scores and predictions. */
  readonly detectors: DetectorColumns[];
  readonly counts: ScoredRowCounts[];
}

/**
 * joinPredictions as columns for scoreTable: the same scored rows, but no per-row objects are built
 * (at 1.5M rows the row objects were most of the memory). scoreTable on the result gives the same
 * records as scoreDetectors on joinPredictions' rows.
 */
export function joinPredictionColumns(files: readonly PredictionFile[], slices: readonly string[], dataset?: Dataset): JoinedPredictionColumns {
  const builder = new ScoringTableBuilder(slices, dataset ? dataset.rows.length : 1024);
  if (dataset) for (const d of dataset.rows) builder.add(d.key, d.id, d.label === 'fake' ? 1 : 0, d.columns);
  const detectors = joinedDetectors(files, dataset);
  const columns = detectors.map(({ detector, rows }) => {
    const tableRows = growInt();
    const score = growFloat();
    const prediction = growInt();
    // Without a dataset each detector adds its own rows, so a key given twice is caught here (as scoreDetectors does).
    const keys = dataset ? null : new Set<string>();
    for (const r of rows) {
      if (keys) {
        if (keys.has(r.key)) throw new Error(`detector "${detector}": row key "${r.key}" occurs twice; each image must have at most one prediction per detector`);
        keys.add(r.key);
      }
      tableRows.push(r.datasetRow >= 0 ? r.datasetRow : builder.add(r.key, r.id, r.label === 'fake' ? 1 : 0, r.columns));
      score.push(r.score);
      prediction.push(r.prediction);
    }
    return { detector, rows: tableRows.finish((k) => new Int32Array(k)), score: score.finish((k) => new Float64Array(k)), prediction: Uint8Array.from(prediction.finish((k) => new Int32Array(k))) };
  });
  return { table: builder.finish(), detectors: columns, counts: detectors.map((d) => d.counts) };
}
