import { copyFile, link, lstat, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { randomUUID } from 'node:crypto';
import { getRepoFolderName } from '@huggingface/hub';
import { safeRelativePath, unsafePathReason } from '../util/safe-path.js';
import { HubDatasetError } from './errors.js';

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
export class HubRepoCache {
  readonly repoDir: string;

  constructor(
    readonly cacheDir: string,
    readonly repo: string,
  ) {
    this.repoDir = join(cacheDir, getRepoFolderName({ type: 'dataset', name: repo }));
  }

  blobPath(etag: string): string {
    return join(this.repoDir, 'blobs', checkOid(etag));
  }

  /** Where a repo file appears for a commit: a relative symlink to its blob. */
  pointerPath(sha: string, path: string): string {
    return join(this.repoDir, 'snapshots', checkCommit(sha), ...checkRepoPath(path).split('/'));
  }

  refPath(revision: string): string {
    return join(this.repoDir, 'refs', ...checkRepoPath(revision).split('/'));
  }

  get semibenchDir(): string {
    return join(this.repoDir, 'semibench');
  }

  treePath(sha: string): string {
    return join(this.semibenchDir, 'trees', `${checkCommit(sha)}.json`);
  }

  /** Extracted archives are keyed by blob, so an unchanged archive is shared across commits. */
  extractedDir(etag: string): string {
    return join(this.semibenchDir, 'extracted', checkOid(etag));
  }

  extractedIndexPath(etag: string): string {
    return join(this.semibenchDir, 'extracted', `${checkOid(etag)}.json`);
  }

  /** The directory handed to the dataset loader for one commit. */
  viewDir(sha: string): string {
    return join(this.semibenchDir, 'views', checkCommit(sha));
  }

  async readRef(revision: string): Promise<string | null> {
    try {
      const sha = (await readFile(this.refPath(revision), 'utf8')).trim();
      return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
    } catch {
      return null;
    }
  }

  async writeRef(revision: string, sha: string): Promise<void> {
    await writeFileAtomic(this.refPath(revision), sha);
  }

  async readTree(sha: string): Promise<RepoFile[] | null> {
    let parsed: { files?: unknown };
    try {
      parsed = JSON.parse(await readFile(this.treePath(sha), 'utf8')) as { files?: unknown };
    } catch {
      return null;
    }
    if (!Array.isArray(parsed.files)) return null;
    // A saved listing is checked like a fresh one: the cache folder may be shared or copied.
    return validateRepoFiles(parsed.files as RepoFile[], `the saved file list ${this.treePath(sha)}`);
  }

  async writeTree(sha: string, files: readonly RepoFile[]): Promise<void> {
    await writeFileAtomic(this.treePath(sha), JSON.stringify({ sha, files }));
  }

  /** True when the blob exists with the expected size (a full hash check is `dataset verify`'s job). */
  async hasBlob(file: RepoFile): Promise<boolean> {
    return (await fileSize(this.blobPath(file.etag))) === file.size;
  }

  /** Make `snapshots/<sha>/<path>` point at the file's blob, as the Python client does. */
  async linkPointer(sha: string, file: RepoFile): Promise<string> {
    const pointer = this.pointerPath(sha, file.path);
    await linkRelative(this.blobPath(file.etag), pointer);
    return pointer;
  }
}

/**
 * Hub-supplied names become cache paths, so a hostile endpoint or mirror must not be able to point
 * them anywhere else: an oid is hex of the length its kind has (git sha1: 40, LFS sha256: 64), a
 * commit is a 40-hex sha, a repo path passes the shared path validator.
 */
const GIT_OID_RE = /^[0-9a-f]{40}$/;
const LFS_OID_RE = /^[0-9a-f]{64}$/;

function checkOid(etag: string): string {
  if (GIT_OID_RE.test(etag) || LFS_OID_RE.test(etag)) return etag;
  throw new HubDatasetError('unsafe-listing', `refusing hub object id '${etag.slice(0, 80)}': expected 40 or 64 lowercase hex digits`);
}

function checkCommit(sha: string): string {
  if (GIT_OID_RE.test(sha)) return sha;
  throw new HubDatasetError('unsafe-listing', `refusing commit '${sha.slice(0, 80)}': expected 40 lowercase hex digits`);
}

function checkRepoPath(path: string): string {
  const reason = unsafePathReason(path);
  if (reason !== null) throw new HubDatasetError('unsafe-listing', `refusing repo path '${path.slice(0, 200)}': it ${reason}`);
  return safeRelativePath(path);
}

/**
 * Check a whole file listing before any of it is used: one bad entry (path escaping the cache,
 * oid that is not a hash of the right kind, negative size) means the listing is hostile or broken.
 */
export function validateRepoFiles(files: readonly RepoFile[], where: string): RepoFile[] {
  for (const file of files) {
    const path = typeof file?.path === 'string' ? file.path : String(file?.path);
    const reason = typeof file?.path === 'string' ? unsafePathReason(file.path) : 'is not a string';
    if (reason !== null) throw new HubDatasetError('unsafe-listing', `${where}: file path '${path.slice(0, 200)}' ${reason}; nothing from this listing was used`);
    const oidOk = typeof file.etag === 'string' && (file.lfs ? LFS_OID_RE : GIT_OID_RE).test(file.etag);
    if (!oidOk) {
      throw new HubDatasetError(
        'unsafe-listing',
        `${where}: '${path}' has the object id '${String(file.etag).slice(0, 80)}', not ${file.lfs ? 'a 64-hex LFS sha256' : 'a 40-hex git sha1'}; nothing from this listing was used`,
      );
    }
    if (!Number.isSafeInteger(file.size) || file.size < 0) throw new HubDatasetError('unsafe-listing', `${where}: '${path}' has the invalid size ${String(file.size)}`);
  }
  return files.slice();
}

export async function fileSize(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Create (or replace) `linkPath` as a relative symlink to `target`. Relative links keep working
 * when the cache folder is moved; where symlinks are not allowed the file is copied instead.
 */
export async function linkRelative(target: string, linkPath: string): Promise<void> {
  await mkdir(dirname(linkPath), { recursive: true });
  const tmp = `${linkPath}.${randomUUID()}.tmp`;
  try {
    await symlink(relative(dirname(linkPath), target), tmp);
  } catch {
    await copyFile(target, tmp);
  }
  await rename(tmp, linkPath);
}

/**
 * Create (or replace) `linkPath` as a hard link to the regular file `target` (copying where hard
 * links are not possible). The dataset view uses hard links so every file really lives inside the
 * view folder: the runner refuses symlinks that resolve outside a dataset root.
 */
export async function linkHard(target: string, linkPath: string): Promise<void> {
  await mkdir(dirname(linkPath), { recursive: true });
  const tmp = `${linkPath}.${randomUUID()}.tmp`;
  try {
    await link(target, tmp);
  } catch {
    await copyFile(target, tmp);
  }
  try {
    await rename(tmp, linkPath);
  } finally {
    // rename(2) does nothing when both names are links to the same file (a view linked again from
    // the same cache blob), leaving the temporary name behind; it must not stay in the view.
    await rm(tmp, { force: true });
  }
}

/** Write through a temporary name and rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
