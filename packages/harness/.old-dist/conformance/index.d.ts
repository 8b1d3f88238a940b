import { type ConformanceOptions, type ConformanceReport } from './types.js';
export { CONFORMANCE_SUITE_VERSION, DEFAULT_BUDGETS } from './types.js';
export type { CheckResult, CheckStatus, ConformanceBudgets, ConformanceOptions, ConformanceReport } from './types.js';
export { checkImages, DEFAULT_LARGE_SIZE, TINY_SIZE, type CheckImage, type CheckImages } from './images.js';
export { formatCheck, formatConformanceReport, formatSummary, describeSource } from './report.js';
export { checkCacheKey, readCheckCache, recordCheck, CHECK_CACHE_FILE, type CheckCacheEntry } from './cache.js';
export { loadAnyKind, shortPackageName } from './meta.js';
export { SAMPLE_COLUMN_TEXT } from './detector.js';
/** Default limit for one call; generous because the first call may load a model. */
export declare const DEFAULT_CHECK_TIMEOUT_MS = 120000;
export declare function checkPlugin(spec: string, options: ConformanceOptions): Promise<ConformanceReport>;
//# sourceMappingURL=index.d.ts.map