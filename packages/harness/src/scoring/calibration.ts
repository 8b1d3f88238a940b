/**
 * Calibration of a detector's probability of fake, on every cell that holds both classes with a
 * score on every row (overall, mixed slices, and the matched sets of attribute slices):
 *
 * - `expected_calibration_error`: 15 equal-width bins of p over [0, 1] (bin b holds b/15 ≤ p <
 *   (b+1)/15, the last one also p = 1); Σ_b (n_b / N)·|mean(y)_b − mean(p)_b| = Σ_b |Σ_b (y − p)| / N;
 * - `brier`: mean (p − y)² (scikit-learn's brier_score_loss);
 * - `log_loss`: mean −[y·log p + (1 − y)·log(1 − p)], p clipped to [1e-15, 1 − 1e-15] as
 *   scikit-learn's log_loss does (eps = 1e-15).
 *
 * Each is a sum over rows divided by the row count, so a cluster bootstrap only needs, per
 * (cluster, cell), the row count, the Brier and log-loss sums and the per-bin sums of y − p:
 * a resample is one weighted sum over those entries (eight resamples per pass, with the same
 * cluster weights as every other metric of the run).
 */
import { accumulateLanes } from './accumulate.js';
import { METRIC_COUNT, METRIC_INDEX } from './metrics.js';
import { LANES, growFloat, growInt, type Alloc, type CalibrationPlan, type JobInput } from './plan.js';

export const CALIBRATION_METRICS = ['expected_calibration_error', 'brier', 'log_loss'] as const;
export type CalibrationMetric = (typeof CALIBRATION_METRICS)[number];
export const ECE_BINS = 15;
export const LOG_LOSS_EPS = 1e-15;

/** Slots per cell: row count, Brier sum, log-loss sum, then one y − p sum per bin. */
const SLOTS = 3 + ECE_BINS;

/** The ECE bin of p: b with b/15 ≤ p < (b+1)/15 on exactly those edges (p = 1 in the last bin). */
export function eceBin(p: number): number {
  let b = Math.min(ECE_BINS - 1, Math.max(0, Math.floor(p * ECE_BINS)));
  while (b < ECE_BINS - 1 && p >= (b + 1) / ECE_BINS) b++;
  while (b > 0 && p < b / ECE_BINS) b--;
  return b;
}

/** Which cells are scored: both classes, every row with a score (cell 0 only if the job ranks it). */
function scoredCells(input: JobInput, score: Float64Array): Uint8Array {
  const K = input.cellCount;
  const pos = new Int32Array(K);
  const neg = new Int32Array(K);
  const nan = new Uint8Array(K);
  const { label, groups, groupCell } = input;
  const visit = (k: number, r: number): void => {
    if (label[r] === 1) pos[k]!++;
    else neg[k]!++;
    if (Number.isNaN(score[r]!)) nan[k] = 1;
  };
  for (let r = 0; r < label.length; r++) visit(0, r);
  // Slice by slice: one column of codes at a time.
  for (let j = 0; j < groups.length; j++) {
    const codes = groups[j]!;
    const toCell = groupCell[j]!;
    for (let r = 0; r < label.length; r++) {
      const g = codes[r]!;
      if (g >= 0) visit(toCell[g]!, r);
    }
  }
  const scored = new Uint8Array(K);
  for (let k = input.rankOverall === false ? 1 : 0; k < K; k++) scored[k] = pos[k]! > 0 && neg[k]! > 0 && !nan[k] ? 1 : 0;
  return scored;
}

/**
 * Rows with a score grouped by cluster, each cluster's rows by ascending (score, label), so that
 * the float sums do not depend on the input's row order: rows of cluster c are rows[first[c] ..
 * first[c+1]). A counting pass by cluster, then an insertion sort per cluster (a few dozen rows
 * each; a comparator sort per cluster took most of the plan's time). Rows without a score belong
 * to no scored cell and are left out.
 */
function rowsByClusterAndScore(input: JobInput, score: Float64Array): { first: Int32Array; rows: Int32Array } {
  const { label, cluster, clusterCount: C } = input;
  const n = label.length;
  const first = new Int32Array(C + 1);
  for (let r = 0; r < n; r++) if (!Number.isNaN(score[r]!)) first[cluster[r]! + 1]!++;
  for (let c = 0; c < C; c++) first[c + 1]! += first[c]!;
  const fill = first.slice(0, C);
  const rows = new Int32Array(first[C]!);
  for (let r = 0; r < n; r++) if (!Number.isNaN(score[r]!)) rows[fill[cluster[r]!]!++] = r;
  for (let c = 0; c < C; c++) {
    const from = first[c]!;
    for (let i = from + 1; i < first[c + 1]!; i++) {
      const r = rows[i]!;
      const p = score[r]!;
      const y = label[r]!;
      let j = i - 1;
      for (; j >= from; j--) {
        const q = rows[j]!;
        if (score[q]! < p || (score[q] === p && label[q]! <= y)) break;
        rows[j + 1] = q;
      }
      rows[j + 1] = r;
    }
  }
  return { first, rows };
}

