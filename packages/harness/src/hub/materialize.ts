import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HubRepoCache, fileSize, linkHard, pathExists, writeFileAtomic, type RepoFile } from './cache.js';
import { extractArchive, readArchiveIndex, type ArchiveIndex, type Bzip2Decoder } from './archive.js';
import { readCsvHeader, readCsvRows } from './csv.js';
import { ensureRepoFile, hashFile, type DownloadContext } from './download.js';
import { HubDatasetError } from './errors.js';
import { detectLayout, FULL_JOIN_VERSION, joinFullMetadata, type RepoLayout } from './fullset.js';
import { ArchiveMatcher, hasImageExtension, imageExtension, normalizeRepoPath, RepoLocator } from './locate.js';
import type { HubProgressEvent } from './progress.js';
import { joinInside, UnsafePathError, unsafePathReason } from '../util/safe-path.js';
import { loadTree, resolveCommit, type RepoContext } from './repo.js';
import { formatHubSpec, resolveHubSettings, type HubDatasetSpec, type HubSettingsInput } from './spec.js';

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
  fetched: { files: number; bytes: number };
  /** Repo files that were already in the cache (count, bytes). */
  cached: { files: number; bytes: number };
  /** Archives unpacked by this call. */
  extracted: number;
  /** Rows chosen by `selectRows` (null: all rows). */
  selectedRows: number | null;
  /** Repo files the view uses (metadata, archives, loose files), for the run manifest. */
  files: MaterializedFile[];
  /** Metadata paths that no repo file or archive member matched. */
  missing: string[];
}

/** Parallel downloads of loose files; archives are handled one at a time. */
const LOOSE_CONCURRENCY = 8;

async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async (): Promise<void> => {
    while (failed === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed !== undefined) throw failed;
}

interface Counters {
  fetched: { files: number; bytes: number };
  cached: { files: number; bytes: number };
  extracted: number;
  used: Map<string, RepoFile>;
}

/** A dataset repository pinned to one commit: its file tree and its Semi-Truths layout. */
interface PinnedRepo {
  readonly ctx: RepoContext;
  readonly sha: string;
  readonly tree: RepoFile[];
  readonly layout: RepoLayout;
  /** The metadata file(s) of that layout: one metadata.csv, or the full release's metadata/edited/*.csv. */
  readonly metadata: RepoFile[];
}

/** Fetches repo files into the cache, counting each once for the summary and the run manifest. */
interface RepoFetcher {
  readonly counters: Counters;
  ensure(file: RepoFile): Promise<string>;
}

/**
 * Make a Hugging Face dataset (the Semi-Truths eval set or full release) available as a local
 * folder in the eval-set layout, fetching metadata first and then only the files and archives
 * that hold the selected rows. Everything is cached in the Python-compatible HF cache; a run
 * pinned to a commit sha whose files are cached sends no request at all.
 */
export async function materializeHubDataset(spec: HubDatasetSpec, options: MaterializeOptions = {}): Promise<MaterializedDataset> {
  const repo = await pinRepo(spec, options);
  const fetcher = repoFetcher(repo, options);
  const view = repo.ctx.cache.viewDir(repo.sha);
  const metadataPath = join(view, 'metadata.csv');
  await linkMetadata(repo, fetcher, metadataPath, options.onProgress);

  const selected = options.selectRows ? await options.selectRows(metadataPath) : null;
  const { wanted, refused } = await wantedPaths(metadataPath, selected, options.masks === true);
  if (refused.length > 0) {
    // Not linked, not fetched: the dataset loader rejects these rows with its own message.
    options.onProgress?.({ type: 'warning', message: `${refused.length} metadata path(s) refused before any file was touched (e.g. ${refused.slice(0, 3).join('; ')})` });
  }
  const missing = await linkWantedFiles(repo, fetcher, view, wanted, options);

  const { counters } = fetcher;
  if (missing.length > 0) {
    const sample = missing.slice(0, 5).join(', ');
    options.onProgress?.({ type: 'warning', message: `${missing.length} metadata path(s) match no file in ${formatHubSpec(spec)} (e.g. ${sample})` });
  }
  options.onProgress?.({ type: 'summary', fetched: counters.fetched, cached: counters.cached, extracted: counters.extracted, missing: missing.length });
  return {
    root: view,
    metadataPath,
    repo: spec.repo,
    revision: spec.revision,
    commitSha: repo.sha,
    layout: repo.layout,
    fetched: counters.fetched,
    cached: counters.cached,
    extracted: counters.extracted,
    selectedRows: selected === null ? null : selected.size,
    files: [...counters.used.values()].map((file) => ({ path: file.path, etag: file.etag, size: file.size })).sort((a, b) => (a.path < b.path ? -1 : 1)),
    missing,
  };
}

