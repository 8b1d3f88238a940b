import { bootstrap, percentileInterval, type BootstrapResult } from './engine.js';
import { MATCHED_METRICS, matchedJobs } from './matched.js';
import { METRIC_COUNT, METRIC_SPECS } from './metrics.js';
import type { JobInput } from './plan.js';
import { prepareJob } from './prepare.js';
import { detectorChannel, jobFromTable, type DetectorColumns, type PreparedJob, type ScoringTable } from './table.js';
import { validateScoreOptions, type ScoreOptions, type ScoreRecord, type ScoringRow } from './types.js';

/** Every defined metric of every cell of every detector, with its bootstrap interval (see index.ts). */
export async function scoreDetectors(
  input: ReadonlyArray<{ detector: string; rows: readonly ScoringRow[]; probability?: boolean }>,
  options: ScoreOptions,
): Promise<ScoreRecord[]> {
  validateScoreOptions(options);
  const slices = [...new Set(options.slices)];
  const jobs = input.map(({ detector, rows }) => prepareJob(`detector "${detector}"`, rows, [rows], slices, options.resample));
  return scoreJobs(
    input.map((d) => d.detector),
    jobs,
    options,
    input.map((d) => d.probability !== false),
  );
}

/**
 * scoreDetectors on columnar input: the rows once in a table (see ScoringTableBuilder), and per
 * detector the table rows it scored with its scores and predictions. Same records, byte for byte, as
 * scoreDetectors on the equivalent ScoringRows; `options.slices` must be columns of the table.
 */
export async function scoreTable(table: ScoringTable, detectors: readonly DetectorColumns[], options: ScoreOptions): Promise<ScoreRecord[]> {
  validateScoreOptions(options);
  const slices = [...new Set(options.slices)];
  const jobs = detectors.map((d) => jobFromTable(`detector "${d.detector}"`, table, d.rows, [detectorChannel(d)], slices, options.resample));
  return scoreJobs(
    detectors.map((d) => d.detector),
    jobs,
    options,
    detectors.map((d) => d.probability !== false),
  );
}

/**
 * `probability[i]` false: detector i's scores are not probabilities (its meta says so), so it is not
 * scored on calibration.
 */
async function scoreJobs(detectors: readonly string[], jobs: readonly PreparedJob[], options: ScoreOptions, probability: readonly boolean[]): Promise<ScoreRecord[]> {
  // Attribute slices are also scored on matched sets (matched.ts): extra jobs, resampled with the same draws.
  const matched = jobs.map((job) => matchedJobs(job));
  // Calibration metrics (per-row losses) are resampled with the other metrics, for detectors whose scores are probabilities.
  const inputs = (i: number, input: JobInput): JobInput => ((probability[i] ?? true) ? { ...input, calibrate: true } : input);
  const results = await bootstrap(
    [...jobs.map((j, i) => inputs(i, j.input)), ...matched.flatMap((list, i) => list.map((m) => inputs(i, m.input)))],
    { resamples: options.resamples, seed: options.seed, ...(options.threads !== undefined ? { threads: options.threads } : {}) },
  );
  const records: ScoreRecord[] = [];
  let next = jobs.length;
  detectors.forEach((detector, i) => {
    const { cells } = jobs[i]!;
    const own = results[i]!;
    // Original cell → the matched job's result and cell that holds its matched set.
    const matchedOf = new Map<number, CellSource>();
    for (const m of matched[i]!) {
      const result = results[next++]!;
      m.originalCell.forEach((orig, k) => {
        if (k > 0) matchedOf.set(orig, { result, cell: k });
      });
    }
    cells.forEach((cell, k) => {
      const pair = matchedOf.get(k);
      const mine: CellSource = { result: own, cell: k };
      for (let m = 0; m < METRIC_COUNT; m++) {
        const spec = METRIC_SPECS[m]!;
        const record = cellRecord(pair && MATCHED_METRICS.has(spec.name) ? pair : mine, m, options.confidence);
        if (record) records.push({ detector, slice: cell.slice, group: cell.group, metric: spec.name, ...record });
      }
    });
  });
  return records;
}

interface CellSource {
  readonly result: BootstrapResult;
  readonly cell: number;
}

/** Metric m of one cell of a result with its interval, or null where it is undefined (or not scored: calibration of non-probabilities). */
function cellRecord({ result, cell }: CellSource, m: number, confidence: number): Pick<ScoreRecord, 'n' | 'value' | 'ci_low' | 'ci_high'> | null {
  const idx = cell * METRIC_COUNT + m;
  const value = result.point[0]![idx]!;
  if (Number.isNaN(value)) return null;
  const ci = percentileInterval(result.replicates[0]!, idx * result.resamples, result.resamples, confidence);
  return { n: result.stats[0]!.n[cell]!, value, ci_low: ci ? ci[0] : null, ci_high: ci ? ci[1] : null };
}
