/**
 * Per-image pixel metrics of a localisation map against a ground-truth mask, the definitions
 * IMDL-BenCo (NeurIPS 2024 D&B) reports:
 * - the mask is read as greyscale, a pixel is positive at >= 128, and it is resized to the map (the
 *   image's full size) with nearest neighbour when the sizes differ;
 * - a map pixel is flagged at >= 128, i.e. p >= 0.5 of the stored round(255 p);
 * - F1 = 2TP / (2TP + FP + FN) and IoU = TP / (TP + FP + FN), both 0 when the denominator is 0;
 * - pixel ROC-AUC over the map's values (ties count one half, as scikit-learn's roc_auc_score),
 *   undefined (NaN) when the mask is constant;
 * - best F1: the largest F1 over every threshold of the map's 256 levels (a per-image oracle
 *   threshold, as IMDL-BenCo also reports it);
 * - on real images (no edit anywhere): the share of pixels flagged.
 * Everything comes from two 256-bin histograms of the map (values under positive and negative mask
 * pixels), so each metric is exact on 8-bit maps and one pass over the pixels.
 */
import type { RasterImage } from '../contract.js';
import { pilResize } from '../imaging/pil-resample.js';

export const MAP_POSITIVE = 128;
export const MASK_POSITIVE = 128;

export interface PixelScores {
  f1: number;
  iou: number;
  /** NaN when the mask is constant. */
  auc: number;
  f1Best: number;
}

function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/** The mask as one 0/1 byte per map pixel (grey >= 128 is positive), nearest-neighbour resized to the map's size. */
export function maskForMap(mask: RasterImage, map: { width: number; height: number }): Uint8Array {
  if (mask.channels !== 1) throw new Error('a ground-truth mask is read as one grey channel');
  const aligned = mask.width === map.width && mask.height === map.height ? mask : pilResize(mask, map.width, map.height, 'nearest');
  const out = new Uint8Array(aligned.data.length);
  for (let i = 0; i < out.length; i++) out[i] = (aligned.data[i] as number) >= MASK_POSITIVE ? 1 : 0;
  return out;
}

/** Histograms of the map's values under positive (edited) and negative mask pixels. */
function histograms(map: RasterImage, positive: Uint8Array): { pos: Float64Array; neg: Float64Array } {
  if (map.channels !== 1) throw new Error('a localisation map has one channel');
  if (positive.length !== map.data.length) throw new Error(`mask holds ${positive.length} pixels, the map ${map.data.length}`);
  const pos = new Float64Array(256);
  const neg = new Float64Array(256);
  const d = map.data;
  for (let i = 0; i < d.length; i++) (positive[i] ? pos : neg)[d[i] as number]!++;
  return { pos, neg };
}

/** Pixel metrics of one edited image (see the module comment). `mask` is grey, any size. */
export function pixelScores(map: RasterImage, mask: RasterImage): PixelScores {
  const { pos, neg } = histograms(map, maskForMap(mask, map));
  let P = 0;
  let N = 0;
  for (let v = 0; v < 256; v++) {
    P += pos[v]!;
    N += neg[v]!;
  }
  // Walk thresholds from the top: at t, TP and FP count the pixels with value >= t.
  let tp = 0;
  let fp = 0;
  let f1Best = 0; // t = 256: nothing flagged, F1 = 0
  let f1 = 0;
  let iou = 0;
  for (let t = 255; t >= 0; t--) {
    tp += pos[t]!;
    fp += neg[t]!;
    const fn = P - tp;
    const f = ratio(2 * tp, 2 * tp + fp + fn);
    if (f > f1Best) f1Best = f;
    if (t === MAP_POSITIVE) {
      f1 = f;
      iou = ratio(tp, tp + fp + fn);
    }
  }
  let auc = Number.NaN;
  if (P > 0 && N > 0) {
    // Mann-Whitney: each (positive, negative) pair counts 1 when the positive is higher, 1/2 on a tie.
    let below = 0;
    let sum = 0;
    for (let v = 0; v < 256; v++) {
      sum += pos[v]! * (below + neg[v]! / 2);
      below += neg[v]!;
    }
    auc = sum / P / N;
  }
  return { f1, iou, auc, f1Best };
}

/** Share of a real image's pixels that the map flags (every flagged pixel is a false positive). */
export function flaggedShare(map: RasterImage): number {
  let n = 0;
  for (let i = 0; i < map.data.length; i++) if ((map.data[i] as number) >= MAP_POSITIVE) n++;
  return ratio(n, map.data.length);
}
