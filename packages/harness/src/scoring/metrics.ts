/**
 * Metric definitions with scikit-learn's semantics (labels fake = 1, real = 0, zero_division = 0),
 * computed from (possibly bootstrap-weighted) confusion counts.
 *
 * Which metrics a cell reports depends on the labels present in it (spec §7.2–7.3):
 * - both classes present: every count metric, plus ROC-AUC, AP, TPR at 1%/5% FPR and EER when every row has a score;
 * - only fakes (every attribute slice): accuracy and the fake-class precision/recall/F1
 *   (recall_fake is the detection rate); macro, real-class and balanced metrics are not defined
 *   there and are left out, never reported as NaN or as scikit-learn's degenerate 0;
 * - only reals: accuracy and the real-class precision/recall/F1.
 */

/**
 * How a metric is computed: from (weighted) confusion counts at the threshold, from the score
 * ranking (threshold-free), from a per-row loss, or from pixel maps.
 */
export type MetricKind = 'counts' | 'rank' | 'per-row' | 'pixel';

/**
 * Which cells report a metric: `both` needs both classes in the cell (overall, and slices such as
 * `dataset` that hold reals); `fakes` is defined on a cell of edits alone too (every attribute
 * slice: the detection rate); `matched-reals` is computed on an attribute slice's edits together
 * with the reals of the same source images.
 */
export type MetricDomain = 'both' | 'fakes' | 'matched-reals' | 'reals';

/** One metric, as data: adding a metric is one entry here and its kernel. */
export interface MetricSpec {
  /** Name in scores.csv. */
  readonly name: string;
  /** Long label (reports, tooltips). */
  readonly label: string;
  /** Column heading where space is short (default: the label). */
  readonly shortLabel?: string;
  readonly kind: MetricKind;
  /** Leaderboards rank descending when true, ascending when false; comparisons read "better" the same way. */
  readonly higherIsBetter: boolean;
  readonly definedOn: MetricDomain;
}

/** Every metric in output order (scores.csv lists a cell's metrics in this order). */
export const METRIC_SPECS = [
  { name: 'accuracy', label: 'accuracy', shortLabel: 'accuracy', kind: 'counts', higherIsBetter: true, definedOn: 'fakes' },
  { name: 'balanced_accuracy', label: 'balanced accuracy', shortLabel: 'bal. accuracy', kind: 'counts', higherIsBetter: true, definedOn: 'both' },
  { name: 'precision_macro', label: 'macro precision', kind: 'counts', higherIsBetter: true, definedOn: 'both' },
  { name: 'recall_macro', label: 'macro recall', kind: 'counts', higherIsBetter: true, definedOn: 'both' },
  { name: 'f1_macro', label: 'macro F1', shortLabel: 'macro F1', kind: 'counts', higherIsBetter: true, definedOn: 'both' },
  { name: 'precision_real', label: 'precision (real)', kind: 'counts', higherIsBetter: true, definedOn: 'both' },
  { name: 'recall_real', label: 'recall on reals', shortLabel: 'recall real', kind: 'counts', higherIsBetter: true, definedOn: 'both' },
  { name: 'f1_real', label: 'F1 (real)', kind: 'counts', higherIsBetter: true, definedOn: 'both' },
  { name: 'precision_fake', label: 'precision (fake)', kind: 'counts', higherIsBetter: true, definedOn: 'fakes' },
  { name: 'recall_fake', label: 'detection rate (recall on fakes)', shortLabel: 'recall fake', kind: 'counts', higherIsBetter: true, definedOn: 'fakes' },
  { name: 'f1_fake', label: 'F1 (fake)', kind: 'counts', higherIsBetter: true, definedOn: 'fakes' },
  { name: 'roc_auc', label: 'ROC AUC', shortLabel: 'ROC AUC', kind: 'rank', higherIsBetter: true, definedOn: 'both' },
  { name: 'average_precision', label: 'average precision', shortLabel: 'AP', kind: 'rank', higherIsBetter: true, definedOn: 'both' },
  // ROC operating points (see FPR_POINTS, EER below), from the same ranking pass.
  { name: 'tpr_at_fpr_1pct', label: 'TPR at 1% FPR', shortLabel: 'TPR@1%', kind: 'rank', higherIsBetter: true, definedOn: 'both' },
  { name: 'tpr_at_fpr_5pct', label: 'TPR at 5% FPR', shortLabel: 'TPR@5%', kind: 'rank', higherIsBetter: true, definedOn: 'both' },
  { name: 'eer', label: 'equal error rate', shortLabel: 'EER', kind: 'rank', higherIsBetter: false, definedOn: 'both' },
  // Calibration of the score as a probability of fake (calibration.ts); not for detectors whose meta says output.probability: false.
  { name: 'expected_calibration_error', label: 'expected calibration error (15 bins)', shortLabel: 'ECE', kind: 'per-row', higherIsBetter: false, definedOn: 'both' },
  { name: 'brier', label: 'Brier score', shortLabel: 'Brier', kind: 'per-row', higherIsBetter: false, definedOn: 'both' },
  { name: 'log_loss', label: 'log-loss', shortLabel: 'log-loss', kind: 'per-row', higherIsBetter: false, definedOn: 'both' },
] as const satisfies readonly MetricSpec[];

