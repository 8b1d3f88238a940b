/**
 * Built-in detectors, registered as data with lazy loaders: listing them imports nothing heavy
 * (onnxruntime, child processes), and a run loads only the detectors it uses.
 */
import type { BuiltinEntry } from '@semibench/harness/plugin';

/** Zoo names and titles, duplicated from zoo/recipes.ts so listing does not import the recipes. */
const ZOO: readonly (readonly [string, string])[] = [
  ['cnnspot', 'CNNSpot'],
  ['univfd', 'UniversalFakeDetect'],
  ['defake', 'DE-FAKE'],
  ['dire', 'DIRE (classifier of DIRE reconstruction-error images)'],
  ['crossefficientvit', 'CrossEfficientViT'],
  ['dinov2', 'DINOv2 backbone + a fitted probe'],
];

export const builtins: BuiltinEntry[] = [
  {
    kind: 'detector',
    name: 'noise-inconsistency',
    description:
      'Weak weight-free baseline (Mahdian & Saic 2009): inconsistency of block noise levels estimated from the Haar HH1 subband.',
    load: () => import('./noise-inconsistency.js'),
  },
  {
    kind: 'detector',
    name: 'onnx',
    description: 'Any classifier exported to ONNX; preprocessing and output declared by options or a model.semibench.json sidecar.',
    load: () => import('./onnx.js'),
  },
  {
    kind: 'detector',
    name: 'python',
    description: 'A detector in your own long-lived process (e.g. PyTorch) over a versioned JSON-lines protocol; see examples/python-worker.',
    load: () => import('./python.js'),
  },
  {
    kind: 'detector',
    name: 'http',
    description: 'A detector behind an HTTP endpoint (JSON with base64 images, or multipart), with auth, timeout, retries and a concurrency limit.',
    load: () => import('./http.js'),
  },
  {
    kind: 'detector',
    name: 'probe',
    description: 'A linear probe package written by `semibench train probe` (use --detector DIR).',
    load: () => import('./probe/plugin.js'),
  },
  // The paper's six detectors: recipes that take your weights (see `semibench zoo show NAME`).
  ...ZOO.map(
    ([name, title]): BuiltinEntry => ({
      kind: 'detector',
      name: `zoo:${name}`,
      description: `${title}: the Semi-Truths paper's recipe with your weights (ONNX export or Python worker).`,
      load: () => import('./zoo/index.js').then((m) => m.zooModule(name)),
    }),
  ),
];

/** Localisation maps on the worker and HTTP wire (raw uint8/float32 in base64 with their size). */
export { decodeWireMaps, encodeWireMap } from './wire-maps.js';
