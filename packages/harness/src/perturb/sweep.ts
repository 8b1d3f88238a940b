/**
 * Robustness sweeps (`eval --perturb SPEC`, repeatable): every detector on every perturbation.
 *
 * The clean run (`none`) is the ordinary eval run. For each other perturbation the rows are pointed
 * at their perturbed images (made once per image content, cache.ts) and the same detectors run on
 * them through the ordinary runner, with the perturbation folded into their prediction-store key.
 * Each (detector, perturbation) is scored like any detector; scoring/robustness.ts pairs every
 * perturbed score with the clean one on the same images and the same bootstrap resamples.
 */
import type { DatasetRow } from '../dataset.js';
import { inputUsesMask } from '../preprocess/index.js';
import { runDetectors, type ActiveDetector, type RunOptions } from '../runner.js';
import type { PredictionRecord, RowError, RunSummary } from '../run/types.js';
import { mapLimit } from '../util/concurrency.js';
import { PerturbedImageCache } from './cache.js';
import { perturbationKey, perturbationName, type Perturbation } from './index.js';

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
