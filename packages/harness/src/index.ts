/**
 * @semibench/harness — public API. Each line re-exports one concept's module.
 */
export * from './contract.js';
export * from './util/rng.js';
export * from './util/hash.js';
export * from './util/images.js';
export * from './registry.js';
export * from './plugins/validate.js';
export * from './plugins/loader.js';
export * from './config.js';
export * from './dataset.js';
export * from './util/pylist.js';
export * from './generate/bins.js';
export * from './generate/scene.js';
export * from './generate/mask-prep.js';
export * from './preprocess/index.js';
export * from './runner.js';
export { createDetectorInstance, isolationMode, ISOLATION_MODES, type IsolationMode } from './isolation/index.js';
export * from './util/secrets.js';
export * from './util/safe-path.js';
export { LOCK_FILE, RunLockedError, lockRunDirectory } from './util/run-lock.js';
export * from './util/concurrency.js';
export * from './hub/index.js';
export * from './report/files.js';
export * from './report/summary.js';
export * from './evaluate.js';
export * from './scoring/index.js';
export * from './generate/qc.js';
export * from './generate/pipeline.js';
export * from './conformance/index.js';
export * from './report/html/index.js';
export * from './store/index.js';
export * from './shard.js';
export * from './resume.js';
export * from './merge.js';
export * from './diff.js';
export * from './tables/index.js';
