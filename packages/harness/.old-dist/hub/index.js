/**
 * Hugging Face datasets for semibench: `hf:OWNER/NAME[@REVISION]` specs, the Python-compatible
 * cache, verified resumable downloads, streaming archive extraction and the eval-set view.
 */
export { parseHubSpec, formatHubSpec, resolveHubSettings, COMMIT_SHA_RE } from './spec.js';
export { materializeHubDataset } from './materialize.js';
export { describeHubDataset, verifyHubDataset } from './inspect.js';
export { HubDatasetError } from './errors.js';
export { createHubProgressPrinter, formatHubProgress, formatBytes as formatByteSize } from './progress.js';
export { selectRows } from './sampling.js';
export { hubRowSelector } from './selector.js';
export { resolveDatasetSource } from './source.js';
//# sourceMappingURL=index.js.map