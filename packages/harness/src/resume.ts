/**
 * Resuming a run directory. `eval` started again with the same `--out` recalls the predictions
 * the interrupted (or finished) run already wrote to predictions.csv, as long as they were made
 * from the same inputs: same metadata file, same detector store key (plugin, version, options,
 * weights, preprocessing) and, for detectors whose crops are seeded per row, the same seed.
 * Everything else is predicted again, or recalled from the prediction store by content.
 *
 * This makes the run directory itself enough to resume from: the store may live on a node-local
 * disk that a pre-empted job never sees again, while the run directory sits on shared storage.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DetectorInput } from './contract.js';
import type { DatasetRow } from './dataset.js';
import { inputUsesMask } from './preprocess/index.js';
import { RUN_FILES, findRunManifest, readPredictionsCsv } from './run/files.js';
import type { KnownPrediction, PredictionRecord, RunManifest } from './run/types.js';

export interface ResumePlan {
  previous: Pick<RunManifest, 'startedAt' | 'status'>;
  /** Detector name → row key → score (and map): predictions that are not made again. */
  known: Map<string, Map<string, KnownPrediction>>;
  /** Detectors whose earlier predictions are not reused, with the reason. */
  ignored: Record<string, string>;
}

/**
 * What can be recalled from `outDir` for a run described by `next` over `rows`. Undefined when
 * the directory holds no earlier run.
 */
export async function planResume(outDir: string, next: RunManifest, rows: readonly DatasetRow[]): Promise<ResumePlan | undefined> {
  const previous = await findRunManifest(outDir);
  if (!previous) return undefined;
  const plan: ResumePlan = { previous: { startedAt: previous.startedAt, status: previous.status }, known: new Map(), ignored: {} };
  const everyone = (why: string) => {
    for (const d of next.detectors) plan.ignored[d.name] = why;
    return plan;
  };
  if (previous.dataset?.metadataSha256 !== next.dataset.metadataSha256) return everyone('the dataset metadata changed');

  const reusable = new Set<string>();
  for (const d of next.detectors) {
    const before = previous.detectors?.find((p) => p.name === d.name);
    if (!before) plan.ignored[d.name] = 'it was not in the earlier run';
    else if (before.storeKey !== d.storeKey) plan.ignored[d.name] = 'its plugin version, options, weights or preprocessing changed';
    else if (previous.scoring?.seed !== next.scoring.seed && inputUsesMask(d.inputSpec as DetectorInput)) plan.ignored[d.name] = 'the seed of its mask-aware crop changed';
    else reusable.add(d.name);
  }
  const csv = join(outDir, RUN_FILES.predictions);
  if (reusable.size === 0 || !existsSync(csv)) return plan;

  const keys = new Set(rows.map((r) => r.key));
  const { records } = await readPredictionsCsv(csv);
  for (const r of records) {
    if (!reusable.has(r.detector) || !keys.has(r.key)) continue;
    let byKey = plan.known.get(r.detector);
    if (!byKey) plan.known.set(r.detector, (byKey = new Map()));
    // A map file that is gone (deleted by hand) means predicting that row again.
    if (r.mapPath && !existsSync(join(outDir, r.mapPath))) {
      byKey.delete(r.key);
      continue;
    }
    // A line appended later (after a resume) supersedes an earlier one.
    byKey.set(r.key, r.mapPath ? { score: r.score, mapPath: r.mapPath } : { score: r.score });
  }
  return plan;
}

/** The recalled predictions as records of the current rows (ids and labels from the metadata). */
export function knownRecords(plan: ResumePlan, rows: readonly DatasetRow[], detectorNames: readonly string[]): PredictionRecord[] {
  const out: PredictionRecord[] = [];
  for (const row of rows) {
    for (const detector of detectorNames) {
      const held = plan.known.get(detector)?.get(row.key);
      if (held !== undefined) out.push({ detector, key: row.key, id: row.id, label: row.label, score: held.score, cached: true, ...(held.mapPath ? { mapPath: held.mapPath } : {}) });
    }
  }
  return out;
}
