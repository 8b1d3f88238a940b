/**
 * Scene diversity and complexity (spec §5.10): per source image, the number of entity labels it
 * lists and the number of annotated masks (metadata rows) it has, binned low/medium/high at the
 * mean ± one population standard deviation over unique images.
 */
import { parsePyListOrString } from '../util/pylist.js';
/**
 * Normalise an image id the way the reference joins scene attributes: CelebAHQ ids become
 * `CelebA_` + the number zero-padded to 5 digits (`20046`, `CelebA_20046` -> `CelebA_20046`).
 */
export function normaliseSceneImageId(imageId, dataset) {
    const m = /^(?:CelebA_)?(\d+)$/.exec(imageId);
    if (m && (dataset === 'CelebAHQ' || imageId.startsWith('CelebA_')))
        return `CelebA_${m[1].padStart(5, '0')}`;
    return imageId;
}
/** Mean ± population std edges of a list of per-image values. */
export function sceneBinEdges(values) {
    const n = values.length;
    if (n === 0)
        return { mean: Number.NaN, std: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 };
    let sum = 0;
    for (const v of values)
        sum += v;
    const mean = sum / n;
    let ss = 0;
    for (const v of values)
        ss += (v - mean) * (v - mean);
    const std = Math.sqrt(ss / n);
    return { mean, std, low: mean - std, high: mean + std, n };
}
/** With std 0 the medium interval is empty and every value is `high` (the reference behaviour). */
export function sceneCategory(value, edges) {
    if (value < edges.low)
        return 'low';
    if (value < edges.high)
        return 'medium';
    return 'high';
}
/**
 * Compute both attributes and their bins from the real-image metadata (one row per mask).
 * Diversity comes from the first row of each image id, complexity counts its rows.
 */
export function computeSceneAttributes(rows, options = {}) {
    const first = new Map();
    rows.forEach((row, index) => {
        const id = normaliseSceneImageId(row.image_id, row.dataset);
        const seen = first.get(id);
        if (seen) {
            seen.complexity++;
            return;
        }
        let entities;
        try {
            entities = parsePyListOrString(row.entities);
        }
        catch (err) {
            throw new Error(`row ${index + 1} (image_id ${row.image_id}): cannot parse entities: ${err.message}`);
        }
        const isCeleba = row.dataset === 'CelebAHQ' || id.startsWith('CelebA_');
        if (options.dropCelebaStrayR && isCeleba)
            entities = entities.filter((e) => e !== 'r');
        first.set(id, { diversity: entities.length, complexity: 1 });
    });
    const values = [...first.values()];
    const diversityEdges = sceneBinEdges(values.map((v) => v.diversity));
    const complexityEdges = sceneBinEdges(values.map((v) => v.complexity));
    const byImage = new Map();
    for (const [id, v] of first) {
        byImage.set(id, {
            diversity: v.diversity,
            complexity: v.complexity,
            diversityCategory: sceneCategory(v.diversity, diversityEdges),
            complexityCategory: sceneCategory(v.complexity, complexityEdges),
        });
    }
    return { byImage, diversityEdges, complexityEdges };
}
//# sourceMappingURL=scene.js.map