/**
 * Reads a run directory written by `semibench eval` (see report/files.ts) back into memory for the
 * HTML report: the manifest, every score, every prediction and the number of per-image errors.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { PredictionRecord, RunManifest } from '../../run/types.js';
import type { ScoreRecord } from '../../scoring/index.js';
import { readRunAudit, type AuditFinding } from '../../audit/index.js';
import { RUN_FILES, readErrorsCsv, readPredictionsCsv, readRunManifest, readScores } from '../../run/files.js';

export interface LoadedRun {
  /** Absolute run directory. */
  dir: string;
  /** Directory name, used to tell apart detectors of the same name from different runs. */
  name: string;
  manifest: RunManifest;
  scores: ScoreRecord[];
  predictions: PredictionRecord[];
  /** Rows of errors.csv (images that could not be scored). */
  errorCount: number;
  /** The dataset's shortcut features (audit.json); empty when the run has none. */
  shortcuts: AuditFinding[];
}

/** Loads one run directory; errors name the file and say what is wrong. */
export async function readRunDir(path: string): Promise<LoadedRun> {
  const dir = resolve(path);
  const manifest = await readRunManifest(dir);
  const predictionsPath = join(dir, RUN_FILES.predictions);
  const errorsPath = join(dir, RUN_FILES.errors);
  const [scores, predictions, errors] = await Promise.all([
    readScores(dir),
    existsSync(predictionsPath) ? readPredictionsCsv(predictionsPath) : { records: [] },
    existsSync(errorsPath) ? readErrorsCsv(errorsPath) : [],
  ]);
  return { dir, name: basename(dir), manifest, scores, predictions: predictions.records, errorCount: errors.length, shortcuts: await readRunAudit(dir) };
}
