/**
 * Crops on 8-bit rasters, with torchvision's conventions, and the paper's mask-aware crop search.
 */
import type { RasterImage } from '../contract.js';
import type { Rng } from '../util/rng.js';
/** Python 3's round(): halves go to the even neighbour (torchvision's CenterCrop uses it). */
export declare function roundHalfEven(x: number): number;
/** Copy a height x width window whose top-left is (top, left); pixels outside the source are 0. */
export declare function cropZeroFill(src: RasterImage, top: number, left: number, height: number, width: number): RasterImage;
/**
 * Top-left corner of torchvision's CenterCrop: round((H - h) / 2) when the crop fits; when it
 * does not, torchvision zero-pads by floor((h - H) / 2) first, which puts the corner at minus that.
 */
export declare function centreCropOrigin(srcHeight: number, srcWidth: number, height: number, width: number): {
    top: number;
    left: number;
};
export declare function centreCrop(src: RasterImage, height: number, width: number): RasterImage;
export interface MaskCropParams {
    size: number;
    /** Random candidates tried after the centre candidate before the best one is taken. */
    tries: number;
    minMaskFraction: number;
    /** As-run behaviour (spec §7.1): give up on the first candidate without mask, crop the image at top-left = centre. */
    parity: boolean;
}
/** Where a mask-aware crop lands, decided from the mask alone (so it can be decided before the image is touched). */
export type MaskCropDecision = {
    kind: 'box';
    /** Accepted candidate's top-left corner (= centre - floor(size / 2)) and centre. */
    top: number;
    left: number;
    centreRow: number;
    centreCol: number;
    /** Fraction of the mask area inside the accepted candidate. */
    fraction: number;
    /** Candidates evaluated, the centre one included. */
    candidates: number;
} | {
    kind: 'fallback';
    reason: 'no-mask' | 'mask-outside-candidate' | 'empty-mask';
};
/**
 * The paper's mask-aware crop search (spec §7.1), on a one-channel mask already resized like the
 * image. Mask presence is "any pixel > 0" and mask area "count of pixels > 0" (the reference's
 * helpers are not public; this is the natural reading). Candidates are size x size windows cut at
 * top-left = centre - floor(size / 2): first the centre candidate (centre = (floor(H/2), floor(W/2))),
 * then centres drawn uniformly (row, then column) from [half, H - half] x [half, W - half].
 *
 * Parity mode reproduces the as-run control flow: a candidate without any mask pixel ends the
 * search with the no-mask fallback; r = 0 or r >= minMaskFraction accepts the current centre;
 * after `tries` random candidates the best centre wins; the image crop then uses the accepted
 * centre as its top-left corner (the bug), which the caller applies.
 * Default mode fixes that: a candidate without mask just scores r = 0 and the search goes on, and
 * image and mask are cut with the same box. If no candidate holds any mask pixel, it falls back.
 */
export declare function decideMaskCrop(mask: RasterImage | undefined, params: MaskCropParams, rng: Rng): MaskCropDecision;
//# sourceMappingURL=geometry.d.ts.map