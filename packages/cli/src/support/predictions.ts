import { resolve } from 'node:path';
import { loadDataset, readPredictionFile, type Dataset, type PredictionFile, type ScoredRowCounts } from '@semibench/harness';

/** The prediction files of `score` / `tables` (and the dataset they are joined to, if given). */
export async function loadPredictionInputs(flags: { predictions: string[]; dataset?: string | undefined; name?: string | undefined }): Promise<{ files: PredictionFile[]; dataset?: Dataset }> {
  if (flags.name && flags.predictions.length > 1) throw new Error('--name names a single prediction file; give one --predictions with it');
  const files = await Promise.all(flags.predictions.map((p) => readPredictionFile(resolve(p), flags.name ? { detector: flags.name } : {})));
  const dataset = flags.dataset ? await loadDataset(flags.dataset, { lazyPaths: true }) : undefined;
  return dataset ? { files, dataset } : { files };
}

export function formatCounts(counts: readonly ScoredRowCounts[]): string {
  return counts
    .map((c) => `${c.detector}: ${c.scored} of ${c.rows} rows scored, ${c.missing} without a prediction (dropped)${c.unmatched ? `, ${c.unmatched} predictions not in the dataset (ignored)` : ''}`)
    .join('\n');
}
