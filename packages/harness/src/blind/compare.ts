/**
 * What `--reencode` changed: the paired comparison of each detector between a run with one
 * encoding setting and a run with another (or none), on the images both scored, with the same
 * bootstrap resamples for both (scoring/compare.ts). `semibench diff` and the HTML report show it.
 */
import type { PredictionRecord } from '../run/types.js';
import { compareDetectors, type ScoringRow } from '../scoring/index.js';

/** The parts of a run's manifest this needs (kept structural: no dependency on the orchestrator). */
export interface ComparableRun {
  manifest: {
    blind?: { reencode?: string };
    scoring: { seed: number; resamples: number; confidence: number; resample: 'cluster' | 'row'; threshold: number };
    detectors: ReadonlyArray<{ name: string }>;
  };
  predictions: readonly PredictionRecord[];
}

export interface ReencodeEffect {
  detector: string;
  metric: string;
  /** Images both runs scored. */
  n: number;
  /** Value in run A and in run B. */
  a: number;
  b: number;
  /** b − a, with its paired bootstrap interval. */
  diff: number;
  ci_low: number | null;
  ci_high: number | null;
}

export interface ReencodeComparison {
  /** --reencode of run A and run B ('none' without). */
  a: string;
  b: string;
  effects: ReencodeEffect[];
}

/** Metrics the comparison reports (threshold-free first). */
export const REENCODE_METRICS = ['roc_auc', 'average_precision', 'balanced_accuracy'] as const;

function rowsOf(run: ComparableRun, detector: string): ScoringRow[] {
  const t = run.manifest.scoring.threshold;
  return run.predictions
    .filter((p) => p.detector === detector)
    .map((p) => ({ key: p.key, cluster: p.id, label: p.label === 'fake' ? 1 : 0, score: p.score, prediction: p.score >= t ? 1 : 0, groups: {} }));
}

/** Paired effect of the encoding setting, per common detector; undefined when both runs used the same. */
export async function compareReencode(a: ComparableRun, b: ComparableRun): Promise<ReencodeComparison | undefined> {
  const ra = a.manifest.blind?.reencode ?? 'none';
  const rb = b.manifest.blind?.reencode ?? 'none';
  if (ra === rb) return undefined;
  const { seed, resamples, confidence, resample } = a.manifest.scoring;
  const names = a.manifest.detectors.map((d) => d.name).filter((n) => b.manifest.detectors.some((d) => d.name === n));
  const effects: ReencodeEffect[] = [];
  for (const detector of names) {
    const records = await compareDetectors({ detector, rows: rowsOf(b, detector) }, { detector, rows: rowsOf(a, detector) }, { slices: [], seed, resamples, confidence, resample });
    for (const metric of REENCODE_METRICS) {
      const r = records.find((x) => x.slice === 'overall' && x.metric === metric);
      if (r) effects.push({ detector, metric, n: r.n, a: r.value_b, b: r.value_a, diff: r.diff, ci_low: r.ci_low, ci_high: r.ci_high });
    }
  }
  return { a: ra, b: rb, effects };
}

/** Text lines for `semibench diff` and the eval summary. */
export function formatReencodeComparison(c: ReencodeComparison): string[] {
  const f = (v: number) => v.toFixed(3);
  const sign = (v: number) => (v >= 0 ? `+${f(v)}` : f(v));
  const lines = [`Paired effect of the encoding (--reencode ${c.a} in A, ${c.b} in B), B − A on the images both scored:`];
  for (const e of c.effects) {
    const ci = e.ci_low !== null && e.ci_high !== null ? ` [${sign(e.ci_low)}, ${sign(e.ci_high)}]` : '';
    lines.push(`  ${e.detector} ${e.metric}: ${f(e.a)} → ${f(e.b)}  Δ ${sign(e.diff)}${ci}  (n ${e.n})`);
  }
  return lines;
}
