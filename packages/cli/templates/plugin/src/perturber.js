// @ts-check
/**
 * {{name}}: a semibench label perturber (generation mode, stage 1; plain JavaScript, no build step).
 *
 * semibench asks perturb(request) for a replacement of one object label at a requested semantic
 * magnitude. Answer deterministically for a given request.seed; return target null when no
 * acceptable answer was produced, and flagged true when the answer should not be used.
 *
 * The perturbation is a placeholder: a seeded pick from a fixed word list.
 */

const WORDS = ['cat', 'horse', 'bicycle', 'lamp', 'boat', 'chair', 'kite', 'vase'];

/**
 * @param {import('./semibench-contract.js').PerturbRequest} request
 * @returns {import('./semibench-contract.js').PerturbResult}
 */
export function pick(request) {
  const choices = WORDS.filter((w) => w !== request.label.toLowerCase());
  const target = choices[(request.seed >>> 0) % choices.length] ?? null;
  return { target, magnitude: request.magnitude, flagged: false, attempts: 1 };
}

/** @type {import('./semibench-contract.js').PerturberPlugin} */
const plugin = {
  kind: 'perturber',
  meta: { name: '{{name}}', version: '0.1.0', apiVersion: 1, description: '{{description}}' },
  create() {
    return {
      async perturb(request) {
        return pick(request);
      },
    };
  },
};

export default plugin;
