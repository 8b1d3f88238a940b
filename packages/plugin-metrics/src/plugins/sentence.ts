import { defineMetric } from '@semibench/harness/plugin';
import { cosine, idsTensor, loadOnnx, numberOption, runFirst, type OnnxModel } from '../onnx/session.js';
import { loadTokenizer, type TextTokenizer } from '../onnx/tokenizer.js';
import { BoundedCache, notConfigured, requirePaths } from './common.js';

/**
 * Sentence distance `sen_sim` = 1 − max(cos(e1, e2), 0) between the original and perturbed text (spec §5.8), with a
 * user-supplied sentence-transformers/all-MiniLM-L6-v2 ONNX export and its tokenizer.json. A distance despite the
 * name. A model whose output is per token ([1, L, D]) is mean-pooled over the attention mask, as
 * sentence-transformers does; a [1, D] output is used as it is. Options: model, tokenizer, maxLength (256), threads.
 */
export default defineMetric({
  kind: 'metric',
  meta: {
    name: 'sentence',
    version: '1.0.0',
    apiVersion: 1,
    stage: 'change',
    columns: ['sen_sim'],
    binned: [{ column: 'sen_sim', direction: 'higher-is-less-change' }],
    description: 'Sentence-embedding distance between original and perturbed text (user-supplied MiniLM ONNX export).',
    license: 'MIT',
  },
  async create(options, context) {
    const req = requirePaths(options, ['model', 'tokenizer'] as const, context);
    if (!req.paths) return notConfigured('sentence', ['sen_sim'], req.missing, context);
    const maxLength = numberOption(options, 'maxLength', 256);
    const [model, tokenizer] = await Promise.all([
      loadOnnx(req.paths.model, 'sentence', 'model', numberOption(options, 'threads', 1)),
      loadTokenizer(req.paths.tokenizer, 'sentence', 'tokenizer'),
    ]);
    const cache = new BoundedCache<string, Float64Array>(4096);
    return {
      identity: { model: model.sha256, maxLength },
      async compute(input) {
        const e1 = await cache.get(input.originalText, () => embedSentence(model, tokenizer, input.originalText, maxLength));
        const e2 = await cache.get(input.editedText, () => embedSentence(model, tokenizer, input.editedText, maxLength));
        return { sen_sim: 1 - Math.max(cosine(e1, e2), 0) };
      },
    };
  },
});

export async function embedSentence(model: OnnxModel, tokenizer: TextTokenizer, text: string, maxLength: number): Promise<Float64Array> {
  let ids = tokenizer.encode(text);
  // sentence-transformers truncates to max_seq_length, keeping the final [SEP].
  if (ids.length > maxLength) ids = [...ids.slice(0, maxLength - 1), ids[ids.length - 1]!];
  const dims = [1, ids.length];
  const names = model.session.inputNames;
  const feeds = { input_ids: idsTensor(model, 'input_ids', ids, dims) };
  const ones = ids.map(() => 1);
  if (names.includes('attention_mask')) Object.assign(feeds, { attention_mask: idsTensor(model, 'attention_mask', ones, dims) });
  if (names.includes('token_type_ids')) Object.assign(feeds, { token_type_ids: idsTensor(model, 'token_type_ids', ids.map(() => 0), dims) });
  const out = await runFirst(model, feeds);
  if (out.dims.length === 2) return Float64Array.from(out.data);
  if (out.dims.length !== 3) throw new Error(`${model.path}: expected output [1, L, D] or [1, D], got [${out.dims.join(', ')}]`);
  const L = out.dims[1]!;
  const D = out.dims[2]!;
  // Mean pooling over the tokens (all attended: a single unpadded text).
  const e = new Float64Array(D);
  for (let t = 0; t < L; t++) for (let d = 0; d < D; d++) e[d]! += out.data[t * D + d]!;
  for (let d = 0; d < D; d++) e[d]! /= L;
  return e;
}
