/**
 * @semibench/harness/plugin — everything a plugin may import: the contract (types, constants and
 * the `defineDetector` & co. identity helpers) and the image and seeding helpers plugins share with
 * the harness. Nothing here loads the prediction store, the hub, reports or the orchestrator, so a
 * plugin (and the Python/HTTP bridges) stays light. Built-in plugins import only this entry; the
 * dependency check (.dependency-cruiser.cjs) enforces it.
 */
export * from './contract.js';
export type { BuiltinEntry } from './registry.js';
export { Rng, deriveSeed } from './util/rng.js';
export { Semaphore, mapLimit } from './util/concurrency.js';
export { hashValue, sha256, sha256File } from './util/hash.js';
export { scrubSecrets } from './util/secrets.js';
export { decision, sigmoid, type LogisticModel, type PathStep } from './train/logistic.js';
export { DEFAULT_PIXEL_LIMIT, binarizeMask, decodeGrey, decodeRgb, encodePng, pilGrey, type DecodeOptions } from './util/images.js';
export { pilResize } from './imaging/pil-resample.js';
export { decodeMaskGrey, maxFilter, modeFilter, pilGaussianBlur, prepareInpaintMask, type MaskPrepOptions } from './imaging/mask-prep.js';
export { CLIP_MEAN, CLIP_STD, IMAGENET_MEAN, IMAGENET_STD, describeInput, prepareInput, validateDetectorInput, validatePreprocessSpec, validateTensorSpec } from './preprocess/index.js';
export { SEMIBENCH_VERSION } from './run/version.js';
