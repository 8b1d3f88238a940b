import type { DetectorInput, ImageTensor, PreprocessStep, RasterImage, TensorSpec } from '../contract.js';
import { type MaskCropDecision } from './geometry.js';
export { pilResize } from './pil-resample.js';
export { centreCrop, centreCropOrigin, cropZeroFill, decideMaskCrop, roundHalfEven } from './geometry.js';
export type { MaskCropDecision, MaskCropParams } from './geometry.js';
export { validateDetectorInput, validatePreprocessSpec, validateTensorSpec } from './validate.js';
/** ImageNet statistics (torchvision models, CNNSpot, the paper's as-run pipeline). */
export declare const IMAGENET_MEAN: readonly [0.485, 0.456, 0.406];
export declare const IMAGENET_STD: readonly [0.229, 0.224, 0.225];
/** OpenAI CLIP statistics (UnivFD and DE-FAKE as published). */
export declare const CLIP_MEAN: readonly [0.48145466, 0.4578275, 0.40821073];
export declare const CLIP_STD: readonly [0.26862954, 0.26130258, 0.27577711];
export declare const MASK_CROP_DEFAULTS: {
    readonly tries: 51;
    readonly minMaskFraction: 0.7;
};
export interface PreparedInput {
    pixels?: RasterImage;
    tensor?: ImageTensor;
    /** Binary mask (0/255, one channel) aligned with `pixels`/`tensor`, when a mask path was given. */
    mask?: RasterImage;
}
export interface PrepareOptions {
    /** Run seed; the mask-crop search draws from deriveSeed(seed, 'mask-crop:' + key). */
    seed: number;
    /** The row key (normalised image_path). */
    key: string;
    /** Mask of the row, when the detector needs it or the steps contain a mask-crop. */
    maskPath?: string;
    limitInputPixels?: number;
}
/** True when executing this input reads the row's mask (a mask-crop step), so the runner must pass `maskPath`. */
export declare function inputUsesMask(input: DetectorInput): boolean;
/** Output size of a resize step for a given input size. */
export declare function resizeTarget(step: Extract<PreprocessStep, {
    op: 'resize';
}>, height: number, width: number): [number, number];
/** PIL's GaussianBlur on grey or RGB (Pillow blurs each band independently with the same arithmetic). */
export declare function pilGaussianBlurAny(image: RasterImage, radius: number): RasterImage;
/**
 * Apply the steps to decoded pixels (and a grey mask of the same image, if any). Exposed for
 * callers that already hold pixels; `prepareInput` decodes and calls it.
 */
export declare function runSteps(image: RasterImage, steps: readonly PreprocessStep[], options: {
    seed: number;
    key: string;
    mask?: RasterImage;
}): Promise<{
    pixels: RasterImage;
    mask?: RasterImage;
    decisions: MaskCropDecision[];
}>;
/**
 * Pixels (HWC uint8) to a float tensor, in torch's float32 arithmetic: ToTensor (v / 255), the
 * affine map to `range`, Normalize ((x - mean) / std), the optional parity clamp to [0, 1].
 */
export declare function toTensor(image: RasterImage, spec: TensorSpec): ImageTensor;
/**
 * Decode an image (and its mask) and execute the declared input. `kind: 'path'` needs nothing.
 * A row without a mask takes the mask-crop's no-mask path (centre crop), as in the paper.
 */
export declare function prepareInput(imagePath: string, input: DetectorInput, options: PrepareOptions): Promise<PreparedInput>;
/** One stable line per declared input, defaults spelled out, for manifests and `zoo show`. */
export declare function describeInput(input: DetectorInput): string;
//# sourceMappingURL=index.d.ts.map