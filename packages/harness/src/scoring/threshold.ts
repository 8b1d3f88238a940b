/**
 * Threshold-dependent views of a detector's scores: ROC curve, TPR at a fixed FPR, equal error
 * rate, and a threshold calibrated on one split and applied to another (lessons.md: "0.5 on
 * what?"). Convention everywhere: predict fake iff score ≥ threshold (the paper's inclusive 0.5).
 */
import { Rng } from '../util/rng.js';
import { percentileInterval } from './engine.js';
import { drawWeights } from './kernel.js';
import { argsortDescending } from './sort.js';
import { isFake } from './defaults.js';

export interface RocCurve {
  /** Thresholds, strictly decreasing; the first is +Infinity (nothing predicted fake). */
  readonly thresholds: Float64Array;
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
}

/**
 * ROC curve over the distinct scores (scikit-learn's roc_curve without drop_intermediate), with
 * optional non-negative weights. Rows with a NaN score are not allowed: drop them first.
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>): RocCurve {
  const n = labels.length;
  const s = Float64Array.from(scores);
  for (let i = 0; i < n; i++) if (Number.isNaN(s[i]!)) throw new RangeError(`rocCurve: row ${i} has no score (NaN); threshold metrics need a score for every row`);
  const order = argsortDescending(s, Int32Array.from({ length: n }, (_, i) => i));
  return rocFromOrder(labels, s, order, weights);
}

function rocFromOrder(labels: ArrayLike<number>, s: Float64Array, order: Int32Array, weights?: ArrayLike<number>): RocCurve {
  let P = 0;
  let N = 0;
  for (let i = 0; i < order.length; i++) {
    const w = weights ? weights[i]! : 1;
    if (labels[i] === 1) P += w;
    else N += w;
  }
  if (P === 0 || N === 0) throw new RangeError('ROC needs both real and fake rows');
  const thresholds = [Infinity];
  const fpr = [0];
  const tpr = [0];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    const score = s[order[k]!]!;
    for (; k < order.length && s[order[k]!] === score; k++) {
      const r = order[k]!;
      const w = weights ? weights[r]! : 1;
      if (labels[r] === 1) tp += w;
      else fp += w;
    }
    thresholds.push(score);
    fpr.push(fp / N);
    tpr.push(tp / P);
  }
  return { thresholds: Float64Array.from(thresholds), fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr) };
}

export interface OperatingPoint {
  readonly threshold: number;
  readonly fpr: number;
  readonly tpr: number;
}

/** Highest TPR among thresholds whose FPR is at most `maxFpr` (no interpolation: a threshold you can use). */
export function tprAtFpr(curve: RocCurve, maxFpr: number): OperatingPoint {
  let best = 0;
  for (let i = 0; i < curve.fpr.length; i++) if (curve.fpr[i]! <= maxFpr && curve.tpr[i]! >= curve.tpr[best]!) best = i;
  return { threshold: curve.thresholds[best]!, fpr: curve.fpr[best]!, tpr: curve.tpr[best]! };
}

/** Equal error rate: where FPR = FNR, linearly interpolated between the two bracketing ROC points. */
export function equalErrorRate(curve: RocCurve): { eer: number; threshold: number } {
  const { fpr, tpr, thresholds } = curve;
  for (let i = 1; i < fpr.length; i++) {
    const dNow = 1 - tpr[i]! - fpr[i]!;
    if (dNow <= 0) {
      const dPrev = 1 - tpr[i - 1]! - fpr[i - 1]!;
      const t = dPrev === dNow ? 0 : dPrev / (dPrev - dNow);
      return { eer: fpr[i - 1]! + t * (fpr[i]! - fpr[i - 1]!), threshold: thresholds[i]! };
    }
  }
  return { eer: 1, threshold: thresholds[thresholds.length - 1]! };
}

export type CalibrationTarget = { readonly fpr: number } | { readonly tpr: number } | 'eer' | 'youden';

/**
 * A threshold chosen on one split: `{fpr}` → the lowest threshold whose FPR ≤ target (most
 * detections at that false-alarm rate); `{tpr}` → the highest threshold reaching the TPR;
 * `'eer'` → the first threshold where FNR ≤ FPR; `'youden'` → max TPR − FPR.
 */
