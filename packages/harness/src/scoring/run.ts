/** Scoring a run's predictions and writing its score files: the last step of `eval` and of `merge`. */
import type { DatasetRow } from '../dataset.js';
import { writeScores } from '../run/files.js';
import type { PredictionRecord } from '../run/types.js';
import { isFake } from './defaults.js';
import { scoreTable } from './score.js';
import { scoringColumns } from './table.js';
import type { ScoreRecord, ScoringRow } from './types.js';
import { scorePixels, withPixelRecords } from '../localisation/scores.js';

export interface ScoringSettings {
  seed: number;
  resamples: number;
  resample: 'cluster' | 'row';
  confidence: number;
  threshold: number;
  /** Slice columns, without `overall` (always scored). */
  slices: readonly string[];
}

/**
 * Joins predictions to their rows as row objects for `scoreDetectors`, in dataset order per
 * detector. `scoreRun` uses the columnar `scoringColumns` instead (same records, less memory);
 * this form is for callers that build rows themselves, and is the tests' reference for it.
 */
export function scoringInput(
  detectorNames: readonly string[],
  predictions: readonly PredictionRecord[],
  rows: readonly DatasetRow[],
  slices: readonly string[],
  threshold: number,
): Array<{ detector: string; rows: ScoringRow[] }> {
  return detectorNames.map((detector) => {
    const own = predictions.filter((p) => p.detector === detector);
    const scoreOf = new Map(own.map((p) => [p.key, p.score]));
    const out: ScoringRow[] = [];
    for (const row of rows) {
      const score = scoreOf.get(row.key);
      if (score === undefined) continue;
      const groups: Record<string, string> = {};
      for (const s of slices) groups[s] = row.columns[s] ?? '';
      out.push({ key: row.key, cluster: row.id, label: row.label === 'fake' ? 1 : 0, score, prediction: isFake(score, threshold) ? 1 : 0, groups });
    }
    return { detector, rows: out };
  });
}

/**
 * Scores predictions and writes scores.csv and scores.json. `eval` and `merge` both end here, so a
 * merged run gives the same bytes as a single-machine run of the same predictions.
 */
export async function scoreRun(
  outDir: string,
  detectorNames: readonly string[],
  predictions: readonly PredictionRecord[],
  rows: readonly DatasetRow[],
  settings: ScoringSettings,
): Promise<ScoreRecord[]> {
  // Columnar (the rows once, each detector's scores as typed arrays): the same records as scoreDetectors on scoringInput's rows.
  const { table, detectors } = scoringColumns(detectorNames, predictions, rows, settings.slices, settings.threshold);
  const statistics = { slices: settings.slices, resamples: settings.resamples, seed: settings.seed, confidence: settings.confidence, resample: settings.resample };
  const image = await scoreTable(table, detectors, statistics);
  // Detectors that returned localisation maps also get pixel metrics (none otherwise: the same records).
  const scores = withPixelRecords(image, await scorePixels(outDir, detectorNames, predictions, rows, statistics));
  await writeScores(outDir, scores);
  return scores;
}
