import { datasetInfo, HubApiError, listFiles } from '@huggingface/hub';
import { validateRepoFiles, type HubRepoCache, type RepoFile } from './cache.js';
import { HubDatasetError } from './errors.js';
import type { HubProgressEvent } from './progress.js';
import { COMMIT_SHA_RE, type HubDatasetSpec, type HubSettings } from './spec.js';

export interface RepoContext {
  spec: HubDatasetSpec;
  settings: HubSettings;
  cache: HubRepoCache;
  fetch: typeof fetch;
  onProgress?: (event: HubProgressEvent) => void;
}

function credentials(settings: HubSettings): { accessToken?: string } {
  return settings.token ? { accessToken: settings.token } : {};
}

/**
 * The commit sha of the spec's revision. A full sha is used as is (no request); offline, a branch
 * or tag is looked up in the cache's `refs/` (as the Python client does); online, the hub is asked
 * and `refs/<revision>` is updated. When the hub cannot be reached at all, a cached ref is used
 * with a warning rather than failing a run whose data is already on disk.
 */
export async function resolveCommit(ctx: RepoContext): Promise<string> {
  const { spec, settings, cache } = ctx;
  if (COMMIT_SHA_RE.test(spec.revision)) return spec.revision;
  if (settings.offline) {
    const sha = await cache.readRef(spec.revision);
    if (sha) return sha;
    throw new HubDatasetError(
      'offline-missing',
      `offline mode: revision '${spec.revision}' of hf:${spec.repo} has never been resolved in the cache ${settings.cacheDir}. ` +
        `Run once online, or pin a commit sha (hf:${spec.repo}@<sha>) that is cached.`,
    );
  }
  try {
    const info = await datasetInfo({
      name: spec.repo,
      revision: spec.revision,
      additionalFields: ['sha'],
      hubUrl: settings.endpoint,
      fetch: ctx.fetch,
      ...credentials(settings),
    });
    const sha = (info as { sha?: unknown }).sha;
    if (typeof sha !== 'string' || !COMMIT_SHA_RE.test(sha)) {
      throw new HubDatasetError('http', `hf:${spec.repo}@${spec.revision}: the hub's revision info has no commit sha`);
    }
    if (sha !== spec.revision) await cache.writeRef(spec.revision, sha);
    return sha;
  } catch (error) {
    if (error instanceof HubApiError) throw apiError(ctx, `revision '${spec.revision}'`, error);
    if (error instanceof HubDatasetError) throw error;
    const cached = await cache.readRef(spec.revision);
    if (cached) {
      ctx.onProgress?.({ type: 'warning', message: `cannot reach ${settings.endpoint} (${(error as Error).message}); using the cached commit ${cached} for '${spec.revision}'` });
      return cached;
    }
    throw new HubDatasetError('network', `cannot reach ${settings.endpoint} to resolve hf:${spec.repo}@${spec.revision}: ${(error as Error).message}`, { cause: error });
  }
}

/** Every file of the commit, from the cache's saved listing or from the hub's tree API. */
export async function loadTree(ctx: RepoContext, sha: string): Promise<RepoFile[]> {
  const saved = await ctx.cache.readTree(sha);
  if (saved) return saved;
  if (ctx.settings.offline) {
    throw new HubDatasetError(
      'offline-missing',
      `offline mode: the file list of hf:${ctx.spec.repo}@${sha} is not in the cache ${ctx.settings.cacheDir}; run once online first.`,
    );
  }
  const files: RepoFile[] = [];
  try {
    for await (const entry of listFiles({
      repo: { type: 'dataset', name: ctx.spec.repo },
      revision: sha,
      recursive: true,
      hubUrl: ctx.settings.endpoint,
      fetch: ctx.fetch,
      ...credentials(ctx.settings),
    })) {
      if (entry.type !== 'file') continue;
      const etag = entry.lfs?.oid ?? entry.oid;
      if (!etag) throw new HubDatasetError('http', `hf:${ctx.spec.repo}@${sha}: the file list gives no hash for '${entry.path}'`);
      files.push({ path: entry.path, size: entry.size, etag, lfs: entry.lfs !== undefined });
    }
  } catch (error) {
    if (error instanceof HubApiError) throw apiError(ctx, 'the file list', error);
    if (error instanceof HubDatasetError) throw error;
    throw new HubDatasetError('network', `cannot list the files of hf:${ctx.spec.repo}@${sha} at ${ctx.settings.endpoint}: ${(error as Error).message}`, { cause: error });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  validateRepoFiles(files, `the file list of hf:${ctx.spec.repo}@${sha} from ${ctx.settings.endpoint}`);
  await ctx.cache.writeTree(sha, files);
  return files;
}

function apiError(ctx: RepoContext, what: string, error: HubApiError): HubDatasetError {
  const repo = `hf:${ctx.spec.repo}`;
  if (error.statusCode === 401 || error.statusCode === 403) {
    return new HubDatasetError(
      'auth',
      `access to ${repo} was refused (${error.statusCode}) while reading ${what}. If the dataset is gated or private, accept its terms on the hub and set HF_TOKEN to a read token of an account with access.`,
      { cause: error },
    );
  }
  if (error.statusCode === 404) {
    return new HubDatasetError('not-found', `${repo}: ${what} not found at ${ctx.settings.endpoint} (check the name and revision; private repos need HF_TOKEN)`, { cause: error });
  }
  return new HubDatasetError('http', `${repo}: reading ${what} failed with HTTP ${error.statusCode} from ${ctx.settings.endpoint}`, { cause: error });
}
