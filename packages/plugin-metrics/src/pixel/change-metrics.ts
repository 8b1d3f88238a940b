import type { RasterImage } from '@semibench/harness/plugin';
import { meanSquaredError, psnr, squaredDifferenceSums } from './mse.js';
import { ssim } from './ssim.js';
import { postEditRatio, type PostEditOptions, type PostEditResult } from './post-edit.js';
import { pilGrey } from './raster.js';

export interface PixelChange {
  mse: number;
  ssim: number;
  psnr: number;
  postEdit: PostEditResult;
}

/** MSE, SSIM, PSNR and the post-edit components of one same-size pair, sharing the squared-difference pass. */
export function pixelChange(original: RasterImage, edited: RasterImage, options: PostEditOptions = {}): PixelChange {
  const sums = squaredDifferenceSums(original, edited);
  return {
    mse: meanSquaredError(original, edited, sums),
    ssim: ssim(original, edited),
    psnr: psnr(original, edited, sums),
    postEdit: postEditRatio(original, edited, options, sums),
  };
}

/** The same on PIL's greyscale conversion of both images (the `*_gray` columns). */
export function pixelChangeGrey(original: RasterImage, edited: RasterImage, options: PostEditOptions = {}): PixelChange {
  return pixelChange(pilGrey(original), pilGrey(edited), options);
}
