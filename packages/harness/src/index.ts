/**
 * @semibench/harness — the public API of the core, for the CLI and for programs that drive
 * semibench. One line per concept's module, grouped by room (docs/architecture.md). Plugins import
 * `@semibench/harness/plugin` instead: this root loads the store, the hub and the reports.
 */

// Plugin contract and the helpers plugins share (also the whole of `@semibench/harness/plugin`).
export * from './contract.js';
export * from './util/rng.js';
export * from './util/hash.js';
export * from './util/images.js';
export * from './util/concurrency.js';
export * from './util/pylist.js';
export * from './util/secrets.js';
export * from './imaging/mask-prep.js';
export * from './preprocess/index.js';

// Plugins: registry, loading, validation, and requests with --option targeting.
export * from './registry.js';
export * from './plugins/validate.js';
export * from './plugins/loader.js';
export * from './plugins/model-package.js';
export * from './plugins/requests.js';
export * from './conformance/index.js';
export { createDetectorInstance, isolationMode, ISOLATION_MODES, type IsolationMode } from './isolation/index.js';

// Configuration, datasets, the column catalogue and dataset audits.
export * from './config.js';
export * from './run-settings.js';
export * from './dataset.js';
export * from './dataset-info.js';
export * from './columns/index.js';
export { binnedColumns, declaredBinning } from './columns/metric-bins.js';
export * from './util/safe-path.js';
export * from './audit/index.js';
export * from './util/image-headers.js';
export * from './util/image-format.js';
export * from './hub/index.js';

// Running detectors and the run directory.
export * from './runner.js';
export * from './run/index.js';
export { LOCK_FILE, RunLockedError, lockRunDirectory } from './util/run-lock.js';
// Blind evaluation, robustness perturbations and localisation maps.
export * from './blind/index.js';
export * from './perturb/index.js';
export { PerturbedImageCache } from './perturb/cache.js';
export * from './localisation/index.js';
export * from './evaluate.js';
export * from './resume.js';
export * from './shard.js';
export * from './merge.js';
export * from './diff.js';
export * from './store/index.js';

// Scores, reports and the paper's tables.
export * from './scoring/index.js';
export * from './report/summary.js';
export * from './report/html/index.js';
export * from './report/formats.js';
export * from './tables/index.js';
export * from './leaderboard/index.js';

// Fitting detectors (train probe).
export * from './train/index.js';

// Generation of a dataset (perturb → edit → metrics → QC → bins).
export * from './generate/scene.js';
export * from './generate/qc.js';
export * from './generate/pipeline.js';
