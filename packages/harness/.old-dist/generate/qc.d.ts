/**
 * Quality check and localisation rules of Semi-Truths (spec §4 and §5.9), as plain functions over
 * one generated row's metric values.
 */
/** Inclusive [lo, hi] ranges of the QC metrics (spec §4; the reference's fixed numbers). */
export interface QcThresholds {
    img1_img2: readonly [number, number];
    cap2_img2: readonly [number, number];
    direct_sim: readonly [number, number];
    brisque_score_perturb: readonly [number, number];
}
export declare const DEFAULT_QC_THRESHOLDS: QcThresholds;
type Cell = string | number | null | undefined;
/**
 * pass_qc over the checks that ran: a check whose value is missing (its model was not
 * configured) is left out and not listed; a value that was computed but is NaN fails, as in the
 * reference. With no check at all, every row passes, and `checks` is empty so the manifest says so.
 */
export declare function evaluateQc(values: Readonly<Record<string, Cell>>, thresholds?: QcThresholds): {
    pass: boolean;
    checks: string[];
    failed: string[];
};
/**
 * change_location_category (spec §5.9): `diffused` when the largest change component covers more
 * than 20% of the image, or when there are more components than average and they lie far apart;
 * else `localized`. Default mode uses the image's own area and diagonal and gives null for a row
 * without change metrics; parity mode keeps the reference's 512x512 constants and `localized`.
 */
export declare function localization(row: Readonly<Record<string, Cell>>, ccClustersMean: number | null, size: {
    width: number;
    height: number;
}, parity?: boolean): 'localized' | 'diffused' | null;
export {};
//# sourceMappingURL=qc.d.ts.map