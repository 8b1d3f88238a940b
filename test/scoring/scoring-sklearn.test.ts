/**
 * The scoring engine against scikit-learn: fixtures/reference/sklearn/reference.json holds every
 * metric of four synthetic detectors on every slice, computed with scikit-learn 1.2.1 by
 * make_reference.py (see the README there). Edge cases covered: fakes-only slices, all-fake and
 * all-real predictions, a reals-only slice, a single-row slice, tied 2-dp scores, a detector with
 * no scores, and missing predictions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MATCHED_METRICS, scoreDetectors, type ScoreRecord, type ScoringRow } from '@semibench/harness';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'reference', 'sklearn');

function readCsv(name: string): Array<Record<string, string>> {
  return parse(readFileSync(join(dir, name)), { columns: true }) as Array<Record<string, string>>;
}

interface Reference {
  slices: string[];
  detectors: Record<string, Record<string, Record<string, Record<string, number>>>>;
}
const reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Reference;
const MATCHED = MATCHED_METRICS;

function fixtureInput(): Array<{ detector: string; rows: ScoringRow[] }> {
  const meta = new Map(readCsv('metadata.csv').map((r) => [r.image_path!, r]));
  const byDetector = new Map<string, ScoringRow[]>();
  for (const p of readCsv('predictions.csv')) {
    const m = meta.get(p.image_path!)!;
    const groups = Object.fromEntries(reference.slices.map((s) => [s, m[s] ?? '']));
    const rows = byDetector.get(p.detector!) ?? [];
    rows.push({
      key: p.image_path!,
      cluster: p.image_id!,
      label: p.label === 'fake' ? 1 : 0,
      score: p.score === '' ? Number.NaN : Number(p.score),
      prediction: p.prediction === '1' ? 1 : 0,
      groups,
    });
    byDetector.set(p.detector!, rows);
  }
  return [...byDetector].map(([detector, rows]) => ({ detector, rows }));
}

function expectMatchesSklearn(records: readonly ScoreRecord[]): void {
  const seen = new Set<string>();
  for (const r of records) {
    const ref = reference.detectors[r.detector]?.[r.slice]?.[r.group];
    expect(ref, `${r.detector} ${r.slice}=${r.group}`).toBeDefined();
    expect(r.metric in ref!, `${r.detector} ${r.slice}=${r.group} reports ${r.metric}, which scikit-learn leaves undefined here`).toBe(true);
    // Attribute-slice groups report their threshold-free metrics on the matched set (edits + their reals).
    const matched = ref!.n_matched !== undefined && MATCHED.has(r.metric);
    expect(r.n, `${r.detector} ${r.slice}=${r.group} ${r.metric}: n`).toBe(matched ? ref!.n_matched : ref!.n);
    // Tolerance 1e-12 throughout (the EER reference is brentq with xtol 1e-15 on interp1d).
    expect(Math.abs(r.value! - ref![r.metric]!), `${r.detector} ${r.slice}=${r.group} ${r.metric}: ${r.value} vs ${ref![r.metric]}`).toBeLessThanOrEqual(1e-12);
    seen.add(`${r.detector}|${r.slice}|${r.group}|${r.metric}`);
  }
  // …and nothing that scikit-learn defines is missing.
  for (const [det, slices] of Object.entries(reference.detectors))
    for (const [slice, groups] of Object.entries(slices))
      for (const [group, metrics] of Object.entries(groups))
        for (const metric of Object.keys(metrics)) if (metric !== 'n' && metric !== 'n_matched') expect(seen.has(`${det}|${slice}|${group}|${metric}`), `${det} ${slice}=${group} ${metric} missing`).toBe(true);
}

describe('scoreDetectors matches scikit-learn', () => {
  it('on every detector, slice, group and metric (1e-12)', async () => {
    const records = await scoreDetectors(fixtureInput(), { slices: reference.slices, resamples: 0, seed: 0, confidence: 0.95, resample: 'cluster' });
    expect(records.length).toBeGreaterThan(500);
    expectMatchesSklearn(records);
    expect(records.every((r) => r.ci_low === null && r.ci_high === null)).toBe(true);
  });

  it('reports the same point values with bootstrap intervals that contain them', async () => {
    const records = await scoreDetectors(fixtureInput(), { slices: reference.slices, resamples: 200, seed: 7, confidence: 0.9, resample: 'cluster', threads: 1 });
    expectMatchesSklearn(records);
    for (const r of records) {
      if (r.ci_low === null) continue;
      expect(r.ci_low).toBeLessThanOrEqual(r.ci_high!);
      expect(Number.isFinite(r.ci_low) && Number.isFinite(r.ci_high!)).toBe(true);
    }
    // Fakes-only cells never carry macro or real-class metrics; their threshold-free ones come from the matched set.
    const fakesOnly = records.filter((r) => r.slice === 'model' && r.detector === 'det_a');
    expect(fakesOnly.length).toBeGreaterThan(0);
    expect(new Set(fakesOnly.map((r) => r.metric))).toEqual(new Set(['accuracy', 'precision_fake', 'recall_fake', 'f1_fake', ...MATCHED]));
  });

  it('orders output deterministically: detectors as given, overall first, slices as given, groups sorted', async () => {
    const records = await scoreDetectors(fixtureInput().slice(0, 1), { slices: ['model', 'dataset'], resamples: 0, seed: 0, confidence: 0.95, resample: 'cluster' });
    const cells = [...new Set(records.map((r) => `${r.slice}=${r.group}`))];
    expect(cells[0]).toBe('overall=all');
    expect(cells.slice(1, 6)).toEqual(['model=Kandinsky_2_2', 'model=OpenJourney', 'model=StableDiffusion_XL', 'model=StableDiffusion_v4', 'model=StableDiffusion_v5']);
    expect(cells[6]).toBe('dataset=ADE20K');
  });
});
