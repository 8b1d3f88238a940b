import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { BRIGHTNESS_PLUGIN, readCsv } from '../helpers/run-fixtures.js';


// A detector that lives outside the repository: a lone .mjs file with no imports.
const OUTSIDE_PLUGIN = BRIGHTNESS_PLUGIN;

let work: string;
let runA: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'semibench-e2e-'));
  writeFileSync(join(work, 'brightness.mjs'), OUTSIDE_PLUGIN);
  mkdirSync(join(work, 'pkg'));
  writeFileSync(join(work, 'pkg', 'package.json'), JSON.stringify({ name: 'brightness-dir', version: '1.0.0', type: 'module', main: 'plugin.mjs' }));
  writeFileSync(join(work, 'pkg', 'plugin.mjs'), OUTSIDE_PLUGIN.replace("'brightness'", "'brightness-dir'"));
  runA = join(work, 'run-a');
  const result = await runCli(['eval', '--detector', 'noise-inconsistency', '--detector', './brightness.mjs', '--out', runA, '--bootstrap', '200', '--quiet'], { cwd: work });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}, 180_000);

describe('semibench eval end to end on the bundled mini dataset', () => {
  it('writes the four files with consistent contents', () => {
    const metadata = readCsv(join(MINI_DATASET, 'metadata.csv'));
    const predictions = readCsv(join(runA, 'predictions.csv'));
    const scores = readCsv(join(runA, 'scores.csv'));
    const manifest = JSON.parse(readFileSync(join(runA, 'manifest.json'), 'utf8'));

    expect(Object.keys(predictions[0]!)).toEqual(['image_id', 'image_path', 'detector', 'label', 'score', 'prediction', 'map_path']);
    // noise-inconsistency localises (a map per row); brightness does not (map_path empty).
    for (const p of predictions) expect(p.map_path === '').toBe(p.detector === 'brightness');
    expect(predictions).toHaveLength(2 * metadata.length);
    for (const detector of ['noise-inconsistency', 'brightness']) {
      const own = predictions.filter((p) => p.detector === detector);
      // One prediction per metadata row, in dataset order, with the row's label.
      expect(own.map((p) => p.image_path)).toEqual(metadata.map((m) => m.image_path));
      expect(own.map((p) => p.label)).toEqual(metadata.map((m) => m.label));
      for (const p of own) {
        const score = Number(p.score);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(p.prediction).toBe(score >= 0.5 ? '1' : '0');
      }
      // The overall accuracy in scores.csv is the accuracy of predictions.csv.
      const correct = own.filter((p) => (p.label === 'fake') === (p.prediction === '1')).length;
      const acc = scores.find((s) => s.detector === detector && s.slice === 'overall' && s.metric === 'accuracy')!;
      expect(Number(acc.n)).toBe(own.length);
      expect(Number(acc.value)).toBeCloseTo(correct / own.length, 12);
      expect(Number(acc.ci_low)).toBeLessThanOrEqual(Number(acc.value));
      expect(Number(acc.ci_high)).toBeGreaterThanOrEqual(Number(acc.value));
      // Per model (a fakes-only slice): recall_fake is the share of that model's fakes called fake.
      for (const model of ['telea', 'splice']) {
        const rows = own.filter((p) => metadata.find((m) => m.image_path === p.image_path)!.model === model);
        const rec = scores.find((s) => s.detector === detector && s.slice === 'model' && s.group === model && s.metric === 'recall_fake')!;
        expect(Number(rec.n)).toBe(rows.length);
        expect(Number(rec.value)).toBeCloseTo(rows.filter((p) => p.prediction === '1').length / rows.length, 12);
        // Nothing is reported that is undefined on a fakes-only slice.
        expect(scores.some((s) => s.detector === detector && s.slice === 'model' && s.metric === 'precision_real')).toBe(false);
      }
    }
    expect(JSON.parse(readFileSync(join(runA, 'scores.json'), 'utf8'))).toHaveLength(scores.length);

    expect(manifest.status).toBe('complete');
    expect(manifest.scoring).toMatchObject({ seed: 0, resamples: 200, threshold: 0.5, confidence: 0.95, resample: 'cluster' });
    expect(manifest.dataset.metadataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.dataset.selectedRows).toBe(metadata.length);
    expect(manifest.detectors.map((d: { name: string; version: string; source: { type: string } }) => [d.name, d.version, d.source.type])).toEqual([
      ['noise-inconsistency', expect.any(String), 'builtin'],
      ['brightness', '0.3.0', 'path'],
    ]);
    expect(manifest.semibench.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.startedAt <= manifest.finishedAt).toBe(true);
  });

  it('gives byte-identical scores.csv for the same inputs and seed', async () => {
    const runB = join(work, 'run-b');
    const result = await runCli(['eval', '--detector', 'noise-inconsistency', '--detector', './brightness.mjs', '--out', runB, '--bootstrap', '200', '--quiet'], { cwd: work });
    expect(result.code).toBe(0);
    expect(readFileSync(join(runB, 'scores.csv'), 'utf8')).toBe(readFileSync(join(runA, 'scores.csv'), 'utf8'));
    expect(readFileSync(join(runB, 'predictions.csv'), 'utf8')).toBe(readFileSync(join(runA, 'predictions.csv'), 'utf8'));
  }, 120_000);

  it('loads a plugin directory by path and prints the summary table', async () => {
    const out = join(work, 'run-dir');
    const result = await runCli(['eval', '--detector', join(work, 'pkg'), '--out', out, '--bootstrap', '50', '--slice', 'model', '--quiet'], { cwd: tmpdir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Overall (95% bootstrap intervals)');
    expect(result.stdout).toMatch(/brightness-dir\s+28\s/);
    expect(result.stdout).toContain('By model');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.scoring.slices).toEqual(['overall', 'model']);
  }, 120_000);

  it('fails with a clear message for an invalid plugin, before reading data', async () => {
    writeFileSync(join(work, 'bad.mjs'), 'export default { kind: "detector", meta: { name: "bad", version: "1" }, create() {} };\n');
    const result = await runCli(['eval', '--detector', './bad.mjs', '--out', join(work, 'run-bad'), '--quiet'], { cwd: work });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(join(work, 'bad.mjs'));
    expect(result.stderr).toContain('meta.apiVersion');
  });
});
