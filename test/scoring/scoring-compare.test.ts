/**
 * Paired comparisons, leaderboards with statistical ties, threshold-dependent metrics (ROC, TPR at
 * a fixed FPR, EER, calibration on one split applied to another) and the Wilson cross-check.
 */
import { describe, expect, it } from 'vitest';
import {
  Rng,
  applyThreshold,
  calibrateThreshold,
  compareDetectors,
  equalErrorRate,
  leaderboard,
  rocCurve,
  splitByCluster,
  thresholdStatistics,
  tprAtFpr,
  wilsonInterval,
  type ScoringRow,
} from '@semibench/harness';

/** A detector whose score separates the classes by `gap` (0 = chance), on 150 images × (1 real + 3 edits). */
function detector(seed: number, gap: number, groupOf = (c: number) => (c % 2 ? 'a' : 'b')): ScoringRow[] {
  const rng = new Rng(seed);
  const rows: ScoringRow[] = [];
  for (let c = 0; c < 150; c++) {
    for (let e = 0; e < 4; e++) {
      const fake = e > 0;
      const score = Math.min(1, Math.max(0, 0.5 + (fake ? gap : -gap) + (rng.next() - 0.5) * 0.8));
      rows.push({ key: `img${c}/${e}`, cluster: `img${c}`, label: fake ? 1 : 0, score, prediction: score >= 0.5 ? 1 : 0, groups: { part: groupOf(c) } });
    }
  }
  return rows;
}

const options = { slices: ['part'], resamples: 400, seed: 3, confidence: 0.95, resample: 'cluster' as const, threads: 1 };

describe('paired comparisons', () => {
  it('a detector against itself differs by exactly 0 with p = 1', async () => {
    const rows = detector(1, 0.15);
    const cmp = await compareDetectors({ detector: 'x', rows }, { detector: 'y', rows }, options);
    const acc = cmp.find((r) => r.slice === 'overall' && r.metric === 'accuracy')!;
    expect(acc).toMatchObject({ diff: 0, ci_low: 0, ci_high: 0, p_value: 1, n: 600 });
  });

  it('separates a clearly better detector, on the common rows only', async () => {
    const good = detector(2, 0.25);
    const weak = detector(3, 0.02).filter((_, i) => i % 10 !== 0); // weak misses 10% of the images
    const cmp = await compareDetectors({ detector: 'good', rows: good }, { detector: 'weak', rows: weak }, options);
    const auc = cmp.find((r) => r.slice === 'overall' && r.metric === 'roc_auc')!;
    expect(auc.n).toBe(540);
    expect(auc.diff).toBeGreaterThan(0.2);
    expect(auc.ci_low).toBeGreaterThan(0);
    expect(auc.p_value).toBeLessThan(0.01);
    expect(auc.value_a - auc.value_b).toBeCloseTo(auc.diff, 12);
  });
});

describe('leaderboard', () => {
  it('orders by the metric and shows statistical ties', async () => {
    const input = [
      { detector: 'weak', rows: detector(4, 0.0) },
      { detector: 'good-1', rows: detector(5, 0.2) },
      { detector: 'good-2', rows: detector(6, 0.2) },
    ];
    const board = await leaderboard(input, { ...options, metric: 'roc_auc' });
    expect(board.entries.map((e) => e.detector).slice(2)).toEqual(['weak']);
    const [first, second, third] = board.entries;
    expect(first!.tied_with).toEqual([second!.detector]);
    expect(first!.rank_best).toBe(1);
    expect(first!.rank_worst).toBe(2);
    expect(third).toMatchObject({ rank: 3, rank_best: 3, rank_worst: 3, tied_with: [] });
    expect(board.notes).toEqual([]);
  });

  it('says when a slice is too small to separate anything', async () => {
    const tiny = (seed: number, gap: number) => detector(seed, gap).slice(0, 12);
    const board = await leaderboard([{ detector: 'p', rows: tiny(7, 0.1) }, { detector: 'q', rows: tiny(8, 0.0) }], { ...options, metric: 'accuracy', minN: 30 });
    expect(board.entries.every((e) => e.small)).toBe(true);
    expect(board.notes.join(' ')).toMatch(/fewer than 30 rows/);
  });
});

describe('threshold metrics', () => {
  // roc_curve(y, s, drop_intermediate=False) from scikit-learn 1.2.1 (its first threshold is max+1; ours is +Infinity).
  const y = [0, 0, 1, 1, 0, 1, 1, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.65, 0.65, 0.5];
  it('computes the ROC curve like scikit-learn', () => {
    const curve = rocCurve(y, s);
    expect([...curve.fpr]).toEqual([0.0, 0.0, 0.0, 0.25, 0.25, 0.75, 0.75, 0.75, 1.0]);
    expect([...curve.tpr].map((v) => +v.toFixed(12))).toEqual([0, 0.166666666667, 0.333333333333, 0.5, 0.666666666667, 0.666666666667, 0.833333333333, 1, 1]);
    expect([...curve.thresholds].slice(1)).toEqual([0.9, 0.8, 0.65, 0.5, 0.4, 0.35, 0.2, 0.1]);
  });

  it('TPR at a fixed FPR, EER and a calibrated threshold', () => {
    const curve = rocCurve(y, s);
    expect(tprAtFpr(curve, 0.25)).toEqual({ threshold: 0.5, fpr: 0.25, tpr: 4 / 6 });
    expect(tprAtFpr(curve, 0.2)).toMatchObject({ threshold: 0.8, tpr: 2 / 6 });
    // FNR − FPR goes from 1/3 − 1/4 (threshold 0.5) to 1/3 − 3/4 (threshold 0.4): crossing at FPR = FNR = 1/3.
    const { eer, threshold } = equalErrorRate(curve);
    expect(eer).toBeCloseTo(1 / 3, 12);
    expect(threshold).toBe(0.4);
    expect(calibrateThreshold(y, s, 'eer').threshold).toBe(0.4);
    expect(calibrateThreshold(y, s, { fpr: 0.25 }).threshold).toBe(0.5);
    expect(calibrateThreshold(y, s, 'youden').threshold).toBe(0.5);
  });

  it('calibrates on one split of whole clusters and applies the threshold to the other', () => {
    const rows = detector(9, 0.1);
    const [calib, held] = splitByCluster(rows, 0.5, 1);
    const calibClusters = new Set(calib.map((r) => r.cluster));
    expect(held.some((r) => calibClusters.has(r.cluster))).toBe(false);
    const point = calibrateThreshold(calib.map((r) => r.label), calib.map((r) => r.score), { fpr: 0.1 });
    expect(point.fpr).toBeLessThanOrEqual(0.1);
    const applied = applyThreshold(held, point.threshold);
    expect(applied.every((r) => r.prediction === (r.score >= point.threshold ? 1 : 0))).toBe(true);
  });

  it('gives bootstrap intervals for TPR at FPR and EER that contain the point value', () => {
    const stats = thresholdStatistics(detector(10, 0.1), { maxFprs: [0.05, 0.1], resamples: 200, seed: 1, confidence: 0.95, resample: 'cluster' });
    expect(stats.map((x) => x.name)).toEqual(['tpr_at_fpr_0.05', 'tpr_at_fpr_0.1', 'eer']);
    for (const x of stats) {
      expect(x.ci_low!).toBeLessThanOrEqual(x.value);
      expect(x.value).toBeLessThanOrEqual(x.ci_high!);
    }
  });

  it('Wilson interval', () => {
    const [lo, hi] = wilsonInterval(8, 10, 0.95);
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
  });
});
