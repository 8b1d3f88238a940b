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

/** Reads one prediction file, recognising its format from the header. */
export async function readPredictionFile(path: string, options: { detector?: string } = {}): Promise<PredictionFile> {
  if (!existsSync(path)) throw new Error(`${path}: no such prediction file`);
  const records: string[][] = [];
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true }));
  for await (const record of parser as AsyncIterable<string[]>) records.push(record);
  const header = records.shift();
  if (!header) throw new Error(`${path}: empty file; expected a header with image_path and prediction columns`);
  const col = (name: string): number => header.findIndex((h) => h.trim().toLowerCase() === name);
  const iPath = col('image_path');
  const iId = col('image_id') >= 0 ? col('image_id') : col('img_id');
  const iDetector = col('detector');
  const iLabel = col('label');
  const iPred = col('prediction');
  const iScore = col('score') >= 0 ? col('score') : col('probability');
  if (iPath < 0 || iPred < 0) {
    throw new Error(`${path}: not a prediction file. Found columns ${header.join(', ')}; need image_path and prediction (semibench: image_id, image_path, detector, label, score, prediction; reference code: metadata columns + prediction, probability)`);
  }
  const format = iDetector >= 0 && col('score') >= 0 ? 'semibench' : 'reference';
  const fileDetector = options.detector ?? detectorNameFromFile(path);
  const rows: PredictionFileRow[] = records.map((rec, i) => {
    const where = `${path}:${i + 2}`;
    const columns: Record<string, string> = {};
    header.forEach((h, j) => (columns[h.trim()] = rec[j] ?? ''));
    const key = normalizeKey(rec[iPath] ?? '');
    if (key === '') throw new Error(`${where}: empty image_path`);
    return {
      line: i + 2,
      key,
      id: iId >= 0 ? (rec[iId] ?? '') : '',
      detector: format === 'semibench' && !options.detector ? (rec[iDetector] ?? '') : fileDetector,
      label: iLabel >= 0 ? parseLabel(rec[iLabel], where) : undefined,
      score: iScore >= 0 ? parseScore(rec[iScore], where) : Number.NaN,
      prediction: parsePrediction(rec[iPred], where),
      columns,
    };
  });
  return { path, format, columns: header.map((h) => h.trim()), rows };
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

/**
 * Joins prediction files to a dataset (or to their own metadata columns) and builds the scoring
 * rows of every detector, in frame order. Detectors appear in the order first met.
 */
export function joinPredictions(files: readonly PredictionFile[], slices: readonly string[], dataset?: Dataset): JoinedPredictions {
  const byDetector = new Map<string, PredictionFileRow[]>();
  for (const file of files) {
    for (const row of file.rows) {
      const list = byDetector.get(row.detector) ?? [];
      list.push(row);
      byDetector.set(row.detector, list);
    }
  }
  const input: Array<{ detector: string; rows: ScoringRow[] }> = [];
  const counts: ScoredRowCounts[] = [];
  for (const [detector, preds] of byDetector) {
    const rows: ScoringRow[] = [];
    let missing = 0;
    let unmatched = 0;
    const groupsOf = (columns: Readonly<Record<string, string>>): Record<string, string> => Object.fromEntries(slices.map((s) => [s, columns[s] ?? '']));
    if (dataset) {
      const byKey = new Map<string, PredictionFileRow>();
      for (const p of preds) {
        if (byKey.has(p.key)) throw new Error(`${detector}: two predictions for ${p.key} (line ${byKey.get(p.key)!.line} and ${p.line})`);
        byKey.set(p.key, p);
      }
      const datasetKeys = new Set<string>();
      for (const d of dataset.rows) {
        datasetKeys.add(d.key);
        const p = byKey.get(d.key);
        if (!p || p.prediction === null) {
          missing++;
          continue;
        }
        if (p.label !== undefined && p.label !== d.label) {
          throw new Error(`${detector}: ${d.key} is ${p.label} in the predictions (line ${p.line}) but ${d.label} in ${dataset.metadataPath} (line ${d.line})`);
        }
        rows.push({ key: d.key, cluster: d.id, label: d.label === 'fake' ? 1 : 0, score: p.score, prediction: p.prediction, groups: groupsOf(d.columns) });
      }
      for (const p of preds) if (!datasetKeys.has(p.key)) unmatched++;
      counts.push({ detector, rows: dataset.rows.length, scored: rows.length, missing, unmatched });
    } else {
      for (const p of preds) {
        if (p.prediction === null) {
          missing++;
          continue;
        }
        if (p.label === undefined) throw new Error(`${detector}: line ${p.line} has no label; pass --dataset so labels come from its metadata`);
        if (p.id === '') throw new Error(`${detector}: line ${p.line} has no image_id (the bootstrap cluster); pass --dataset or add the column`);
        rows.push({ key: p.key, cluster: p.id, label: p.label === 'fake' ? 1 : 0, score: p.score, prediction: p.prediction, groups: groupsOf(p.columns) });
      }
      counts.push({ detector, rows: preds.length, scored: rows.length, missing, unmatched });
    }
    input.push({ detector, rows });
  }
  return { input, counts };
}
