/**
 * Metric definitions with scikit-learn's semantics (labels fake = 1, real = 0, zero_division = 0),
 * computed from (possibly bootstrap-weighted) confusion counts.
 *
 * Which metrics a cell reports depends on the labels present in it (spec §7.2–7.3):
 * - both classes present: every count metric, plus ROC-AUC and AP when every row has a score;
 * - only fakes (every attribute slice): accuracy and the fake-class precision/recall/F1
 *   (recall_fake is the detection rate); macro, real-class and balanced metrics are not defined
 *   there and are left out, never reported as NaN or as scikit-learn's degenerate 0;
 * - only reals: accuracy and the real-class precision/recall/F1.
 */
export declare const METRICS: readonly ["accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro", "precision_real", "recall_real", "f1_real", "precision_fake", "recall_fake", "f1_fake", "roc_auc", "average_precision"];
export type MetricName = (typeof METRICS)[number];
export declare const METRIC_COUNT: 13;
export declare const METRIC_INDEX: Readonly<Record<MetricName, number>>;
/** Index of the first threshold-free metric; those come from the score ranking, the rest from counts. */
export declare const ROC_AUC: number;
export declare const AVERAGE_PRECISION: number;
/**
 * Writes the count metrics of one cell into `out[offset .. offset + METRIC_COUNT)`; NaN marks a
 * metric that is not defined for the labels present (the threshold-free slots are left alone).
 * Counts may be weighted (bootstrap multiplicities); they are exact integers either way.
 */
export declare function countMetrics(tp: number, fn: number, tn: number, fp: number, out: Float64Array, offset: number): void;
/** Wilson score interval for a binomial proportion (a cross-check for fakes-only recall). */
export declare function wilsonInterval(successes: number, n: number, confidence?: number): [number, number];
/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9: ample for intervals). */
export declare function normalQuantile(p: number): number;
//# sourceMappingURL=metrics.d.ts.map