/**
 * Converts a TensorFlow.js *layers* model (a Keras functional model saved by tfjs-converter:
 * `model.json` topology + weight manifest + binary shards) to ONNX, in plain JS.
 *
 * It exists so the tests exercise a real pretrained network without Python or downloads: nsfwjs
 * (MIT, on npm) ships MobileNetV2 this way. Only the layers that such image classifiers use are
 * supported (listed in SUPPORTED); anything else fails with the layer's name and class.
 *
 * The ONNX graph keeps Keras' NHWC input (a Transpose to NCHW is its first node) and a symbolic
 * batch dimension `N`, so it also exercises the harness's NHWC layout and dynamic batching.
 */
import { GraphBuilder } from './graph.js';

/** Keras layer as tfjs serialises it. */
interface KerasLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; min?: number; scale?: number };
}

export interface TfjsLayersArtifacts {
  modelTopology: { model_config: { class_name: string; config: { layers: KerasLayer[]; input_layers: unknown[]; output_layers: unknown[] } } };
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

export interface ConvertOptions {
  /** Also output the pre-activation of a final softmax Dense as `logits`. */
  exposeLogits?: boolean;
  /** Also output these layers' values under their Keras names (2-D layers only: Flatten, Dense, global pooling). */
  exposeLayers?: readonly string[];
  docString?: string;
}

export const SUPPORTED = [
  'InputLayer',
  'ZeroPadding2D',
  'Conv2D',
  'DepthwiseConv2D',
  'BatchNormalization',
  'ReLU',
  'Activation',
  'Add',
  'AveragePooling2D',
  'MaxPooling2D',
  'GlobalAveragePooling2D',
  'Flatten',
  'Dense',
  'Dropout',
] as const;

/** Decodes the weight manifest like tfjs-core's io.decodeWeights (dequantising uint8/uint16 as v * scale + min). */
export function decodeWeights(specs: readonly WeightSpec[], data: ArrayBuffer): Map<string, { shape: number[]; values: Float32Array }> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype !== 'float32') throw new Error(`weight ${spec.name}: dtype ${spec.dtype} is not supported (float32 only)`);
    const values = new Float32Array(size);
    const q = spec.quantization;
    if (!q) {
      values.set(new Float32Array(data.slice(offset, offset + size * 4)));
      offset += size * 4;
    } else if (q.dtype === 'uint8' || q.dtype === 'uint16') {
      if (q.min === undefined || q.scale === undefined) throw new Error(`weight ${spec.name}: ${q.dtype} quantization without min/scale`);
      const bytes = q.dtype === 'uint8' ? 1 : 2;
      const raw = q.dtype === 'uint8' ? new Uint8Array(data, offset, size) : new Uint16Array(data.slice(offset, offset + size * 2));
      for (let i = 0; i < size; i++) values[i] = (raw[i] as number) * q.scale + q.min;
      offset += size * bytes;
    } else {
      throw new Error(`weight ${spec.name}: ${q.dtype} quantization is not supported`);
    }
    out.set(spec.name, { shape: spec.shape, values });
  }
  if (offset !== data.byteLength) throw new Error(`weight data has ${data.byteLength} bytes but the manifest describes ${offset}`);
  return out;
}

function inboundNames(layer: KerasLayer): string[] {
  if (layer.inbound_nodes.length === 0) return [];
  if (layer.inbound_nodes.length > 1) throw new Error(`layer ${layer.name} is called ${layer.inbound_nodes.length} times; shared layers are not supported`);
  const node = layer.inbound_nodes[0] as unknown[];
  return node.map((entry) => {
    const e = entry as unknown[];
    if (e[1] !== 0 || e[2] !== 0) throw new Error(`layer ${layer.name}: inputs from multi-output layers are not supported`);
    return String(e[0]);
  });
}

function pair(v: unknown, what: string): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0] as number, v[1] as number];
  throw new Error(`${what}: expected a number or a pair, got ${JSON.stringify(v)}`);
}

