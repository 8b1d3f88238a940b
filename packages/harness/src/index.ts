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
export * from './plugins/requests.js';
export * from './config.js';
export * from './dataset.js';
export * from './util/pylist.js';
export * from './columns/index.js';
export * from './generate/scene.js';
export * from './imaging/mask-prep.js';
export * from './preprocess/index.js';
export * from './runner.js';
export * from './util/secrets.js';
export * from './util/concurrency.js';
export * from './hub/index.js';
export * from './run/index.js';
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
