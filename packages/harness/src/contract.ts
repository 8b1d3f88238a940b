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
export const API_VERSION = 1 as const;
/** Contract versions this build of semibench can load. */
export const SUPPORTED_API_VERSIONS: readonly number[] = [1];

export type PluginKind = 'detector' | 'editor' | 'metric' | 'perturber';
export const PLUGIN_KINDS: readonly PluginKind[] = ['detector', 'editor', 'metric', 'perturber'];

/** JSON-compatible option values, as they come from the CLI, a config file or code. */
export type OptionValue = string | number | boolean | null | OptionValue[] | { [key: string]: OptionValue };
export type PluginOptions = Readonly<Record<string, OptionValue>>;

/** Identity of a plugin. Never inferred from a path: caching and manifests depend on it. */
export interface PluginMeta {
  /** Unique, stable name, e.g. `spectral-residual` or `semibench-plugin-foo`. */
  name: string;
  /** The plugin's own semver version; bump it whenever its outputs can change. */
  version: string;
  /** Contract version the plugin was written against. */
  apiVersion: 1;
  description?: string;
  homepage?: string;
  license?: string;
  /** Option names whose values are secrets (tokens, API keys); never logged, hashed in clear or recorded. */
  secretOptions?: readonly string[];
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** What the harness hands to `create`. */
export interface PluginContext {
  /** Seed of the run; plugins that draw random numbers derive their streams from it. */
  readonly seed: number;
  /** Directory where a plugin may cache downloaded or converted artefacts. */
  readonly cacheDir: string;
  /** Directory that relative option paths are resolved against (where the config or command ran). */
  readonly baseDir: string;
  readonly logger: Logger;
  /** Aborted when the run is cancelled or a batch times out. */
  readonly signal: AbortSignal;
}

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

/** A decoded 8-bit image, interleaved (HWC) pixels. */
export interface RasterImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** 1 = grey, 3 = RGB. Alpha is always removed by the harness. */
  readonly channels: 1 | 3;
}

/** A float tensor prepared by the harness from a declared preprocessing spec. */
export interface ImageTensor {
  readonly data: Float32Array;
  /** Shape of this one item, without the batch dimension, e.g. [3, 224, 224] for NCHW. */
  readonly dims: readonly number[];
}

export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos3';

/**
 * One step of a declared preprocessing pipeline. The harness executes the list in order
 * (decoding once per image and sharing results between detectors with the same steps) and
 * records it in the manifest, because resize and crop choices change scores by many points.
 */
export type PreprocessStep =
  | { op: 'resize'; size: number | readonly [number, number]; mode?: 'shorter-side' | 'exact'; interpolation?: Interpolation }
  | { op: 'center-crop'; size: number | readonly [number, number] }
  | {
      /** The paper's mask-aware crop: random crops until `minMaskFraction` of the mask lies inside. */
      op: 'mask-crop';
      size: number;
      tries?: number;
      minMaskFraction?: number;
      /** Reproduce the reference bug that uses the crop centre as its top-left corner. */
      parityCentreAsCorner?: boolean;
    }
  | {
      /** PIL's GaussianBlur(radius = sigma): three extended box passes, as the reference code ran it. */
      op: 'gaussian-blur';
      sigma: number;
      /** Parity quirk 3 (UnivFD): blur only rows that take the no-mask path (reals, mask-crop fallback). */
      onlyWithoutMaskCrop?: boolean;
    }
  | { op: 'jpeg'; quality: number };

/** Converts preprocessed pixels to the tensor a model expects. */
export interface TensorSpec {
  layout: 'NCHW' | 'NHWC';
  /** Pixel values are first mapped to this range (default [0, 1]). */
  range?: readonly [number, number];
  mean?: readonly [number, number, number];
  std?: readonly [number, number, number];
  channelOrder?: 'RGB' | 'BGR';
  /** Reproduce the reference bug that clamps to [0, 1] after normalisation. */
  parityClampAfterNormalize?: boolean;
}

export interface PreprocessSpec {
  steps: readonly PreprocessStep[];
  /** When present, items carry `tensor`; otherwise items carry `pixels` after the steps. */
  tensor?: TensorSpec;
}

/**
 * How a detector wants its input.
 * - `path`: only the file path (the detector decodes; e.g. a Python worker).
 * - `pixels`: decoded RGB pixels at native size, or after `preprocess.steps`.
 * - `tensor`: a Float32 tensor per item, from `preprocess` (with `tensor` set).
 */
export type DetectorInput =
  | { kind: 'path' }
  | { kind: 'pixels'; preprocess?: PreprocessSpec }
  | { kind: 'tensor'; preprocess: PreprocessSpec & { tensor: TensorSpec } };

