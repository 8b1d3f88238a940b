import { bootstrap, percentileInterval } from './engine.js';
import { METRICS, METRIC_COUNT } from './metrics.js';
import { prepareJob } from './prepare.js';
import { validateScoreOptions, type ScoreOptions, type ScoreRecord, type ScoringRow } from './types.js';

/** Every defined metric of every cell of every detector, with its bootstrap interval (see index.ts). */
export async function scoreDetectors(input: ReadonlyArray<{ detector: string; rows: readonly ScoringRow[] }>, options: ScoreOptions): Promise<ScoreRecord[]> {
  validateScoreOptions(options);
  const slices = [...new Set(options.slices)];
  const jobs = input.map(({ detector, rows }) => prepareJob(`detector "${detector}"`, rows, [rows], slices, options.resample));
  const results = await bootstrap(
    jobs.map((j) => j.input),
    { resamples: options.resamples, seed: options.seed, ...(options.threads !== undefined ? { threads: options.threads } : {}) },
  );
  const records: ScoreRecord[] = [];
  input.forEach(({ detector }, i) => {
    const { cells } = jobs[i]!;
    const result = results[i]!;
    const point = result.point[0]!;
    const reps = result.replicates[0]!;
    const n = result.stats[0]!.n;
    cells.forEach((cell, k) => {
      for (let m = 0; m < METRIC_COUNT; m++) {
        const value = point[k * METRIC_COUNT + m]!;
        if (Number.isNaN(value)) continue;
        const ci = percentileInterval(reps, (k * METRIC_COUNT + m) * result.resamples, result.resamples, options.confidence);
        records.push({ detector, slice: cell.slice, group: cell.group, metric: METRICS[m]!, n: n[k]!, value, ci_low: ci ? ci[0] : null, ci_high: ci ? ci[1] : null });
      }
    });
  });
  return records;
}
