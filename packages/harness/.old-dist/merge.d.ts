import type { Logger } from './contract.js';
import { type RunManifest } from './evaluate.js';
import type { PredictionRecord, RowError } from './runner.js';
import type { ScoreRecord } from './scoring/index.js';
export interface MergeOptions {
    /** Shard run directories, in any order. */
    runs: readonly string[];
    out: string;
    /** Dataset directory, when the path recorded by the shards does not exist on this machine. */
    dataset?: string;
    logger?: Logger;
    /** The command line, recorded in the merged manifest. */
    command?: readonly string[];
}
export interface MergeResult {
    outDir: string;
    manifest: RunManifest;
    scores: ScoreRecord[];
    predictions: PredictionRecord[];
    errors: RowError[];
}
export declare function mergeRuns(options: MergeOptions): Promise<MergeResult>;
//# sourceMappingURL=merge.d.ts.map