// ---------------------------------------------------------------------------------------------
// Detectors
// ---------------------------------------------------------------------------------------------

export interface DetectorMeta extends PluginMeta {
  /** Default input declaration; an instance may refine it once its options are known. */
  input?: DetectorInput;
  /**
   * Also give the detector the row's mask (its path, and pixels when input is pixels/tensor).
   * Blind runs (the default) withhold it: only edited rows have masks. `--unblind mask` passes it.
   */
  needsMask?: boolean;
  /**
   * Metadata columns the detector needs besides the image (e.g. a caption for DE-FAKE).
   * Ground-truth and slice columns (`label`, `method`, `model`, ...) are never passed. Blind runs
   * (the default) pass only columns the catalogue marks passable that are filled on every row.
   */
  needsColumns?: readonly string[];
  /** Generators whose images the detector saw in training; scores on those slices get flagged. */
  trainedOn?: readonly string[];
  /** Preferred batch size (the user can override). */
  batchSize?: number;
  /**
   * What the scores are. `probability: false` says they are in [0, 1] but not calibrated
   * probabilities of fake (e.g. a normalised statistic): the detector is then flagged and not scored
   * on calibration (ECE, Brier, log-loss). Default: probabilities.
   */
  output?: { readonly probability?: boolean };
}

export interface DetectorItem {
  /**
   * The row's `image_id` (shared by a real image and all of its edits). In a blind run (the
   * default) it is the neutral file name of `path` instead: ids group a real with its edits.
   */
  readonly id: string;
  /**
   * Key of the row: its normalised `image_path`, or, in a blind run (the default), the neutral
   * file name of `path` (content hash + extension), because dataset paths name the class.
   */
  readonly key: string;
  /** Absolute path of the image file; in a blind run a content-hash-named copy in the run's blind view. */
  readonly path: string;
  /** Absolute path of the row's mask, when `needsMask`, the row has one, and the run is not blind (--unblind mask). */
  readonly maskPath?: string;
  readonly pixels?: RasterImage;
  readonly tensor?: ImageTensor;
  /** Binary mask (0/255, one channel) aligned with `pixels`, when `needsMask`. */
  readonly mask?: RasterImage;
  /** Values of the columns listed in `needsColumns` ('' when the row has none). */
  readonly columns?: Readonly<Record<string, string>>;
}

/**
 * A localisation map: where in the image the detector sees an edit. `height` x `width` values,
 * row-major, in [0, 1] — as a Float32Array, or as a Uint8Array holding round(255 * p) — at the size
 * of the input the detector received (the preprocessed pixels or the tensor's spatial size; the
 * decoded image itself for `path` inputs). The harness maps it back to the image's full size through
 * the inverse of the declared preprocessing (crop offsets, resize), writes it as an 8-bit greyscale
 * PNG in the run directory and scores it against the row's mask (pixel F1, IoU, ROC-AUC).
 * Pixels a crop cut away read as 0 (no edit seen there).
 */
