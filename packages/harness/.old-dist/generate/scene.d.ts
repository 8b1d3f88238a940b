export type SceneCategory = 'low' | 'medium' | 'high';
export interface SceneInputRow {
    readonly image_id: string;
    readonly dataset?: string;
    /** The `entities` cell (a Python list literal). */
    readonly entities: string;
}
export interface SceneOptions {
    /**
     * Drop CelebAHQ's stray `'r'` entity (an upstream data bug). Off by default: the reference counts
     * it, so turning this on changes the diversity of every CelebAHQ image by one.
     */
    dropCelebaStrayR?: boolean;
}
/**
 * Normalise an image id the way the reference joins scene attributes: CelebAHQ ids become
 * `CelebA_` + the number zero-padded to 5 digits (`20046`, `CelebA_20046` -> `CelebA_20046`).
 */
export declare function normaliseSceneImageId(imageId: string, dataset?: string): string;
export interface SceneBinEdges {
    /** Population mean over unique images. */
    mean: number;
    /** Population standard deviation (ddof 0). */
    std: number;
    /** v < low -> low; low <= v < high -> medium; v >= high -> high. */
    low: number;
    high: number;
    /** Number of unique images the statistics were taken over. */
    n: number;
}
export interface SceneAttributes {
    diversity: number;
    complexity: number;
    diversityCategory: SceneCategory;
    complexityCategory: SceneCategory;
}
export interface SceneResult {
    /** Keyed by normalised image id. */
    byImage: Map<string, SceneAttributes>;
    diversityEdges: SceneBinEdges;
    complexityEdges: SceneBinEdges;
}
/** Mean ± population std edges of a list of per-image values. */
export declare function sceneBinEdges(values: readonly number[]): SceneBinEdges;
/** With std 0 the medium interval is empty and every value is `high` (the reference behaviour). */
export declare function sceneCategory(value: number, edges: SceneBinEdges): SceneCategory;
/**
 * Compute both attributes and their bins from the real-image metadata (one row per mask).
 * Diversity comes from the first row of each image id, complexity counts its rows.
 */
export declare function computeSceneAttributes(rows: readonly SceneInputRow[], options?: SceneOptions): SceneResult;
//# sourceMappingURL=scene.d.ts.map