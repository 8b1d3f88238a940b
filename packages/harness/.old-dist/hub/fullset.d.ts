import type { RepoFile } from './cache.js';
/**
 * The full Semi-Truths release ships no single metadata.csv: one CSV per edit method
 * (`metadata/edited/inpainting.csv`, `metadata/edited/prompt-based-editing.csv`, earlier
 * `metadata_inpainting.csv` / `metadata_prompt.csv`) keyed by `img_id`, optionally with
 * per-original metadata elsewhere under `metadata/`. This module joins them into one CSV in the
 * eval-set schema, so the same loader reads both releases.
 */
/** Bump when the join changes, so cached joined files are rebuilt. */
export declare const FULL_JOIN_VERSION = 1;
export type RepoLayout = 'evalset' | 'full';
export declare function isEditedMetadata(path: string): boolean;
/** Detect the layout and the metadata files to download first. */
export declare function detectLayout(files: readonly RepoFile[]): {
    layout: RepoLayout;
    metadata: RepoFile[];
} | null;
export interface FullJoinResult {
    rows: number;
    reals: number;
    fakes: number;
    /** Rows dropped because no image path could be built, with the reason. */
    skipped: number;
    warnings: string[];
}
/**
 * Join the release's metadata CSVs into `outPath`. `local` maps each metadata repo path to its
 * downloaded file. Image paths are taken from an explicit path column when present; otherwise they
 * are built as `<method folder>/<dataset>/<model>/<perturbed_img_id>` (fakes) and
 * `original/images/<dataset>/<img_id>` (reals) without extension; such paths are resolved against
 * archive members by file name.
 */
export declare function joinFullMetadata(params: {
    tree: readonly RepoFile[];
    local: ReadonlyMap<string, string>;
    outPath: string;
}): Promise<FullJoinResult>;
//# sourceMappingURL=fullset.d.ts.map