import { inputUsesMask } from '../preprocess/index.js';
import { sha256, stableStringify } from '../util/hash.js';
export function inputDependencies(input, needsMask, needsColumns) {
    const crops = inputUsesMask(input);
    return { mask: needsMask || crops, seededByRow: crops, columns: [...needsColumns].sort() };
}
/** True when the image hash alone identifies a prediction of this detector. */
export function dependsOnImageOnly(deps) {
    return !deps.mask && !deps.seededByRow && deps.columns.length === 0;
}
/** The input key of one row for one detector (64 hex characters). */
export function predictionInputKey(deps, content, row) {
    if (dependsOnImageOnly(deps))
        return content.image;
    const parts = { image: content.image };
    if (deps.mask)
        parts.mask = content.mask ?? '';
    if (deps.seededByRow) {
        parts.seed = row.seed;
        parts.key = row.key;
    }
    if (deps.columns.length)
        parts.columns = deps.columns.map((c) => [c, row.columns[c] ?? '']);
    return sha256(stableStringify(parts));
}
//# sourceMappingURL=keys.js.map