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
