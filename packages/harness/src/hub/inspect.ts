import { joinInside } from '../util/safe-path.js';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HubRepoCache, fileSize, type RepoFile } from './cache.js';
import { isArchivePath, readArchiveIndex } from './archive.js';
import { readCsvRows } from './csv.js';
import { hashFile } from './download.js';
import { detectLayout, type RepoLayout } from './fullset.js';
import type { HubProgressEvent } from './progress.js';
import { loadTree, resolveCommit, type RepoContext } from './repo.js';
import { resolveHubSettings, type HubDatasetSpec, type HubSettingsInput } from './spec.js';

export interface HubInspectOptions extends HubSettingsInput {
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  onProgress?: (event: HubProgressEvent) => void;
}

export interface HubFileState {
  path: string;
  size: number;
  /** The blob is in the cache with the right size. */
  cached: boolean;
}

export interface HubDatasetInfo {
  repo: string;
  revision: string;
  commitSha: string;
  layout: RepoLayout | null;
  endpoint: string;
  cacheDir: string;
  offline: boolean;
  files: number;
  bytes: number;
  metadata: HubFileState[];
  archives: (HubFileState & { extracted: boolean })[];
  loose: { files: number; bytes: number; cached: number };
  /** Rows of the eval-set metadata.csv (or the joined file), when it is cached; otherwise null. */
  metadataRows: number | null;
}

async function open(spec: HubDatasetSpec, options: HubInspectOptions): Promise<{ ctx: RepoContext; sha: string; tree: RepoFile[] }> {
  const settings = resolveHubSettings(options, options.env);
  const ctx: RepoContext = {
    spec,
    settings,
    cache: new HubRepoCache(settings.cacheDir, spec.repo),
    fetch: options.fetch ?? globalThis.fetch,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const sha = await resolveCommit(ctx);
  return { ctx, sha, tree: await loadTree(ctx, sha) };
}

/** What a dataset revision holds and how much of it is cached; downloads nothing but the file list. */
export async function describeHubDataset(spec: HubDatasetSpec, options: HubInspectOptions = {}): Promise<HubDatasetInfo> {
  const { ctx, sha, tree } = await open(spec, options);
  const { cache, settings } = ctx;
  const detected = detectLayout(tree);
  const metadataPaths = new Set(detected?.metadata.map((file) => file.path) ?? []);
  const state = async (file: RepoFile): Promise<HubFileState> => ({ path: file.path, size: file.size, cached: await cache.hasBlob(file) });
  const metadata: HubFileState[] = [];
  const archives: HubDatasetInfo['archives'] = [];
  const loose = { files: 0, bytes: 0, cached: 0 };
  for (const file of tree) {
    if (metadataPaths.has(file.path)) metadata.push(await state(file));
    else if (isArchivePath(file.path)) archives.push({ ...(await state(file)), extracted: (await readArchiveIndex(cache.extractedIndexPath(file.etag))) !== null });
    else {
      loose.files++;
      loose.bytes += file.size;
      if (await cache.hasBlob(file)) loose.cached++;
    }
  }
  let metadataRows: number | null = null;
  const viewMetadata = join(cache.viewDir(sha), 'metadata.csv');
  const rowsSource = detected?.layout === 'evalset' && metadata[0]?.cached ? cache.blobPath((detected.metadata[0] as RepoFile).etag) : (await fileSize(viewMetadata)) !== null ? viewMetadata : null;
  if (rowsSource) {
    metadataRows = 0;
    for await (const _row of readCsvRows(rowsSource)) metadataRows++;
  }
  return {
    repo: spec.repo,
    revision: spec.revision,
    commitSha: sha,
    layout: detected?.layout ?? null,
    endpoint: settings.endpoint,
    cacheDir: settings.cacheDir,
    offline: settings.offline,
    files: tree.length,
    bytes: tree.reduce((sum, file) => sum + file.size, 0),
    metadata,
    archives,
    loose,
    metadataRows,
  };
}

export interface HubVerifyOptions extends HubInspectOptions {
  /** Delete blobs that fail their hash and extracted folders with missing or wrong-size files. */
  deleteCorrupt?: boolean;
}

export interface HubVerifyReport {
  repo: string;
  commitSha: string;
  /** Cached blobs hashed. */
  checked: number;
  ok: number;
  /** Repo files not in the cache (not an error: partial downloads are normal). */
  absent: number;
  extractedArchives: number;
  problems: { path: string; problem: string; deleted: boolean }[];
}

/**
 * Re-hash every cached file of a revision against the hub's sha256 / git sha1 and check every
 * extracted archive against its member list. Works offline once the file list is cached.
 */
export async function verifyHubDataset(spec: HubDatasetSpec, options: HubVerifyOptions = {}): Promise<HubVerifyReport> {
  const { ctx, sha, tree } = await open(spec, options);
  const { cache } = ctx;
  const report: HubVerifyReport = { repo: spec.repo, commitSha: sha, checked: 0, ok: 0, absent: 0, extractedArchives: 0, problems: [] };
  for (const file of tree) {
    const blob = cache.blobPath(file.etag);
    const size = await fileSize(blob);
    if (size === null) {
      report.absent++;
    } else {
      report.checked++;
      const problem = size !== file.size ? `size ${size}, expected ${file.size}` : await hashMismatch(file, blob, options.onProgress);
      if (problem) {
        if (options.deleteCorrupt) {
          await rm(blob, { force: true });
          await rm(cache.pointerPath(sha, file.path), { force: true });
        }
        report.problems.push({ path: file.path, problem: `cached file ${blob}: ${problem}`, deleted: options.deleteCorrupt === true });
      } else {
        report.ok++;
      }
    }
    if (!isArchivePath(file.path)) continue;
    const index = await readArchiveIndex(cache.extractedIndexPath(file.etag));
    if (!index) continue;
    report.extractedArchives++;
    const root = cache.extractedDir(file.etag);
    const bad: string[] = [];
    for (const entry of index.entries) {
      const actual = await fileSize(joinInside(root, entry.name));
      if (actual !== entry.size) bad.push(`${entry.name} (${actual === null ? 'missing' : `${actual} bytes, expected ${entry.size}`})`);
    }
    if (bad.length > 0) {
      if (options.deleteCorrupt) {
        await rm(root, { recursive: true, force: true });
        await rm(cache.extractedIndexPath(file.etag), { force: true });
      }
      report.problems.push({
        path: file.path,
        problem: `extracted folder ${root}: ${bad.length} damaged file(s), e.g. ${bad.slice(0, 3).join(', ')}`,
        deleted: options.deleteCorrupt === true,
      });
    }
  }
  return report;
}

async function hashMismatch(file: RepoFile, blob: string, onProgress?: (event: HubProgressEvent) => void): Promise<string | null> {
  const digest = await hashFile(file, blob, onProgress);
  return digest === file.etag ? null : `${file.lfs ? 'sha256' : 'git sha1'} ${digest}, expected ${file.etag}`;
}
