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
export declare function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>): RocCurve;
export interface OperatingPoint {
    readonly threshold: number;
    readonly fpr: number;
    readonly tpr: number;
}
/** Highest TPR among thresholds whose FPR is at most `maxFpr` (no interpolation: a threshold you can use). */
export declare function tprAtFpr(curve: RocCurve, maxFpr: number): OperatingPoint;
/** Equal error rate: where FPR = FNR, linearly interpolated between the two bracketing ROC points. */
export declare function equalErrorRate(curve: RocCurve): {
    eer: number;
    threshold: number;
};
export type CalibrationTarget = {
    readonly fpr: number;
} | {
    readonly tpr: number;
} | 'eer' | 'youden';
/**
 * A threshold chosen on one split: `{fpr}` → the lowest threshold whose FPR ≤ target (most
 * detections at that false-alarm rate); `{tpr}` → the highest threshold reaching the TPR;
 * `'eer'` → the first threshold where FNR ≤ FPR; `'youden'` → max TPR − FPR.
 */
export declare function calibrateThreshold(labels: ArrayLike<number>, scores: ArrayLike<number>, target: CalibrationTarget): OperatingPoint;
/** Re-predicts rows with a threshold (score ≥ threshold → fake); rows without a score keep their prediction. */
export declare function applyThreshold<T extends {
    readonly score: number;
    readonly prediction: 0 | 1;
}>(rows: readonly T[], threshold: number): T[];
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
export declare function thresholdStatistics(rows: ReadonlyArray<{
    readonly label: 0 | 1;
    readonly score: number;
    readonly cluster: string;
    readonly key: string;
}>, options: {
    readonly maxFprs: readonly number[];
    readonly resamples: number;
    readonly seed: number;
    readonly confidence: number;
    readonly resample: 'cluster' | 'row';
}): ThresholdStatistic[];
/**
 * Splits rows into a calibration and an evaluation part by whole clusters (a source image and its
 * edits never straddle the split), drawing clusters with the harness's seeded Rng.
 */
export declare function splitByCluster<T extends {
    readonly cluster: string;
}>(rows: readonly T[], fraction: number, seed: number): [T[], T[]];
//# sourceMappingURL=threshold.d.ts.map