/** Why a hub operation failed, so callers (CLI exit codes, tests) can tell cases apart. */
export type HubErrorCode = 'offline-missing' | 'not-found' | 'auth' | 'http' | 'network' | 'integrity' | 'corrupt-archive' | 'unsafe-archive' | 'layout';
export declare class HubDatasetError extends Error {
    readonly code: HubErrorCode;
    constructor(code: HubErrorCode, message: string, options?: {
        cause?: unknown;
    });
}
//# sourceMappingURL=errors.d.ts.map