/** Keras [kh, kw, in, out] -> ONNX [out, in, kh, kw]. */
function convKernel(k: { shape: number[]; values: Float32Array }): { dims: number[]; values: Float32Array } {
  const [kh, kw, cin, cout] = k.shape as [number, number, number, number];
  const out = new Float32Array(k.values.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < cin; c++)
        for (let o = 0; o < cout; o++) out[((o * cin + c) * kh + i) * kw + j] = k.values[((i * kw + j) * cin + c) * cout + o] as number;
  return { dims: [cout, cin, kh, kw], values: out };
}

/** Keras depthwise [kh, kw, in, mult] -> ONNX grouped conv [in * mult, 1, kh, kw]. */
function depthwiseKernel(k: { shape: number[]; values: Float32Array }): { dims: number[]; values: Float32Array } {
  const [kh, kw, cin, mult] = k.shape as [number, number, number, number];
  const out = new Float32Array(k.values.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < cin; c++)
        for (let m = 0; m < mult; m++) out[((c * mult + m) * kh + i) * kw + j] = k.values[((i * kw + j) * cin + c) * mult + m] as number;
  return { dims: [cin * mult, 1, kh, kw], values: out };
}

type DecodedWeight = { shape: number[]; values: Float32Array };

/**
 * What converting one layer needs: the graph being built, the decoded weights and, per Keras layer
 * name, the ONNX value holding its output (NCHW for 4-D tensors). Layers are converted in topology
 * order, so every input is defined before it is read.
 */
class LayerGraph {
  readonly g = new GraphBuilder('tfjs_layers');
  private readonly values = new Map<string, string>();
  /** The pre-activation of a final softmax, when the output layer has one. */
  logits: string | undefined;
  /** The input's [H, W, C], for the model's doc string. */
  inputDims: number[] = [];

  constructor(
    private readonly weights: Map<string, DecodedWeight>,
    readonly outputLayers: readonly string[],
  ) {}

  weight(layer: KerasLayer, suffix: string): DecodedWeight {
    const w = this.weights.get(`${layer.name}/${suffix}`);
    if (!w) throw new Error(`layer ${layer.name} (${layer.class_name}): weight ${layer.name}/${suffix} is missing from the manifest`);
    return w;
  }

  /** The ONNX value of a converted layer. */
  input(name: string): string {
    const v = this.values.get(name);
    if (!v) throw new Error(`layer input ${name} is not defined before use (unsorted topology?)`);
    return v;
  }

  define(layerName: string, value: string): void {
    this.values.set(layerName, value);
  }

  /** The layer's fused `activation` applied to `x`. */
  activation(layer: KerasLayer, x: string): string {
    const g = this.g;
    const act = (layer.config.activation as string | undefined) ?? 'linear';
    switch (act) {
      case 'linear':
        return x;
      case 'relu':
        return g.node('Relu', [x]);
      case 'relu6':
        return g.node('Clip', [x, g.constant(g.fresh('zero'), [], new Float32Array([0])), g.constant(g.fresh('six'), [], new Float32Array([6]))]);
      case 'sigmoid':
        return g.node('Sigmoid', [x]);
      case 'softmax':
        if (this.outputLayers.includes(layer.name)) this.logits = x;
        return g.node('Softmax', [x], { axis: -1 });
      default:
        throw new Error(`layer ${layer.name}: activation ${act} is not supported`);
    }
  }
}

function convertInputLayer(lg: LayerGraph, layer: KerasLayer): string {
  const shape = layer.config.batch_input_shape as (number | null)[];
  if (shape.length !== 4 || shape.slice(1).some((d) => d === null)) throw new Error(`input ${layer.name}: need a fixed [N, H, W, C] shape, got ${JSON.stringify(shape)}`);
  lg.inputDims = shape.slice(1) as number[];
  lg.g.input(layer.name, ['N', ...lg.inputDims]);
  return lg.g.node('Transpose', [layer.name], { perm: [0, 3, 1, 2] });
}

