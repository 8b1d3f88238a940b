/** The metric table: names in output order, labels and direction as data, one decision rule. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIDENCE, DEFAULT_MIN_N, DEFAULT_RESAMPLES, DEFAULT_THRESHOLD, METRICS, METRIC_SPECS, isFake, metricSpec } from '@semibench/harness';

describe('metric table', () => {
  it('lists every metric once, in scores.csv order, with a label, a kind, a direction and a domain', () => {
    expect(METRICS).toEqual(METRIC_SPECS.map((m) => m.name));
    expect(new Set(METRICS).size).toBe(METRICS.length);
    for (const m of METRIC_SPECS) {
      expect(m.label).toBeTruthy();
      expect(['counts', 'rank', 'per-row', 'pixel']).toContain(m.kind);
      expect(['both', 'fakes', 'matched-reals']).toContain(m.definedOn);
      expect(typeof m.higherIsBetter).toBe('boolean');
    }
    expect(metricSpec('roc_auc')).toMatchObject({ kind: 'rank', higherIsBetter: true, definedOn: 'both' });
    expect(metricSpec('recall_fake')).toMatchObject({ kind: 'counts', definedOn: 'fakes', label: 'detection rate (recall on fakes)' });
    expect(metricSpec('nope')).toBeUndefined();
  });

  it('calls a score at or above the threshold fake, with the paper defaults in one place', () => {
    expect(isFake(0.5, 0.5)).toBe(true);
    expect(isFake(0.4999999, 0.5)).toBe(false);
    expect(isFake(Number.NaN, 0.5)).toBe(false);
    expect([DEFAULT_RESAMPLES, DEFAULT_THRESHOLD, DEFAULT_CONFIDENCE, DEFAULT_MIN_N]).toEqual([1000, 0.5, 0.95, 30]);
  });
});
