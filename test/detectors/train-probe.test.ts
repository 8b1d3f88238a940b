/**
 * `semibench train probe` with a real pretrained backbone (nsfwjs's MobileNetV2, converted to ONNX
 * from the npm package at test time) on the bundled data: the package it writes, the stored
 * features, the logistic regression against scikit-learn (fixtures/reference/probe), the grouped
 * split, early stopping, and `eval --detector DIR` flagging the rows it was fitted on.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decision, fitLogistic, fitProbe, groupedSplit, loadDataset, logLoss, readPackageHeader, sigmoid, trainingOverlap } from '@semibench/harness';
import { parseCsv } from '../helpers/csv.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'packages/cli/bin/run.js');
const dataset = join(root, 'fixtures/semi-truths-mini');
const run = promisify(execFile);
const silent = { debug: () => {}, info: () => {}, warn: () => {} };

interface Reference {
  keys: string[];
  dim: number;
  fits: { C: number; intercept: number; normSquared: number; objective: number; decision: number[] }[];
}

let dir: string;
let probe: string;
let trainOut: string;
const env = { ...process.env };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'semibench-probe-'));
  probe = join(dir, 'probe');
  env.SEMIBENCH_CACHE = join(dir, 'cache');
  trainOut = (await run('node', [cli, 'train', 'probe', '--backbone', 'nsfwjs', '--dataset', dataset, '--out', probe, '--seed', '0', '-q'], { cwd: root, env })).stdout;
}, 600_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function storedFeatures(): Promise<{ keys: string[]; X: Float32Array[] }> {
  const files = await readdir(join(probe, 'features'));
  const base = join(probe, 'features', (files.find((f) => f.endsWith('.json')) as string).replace(/\.json$/, ''));
  const index = JSON.parse(await readFile(`${base}.json`, 'utf8')) as { dim: number; rows: { key: string }[] };
  const bytes = await readFile(`${base}.f32`);
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return { keys: index.rows.map((r) => r.key), X: index.rows.map((_, i) => all.slice(i * index.dim, (i + 1) * index.dim)) };
}

describe('semibench train probe (nsfwjs MobileNetV2 backbone, bundled data)', () => {
  it('writes a detector package with head, sidecar, model card and training fingerprint', async () => {
    expect(trainOut).toMatch(/probe:nsfwjs\/flatten_1: 1280 features \(28 computed, 0 reused/);
    for (const f of ['detector.semibench.json', 'head.json', 'training-rows.json', 'probe.semibench.json', 'MODEL_CARD.md']) expect(existsSync(join(probe, f)), f).toBe(true);
    const m = JSON.parse(await readFile(join(probe, 'detector.semibench.json'), 'utf8'));
    expect(m).toMatchObject({ semibench: 1, plugin: 'probe', layer: 'flatten_1', backbone: { spec: 'nsfwjs' }, head: { dim: 1280 }, trainedOn: { rows: 28, real: 10, fake: 18 } });
    expect(m.trainedOn.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Validation holds whole source images out.
    const data = await loadDataset(dataset);
    const valIds = new Set(m.fit.valGroups as string[]);
    expect(data.rows.filter((r) => valIds.has(r.id)).length).toBe(m.fit.valRows);
    // The chosen C is the best validation loss of the walk, and the walk stopped 3 steps after it.
    const path = m.fit.path as { C: number; valLoss: number }[];
    const best = path.reduce((a, b) => (b.valLoss < a.valLoss ? b : a));
    expect(m.fit.bestC).toBe(best.C);
    expect(path.length === 17 || path.length - path.indexOf(best) - 1 === 3).toBe(true);
    expect(await readFile(join(probe, 'MODEL_CARD.md'), 'utf8')).toContain(m.trainedOn.fingerprint);
  });

  it('re-fits from the stored features without running the backbone, and the split follows the seed', async () => {
    const again = (await run('node', [cli, 'train', 'probe', '--backbone', 'nsfwjs', '--dataset', dataset, '--out', probe, '--seed', '3', '-q'], { cwd: root, env })).stdout;
    expect(again).toMatch(/\(0 computed, 28 reused/);
    const data = await loadDataset(dataset);
    const a = groupedSplit(data.rows, (r) => r.id, 0.2, 0);
    expect(groupedSplit(data.rows, (r) => r.id, 0.2, 0)).toEqual(a);
    const b = groupedSplit(data.rows, (r) => r.id, 0.2, 3);
    for (const s of [a, b]) {
      const valIds = new Set(s.val.map((r) => r.id));
      expect(s.train.some((r) => valIds.has(r.id))).toBe(false);
      expect(s.train.length + s.val.length).toBe(28);
    }
    // Back to seed 0 for the tests below.
    await run('node', [cli, 'train', 'probe', '--backbone', 'nsfwjs', '--dataset', dataset, '--out', probe, '--seed', '0', '-q'], { cwd: root, env });
  }, 300_000);

  it('fits the logistic regression scikit-learn fits, on the same features', async () => {
    const ref = JSON.parse(await readFile(join(root, 'fixtures/reference/probe/probe-sklearn.json'), 'utf8')) as Reference;
    const { keys, X } = await storedFeatures();
    expect(keys).toEqual(ref.keys);
    const data = await loadDataset(dataset);
    const label = new Map(data.rows.map((r) => [r.key, r.label === 'fake' ? 1 : 0]));
    const y = keys.map((k) => label.get(k) as number);
    for (const r of ref.fits) {
      const fit = fitLogistic(X, y, { C: r.C });
      expect(fit.converged, `C ${r.C}`).toBe(true);
      expect(fit.objective).toBeCloseTo(r.objective, 6);
      expect(fit.intercept).toBeCloseTo(r.intercept, 4);
      const norm = fit.weights.reduce((s, w) => s + w * w, 0);
      expect(Math.abs(norm - r.normSquared) / r.normSquared).toBeLessThan(1e-4);
      X.forEach((x, i) => expect(decision(fit, x), `C ${r.C} row ${i}`).toBeCloseTo(r.decision[i] as number, 4));
    }
  });

  it('early stopping keeps the fit with the lowest validation loss', () => {
    // Two informative dimensions and noise: validation loss falls, then rises as C grows.
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 60; i++) {
      const c = i % 2;
      X.push([c + Math.sin(i * 1.3) * 0.9, Math.cos(i * 2.1) * 1.5, Math.sin(i * 0.7)]);
      y.push(c);
    }
    const fit = fitProbe({ X: X.slice(0, 40), y: y.slice(0, 40) }, { X: X.slice(40), y: y.slice(40) });
    const losses = fit.path.map((p) => p.valLoss);
    expect(fit.path.find((p) => p.C === fit.bestC)?.valLoss).toBe(Math.min(...losses));
    expect(logLoss(fit.model, X.slice(40), y.slice(40))).toBeCloseTo(Math.min(...losses), 12);
  });

  it('eval --detector DIR runs the package and flags the rows it was fitted on', async () => {
    const out = join(dir, 'run');
    const res = await run('node', [cli, 'eval', '--detector', probe, '--dataset', dataset, '--out', out, '--bootstrap', '0', '--no-store'], { cwd: root, env });
    expect(res.stderr).toMatch(/probe:nsfwjs\/flatten_1 was trained on 28 of the 28 rows scored here/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    const pkg = JSON.parse(await readFile(join(probe, 'detector.semibench.json'), 'utf8'));
    // The package names itself, and its training generators are flagged like any detector's trainedOn.
    expect(manifest.detectors[0]).toMatchObject({ name: 'probe:nsfwjs/flatten_1', trainedOn: pkg.trainedOn.generators });
    expect(manifest.detectors[0].trainingOverlap).toMatchObject({ fingerprint: pkg.trainedOn.fingerprint, rows: 28, sourceImageRows: 28 });
    // Scores are the head on the stored features: eval's preprocessing and backbone equal training's.
    const head = JSON.parse(await readFile(join(probe, 'head.json'), 'utf8')) as { weights: number[]; intercept: number };
    const model = { weights: Float64Array.from(head.weights), intercept: head.intercept };
    const { keys, X } = await storedFeatures();
    const scores = new Map(parseCsv(await readFile(join(out, 'predictions.csv'))).map((p) => [p.image_path as string, Number(p.score)]));
    keys.forEach((k, i) => expect(scores.get(k), k).toBeCloseTo(sigmoid(decision(model, X[i] as Float32Array)), 6));
    // Rows of other source images are not flagged.
    const data = await loadDataset(dataset);
    const trained = JSON.parse(await readFile(join(probe, 'training-rows.json'), 'utf8'));
    expect(trainingOverlap({ ...trained, keys: [], imageIds: ['nope'] }, data.rows, 'probe', silent)).toBeUndefined();
  }, 300_000);

  it('a malformed detector package says what is wrong', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'detector.semibench.json'), '{"semibench": 1}');
    expect(() => readPackageHeader(bad)).toThrow(/detector\.semibench\.json: needs "semibench": 1 and "plugin": "<built-in detector>"/);
    await writeFile(join(bad, 'detector.semibench.json'), '{"semibench": 1, "plugin": "probe"}');
    const res = run('node', [cli, 'eval', '--detector', bad, '--dataset', dataset, '--out', join(dir, 'run-bad'), '--bootstrap', '0', '--no-store'], { cwd: root, env });
    await expect(res).rejects.toThrow(/probe package .*bad: cannot read detector\.semibench\.json|cannot read head\.json/);
  }, 120_000);
});
