import { COLUMN_ALIASES } from '../dataset.js';
/** Leading columns of a written metadata file, in the eval set's order; the rest follow as found. */
export const EVALSET_LEADING_COLUMNS = [
    'image_id',
    'image_path',
    'dataset',
    'entities',
    'class',
    'label',
    'mask_id',
    'mask_path',
    'mask_name',
    'ratio',
    'method',
    'model',
    'perturbed_mask_name',
    'sem_magnitude',
];
/**
 * Rename alias columns (spec §2.4, the loader's `COLUMN_ALIASES`) to eval-set names. An alias fills its eval-set column only when that one is
 * absent or empty; an alias that was used is dropped, one that was not is kept as an extra column.
 */
export function applyColumnAliases(row, aliases = COLUMN_ALIASES) {
    const out = { ...row };
    for (const [alias, canonical] of Object.entries(aliases)) {
        const value = out[alias];
        if (value === undefined)
            continue;
        if (out[canonical] === undefined || out[canonical] === '') {
            out[canonical] = value;
            delete out[alias];
        }
    }
    return out;
}
/** `method` values of the full release mapped to the eval set's `inpainting` / `p2p`. */
export function normalizeMethod(value) {
    const v = value.trim().toLowerCase().replace(/_/g, '-');
    if (v === 'prompt-based-editing' || v === 'prompt' || v === 'p2p' || v === 'prompt-edit')
        return 'p2p';
    if (v === 'inpainting' || v === 'inpaint')
        return 'inpainting';
    return value;
}
//# sourceMappingURL=columns.js.map