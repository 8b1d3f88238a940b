/**
 * Paired comparisons of two detectors and leaderboards that show statistical ties (spec §7.4).
 *
 * Two detectors are compared on their common rows only (both scored the image), with the same
 * bootstrap weights for both in every resample, so the interval of the difference reflects how
 * they differ on the same images rather than two independent noises.
 */
import { bootstrap, percentileInterval } from './engine.js';
import { METRICS, METRIC_COUNT, METRIC_INDEX, metricSpec, type MetricName } from './metrics.js';
import { prepareJob, type ScoringRowLike } from './prepare.js';
import { scoreDetectors } from './score.js';
import { DEFAULT_MIN_N, validateScoreOptions, type ScoreOptions, type ScoringRow } from './types.js';

export interface DetectorRows {
  readonly detector: string;
  readonly rows: readonly ScoringRow[];
}

export interface ComparisonRecord {
  a: string;
  b: string;
  slice: string;
  group: string;
  metric: string;
  /** Common rows in this cell. */
  n: number;
  value_a: number;
  value_b: number;
  /** value_a − value_b. */
  diff: number;
  ci_low: number | null;
  ci_high: number | null;
  /**
   * Two-sided bootstrap p-value for "no difference": 2·min(share of resampled differences ≤ 0,
   * share ≥ 0), each with the +1 correction, capped at 1. Null without resamples.
   */
  p_value: number | null;
}

/** The rows both detectors scored, aligned by key; labels must agree. */
export function commonRows(a: DetectorRows, b: DetectorRows): [ScoringRowLike[], ScoringRowLike[]] {
  const byKey = new Map(b.rows.map((r) => [r.key, r]));
  const left: ScoringRowLike[] = [];
  const right: ScoringRowLike[] = [];
  for (const row of a.rows) {
    const other = byKey.get(row.key);
    if (!other) continue;
    if (other.label !== row.label) {
      throw new Error(`row "${row.key}" is labelled ${row.label} for ${a.detector} but ${other.label} for ${b.detector}; both must come from the same dataset`);
    }
    left.push(row);
    right.push(other);
  }
  return [left, right];
}

export async function compareDetectors(a: DetectorRows, b: DetectorRows, options: ScoreOptions): Promise<ComparisonRecord[]> {
  validateScoreOptions(options);
  const [left, right] = commonRows(a, b);
  const slices = [...new Set(options.slices)];
  const job = prepareJob(`comparison ${a.detector} vs ${b.detector}`, left, [left, right], slices, options.resample);
  const [result] = await bootstrap([job.input], {
    resamples: options.resamples,
    seed: options.seed,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
  });
  const B = result!.resamples;
  const [pa, pb] = result!.point as [Float64Array, Float64Array];
  const [ra, rb] = result!.replicates as [Float64Array, Float64Array];
  const diffs = new Float64Array(B);
  const records: ComparisonRecord[] = [];
  job.cells.forEach((cell, k) => {
    for (let m = 0; m < METRIC_COUNT; m++) {
      const idx = k * METRIC_COUNT + m;
      const va = pa[idx]!;
      const vb = pb[idx]!;
      if (Number.isNaN(va) || Number.isNaN(vb)) continue;
      for (let r = 0; r < B; r++) diffs[r] = ra[idx * B + r]! - rb[idx * B + r]!;
      const ci = percentileInterval(diffs, 0, B, options.confidence);
      records.push({
        a: a.detector,
        b: b.detector,
        slice: cell.slice,
        group: cell.group,
        metric: METRICS[m]!,
        n: result!.stats[0]!.n[k]!,
        value_a: va,
        value_b: vb,
        diff: va - vb,
        ci_low: ci ? ci[0] : null,
        ci_high: ci ? ci[1] : null,
        p_value: bootstrapPValue(diffs),
      });
    }
  });
  return records;
}

/** Two-sided bootstrap p-value of H0: difference = 0, from the resampled differences (NaN = undefined). */
export function bootstrapPValue(diffs: Float64Array): number | null {
  let m = 0;
  let le = 0;
  let ge = 0;
  for (const d of diffs) {
    if (Number.isNaN(d)) continue;
    m++;
    if (d <= 0) le++;
    if (d >= 0) ge++;
  }
  if (m === 0) return null;
  return Math.min(1, 2 * Math.min((le + 1) / (m + 1), (ge + 1) / (m + 1)));
}

export interface LeaderboardEntry {
  detector: string;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
  /** Position in the point-estimate order (1 = best). */
  rank: number;
  /** Best and worst rank compatible with the paired comparisons: 1 + #significantly better, D − #significantly worse. */
  rank_best: number;
  rank_worst: number;
  /** Detectors whose paired difference interval contains 0. */
  tied_with: string[];
  /** The cell has fewer rows than minN. */
  small: boolean;
}

export interface Leaderboard {
  slice: string;
  group: string;
  metric: MetricName;
  entries: LeaderboardEntry[];
  notes: string[];
}

/**
 * Orders detectors by a metric of one cell (best first, in the metric's direction) and marks statistical ties: two
 * detectors are tied when the paired bootstrap interval of their difference contains 0.
 */