function convertConv(lg: LayerGraph, layer: KerasLayer, x: string): string {
  const c = layer.config;
  const depthwise = layer.class_name === 'DepthwiseConv2D';
  const k = depthwise ? depthwiseKernel(lg.weight(layer, 'depthwise_kernel')) : convKernel(lg.weight(layer, 'kernel'));
  const inputs = [x, lg.g.constant(`${layer.name}/W`, k.dims, k.values)];
  if (c.use_bias === true) inputs.push(lg.g.constant(`${layer.name}/B`, [k.dims[0] as number], lg.weight(layer, 'bias').values));
  const attrs = {
    kernel_shape: [k.dims[2] as number, k.dims[3] as number],
    strides: pair(c.strides, `${layer.name}.strides`),
    dilations: pair(c.dilation_rate ?? 1, `${layer.name}.dilation_rate`),
    group: depthwise ? (lg.weight(layer, 'depthwise_kernel').shape[2] as number) : 1,
    // TensorFlow's SAME puts the odd padding pixel at the end, like SAME_UPPER.
    auto_pad: c.padding === 'same' ? 'SAME_UPPER' : 'VALID',
  };
  if (c.data_format !== undefined && c.data_format !== 'channels_last') throw new Error(`layer ${layer.name}: data_format ${String(c.data_format)} is not supported`);
  return lg.activation(layer, lg.g.node('Conv', inputs, attrs));
}

function convertBatchNorm(lg: LayerGraph, layer: KerasLayer, x: string): string {
  const c = layer.config;
  const axis = c.axis as number | number[];
  if (!(axis === -1 || axis === 3 || (Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 3)))) {
    throw new Error(`layer ${layer.name}: BatchNormalization over axis ${JSON.stringify(axis)} is not supported (channels only)`);
  }
  const mean = lg.weight(layer, 'moving_mean').values;
  const n = mean.length;
  const gamma = c.scale === false ? new Float32Array(n).fill(1) : lg.weight(layer, 'gamma').values;
  const beta = c.center === false ? new Float32Array(n) : lg.weight(layer, 'beta').values;
  const g = lg.g;
  return g.node(
    'BatchNormalization',
    [
      x,
      g.constant(`${layer.name}/scale`, [n], gamma),
      g.constant(`${layer.name}/B`, [n], beta),
      g.constant(`${layer.name}/mean`, [n], mean),
      g.constant(`${layer.name}/var`, [n], lg.weight(layer, 'moving_variance').values),
    ],
    { epsilon: { float: (c.epsilon as number | undefined) ?? 1e-3 } },
  );
}

