/**
 * The reference pipeline's inpainting-mask preparation (spec §3.3), as PIL computes it on the
 * greyscale mask: MaxFilter(9) twice, ModeFilter(10), GaussianBlur(16). Each filter reproduces
 * Pillow's integer arithmetic (edge handling, tie rules, the 3-pass extended box blur that stands
 * in for a Gaussian, rounding to 8 bits after every pass), so the prepared mask equals PIL's
 * byte for byte (checked by test/generate/mask-prep.test.ts against Pillow 9.4 outputs in
 * `fixtures/semi-truths-sample/reference/mask-prep/`, made by the script there).
 */
import type { RasterImage } from '../contract.js';
import { decodeRgb, pilGrey, type DecodeOptions } from '../util/images.js';

function requireGrey(image: RasterImage, what: string): void {
  if (image.channels !== 1) throw new Error(`${what} expects a one-channel (grey) image, got ${image.channels} channels`);
  if (image.data.length !== image.width * image.height) throw new Error(`${what}: data length ${image.data.length} does not match ${image.width}x${image.height}`);
}

/**
 * Read a mask file the way the reference does (`Image.open(p).convert('L')`): decoded to RGB, then
 * PIL's integer grey formula, so RGB masks (HumanParsing, CelebAHQ) get PIL's grey levels.
 */
export async function decodeMaskGrey(input: string | Buffer, options: DecodeOptions = {}): Promise<RasterImage> {
  return pilGrey(await decodeRgb(input, options));
}

/**
 * PIL ImageFilter.MaxFilter(size): the maximum over a size x size window, with the image border
 * extended by repeating edge pixels (PIL expands the image before rank filtering). The maximum is
 * separable, so it runs as a row pass and a column pass.
 */
export function maxFilter(image: RasterImage, size: number): RasterImage {
  requireGrey(image, 'maxFilter');
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) throw new RangeError(`maxFilter size must be an odd positive integer, got ${size}`);
  const { width: w, height: h } = image;
  const r = (size - 1) / 2;
  const tmp = new Uint8Array(w * h);
  const out = new Uint8Array(w * h);
  const src = image.data;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let m = 0;
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w - 1, x + r);
      for (let k = x0; k <= x1; k++) {
        const v = src[row + k] as number;
        if (v > m) m = v;
      }
      tmp[row + x] = m;
    }
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      let m = 0;
      const y0 = Math.max(0, y - r);
      const y1 = Math.min(h - 1, y + r);
      for (let k = y0; k <= y1; k++) {
        const v = tmp[k * w + x] as number;
        if (v > m) m = v;
      }
      out[y * w + x] = m;
    }
  }
  return { data: out, width: w, height: h, channels: 1 };
}

/**
 * PIL ImageFilter.ModeFilter(size): PIL halves the size with integer division, so the window is
 * (2*floor(size/2)+1) square, clipped at the border (no padding). The most frequent value wins,
 * ties go to the lower value, and a pixel keeps its own value when the winner occurs <= 2 times.
 */
export function modeFilter(image: RasterImage, size: number): RasterImage {
  requireGrey(image, 'modeFilter');
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`modeFilter size must be a positive integer, got ${size}`);
  const { width: w, height: h } = image;
  const r = Math.floor(size / 2);
  const src = image.data;
  const out = new Uint8Array(w * h);
  const hist = new Int32Array(256);
  // Grey values with a non-zero count, kept as an unordered list (swap-remove) so finding the mode
  // scans only the few values present (2 for binary masks) instead of all 256.
  const present = new Int32Array(256);
  const where = new Int32Array(256).fill(-1);
  let nPresent = 0;
  const add = (v: number): void => {
    if (hist[v]!++ === 0) {
      where[v] = nPresent;
      present[nPresent++] = v;
    }
  };
  const remove = (v: number): void => {
    if (--hist[v]! === 0) {
      const at = where[v] as number;
      const last = present[--nPresent] as number;
      present[at] = last;
      where[last] = at;
      where[v] = -1;
    }
  };
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h - 1, y + r);
    for (let i = 0; i < nPresent; i++) {
      const v = present[i] as number;
      hist[v] = 0;
      where[v] = -1;
    }
    nPresent = 0;
    // Window for x = 0 covers columns 0..r; then slide one column at a time.
    for (let yy = y0; yy <= y1; yy++) for (let xx = 0; xx <= Math.min(w - 1, r); xx++) add(src[yy * w + xx] as number);
    for (let x = 0; x < w; x++) {
      if (x > 0) {
        const incoming = x + r;
        const outgoing = x - r - 1;
        if (incoming < w) for (let yy = y0; yy <= y1; yy++) add(src[yy * w + incoming] as number);
        if (outgoing >= 0) for (let yy = y0; yy <= y1; yy++) remove(src[yy * w + outgoing] as number);
      }
      // Most frequent value; ties go to the lower value (PIL scans 0..255 with a strict >).
      let best = 256;
      let count = 0;
      for (let i = 0; i < nPresent; i++) {
        const v = present[i] as number;
        const c = hist[v] as number;
        if (c > count || (c === count && v < best)) {
          count = c;
          best = v;
        }
      }
      out[y * w + x] = count > 2 ? best : (src[y * w + x] as number);
    }
  }
  return { data: out, width: w, height: h, channels: 1 };
}

const f32 = Math.fround;

