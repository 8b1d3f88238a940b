import { type RepoLayout } from './fullset.js';
import type { HubProgressEvent } from './progress.js';
import { type HubDatasetSpec, type HubSettingsInput } from './spec.js';
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
    archives: (HubFileState & {
        extracted: boolean;
    })[];
    loose: {
        files: number;
        bytes: number;
        cached: number;
    };
    /** Rows of the eval-set metadata.csv (or the joined file), when it is cached; otherwise null. */
    metadataRows: number | null;
}
/** What a dataset revision holds and how much of it is cached; downloads nothing but the file list. */
export declare function describeHubDataset(spec: HubDatasetSpec, options?: HubInspectOptions): Promise<HubDatasetInfo>;
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
    problems: {
        path: string;
        problem: string;
        deleted: boolean;
    }[];
}
/**
 * Re-hash every cached file of a revision against the hub's sha256 / git sha1 and check every
 * extracted archive against its member list. Works offline once the file list is cached.
 */
export declare function verifyHubDataset(spec: HubDatasetSpec, options?: HubVerifyOptions): Promise<HubVerifyReport>;
//# sourceMappingURL=inspect.d.ts.map