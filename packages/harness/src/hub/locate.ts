import type { RepoFile } from './cache.js';
import { safeRelativePath } from '../util/safe-path.js';
import { archiveStem, isArchivePath, type ArchiveEntry } from './archive.js';

/**
 * Finding the repo file or archive member behind a metadata path.
 *
 * The metadata of the Semi-Truths releases names images by paths such as
 * `original/images/ADE20K/ADE_train_00014889.jpg`, sometimes without an extension, while the bytes
 * ship either as loose files or inside `.tar.bz2` shards whose inner layout is not documented
 * (`original/images/ADE20K.tar.bz2`, `original/images/ADE20K_images_0.tar.bz2`,
 * `inpainting/<DS>/<Model>/<DS>_<Model>_<n>.tar.bz2`). Matching therefore ignores image
 * extensions and accepts the common ways an archive can be rooted.
 */

const IMAGE_EXT_RE = /\.(jpe?g|png|webp|bmp|tiff?|gif)$/i;

/**
 * The normalised form of a repo or metadata path (`a/./b` -> `a/b`). Unsafe paths (`..`, absolute,
 * backslash, NUL, drive letter) throw: every path reaching the locator was validated before, so a
 * throw here is a bug, never a silent escape.
 */
export function normalizeRepoPath(path: string): string {
  return safeRelativePath(path);
}

/** Matching key: the normalised path without an image extension. */
export function pathKey(path: string): string {
  return normalizeRepoPath(path).replace(IMAGE_EXT_RE, '');
}

export function imageExtension(path: string): string {
  return IMAGE_EXT_RE.exec(path)?.[0] ?? '';
}

export function hasImageExtension(path: string): boolean {
  return IMAGE_EXT_RE.test(path);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function joinPath(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/');
}

/**
 * File-name variants tried when only the name (not the folder) can be matched. CelebAHQ ids carry
 * a `CelebA_` prefix that their file names lack (spec §2.1), which matters when a path is built
 * from an id.
 */
function stemVariants(stem: string): string[] {
  return stem.startsWith('CelebA_') ? [stem, stem.slice('CelebA_'.length)] : [stem];
}

/** Looks up metadata paths among the members of one extracted archive. */
export class ArchiveMatcher {
  private readonly full = new Map<string, string>();
  /** Member by bare file stem; null when several members share it (then it is never used). */
  private readonly stems = new Map<string, string | null>();

  constructor(archivePath: string, entries: readonly ArchiveEntry[]) {
    const dir = dirName(archivePath);
    const stem = archiveStem(archivePath);
    for (const { name } of entries) {
      const withoutTop = name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
      // The member as the archive stores it may be rooted at the repo, at the archive's folder,
      // at a folder named like the archive, or inside one extra wrapper folder.
      for (const candidate of [joinPath(dir, name), name, joinPath(dir, stem, name), joinPath(dir, withoutTop), withoutTop]) {
        const key = pathKey(candidate);
        if (!this.full.has(key)) this.full.set(key, name);
      }
      const key = pathKey(baseName(name));
      this.stems.set(key, this.stems.has(key) ? null : name);
    }
  }

  /** The member holding `wanted` (a metadata path), if this archive has it. */
  match(wanted: string): string | undefined {
    const key = pathKey(wanted);
    const exact = this.full.get(key);
    if (exact !== undefined) return exact;
    for (const variant of stemVariants(baseName(key))) {
      const member = this.stems.get(variant);
      if (member) return member;
    }
    return undefined;
  }
}

/** Indexes of a commit's file list used to route metadata paths to files or archives. */
export class RepoLocator {
  private readonly exact = new Map<string, RepoFile>();
  private readonly byKey = new Map<string, RepoFile>();
  private readonly archivesByDir = new Map<string, RepoFile[]>();
  readonly archives: RepoFile[] = [];

  constructor(files: readonly RepoFile[]) {
    for (const file of files) {
      if (isArchivePath(file.path)) {
        this.archives.push(file);
        const dir = dirName(file.path);
        const list = this.archivesByDir.get(dir) ?? [];
        list.push(file);
        this.archivesByDir.set(dir, list);
        continue;
      }
      this.exact.set(file.path, file);
      const key = pathKey(file.path);
      if (!this.byKey.has(key)) this.byKey.set(key, file);
    }
  }

  /** A loose (non-archive) repo file for the path, matching extension-insensitively. */
  looseFile(wanted: string): RepoFile | undefined {
    const normal = normalizeRepoPath(wanted);
    return this.exact.get(normal) ?? this.byKey.get(pathKey(normal));
  }

  /**
   * Archives that may hold `wanted`, best first. The nearest folder above the path that contains
   * archives is searched; within it, archives whose name mentions the path's remaining folders
   * (`ADE20K` in `ADE20K.tar.bz2` or `ADE20K_images_0.tar.bz2`) are preferred, and when none
   * does, all of that folder's archives (numbered shards) qualify. A path with no archive folder
   * above it falls back to every archive whose name mentions one of its folders.
   */
  candidateArchives(wanted: string): RepoFile[] {
    const parts = normalizeRepoPath(wanted).split('/');
    const dirs = parts.slice(0, -1);
    for (let depth = dirs.length; depth >= 0; depth--) {
      const here = this.archivesByDir.get(dirs.slice(0, depth).join('/'));
      if (!here) continue;
      return bestScored(here, dirs.slice(depth), false);
    }
    return bestScored(this.archives, dirs, true);
  }
}

function bestScored(archives: readonly RepoFile[], segments: readonly string[], requireMatch: boolean): RepoFile[] {
  const scored = archives.map((file) => ({ file, score: mentionScore(archiveStem(file.path), segments) }));
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  if (best === 0) return requireMatch ? [] : archives.slice();
  return scored.filter((entry) => entry.score === best).map((entry) => entry.file);
}

/** How many of the folder names appear in the archive name as whole `_`/`-`/`.`-separated words. */
function mentionScore(stem: string, segments: readonly string[]): number {
  const base = stem.replace(/[_-]\d+$/, '').toLowerCase();
  let score = 0;
  for (const segment of segments) {
    const s = segment.toLowerCase();
    if (base === s) score += 2;
    else if (new RegExp(`(^|[_.-])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[_.-])`).test(base)) score += 1;
  }
  return score;
}
