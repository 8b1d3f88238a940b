import { copyFile, link, lstat, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { randomUUID } from 'node:crypto';
import { getRepoFolderName } from '@huggingface/hub';
/**
 * Paths of one dataset repository inside a Hugging Face cache directory.
 *
 * The `blobs/`, `snapshots/<sha>/` and `refs/` folders follow the layout of the Python
 * `huggingface_hub` client, so files downloaded by either tool are reused by the other.
 * semibench's own derived data (tree listings, extracted archives, the per-commit dataset view)
 * lives next to them in `semibench/`, which the Python tools ignore and `hf cache delete` removes
 * together with the repository.
 */
export class HubRepoCache {
    cacheDir;
    repo;
    repoDir;
    constructor(cacheDir, repo) {
        this.cacheDir = cacheDir;
        this.repo = repo;
        this.repoDir = join(cacheDir, getRepoFolderName({ type: 'dataset', name: repo }));
    }
    blobPath(etag) {
        return join(this.repoDir, 'blobs', etag);
    }
    /** Where a repo file appears for a commit: a relative symlink to its blob. */
    pointerPath(sha, path) {
        return join(this.repoDir, 'snapshots', sha, ...path.split('/'));
    }
    refPath(revision) {
        return join(this.repoDir, 'refs', ...revision.split('/'));
    }
    get semibenchDir() {
        return join(this.repoDir, 'semibench');
    }
    treePath(sha) {
        return join(this.semibenchDir, 'trees', `${sha}.json`);
    }
    /** Extracted archives are keyed by blob, so an unchanged archive is shared across commits. */
    extractedDir(etag) {
        return join(this.semibenchDir, 'extracted', etag);
    }
    extractedIndexPath(etag) {
        return join(this.semibenchDir, 'extracted', `${etag}.json`);
    }
    /** The directory handed to the dataset loader for one commit. */
    viewDir(sha) {
        return join(this.semibenchDir, 'views', sha);
    }
    async readRef(revision) {
        try {
            const sha = (await readFile(this.refPath(revision), 'utf8')).trim();
            return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
        }
        catch {
            return null;
        }
    }
    async writeRef(revision, sha) {
        await writeFileAtomic(this.refPath(revision), sha);
    }
    async readTree(sha) {
        try {
            const parsed = JSON.parse(await readFile(this.treePath(sha), 'utf8'));
            return Array.isArray(parsed.files) ? parsed.files : null;
        }
        catch {
            return null;
        }
    }
    async writeTree(sha, files) {
        await writeFileAtomic(this.treePath(sha), JSON.stringify({ sha, files }));
    }
    /** True when the blob exists with the expected size (a full hash check is `dataset verify`'s job). */
    async hasBlob(file) {
        return (await fileSize(this.blobPath(file.etag))) === file.size;
    }
    /** Make `snapshots/<sha>/<path>` point at the file's blob, as the Python client does. */
    async linkPointer(sha, file) {
        const pointer = this.pointerPath(sha, file.path);
        await linkRelative(this.blobPath(file.etag), pointer);
        return pointer;
    }
}
export async function fileSize(path) {
    try {
        const s = await stat(path);
        return s.isFile() ? s.size : null;
    }
    catch {
        return null;
    }
}
export async function pathExists(path) {
    try {
        await lstat(path);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Create (or replace) `linkPath` as a relative symlink to `target`. Relative links keep working
 * when the cache folder is moved; where symlinks are not allowed the file is copied instead.
 */
export async function linkRelative(target, linkPath) {
    await mkdir(dirname(linkPath), { recursive: true });
    const tmp = `${linkPath}.${randomUUID()}.tmp`;
    try {
        await symlink(relative(dirname(linkPath), target), tmp);
    }
    catch {
        await copyFile(target, tmp);
    }
    await rename(tmp, linkPath);
}
/**
 * Create (or replace) `linkPath` as a hard link to the regular file `target` (copying where hard
 * links are not possible). The dataset view uses hard links so every file really lives inside the
 * view folder: the runner refuses symlinks that resolve outside a dataset root.
 */
export async function linkHard(target, linkPath) {
    await mkdir(dirname(linkPath), { recursive: true });
    const tmp = `${linkPath}.${randomUUID()}.tmp`;
    try {
        await link(target, tmp);
    }
    catch {
        await copyFile(target, tmp);
    }
    await rename(tmp, linkPath);
}
/** Write through a temporary name and rename, so readers never see half a file. */
export async function writeFileAtomic(path, data) {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    try {
        await writeFile(tmp, data);
        await rename(tmp, path);
    }
    catch (error) {
        await rm(tmp, { force: true });
        throw error;
    }
}
//# sourceMappingURL=cache.js.map