/**
 * The reference pipeline's inpainting-mask preparation (spec §3.3), as PIL computes it on the
 * greyscale mask: MaxFilter(9) twice, ModeFilter(10), GaussianBlur(16). Each filter reproduces
 * Pillow's integer arithmetic (edge handling, tie rules, the 3-pass extended box blur that stands
 * in for a Gaussian, rounding to 8 bits after every pass), so the prepared mask equals PIL's
 * byte for byte (checked by test/mask-prep.test.ts against Pillow 9.4 outputs in
 * `fixtures/semi-truths-sample/reference/mask-prep/`, made by the script there).
 */
import type { RasterImage } from '../contract.js';
import { type DecodeOptions } from '../util/images.js';
/**
 * Read a mask file the way the reference does (`Image.open(p).convert('L')`): decoded to RGB, then
 * PIL's integer grey formula, so RGB masks (HumanParsing, CelebAHQ) get PIL's grey levels.
 */
export declare function decodeMaskGrey(input: string | Buffer, options?: DecodeOptions): Promise<RasterImage>;
/**
 * PIL ImageFilter.MaxFilter(size): the maximum over a size x size window, with the image border
 * extended by repeating edge pixels (PIL expands the image before rank filtering). The maximum is
 * separable, so it runs as a row pass and a column pass.
 */
export declare function maxFilter(image: RasterImage, size: number): RasterImage;
/**
 * PIL ImageFilter.ModeFilter(size): PIL halves the size with integer division, so the window is
 * (2*floor(size/2)+1) square, clipped at the border (no padding). The most frequent value wins,
 * ties go to the lower value, and a pixel keeps its own value when the winner occurs <= 2 times.
 */
export declare function modeFilter(image: RasterImage, size: number): RasterImage;
/**
 * Pillow's `_gaussian_blur_radius`: the extended-box radius whose `passes` box blurs have the
 * variance of a Gaussian of this radius (Gwosdek et al. 2011), computed in C float arithmetic.
 */
export declare function pilExtendedBoxRadius(radius: number, passes?: number): number;
/**
 * PIL ImageFilter.GaussianBlur(radius): three passes of an extended box blur per direction (rows
 * first, then columns), each pass rounded to 8 bits, as Pillow does it. Not an exact Gaussian.
 */
export declare function pilGaussianBlur(image: RasterImage, radius: number, passes?: number): RasterImage;
export interface MaskPrepOptions {
    /** MaxFilter size (default 9) and how many times it runs (default 2): 8 px of dilation. */
    dilateSize?: number;
    dilateTimes?: number;
    /** ModeFilter size (default 10, an 11x11 window). 0 skips it. */
    modeSize?: number;
    /** GaussianBlur radius (default 16). 0 skips it. */
    blurRadius?: number;
}
/**
 * The original's mask preparation for diffusion inpainting, on the greyscale mask as read
 * (not binarised: the reference filters the raw grey levels; RGB masks go through PIL's L).
 */
export declare function prepareInpaintMask(mask: RasterImage, options?: MaskPrepOptions): RasterImage;
//# sourceMappingURL=mask-prep.d.ts.map