/**
 * Submissions and the static leaderboard site: `semibench submit` bundles a run, `semibench
 * leaderboard build` verifies bundles against a dataset, scores them itself and writes the site.
 */
export {
  BUNDLE_FORMAT,
  BUNDLE_FILE,
  BundleRejection,
  DEFAULT_BUNDLE_LIMITS,
  createBundle,
  describeRun,
  type BundleBlindness,
  type BundleDetector,
  type BundleFile,
  type BundleLimits,
  type BundleManifest,
  type CreateBundleResult,
  type OpenedBundle,
  type RejectionReason,
} from './bundle.js';
export { openBundle } from './open.js';
export { checkPredictions } from './verify.js';
export { datasetFingerprint, fingerprintOf, pinnedRevision } from './fingerprint.js';
export { loadLeaderboardDataset, type LeaderboardDataset } from './dataset.js';
export {
  LEADERBOARD_FILES,
  buildLeaderboard,
  type EntryBadges,
  type LeaderboardBuildOptions,
  type LeaderboardBuildResult,
  type LeaderboardEntryJson,
  type LeaderboardJson,
  type RejectedBundle,
} from './build.js';
export type { CacheStats } from './score.js';
