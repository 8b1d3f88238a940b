import { CLIP_MEAN, CLIP_STD, type RasterImage } from '@semibench/harness/plugin';
import { resizePilBicubic } from '../pixel/resize.js';

/**
 * Hugging Face's `center_crop`: top = (h − size) // 2, left = (w − size) // 2 (floor). torchvision's CenterCrop
 * (the harness's `centreCrop`) rounds half to even instead, which differs by a pixel for odd margins.
 */
function centerCrop(image: RasterImage, size: number): RasterImage {
  const top = Math.floor((image.height - size) / 2);
  const left = Math.floor((image.width - size) / 2);
  if (top < 0 || left < 0) throw new Error(`centre crop ${size} is larger than the ${image.width}x${image.height} image`);
  const C = image.channels;
  const out = new Uint8Array(size * size * C);
  for (let y = 0; y < size; y++) {
    const from = ((top + y) * image.width + left) * C;
    out.set(image.data.subarray(from, from + size * C), y * size * C);
  }
  return { data: out, width: size, height: size, channels: image.channels };
}

/**
 * Hugging Face `CLIPImageProcessor` defaults (spec §4): shortest edge to `size` with PIL bicubic (the long edge
 * becomes int(size·long/short)), centre crop, ×1/255 in float64 then float32, (x − mean)/std in float32. CHW.
 */
export function clipPixelValues(image: RasterImage, size = 224, mean: readonly number[] = CLIP_MEAN, std: readonly number[] = CLIP_STD): Float32Array {
  if (image.channels !== 3) throw new Error('CLIP preprocessing expects an RGB image');
  const { width: w, height: h } = image;
  const short = Math.min(w, h);
  const long = Math.max(w, h);
  const newLong = Math.trunc((size * long) / short);
  const resized = w <= h ? resizePilBicubic(image, size, newLong) : resizePilBicubic(image, newLong, size);
  const cropped = centerCrop(resized, size);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  const inv255 = 1 / 255;
  for (let c = 0; c < 3; c++) {
    const m = Math.fround(mean[c]!);
    const s = Math.fround(std[c]!);
    for (let i = 0; i < plane; i++) {
      const x = Math.fround(cropped.data[i * 3 + c]! * inv255);
      out[c * plane + i] = Math.fround(Math.fround(x - m) / s);
    }
  }
  return out;
}

/** torchvision `Resize((size, size), BICUBIC)` on a PIL image + `ToTensor()` (DreamSim's preprocessing): CHW in [0, 1]. */
export function squareUnitPixels(image: RasterImage, size = 224): Float32Array {
  const resized = resizePilBicubic(image, size, size);
  return toChw(resized, (v) => v / 255);
}

/**
 * LPIPS input in [−1, 1], CHW at full resolution. `minmax` is the Semi-Truths quirk (spec §5.6): each image is
 * scaled over all its pixels and channels, x' = −1 + 2(x − min)/max(max − min, 1e−6); `fixed` maps [0, 255] linearly.
 */
export function lpipsPixels(image: RasterImage, mode: 'minmax' | 'fixed'): Float32Array {
  if (mode === 'fixed') return toChw(image, (v) => (v / 255) * 2 - 1);
  let lo = 255, hi = 0;
  for (const v of image.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // The reference scales the [0, 1] float tensor (ToTensor), so the 1e-6 floor applies on that scale.
  const min = lo / 255;
  const range = Math.max(hi / 255 - min, 1e-6);
  return toChw(image, (v) => -1 + (2 * (v / 255 - min)) / range);
}

function toChw(image: RasterImage, f: (v: number) => number): Float32Array {
  const C = image.channels;
  const plane = image.width * image.height;
  const out = new Float32Array(C * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < C; c++) out[c * plane + i] = f(image.data[i * C + c]!);
  return out;
}
