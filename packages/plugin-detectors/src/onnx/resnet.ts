/**
 * A ResNet-50 (torchvision layout: bottleneck blocks [3, 4, 6, 3], stride on the 3x3 conv,
 * 25.6 M parameters, ~4.1 GFLOPs at 224x224) with seeded random weights and a one-logit head, as
 * an ONNX file: the benchmark's stand-in for CNNSpot/DIRE-sized detectors when no trained weights
 * can be downloaded. BatchNorm is folded into the convolutions (what onnxruntime does anyway).
 */
import { Rng } from '@semibench/harness/plugin';
import { GraphBuilder } from './graph.js';

export function buildResNet50Onnx(seed = 0): Uint8Array {
  const rng = new Rng(seed);
  const g = new GraphBuilder('resnet50');
  let id = 0;
  /** He-uniform weights keep activations in range through 50 layers of random weights. */
  const conv = (x: string, cin: number, cout: number, k: number, stride: number, relu: boolean): string => {
    const n = cout * cin * k * k;
    const w = new Float32Array(n);
    const bound = Math.sqrt(6 / (cin * k * k));
    for (let i = 0; i < n; i++) w[i] = (rng.next() * 2 - 1) * bound;
    const b = new Float32Array(cout);
    const name = `conv${id++}`;
    const pad = (k - 1) / 2;
    const y = g.node('Conv', [x, g.constant(`${name}.w`, [cout, cin, k, k], w), g.constant(`${name}.b`, [cout], b)], {
      kernel_shape: [k, k],
      strides: [stride, stride],
      pads: [pad, pad, pad, pad],
    });
    return relu ? g.node('Relu', [y]) : y;
  };
  g.input('image', ['N', 3, 224, 224]);
  let x = conv('image', 3, 64, 7, 2, true);
  x = g.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let cin = 64;
  const stages: [number, number, number][] = [
    [64, 3, 1],
    [128, 4, 2],
    [256, 6, 2],
    [512, 3, 2],
  ];
  for (const [width, blocks, stride] of stages) {
    for (let b = 0; b < blocks; b++) {
      const s = b === 0 ? stride : 1;
      const cout = width * 4;
      let y = conv(x, cin, width, 1, 1, true);
      y = conv(y, width, width, 3, s, true);
      y = conv(y, width, cout, 1, 1, false);
      // Scale the residual branch down so random weights do not blow activations up.
      y = g.node('Mul', [y, g.constant(`scale${id++}`, [], new Float32Array([0.2]))]);
      const shortcut = b === 0 ? conv(x, cin, cout, 1, s, false) : x;
      x = g.node('Relu', [g.node('Add', [y, shortcut])]);
      cin = cout;
    }
  }
  x = g.node('Flatten', [g.node('GlobalAveragePool', [x])], { axis: 1 });
  const fc = new Float32Array(2048).map(() => (rng.next() * 2 - 1) / Math.sqrt(2048));
  g.node('Gemm', [x, g.constant('fc.w', [2048, 1], fc), g.constant('fc.b', [1], new Float32Array(1))], {}, ['logit']);
  g.output('logit', ['N', 1]);
  return g.encode(`ResNet-50 with seeded random weights (seed ${seed}), built by semibench for benchmarks`);
}
