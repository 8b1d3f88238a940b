/**
 * `semibench leaderboard build DIR --dataset DS --out SITE`: every bundle in DIR is opened,
 * verified and either accepted (scored by the leaderboard itself, with eval's statistics) or
 * rejected with a named reason; the accepted entries are ranked with paired comparisons into tie
 * tiers and written as SITE/leaderboard.json, SITE/entries/*.json and SITE/index.html.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../contract.js';
import { SEMIBENCH_VERSION, defaultSlices, type ScoringSettings } from '../evaluate.js';
import { writeFileAtomic } from '../run/files.js';
import { DEFAULT_RANK_METRIC } from '../report/html/model.js';
import type { PredictionRecord } from '../run/types.js';
import { DEFAULT_MIN_N, METRICS, rankWithTies, type MetricName, type ScoreRecord } from '../scoring/index.js';
import { BundleRejection, DEFAULT_BUNDLE_LIMITS, type BundleLimits, type BundleManifest, type RejectionReason } from './bundle.js';
import { loadLeaderboardDataset, type LeaderboardDataset } from './dataset.js';
import { mapThumbnails, type MapThumbnail } from './maps.js';
import { openBundle } from './open.js';
import { LeaderboardCache, type CacheStats } from './score.js';
import type { PairOutcome } from '../scoring/index.js';
import { renderSite } from './site.js';
import { checkPredictions } from './verify.js';

export const LEADERBOARD_FILES = { json: 'leaderboard.json', html: 'index.html', entries: 'entries', cache: 'cache' } as const;
const BUNDLE_RE = /\.(tgz|tar\.gz)$/i;

export interface LeaderboardBuildOptions {
  /** Folder of submitted bundles (*.tgz, *.tar.gz). */
  submissions: string;
  /** Dataset directory or hf:OWNER/NAME[@REV]. */
  dataset: string;
  /** Site folder to write. */
  out: string;
  seed?: number;
  resamples?: number;
  resample?: 'cluster' | 'row';
  confidence?: number;
  threshold?: number;
  /** Slice columns (default: every known slice column the dataset has, as eval). */
  slices?: readonly string[];
  rankBy?: MetricName;
  minN?: number;
  title?: string;
  offline?: boolean;
  limits?: BundleLimits;
  logger?: Logger;
  now?: Date;
}

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

export interface LeaderboardBuildResult {
  site: string;
  json: LeaderboardJson;
  stats: CacheStats;
}

interface Accepted {
  file: string;
  id: string;
  bundle: BundleManifest;
  predictions: PredictionRecord[];
  scores: ScoreRecord[];
  maps: { count: number; thumbnails: MapThumbnail[] };
}

function normalizeGenerator(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function badges(bundle: BundleManifest, detector: BundleManifest['detectors'][number], generators: readonly string[]): EntryBadges {
  const ours = new Map(generators.map((g) => [normalizeGenerator(g), g]));
  const trained = detector.trainedOn.map((t) => ours.get(normalizeGenerator(t))).filter((g): g is string => g !== undefined);
  // What was opened for this detector: the run's channels, its own, and class-dependent preprocessing.
  const own = detector.blind;
  const unblind = [...new Set([...bundle.blind.unblind, ...(own?.unblind ?? []), ...(own?.parity ?? []).map((p) => `parity: ${p}`)])];
  return {
    notBlind: !bundle.blind.recorded || unblind.length > 0 || own?.blind === false,
    blindRecorded: bundle.blind.recorded,
    unblind,
    trainedOnGenerator: [...new Set(trained)].sort(),
  };
}

function slugOf(name: string, bundleId: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'detector';
  return `${base}-${bundleId.slice(0, 8)}`;
}

/** Opens, verifies and scores one bundle file; a BundleRejection becomes the caller's rejected entry. */
async function acceptBundle(file: string, dir: string, work: string, ds: LeaderboardDataset, cache: LeaderboardCache, limits: BundleLimits): Promise<Accepted> {
  const opened = await openBundle(join(dir, file), work, limits);
  try {
    const predictions = await checkPredictions(opened, ds.dataset, ds.fingerprint);
    const detectors = opened.bundle.detectors.map((d) => d.name);
    const scores = await cache.scores(opened.id, detectors, predictions, ds.dataset);
    return { file, id: opened.id, bundle: opened.bundle, predictions, scores, maps: await mapThumbnails(opened) };
  } finally {
    await rm(opened.dir, { recursive: true, force: true });
  }
}

async function readSubmissions(dir: string, ds: LeaderboardDataset, cache: LeaderboardCache, options: LeaderboardBuildOptions, work: string): Promise<{ accepted: Accepted[]; rejected: RejectedBundle[] }> {
  const files = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && BUNDLE_RE.test(e.name)).map((e) => e.name).sort();
  const accepted: Accepted[] = [];
  const rejected: RejectedBundle[] = [];
  for (const file of files) {
    try {
      const entry = await acceptBundle(file, dir, work, ds, cache, options.limits ?? DEFAULT_BUNDLE_LIMITS);
      const twin = accepted.find((a) => a.id === entry.id);
      if (twin) rejected.push({ bundle: file, reason: 'duplicate-bundle', message: `the same bundle as ${twin.file} (identical bundle.json)` });
      else accepted.push(entry);
    } catch (error) {
      if (!(error instanceof BundleRejection)) throw error;
      rejected.push({ bundle: file, reason: error.reason, message: error.message });
      options.logger?.warn(`${file}: rejected (${error.reason}): ${error.message}`);
    }
  }
  return { accepted, rejected };
}