/** Per-cluster entries (slot·LANES, value) of the scored cells: entries of cluster c are [start[c], start[c+1]). */
function entries(input: JobInput, score: Float64Array, scored: Uint8Array, alloc: Alloc): Pick<CalibrationPlan, 'start' | 'slot' | 'value'> {
  const { label, clusterCount: C } = input;
  const { first, rows } = rowsByClusterAndScore(input, score);
  const acc = new Float64Array(input.cellCount * SLOTS);
  const touched: number[] = [];
  const start = alloc(Int32Array, C + 1);
  // Typed growable lists: pushing millions of entries onto plain arrays cost more than the sums.
  const slots = growInt();
  const values = growFloat();
  // A row's terms, computed once and added to each of its cells (the logarithm dominated when it
  // was taken per cell).
  let squared = 0;
  let logLoss = 0;
  let bin = 0;
  let residual = 0;
  const add = (k: number): void => {
    if (!scored[k]) return;
    const base = k * SLOTS;
    if (acc[base] === 0) touched.push(k);
    acc[base]!++;
    acc[base + 1]! += squared;
    acc[base + 2]! -= logLoss;
    acc[base + 3 + bin]! += residual;
  };
  const { groups, groupCell } = input;
  for (let c = 0; c < C; c++) {
    start[c] = slots.length;
    for (let i = first[c]!; i < first[c + 1]!; i++) {
      const r = rows[i]!;
      const y = label[r]!;
      const p = score[r]!;
      squared = (p - y) * (p - y);
      const q = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, p));
      logLoss = y === 1 ? Math.log(q) : Math.log(1 - q);
      bin = eceBin(p);
      residual = y - p;
      add(0);
      for (let j = 0; j < groups.length; j++) {
        const g = groups[j]![r]!;
        if (g >= 0) add(groupCell[j]![g]!);
      }
    }
    for (const k of touched) {
      for (let s = 0; s < SLOTS; s++) {
        const v = acc[k * SLOTS + s]!;
        if (v === 0 && s > 0) continue;
        slots.push((k * SLOTS + s) * LANES);
        values.push(v);
        acc[k * SLOTS + s] = 0;
      }
    }
    touched.length = 0;
  }
  start[C] = slots.length;
  return { start, slot: slots.finish((k) => alloc(Int32Array, k)), value: values.finish((k) => alloc(Float64Array, k)) };
}

/** Where the three metrics sit among a cell's METRIC_COUNT slots (CALIBRATION_METRICS order). */
const METRIC_SLOT = CALIBRATION_METRICS.map((m) => METRIC_INDEX[m]!);

/**
 * The calibration part of a job's plan (channel 0): per-cluster entries of every scored cell. Its
 * resamples use the same cluster weights as the job's other metrics (see calibrationLanes).
 */
export function buildCalibrationPlan(input: JobInput, alloc: Alloc): CalibrationPlan {
  const score = input.channels[0]!.score;
  const scored = scoredCells(input, score);
  const shared = alloc(Uint8Array, scored.length);
  shared.set(scored);
  return { ...entries(input, score, scored, alloc), scored: shared };
}

/**
 * Calibration metrics of `lanes` resamples (weights per cluster and lane) into their slots of `out`,
 * laid out as the kernel's: out[base + (cell·M + metric)·stride + offset + lane]. `sums` is scratch
 * of calibrationScratch(plan) values.
 */
export function calibrationLanes(plan: CalibrationPlan, weights: Uint16Array, lanes: number, sums: Float64Array, out: Float64Array, base: number, stride: number, offset: number): void {
  sums.fill(0);
  accumulateLanes(plan.start, plan.slot, plan.value, weights, sums);
  for (let l = 0; l < lanes; l++) metricsOf(sums, l, plan.scored, out, (k, m) => base + (k * METRIC_COUNT + METRIC_SLOT[m]!) * stride + offset + l);
}

/** Scratch size of calibrationLanes. */
export const calibrationScratch = (plan: CalibrationPlan): number => plan.scored.length * SLOTS * LANES;

/** Metrics of one lane from the weighted slot sums. */
function metricsOf(sums: Float64Array, lane: number, scored: Uint8Array, out: Float64Array, at: (k: number, m: number) => number): void {
  for (let k = 0; k < scored.length; k++) {
    if (!scored[k]) continue;
    const base = k * SLOTS * LANES + lane;
    const N = sums[base]!;
    if (N === 0) {
      for (let m = 0; m < 3; m++) out[at(k, m)] = Number.NaN;
      continue;
    }
    let gap = 0;
    for (let b = 0; b < ECE_BINS; b++) gap += Math.abs(sums[base + (3 + b) * LANES]!);
    out[at(k, 0)] = gap / N;
    out[at(k, 1)] = sums[base + LANES]! / N;
    out[at(k, 2)] = sums[base + 2 * LANES]! / N;
  }
}
