import type { HubRepoCache, RepoFile } from './cache.js';
import type { HubProgressEvent } from './progress.js';
import { type HubDatasetSpec, type HubSettings } from './spec.js';
export interface RepoContext {
    spec: HubDatasetSpec;
    settings: HubSettings;
    cache: HubRepoCache;
    fetch: typeof fetch;
    onProgress?: (event: HubProgressEvent) => void;
}
/**
 * The commit sha of the spec's revision. A full sha is used as is (no request); offline, a branch
 * or tag is looked up in the cache's `refs/` (as the Python client does); online, the hub is asked
 * and `refs/<revision>` is updated. When the hub cannot be reached at all, a cached ref is used
 * with a warning rather than failing a run whose data is already on disk.
 */
export declare function resolveCommit(ctx: RepoContext): Promise<string>;
/** Every file of the commit, from the cache's saved listing or from the hub's tree API. */
export declare function loadTree(ctx: RepoContext, sha: string): Promise<RepoFile[]>;
//# sourceMappingURL=repo.d.ts.map