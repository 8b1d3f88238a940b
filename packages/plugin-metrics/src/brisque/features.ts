/**
 * BRISQUE features exactly as the Python package `brisque` 0.0.16 computes them (see brisque.md). Every step that
 * decides the sign of a near-zero MSCN coefficient is bit-exact: FMA grey, the shipped Gaussian window, scipy's
 * convolution accumulation order and OpenCV's resize order. The moment sums and Γ only need ~1e-14.
 */
import type { RasterImage } from '@semibench/harness/plugin';
import { fma } from './fma.js';

/** Γ and ln Γ, injected so that mathjs (slow to import) loads once, lazily. */
export interface GammaFunctions {
  gamma(x: number): number;
  lgamma(x: number): number;
}

export interface GreyImage {
  readonly data: Float64Array;
  readonly width: number;
  readonly height: number;
}

// The double nearest 1/255: scikit-image's img_as_float64 multiplies by it (it does not divide by 255).
const INV255 = 1 / 255;

/**
 * scikit-image `rgb2gray` as computed through OpenBLAS's FMA kernel (brisque.md §2):
 * Y = fma(B', 0.0721, fma(R', 0.2125, G'·0.7154)) with X' = X·(1/255).
 */
export function brisqueGrey(image: RasterImage): GreyImage {
  if (image.channels !== 3) throw new Error('BRISQUE needs an RGB image (brisque 0.0.16 rejects grey arrays in rgb2gray)');
  const n = image.width * image.height;
  const out = new Float64Array(n);
  const src = image.data;
  // The inner fma only sees 256×256 distinct (R, G) pairs: memoise it.
  const inner = new Float64Array(65536).fill(Number.NaN);
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const r = src[j]!;
    const g = src[j + 1]!;
    const key = (r << 8) | g;
    let v = inner[key]!;
    if (Number.isNaN(v)) {
      v = fma(r * INV255, 0.2125, g * INV255 * 0.7154);
      inner[key] = v;
    }
    out[i] = fma(src[j + 2]! * INV255, 0.0721, v);
  }
  return { data: out, width: image.width, height: image.height };
}

/**
 * scipy `signal.convolve2d(Y, w, mode='same')` with zero fill, for a 7×7 window, accumulating each output in
 * scipy's order: window row j = 0…6 outer, column k = 0…6 inner, term w[j][k]·Y[m+3−j][n+3−k].
 */
export function convolveSame7(img: GreyImage, w: Float64Array): Float64Array {
  const { width: W, height: H, data: Y } = img;
  const out = new Float64Array(W * H);
  for (let m = 0; m < H; m++) {
    const jLo = Math.max(0, m + 3 - (H - 1));
    const jHi = Math.min(6, m + 3);
    for (let n = 0; n < W; n++) {
      const kLo = Math.max(0, n + 3 - (W - 1));
      const kHi = Math.min(6, n + 3);
      let acc = 0.0;
      // Terms outside the image are zeros; skipping them leaves the sum bit-identical.
      for (let j = jLo; j <= jHi; j++) {
        const row = (m + 3 - j) * W + n + 3;
        const wRow = j * 7;
        for (let k = kLo; k <= kHi; k++) acc += w[wRow + k]! * Y[row - k]!;
      }
      out[m * W + n] = acc;
    }
  }
  return out;
}

const MSCN_C = 1 / 255;

/** MSCN coefficients M = (Y − μ) / (√|μ² − conv(Y²)| + 1/255), nothing cropped (brisque.md §3). */
export function mscn(img: GreyImage, window: Float64Array): Float64Array {
  const mu = convolveSame7(img, window);
  const sq = new Float64Array(img.data.length);
  for (let i = 0; i < sq.length; i++) sq[i] = img.data[i]! * img.data[i]!;
  const sqConv = convolveSame7({ data: sq, width: img.width, height: img.height }, window);
  const out = new Float64Array(sq.length);
  for (let i = 0; i < out.length; i++) {
    const m = mu[i]!;
    const s = Math.sqrt(Math.abs(m * m - sqConv[i]!));
    out[i] = (img.data[i]! - m) / (s + MSCN_C);
  }
  return out;
}

