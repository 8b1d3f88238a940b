/**
 * What the HTML report shows, computed from loaded runs: detectors with their colours, one
 * leaderboard per dataset (ranks with statistical ties from the scoring engine's paired
 * comparisons), one chart's worth of points per slice family, and the magnitude-of-change curves.
 */
import type { DetectorManifestEntry, RunManifest } from '../../run/types.js';
import { SIMILARITY_COLUMNS, SLICE_TITLES } from '../../columns/catalogue.js';
import { DEFAULT_MIN_N, KNOWN_SLICE_COLUMNS, METRICS, METRIC_SPECS, PIXEL_METRIC_SPECS, leaderboard, type Leaderboard, type MetricName, type ScoreRecord, type ScoringRow } from '../../scoring/index.js';
import type { PredictionRecord } from '../../run/types.js';
import { buildBlindReport, type BlindReport } from './blind.js';
import { degradationFamilies, isClean, reliabilityBins, type DegradationFamily, type ReliabilityView } from './calibration.js';
import type { LoadedRun } from './load.js';
import { isFake } from '../../scoring/defaults.js';

/**
 * Okabe & Ito's colour-blind-safe palette (Color Universal Design), ordered so that the first
 * colours are the most distinct on white; yellow is last because it is faint on white. Past eight
 * detectors colours repeat, and the curve symbols still tell detectors apart.
 */
export const DETECTOR_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000', '#F0E442'] as const;
/** Plot's symbol names, a second (shape) channel for the curves. */
export const DETECTOR_SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye', 'times'] as const;

/** Overall metrics shown in the leaderboard, when the runs have them. */
export const HEADLINE_METRICS: readonly MetricName[] = ['accuracy', 'balanced_accuracy', 'f1_macro', 'recall_real', 'recall_fake', 'roc_auc', 'average_precision'];
export const DEFAULT_RANK_METRIC: MetricName = 'balanced_accuracy';

/** Long label of each metric (from the metric table). */
export const METRIC_LABELS: Readonly<Record<string, string>> = Object.fromEntries([...METRIC_SPECS, ...PIXEL_METRIC_SPECS].map((m) => [m.name, m.label]));

/** Column headings of the leaderboard (the long label is the heading's tooltip). */
export const METRIC_SHORT_LABELS: Readonly<Record<string, string>> = Object.fromEntries([...METRIC_SPECS, ...PIXEL_METRIC_SPECS].flatMap((m) => ('shortLabel' in m ? [[m.name, m.shortLabel]] : [])));

export function sliceTitle(slice: string): string {
  const three = /^(.*)3$/.exec(slice);
  if (three && SLICE_TITLES[three[1]!]) return `${SLICE_TITLES[three[1]!]} (3 bins)`;
  return SLICE_TITLES[slice] ?? slice.replace(/_/g, ' ');
}

/** Ordered value sets of ordinal slices; the first two are magnitudes of change and get curves. */
const BINS = ['bin1', 'bin2', 'bin3', 'bin4', 'bin5'];
const SIZES = ['small', 'medium', 'large'];
const LEVELS = ['low', 'medium', 'high'];
const MAGNITUDE_SCALES = [BINS, SIZES];
const ORDINAL_SCALES = [BINS, SIZES, LEVELS];

function ordinalScale(groups: readonly string[], scales: readonly string[][]): string[] | undefined {
  return scales.find((scale) => groups.length > 0 && groups.every((g) => scale.includes(g)));
}

export interface ReportDetector {
  /** Unique name in the report (the run's name, suffixed with the run directory on a clash). */
  id: string;
  /** Name inside its run. */
  name: string;
  run: LoadedRun;
  entry: DetectorManifestEntry | undefined;
  color: string;
  symbol: string;
}

export interface ChartPoint {
  detector: string;
  group: string;
  value: number;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
}