/** Resolves the revision to a commit, lists its files and recognises the layout (or says why not). */
async function pinRepo(spec: HubDatasetSpec, options: MaterializeOptions): Promise<PinnedRepo> {
  const settings = resolveHubSettings(options, options.env);
  const cache = new HubRepoCache(settings.cacheDir, spec.repo);
  const ctx: RepoContext = { spec, settings, cache, fetch: options.fetch ?? globalThis.fetch, ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  const sha = await resolveCommit(ctx);
  const tree = await loadTree(ctx, sha);
  const detected = detectLayout(tree);
  if (!detected) {
    throw new HubDatasetError(
      'layout',
      `${formatHubSpec(spec)} (commit ${sha}) has neither a metadata.csv nor metadata/edited/*.csv; it is not a Semi-Truths dataset layout semibench knows.`,
    );
  }
  options.onProgress?.({ type: 'resolved', repo: spec.repo, revision: spec.revision, commitSha: sha, offline: settings.offline, layout: detected.layout });
  return { ctx, sha, tree, layout: detected.layout, metadata: detected.metadata };
}

function repoFetcher(repo: PinnedRepo, options: MaterializeOptions): RepoFetcher {
  const { spec, settings, cache } = repo.ctx;
  const download: DownloadContext = {
    cache,
    endpoint: settings.endpoint,
    repo: spec.repo,
    sha: repo.sha,
    token: settings.token,
    offline: settings.offline,
    retries: options.retries ?? 3,
    fetch: repo.ctx.fetch,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const counters: Counters = { fetched: { files: 0, bytes: 0 }, cached: { files: 0, bytes: 0 }, extracted: 0, used: new Map() };
  const ensure = async (file: RepoFile): Promise<string> => {
    const result = await ensureRepoFile(download, file);
    count(counters, file, result.cached, result.fetchedBytes);
    return result.pointer;
  };
  return { counters, ensure };
}

/** The view's metadata.csv: the eval set's own file (linked), or the full release's metadata joined into one. */
async function linkMetadata(repo: PinnedRepo, fetcher: RepoFetcher, metadataPath: string, onProgress: ((event: HubProgressEvent) => void) | undefined): Promise<void> {
  const { cache } = repo.ctx;
  if (repo.layout === 'evalset') {
    const file = repo.metadata[0] as RepoFile;
    await fetcher.ensure(file);
    await linkHard(cache.blobPath(file.etag), metadataPath);
  } else {
    await buildFullMetadata(repo.metadata, metadataPath, join(cache.semibenchDir, 'views', `${repo.sha}.join.json`), repo.tree, fetcher.ensure, onProgress);
  }
}

/**
 * Links every wanted path into the view: recalled from an earlier run's links, fetched as a loose
 * repo file, or found in an archive. Returns the paths nothing matched.
 */
async function linkWantedFiles(repo: PinnedRepo, fetcher: RepoFetcher, view: string, wanted: readonly string[], options: MaterializeOptions): Promise<string[]> {
  const { cache, spec } = repo.ctx;
  const resolvedPath = join(cache.semibenchDir, 'views', `${repo.sha}.resolved.json`);
  const resolved = await loadResolved(resolvedPath, view);
  const locator = new RepoLocator(repo.tree);
  const byPath = new Map(repo.tree.map((file) => [file.path, file]));
  const pending: string[] = [];
  const looseWork: { path: string; file: RepoFile }[] = [];
  for (const path of wanted) {
    const known = resolved.get(path);
    if (known) {
      // Linked by an earlier run: no download, but the source still belongs in the manifest.
      const source = byPath.get(known.source);
      if (source) count(fetcher.counters, source, true, 0);
      continue;
    }
    const loose = locator.looseFile(path);
    if (loose) looseWork.push({ path, file: loose });
    else pending.push(path);
  }
  const decoder = options.decoder ?? decoderFromEnv(options.env ?? process.env);
  try {
    // Loose files are small and many (one per image in the folder layout): fetch several at once.
    await forEachLimit(looseWork, LOOSE_CONCURRENCY, async ({ path, file }) => {
      await fetcher.ensure(file);
      resolved.set(path, { link: await linkIntoView(view, path, cache.blobPath(file.etag), file.path), source: file.path });
    });
    return await resolveFromArchives({
      pending,
      locator,
      cache,
      sha: repo.sha,
      spec,
      ensure: fetcher.ensure,
      counters: fetcher.counters,
      decoder,
      view,
      resolved,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    // Keep what was linked even when a later file fails, so the next run starts from there.
    await saveResolved(resolvedPath, resolved);
  }
}

function count(counters: Counters, file: RepoFile, cached: boolean, bytes: number): void {
  if (counters.used.has(file.path)) return;
  counters.used.set(file.path, file);
  if (cached) {
    counters.cached.files++;
    counters.cached.bytes += file.size;
  } else {
    counters.fetched.files++;
    counters.fetched.bytes += bytes;
  }
}

async function buildFullMetadata(
  metadataFiles: readonly RepoFile[],
  metadataPath: string,
  stampPath: string,
  tree: readonly RepoFile[],
  ensure: (file: RepoFile) => Promise<string>,
  onProgress: ((event: HubProgressEvent) => void) | undefined,
): Promise<void> {
  const local = new Map<string, string>();
  for (const file of metadataFiles) local.set(file.path, await ensure(file));
  const stamp = JSON.stringify({ version: FULL_JOIN_VERSION, files: metadataFiles.map((file) => file.etag) });
  if ((await readText(stampPath)) === stamp && (await pathExists(metadataPath))) return;
  const result = await joinFullMetadata({ tree, local, outPath: metadataPath });
  for (const message of result.warnings) onProgress?.({ type: 'warning', message });
  await writeFileAtomic(stampPath, stamp);
}

/**
 * image_path (and mask_path) values of the selected rows, in file order, without duplicates. Paths
 * that fail the shared validator are set aside here, before anything is downloaded or linked.
 */
async function wantedPaths(metadataPath: string, selected: Set<string> | null, masks: boolean): Promise<{ wanted: string[]; refused: string[] }> {
  const header = await readCsvHeader(metadataPath);
  if (header.length > 0 && !header.includes('image_path')) {
    throw new HubDatasetError('layout', `${metadataPath} has no image_path column (columns: ${header.join(', ')}); semibench cannot tell which files the rows need`);
  }
  const out = new Set<string>();
  const refused: string[] = [];
  const add = (path: string): void => {
    const reason = unsafePathReason(path);
    if (reason === null) out.add(path);
    else refused.push(new UnsafePathError(path, reason).message);
  };
  for await (const row of readCsvRows(metadataPath)) {
    const image = row['image_path'] ?? '';
    if (selected !== null && !selected.has(image)) continue;
    if (image) add(image);
    if (masks && row['mask_path']) add(row['mask_path']);
  }
  return { wanted: [...out], refused };
}

async function resolveFromArchives(params: {
  pending: readonly string[];
  locator: RepoLocator;
  cache: HubRepoCache;
  sha: string;
  spec: HubDatasetSpec;
  ensure: (file: RepoFile) => Promise<string>;
  counters: Counters;
  decoder: Bzip2Decoder;
  view: string;
  resolved: Map<string, ResolvedLink>;
  onProgress?: (event: HubProgressEvent) => void;
  signal?: AbortSignal;
}): Promise<string[]> {
  const { locator, cache } = params;
  const candidates = new Map<string, RepoFile[]>();
  for (const path of params.pending) candidates.set(path, locator.candidateArchives(path));
  const unresolved = new Set(params.pending);
  const opened = new Set<string>();

  // Open archives one at a time: first those already extracted (free), then the one that most
  // still-unresolved paths point to, until no unresolved path has an unopened candidate left.
  for (;;) {
    params.signal?.throwIfAborted();
    const votes = new Map<string, { file: RepoFile; votes: number; ready: boolean }>();
    for (const path of unresolved) {
      for (const file of candidates.get(path) ?? []) {
        if (opened.has(file.path)) continue;
        const entry = votes.get(file.path) ?? { file, votes: 0, ready: false };
        entry.votes++;
        votes.set(file.path, entry);
      }
    }
    if (votes.size === 0) break;
    for (const entry of votes.values()) entry.ready = (await readArchiveIndex(cache.extractedIndexPath(entry.file.etag))) !== null;
    const next = [...votes.values()].sort((a, b) => Number(b.ready) - Number(a.ready) || b.votes - a.votes || (a.file.path < b.file.path ? -1 : 1))[0];
    if (!next) break;
    opened.add(next.file.path);
    const index = await openArchive(params, next.file);
    const matcher = new ArchiveMatcher(next.file.path, index.entries);
    const root = cache.extractedDir(next.file.etag);
    for (const path of [...unresolved]) {
      const member = matcher.match(path);
      if (member === undefined) continue;
      params.resolved.set(path, { link: await linkIntoView(params.view, path, joinInside(root, member), member), source: next.file.path });
      unresolved.delete(path);
    }
  }
  return [...unresolved];
}

/** Download (if needed) and unpack one archive; corrupt archives get an actionable message. */
async function openArchive(
  params: { cache: HubRepoCache; sha: string; spec: HubDatasetSpec; ensure: (file: RepoFile) => Promise<string>; counters: Counters; decoder: Bzip2Decoder; onProgress?: (event: HubProgressEvent) => void; signal?: AbortSignal },
  file: RepoFile,
): Promise<ArchiveIndex> {
  const { cache } = params;
  const indexPath = cache.extractedIndexPath(file.etag);
  const existing = await readArchiveIndex(indexPath);
  if (existing) {
    // Already unpacked: the blob itself is not needed (it may even have been deleted to save space).
    count(params.counters, file, true, 0);
    return existing;
  }
  await params.ensure(file);
  const blob = cache.blobPath(file.etag);
  try {
    const index = await extractArchive({
      blobPath: blob,
      archivePath: file.path,
      etag: file.etag,
      destDir: cache.extractedDir(file.etag),
      indexPath,
      decoder: params.decoder,
      ...(params.onProgress ? { onProgress: params.onProgress } : {}),
      ...(params.signal ? { signal: params.signal } : {}),
    });
    params.counters.extracted++;
    return index;
  } catch (error) {
    if (!(error instanceof HubDatasetError) || error.code !== 'corrupt-archive') throw error;
    const pinned = `hf:${params.spec.repo}@${params.sha}`;
    const digest = await hashFile(file, blob);
    if (digest !== file.etag) {
      await rm(blob, { force: true });
      await rm(cache.pointerPath(params.sha, file.path), { force: true });
      throw new HubDatasetError(
        'corrupt-archive',
        `${error.message}. The cached copy (${blob}) no longer matches the hub's sha256 ${file.etag}, so it was damaged on disk; ` +
          `it has been deleted. Re-fetch it with \`semibench dataset fetch ${pinned}\` (or run the same command again).`,
        { cause: error },
      );
    }
    throw new HubDatasetError(
      'corrupt-archive',
      `${error.message}. The downloaded file matches the hub's sha256 ${file.etag}, so the archive is damaged on the hub itself and ` +
        `re-fetching it will not help: report it to the dataset maintainers, or pin another revision (hf:${params.spec.repo}@<revision>). ` +
        `To re-fetch anyway, delete ${blob} and run \`semibench dataset fetch ${pinned}\`.`,
      { cause: error },
    );
  }
}

/**
 * Link a resolved file into the view under its metadata path. An extension-less metadata path
 * gets the real file's extension, which the loader's extension fallback finds.
 */
async function linkIntoView(view: string, metadataPath: string, target: string, targetName: string): Promise<string> {
  const normal = normalizeRepoPath(metadataPath);
  const name = hasImageExtension(normal) ? normal : `${normal}${imageExtension(targetName)}`;
  await linkHard(target, joinInside(view, name));
  return name;
}

/** Where a metadata path was linked in the view, and the repo file (archive or loose) it came from. */
interface ResolvedLink {
  link: string;
  source: string;
}

/** Links made by earlier runs for this commit whose targets still exist. */
async function loadResolved(path: string, view: string): Promise<Map<string, ResolvedLink>> {
  const out = new Map<string, ResolvedLink>();
  const text = await readText(path);
  if (text === null) return out;
  let parsed: Record<string, ResolvedLink>;
  try {
    parsed = JSON.parse(text) as Record<string, ResolvedLink>;
  } catch {
    return out;
  }
  for (const [metadataPath, entry] of Object.entries(parsed)) {
    if (typeof entry?.link !== 'string' || typeof entry.source !== 'string') continue;
    if (unsafePathReason(entry.link) !== null || unsafePathReason(metadataPath) !== null) continue;
    if ((await fileSize(joinInside(view, entry.link))) !== null) out.set(metadataPath, entry);
  }
  return out;
}

async function saveResolved(path: string, resolved: ReadonlyMap<string, ResolvedLink>): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(Object.fromEntries(resolved)));
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function decoderFromEnv(env: NodeJS.ProcessEnv): Bzip2Decoder {
  const value = env['SEMIBENCH_BZIP2'];
  return value === 'js' || value === 'system' ? value : 'auto';
}
