/**
 * A dataset is any directory with a `metadata.csv` at its root, in the Semi-Truths eval-set
 * layout: one row per image to score, `image_id`, `image_path` (relative to the root) and `label`
 * (`real` | `fake`), plus any slice columns. Unknown columns pass through untouched.
 */
export interface DatasetRow {
    /** 0-based index among data rows. */
    readonly index: number;
    /** 1-based line number in metadata.csv (the header is line 1), for error messages. */
    readonly line: number;
    /** Unique key of the row: its normalised `image_path`. */
    readonly key: string;
    /** `image_id`: shared by a real image and all of its edits (the bootstrap cluster). */
    readonly id: string;
    readonly label: 'real' | 'fake';
    /** Absolute path of the image, with the native extension appended when `image_path` has none. */
    readonly path: string;
    /** Absolute path of the mask, when the row has one. */
    readonly maskPath?: string;
    /** Every column, under its canonical (eval-set) name. */
    readonly columns: Readonly<Record<string, string>>;
}
export interface Dataset {
    /** The spec the user gave (a directory, or `hf:owner/name@rev` once materialised). */
    readonly spec: string;
    readonly root: string;
    readonly metadataPath: string;
    readonly metadataSha256: string;
    /** Canonical column names in file order. */
    readonly columns: readonly string[];
    /** Original header names that were renamed to canonical ones. */
    readonly renamedColumns: Readonly<Record<string, string>>;
    readonly rows: readonly DatasetRow[];
}
/** Raised for malformed metadata, listing every problem with its line number, before any work starts. */
export declare class DatasetError extends Error {
    readonly problems: readonly string[];
    constructor(message: string, problems?: readonly string[]);
}
/**
 * Column aliases (spec §2.4): full-dataset / reference-code names → eval-set names. A column is
 * renamed only when the canonical one is absent, so files that carry both keep both.
 */
export declare const COLUMN_ALIASES: Readonly<Record<string, string>>;
/** Native image extension per source dataset (spec §1), appended when `image_path` has none. */
export declare const NATIVE_EXTENSIONS: Readonly<Record<string, string>>;
export declare const REQUIRED_COLUMNS: readonly ["image_id", "image_path", "label"];
export interface LoadDatasetOptions {
    /** Skip the per-row existence checks for extension fallbacks (e.g. files not downloaded yet). */
    lazyPaths?: boolean;
}
/** Normalise a relative path to a stable row key (POSIX separators, no leading ./). */
export declare function normalizeKey(imagePath: string): string;
/** A path from metadata that must stay inside the dataset root. Returns the absolute path or a problem. */
export declare function resolveInside(root: string, relative: string): {
    path?: string;
    problem?: string;
};
/** The image file for a row, trying the dataset's native extension and then .png/.jpg/.jpeg (spec §2.2). */
export declare function resolveImageFile(absolute: string, dataset: string | undefined, checkExists: boolean): string;
/**
 * Checks, at open time, that a file's real location (after symlinks) is inside the root.
 * Returns the real path, or throws with a message that names the row.
 */
export declare function realPathInside(root: string, file: string): Promise<string>;
/** Loads and validates a local dataset directory (or a metadata.csv file inside one). */
export declare function loadDataset(spec: string, options?: LoadDatasetOptions): Promise<Dataset>;
//# sourceMappingURL=dataset.d.ts.map