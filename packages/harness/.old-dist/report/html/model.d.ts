/**
 * What the HTML report shows, computed from loaded runs: detectors with their colours, one
 * leaderboard per dataset (ranks with statistical ties from the scoring engine's paired
 * comparisons), one chart's worth of points per slice family, and the magnitude-of-change curves.
 */
import type { DetectorManifestEntry, RunManifest } from '../../evaluate.js';
import { type Leaderboard, type MetricName, type ScoreRecord } from '../../scoring/index.js';
import type { LoadedRun } from './load.js';
/**
 * Okabe & Ito's colour-blind-safe palette (Color Universal Design), ordered so that the first
 * colours are the most distinct on white; yellow is last because it is faint on white. Past eight
 * detectors colours repeat, and the curve symbols still tell detectors apart.
 */
export declare const DETECTOR_COLORS: readonly ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"];
/** Plot's symbol names, a second (shape) channel for the curves. */
export declare const DETECTOR_SYMBOLS: readonly ["circle", "square", "triangle", "diamond", "star", "cross", "wye", "times"];
/** Overall metrics shown in the leaderboard, when the runs have them. */
export declare const HEADLINE_METRICS: readonly MetricName[];
export declare const DEFAULT_RANK_METRIC: MetricName;
export declare const METRIC_LABELS: Readonly<Record<string, string>>;
/** Column headings of the leaderboard (the long label is the heading's tooltip). */
export declare const METRIC_SHORT_LABELS: Readonly<Record<string, string>>;
export declare function sliceTitle(slice: string): string;
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
    /** Interval level and resampling of the first run (the report notes when runs differ). */
    confidence: number;
    resample: RunManifest['scoring']['resample'];
    minN: number;
    notes: string[];
}
export interface ModelOptions {
    title?: string;
    rankBy?: MetricName;
    minN?: number;
    /** Worker threads of the leaderboard's bootstrap (default: the engine's). */
    threads?: number;
    now?: Date;
}
export declare function buildReportModel(runs: readonly LoadedRun[], options?: ModelOptions): Promise<ReportModel>;
//# sourceMappingURL=model.d.ts.map