/**
 * @semibench/plugin-metrics: the built-in metric plugins of generation mode (QC checks and change metrics) and the
 * plain functions behind them (pixel metrics, PIL-exact resize, BRISQUE), which the generate pipeline reuses.
 *
 * Plugins are registered as data with lazy loaders, so listing them imports neither onnxruntime nor mathjs.
 */
import type { BuiltinEntry } from '@semibench/harness/plugin';

export * from './pixel/index.js';
export * from './brisque/index.js';
export { clipPixelValues, squareUnitPixels, lpipsPixels } from './onnx/preprocess.js';

export const builtins: BuiltinEntry[] = [
  {
    kind: 'metric',
    name: 'pixel-change',
    description: 'MSE, SSIM, PSNR, post-edit ratio and change components (RGB and greyscale), weight-free.',
    load: () => import('./plugins/pixel-change.js'),
  },
  {
    kind: 'metric',
    name: 'brisque',
    description: 'BRISQUE quality of source and edit (port of the brisque 0.0.16 Python package), weight-free.',
    load: () => import('./plugins/brisque.js'),
  },
  {
    kind: 'metric',
    name: 'clip-qc',
    description: 'CLIP QC checks img1_img2, cap2_img2, direct_sim (needs a CLIP ViT-B/32 ONNX export + tokenizer.json).',
    load: () => import('./plugins/clip-qc.js'),
  },
  {
    kind: 'metric',
    name: 'lpips',
    description: 'LPIPS distance at full resolution (needs an LPIPS-SqueezeNet ONNX export).',
    load: () => import('./plugins/lpips.js'),
  },
  {
    kind: 'metric',
    name: 'dreamsim',
    description: 'DreamSim distance (needs a DreamSim ONNX export).',
    load: () => import('./plugins/dreamsim.js'),
  },
  {
    kind: 'metric',
    name: 'sentence',
    description: 'Sentence distance sen_sim = 1 − max(cos, 0) (needs an all-MiniLM-L6-v2 ONNX export + tokenizer.json).',
    load: () => import('./plugins/sentence.js'),
  },
];
