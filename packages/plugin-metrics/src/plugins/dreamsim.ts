import { defineMetric } from '@semibench/harness/plugin';
import { squareUnitPixels } from '../onnx/preprocess.js';
import { cosine, loadOnnx, numberOption, runFirst } from '../onnx/session.js';
import { editedAtSourceSize, notConfigured, requirePaths } from './common.js';

/**
 * DreamSim distance (spec §5.7) with a user-supplied ONNX export. Both images get DreamSim's preprocessing (PIL
 * bicubic resize to 224×224, [0, 1], CHW). Two kinds of export work: an embedding model (one input → embedding;
 * distance = 1 − cos, which is what `dreamsim`'s forward computes) or a distance model (two inputs → distance).
 * Options: model, threads.
 */
export default defineMetric({
  kind: 'metric',
  meta: {
    name: 'dreamsim',
    version: '1.0.0',
    apiVersion: 1,
    stage: 'change',
    columns: ['dreamsim'],
    binned: [{ column: 'dreamsim', direction: 'higher-is-more-change' }],
    description: 'DreamSim perceptual distance (user-supplied DreamSim ONNX export).',
    license: 'MIT',
  },
  async create(options, context) {
    const req = requirePaths(options, ['model'] as const, context);
    if (!req.paths) return notConfigured('dreamsim', ['dreamsim'], req.missing, context);
    const model = await loadOnnx(req.paths.model, 'dreamsim', 'model', numberOption(options, 'threads', 1));
    const names = model.session.inputNames;
    const first = model.session.inputMetadata[0];
    const side = first?.isTensor && typeof first.shape[3] === 'number' && first.shape[3] > 0 ? first.shape[3] : 224;
    const dims = [1, 3, side, side];
    return {
      identity: { model: model.sha256, mode: names.length >= 2 ? 'distance' : 'embedding' },
      async compute(input) {
        const x1 = new model.ort.Tensor('float32', squareUnitPixels(input.original, side), dims);
        const x2 = new model.ort.Tensor('float32', squareUnitPixels(editedAtSourceSize(input.original, input.edited), side), dims);
        if (names.length >= 2) {
          const out = await runFirst(model, { [names[0]!]: x1, [names[1]!]: x2 });
          return { dreamsim: out.data[0]! };
        }
        const e1 = (await runFirst(model, { [names[0]!]: x1 })).data.slice();
        const e2 = (await runFirst(model, { [names[0]!]: x2 })).data;
        return { dreamsim: 1 - cosine(e1, e2) };
      },
    };
  },
});