export interface SliceFamily {
  slice: string;
  title: string;
  metric: string;
  /** Groups in display order (ordinal scales in their natural order). */
  groups: string[];
  /** Largest n of each group over detectors (detectors can miss a few images). */
  groupN: Record<string, number>;
  points: ChartPoint[];
  /** Set for magnitude-of-change slices (bins, small/medium/large): drawn as curves too. */
  magnitude: boolean;
  note?: string;
}

export interface LeaderboardRow {
  detector: ReportDetector;
  entry: Leaderboard['entries'][number];
  /** Headline metric → the detector's overall record. */
  headline: Record<string, ScoreRecord | undefined>;
}

export interface LeaderboardView {
  dataset: string;
  runs: string[];
  metric: MetricName;
  confidence: number;
  rows: LeaderboardRow[];
  headlineMetrics: MetricName[];
  notes: string[];
}

export interface ReportModel {
  title: string;
  generatedAt: string;
  runs: LoadedRun[];
  detectors: ReportDetector[];
  /** Score records of every run, renamed to report detector ids. */
  scores: ScoreRecord[];
  leaderboards: LeaderboardView[];
  families: SliceFamily[];
  /** Pixel F1 per slice (detectors with localisation maps only; empty without maps). */
  pixelFamilies: SliceFamily[];
  /** Interval level and resampling of the first run (the report notes when runs differ). */
  confidence: number;
  resample: RunManifest['scoring']['resample'];
  minN: number;
  notes: string[];
  /** One reliability diagram per detector (calibration.ts). */
  reliability: ReliabilityView[];
  /** Runs with --perturb: degradation curves per perturbation kind (calibration.ts). */
  degradation: DegradationFamily[];
  /** Shortcuts of the datasets and --reencode effects (blind evaluation). */
  blind?: BlindReport;
}

export interface ModelOptions {
  title?: string;
  rankBy?: MetricName;
  minN?: number;
  /** Worker threads of the leaderboard's bootstrap (default: the engine's). */
  threads?: number;
  now?: Date;
}

/** Report ids: a detector's own name, unless two runs use it, then `name (run-dir)`, then `#k`. */
function assignDetectors(runs: readonly LoadedRun[]): ReportDetector[] {
  const all: Array<{ run: LoadedRun; name: string }> = [];
  for (const run of runs) {
    const names = run.manifest.detectors.map((d) => d.name);
    for (const s of run.scores) if (!names.includes(s.detector)) names.push(s.detector);
    for (const name of names) all.push({ run, name });
  }
  const count = (name: string): number => all.filter((d) => d.name === name).length;
  const used = new Set<string>();
  return all.map(({ run, name }, i) => {
    let id = count(name) > 1 ? `${name} (${run.name})` : name;
    for (let k = 2; used.has(id); k++) id = `${name} (${run.name} #${k})`;
    used.add(id);
    return {
      id,
      name,
      run,
      entry: run.manifest.detectors.find((d) => d.name === name),
      color: DETECTOR_COLORS[i % DETECTOR_COLORS.length]!,
      symbol: DETECTOR_SYMBOLS[i % DETECTOR_SYMBOLS.length]!,
    };
  });
}

/** The scoring engine's rows for one detector, thresholded as the run was (overall only: no groups). */
function scoringRows(predictions: readonly PredictionRecord[], detector: string, threshold: number): ScoringRow[] {
  return predictions
    .filter((p) => p.detector === detector && isClean(p))
    .map((p) => ({ key: p.key, cluster: p.id, label: p.label === 'fake' ? 1 : 0, score: p.score, prediction: isFake(p.score, threshold) ? 1 : 0, groups: {} }));
}

