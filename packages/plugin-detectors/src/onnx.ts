/**
 * `onnx`: runs any image classifier exported to ONNX, in-process with onnxruntime-node.
 *
 * A model is fully described by two files: `name.onnx` and a sidecar `name.semibench.json`
 * (preprocessing, output interpretation, identity). Options override the sidecar, so a model can
 * also be used with no sidecar at all. The harness executes the declared preprocessing and hands
 * over one tensor per item; this plugin stacks them into batches the model accepts (dynamic batch
 * dimension: one run per batch, optionally capped; fixed batch size: split and zero-padded), runs
 * them in a worker thread (see onnx/session.ts), and turns the declared output into P(fake).
 * The model is loaded once per `create()`, i.e. once per run, in the background: `create()` returns
 * once the model file is hashed, and the first `predict()` waits for the session (so a model that
 * onnxruntime rejects, or whose inputs do not fit the declaration, fails there).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import {
  describeInput,
  sha256File,
  validatePreprocessSpec,
  type DetectorInput,
  type DetectorInstance,
  type DetectorItem,
  type DetectorPlugin,
  type OptionValue,
  type PluginContext,
  type PluginOptions,
  type PreprocessSpec,
  type TensorSpec,
} from '@semibench/harness/plugin';
import { interpretOutput, parseOutputSpec, type OutputSpec } from './onnx/output.js';
import { openSession, type OutputTensor, type RawTensor, type SessionHost, type ValueMeta } from './onnx/session.js';

export const SIDECAR_SUFFIX = '.semibench.json';

/** Contents of `model.semibench.json`. Every field is optional; options given to the detector win. */
export interface OnnxSidecar {
  /** Format version of this file. */
  semibench?: 1;
  name?: string;
  version?: string;
  description?: string;
  license?: string;
  /** Where the weights come from (URL, paper). */
  source?: string;
  preprocessing?: PreprocessSpec & { tensor: TensorSpec };
  output?: OutputSpec;
  /** Model input to feed (default: the only input). */
  inputName?: string;
  /** Most items per session run (default: the whole batch the harness hands over). */
  batchSize?: number;
  trainedOn?: string[];
}

export interface OnnxConfig {
  modelPath: string;
  sidecarPath?: string;
  preprocessing: PreprocessSpec & { tensor: TensorSpec };
  output: OutputSpec;
  inputName?: string;
  batchSize?: number;
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  inProcess: boolean;
  sidecar: OnnxSidecar;
}

const OPTION_NAMES = ['model', 'sidecar', 'preprocessing', 'output', 'inputName', 'batchSize', 'intraOpNumThreads', 'interOpNumThreads', 'inProcess'] as const;

/** Sidecar path for a model: `x.onnx` -> `x.semibench.json`. */
export function sidecarPathFor(modelPath: string): string {
  return join(dirname(modelPath), basename(modelPath).replace(/\.onnx$/i, '') + SIDECAR_SUFFIX);
}

