export const DEFAULT_MIN_N = 30;
/** Slice columns of the eval set (spec §2.2, §7.3), in the order reports list them. */
export const KNOWN_SLICE_COLUMNS = [
    'dataset',
    'method',
    'model',
    'sem_magnitude',
    'language_model',
    'scene_complexity_category',
    'scene_diversity_category',
    'change_location_category',
    'ratio_category',
    'dreamsim_category',
    'lpips_score_category',
    'sen_sim_category',
    'clip_sim_category',
    'mse_rgb_category',
    'ssim_rgb_category',
    'ratio_rgb_category',
    'size_mag_category',
    'sem_mag_category',
];
export function validateScoreOptions(options) {
    if (!(options.confidence > 0 && options.confidence < 1))
        throw new RangeError(`confidence must be in (0, 1), got ${options.confidence}`);
    if (options.resample !== 'cluster' && options.resample !== 'row')
        throw new RangeError(`resample must be 'cluster' or 'row', got ${String(options.resample)}`);
    if (options.minN !== undefined && !(options.minN >= 0))
        throw new RangeError(`minN must be >= 0, got ${options.minN}`);
    for (const s of options.slices)
        if (s === 'overall' || s === '')
            throw new RangeError(`"${s}" cannot be a slice column name`);
}
//# sourceMappingURL=types.js.map