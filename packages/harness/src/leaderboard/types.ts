/**
 * The leaderboard's published shapes (leaderboard.json, entry JSON, what the site renders), apart from
 * the build that fills them so that the site renderer and the build import them without a cycle.
 */
import type { MetricName, ScoreRecord } from '../scoring/index.js';
import type { ScoringSettings } from '../scoring/run.js';
import type { BundleManifest, RejectionReason } from './bundle.js';
import type { MapThumbnail } from './maps.js';

export interface EntryBadges {
  /** The run was not blind: unblinded, or made before semibench recorded blindness. */
  notBlind: boolean;
  blindRecorded: boolean;
  unblind: string[];
  /** Generators of this dataset (its `model` column) the detector declares it was trained on. */
  trainedOnGenerator: string[];
}

export interface OverallScore {
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
}

export interface LeaderboardEntryJson {
  /** Name on this leaderboard (the run's detector name, with the bundle file when two bundles use it). */
  detector: string;
  bundle: string;
  bundleSha256: string;
  rank: number;
  /** Tie tier: 1 + the number of times, going down the ranking, a detector was separated from its tier's leader. */
  tier: number;
  rank_best: number;
  rank_worst: number;
  tied_with: string[];
  metric: MetricName;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
  small: boolean;
  /** Every overall metric. */
  scores: Record<string, OverallScore>;
  badges: EntryBadges;
  meta: BundleManifest['detectors'][number];
  submission: { semibench: string; bundledWith: string; datasetSpec: string; startedAt: string; finishedAt: string | null; reencode: string | null };
  maps: number;
  /** Path of this entry's JSON inside the site. */
  page: string;
}

export interface RejectedBundle {
  bundle: string;
  reason: RejectionReason;
  message: string;
}

export interface LeaderboardJson {
  format: 'semibench.leaderboard/1';
  dataset: { spec: string; fingerprint: string; metadataSha256: string; hf: string | null; rows: number };
  generated: string;
  semibench: string;
  scoring: ScoringSettings & { rankBy: MetricName; minN: number };
  entries: LeaderboardEntryJson[];
  rejected: RejectedBundle[];
  notes: string[];
}

/** An accepted entry with what the site needs besides its JSON. */
export interface SiteEntry {
  json: LeaderboardEntryJson;
  slug: string;
  /** This entry's score records, named by `json.detector`. */
  scores: ScoreRecord[];
  maps: MapThumbnail[];
}

