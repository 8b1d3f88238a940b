import { type PreparedJob } from './table.js';
import type { ResampleUnit } from './types.js';
export type { Cell, PreparedJob } from './table.js';
export type { ResampleUnit } from './types.js';
export interface ScoringRowLike {
    readonly key: string;
    readonly cluster: string;
    readonly label: 0 | 1;
    readonly score: number;
    readonly prediction: 0 | 1;
    readonly groups: Readonly<Record<string, string>>;
}
/**
 * Builds one job whose channels share the rows: one channel per entry of `channels`, each giving
 * the prediction and score of every row (the rows of channel 0 define labels, clusters and groups).
 */
export declare function prepareJob(name: string, rows: readonly ScoringRowLike[], channels: ReadonlyArray<readonly ScoringRowLike[]>, slices: readonly string[], unit: ResampleUnit): PreparedJob;
//# sourceMappingURL=prepare.d.ts.map