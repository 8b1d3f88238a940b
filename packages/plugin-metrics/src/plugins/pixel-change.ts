import { defineMetric, type MetricOutput, type MetricValues } from '@semibench/harness/plugin';
import { pixelChange, pixelChangeGrey, type PixelChange } from '../pixel/change-metrics.js';
import { editedAtSourceSize } from './common.js';

const RGB = ['mse_rgb', 'ssim_rgb', 'psnr_rgb', 'ratio_rgb', 'largest_component_size_rgb', 'cc_cluters_rgb', 'cluster_dist_rgb'] as const;
const GREY = ['mse_gray', 'ssim_gray', 'psnr_gray', 'ratio_gray', 'largest_component_size_gray', 'cc_clusters_gray', 'cluster_dist_gray'] as const;

function columns(r: PixelChange, names: readonly string[]): MetricValues {
  const v = [r.mse, r.ssim, r.psnr, r.postEdit.ratio, r.postEdit.largestComponentSize, r.postEdit.ccClusters, r.postEdit.clusterDist];
  return Object.fromEntries(names.map((n, i) => [n, v[i]!]));
}

/**
 * MSE, SSIM (scikit-image semantics), PSNR and the post-edit ratio with its connected components (spec §5.3–5.5),
 * on RGB and on PIL greyscale. Column names follow the eval set, including its `cc_cluters_rgb` typo.
 * Options: `gray` (default true), `parityUint8LabelWrap` (default false; spec §10 #10), `threshold` (default 0.1).
 */
export default defineMetric({
  kind: 'metric',
  meta: {
    name: 'pixel-change',
    // 1.1.0: also hands back the RGB change mask (values unchanged), which generate saves for p2p edits.
    version: '1.1.0',
    apiVersion: 1,
    stage: 'change',
    columns: [...RGB, ...GREY],
    // The paper bins the RGB change metrics only; SSIM is a similarity (a higher bin is a smaller change).
    binned: [
      { column: 'ratio_rgb', direction: 'higher-is-more-change' },
      { column: 'mse_rgb', direction: 'higher-is-more-change' },
      { column: 'ssim_rgb', direction: 'higher-is-less-change' },
    ],
    description: 'MSE, SSIM, PSNR, post-edit ratio and change components (RGB and greyscale), weight-free.',
    license: 'MIT',
  },
  create(options) {
    const gray = options.gray !== false;
    const parityUint8LabelWrap = options.parityUint8LabelWrap === true;
    const threshold = typeof options.threshold === 'number' ? options.threshold : 0.1;
    const post = { parityUint8LabelWrap, threshold };
    return {
      identity: { gray, parityUint8LabelWrap, threshold },
      compute(input): MetricOutput {
        const edited = editedAtSourceSize(input.original, input.edited);
        const change = pixelChange(input.original, edited, post);
        const rgb = columns(change, RGB);
        // The RGB post-edit pipeline's mask (spec §5.4): the ground truth of an edit without an input mask.
        const changeMask = change.postEdit.mask;
        if (!gray) return { values: { ...rgb, ...Object.fromEntries(GREY.map((c) => [c, null])) }, changeMask };
        return { values: { ...rgb, ...columns(pixelChangeGrey(input.original, edited, post), GREY) }, changeMask };
      },
    };
  },
});
