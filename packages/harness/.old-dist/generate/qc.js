/**
 * Quality check and localisation rules of Semi-Truths (spec §4 and §5.9), as plain functions over
 * one generated row's metric values.
 */
export const DEFAULT_QC_THRESHOLDS = {
    img1_img2: [0.8816, 0.9896],
    cap2_img2: [0.2083, 0.2971],
    direct_sim: [0.8115, 0.9786],
    brisque_score_perturb: [0, 70],
};
function asNumber(v) {
    if (typeof v === 'number')
        return v;
    if (typeof v === 'string' && v.trim() !== '')
        return Number(v);
    return Number.NaN;
}
/**
 * pass_qc over the checks that ran: a check whose value is missing (its model was not
 * configured) is left out and not listed; a value that was computed but is NaN fails, as in the
 * reference. With no check at all, every row passes, and `checks` is empty so the manifest says so.
 */
export function evaluateQc(values, thresholds = DEFAULT_QC_THRESHOLDS) {
    const checks = [];
    const failed = [];
    for (const [column, [lo, hi]] of Object.entries(thresholds)) {
        const raw = values[column];
        if (raw === null || raw === undefined || raw === '')
            continue;
        checks.push(column);
        const v = asNumber(raw);
        if (!(v >= lo && v <= hi))
            failed.push(column);
    }
    return { pass: failed.length === 0, checks, failed };
}
/**
 * change_location_category (spec §5.9): `diffused` when the largest change component covers more
 * than 20% of the image, or when there are more components than average and they lie far apart;
 * else `localized`. Default mode uses the image's own area and diagonal and gives null for a row
 * without change metrics; parity mode keeps the reference's 512x512 constants and `localized`.
 */
export function localization(row, ccClustersMean, size, parity = false) {
    const largest = asNumber(row.largest_component_size_rgb);
    const clusters = asNumber(row.cc_cluters_rgb);
    const dist = asNumber(row.cluster_dist_rgb);
    if (!parity && (Number.isNaN(largest) || Number.isNaN(clusters) || Number.isNaN(dist)))
        return null;
    const area = parity ? 262144 : size.width * size.height;
    const farApart = parity ? 0.25 * 512 * Math.SQRT2 : 0.25 * Math.hypot(size.width, size.height);
    if (largest / area > 0.2)
        return 'diffused';
    if (ccClustersMean !== null && clusters > ccClustersMean && dist > farApart)
        return 'diffused';
    return 'localized';
}
//# sourceMappingURL=qc.js.map