export function calibrateThreshold(labels: ArrayLike<number>, scores: ArrayLike<number>, target: CalibrationTarget): OperatingPoint {
  const curve = rocCurve(labels, scores);
  const at = (i: number): OperatingPoint => ({ threshold: curve.thresholds[i]!, fpr: curve.fpr[i]!, tpr: curve.tpr[i]! });
  if (target === 'eer') {
    const { threshold } = equalErrorRate(curve);
    return at(curve.thresholds.indexOf(threshold));
  }
  if (target === 'youden') {
    let best = 0;
    for (let i = 1; i < curve.fpr.length; i++) if (curve.tpr[i]! - curve.fpr[i]! > curve.tpr[best]! - curve.fpr[best]!) best = i;
    return at(best);
  }
  if ('fpr' in target) return tprAtFpr(curve, target.fpr);
  for (let i = 0; i < curve.tpr.length; i++) if (curve.tpr[i]! >= target.tpr) return at(i);
  return at(curve.tpr.length - 1);
}

/** Re-predicts rows with a threshold (score ≥ threshold → fake); rows without a score keep their prediction. */
export function applyThreshold<T extends { readonly score: number; readonly prediction: 0 | 1 }>(rows: readonly T[], threshold: number): T[] {
  return rows.map((row) => (Number.isNaN(row.score) ? row : { ...row, prediction: isFake(row.score, threshold) ? 1 : 0 }));
}

export interface ThresholdStatistic {
  readonly name: string;
  readonly value: number;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
}

/**
 * TPR at each fixed FPR and the EER, with cluster-bootstrap intervals drawn from the same weight
 * streams as scoreDetectors (resample b of a cluster set gets the same weights everywhere).
 */
export function thresholdStatistics(
  rows: ReadonlyArray<{ readonly label: 0 | 1; readonly score: number; readonly cluster: string; readonly key: string }>,
  options: { readonly maxFprs: readonly number[]; readonly resamples: number; readonly seed: number; readonly confidence: number; readonly resample: 'cluster' | 'row' },
): ThresholdStatistic[] {
  const ids = rows.map((r) => (options.resample === 'row' ? r.key : r.cluster));
  const distinct = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(distinct.map((id, i) => [id, i]));
  const cluster = Int32Array.from(ids, (id) => index.get(id)!);
  const labels = Uint8Array.from(rows, (r) => r.label);
  const scores = Float64Array.from(rows, (r) => r.score);
  const order = argsortDescending(scores, Int32Array.from({ length: rows.length }, (_, i) => i));
  const stats = (curve: RocCurve): number[] => [...options.maxFprs.map((f) => tprAtFpr(curve, f).tpr), equalErrorRate(curve).eer];
  const names = [...options.maxFprs.map((f) => `tpr_at_fpr_${f}`), 'eer'];
  const point = stats(rocFromOrder(labels, scores, order));
  const B = options.resamples;
  const reps = new Float64Array(names.length * B).fill(Number.NaN);
  const clusterRows = new Int32Array(distinct.length).fill(1);
  const w = new Uint16Array(distinct.length);
  const rowWeights = new Float64Array(rows.length);
  for (let b = 0; b < B; b++) {
    drawWeights(options.seed, b, clusterRows, w);
    let pos = 0;
    let neg = 0;
    for (let i = 0; i < rows.length; i++) {
      rowWeights[i] = w[cluster[i]!]!;
      if (labels[i] === 1) pos += rowWeights[i]!;
      else neg += rowWeights[i]!;
    }
    if (pos === 0 || neg === 0) continue;
    stats(rocFromOrder(labels, scores, order, rowWeights)).forEach((v, j) => (reps[j * B + b] = v));
  }
  return names.map((name, j) => {
    const ci = percentileInterval(reps, j * B, B, options.confidence);
    return { name, value: point[j]!, ci_low: ci ? ci[0] : null, ci_high: ci ? ci[1] : null };
  });
}

/**
 * Splits rows into a calibration and an evaluation part by whole clusters (a source image and its
 * edits never straddle the split), drawing clusters with the harness's seeded Rng.
 */
export function splitByCluster<T extends { readonly cluster: string }>(rows: readonly T[], fraction: number, seed: number): [T[], T[]] {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`split fraction must be in (0, 1), got ${fraction}`);
  const clusters = [...new Set(rows.map((r) => r.cluster))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const chosen = new Set(new Rng(seed).shuffle(clusters).slice(0, Math.round(clusters.length * fraction)));
  return [rows.filter((r) => chosen.has(r.cluster)), rows.filter((r) => !chosen.has(r.cluster))];
}
