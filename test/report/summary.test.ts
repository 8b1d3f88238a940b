/**
 * The text summary `eval`, `score` and `merge` print fits a 100-column terminal (issue 20): many
 * metrics are pivoted into rows, and over-long names and groups are cut with "…".
 */
import { SUMMARY_WIDTH, formatScoreSummary, type ScoreRecord } from '@semibench/harness';
import { describe, expect, it } from 'vitest';

const METRICS = ['accuracy', 'balanced_accuracy', 'f1_macro', 'recall_real', 'recall_fake', 'roc_auc', 'average_precision'];
const rec = (detector: string, slice: string, group: string, metric: string, value: number): ScoreRecord => ({ detector, slice, group, metric, n: 1234, value, ci_low: value - 0.0123, ci_high: value + 0.0456 });

describe('text summary width', () => {
  it('keeps every line within 100 columns and every value visible', () => {
    const detectors = ['zoo:univfd', 'a-detector-with-a-rather-long-name-from-a-config-file-alias-that-goes-on-and-on-and-on'];
    const pair = 'a person with long curly hair wearing a bright red scarf → a person with short straight hair and a hat';
    const records = detectors.flatMap((d, i) => [
      ...METRICS.map((m, j) => rec(d, 'overall', 'all', m, 0.5 + 0.01 * (i + j))),
      rec(d, 'model', 'StableDiffusion_XL', 'recall_fake', 0.71),
      rec(d, 'semantic_pair', pair, 'recall_fake', 0.42),
    ]);
    const text = formatScoreSummary(records, { confidence: 0.95 });
    const lines = text.split('\n');
    expect(SUMMARY_WIDTH).toBe(100);
    expect(lines.filter((l) => l.length > 100)).toEqual([]);
    // Pivoted: one line per metric, the detector and n on its first line only.
    expect(lines.find((l) => l.startsWith('zoo:univfd'))).toMatch(/^zoo:univfd +1234 +accuracy +0\.500 \[0\.488, 0\.546\]$/);
    expect(lines.filter((l) => /^ +average_precision +0\.\d{3} \[/.test(l))).toHaveLength(2);
    expect(text).toMatch(/^a-detector-with-a-rather-long-name.*… +1234 +accuracy/m);
    expect(text).toMatch(/^a person with long curly.*… +zoo:univfd +1234 +recall_fake +0\.420 \[0\.408, 0\.466\]$/m);
  });

  it('keeps the one-row-per-detector layout when it fits', () => {
    const text = formatScoreSummary([rec('d', 'overall', 'all', 'accuracy', 0.5), rec('d', 'overall', 'all', 'roc_auc', 0.6)]);
    expect(text.split('\n').slice(1, 4)).toEqual(['detector  n     accuracy              roc_auc', '--------  ----  --------------------  --------------------', 'd         1234  0.500 [0.488, 0.546]  0.600 [0.588, 0.646]']);
  });
});
