/**
 * Thin helpers over onnxruntime-node for the model-backed metrics. onnxruntime is imported lazily so that listing or
 * loading the pixel metrics never pays for it.
 */
import { access } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { sha256File, type PluginContext, type PluginOptions } from '@semibench/harness/plugin';

export interface OnnxModel {
  readonly path: string;
  readonly sha256: string;
  readonly session: InferenceSession;
  readonly ort: typeof import('onnxruntime-node');
}

/** A string option resolved against the context's base dir, or undefined when absent/empty. */
export function pathOption(options: PluginOptions, key: string, context: PluginContext): string | undefined {
  const v = options[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new Error(`option "${key}" must be a file path (string), got ${JSON.stringify(v)}`);
  return isAbsolute(v) ? v : resolve(context.baseDir, v);
}

export function numberOption(options: PluginOptions, key: string, fallback: number): number {
  const v = options[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`option "${key}" must be a number, got ${JSON.stringify(v)}`);
  return v;
}

export function choiceOption<T extends string>(options: PluginOptions, key: string, choices: readonly T[], fallback: T): T {
  const v = options[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw new Error(`option "${key}" must be one of ${choices.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** Load an ONNX model for CPU inference; `plugin` and `option` make the error say which setting points where. */
export async function loadOnnx(path: string, plugin: string, option: string, threads = 1): Promise<OnnxModel> {
  try {
    await access(path);
  } catch {
    throw new Error(`${plugin}: option "${option}" points to ${path}, which does not exist (see docs/metrics.md for how to export the model)`);
  }
  const ort = await import('onnxruntime-node');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  } catch (err) {
    throw new Error(`${plugin}: could not load the ONNX model ${path} (option "${option}"): ${(err as Error).message}`);
  }
  return { path, sha256: await sha256File(path), session, ort };
}

/** Metadata of a tensor input, or an error naming the model. */
export function inputMeta(model: OnnxModel, name: string): InferenceSession.TensorValueMetadata {
  const meta = model.session.inputMetadata.find((m) => m.name === name);
  if (!meta || !meta.isTensor) throw new Error(`${model.path}: the model has no tensor input named "${name}" (inputs: ${model.session.inputNames.join(', ')})`);
  return meta;
}

/** Integer token ids as the tensor type the model declares (int64 for HF exports, int32 for some others). */
export function idsTensor(model: OnnxModel, name: string, ids: readonly number[], dims: readonly number[]): Tensor {
  const type = inputMeta(model, name).type;
  if (type === 'int64') return new model.ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), dims);
  if (type === 'int32') return new model.ort.Tensor('int32', Int32Array.from(ids), dims);
  throw new Error(`${model.path}: input "${name}" has type ${type}; expected int64 or int32 token ids`);
}

/** Run the model and return its first output (or the one named) as float32 data plus dims. */
export async function runFirst(model: OnnxModel, feeds: Record<string, Tensor>, output?: string): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const name = output ?? model.session.outputNames[0];
  if (name === undefined || !model.session.outputNames.includes(name)) {
    throw new Error(`${model.path}: no output named "${name}" (outputs: ${model.session.outputNames.join(', ')})`);
  }
  const result = await model.session.run(feeds, [name]);
  const t = result[name]!;
  if (t.type !== 'float32') throw new Error(`${model.path}: output "${name}" is ${t.type}, expected float32`);
  return { data: t.data as Float32Array, dims: t.dims };
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cosine: vectors differ in length (${a.length} vs ${b.length})`);
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  // torch's cosine_similarity clamps each norm at eps = 1e-8.
  return dot / (Math.max(Math.sqrt(na), 1e-8) * Math.max(Math.sqrt(nb), 1e-8));
}

export function subtract(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
  return out;
}
