/**
 * The semibench plugin contract, version 1.
 *
 * A plugin is a module whose default export (or named export `plugin`) is a plain object
 *   { kind, meta: { name, version, apiVersion: 1, ... }, create(options, context) }
 * and `create` returns the instance for its kind. This file is types plus two constants and the
 * identity helpers `defineDetector` & co., so a plugin only needs `import type` from here; a lone
 * `.mjs` file with no dependencies that exports such an object is a valid plugin.
 *
 * Versioning: `apiVersion` changes only for breaking changes of this module. Additive, optional
 * fields keep version 1. The harness refuses plugins whose apiVersion it does not support and says
 * which ones it does.
 */
/** The contract version this file describes. */
export const API_VERSION = 1;
/** Contract versions this build of semibench can load. */
export const SUPPORTED_API_VERSIONS = [1];
export const PLUGIN_KINDS = ['detector', 'editor', 'metric', 'perturber'];
/** Identity helpers: they only give editors type checking, and return their argument. */
export function defineDetector(plugin) {
    return plugin;
}
export function defineEditor(plugin) {
    return plugin;
}
export function defineMetric(plugin) {
    return plugin;
}
export function definePerturber(plugin) {
    return plugin;
}
//# sourceMappingURL=contract.js.map