import { defineMetric } from '@semibench/harness/plugin';
import { lpipsPixels } from '../onnx/preprocess.js';
import { choiceOption, loadOnnx, numberOption, runFirst } from '../onnx/session.js';
import { editedAtSourceSize, notConfigured, requirePaths } from './common.js';

/**
 * LPIPS (torchmetrics SqueezeNet LPIPS, spec §5.6) with a user-supplied ONNX export taking two [1, 3, H, W] images in
 * [−1, 1] (dynamic H, W: it runs at full resolution) and returning the distance. The inputs are scaled per image by
 * min–max (the Semi-Truths quirk, default) or linearly (`normalize: fixed`). Options: model, normalize, threads.
 */
export default defineMetric({
  kind: 'metric',
  meta: {
    name: 'lpips',
    version: '1.0.0',
    apiVersion: 1,
    stage: 'change',
    columns: ['lpips_score'],
    binned: [{ column: 'lpips_score', direction: 'higher-is-more-change' }],
    description: 'LPIPS perceptual distance at full resolution (user-supplied LPIPS-SqueezeNet ONNX export).',
    license: 'MIT',
  },
  async create(options, context) {
    const req = requirePaths(options, ['model'] as const, context);
    if (!req.paths) return notConfigured('lpips', ['lpips_score'], req.missing, context);
    const normalize = choiceOption(options, 'normalize', ['minmax', 'fixed'] as const, 'minmax');
    const model = await loadOnnx(req.paths.model, 'lpips', 'model', numberOption(options, 'threads', 1));
    const [a, b] = model.session.inputNames;
    if (a === undefined || b === undefined) throw new Error(`${model.path}: an LPIPS model needs two image inputs, it has ${model.session.inputNames.length}`);
    return {
      identity: { model: model.sha256, normalize },
      async compute(input) {
        const edited = editedAtSourceSize(input.original, input.edited);
        const dims = [1, 3, input.original.height, input.original.width];
        const out = await runFirst(model, {
          [a]: new model.ort.Tensor('float32', lpipsPixels(input.original, normalize), dims),
          [b]: new model.ort.Tensor('float32', lpipsPixels(edited, normalize), dims),
        });
        // Mean reduction over whatever shape the export returns ([1], [1,1,1,1], ...).
        let s = 0;
        for (const v of out.data) s += v;
        return { lpips_score: s / out.data.length };
      },
    };
  },
});