/** Output length of OpenCV's resize at fx = 0.5: cvRound(n·0.5), i.e. round half to even. */
export function halfSize(n: number): number {
  const h = n * 0.5;
  const f = Math.floor(h);
  const d = h - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

const TAPS = [-0.09375, 0.59375, 0.59375, -0.09375] as const;

/**
 * `cv2.resize(Y, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_CUBIC)` on a float64 image (brisque.md §5):
 * output d samples source 2d+0.5 with taps 2d−1…2d+2 (clamped) and weights −3/32, 19/32, 19/32, −3/32;
 * horizontal pass first, then vertical, each summed left to right.
 */
export function opencvHalfCubic(img: GreyImage): GreyImage {
  const { width: W, height: H, data: S } = img;
  const ow = halfSize(W);
  const oh = halfSize(H);
  if (ow < 1 || oh < 1) throw new Error(`BRISQUE: image ${W}x${H} is too small to downscale (OpenCV raises an assertion)`);
  const [w0, w1, w2, w3] = TAPS;
  const clampIdx = (i: number, n: number): number => (i < 0 ? 0 : i >= n ? n - 1 : i);
  const xi = new Int32Array(ow * 4);
  for (let d = 0; d < ow; d++) for (let t = 0; t < 4; t++) xi[d * 4 + t] = clampIdx(2 * d - 1 + t, W);
  const horiz = new Float64Array(ow * H);
  for (let y = 0; y < H; y++) {
    const row = y * W;
    for (let d = 0; d < ow; d++) {
      const b = d * 4;
      horiz[y * ow + d] = ((S[row + xi[b]!]! * w0 + S[row + xi[b + 1]!]! * w1) + S[row + xi[b + 2]!]! * w2) + S[row + xi[b + 3]!]! * w3;
    }
  }
  const out = new Float64Array(ow * oh);
  for (let d = 0; d < oh; d++) {
    const r0 = clampIdx(2 * d - 1, H) * ow;
    const r1 = clampIdx(2 * d, H) * ow;
    const r2 = clampIdx(2 * d + 1, H) * ow;
    const r3 = clampIdx(2 * d + 2, H) * ow;
    for (let x = 0; x < ow; x++) {
      out[d * ow + x] = ((horiz[r0 + x]! * w0 + horiz[r1 + x]! * w1) + horiz[r2 + x]! * w2) + horiz[r3 + x]! * w3;
    }
  }
  return { data: out, width: ow, height: oh };
}

/** Asymmetric generalised Gaussian fit by moment matching (brisque.md §4). */
export interface AggdFit {
  alpha: number;
  eta: number;
  sigmaL: number;
  sigmaR: number;
  /** R̂ ≥ 3/4: ρ(α) = R̂ has no root and the package's solver wanders off (score becomes −rho). */
  unsolvable: boolean;
}

/** ρ(α) = Γ(2/α)² / (Γ(1/α)·Γ(3/α)), through ln Γ where Γ would overflow. */
function rho(alpha: number, g: GammaFunctions): number {
  if (3 / alpha < 170) {
    const g2 = g.gamma(2 / alpha);
    return (g2 * g2) / (g.gamma(1 / alpha) * g.gamma(3 / alpha));
  }
  return Math.exp(2 * g.lgamma(2 / alpha) - g.lgamma(1 / alpha) - g.lgamma(3 / alpha));
}

/**
 * Solve ρ(α) = target by bisection on ln α in [1e-3, 1e3] until the bracket stops shrinking. ρ is strictly
 * increasing from 0 to 3/4, so this converges to the root to full double precision, where the package's
 * MINPACK solver stops within ~1e-14 of it (an effect on the score far below 1e-9).
 */
export function solveAlpha(target: number, g: GammaFunctions): number {
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (rho(Math.exp(mid), g) < target) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}

/** Moment-matching AGGD fit over a flat list of values. */
export function fitAggd(values: Float64Array, g: GammaFunctions): AggdFit {
  const n = values.length;
  let sumAbs = 0, sumSq = 0, leftSq = 0, rightSq = 0, nLeft = 0, nRight = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const x2 = x * x;
    sumAbs += Math.abs(x);
    sumSq += x2;
    // x ≥ 0 includes 0 and −0, as numpy's `z >= 0` does (the MATLAB original used x > 0).
    if (x < 0) { leftSq += x2; nLeft++; } else { rightSq += x2; nRight++; }
  }
  const meanAbs = sumAbs / n;
  const rHat = (meanAbs * meanAbs) / (sumSq / n);
  const sigmaL = Math.sqrt(leftSq / nLeft);
  const sigmaR = Math.sqrt(rightSq / nRight);
  const gam = sigmaL / sigmaR;
  // numpy evaluates γ**3 with libm pow and γ**2 as γ·γ.
  const g2 = gam * gam + 1;
  const RHat = (rHat * ((Math.pow(gam, 3) + 1) * (gam + 1))) / (g2 * g2);
  if (!Number.isFinite(RHat)) return { alpha: Number.NaN, eta: Number.NaN, sigmaL, sigmaR, unsolvable: false };
  if (RHat >= 0.75) return { alpha: Number.NaN, eta: Number.NaN, sigmaL, sigmaR, unsolvable: true };
  const alpha = solveAlpha(RHat, g);
  const g1 = g.gamma(1 / alpha);
  const constant = Math.sqrt(g1 / g.gamma(3 / alpha));
  const eta = (sigmaR - sigmaL) * constant * (g.gamma(2 / alpha) / g1);
  return { alpha, eta, sigmaL, sigmaR, unsolvable: false };
}

/** The 18 features of one scale, plus whether a fit had no root. */
export function scaleFeatures(img: GreyImage, window: Float64Array, g: GammaFunctions): { features: number[]; unsolvable: boolean } {
  const M = mscn(img, window);
  const W = img.width;
  const H = img.height;
  const pairs: Float64Array[] = [M];
  const horizontal = new Float64Array(H * (W - 1));
  const vertical = new Float64Array((H - 1) * W);
  const mainDiag = new Float64Array((H - 1) * (W - 1));
  const secDiag = new Float64Array((H - 1) * (W - 1));
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W - 1; c++) horizontal[r * (W - 1) + c] = M[r * W + c]! * M[r * W + c + 1]!;
  }
  for (let r = 0; r < H - 1; r++) {
    for (let c = 0; c < W; c++) vertical[r * W + c] = M[r * W + c]! * M[(r + 1) * W + c]!;
    for (let c = 0; c < W - 1; c++) {
      mainDiag[r * (W - 1) + c] = M[r * W + c]! * M[(r + 1) * W + c + 1]!;
      secDiag[r * (W - 1) + c] = M[(r + 1) * W + c]! * M[r * W + c + 1]!;
    }
  }
  pairs.push(horizontal, vertical, mainDiag, secDiag);
  const features: number[] = [];
  let unsolvable = false;
  pairs.forEach((values, i) => {
    const f = fitAggd(values, g);
    unsolvable ||= f.unsolvable;
    const l2 = f.sigmaL * f.sigmaL;
    const r2 = f.sigmaR * f.sigmaR;
    if (i === 0) features.push(f.alpha, (l2 + r2) / 2);
    else features.push(f.alpha, f.eta, l2, r2);
  });
  return { features, unsolvable };
}