function intOption(value: OptionValue | undefined, name: string, min: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) throw new Error(`onnx: option ${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function jsonOption(value: OptionValue | undefined): unknown {
  return typeof value === 'string' && value.trim().startsWith('{') ? JSON.parse(value) : value;
}

export async function readSidecar(path: string, required: boolean): Promise<OnnxSidecar | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (!required && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`onnx: cannot read sidecar ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`onnx: sidecar ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`onnx: sidecar ${path} must hold a JSON object`);
  const allowed = ['semibench', 'name', 'version', 'description', 'license', 'source', 'preprocessing', 'output', 'inputName', 'batchSize', 'trainedOn', '$schema'];
  for (const k of Object.keys(parsed)) if (!allowed.includes(k)) throw new Error(`onnx: sidecar ${path} has unknown field "${k}" (allowed: ${allowed.join(', ')})`);
  const s = parsed as OnnxSidecar & Record<string, unknown>;
  if (s.semibench !== undefined && s.semibench !== 1) throw new Error(`onnx: sidecar ${path} has format version ${String(s.semibench)}; this semibench reads version 1`);
  return s;
}

/** Merges options and the sidecar into a complete configuration, or says what is missing. */
export async function resolveOnnxConfig(options: PluginOptions, context: Pick<PluginContext, 'baseDir'>): Promise<OnnxConfig> {
  for (const key of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) throw new Error(`onnx: unknown option "${key}"; options: ${OPTION_NAMES.join(', ')}`);
  }
  if (typeof options.model !== 'string' || options.model === '') {
    throw new Error('onnx: option "model" (path to an .onnx file) is required, e.g. --option model=./detector.onnx');
  }
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(context.baseDir, p));
  const modelPath = at(options.model);
  const explicitSidecar = typeof options.sidecar === 'string' ? at(options.sidecar) : undefined;
  const sidecarPath = explicitSidecar ?? sidecarPathFor(modelPath);
  const sidecar = (await readSidecar(sidecarPath, explicitSidecar !== undefined)) ?? {};
  const foundSidecar = explicitSidecar !== undefined || Object.keys(sidecar).length > 0;
  const where = (field: string): string => (options[field] !== undefined ? `onnx option ${field}` : `sidecar ${sidecarPath}`);

  const rawPre = jsonOption(options.preprocessing) ?? sidecar.preprocessing;
  if (rawPre === undefined) {
    throw new Error(
      `onnx: no preprocessing declared for ${modelPath}. Write a sidecar ${sidecarPathFor(modelPath)} with "preprocessing" and "output" ` +
        '(see docs/detectors.md), or pass --option preprocessing=\'{"steps":[...],"tensor":{...}}\'.',
    );
  }
  const pre = validatePreprocessSpec(rawPre, where('preprocessing'), 'preprocessing');
  if (!pre.tensor) throw new Error(`${where('preprocessing')}: preprocessing.tensor is required for an ONNX model (layout, range, mean, std)`);
  const output = parseOutputSpec((options.output as OptionValue | undefined) ?? (sidecar.output as unknown as OptionValue | undefined), where('output'));
  if (!output) throw new Error(`onnx: no output interpretation for ${modelPath}: set "output" (probability | logit | softmax:K | argmax:K) in the sidecar or as an option`);
  const config: OnnxConfig = {
    modelPath,
    preprocessing: { ...pre, tensor: pre.tensor },
    output,
    inProcess: options.inProcess === true || options.inProcess === 'true',
    sidecar,
  };
  if (foundSidecar) config.sidecarPath = sidecarPath;
  const inputName = options.inputName ?? sidecar.inputName;
  if (inputName !== undefined) {
    if (typeof inputName !== 'string') throw new Error(`${where('inputName')}: inputName must be a string`);
    config.inputName = inputName;
  }
  const batchSize = intOption(options.batchSize ?? sidecar.batchSize, 'batchSize', 1);
  if (batchSize !== undefined) config.batchSize = batchSize;
  const intra = intOption(options.intraOpNumThreads, 'intraOpNumThreads', 0);
  if (intra !== undefined) config.intraOpNumThreads = intra;
  const inter = intOption(options.interOpNumThreads, 'interOpNumThreads', 0);
  if (inter !== undefined) config.interOpNumThreads = inter;
  return config;
}

function pickInput(inputs: readonly ValueMeta[], wanted: string | undefined, model: string): ValueMeta {
  if (wanted !== undefined) {
    const m = inputs.find((i) => i.name === wanted);
    if (!m) throw new Error(`onnx: model ${model} has no input "${wanted}"; its inputs: ${inputs.map((i) => i.name).join(', ')}`);
    return m;
  }
  if (inputs.length !== 1) throw new Error(`onnx: model ${model} has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); set inputName`);
  return inputs[0] as ValueMeta;
}

/** A running ONNX detector: a loaded session plus the declared input and output. */
export class OnnxRunner {
  private session: SessionHost | undefined;
  /** The load start() began; a failed load stays here, so every predict() reports its error. */
  private opening: Promise<void> | undefined;
  private input!: ValueMeta;
  private outputName!: string;

  constructor(readonly config: OnnxConfig) {}

  /** The harness-facing input declaration (always a tensor). */
  get detectorInput(): DetectorInput {
    return { kind: 'tensor', preprocess: this.config.preprocessing };
  }

  /**
   * Starts loading the model without waiting for it: the harness reads, decodes and preprocesses
   * the first chunk while the session loads (1-2 s of CPU for a ResNet-50), and the first
   * predict() waits for the load and reports its errors.
   */
  start(): void {
    if (this.session || this.opening) return;
    this.opening = this.open();
    // Not unhandled: the first predict() (or close()) awaits it.
    this.opening.catch(() => undefined);
  }

  async open(): Promise<void> {
    const session = await openSession(this.config.modelPath, {
      inProcess: this.config.inProcess,
      ...(this.config.intraOpNumThreads !== undefined ? { intraOpNumThreads: this.config.intraOpNumThreads } : {}),
      ...(this.config.interOpNumThreads !== undefined ? { interOpNumThreads: this.config.interOpNumThreads } : {}),
    });
    const model = this.config.modelPath;
    this.input = pickInput(session.inputs, this.config.inputName, model);
    if (this.input.type !== 'float32' && this.input.type !== 'uint8') {
      await session.close();
      throw new Error(`onnx: input ${this.input.name} of ${model} has type ${this.input.type}; float32 and uint8 inputs are supported`);
    }
    const wanted = this.config.output.name;
    const out = wanted === undefined ? session.outputs[0] : session.outputs.find((o) => o.name === wanted);
    if (!out) {
      await session.close();
      throw new Error(`onnx: model ${model} has no output "${wanted ?? ''}"; its outputs: ${session.outputs.map((o) => o.name).join(', ')}`);
    }
    this.outputName = out.name;
    // Check the declared tensor layout against the model before the first image is read.
    const layout = this.config.preprocessing.tensor.layout;
    const channelAxis = layout === 'NCHW' ? 1 : 3;
    if (this.input.shape.length === 4 && typeof this.input.shape[channelAxis] === 'number' && this.input.shape[channelAxis] !== 3) {
      await session.close();
      throw new Error(
        `onnx: model ${model} input ${this.input.name} has shape [${this.input.shape.join(', ')}], which is not ${layout} with 3 channels; ` +
          `fix preprocessing.tensor.layout`,
      );
    }
    this.session = session;
  }

  /** Fixed batch size of the model's input, or undefined when the batch dimension is symbolic. */
  get fixedBatch(): number | undefined {
    const b = this.input.shape[0];
    return typeof b === 'number' && b > 0 ? b : undefined;
  }

  private checkDims(dims: readonly number[], key: string): void {
    const expected = this.input.shape.slice(1);
    const ok = expected.length === dims.length && expected.every((d, i) => typeof d !== 'number' || d === dims[i]);
    if (!ok) {
      throw new Error(
        `onnx: item ${key}: the preprocessing gives a tensor of [${dims.join(', ')}] but model input ${this.input.name} expects ` +
          `[${expected.join(', ')}] per item; adjust the resize/crop steps`,
      );
    }
  }

  async predict(items: readonly DetectorItem[], signal?: AbortSignal): Promise<Float64Array> {
    const scores = new Float64Array(items.length);
    const label = `onnx model ${basename(this.config.modelPath)}`;
    await this.eachChunk(items, signal, (start, chunk, out) => scores.set(interpretOutput(out, this.config.output, chunk.length, label), start));
    return scores;
  }

  /**
   * The raw output per item as one vector (for a probe): [D] as is, [T, D] token 0 (a ViT's CLS
   * token), [C, H, W] the mean over H and W (global average pooling of a channels-first map).
   */
  async features(items: readonly DetectorItem[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = new Array<Float32Array>(items.length);
    await this.eachChunk(items, signal, (start, chunk, raw) => {
      const rest = raw.dims.slice(1);
      const per = rest.reduce((a, b) => a * b, 1);
      for (let i = 0; i < chunk.length; i++) out[start + i] = poolVector(Float32Array.from(raw.data.subarray(i * per, (i + 1) * per) as ArrayLike<number>), rest, this.outputName);
    });
    return out;
  }

  /** Runs the model on consecutive same-shape chunks of items and hands each chunk's output over. */
  private async eachChunk(items: readonly DetectorItem[], signal: AbortSignal | undefined, handle: (start: number, chunk: readonly DetectorItem[], out: OutputTensor) => void): Promise<void> {
    if (!this.session) await (this.opening ??= this.open());
    // Runs need one shape: group consecutive items by their tensor dims (only differs without a crop).
    let start = 0;
    while (start < items.length) {
      const first = items[start] as DetectorItem;
      if (!first.tensor) throw new Error(`onnx: item ${first.key} arrived without a tensor`);
      const dims = first.tensor.dims;
      this.checkDims(dims, first.key);
      let end = start + 1;
      while (end < items.length && sameDims(items[end]?.tensor?.dims, dims)) end++;
      const cap = this.fixedBatch ?? this.config.batchSize ?? end - start;
      for (let s = start; s < end; s += cap) {
        if (signal?.aborted) throw new Error('onnx: prediction aborted');
        const chunk = items.slice(s, Math.min(end, s + cap));
        handle(s, chunk, await this.runChunk(chunk, dims, this.fixedBatch ?? chunk.length, signal));
      }
      start = end;
    }
  }

  private async runChunk(chunk: readonly DetectorItem[], dims: readonly number[], rows: number, signal?: AbortSignal): Promise<OutputTensor> {
    const per = dims.reduce((a, b) => a * b, 1);
    const uint8 = this.input.type === 'uint8';
    const data = uint8 ? new Uint8Array(rows * per) : new Float32Array(rows * per);
    chunk.forEach((item, i) => {
      const t = item.tensor;
      if (!t) throw new Error(`onnx: item ${item.key} arrived without a tensor`);
      if (t.data.length !== per) throw new Error(`onnx: item ${item.key} has ${t.data.length} values for dims [${dims.join(', ')}]`);
      if (uint8) {
        const dst = data as Uint8Array;
        for (let j = 0; j < per; j++) dst[i * per + j] = Math.min(255, Math.max(0, Math.round(t.data[j] as number)));
      } else {
        (data as Float32Array).set(t.data, i * per);
      }
    });
    // Rows past the chunk (a fixed batch size larger than what is left) stay zero and are ignored.
    const feed: RawTensor = { type: uint8 ? 'uint8' : 'float32', data, dims: [rows, ...dims] };
    const session = this.session as SessionHost;
    const running = session.run({ [this.input.name]: feed }, [this.outputName]);
    const result = signal ? await abortable(running, signal, () => this.reset()) : await running;
    return result[this.outputName] as OutputTensor;
  }

  /** After an abort mid-run the session may still be busy: drop it; the next predict reloads. */
  private reset(): void {
    const s = this.session;
    this.session = undefined;
    this.opening = undefined;
    void s?.close();
  }

  async close(): Promise<void> {
    // A load still under way ends with a session to close (or an error nobody needs any more).
    await this.opening?.catch(() => undefined);
    this.opening = undefined;
    const s = this.session;
    this.session = undefined;
    await s?.close();
  }
}

function poolVector(v: Float32Array, dims: readonly number[], output: string): Float32Array {
  if (dims.length === 1) return v;
  if (dims.length === 2) return v.slice(0, dims[1] as number);
  if (dims.length === 3) {
    const [c, h, w] = dims as [number, number, number];
    const out = new Float32Array(c);
    for (let k = 0; k < c; k++) {
      let sum = 0;
      for (let i = 0; i < h * w; i++) sum += v[k * h * w + i] as number;
      out[k] = sum / (h * w);
    }
    return out;
  }
  throw new Error(`onnx: output ${output} has per-item shape [${dims.join(', ')}]; a feature must be [D], [T, D] or [C, H, W]`);
}

function sameDims(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((d, i) => d === b[i]);
}

function abortable<T>(p: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  if (signal.aborted) {
    onAbort();
    return Promise.reject(new Error('onnx: prediction aborted'));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort();
      reject(new Error('onnx: prediction aborted'));
    };
    signal.addEventListener('abort', abort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Builds the detector instance for a resolved configuration (shared with the zoo entries). */
export async function createOnnxInstance(config: OnnxConfig, extraIdentity: Record<string, OptionValue> = {}): Promise<DetectorInstance & { runner: OnnxRunner }> {
  const runner = new OnnxRunner(config);
  runner.start();
  let modelSha256: string;
  try {
    modelSha256 = await sha256File(config.modelPath);
  } catch (e) {
    await runner.close();
    throw new Error(`onnx: cannot read model ${config.modelPath}: ${(e as Error).message}`);
  }
  const identity: Record<string, OptionValue> = {
    ...extraIdentity,
    modelSha256,
    output: { kind: config.output.kind, index: config.output.index ?? null, name: config.output.name ?? null },
    inputName: config.inputName ?? null,
  };
  return {
    runner,
    input: runner.detectorInput,
    identity,
    predict: (items, signal) => runner.predict(items, signal),
    dispose: () => runner.close(),
  };
}

const plugin: DetectorPlugin = {
  kind: 'detector',
  meta: {
    name: 'onnx',
    version: '1.0.0',
    apiVersion: 1,
    description: 'Any image classifier exported to ONNX, with declared preprocessing and output (options or a model.semibench.json sidecar).',
    license: 'MIT',
    batchSize: 16,
  },
  async create(options, context) {
    const config = await resolveOnnxConfig(options, context);
    // Named after the model: the sidecar's "name", else the file's stem (univfd.onnx → univfd).
    const name = config.sidecar.name ?? basename(config.modelPath).replace(/\.onnx$/i, '');
    const instance = { ...(await createOnnxInstance(config)), name };
    context.logger.info(
      `onnx: ${config.modelPath}${config.sidecarPath ? ` (sidecar ${config.sidecarPath})` : ''}; input ${describeInput(instance.runner.detectorInput)}`,
    );
    return instance;
  },
};

export default plugin;
