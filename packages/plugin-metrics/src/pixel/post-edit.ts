import type { RasterImage } from '@semibench/harness/plugin';
import { changeMap, squaredDifferenceSums } from './mse.js';
import { dilateSquare, labelComponents, opencvLabelNumbers, paintComponents, removeSmallComponents } from './components.js';

export interface PostEditOptions {
  /** MSE-map threshold for "changed" (spec §5.3). */
  threshold?: number;
  /** Step 1: components smaller than this are specks. */
  speckSize?: number;
  /** Step 2: dilation square half-width (5 → 11×11). */
  dilateRadius?: number;
  /** Step 6: components smaller than this are dropped. */
  minComponentSize?: number;
  /**
   * Parity quirk §10 #10: the reference casts OpenCV's label image to uint8, so the components OpenCV numbers
   * 256, 512, … vanish. Off by default (fixed); on reproduces the published numbers.
   */
  parityUint8LabelWrap?: boolean;
}

export interface PostEditResult {
  /** `post_edit_ratio` / `ratio_rgb`: changed-component area ÷ (H·W). */
  ratio: number;
  /** `largest_component_size`: area of the largest component, 0 when there is none. */
  largestComponentSize: number;
  /** `cc_clusters` / `cc_cluters_rgb`: number of components **plus one** (OpenCV counts the background). */
  ccClusters: number;
  /** `cluster_dist`: largest distance between component centroids, −1 with fewer than 2 components. */
  clusterDist: number;
  /** Number of components (ccClusters − 1). */
  components: number;
  /** The change mask, (label > 0)·255, one byte per pixel, width × height. */
  mask: RasterImage;
}

/**
 * The post-edit ratio pipeline of spec §5.4 on a binary change map (0/1 or 0/255 bytes):
 * remove specks < 10 px (8-conn) → dilate 11×11 → [parity: OpenCV labelling with uint8 wrap] → binarise →
 * remove components < 200 px → label → area/centroid statistics.
 */
export function postEditFromChangeMap(change: Uint8Array, width: number, height: number, options: PostEditOptions = {}): PostEditResult {
  const despeckled = removeSmallComponents(change, width, height, options.speckSize ?? 10);
  let dilated = dilateSquare(despeckled, width, height, options.dilateRadius ?? 5);
  if (options.parityUint8LabelWrap) {
    const labelled = labelComponents(dilated, width, height);
    const numbers = opencvLabelNumbers(labelled);
    dilated = paintComponents(labelled, (k) => numbers[k]! % 256 !== 0);
  }
  // Without the wrap, "label then binarise" (steps 3–5) gives back the dilated map itself, so it is skipped.
  const labelled = labelComponents(dilated, width, height);
  const minSize = options.minComponentSize ?? 200;
  const kept: number[] = [];
  for (let k = 0; k < labelled.count; k++) if (labelled.area[k]! >= minSize) kept.push(k);

  let totalArea = 0;
  let largest = 0;
  const cx = new Float64Array(kept.length);
  const cy = new Float64Array(kept.length);
  kept.forEach((k, i) => {
    const a = labelled.area[k]!;
    totalArea += a;
    if (a > largest) largest = a;
    cx[i] = labelled.sumX[k]! / a;
    cy[i] = labelled.sumY[k]! / a;
  });
  let clusterDist = -1;
  if (kept.length >= 2) {
    let best = 0;
    for (let i = 0; i < kept.length; i++) {
      for (let j = i + 1; j < kept.length; j++) {
        const dx = cx[i]! - cx[j]!;
        const dy = cy[i]! - cy[j]!;
        const d2 = dx * dx + dy * dy;
        if (d2 > best) best = d2;
      }
    }
    clusterDist = Math.sqrt(best);
  }
  const keepSet = new Uint8Array(labelled.count);
  for (const k of kept) keepSet[k] = 1;
  const mask = paintComponents(labelled, (k) => keepSet[k] === 1);
  for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! * 255;
  return {
    ratio: totalArea / (width * height),
    largestComponentSize: largest,
    ccClusters: kept.length + 1,
    clusterDist,
    components: kept.length,
    mask: { data: mask, width, height, channels: 1 },
  };
}

/** Post-edit ratio of an (original, edited) pair of the same size (spec §5.3–5.4). */
export function postEditRatio(
  original: RasterImage,
  edited: RasterImage,
  options: PostEditOptions = {},
  sums = squaredDifferenceSums(original, edited),
): PostEditResult {
  const change = changeMap(sums, original.channels, options.threshold ?? 0.1);
  return postEditFromChangeMap(change, original.width, original.height, options);
}