export interface LocalisationMap {
  readonly data: Float32Array | Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** One item's result with a map: the image-level score plus the per-pixel map. */
export interface ScoredItem {
  readonly score: number;
  readonly map?: LocalisationMap;
}

/**
 * One probability-of-fake per item: bare numbers (a typed array or an array), or, from detectors
 * that localise, `{ score, map }` objects (both forms may be mixed in one array).
 */
export type DetectorScores = readonly (number | ScoredItem)[] | Float32Array | Float64Array;

/**
 * Scores with per-item failures (e.g. a worker could not read one file): `null` where an item
 * could not be scored, with the reason at the same index of `errors`. The runner records those
 * rows as errors and keeps the other scores, instead of failing the whole detector.
 */
export interface PartialScores {
  readonly scores: readonly (number | ScoredItem | null)[];
  readonly errors: readonly (string | null)[];
}

/**
 * A directory holding this file is a data-only detector package (`--detector DIR`): the file names
 * the built-in plugin that runs it (plugins/model-package.ts), e.g. a `semibench train probe` output.
 */
export const DETECTOR_PACKAGE_FILE = 'detector.semibench.json';

/** The rows a fitted detector was trained on (see train/overlap.ts). */
export interface TrainedOnRows {
  /** Fingerprint of the training data, as in the detector's model card. */
  readonly fingerprint: string;
  /** Row keys (normalised image_path) of the training rows. */
  readonly keys: readonly string[];
  /** Their source images (image_id). */
  readonly imageIds: readonly string[];
}

export interface DetectorInstance {
  /**
   * Name in outputs when the plugin is a generic runner (onnx: the model; python: the worker), so
   * runs of two models do not both read "onnx". An alias (`--detector NAME=SPEC`) still wins.
   */
  readonly name?: string;
  /** Overrides `meta.input` once options are known (e.g. an ONNX model's sidecar). */
  readonly input?: DetectorInput;
  /**
   * Everything besides name@version that changes the scores (weights hash, options that matter).
   * Hashed into the prediction-store key and recorded in the manifest. Secrets must not appear here.
   */
  readonly identity?: Readonly<Record<string, OptionValue>>;
  /** Override `meta.needsMask` / `meta.needsColumns` once options are known (e.g. a worker's handshake). */
  readonly needsMask?: boolean;
  readonly needsColumns?: readonly string[];
  /** A fitted detector's training rows: scoring it on them is flagged in the run. */
  readonly trainedOnRows?: TrainedOnRows;
  /** One probability-of-fake in [0, 1] per item, in the same order (with an optional map: `ScoredItem`). */
  predict(items: readonly DetectorItem[], signal: AbortSignal): DetectorScores | PartialScores | Promise<DetectorScores | PartialScores>;
  dispose?(): void | Promise<void>;
}

export interface DetectorPlugin<O extends PluginOptions = PluginOptions> {
  kind: 'detector';
  meta: DetectorMeta;
  create(options: O, context: PluginContext): DetectorInstance | Promise<DetectorInstance>;
}

// ---------------------------------------------------------------------------------------------
// Perturbers (label perturbation, generation stage 1)
// ---------------------------------------------------------------------------------------------

export type SemanticMagnitude = 'small' | 'medium' | 'large';

export interface PerturbRequest {
  /** The mask's entity label, raw (underscores kept). */
  readonly label: string;
  /** Requested level, drawn by the harness's seeded RNG. */
  readonly magnitude: SemanticMagnitude;
  readonly imageId: string;
  readonly imagePath: string;
  readonly dataset: string;
  /** Every entity label of the image. */
  readonly entities: readonly string[];
  /** Seed for this request; deterministic plugins must give the same answer for the same seed. */
  readonly seed: number;
}

export interface PerturbResult {
  /** The perturbed label, trimmed; `null` when no acceptable answer was produced. */
  readonly target: string | null;
  /** The magnitude the accepted answer was produced for. */
  readonly magnitude: SemanticMagnitude;
  /** True when the answer should not be used (e.g. it came from the last retry). */
  readonly flagged: boolean;
  readonly attempts: number;
  /** Free-form provenance (e.g. the raw model reply), written to the generation log. */
  readonly detail?: Readonly<Record<string, string | number>>;
}

export interface PerturberInstance {
  readonly identity?: Readonly<Record<string, OptionValue>>;
  perturb(request: PerturbRequest, signal: AbortSignal): Promise<PerturbResult>;
  dispose?(): void | Promise<void>;
}

export interface PerturberPlugin<O extends PluginOptions = PluginOptions> {
  kind: 'perturber';
  meta: PluginMeta;
  create(options: O, context: PluginContext): PerturberInstance | Promise<PerturberInstance>;
}

// ---------------------------------------------------------------------------------------------
// Editors (generation stage 2)
// ---------------------------------------------------------------------------------------------

export interface EditRequest {
  /** Id the edit will be stored under (e.g. `<mask_id>_<DS>_<model>`). */
  readonly editId: string;
  readonly imageId: string;
  readonly dataset: string;
  readonly imagePath: string;
  readonly maskPath: string;
  /** Source image, RGB. */
  readonly image: RasterImage;
  /** Binarised mask (0/255, grey > 127), same size as `image`. */
  readonly mask: RasterImage;
  /** The mask after the original's preparation (dilate 2x9, mode 10, blur 16), for diffusion inpainters. */
  readonly preparedMask: RasterImage;
  readonly originalLabel: string;
  readonly perturbedLabel: string;
  readonly magnitude: SemanticMagnitude;
  readonly seed: number;
  /** Every source image of this generation run (absolute, sorted), for editors that borrow content. */
  readonly sourceImages?: readonly string[];
}

export interface EditResult {
  /** The edited image (any size; change metrics resize it to the source size). */
  readonly image: RasterImage;
  /** Settings actually used (steps, guidance, sampler...), recorded per row. */
  readonly settings?: Readonly<Record<string, string | number | boolean>>;
}

export interface EditorMeta extends PluginMeta {
  /** Value of the `method` column for this editor's outputs, e.g. `inpainting` or `p2p`. */
  method: string;
  /**
   * Whether the edit follows the perturbed label or caption (a generative editor; the default).
   * `false` for classical editors (telea, splice): `generate` then leaves `perturbed_mask_name`
   * and `sem_magnitude` empty for their rows, because the pixels do not reflect them.
   */
  followsText?: boolean;
}

export interface EditorInstance {
  /** Value of the `model` column (e.g. `StableDiffusion_v5`, `telea`). */
  readonly model: string;
  readonly identity?: Readonly<Record<string, OptionValue>>;
  edit(request: EditRequest, signal: AbortSignal): Promise<EditResult>;
  dispose?(): void | Promise<void>;
}

export interface EditorPlugin<O extends PluginOptions = PluginOptions> {
  kind: 'editor';
  meta: EditorMeta;
  create(options: O, context: PluginContext): EditorInstance | Promise<EditorInstance>;
}

// ---------------------------------------------------------------------------------------------
// Metrics (generation stages 3-4: quality checks and change metrics)
// ---------------------------------------------------------------------------------------------

export interface MetricInput {
  /** Source image, RGB. */
  readonly original: RasterImage;
  /** Edited image, RGB, resized to the source size. */
  readonly edited: RasterImage;
  /** Edited image as produced (before resizing), for metrics that use their own preprocessing. */
  readonly editedNative: RasterImage;
  /** Binarised input mask (0/255), when the edit had one. */
  readonly mask?: RasterImage;
  /** Original text: mask label (inpainting) or caption (p2p). */
  readonly originalText: string;
  /** Perturbed text: perturbed label or edited caption. */
  readonly editedText: string;
  readonly method: string;
}

/** Column name -> value; `null` means "not computed" (recorded as empty, never as 0). */
export type MetricValues = Readonly<Record<string, number | string | null>>;

/** One column of a metric binned into magnitude categories (spec §6). */
export interface MetricBinning {
  /** One of the metric's `columns`; binned into `<column>_category` (quintiles) and `<column>_category3` (P25/P75). */
  readonly column: string;
  /** A distance (`higher-is-more-change`) or a similarity (`higher-is-less-change`: its higher bins are smaller changes). */
  readonly direction: 'higher-is-more-change' | 'higher-is-less-change';
  /** Rows whose values set the edges: QC-passed rows of every method (default) or of inpainting only. */
  readonly pool?: 'qc-all-methods' | 'qc-inpainting';
}

export interface MetricMeta extends PluginMeta {
  /** `qc` metrics feed pass_qc; `change` metrics describe the size of the edit. */
  stage: 'qc' | 'change';
  /** Columns this metric writes, in the eval-set schema's names (e.g. `ssim_rgb`). */
  columns: readonly string[];
  /**
   * Columns `generate` bins into magnitude categories. Without it, the columns semibench's
   * catalogue knows as binned (ssim_rgb, lpips_score, ...) are binned, and no others.
   */
  binned?: readonly MetricBinning[];
}

/**
 * A metric's result with a by-product: the binary change mask (0/255, one channel, the source's
 * size) of spec §5.4, which `generate` saves as the eval set's `p2p_masks` for prompt-based edits
 * (they have no input mask) and names in those rows' `mask_path`.
 */
export interface MetricOutput {
  readonly values: MetricValues;
  readonly changeMask?: RasterImage;
}

export interface MetricInstance {
  readonly identity?: Readonly<Record<string, OptionValue>>;
  /** Column values, or `{ values, changeMask }` from a metric that computes the change mask. */
  compute(input: MetricInput, signal: AbortSignal): MetricValues | MetricOutput | Promise<MetricValues | MetricOutput>;
  dispose?(): void | Promise<void>;
}

export interface MetricPlugin<O extends PluginOptions = PluginOptions> {
  kind: 'metric';
  meta: MetricMeta;
  create(options: O, context: PluginContext): MetricInstance | Promise<MetricInstance>;
}

// ---------------------------------------------------------------------------------------------

export type AnyPlugin = DetectorPlugin | EditorPlugin | MetricPlugin | PerturberPlugin;
export type PluginOfKind<K extends PluginKind> = Extract<AnyPlugin, { kind: K }>;

/** Identity helpers: they only give editors type checking, and return their argument. */
export function defineDetector<O extends PluginOptions = PluginOptions>(plugin: DetectorPlugin<O>): DetectorPlugin<O> {
  return plugin;
}
export function defineEditor<O extends PluginOptions = PluginOptions>(plugin: EditorPlugin<O>): EditorPlugin<O> {
  return plugin;
}
export function defineMetric<O extends PluginOptions = PluginOptions>(plugin: MetricPlugin<O>): MetricPlugin<O> {
  return plugin;
}
export function definePerturber<O extends PluginOptions = PluginOptions>(plugin: PerturberPlugin<O>): PerturberPlugin<O> {
  return plugin;
}
