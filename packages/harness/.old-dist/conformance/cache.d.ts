import type { PluginKind } from '../contract.js';
import type { PluginSource } from '../plugins/loader.js';
import { type CheckStatus, type ConformanceReport } from './types.js';
export declare const CHECK_CACHE_FILE = "plugin-checks.json";
export interface CheckCacheEntry {
    passed: boolean;
    checkedAt: string;
    suiteVersion: number;
    counts: Record<CheckStatus, number>;
    /** Ids of the failed checks, for a one-line reason. */
    failed: string[];
}
export declare function checkCacheKey(kind: PluginKind, meta: {
    name: string;
    version: string;
}, source: Pick<PluginSource, 'type' | 'sha256'>): string;
/** Check results of this installation, current suite version only. */
export declare function readCheckCache(cacheDir: string): Promise<Map<string, CheckCacheEntry>>;
/** Records a report (only reports of plugins that loaded have a key). */
export declare function recordCheck(cacheDir: string, report: ConformanceReport): Promise<void>;
//# sourceMappingURL=cache.d.ts.map