export type MetricName = (typeof METRIC_SPECS)[number]['name'];
export const METRICS: readonly MetricName[] = METRIC_SPECS.map((s) => s.name);
export const METRIC_COUNT = METRICS.length;
export const METRIC_INDEX: Readonly<Record<MetricName, number>> = Object.fromEntries(
  METRICS.map((m, i) => [m, i]),
) as Record<MetricName, number>;

/**
 * Pixel metrics of localisation maps (localisation/scores.ts computes them; scores.csv lists them after
 * a cell's image-level metrics, in this order). The image-level engine never sees them: they are
 * means of per-image values over edited rows with a mask (`fakes`), or over reals.
 */
export const PIXEL_METRIC_SPECS = [
  { name: 'pixel_f1', label: 'pixel F1 (map >= 0.5)', shortLabel: 'pixel F1', kind: 'pixel', higherIsBetter: true, definedOn: 'fakes' },
  { name: 'pixel_iou', label: 'pixel IoU (map >= 0.5)', shortLabel: 'pixel IoU', kind: 'pixel', higherIsBetter: true, definedOn: 'fakes' },
  { name: 'pixel_auc', label: 'pixel ROC AUC', shortLabel: 'pixel AUC', kind: 'pixel', higherIsBetter: true, definedOn: 'fakes' },
  { name: 'pixel_f1_best', label: 'pixel F1 (best threshold per image)', shortLabel: 'pixel F1 best', kind: 'pixel', higherIsBetter: true, definedOn: 'fakes' },
  { name: 'pixel_fpr_real', label: 'share of real pixels flagged', shortLabel: 'pixel FPR real', kind: 'pixel', higherIsBetter: false, definedOn: 'reals' },
] as const satisfies readonly MetricSpec[];
export type PixelMetricName = (typeof PIXEL_METRIC_SPECS)[number]['name'];

/** The spec of a metric by name (image-level or pixel), or undefined for an unknown name. */
export function metricSpec(name: string): MetricSpec | undefined {
  const i = (METRIC_INDEX as Readonly<Record<string, number>>)[name];
  return i === undefined ? PIXEL_METRIC_SPECS.find((s) => s.name === name) : METRIC_SPECS[i];
}

/** Slots of the metrics computed from confusion counts, and a per-slot flag for the ranking ones. */
export const COUNT_METRIC_SLOTS: Int32Array = Int32Array.from(METRIC_SPECS.flatMap((s, i) => (s.kind === 'counts' ? [i] : [])));
export const IS_RANK_METRIC: Uint8Array = Uint8Array.from(METRIC_SPECS.map((s) => (s.kind === 'rank' ? 1 : 0)));

