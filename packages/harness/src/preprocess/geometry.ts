/**
 * Crops on 8-bit rasters, with torchvision's conventions, and the paper's mask-aware crop search.
 */
import type { RasterImage } from '../contract.js';
import type { Rng } from '../util/rng.js';
import { cropZeroFill } from '../imaging/crop.js';

/** Python 3's round(): halves go to the even neighbour (torchvision's CenterCrop uses it). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export { cropZeroFill } from '../imaging/crop.js';

/**
 * Top-left corner of torchvision's CenterCrop: round((H - h) / 2) when the crop fits; when it
 * does not, torchvision zero-pads by floor((h - H) / 2) first, which puts the corner at minus that.
 */
export function centreCropOrigin(srcHeight: number, srcWidth: number, height: number, width: number): { top: number; left: number } {
  const top = height > srcHeight ? -Math.floor((height - srcHeight) / 2) : roundHalfEven((srcHeight - height) / 2);
  const left = width > srcWidth ? -Math.floor((width - srcWidth) / 2) : roundHalfEven((srcWidth - width) / 2);
  return { top, left };
}

export function centreCrop(src: RasterImage, height: number, width: number): RasterImage {
  const { top, left } = centreCropOrigin(src.height, src.width, height, width);
  return cropZeroFill(src, top, left, height, width);
}

export interface MaskCropParams {
  size: number;
  /** Random candidates tried after the centre candidate before the best one is taken. */
  tries: number;
  minMaskFraction: number;
  /** As-run behaviour (spec §7.1): give up on the first candidate without mask, crop the image at top-left = centre. */
  parity: boolean;
}

/** Where a mask-aware crop lands, decided from the mask alone (so it can be decided before the image is touched). */
export type MaskCropDecision =
  | {
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
    }
  | { kind: 'fallback'; reason: 'no-mask' | 'mask-outside-candidate' | 'empty-mask' };

function maskAreaIn(mask: RasterImage, top: number, left: number, size: number): number {
  let n = 0;
  const y1 = Math.min(mask.height, top + size);
  const x1 = Math.min(mask.width, left + size);
  for (let y = Math.max(0, top); y < y1; y++) {
    const row = y * mask.width;
    for (let x = Math.max(0, left); x < x1; x++) if ((mask.data[row + x] as number) > 0) n++;
  }
  return n;
}

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
export function decideMaskCrop(mask: RasterImage | undefined, params: MaskCropParams, rng: Rng): MaskCropDecision {
  if (!mask) return { kind: 'fallback', reason: 'no-mask' };
  const { size, tries, minMaskFraction, parity } = params;
  const half = Math.floor(size / 2);
  const total = maskAreaIn(mask, 0, 0, Math.max(mask.width, mask.height));
  if (total === 0 && !parity) return { kind: 'fallback', reason: 'empty-mask' };
  let centre = { r: Math.floor(mask.height / 2), c: Math.floor(mask.width / 2) };
  let best = { r: centre.r, c: centre.c, fraction: -1 };
  const span = (n: number): number => Math.max(0, n - 2 * half) + 1;
  for (let candidate = 0; ; candidate++) {
    const area = maskAreaIn(mask, centre.r - half, centre.c - half, size);
    if (area === 0 && parity) return { kind: 'fallback', reason: total === 0 ? 'empty-mask' : 'mask-outside-candidate' };
    const fraction = total === 0 ? 0 : area / total;
    if (fraction > best.fraction) best = { ...centre, fraction };
    if (fraction >= minMaskFraction || (parity && fraction === 0)) {
      return { kind: 'box', top: centre.r - half, left: centre.c - half, centreRow: centre.r, centreCol: centre.c, fraction, candidates: candidate + 1 };
    }
    if (candidate >= tries) {
      if (best.fraction <= 0) return { kind: 'fallback', reason: 'mask-outside-candidate' };
      return { kind: 'box', top: best.r - half, left: best.c - half, centreRow: best.r, centreCol: best.c, fraction: best.fraction, candidates: candidate + 1 };
    }
    const r = half + rng.int(span(mask.height));
    const c = half + rng.int(span(mask.width));
    centre = { r, c };
  }
}
