import { type Bzip2Decoder } from './archive.js';
import { type RepoLayout } from './fullset.js';
import type { HubProgressEvent } from './progress.js';
import { type HubDatasetSpec, type HubSettingsInput } from './spec.js';
export interface MaterializeOptions extends HubSettingsInput {
    /**
     * Which rows the run needs, given the dataset's metadata.csv (in the eval-set schema): a set of
     * `image_path` values, or null for every row. Only the files and archives holding those rows
     * are downloaded.
     */
    selectRows?: (metadataPath: string) => Promise<Set<string> | null>;
    /** Also fetch the `mask_path` files of the selected rows (for detectors that need masks). */
    masks?: boolean;
    onProgress?: (event: HubProgressEvent) => void;
    signal?: AbortSignal;
    /** Extra attempts after a dropped connection, each resuming the partial file (default 3). */
    retries?: number;
    /** bzip2 decoder (default: env SEMIBENCH_BZIP2, else `auto`). */
    decoder?: Bzip2Decoder;
    /** fetch implementation (proxies, tests). */
    fetch?: typeof fetch;
    /** Environment to read HF_* settings from (default process.env). */
    env?: NodeJS.ProcessEnv;
}
export interface MaterializedFile {
    path: string;
    etag: string;
    size: number;
}
export interface MaterializedDataset {
    /** Local directory in the eval-set layout: metadata.csv plus every selected image by image_path. */
    root: string;
    metadataPath: string;
    repo: string;
    revision: string;
    commitSha: string;
    layout: RepoLayout;
    /** Repo files downloaded by this call (count, bytes received). */
    fetched: {
        files: number;
        bytes: number;
    };
    /** Repo files that were already in the cache (count, bytes). */
    cached: {
        files: number;
        bytes: number;
    };
    /** Archives unpacked by this call. */
    extracted: number;
    /** Rows chosen by `selectRows` (null: all rows). */
    selectedRows: number | null;
    /** Repo files the view uses (metadata, archives, loose files), for the run manifest. */
    files: MaterializedFile[];
    /** Metadata paths that no repo file or archive member matched. */
    missing: string[];
}
/**
 * Make a Hugging Face dataset (the Semi-Truths eval set or full release) available as a local
 * folder in the eval-set layout, fetching metadata first and then only the files and archives
 * that hold the selected rows. Everything is cached in the Python-compatible HF cache; a run
 * pinned to a commit sha whose files are cached sends no request at all.
 */
export declare function materializeHubDataset(spec: HubDatasetSpec, options?: MaterializeOptions): Promise<MaterializedDataset>;
//# sourceMappingURL=materialize.d.ts.map