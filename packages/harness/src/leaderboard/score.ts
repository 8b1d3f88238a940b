/**
 * Scoring for the leaderboard, cached in the site folder so that adding a bundle scores only that
 * bundle. Scores go through `scoreRun`, the very function that ends `eval` and `merge`, so a
 * bundle's scores are byte-identical to the run's own scores.csv under the same settings. The
 * paired comparisons behind tie tiers are cached per pair of entries.
 *
 * Cache keys: the scoring settings, the dataset fingerprint and the semibench version (a new
 * version may score differently) name a folder; inside it, a bundle's scores are keyed by the
 * sha256 of its bundle.json, which commits to every file of the bundle.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '../dataset.js';
import { SEMIBENCH_VERSION, scoreRun, scoringInput, type ScoringSettings } from '../evaluate.js';
import { RUN_FILES, writeFileAtomic } from '../run/files.js';
import type { PredictionRecord } from '../run/types.js';
import { compareDetectors, pairOutcome, type ComparisonRecord, type MetricName, type PairOutcome, type ScoreRecord } from '../scoring/index.js';
import { hashValue, sha256 } from '../util/hash.js';

/** A leaderboard entry as the cache knows it: one detector of one bundle. */
export interface EntryRef {
  /** sha256 of the bundle's bundle.json. */
  bundleId: string;
  detector: string;
}

export interface CacheStats {
  /** Bundle ids scored in this build / recalled from the cache. */
  scored: string[];
  recalled: string[];
  comparisons: { computed: number; recalled: number };
}

export class LeaderboardCache {
  readonly dir: string;
  readonly stats: CacheStats = { scored: [], recalled: [], comparisons: { computed: 0, recalled: 0 } };

  constructor(
    root: string,
    private readonly settings: ScoringSettings,
    fingerprint: string,
  ) {
    this.dir = join(root, hashValue({ settings, fingerprint, semibench: SEMIBENCH_VERSION }));
  }

  /** Every score of a bundle's detectors, from the cache or computed now (as eval does). */
  async scores(bundleId: string, detectors: readonly string[], predictions: readonly PredictionRecord[], dataset: Dataset): Promise<ScoreRecord[]> {
    const dir = join(this.dir, 'bundles', bundleId);
    const cached = join(dir, RUN_FILES.scoresJson);
    // scoreRun writes scores.json last and atomically: its presence means the scores are whole.
    if (existsSync(cached)) {
      this.stats.recalled.push(bundleId);
      return JSON.parse(await readFile(cached, 'utf8')) as ScoreRecord[];
    }
    await mkdir(dir, { recursive: true });
    const scores = await scoreRun(dir, detectors, predictions, dataset.rows, this.settings);
    this.stats.scored.push(bundleId);
    return scores;
  }

  /**
   * Paired overall comparison of two entries (same images, same resamples), cached in a canonical
   * order; returns the outcome on `metric` as seen from `a`.
   */
  async outcome(a: EntryRef & { predictions: readonly PredictionRecord[] }, b: EntryRef & { predictions: readonly PredictionRecord[] }, dataset: Dataset, metric: MetricName): Promise<PairOutcome> {
    const [first, second] = refKey(a) <= refKey(b) ? [a, b] : [b, a];
    const path = join(this.dir, 'pairs', `${sha256(`${refKey(first)}\n${refKey(second)}`).slice(0, 32)}.json`);
    let records: ComparisonRecord[];
    if (existsSync(path)) {
      records = JSON.parse(await readFile(path, 'utf8')) as ComparisonRecord[];
      this.stats.comparisons.recalled++;
    } else {
      const rowsOf = (e: EntryRef & { predictions: readonly PredictionRecord[] }) =>
        scoringInput([e.detector], e.predictions, dataset.rows, [], this.settings.threshold)[0]!.rows;
      records = await compareDetectors({ detector: refKey(first), rows: rowsOf(first) }, { detector: refKey(second), rows: rowsOf(second) }, {
        slices: [],
        resamples: this.settings.resamples,
        seed: this.settings.seed,
        confidence: this.settings.confidence,
        resample: this.settings.resample,
      });
      await mkdir(join(this.dir, 'pairs'), { recursive: true });
      await writeFileAtomic(path, JSON.stringify(records));
      this.stats.comparisons.computed++;
    }
    const outcome = pairOutcome(records.find((r) => r.slice === 'overall' && r.group === 'all' && r.metric === metric));
    if (first === a || outcome === 'tied') return outcome;
    return outcome === 'first' ? 'second' : 'first';
  }
}

function refKey(e: EntryRef): string {
  return `${e.bundleId}:${e.detector}`;
}