async function leaderboards(detectors: readonly ReportDetector[], scores: readonly ScoreRecord[], metric: MetricName, minN: number, threads: number | undefined): Promise<LeaderboardView[]> {
  // Paired comparisons only make sense on one dataset: one leaderboard per metadata hash.
  const byDataset = new Map<string, ReportDetector[]>();
  for (const d of detectors) {
    const key = d.run.manifest.dataset.metadataSha256;
    byDataset.set(key, [...(byDataset.get(key) ?? []), d]);
  }
  const views: LeaderboardView[] = [];
  for (const members of byDataset.values()) {
    const scoring = members[0]!.run.manifest.scoring;
    const notes: string[] = [];
    const withRows = members.map((d) => ({ d, rows: scoringRows(d.run.predictions, d.name, d.run.manifest.scoring.threshold) }));
    const empty = withRows.filter((x) => x.rows.length === 0).map((x) => x.d.id);
    if (empty.length) notes.push(`no predictions for ${empty.join(', ')} (see the run's errors.csv): left out of the ranking`);
    const ranked = withRows.filter((x) => x.rows.length > 0);
    if (ranked.length === 0) continue;
    if (scoring.resamples === 0) notes.push('the runs were scored without bootstrap resamples (--bootstrap 0): no intervals, so no two detectors can be told apart');
    const board = await leaderboard(
      ranked.map((x) => ({ detector: x.d.id, rows: x.rows })),
      {
        slices: [],
        metric,
        resamples: scoring.resamples,
        seed: scoring.seed,
        confidence: scoring.confidence,
        resample: scoring.resample,
        minN,
        ...(threads !== undefined ? { threads } : {}),
      },
    );
    notes.push(...board.notes);
    const byId = new Map(members.map((d) => [d.id, d]));
    const overall = scores.filter((s) => s.slice === 'overall' && byId.has(s.detector));
    const headlineMetrics = HEADLINE_METRICS.filter((m) => overall.some((s) => s.metric === m));
    views.push({
      dataset: members[0]!.run.manifest.dataset.spec,
      runs: [...new Set(members.map((d) => d.run.dir))],
      metric,
      confidence: scoring.confidence,
      headlineMetrics,
      notes,
      rows: board.entries.map((entry) => ({
        detector: byId.get(entry.detector)!,
        entry,
        headline: Object.fromEntries(headlineMetrics.map((m) => [m, overall.find((s) => s.detector === entry.detector && s.metric === m)])),
      })),
    });
  }
  return views;
}

/**
 * One family per slice column: the metric the spec reports for it (macro F1 where every group
 * holds both classes, e.g. `dataset`; the detection rate on fakes-only slices, spec §7.3).
 */
export function sliceFamilies(scores: readonly ScoreRecord[], detectorOrder: readonly string[], chooseMetric?: (own: readonly ScoreRecord[]) => string | undefined): SliceFamily[] {
  const slices = [...new Set(scores.map((s) => s.slice))].filter((s) => s !== 'overall');
  const known = (s: string): number => {
    const i = KNOWN_SLICE_COLUMNS.indexOf(s.replace(/3$/, ''));
    return i < 0 ? KNOWN_SLICE_COLUMNS.length : i;
  };
  slices.sort((a, b) => known(a) - known(b) || (a < b ? -1 : a > b ? 1 : 0));
  const families: SliceFamily[] = [];
  for (const slice of slices) {
    const own = scores.filter((s) => s.slice === slice);
    // Fakes-only slices never have macro F1, so any group with it means the slice holds reals.
    const metric = chooseMetric ? chooseMetric(own) : own.some((s) => s.metric === 'f1_macro') ? 'f1_macro' : 'recall_fake';
    if (metric === undefined) continue;
    const groupsSeen = [...new Set(own.filter((s) => !chooseMetric || s.metric === metric).map((s) => s.group))];
    const points: ChartPoint[] = own
      .filter((s) => s.metric === metric && s.value !== null)
      .map((s) => ({ detector: s.detector, group: s.group, value: s.value!, ci_low: s.ci_low, ci_high: s.ci_high, n: s.n }))
      .sort((a, b) => detectorOrder.indexOf(a.detector) - detectorOrder.indexOf(b.detector));
    if (points.length === 0) continue;
    const scale = ordinalScale(groupsSeen, ORDINAL_SCALES);
    const groups = scale ? scale.filter((g) => groupsSeen.includes(g)) : groupsSeen;
    // n of the charted metric; a group without it (e.g. only reals) shows its largest n.
    const groupN: Record<string, number> = {};
    for (const s of own) if (!points.some((p) => p.group === s.group)) groupN[s.group] = Math.max(groupN[s.group] ?? 0, s.n);
    for (const p of points) groupN[p.group] = Math.max(groupN[p.group] ?? 0, p.n);
    const family: SliceFamily = { slice, title: sliceTitle(slice), metric, groups, groupN, points, magnitude: ordinalScale(groupsSeen, MAGNITUDE_SCALES) !== undefined };
    const base = slice.replace(/_category3?$/, '');
    if (SIMILARITY_COLUMNS.has(base)) family.note = 'bins of a similarity: a higher bin is a smaller change';
    else if (scale === BINS) family.note = 'quantile bins: bin1 is the smallest value';
    families.push(family);
  }
  return families;
}