/** The ranking metrics' slots (the kernel's rank pass writes them). */
export const ROC_AUC = METRIC_INDEX.roc_auc;
export const AVERAGE_PRECISION = METRIC_INDEX.average_precision;
/**
 * Operating points of the ROC curve (scikit-learn's `roc_curve` vertices, drop_intermediate off):
 * TPR at FPR ≤ 1% / 5% = the largest TPR of a vertex whose FPR is at most that; EER = the FPR where
 * the piecewise-linear ROC curve crosses FPR = 1 − TPR (the `brentq(1 − x − interp1d(fpr, tpr)(x))`
 * of speaker verification and deepfake papers, solved exactly on the crossing segment).
 */
export const TPR_AT_FPR_1PCT = METRIC_INDEX.tpr_at_fpr_1pct;
export const TPR_AT_FPR_5PCT = METRIC_INDEX.tpr_at_fpr_5pct;
export const EER = METRIC_INDEX.eer;
/** The FPR bounds of the two TPR operating points. */
export const FPR_POINTS = [0.01, 0.05] as const;
/** Metrics where lower is better (the rest: higher is better). */
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set(METRIC_SPECS.filter((s) => !s.higherIsBetter).map((s) => s.name));

/** scikit-learn's `_prf_divide` with zero_division = 0. */
function divide(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/** scikit-learn's F-beta with beta = 1: `(1 + b²)·P·R / (b²·P + R)`, 0 when P + R = 0 (same operation order). */
function f1(precision: number, recall: number): number {
  const denom = precision + recall;
  return denom === 0 ? 0 : (2 * precision * recall) / denom;
}

/**
 * Writes the count metrics of one cell into their slots of `out[offset .. offset + METRIC_COUNT)`; NaN marks a
 * metric that is not defined for the labels present (the other slots are left alone).
 * Counts may be weighted (bootstrap multiplicities); they are exact integers either way.
 */
export function countMetrics(tp: number, fn: number, tn: number, fp: number, out: Float64Array, offset: number): void {
  const pos = tp + fn;
  const neg = tn + fp;
  const n = pos + neg;
  for (let i = 0; i < COUNT_METRIC_SLOTS.length; i++) out[offset + COUNT_METRIC_SLOTS[i]!] = Number.NaN;
  if (n === 0) return;
  out[offset + METRIC_INDEX.accuracy] = (tp + tn) / n;
  const precisionFake = divide(tp, tp + fp);
  const recallFake = divide(tp, pos);
  const precisionReal = divide(tn, tn + fn);
  const recallReal = divide(tn, neg);
  const f1Fake = f1(precisionFake, recallFake);
  const f1Real = f1(precisionReal, recallReal);
  if (pos > 0) {
    out[offset + METRIC_INDEX.precision_fake] = precisionFake;
    out[offset + METRIC_INDEX.recall_fake] = recallFake;
    out[offset + METRIC_INDEX.f1_fake] = f1Fake;
  }
  if (neg > 0) {
    out[offset + METRIC_INDEX.precision_real] = precisionReal;
    out[offset + METRIC_INDEX.recall_real] = recallReal;
    out[offset + METRIC_INDEX.f1_real] = f1Real;
  }
  if (pos > 0 && neg > 0) {
    // Both labels occur in y, so scikit-learn's label union is {0, 1} and macro = mean of two.
    out[offset + METRIC_INDEX.balanced_accuracy] = (recallReal + recallFake) / 2;
    out[offset + METRIC_INDEX.precision_macro] = (precisionReal + precisionFake) / 2;
    out[offset + METRIC_INDEX.recall_macro] = (recallReal + recallFake) / 2;
    out[offset + METRIC_INDEX.f1_macro] = (f1Real + f1Fake) / 2;
  }
}

/** Wilson score interval for a binomial proportion (a cross-check for fakes-only recall). */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): [number, number] {
  if (!(n > 0)) throw new RangeError(`wilsonInterval needs n > 0, got ${n}`);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9: ample for intervals). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const [a0, a1, a2, a3, a4, a5] = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const [b0, b1, b2, b3, b4] = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const [c0, c1, c2, c3, c4, c5] = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const [d0, d1, d2, d3] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}
