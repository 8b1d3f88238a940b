import { Flags } from '@oclif/core';
import { DEFAULT_CONFIDENCE, DEFAULT_MIN_N, DEFAULT_RESAMPLES } from '@semibench/harness';

/** Flags shared by `score` and `tables`: where the predictions come from and how intervals are drawn. */
export const scoringFlags = {
  predictions: Flags.string({
    char: 'p',
    multiple: true,
    required: true,
    summary: 'Prediction file (repeatable): semibench predictions.csv, or a reference-code CSV (metadata + prediction, probability).',
  }),
  dataset: Flags.string({ summary: 'Dataset directory whose metadata.csv gives labels, clusters and slice columns (joined on image_path).' }),
  name: Flags.string({ summary: 'Detector name for a single reference-code file (default: from its file name, e.g. defake_preds.csv → De-Fake).' }),
  bootstrap: Flags.integer({ summary: 'Bootstrap resamples per interval (0 = none).', default: DEFAULT_RESAMPLES }),
  resample: Flags.string({ summary: 'What the bootstrap resamples: source images (cluster) or rows.', options: ['cluster', 'row'], default: 'cluster' }),
  seed: Flags.integer({ summary: 'Bootstrap seed.', default: 0 }),
  confidence: Flags.string({ summary: 'Confidence level of the intervals.', default: String(DEFAULT_CONFIDENCE) }),
  'min-n': Flags.integer({ summary: 'Cells with fewer rows are flagged as small.', default: DEFAULT_MIN_N }),
};

/** --confidence as a number in (0, 1), or an error naming the flag. */
export function parseConfidence(text: string): number {
  const c = Number(text);
  if (!(c > 0 && c < 1)) throw new Error(`--confidence must be between 0 and 1 (e.g. 0.95), got ${text}`);
  return c;
}
