/**
 * Robustness sweeps (`eval --perturb SPEC`, repeatable): every detector on every perturbation.
 *
 * The clean run (`none`) is the ordinary eval run. For each other perturbation the rows are pointed
 * at their perturbed images (made once per image content, cache.ts) and the same detectors run on
 * them through the ordinary runner, with the perturbation folded into their prediction-store key.
 * Each (detector, perturbation) is scored like any detector; the robustness deltas pair every
 * perturbed score with the clean one on the same images and the same bootstrap resamples.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { DatasetRow } from '../dataset.js';
import { RUN_FILES, formatNumber, writeFileAtomic } from '../report/files.js';
import { inputUsesMask } from '../preprocess/index.js';
import { runDetectors, type ActiveDetector, type PredictionRecord, type RowError, type RunOptions, type RunSummary } from '../runner.js';
import { compareDetectors, type ComparisonRecord } from '../scoring/compare.js';
import type { ScoreOptions, ScoringRow } from '../scoring/types.js';
import { mapLimit } from '../util/concurrency.js';
import { PerturbedImageCache } from './cache.js';
import { NO_PERTURBATION, perturbationKey, perturbationName, type Perturbation } from './index.js';

export interface PerturbedRunOptions {
  readonly cacheDir: string;
  readonly seed: number;
  readonly limitInputPixels?: number;
  /** Runner options for every perturbed pass (root, callbacks and `known` are set here). */
  readonly runner: Omit<RunOptions, 'root' | 'onPredictions' | 'onErrors' | 'known'>;
  /** Records what a new store key means (the prediction store's register). */
  readonly register?: (detector: ActiveDetector, storeKey: string, perturbation: string) => Promise<void>;
}

export interface PerturbedRun {
  readonly predictions: PredictionRecord[];
  readonly errors: RowError[];
  /** Per perturbation name: the runner's summary. */
  readonly summaries: Record<string, RunSummary>;
}

/** Fails early when a detector reads masks: a perturbation changes the image but not its mask. */
export function checkPerturbable(detectors: readonly ActiveDetector[]): void {
  for (const d of detectors) {
    if (d.needsMask || inputUsesMask(d.input)) {
      throw new Error(`--perturb: detector "${d.name}" reads the row's mask, which a perturbed image (cropped, resized) no longer matches; run it without --perturb`);
    }
  }
}

/** The rows of one perturbation: same keys and labels, images replaced by their perturbed files. */
async function perturbedRows(rows: readonly DatasetRow[], cache: PerturbedImageCache, name: string, errors: RowError[], detectors: readonly string[]): Promise<DatasetRow[]> {
  const made = await mapLimit(rows, 4, async (row) => {
    try {
      const { maskPath: _mask, ...rest } = row;
      return { ...rest, path: await cache.path(row.path) };
    } catch (error) {
      for (const detector of detectors) errors.push({ detector, line: row.line, key: row.key, path: row.path, stage: 'decode', reason: `[${name}] ${(error as Error).message}` });
      return null;
    }
  });
  return made.filter((r): r is DatasetRow => r !== null);
}

/** Runs every detector on every perturbation except `none`; records carry their perturbation's name. */
export async function runPerturbed(detectors: readonly ActiveDetector[], rows: readonly DatasetRow[], perturbations: readonly Perturbation[], options: PerturbedRunOptions): Promise<PerturbedRun> {
  checkPerturbable(detectors);
  const predictions: PredictionRecord[] = [];
  const errors: RowError[] = [];
  const summaries: Record<string, RunSummary> = {};
  for (const p of perturbations) {
    if (p.kind === 'none') continue;
    const name = perturbationName(p);
    const cache = new PerturbedImageCache(options.cacheDir, p, options.seed, options.limitInputPixels);
    const prows = await perturbedRows(rows, cache, name, errors, detectors.map((d) => d.name));
    const keyed = detectors.map((d) => ({ ...d, storeKey: `${d.storeKey}|${perturbationKey(p, options.seed)}` }));
    for (const d of keyed) await options.register?.(d, d.storeKey, name);
    summaries[name] = await runDetectors(keyed, prows, {
      ...options.runner,
      root: cache.dir,
      onPredictions: (records) => {
        for (const r of records) predictions.push({ ...r, perturbation: name });
      },
      onErrors: (rowErrors) => {
        for (const e of rowErrors) errors.push({ ...e, reason: `[${name}] ${e.reason}` });
      },
    });
  }
  return { predictions, errors, summaries };
}

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
      out.push({ key: row.key, cluster: row.id, label: row.label === 'fake' ? 1 : 0, score: p.score, prediction: p.score >= threshold ? 1 : 0, groups });
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