/**
 * Pillow's `_gaussian_blur_radius`: the extended-box radius whose `passes` box blurs have the
 * variance of a Gaussian of this radius (Gwosdek et al. 2011), computed in C float arithmetic.
 */
export function pilExtendedBoxRadius(radius: number, passes = 3): number {
  const sigma2 = f32(f32(f32(radius) * f32(radius)) / passes);
  const L = f32(Math.sqrt(12.0 * sigma2 + 1.0));
  const l = f32(Math.floor((L - 1.0) / 2.0));
  let a = f32(f32(f32(2 * l) + 1) * f32(f32(l * f32(l + 1)) - f32(3 * sigma2)));
  a = f32(a / f32(6 * f32(sigma2 - f32(f32(l + 1) * f32(l + 1)))));
  return f32(l + a);
}

/** One horizontal pass of Pillow's extended box blur over every row, 8-bit output. */
function boxBlurRows(src: Uint8Array, dst: Uint8Array, w: number, h: number, floatRadius: number): void {
  const radius = Math.trunc(floatRadius);
  // C: (UINT32)(1 << 24) / (floatRadius * 2 + 1) is float division truncated to an integer.
  const ww = Math.trunc(f32(16777216 / f32(f32(floatRadius * 2) + 1)));
  const fw = Math.trunc((16777216 - (radius * 2 + 1) * ww) / 2);
  const edgeA = Math.min(radius + 1, w);
  const edgeB = Math.max(w - radius - 1, 0);
  const lastx = w - 1;
  const line = new Uint8Array(w);
  // bulk < 2^32 and the rounding is (bulk + 2^23) >> 24 in unsigned C arithmetic; dividing keeps
  // it exact in doubles without relying on 32-bit shifts of values above 2^31.
  const ONE = 16777216;
  const HALF = 8388608;
  for (let y = 0; y < h; y++) {
    const off = y * w;
    line.set(src.subarray(off, off + w));
    const first = line[0] as number;
    const lastv = line[lastx] as number;
    let acc = first * (radius + 1);
    for (let x = 0; x < edgeA - 1; x++) acc += line[x] as number;
    acc += lastv * (radius - edgeA + 1);
    if (edgeA <= edgeB) {
      for (let x = 0; x < edgeA; x++) {
        acc += (line[x + radius] as number) - first;
        dst[off + x] = Math.floor((acc * ww + (first + (line[x + radius + 1] as number)) * fw + HALF) / ONE);
      }
      for (let x = edgeA; x < edgeB; x++) {
        const left = line[x - radius - 1] as number;
        acc += (line[x + radius] as number) - left;
        dst[off + x] = Math.floor((acc * ww + (left + (line[x + radius + 1] as number)) * fw + HALF) / ONE);
      }
      for (let x = edgeB; x <= lastx; x++) {
        const left = line[x - radius - 1] as number;
        acc += lastv - left;
        dst[off + x] = Math.floor((acc * ww + (left + lastv) * fw + HALF) / ONE);
      }
    } else {
      for (let x = 0; x < edgeB; x++) {
        acc += (line[x + radius] as number) - first;
        dst[off + x] = Math.floor((acc * ww + (first + (line[x + radius + 1] as number)) * fw + HALF) / ONE);
      }
      for (let x = edgeB; x < edgeA; x++) {
        acc += lastv - first;
        dst[off + x] = Math.floor((acc * ww + (first + lastv) * fw + HALF) / ONE);
      }
      for (let x = edgeA; x <= lastx; x++) {
        const left = line[x - radius - 1] as number;
        acc += lastv - left;
        dst[off + x] = Math.floor((acc * ww + (left + lastv) * fw + HALF) / ONE);
      }
    }
  }
}

function transpose(src: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[x * h + y] = src[y * w + x] as number;
  return out;
}

/**
 * PIL ImageFilter.GaussianBlur(radius): three passes of an extended box blur per direction (rows
 * first, then columns), each pass rounded to 8 bits, as Pillow does it. Not an exact Gaussian.
 */
export function pilGaussianBlur(image: RasterImage, radius: number, passes = 3): RasterImage {
  requireGrey(image, 'pilGaussianBlur');
  if (!(radius >= 0)) throw new RangeError(`blur radius must be >= 0, got ${radius}`);
  const { width: w, height: h } = image;
  if (radius === 0) return { data: Uint8Array.from(image.data), width: w, height: h, channels: 1 };
  const boxRadius = pilExtendedBoxRadius(radius, passes);
  let a: Uint8Array = Uint8Array.from(image.data);
  for (let i = 0; i < passes; i++) boxBlurRows(a, a, w, h, boxRadius);
  let t = transpose(a, w, h);
  for (let i = 0; i < passes; i++) boxBlurRows(t, t, h, w, boxRadius);
  a = transpose(t, h, w);
  return { data: a, width: w, height: h, channels: 1 };
}

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
export function prepareInpaintMask(mask: RasterImage, options: MaskPrepOptions = {}): RasterImage {
  let m = pilGrey(mask);
  const size = options.dilateSize ?? 9;
  const times = options.dilateTimes ?? 2;
  for (let i = 0; i < times; i++) m = maxFilter(m, size);
  const mode = options.modeSize ?? 10;
  if (mode > 0) m = modeFilter(m, mode);
  const blur = options.blurRadius ?? 16;
  if (blur > 0) m = pilGaussianBlur(m, blur);
  return m;
}
