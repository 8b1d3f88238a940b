import type { DatasetRow } from './dataset.js';
import type { RunManifest } from './evaluate.js';
import type { PredictionRecord } from './runner.js';
export interface ResumePlan {
    previous: Pick<RunManifest, 'startedAt' | 'status'>;
    /** Detector name → row key → score: predictions that are not made again. */
    known: Map<string, Map<string, number>>;
    /** Detectors whose earlier predictions are not reused, with the reason. */
    ignored: Record<string, string>;
}
/**
 * What can be recalled from `outDir` for a run described by `next` over `rows`. Undefined when
 * the directory holds no earlier run.
 */
export declare function planResume(outDir: string, next: RunManifest, rows: readonly DatasetRow[]): Promise<ResumePlan | undefined>;
/** The recalled predictions as records of the current rows (ids and labels from the metadata). */
export declare function knownRecords(plan: ResumePlan, rows: readonly DatasetRow[], detectorNames: readonly string[]): PredictionRecord[];
//# sourceMappingURL=resume.d.ts.map