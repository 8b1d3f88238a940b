/** Why a hub operation failed, so callers (CLI exit codes, tests) can tell cases apart. */
export type HubErrorCode =
  | 'offline-missing'
  | 'not-found'
  | 'auth'
  | 'http'
  | 'network'
  | 'integrity'
  | 'corrupt-archive'
  | 'unsafe-archive'
  /** A file listing or metadata path that would reach outside the cache or the dataset view. */
  | 'unsafe-listing'
  | 'layout';

export class HubDatasetError extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HubDatasetError';
  }
}
