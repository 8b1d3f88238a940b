/**
 * Hugging Face datasets for semibench: `hf:OWNER/NAME[@REVISION]` specs, the Python-compatible
 * cache, verified resumable downloads, streaming archive extraction and the eval-set view.
 */
export { parseHubSpec, formatHubSpec, resolveHubSettings, COMMIT_SHA_RE } from './spec.js';
export type { HubDatasetSpec, HubSettings, HubSettingsInput } from './spec.js';
export { materializeHubDataset } from './materialize.js';
export type { MaterializeOptions, MaterializedDataset, MaterializedFile } from './materialize.js';
export { describeHubDataset, verifyHubDataset } from './inspect.js';
export type { HubDatasetInfo, HubFileState, HubInspectOptions, HubVerifyOptions, HubVerifyReport } from './inspect.js';
export { HubDatasetError } from './errors.js';
export type { HubErrorCode } from './errors.js';
export { createHubProgressPrinter, formatHubProgress, formatBytes as formatByteSize } from './progress.js';
export type { HubProgressEvent, TransferPhase, ProgressStream } from './progress.js';
export { selectRows } from './sampling.js';
export type { RowSelection, RowSelectionOptions, SelectedRows } from './sampling.js';
export { hubRowSelector } from './selector.js';
export type { Bzip2Decoder } from './archive.js';
export type { RepoLayout } from './fullset.js';
export { resolveDatasetSource } from './source.js';
export type { DatasetSource, DatasetSourceOptions } from './source.js';
//# sourceMappingURL=index.d.ts.map