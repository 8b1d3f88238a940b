import { defineMetric } from '@semibench/harness/plugin';
import { BrisqueScorer } from '../brisque/model.js';
import { pathOption } from '../onnx/session.js';

/**
 * BRISQUE as the `brisque` 0.0.16 Python package scores it (brisque.md), with its shipped LIVE model: the source
 * image (`brisque_score_orig`) and the edit at its stored size (`brisque_score_perturb`, the QC check in [0, 70]).
 * A score of NaN (flat or degenerate image) is a computed value that fails QC. Option `modelDir` swaps the model
 * files (svm.txt, normalize.json, gaussian-kernel-7x7.json).
 */
export default defineMetric({
  kind: 'metric',
  meta: {
    name: 'brisque',
    version: '1.0.0',
    apiVersion: 1,
    stage: 'qc',
    columns: ['brisque_score_orig', 'brisque_score_perturb'],
    description: 'BRISQUE no-reference quality (port of the brisque 0.0.16 Python package, LIVE model); lower is better.',
    license: 'MIT (model: LIVE, UT Austin; see data/brisque)',
  },
  async create(options, context) {
    const dir = pathOption(options, 'modelDir', context);
    const scorer = await BrisqueScorer.create(dir);
    return {
      identity: { model: dir ?? 'builtin:brisque-0.0.16-live' },
      compute(input) {
        return { brisque_score_orig: scorer.score(input.original), brisque_score_perturb: scorer.score(input.editedNative) };
      },
    };
  },
});
