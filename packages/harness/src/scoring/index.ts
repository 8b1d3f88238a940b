/**
 * Scoring & statistics: every metric of every detector on every slice, with percentile bootstrap
 * intervals (spec §7.2–7.4).
 *
 * - Metrics follow scikit-learn (fake = 1, real = 0, zero_division = 0); see metrics.ts for which
 *   metrics a cell reports. Undefined metrics are left out of the output (never NaN).
 * - Rows with an empty group value are dropped from that slice only.
 * - Intervals: percentile bootstrap from the harness's seeded Rng. By default whole clusters
 *   (a source image with all its edits) are resampled, since edits of one image are not
 *   independent; `resample: 'row'` resamples rows. The same inputs and seed give byte-identical
 *   output, whatever the number of threads.
 * - Input: ScoringRow objects (scoreDetectors), or columns (scoreTable: the rows once in a
 *   ScoringTable, each detector's scores as typed arrays), which skips the per-row objects.
 * - Output order: detectors as given, `overall` then slices as given, groups sorted by code unit,
 *   metrics in METRIC_SPECS order.
 */
export type { ScoringRow, ScoreRecord, ScoreOptions, ResampleUnit } from './types.js';
export { KNOWN_SLICE_COLUMNS, DEFAULT_MIN_N, validateScoreOptions } from './types.js';
export { scoreDetectors, scoreTable } from './score.js';
export { ScoringTableBuilder, scoringColumns, type ScoringTable, type DetectorColumns } from './table.js';
export { METRICS, METRIC_INDEX, METRIC_SPECS, PIXEL_METRIC_SPECS, metricSpec, type PixelMetricName, wilsonInterval, normalQuantile, type MetricName, type MetricSpec, type MetricKind, type MetricDomain } from './metrics.js';
export { DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_THRESHOLD, isFake } from './defaults.js';
export { LOWER_IS_BETTER, FPR_POINTS } from './metrics.js';
export { MATCHED_METRICS } from './matched.js';
export { CALIBRATION_METRICS, ECE_BINS, LOG_LOSS_EPS, eceBin, type CalibrationMetric } from './calibration.js';
export { percentileInterval } from './engine.js';
/** The kernel's stable descending sort (exposed so tests check it through the public entry). */
export { argsortDescending } from './sort.js';
export * from './compare.js';
export * from './threshold.js';
export * from './io.js';
