/**
 * Built-in detectors, registered as data with lazy loaders: listing them imports nothing heavy
 * (onnxruntime, child processes), and a run loads only the detectors it uses.
 */
import type { BuiltinEntry } from '@semibench/harness';

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
];
