/**
 * The decision rule and the scoring defaults, once. A leaf module: the run files, the store and
 * the reports import it without pulling in the scoring engine.
 */

/** Bootstrap resamples per interval. */
export const DEFAULT_RESAMPLES = 1000;
/** Decision threshold on the probability of fake (the paper's inclusive 0.5). */
export const DEFAULT_THRESHOLD = 0.5;
/** Interval level. */
export const DEFAULT_CONFIDENCE = 0.95;
/** Cells with fewer rows are flagged as small by tables and leaderboards. */
export const DEFAULT_MIN_N = 30;

/** The decision rule everywhere: a score at or above the threshold is called fake (spec §7.2). */
export function isFake(score: number, threshold: number): boolean {
  return score >= threshold;
}