function convertRelu(lg: LayerGraph, layer: KerasLayer, x: string): string {
  const c = layer.config;
  if ((c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0) throw new Error(`layer ${layer.name}: leaky/thresholded ReLU is not supported`);
  const max = c.max_value as number | null | undefined;
  const g = lg.g;
  if (max === null || max === undefined) return g.node('Relu', [x]);
  return g.node('Clip', [x, g.constant(g.fresh('zero'), [], new Float32Array([0])), g.constant(g.fresh('max'), [], new Float32Array([max]))]);
}

function convertPooling(lg: LayerGraph, layer: KerasLayer, x: string): string {
  const c = layer.config;
  const size = pair(c.pool_size, `${layer.name}.pool_size`);
  return lg.g.node(layer.class_name === 'AveragePooling2D' ? 'AveragePool' : 'MaxPool', [x], {
    kernel_shape: size,
    strides: pair(c.strides ?? c.pool_size, `${layer.name}.strides`),
    auto_pad: c.padding === 'same' ? 'SAME_UPPER' : 'VALID',
  });
}

function convertDense(lg: LayerGraph, layer: KerasLayer, x: string): string {
  const k = lg.weight(layer, 'kernel');
  const [nin, nout] = k.shape as [number, number];
  const inputs = [x, lg.g.constant(`${layer.name}/W`, [nin, nout], k.values)];
  inputs.push(lg.g.constant(`${layer.name}/B`, [nout], layer.config.use_bias === false ? new Float32Array(nout) : lg.weight(layer, 'bias').values));
  return lg.activation(layer, lg.g.node('Gemm', inputs));
}

/** Adds the nodes of one Keras layer and returns the ONNX value of its output. */
function convertLayer(lg: LayerGraph, layer: KerasLayer): string {
  const ins = inboundNames(layer);
  // Resolved lazily: an InputLayer has no inbound value.
  const first = (): string => lg.input(ins[0] as string);
  const g = lg.g;
  switch (layer.class_name) {
    case 'InputLayer':
      return convertInputLayer(lg, layer);
    case 'ZeroPadding2D': {
      const p = layer.config.padding as [[number, number], [number, number]] | number;
      const [[top, bottom], [left, right]] = typeof p === 'number' ? [[p, p], [p, p]] : p;
      return g.node('Pad', [first(), g.constantInt64(g.fresh('pads'), [0, 0, top, left, 0, 0, bottom, right])], { mode: 'constant' });
    }
    case 'Conv2D':
    case 'DepthwiseConv2D':
      return convertConv(lg, layer, first());
    case 'BatchNormalization':
      return convertBatchNorm(lg, layer, first());
    case 'ReLU':
      return convertRelu(lg, layer, first());
    case 'Activation':
      return lg.activation(layer, first());
    case 'Add': {
      let acc = first();
      for (const other of ins.slice(1)) acc = g.node('Add', [acc, lg.input(other)]);
      return acc;
    }
    case 'AveragePooling2D':
    case 'MaxPooling2D':
      return convertPooling(lg, layer, first());
    case 'GlobalAveragePooling2D':
      return g.node('Flatten', [g.node('GlobalAveragePool', [first()])], { axis: 1 });
    case 'Flatten':
      // Keras flattens in NHWC order: go back to channels-last first.
      return g.node('Flatten', [g.node('Transpose', [first()], { perm: [0, 2, 3, 1] })], { axis: 1 });
    case 'Dense':
      return convertDense(lg, layer, first());
    case 'Dropout':
      return first();
    default:
      throw new Error(`layer ${layer.name}: Keras class ${layer.class_name} is not supported; supported: ${SUPPORTED.join(', ')}`);
  }
}

/** The graph outputs: `probabilities`, optionally `logits`, and the 2-D layers asked for by name. */
function addOutputs(lg: LayerGraph, layers: readonly KerasLayer[], options: ConvertOptions): void {
  const g = lg.g;
  if (lg.outputLayers.length !== 1) throw new Error(`expected one output layer, got ${lg.outputLayers.length}`);
  g.node('Identity', [lg.input(lg.outputLayers[0] as string)], {}, ['probabilities']);
  g.output('probabilities', ['N', 'K']);
  if (options.exposeLogits && lg.logits) {
    g.node('Identity', [lg.logits], {}, ['logits']);
    g.output('logits', ['N', 'K']);
  }
  const flat = new Set(['Flatten', 'Dense', 'GlobalAveragePooling2D', 'Dropout']);
  for (const name of options.exposeLayers ?? []) {
    const layer = layers.find((l) => l.name === name);
    if (!layer) throw new Error(`exposeLayers: no layer "${name}" in the model`);
    if (!flat.has(layer.class_name)) throw new Error(`exposeLayers: layer ${name} is a ${layer.class_name}; only 2-D layers (${[...flat].join(', ')}) can be exposed`);
    g.node('Identity', [lg.input(name)], {}, [name]);
    g.output(name, ['N', `${name}_dim`]);
  }
}

/** Converts tfjs layers artifacts to a serialised ONNX model. */
export function convertTfjsLayersToOnnx(artifacts: TfjsLayersArtifacts, options: ConvertOptions = {}): Uint8Array {
  const cfg = artifacts.modelTopology.model_config;
  if (cfg.class_name !== 'Model' && cfg.class_name !== 'Functional') {
    throw new Error(`only functional Keras models are supported, got ${cfg.class_name}`);
  }
  const outputLayers = (cfg.config.output_layers as unknown[][]).map((o) => String(o[0]));
  const lg = new LayerGraph(decodeWeights(artifacts.weightSpecs, artifacts.weightData), outputLayers);
  for (const layer of cfg.config.layers) lg.define(layer.name, convertLayer(lg, layer));
  addOutputs(lg, cfg.config.layers, options);
  return lg.g.encode(options.docString ?? `converted from a tfjs layers model with input [N, ${lg.inputDims.join(', ')}] (NHWC)`);
}
