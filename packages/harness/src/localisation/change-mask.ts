/**
 * Change masks as ground truth: a metric plugin may hand back the binary change mask it computed
 * (contract `MetricOutput`), which `generate` saves for prompt-based (p2p) edits — they have no input
 * mask — as `p2p_masks/<model>/<edit id>.png`, the eval set's layout (spec §2.2, §5.4).
 */
import type { MetricOutput, MetricValues, RasterImage } from '../contract.js';

/** A compute() result as column values plus the change mask, whichever form the plugin returned. */
export function splitMetricResult(result: MetricValues | MetricOutput): { values: MetricValues; changeMask?: RasterImage } {
  const values = (result as { values?: unknown }).values;
  if (values !== null && typeof values === 'object' && !Array.isArray(values)) {
    const output = result as MetricOutput;
    return output.changeMask ? { values: output.values, changeMask: output.changeMask } : { values: output.values };
  }
  return { values: result as MetricValues };
}

/** Where generate writes a p2p edit's change mask, relative to the output dataset. */
export function p2pMaskPath(model: string, editId: string): string {
  return `p2p_masks/${model}/${editId}.png`;
}
