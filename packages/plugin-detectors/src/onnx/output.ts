/**
 * How a model's output becomes one probability-of-fake per item. Declared, like preprocessing,
 * because "0.5 on what?" is a classic source of wrong numbers (lessons.md §7).
 */
import type { OptionValue } from '@semibench/harness/plugin';
import type { OutputTensor } from './session.js';

export type OutputKind = 'probability' | 'logit' | 'softmax' | 'argmax';

export interface OutputSpec {
  /** Which output tensor (default: the model's first output). */
  name?: string;
  /**
   * - probability: the value already is P(fake) (checked to lie in [0, 1]);
   * - logit: sigmoid(value);
   * - softmax: softmax over the class axis, then class `index`;
   * - argmax: 2-class models decided by argmax (DE-FAKE): the score is softmax class `index`,
   *   whose 0.5 threshold gives the same decision as argmax (an exact tie goes to `index`).
   */
  kind: OutputKind;
  /** Class / column of "fake" (default 0 for probability and logit, 1 for softmax and argmax). */
  index?: number;
}

const KINDS: readonly OutputKind[] = ['probability', 'logit', 'softmax', 'argmax'];

/** Parses an output declaration: an object, or the shorthand `kind[:index][@outputName]` (e.g. `softmax:1@logits`). */
export function parseOutputSpec(value: OptionValue | undefined, where: string): OutputSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('{')) return parseOutputSpec(JSON.parse(trimmed) as OptionValue, where);
    const m = /^([a-z]+)(?::(\d+))?(?:@(.+))?$/.exec(trimmed);
    if (!m || !KINDS.includes(m[1] as OutputKind)) {
      throw new Error(`${where}: output "${value}" is not understood; use ${KINDS.join('|')}[:index][@outputName], e.g. "logit" or "softmax:1"`);
    }
    const spec: OutputSpec = { kind: m[1] as OutputKind };
    if (m[2] !== undefined) spec.index = Number(m[2]);
    if (m[3] !== undefined) spec.name = m[3];
    return spec;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: output must be an object or a string, got ${JSON.stringify(value)}`);
  for (const k of Object.keys(value)) {
    if (!['name', 'kind', 'index'].includes(k)) throw new Error(`${where}: output has unknown field "${k}" (allowed: name, kind, index)`);
  }
  const kind = value.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as OutputKind)) throw new Error(`${where}: output.kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  const spec: OutputSpec = { kind: kind as OutputKind };
  if (value.index !== undefined) {
    if (typeof value.index !== 'number' || !Number.isInteger(value.index) || value.index < 0) throw new Error(`${where}: output.index must be an integer >= 0`);
    spec.index = value.index;
  }
  if (value.name !== undefined) {
    if (typeof value.name !== 'string') throw new Error(`${where}: output.name must be a string`);
    spec.name = value.name;
  }
  return spec;
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Scores for the first `count` rows of an output tensor of shape [N], [N, 1] or [N, K]. */
export function interpretOutput(tensor: OutputTensor, spec: OutputSpec, count: number, label: string): Float64Array {
  if (tensor.data instanceof BigInt64Array) throw new Error(`${label}: output is int64; declare a float output`);
  const dims = tensor.dims;
  const n = dims[0] ?? 0;
  if (n < count) throw new Error(`${label}: output has ${n} rows for ${count} items`);
  const k = dims.length === 1 ? 1 : dims.slice(1).reduce((a, b) => a * b, 1);
  if (dims.length > 2 && dims.slice(2).some((d) => d !== 1)) throw new Error(`${label}: output shape [${dims.join(', ')}] is not [N] or [N, K]`);
  const index = spec.index ?? (spec.kind === 'softmax' || spec.kind === 'argmax' ? 1 : 0);
  if (index >= k) throw new Error(`${label}: output index ${index} is out of range for ${k} classes (shape [${dims.join(', ')}])`);
  if (spec.kind === 'argmax' && k !== 2) throw new Error(`${label}: output kind argmax needs exactly 2 classes, the model gives ${k}; use softmax:index`);
  if (spec.kind === 'softmax' && k < 2) throw new Error(`${label}: output kind softmax needs at least 2 classes; use logit or probability for one column`);
  const data = tensor.data;
  const scores = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const row = i * k;
    const v = Number(data[row + index]);
    let score: number;
    switch (spec.kind) {
      case 'probability':
        if (!(v >= -1e-6 && v <= 1 + 1e-6)) {
          throw new Error(`${label}: item ${i} has output ${v}, which is not a probability; declare output kind "logit" if the model emits logits`);
        }
        score = Math.min(1, Math.max(0, v));
        break;
      case 'logit':
        score = sigmoid(v);
        break;
      case 'softmax':
      case 'argmax': {
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, Number(data[row + j]));
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(Number(data[row + j]) - max);
        score = Math.exp(v - max) / sum;
        break;
      }
    }
    if (!Number.isFinite(score)) throw new Error(`${label}: item ${i} gives a non-finite score from output value ${v}`);
    scores[i] = score;
  }
  return scores;
}
