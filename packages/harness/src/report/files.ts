import { appendFile, mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { PredictionRecord, RowError } from '../runner.js';
import type { ScoreRecord } from '../scoring/index.js';

/** File names inside a run directory. */
export const RUN_FILES = {
  predictions: 'predictions.csv',
  scores: 'scores.csv',
  scoresJson: 'scores.json',
  manifest: 'manifest.json',
  errors: 'errors.csv',
} as const;

export const PREDICTION_COLUMNS = ['image_id', 'image_path', 'detector', 'label', 'score', 'prediction'] as const;
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

  async append(rows: ReadonlyArray<ReadonlyArray<string | number>>): Promise<void> {
    if (!this.started) await this.open();
    if (rows.length === 0) return;
    await appendFile(this.path, stringify(rows.map((r) => r.map((v) => (typeof v === 'number' ? formatNumber(v) : v)))));
  }
}

export function predictionRow(record: PredictionRecord, threshold: number): Array<string | number> {
  return [record.id, record.key, record.detector, record.label, formatNumber(record.score), record.score >= threshold ? 1 : 0];
}

export function errorRow(error: RowError): Array<string | number> {
  return [error.detector, error.line, error.key, error.path, error.stage, error.reason];
}

/** Writes a file atomically (temp file + rename), so readers never see half a manifest. */
export async function writeFileAtomic(path: string, contents: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, contents);
  await rename(tmp, path);
}

export async function writeScores(dir: string, records: readonly ScoreRecord[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const rows = records.map((r) => [r.detector, r.slice, r.group, r.metric, String(r.n), formatNumber(r.value), formatNumber(r.ci_low), formatNumber(r.ci_high)]);
  await writeFileAtomic(join(dir, RUN_FILES.scores), stringify([[...SCORE_COLUMNS], ...rows]));
  await writeFileAtomic(join(dir, RUN_FILES.scoresJson), `${JSON.stringify(records, null, 2)}\n`);
}
