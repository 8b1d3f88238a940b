/** The command-line side of `semibench leaderboard build`: flags to build options, and the result as text. */
import { resolve } from 'node:path';
import type { LeaderboardBuildOptions, LeaderboardBuildResult, MetricName } from '@semibench/harness';
import { parseConfidence } from '../flags/scoring.js';
import { stderrLogger } from './output.js';

/** The flags of `leaderboard build` (already parsed; undefined = not given). */
export interface LeaderboardFlags {
  dataset: string;
  out: string;
  title: string;
  'rank-by'?: string | undefined;
  bootstrap?: number | undefined;
  resample?: string | undefined;
  seed?: number | undefined;
  confidence?: string | undefined;
  slice?: string[] | undefined;
  'min-n'?: number | undefined;
  offline: boolean;
  json: boolean;
}

/** The options of `buildLeaderboard`: the statistics flags not given keep eval's defaults. Throws on a bad --confidence. */
export function leaderboardOptions(submissions: string, flags: LeaderboardFlags, threshold: number | undefined): LeaderboardBuildOptions {
  return {
    submissions: resolve(submissions),
    dataset: flags.dataset,
    out: resolve(flags.out),
    title: flags.title,
    ...(flags['rank-by'] ? { rankBy: flags['rank-by'] as MetricName } : {}),
    ...(flags.bootstrap !== undefined ? { resamples: flags.bootstrap } : {}),
    ...(flags.resample ? { resample: flags.resample as 'cluster' | 'row' } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(flags.confidence !== undefined ? { confidence: parseConfidence(flags.confidence) } : {}),
    ...(flags.slice?.length ? { slices: flags.slice } : {}),
    ...(flags['min-n'] !== undefined ? { minN: flags['min-n'] } : {}),
    ...(flags.offline ? { offline: true } : {}),
    logger: stderrLogger({ quiet: flags.json }),
  };
}

/** The ranking, the rejected bundles, what was scored or recalled, and what was written. */
export function leaderboardLines({ site, json, stats }: LeaderboardBuildResult): string[] {
  return [
    ...json.entries.map((e) => `${String(e.rank).padStart(3)}. tier ${e.tier}  ${e.detector}  ${json.scoring.rankBy} ${e.value ?? '—'}  (${e.bundle})`),
    ...json.rejected.map((r) => `rejected ${r.bundle}: ${r.reason}: ${r.message}`),
    `Scored ${stats.scored.length} bundle(s), recalled ${stats.recalled.length} from the cache; ${stats.comparisons.computed} paired comparison(s) computed, ${stats.comparisons.recalled} recalled.`,
    `Wrote ${site}/index.html, leaderboard.json and ${json.entries.length} entry file(s)`,
  ];
}