export async function buildReportModel(runs: readonly LoadedRun[], options: ModelOptions = {}): Promise<ReportModel> {
  if (runs.length === 0) throw new Error('no run directory given: pass one or more directories written by `semibench eval --out DIR`');
  const rankBy = options.rankBy ?? DEFAULT_RANK_METRIC;
  if (!(METRICS as readonly string[]).includes(rankBy)) throw new Error(`unknown ranking metric "${rankBy}"; choose one of ${METRICS.join(', ')}`);
  const minN = options.minN ?? DEFAULT_MIN_N;
  const detectors = assignDetectors(runs);
  const idOf = (run: LoadedRun, name: string): string => detectors.find((d) => d.run === run && d.name === name)!.id;
  const allScores = runs.flatMap((run) => run.scores.map((s) => ({ ...s, detector: idOf(run, s.detector) })));
  // Leaderboards, slices and the score table show clean images; --perturb runs add degradation curves.
  const scores = allScores.filter(isClean);

  const notes: string[] = [];
  const first = runs[0]!.manifest;
  const datasets = new Set(runs.map((r) => r.manifest.dataset.metadataSha256));
  if (datasets.size > 1) notes.push(`the runs use ${datasets.size} different datasets (metadata hashes differ): charts put them side by side, but only detectors on the same dataset are ranked together`);
  const settings = (m: RunManifest): string => `${m.scoring.confidence}/${m.scoring.resample}/${m.scoring.resamples}/${m.scoring.threshold}`;
  if (runs.some((r) => settings(r.manifest) !== settings(first))) notes.push('the runs differ in confidence level, resampling, resamples or threshold (see Runs): intervals are not all alike');
  for (const run of runs) {
    if (run.manifest.status !== 'complete') notes.push(`run ${run.name} has status "${run.manifest.status}"${run.manifest.error ? `: ${run.manifest.error}` : ''}`);
    if (run.errorCount) notes.push(`run ${run.name}: ${run.errorCount} image(s) could not be scored (errors.csv)`);
  }

  return {
    title: options.title ?? 'semibench report',
    generatedAt: (options.now ?? new Date()).toISOString(),
    runs: [...runs],
    detectors,
    scores,
    leaderboards: await leaderboards(detectors, scores, rankBy, minN, options.threads),
    families: sliceFamilies(scores, detectors.map((d) => d.id)),
    // Localisation: pixel F1 per slice group, for detectors that returned maps.
    pixelFamilies: sliceFamilies(scores, detectors.map((d) => d.id), (own) => (own.some((s) => s.metric === 'pixel_f1') ? 'pixel_f1' : undefined)),
    confidence: first.scoring.confidence,
    resample: first.scoring.resample,
    minN,
    notes,
    reliability: detectors.map((d) => ({
      detector: d.id,
      notProbability: d.entry?.probability === false,
      bins: reliabilityBins(d.run.predictions, d.name),
      ece: scores.find((s) => s.detector === d.id && s.slice === 'overall' && s.metric === 'expected_calibration_error'),
    })),
    degradation: degradationFamilies(allScores),
    blind: await buildBlindReport(runs),
  };
}
