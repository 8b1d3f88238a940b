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
export * from './plugins/requests.js';
export * from './conformance/index.js';

// Configuration, datasets and the column catalogue.
export * from './config.js';
export * from './dataset.js';
export * from './columns/index.js';
export * from './hub/index.js';

// Running detectors and the run directory.
export * from './runner.js';
export * from './run/index.js';
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

// Generation of a dataset (perturb → edit → metrics → QC → bins).
export * from './generate/scene.js';
export * from './generate/qc.js';
export * from './generate/pipeline.js';
