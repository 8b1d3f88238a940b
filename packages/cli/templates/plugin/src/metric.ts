/**
 * {{name}}: a semibench metric plugin (generation mode).
 *
 * semibench calls compute(input) once per edit with the source, the edit resized to the source
 * size, the edit as produced, the mask and the texts, and writes the returned values into the
 * dataset under the names listed in meta.columns. Return null for "not computed" (never NaN or 0).
 *
 * The metric is a placeholder: mean absolute pixel difference, in [0, 1].
 */
import type { MetricInput, MetricPlugin } from './semibench-contract.js';

export function meanAbsoluteDifference(input: MetricInput): number {
  const a = input.original.data;
  const b = input.edited.data;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return a.length ? sum / a.length / 255 : 0;
}

const plugin: MetricPlugin = {
  kind: 'metric',
  meta: { name: '{{name}}', version: '0.1.0', apiVersion: 1, description: '{{description}}', stage: 'change', columns: ['{{column}}'] },
  create() {
    return {
      compute(input) {
        return { '{{column}}': meanAbsoluteDifference(input) };
      },
    };
  },
};

export default plugin;
