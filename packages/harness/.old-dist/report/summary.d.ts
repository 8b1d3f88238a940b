import type { ScoreRecord } from '../scoring/index.js';
/**
 * A readable text summary: the overall scores of every detector, then, per slice column, the
 * detection rate (recall on fakes) of each group, every value with its confidence interval.
 */
export declare function formatScoreSummary(records: readonly ScoreRecord[], options?: {
    digits?: number;
    confidence?: number;
}): string;
//# sourceMappingURL=summary.d.ts.map