function overallOf(scores: readonly ScoreRecord[], detector: string): Record<string, OverallScore> {
  const out: Record<string, OverallScore> = {};
  for (const s of scores) if (s.detector === detector && s.slice === 'overall') out[s.metric] = { value: s.value, ci_low: s.ci_low, ci_high: s.ci_high, n: s.n };
  return out;
}

/** Tiers down the ranking: a detector joins the current tier when tied with its leader, else leads a new one. */
function tiers(order: ReadonlyArray<{ detector: string; tied_with: readonly string[] }>): Map<string, number> {
  const tier = new Map<string, number>();
  let leader: (typeof order)[number] | undefined;
  let current = 0;
  for (const e of order) {
    if (!leader || !leader.tied_with.includes(e.detector)) {
      leader = e;
      current++;
    }
    tier.set(e.detector, current);
  }
  return tier;
}

/** Names on the board: the detector's own, or `name (bundle file)` when several bundles use it. */
function entryNames(accepted: readonly Accepted[]): Array<{ a: Accepted; detector: BundleManifest['detectors'][number]; id: string }> {
  const all = accepted.flatMap((a) => a.bundle.detectors.map((detector) => ({ a, detector })));
  const count = (name: string) => all.filter((x) => x.detector.name === name).length;
  return all.map((x) => ({ ...x, id: count(x.detector.name) > 1 ? `${x.detector.name} (${x.a.file})` : x.detector.name }));
}

async function rankEntries(accepted: readonly Accepted[], ds: LeaderboardDataset, cache: LeaderboardCache, settings: LeaderboardJson['scoring']): Promise<SiteEntry[]> {
  const named = entryNames(accepted);
  const generators = [...new Set(ds.dataset.rows.map((r) => r.columns['model'] ?? '').filter((m) => m !== ''))];
  const cells = named.map(({ a, detector, id }) => {
    const rec = a.scores.find((s) => s.detector === detector.name && s.slice === 'overall' && s.group === 'all' && s.metric === settings.rankBy);
    return { detector: id, value: rec?.value ?? null, ci_low: rec?.ci_low ?? null, ci_high: rec?.ci_high ?? null, n: rec?.n ?? 0 };
  });
  const pairs: PairOutcome[] = [];
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const ref = (k: number) => ({ bundleId: named[k]!.a.id, detector: named[k]!.detector.name, predictions: named[k]!.a.predictions });
      pairs.push(await cache.outcome(ref(i), ref(j), ds.dataset, settings.rankBy));
    }
  }
  const board = rankWithTies(cells, pairs, { slice: 'overall', group: 'all', metric: settings.rankBy, minN: settings.minN, confidence: settings.confidence });
  const tierOf = tiers(board.entries);
  return board.entries.map((e) => {
    const { a, detector } = named.find((x) => x.id === e.detector)!;
    const slug = slugOf(detector.name, a.id);
    const json: LeaderboardEntryJson = {
      detector: e.detector,
      bundle: a.file,
      bundleSha256: a.id,
      rank: e.rank,
      tier: tierOf.get(e.detector)!,
      rank_best: e.rank_best,
      rank_worst: e.rank_worst,
      tied_with: e.tied_with,
      metric: settings.rankBy,
      value: e.value,
      ci_low: e.ci_low,
      ci_high: e.ci_high,
      n: e.n,
      small: e.small,
      scores: overallOf(a.scores, detector.name),
      badges: badges(a.bundle, detector, generators),
      meta: detector,
      submission: {
        semibench: a.bundle.semibench.run,
        bundledWith: a.bundle.semibench.bundledWith,
        datasetSpec: a.bundle.dataset.spec,
        startedAt: a.bundle.run.startedAt,
        finishedAt: a.bundle.run.finishedAt,
        reencode: a.bundle.blind.reencode,
      },
      maps: a.maps.count,
      page: `${LEADERBOARD_FILES.entries}/${slug}.json`,
    };
    const scores = a.scores.filter((s) => s.detector === detector.name).map((s) => ({ ...s, detector: e.detector }));
    return { json, slug, scores, maps: a.maps.thumbnails };
  });
}

