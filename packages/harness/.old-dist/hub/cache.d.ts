/** One file of a repository at a commit, as listed by the hub's tree API. */
export interface RepoFile {
    path: string;
    size: number;
    /**
     * Cache key and integrity check: the LFS sha256 for LFS files, the git blob sha1 otherwise.
     * This is the value the hub sends as ETag and the name of the blob in the Python cache.
     */
    etag: string;
    /** True when `etag` is a sha256 of the bytes (LFS), false when it is a git blob sha1. */
    lfs: boolean;
}
/**
 * Paths of one dataset repository inside a Hugging Face cache directory.
 *
 * The `blobs/`, `snapshots/<sha>/` and `refs/` folders follow the layout of the Python
 * `huggingface_hub` client, so files downloaded by either tool are reused by the other.
 * semibench's own derived data (tree listings, extracted archives, the per-commit dataset view)
 * lives next to them in `semibench/`, which the Python tools ignore and `hf cache delete` removes
 * together with the repository.
 */
export declare class HubRepoCache {
    readonly cacheDir: string;
    readonly repo: string;
    readonly repoDir: string;
    constructor(cacheDir: string, repo: string);
    blobPath(etag: string): string;
    /** Where a repo file appears for a commit: a relative symlink to its blob. */
    pointerPath(sha: string, path: string): string;
    refPath(revision: string): string;
    get semibenchDir(): string;
    treePath(sha: string): string;
    /** Extracted archives are keyed by blob, so an unchanged archive is shared across commits. */
    extractedDir(etag: string): string;
    extractedIndexPath(etag: string): string;
    /** The directory handed to the dataset loader for one commit. */
    viewDir(sha: string): string;
    readRef(revision: string): Promise<string | null>;
    writeRef(revision: string, sha: string): Promise<void>;
    readTree(sha: string): Promise<RepoFile[] | null>;
    writeTree(sha: string, files: readonly RepoFile[]): Promise<void>;
    /** True when the blob exists with the expected size (a full hash check is `dataset verify`'s job). */
    hasBlob(file: RepoFile): Promise<boolean>;
    /** Make `snapshots/<sha>/<path>` point at the file's blob, as the Python client does. */
    linkPointer(sha: string, file: RepoFile): Promise<string>;
}
export declare function fileSize(path: string): Promise<number | null>;
export declare function pathExists(path: string): Promise<boolean>;
/**
 * Create (or replace) `linkPath` as a relative symlink to `target`. Relative links keep working
 * when the cache folder is moved; where symlinks are not allowed the file is copied instead.
 */
export declare function linkRelative(target: string, linkPath: string): Promise<void>;
/**
 * Create (or replace) `linkPath` as a hard link to the regular file `target` (copying where hard
 * links are not possible). The dataset view uses hard links so every file really lives inside the
 * view folder: the runner refuses symlinks that resolve outside a dataset root.
 */
export declare function linkHard(target: string, linkPath: string): Promise<void>;
/** Write through a temporary name and rename, so readers never see half a file. */
export declare function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void>;
//# sourceMappingURL=cache.d.ts.map