export async function leaderboard(
  input: readonly DetectorRows[],
  options: ScoreOptions & { slice?: string; group?: string; metric: MetricName },
): Promise<Leaderboard> {
  const slice = options.slice ?? 'overall';
  const group = options.group ?? 'all';
  if (!(options.metric in METRIC_INDEX)) throw new RangeError(`unknown metric "${options.metric}"; known: ${METRICS.join(', ')}`);
  const minN = options.minN ?? DEFAULT_MIN_N;
  const slices = slice === 'overall' ? [] : [slice];
  const own = await scoreDetectors(input, { ...options, slices });
  const cellOf = (detector: string): { value: number | null; ci_low: number | null; ci_high: number | null; n: number } => {
    const rec = own.find((r) => r.detector === detector && r.slice === slice && r.group === group && r.metric === options.metric);
    return rec ?? { value: null, ci_low: null, ci_high: null, n: 0 };
  };
  const pairs: PairOutcome[] = [];
  for (let i = 0; i < input.length; i++) {
    for (let j = i + 1; j < input.length; j++) {
      const records = await compareDetectors(input[i]!, input[j]!, { ...options, slices });
      pairs.push(pairOutcome(records.find((r) => r.slice === slice && r.group === group && r.metric === options.metric)));
    }
  }
  return rankWithTies(
    input.map((d) => ({ detector: d.detector, ...cellOf(d.detector) })),
    pairs,
    { slice, group, metric: options.metric, minN, confidence: options.confidence },
  );
}

/** A paired comparison of detectors i < j reduced to what ranking needs: which is better, if the interval says so. */
export type PairOutcome = 'first' | 'second' | 'tied';

/** `first` when the paired interval of a − b lies above 0, `second` when below, else `tied`. */
export function pairOutcome(record: Pick<ComparisonRecord, 'diff' | 'ci_low' | 'ci_high'> | undefined): PairOutcome {
  const separated = record !== undefined && record.ci_low !== null && record.ci_high !== null && (record.ci_low > 0 || record.ci_high < 0);
  return !separated ? 'tied' : record.diff > 0 ? 'first' : 'second';
}

/**
 * Ranks detectors by their cell value (in the metric's direction) given the outcome of every pair
 * (i, j), i < j, in row-major order (0-1, 0-2, ..., 1-2, ...). Separate from `leaderboard` so a
 * caller that caches cells and comparisons (the submission leaderboard) ranks the same way.
 */
export function rankWithTies(
  cells: ReadonlyArray<{ detector: string; value: number | null; ci_low: number | null; ci_high: number | null; n: number }>,
  pairs: readonly PairOutcome[],
  where: { slice: string; group: string; metric: MetricName; minN: number; confidence: number },
): Leaderboard {
  const { slice, group, minN } = where;
  // +1 when a larger value is better, -1 when a smaller one is (losses, calibration errors).
  const sign = metricSpec(where.metric)?.higherIsBetter === false ? -1 : 1;
  const D = cells.length;
  const better = Array.from({ length: D }, () => new Array<boolean>(D).fill(false));
  const tied = Array.from({ length: D }, () => new Set<string>());
  let k = 0;
  for (let i = 0; i < D; i++) {
    for (let j = i + 1; j < D; j++) {
      const outcome = pairs[k++];
      if (outcome === undefined) throw new RangeError(`rankWithTies: ${pairs.length} pair outcomes for ${D} detectors; expected ${(D * (D - 1)) / 2}`);
      if (outcome === (sign > 0 ? 'first' : 'second')) better[i]![j] = true;
      else if (outcome !== 'tied') better[j]![i] = true;
      else {
        tied[i]!.add(cells[j]!.detector);
        tied[j]!.add(cells[i]!.detector);
      }
    }
  }
  const order = cells
    .map((cell, i) => ({ i, cell }))
    .sort((x, y) => (y.cell.value === null ? -Infinity : sign * y.cell.value) - (x.cell.value === null ? -Infinity : sign * x.cell.value) || x.i - y.i);
  const entries: LeaderboardEntry[] = order.map(({ i, cell }, pos) => {
    let above = 0;
    let below = 0;
    for (let j = 0; j < D; j++) {
      if (better[j]![i]) above++;
      if (better[i]![j]) below++;
    }
    return {
      detector: cell.detector,
      value: cell.value,
      ci_low: cell.ci_low,
      ci_high: cell.ci_high,
      n: cell.n,
      rank: pos + 1,
      rank_best: 1 + above,
      rank_worst: D - below,
      tied_with: [...tied[i]!].sort(),
      small: cell.n < minN,
    };
  });
  const notes: string[] = [];
  const small = entries.filter((e) => e.small).map((e) => `${e.detector} (n = ${e.n})`);
  if (small.length) notes.push(`fewer than ${minN} rows in ${slice}=${group} for ${small.join(', ')}: too small to separate detectors reliably`);
  if (D > 1 && better.every((row) => row.every((b) => !b))) notes.push(`no two detectors differ significantly on ${where.metric} in ${slice}=${group} at the ${where.confidence * 100}% level`);
  return { slice, group, metric: where.metric, entries, notes };
}
