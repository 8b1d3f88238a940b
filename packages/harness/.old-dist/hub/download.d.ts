import { type Hash } from 'node:crypto';
import type { HubRepoCache, RepoFile } from './cache.js';
import { HubDatasetError } from './errors.js';
import { type HubProgressEvent } from './progress.js';
export interface DownloadContext {
    cache: HubRepoCache;
    endpoint: string;
    repo: string;
    sha: string;
    token: string | undefined;
    offline: boolean;
    /** Extra attempts after a dropped connection; each resumes where the last one stopped. */
    retries: number;
    fetch: typeof fetch;
    onProgress?: (event: HubProgressEvent) => void;
    signal?: AbortSignal;
}
export interface EnsuredFile {
    /** `snapshots/<sha>/<path>` (a symlink to the blob). */
    pointer: string;
    blob: string;
    /** Bytes received over the network by this call (0 when the blob was cached). */
    fetchedBytes: number;
    cached: boolean;
}
/**
 * Make one repo file available in the cache, downloading it if needed.
 *
 * Why not `downloadFileToCacheDir` from @huggingface/hub: it restarts interrupted downloads from
 * zero, does not check the bytes against the hub's hash and reports no progress. This function
 * keeps the same cache layout (`blobs/<etag>`, `blobs/<etag>.incomplete`,
 * `snapshots/<sha>/<path>`) so the Python client resumes our partial files and vice versa.
 */
export declare function ensureRepoFile(ctx: DownloadContext, file: RepoFile): Promise<EnsuredFile>;
export declare function resolveUrl(endpoint: string, repo: string, sha: string, path: string): string;
/** A fresh hasher for the kind of id the hub gives for this file. */
export declare function createFileHasher(file: RepoFile): Hash;
export declare function httpError(ctx: {
    repo: string;
    endpoint: string;
}, what: string, response: Response): HubDatasetError;
/** Hash a whole file with the file's hub hash (sha256 for LFS, git blob sha1 otherwise). */
export declare function hashFile(file: RepoFile, path: string, onProgress?: (event: HubProgressEvent) => void): Promise<string>;
//# sourceMappingURL=download.d.ts.map