/**
 * Robustness deltas of `eval --perturb` runs (robustness.csv): every perturbed score paired with the
 * clean one on the same images, in one bootstrap job for both sides (compare.ts), so the interval is
 * that of the change.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { DatasetRow } from '../dataset.js';
import { NO_PERTURBATION } from '../perturb/index.js';
import { RUN_FILES, formatNumber, writeFileAtomic } from '../run/files.js';
import type { PredictionRecord } from '../run/types.js';
import { compareDetectors, type ComparisonRecord } from './compare.js';
import { isFake } from './defaults.js';
import type { ScoreOptions, ScoringRow } from './types.js';

/** The perturbation a record belongs to (`none` when it has none). */
export function perturbationOf(record: { readonly perturbation?: string | undefined }): string {
  return record.perturbation ?? NO_PERTURBATION;
}

/** One row of robustness.csv: a perturbed score against the clean one, paired on the same images. */
export interface RobustnessRecord {
  detector: string;
  perturbation: string;
  slice: string;
  group: string;
  metric: string;
  /** Images scored both clean and perturbed in this cell. */
  n: number;
  value: number;
  /** The clean score on the same images. */
  baseline: number;
  /** value − baseline, with its paired bootstrap interval. */
  delta: number;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
}

export const ROBUSTNESS_COLUMNS = ['detector', 'perturbation', 'slice', 'group', 'metric', 'n', 'value', 'baseline', 'delta', 'ci_low', 'ci_high', 'p_value'] as const;

type RowLike = Pick<PredictionRecord, 'detector' | 'key' | 'score'> & { readonly perturbation?: string | undefined };

/**
 * Paired deltas of every perturbation against `none`, per detector, slice and metric (compare.ts:
 * common rows, one bootstrap job for both sides, so the interval is that of the change).
 */
export async function robustnessDeltas(
  detectorNames: readonly string[],
  perturbations: readonly string[],
  predictions: readonly RowLike[],
  rows: readonly DatasetRow[],
  threshold: number,
  options: ScoreOptions,
): Promise<RobustnessRecord[]> {
  const rowOf = new Map(rows.map((r) => [r.key, r]));
  const scoringRows = (detector: string, perturbation: string): ScoringRow[] => {
    const out: ScoringRow[] = [];
    for (const p of predictions) {
      if (p.detector !== detector || perturbationOf(p) !== perturbation) continue;
      const row = rowOf.get(p.key);
      if (!row) continue;
      const groups: Record<string, string> = {};
      for (const s of options.slices) groups[s] = row.columns[s] ?? '';
      out.push({ key: row.key, cluster: row.id, label: row.label === 'fake' ? 1 : 0, score: p.score, prediction: isFake(p.score, threshold) ? 1 : 0, groups });
    }
    return out;
  };
  const out: RobustnessRecord[] = [];
  for (const detector of detectorNames) {
    const clean = { detector, rows: scoringRows(detector, NO_PERTURBATION) };
    for (const perturbation of perturbations) {
      if (perturbation === NO_PERTURBATION) continue;
      const perturbed = { detector: `${detector} [${perturbation}]`, rows: scoringRows(detector, perturbation) };
      if (perturbed.rows.length === 0 || clean.rows.length === 0) continue;
      const compared: ComparisonRecord[] = await compareDetectors(perturbed, clean, options);
      for (const c of compared) {
        out.push({ detector, perturbation, slice: c.slice, group: c.group, metric: c.metric, n: c.n, value: c.value_a, baseline: c.value_b, delta: c.diff, ci_low: c.ci_low, ci_high: c.ci_high, p_value: c.p_value });
      }
    }
  }
  return out;
}

/** Writes robustness.csv (ROBUSTNESS_COLUMNS) into a run directory, atomically. */
export async function writeRobustness(dir: string, records: readonly RobustnessRecord[]): Promise<void> {
  const rows = records.map((r) => [r.detector, r.perturbation, r.slice, r.group, r.metric, String(r.n), formatNumber(r.value), formatNumber(r.baseline), formatNumber(r.delta), formatNumber(r.ci_low), formatNumber(r.ci_high), formatNumber(r.p_value)]);
  await writeFileAtomic(join(dir, RUN_FILES.robustness), stringify([[...ROBUSTNESS_COLUMNS], ...rows]));
}
