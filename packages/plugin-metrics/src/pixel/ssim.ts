import type { RasterImage } from '@semibench/harness/plugin';
import { assertSameShape } from './raster.js';

export interface SsimOptions {
  /** Side of the uniform window (odd). Semi-Truths uses 5. */
  winSize?: number;
  dataRange?: number;
  k1?: number;
  k2?: number;
}

/**
 * SSIM with scikit-image `structural_similarity` semantics (spec §5.5): uniform win×win window, sample
 * covariance (N/(N−1)), mean over the map after cropping (win−1)/2 pixels on every side, then mean over channels.
 *
 * Why it is fast: the inputs are 8-bit, so the window sums Σx, Σy, Σx², Σy², Σxy are exact integers. They are
 * kept as running sums (a 5-row ring of horizontal sums plus column accumulators), and every factor of the SSIM
 * formula is rewritten over those integer sums so each pixel costs one division. Only pixels whose window lies
 * inside the image are visited, which is all that survives scikit-image's crop, so its border mode is irrelevant.
 * The result equals scikit-image's to ~1e-15 (scikit-image rounds its float box means; this does not).
 */
export function ssim(a: RasterImage, b: RasterImage, options: SsimOptions = {}): number {
  assertSameShape(a, b, 'ssim');
  const win = options.winSize ?? 5;
  if (win < 1 || win % 2 !== 1) throw new Error(`ssim: winSize must be odd and positive, got ${win}`);
  if (a.width < win || a.height < win) {
    throw new Error(`ssim: image ${a.width}x${a.height} is smaller than the ${win}x${win} window`);
  }
  let sum = 0;
  const scratch = new Scratch(a.width - win + 1, win);
  for (let c = 0; c < a.channels; c++) sum += ssimChannel(a, b, c, win, options, scratch);
  return sum / a.channels;
}

class Scratch {
  /** Horizontal window sums of the last `win` rows, per quantity (x, y, x², y², xy), row slot-major. */
  readonly ring: Int32Array[];
  /** Window sums over those rows, per column. Integers: Σx² ≤ N·255² fits easily. */
  readonly acc: Int32Array[];
  constructor(outWidth: number, win: number) {
    this.ring = Array.from({ length: 5 }, () => new Int32Array(outWidth * win));
    this.acc = Array.from({ length: 5 }, () => new Int32Array(outWidth));
  }
}

function ssimChannel(a: RasterImage, b: RasterImage, c: number, win: number, o: SsimOptions, s: Scratch): number {
  const W = a.width;
  const H = a.height;
  const C = a.channels;
  const ow = W - win + 1;
  const N = win * win;
  const L = o.dataRange ?? 255;
  const C1 = ((o.k1 ?? 0.01) * L) ** 2;
  const C2 = ((o.k2 ?? 0.03) * L) ** 2;
  // S = (2μxμy + C1)(2vxy + C2) / ((μx² + μy² + C1)(vx + vy + C2)) with μ = Σ/N and v = (NΣ₂ − Σ²)/(N(N−1));
  // multiplying numerator and denominator by N²·N(N−1) leaves integer sums plus these two constants.
  const c1n = N * N * C1;
  const c2n = N * (N - 1) * C2;
  const da = a.data;
  const db = b.data;
  const [rx, ry, rxx, ryy, rxy] = s.ring as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const [ax, ay, axx, ayy, axy] = s.acc as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  rx.fill(0); ry.fill(0); rxx.fill(0); ryy.fill(0); rxy.fill(0);
  ax.fill(0); ay.fill(0); axx.fill(0); ayy.fill(0); axy.fill(0);
  let total = 0;
  // One pass per image row: slide the horizontal window along the row, replace that row's slot in the ring
  // (the row that left the vertical window) while updating the column sums, and once `win` rows are in,
  // evaluate SSIM for the window centred `(win−1)/2` rows above.
  for (let y = 0; y < H; y++) {
    const slot = (y % win) * ow;
    const row = y * W * C + c;
    let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (let x = 0; x < win - 1; x++) {
      const p = da[row + x * C]!;
      const q = db[row + x * C]!;
      sx += p; sy += q; sxx += p * p; syy += q * q; sxy += p * q;
    }
    const full = y >= win - 1;
    let rowSum = 0;
    for (let x = 0; x < ow; x++) {
      const pi = row + (x + win - 1) * C;
      const p = da[pi]!;
      const q = db[pi]!;
      sx += p; sy += q; sxx += p * p; syy += q * q; sxy += p * q;
      const k = slot + x;
      const X = (ax[x]! += sx - rx[k]!);
      const Y = (ay[x]! += sy - ry[k]!);
      const XX = (axx[x]! += sxx - rxx[k]!);
      const YY = (ayy[x]! += syy - ryy[k]!);
      const XY = (axy[x]! += sxy - rxy[k]!);
      rx[k] = sx; ry[k] = sy; rxx[k] = sxx; ryy[k] = syy; rxy[k] = sxy;
      const po = row + x * C;
      const u = da[po]!;
      const v = db[po]!;
      sx -= u; sy -= v; sxx -= u * u; syy -= v * v; sxy -= u * v;
      if (full) {
        const pxy = X * Y;
        const px2 = X * X;
        const py2 = Y * Y;
        const num = (2 * pxy + c1n) * (2 * (N * XY - pxy) + c2n);
        const den = (px2 + py2 + c1n) * (N * (XX + YY) - px2 - py2 + c2n);
        rowSum += num / den;
      }
    }
    total += rowSum;
  }
  return total / (ow * (H - win + 1));
}
