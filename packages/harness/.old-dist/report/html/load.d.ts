import type { RunManifest } from '../../evaluate.js';
import type { PredictionRecord } from '../../runner.js';
import type { ScoreRecord } from '../../scoring/index.js';
export interface LoadedRun {
    /** Absolute run directory. */
    dir: string;
    /** Directory name, used to tell apart detectors of the same name from different runs. */
    name: string;
    manifest: RunManifest;
    scores: ScoreRecord[];
    predictions: PredictionRecord[];
    /** Rows of errors.csv (images that could not be scored). */
    errorCount: number;
}
/** Loads one run directory; errors name the file and say what is wrong. */
export declare function readRunDir(path: string): Promise<LoadedRun>;
//# sourceMappingURL=load.d.ts.map