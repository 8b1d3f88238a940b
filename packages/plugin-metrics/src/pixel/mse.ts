import type { RasterImage } from '@semibench/harness/plugin';
import { assertSameShape } from './raster.js';

/**
 * Per-pixel sum over channels of the squared difference, as exact integers (at most 3 * 255^2).
 * Everything in the MSE family derives from this one pass.
 */
export function squaredDifferenceSums(a: RasterImage, b: RasterImage): Uint32Array {
  assertSameShape(a, b, 'squaredDifferenceSums');
  const n = a.width * a.height;
  const out = new Uint32Array(n);
  const da = a.data;
  const db = b.data;
  if (a.channels === 3) {
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      const d0 = da[j]! - db[j]!;
      const d1 = da[j + 1]! - db[j + 1]!;
      const d2 = da[j + 2]! - db[j + 2]!;
      out[i] = d0 * d0 + d1 * d1 + d2 * d2;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = da[i]! - db[i]!;
      out[i] = d * d;
    }
  }
  return out;
}

/**
 * The reference's MSE map (spec §5.3): m(x,y) = Σ_c (R_c − F_c)² / (255²·C), in float32 like the reference
 * (it works on float32 arrays), values in [0, 1].
 */
export function mseMap(a: RasterImage, b: RasterImage): Float32Array {
  const sums = squaredDifferenceSums(a, b);
  const divisor = 255 * 255 * a.channels;
  const out = new Float32Array(sums.length);
  for (let i = 0; i < sums.length; i++) out[i] = sums[i]! / divisor;
  return out;
}

function total(sums: Uint32Array): number {
  // Integers: exact as long as the total stays below 2^53 (about 1.4e11 pixels at the maximum difference).
  let s = 0;
  for (let i = 0; i < sums.length; i++) s += sums[i]!;
  return s;
}

/** `mse` / `mse_rgb` / `mse_gray`: mean of the MSE map, computed exactly from integer sums. */
export function meanSquaredError(a: RasterImage, b: RasterImage, sums = squaredDifferenceSums(a, b)): number {
  return total(sums) / (255 * 255 * a.channels * sums.length);
}

/**
 * PSNR as scikit-image's `peak_signal_noise_ratio(a, b, data_range=255)`: 10·log10(255² / mean((a−b)²)) over
 * all channel values. Identical images give +Infinity, as in scikit-image.
 */
export function psnr(a: RasterImage, b: RasterImage, sums = squaredDifferenceSums(a, b)): number {
  const mse = total(sums) / (a.channels * sums.length);
  return 10 * Math.log10((255 * 255) / mse);
}

/**
 * Smallest integer channel-sum s for which the reference's float32 test `s / (255²·C) > threshold` holds.
 * The reference divides a float32 array by an integer (float32 result) and compares it with a Python float,
 * which numpy casts to float32; emulating that once here lets the hot loop compare integers.
 */
export function changeThresholdSum(channels: number, threshold: number): number {
  const divisor = Math.fround(255 * 255 * channels);
  const t = Math.fround(threshold);
  const exceeds = (s: number): boolean => Math.fround(Math.fround(s) / divisor) > t;
  let s = Math.max(0, Math.floor(threshold * 255 * 255 * channels) - 2);
  while (!exceeds(s)) s++;
  return s;
}

/** Binary change map B = m > threshold (spec §5.3, threshold 0.1), as 0/1 bytes. */
export function changeMap(sums: Uint32Array, channels: number, threshold = 0.1): Uint8Array {
  const minSum = changeThresholdSum(channels, threshold);
  const out = new Uint8Array(sums.length);
  for (let i = 0; i < sums.length; i++) out[i] = sums[i]! >= minSum ? 1 : 0;
  return out;
}
