/**
 * Report views of issue 16's scores: a reliability diagram per detector (from its clean
 * predictions, the same 15 equal-width bins as `expected_calibration_error`) and degradation curves
 * per perturbation kind of `eval --perturb` runs (overall score against the perturbation's strength,
 * with the interval band).
 */
import { parsePerturbation, perturbationLevel, type PerturbationKind } from '../../perturb/index.js';
import type { PredictionRecord } from '../../run/types.js';
import { ECE_BINS, eceBin, type ScoreRecord } from '../../scoring/index.js';

/** Clean records: runs without --perturb, or the `none` rows of runs with it. */
export function isClean(record: { readonly perturbation?: string | undefined }): boolean {
  return record.perturbation === undefined || record.perturbation === 'none';
}

export interface ReliabilityBin {
  bin: number;
  /** Mean predicted probability of fake in the bin. */
  meanScore: number;
  /** Share of fakes in the bin. */
  fakeShare: number;
  n: number;
}

export interface ReliabilityView {
  detector: string;
  /** The detector declared its scores are not probabilities: flagged, not scored on calibration. */
  notProbability: boolean;
  bins: ReliabilityBin[];
  ece: ScoreRecord | undefined;
}

/** Reliability bins of one detector's clean predictions (empty bins left out). */
export function reliabilityBins(predictions: readonly PredictionRecord[], detector: string): ReliabilityBin[] {
  const n = new Array<number>(ECE_BINS).fill(0);
  const sumP = new Array<number>(ECE_BINS).fill(0);
  const fakes = new Array<number>(ECE_BINS).fill(0);
  for (const p of predictions) {
    if (p.detector !== detector || !isClean(p) || !(p.score >= 0 && p.score <= 1)) continue;
    const b = eceBin(p.score);
    n[b]!++;
    sumP[b]! += p.score;
    if (p.label === 'fake') fakes[b]!++;
  }
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < ECE_BINS; b++) if (n[b]! > 0) bins.push({ bin: b, meanScore: sumP[b]! / n[b]!, fakeShare: fakes[b]! / n[b]!, n: n[b]! });
  return bins;
}

export interface DegradationPoint {
  detector: string;
  perturbation: string;
  level: number;
  value: number;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
}

export interface DegradationFamily {
  kind: PerturbationKind;
  title: string;
  /** Axis label of the strength. */
  axis: string;
  metric: string;
  points: DegradationPoint[];
}

const KINDS: Readonly<Record<Exclude<PerturbationKind, 'none'>, { title: string; axis: string; clean: number }>> = {
  jpeg: { title: 'JPEG compression', axis: 'quality', clean: 100 },
  blur: { title: 'Gaussian blur', axis: 'sigma (px)', clean: 0 },
  resize: { title: 'Resize', axis: 'scale', clean: 1 },
  crop: { title: 'Centre crop', axis: 'kept fraction', clean: 1 },
  noise: { title: 'Gaussian noise', axis: 'sigma (0–255)', clean: 0 },
};

/** One family per perturbation kind in the scores: the overall `metric` per detector against the strength; the clean score sits at the kind's no-op strength. */
export function degradationFamilies(scores: readonly ScoreRecord[], metric = 'roc_auc'): DegradationFamily[] {
  const overall = scores.filter((s) => s.slice === 'overall' && s.metric === metric && s.value !== null && s.perturbation !== undefined);
  const families: DegradationFamily[] = [];
  for (const [kind, info] of Object.entries(KINDS) as Array<[Exclude<PerturbationKind, 'none'>, (typeof KINDS)['jpeg']]>) {
    const own = overall.filter((s) => s.perturbation !== 'none' && parsePerturbation(s.perturbation!).kind === kind);
    if (own.length === 0) continue;
    const detectors = new Set(own.map((s) => s.detector));
    const clean = overall.filter((s) => s.perturbation === 'none' && detectors.has(s.detector));
    const point = (s: ScoreRecord, level: number): DegradationPoint => ({ detector: s.detector, perturbation: s.perturbation!, level, value: s.value!, ci_low: s.ci_low, ci_high: s.ci_high, n: s.n });
    const points = [...clean.map((s) => point(s, info.clean)), ...own.map((s) => point(s, perturbationLevel(parsePerturbation(s.perturbation!))))];
    points.sort((a, b) => (a.detector < b.detector ? -1 : a.detector > b.detector ? 1 : a.level - b.level));
    families.push({ kind, title: info.title, axis: info.axis, metric, points });
  }
  return families;
}
