import { type MetricName } from './metrics.js';
import { type ScoringRowLike } from './prepare.js';
import { type ScoreOptions, type ScoringRow } from './types.js';
export interface DetectorRows {
    readonly detector: string;
    readonly rows: readonly ScoringRow[];
}
export interface ComparisonRecord {
    a: string;
    b: string;
    slice: string;
    group: string;
    metric: string;
    /** Common rows in this cell. */
    n: number;
    value_a: number;
    value_b: number;
    /** value_a − value_b. */
    diff: number;
    ci_low: number | null;
    ci_high: number | null;
    /**
     * Two-sided bootstrap p-value for "no difference": 2·min(share of resampled differences ≤ 0,
     * share ≥ 0), each with the +1 correction, capped at 1. Null without resamples.
     */
    p_value: number | null;
}
/** The rows both detectors scored, aligned by key; labels must agree. */
export declare function commonRows(a: DetectorRows, b: DetectorRows): [ScoringRowLike[], ScoringRowLike[]];
export declare function compareDetectors(a: DetectorRows, b: DetectorRows, options: ScoreOptions): Promise<ComparisonRecord[]>;
/** Two-sided bootstrap p-value of H0: difference = 0, from the resampled differences (NaN = undefined). */
export declare function bootstrapPValue(diffs: Float64Array): number | null;
export interface LeaderboardEntry {
    detector: string;
    value: number | null;
    ci_low: number | null;
    ci_high: number | null;
    n: number;
    /** Position in the point-estimate order (1 = best). */
    rank: number;
    /** Best and worst rank compatible with the paired comparisons: 1 + #significantly better, D − #significantly worse. */
    rank_best: number;
    rank_worst: number;
    /** Detectors whose paired difference interval contains 0. */
    tied_with: string[];
    /** The cell has fewer rows than minN. */
    small: boolean;
}
export interface Leaderboard {
    slice: string;
    group: string;
    metric: MetricName;
    entries: LeaderboardEntry[];
    notes: string[];
}
/**
 * Orders detectors by a metric of one cell (higher is better) and marks statistical ties: two
 * detectors are tied when the paired bootstrap interval of their difference contains 0.
 */
export declare function leaderboard(input: readonly DetectorRows[], options: ScoreOptions & {
    slice?: string;
    group?: string;
    metric: MetricName;
}): Promise<Leaderboard>;
//# sourceMappingURL=compare.d.ts.map