function resolveSettings(options: LeaderboardBuildOptions, ds: LeaderboardDataset): LeaderboardJson['scoring'] {
  const settings = {
    seed: options.seed ?? 0,
    resamples: options.resamples ?? 1000,
    resample: options.resample ?? 'cluster',
    confidence: options.confidence ?? 0.95,
    threshold: options.threshold ?? 0.5,
    slices: options.slices ? [...options.slices] : defaultSlices(ds.dataset, ds.dataset.rows),
    rankBy: options.rankBy ?? DEFAULT_RANK_METRIC,
    minN: options.minN ?? DEFAULT_MIN_N,
  };
  if (!(METRICS as readonly string[]).includes(settings.rankBy)) throw new Error(`--rank-by ${settings.rankBy}: unknown metric; choose one of ${METRICS.join(', ')}`);
  for (const s of settings.slices) if (!ds.dataset.columns.includes(s)) throw new Error(`--slice ${s}: no such column in ${ds.dataset.metadataPath}. Columns: ${ds.dataset.columns.join(', ')}`);
  return settings;
}

export async function buildLeaderboard(options: LeaderboardBuildOptions): Promise<LeaderboardBuildResult> {
  const site = resolve(options.out);
  const ds = await loadLeaderboardDataset(options.dataset, options.offline ? { offline: true } : {});
  const settings = resolveSettings(options, ds);
  const { rankBy: _r, minN: _m, ...scoring } = settings;
  const cache = new LeaderboardCache(join(site, LEADERBOARD_FILES.cache), scoring, ds.fingerprint);
  const work = join(site, LEADERBOARD_FILES.cache, 'unpack');
  const { accepted, rejected } = await readSubmissions(resolve(options.submissions), ds, cache, options, work);
  await rm(work, { recursive: true, force: true });
  const entries = await rankEntries(accepted, ds, cache, settings);

  const notes: string[] = [];
  if (settings.resamples === 0) notes.push('scored without bootstrap resamples (--bootstrap 0): no intervals, so no two detectors can be told apart');
  if (entries.some((e) => e.json.badges.notBlind)) notes.push('"not blind" entries were made with side channels open (paths, columns, masks or row order) or before semibench recorded blindness: their scores may not come from the pixels alone');
  const d = ds.dataset;
  const json: LeaderboardJson = {
    format: 'semibench.leaderboard/1',
    dataset: { spec: options.dataset, fingerprint: ds.fingerprint, metadataSha256: d.metadataSha256, hf: ds.hf, rows: d.rows.length },
    generated: (options.now ?? new Date()).toISOString(),
    semibench: SEMIBENCH_VERSION,
    scoring: settings,
    entries: entries.map((e) => e.json),
    rejected,
    notes,
  };
  // Entries of bundles no longer in DIR must not linger.
  await rm(join(site, LEADERBOARD_FILES.entries), { recursive: true, force: true });
  await mkdir(join(site, LEADERBOARD_FILES.entries), { recursive: true });
  for (const e of entries) await writeFileAtomic(join(site, e.json.page), `${JSON.stringify({ entry: e.json, scores: e.scores }, null, 2)}\n`);
  await writeFileAtomic(join(site, LEADERBOARD_FILES.json), `${JSON.stringify(json, null, 2)}\n`);
  await writeFileAtomic(join(site, LEADERBOARD_FILES.html), await renderSite(json, entries, { title: options.title ?? 'semibench leaderboard' }));
  return { site, json, stats: cache.stats };
}
