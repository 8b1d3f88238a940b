/** Scoring a run's predictions and writing its score files: the last step of `eval` and of `merge`. */
import { KNOWN_SLICE_COLUMNS } from '../columns/catalogue.js';
import type { Dataset, DatasetRow } from '../dataset.js';
import { writeScores } from '../run/files.js';
import type { PredictionRecord, RunManifest } from '../run/types.js';
import { perturbationOf, robustnessDeltas, writeRobustness } from './robustness.js';
import { isFake } from './defaults.js';
import { scoreTable } from './score.js';
import { scoringColumns } from './table.js';
import type { ScoreRecord, ScoringRow } from './types.js';
import { scorePixels, withPixelRecords } from '../localisation/scores.js';

/** Default slices: known slice columns that the metadata has and that hold at least one value (eval's and the leaderboard's). */
export function defaultSlices(dataset: Pick<Dataset, 'columns'>, rows: readonly DatasetRow[]): string[] {
  return KNOWN_SLICE_COLUMNS.filter((c) => dataset.columns.includes(c) && rows.some((r) => (r.columns[c] ?? '') !== ''));
}

export interface ScoringSettings {
  seed: number;
  resamples: number;
  resample: 'cluster' | 'row';
  confidence: number;
  threshold: number;
  /** Slice columns, without `overall` (always scored). */
  slices: readonly string[];
  /** Detectors whose scores are not probabilities (meta `output.probability: false`): no calibration metrics. */
  notProbability?: readonly string[];
  /** Runs with --perturb: the perturbation names (`none` first); scores per perturbation plus robustness.csv. */
  perturbations?: readonly string[];
}

/** Detectors of a run whose scores are not probabilities (recorded in the manifest; see DetectorMeta.output). */
export function notProbability(manifest: Pick<RunManifest, 'detectors'>): string[] {
  return manifest.detectors.filter((d) => d.probability === false).map((d) => d.name);
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
  const statistics = { slices: settings.slices, resamples: settings.resamples, seed: settings.seed, confidence: settings.confidence, resample: settings.resample };
  const flagged = new Set(settings.notProbability ?? []);
  const score = async (subset: readonly PredictionRecord[]): Promise<ScoreRecord[]> => {
    // Columnar (the rows once, each detector's scores as typed arrays): the same records as scoreDetectors on scoringInput's rows.
    const { table, detectors } = scoringColumns(detectorNames, subset, rows, settings.slices, settings.threshold);
    const image = await scoreTable(table, detectors.map((d) => (flagged.has(d.detector) ? { ...d, probability: false } : d)), statistics);
    // Detectors that returned localisation maps also get pixel metrics (none otherwise: the same records).
    return withPixelRecords(image, await scorePixels(outDir, detectorNames, subset, rows, statistics));
  };
  if (!settings.perturbations) {
    const scores = await score(predictions);
    await writeScores(outDir, scores);
    return scores;
  }
  // --perturb: each perturbation scored on its own predictions, then the paired deltas against none.
  const scores: ScoreRecord[] = [];
  for (const perturbation of settings.perturbations) {
    const records = await score(predictions.filter((p) => perturbationOf(p) === perturbation));
    for (const r of records) scores.push({ ...r, perturbation });
  }
  await writeScores(outDir, scores);
  await writeRobustness(outDir, await robustnessDeltas(detectorNames, settings.perturbations, predictions, rows, settings.threshold, statistics));
  return scores;
}
