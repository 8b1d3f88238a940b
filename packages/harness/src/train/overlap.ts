/**
 * A fitted detector (a `train probe` package) knows the rows it was fitted on. Scoring it on those
 * rows, or on other rows of the same source images, measures memory rather than detection: the
 * run says so (a warning, and `trainingOverlap` in the manifest's detector entry).
 */
import type { Logger, TrainedOnRows } from '../contract.js';
import type { DatasetRow } from '../dataset.js';
import type { TrainingOverlap } from '../run/types.js';

export type { TrainingOverlap };


export function trainingOverlap(trained: TrainedOnRows | undefined, rows: readonly DatasetRow[], detector: string, logger: Logger): TrainingOverlap | undefined {
  if (!trained) return undefined;
  const keys = new Set(trained.keys);
  const ids = new Set(trained.imageIds);
  const same = rows.filter((r) => keys.has(r.key));
  const related = rows.filter((r) => ids.has(r.id));
  if (related.length === 0) return undefined;
  const overlap: TrainingOverlap = { fingerprint: trained.fingerprint, rows: same.length, sourceImageRows: related.length, examples: same.slice(0, 5).map((r) => r.key) };
  logger.warn(
    `${detector} was trained on ${same.length} of the ${rows.length} rows scored here (and ${related.length} share a source image with its training data; ` +
      `training data ${trained.fingerprint}): those scores measure fit, not detection. Score it on held-out data.`,
  );
  return overlap;
}
