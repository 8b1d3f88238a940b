/**
 * The prediction store: keys, exact round trips, what eval recalls and what it must not,
 * resume from a run directory, and `semibench store info|export|import`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BuiltinRegistry,
  PluginLoader,
  PredictionStore,
  evaluate,
  exportToDataset,
  importPredictions,
  inputDependencies,
  loadDataset,
  predictionInputKey,
  resolveStoredDetector,
  sha256,
  type EvaluateOptions,
} from '@semibench/harness';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { BRIGHTNESS_PLUGIN, SLOW_HASH_PLUGIN, hashScore, isolatedEnv, readCsv, tempDir, writePlugin } from '../helpers/run-fixtures.js';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };
let work: string;

beforeAll(() => {
  work = tempDir('store');
  writePlugin(work, 'slow-hash.mjs', SLOW_HASH_PLUGIN);
  writePlugin(work, 'brightness.mjs', BRIGHTNESS_PLUGIN);
  // Scores depend on a seeded mask-aware crop: the store key must then cover seed, row key and mask.
  writePlugin(
    work,
    'crop-mean.mjs',
    `export default {
      kind: 'detector',
      meta: { name: 'crop-mean', version: '1.0.0', apiVersion: 1, needsMask: true,
        input: { kind: 'pixels', preprocess: { steps: [{ op: 'resize', size: 64 }, { op: 'mask-crop', size: 24, tries: 5 }] } } },
      create() {
        return { predict(items) { return items.map((it) => { let s = 0; for (const v of it.pixels.data) s += v; return s / it.pixels.data.length / 255; }); } };
      },
    };`,
  );
});

function evalOptions(out: string, spec: string, extra: Partial<EvaluateOptions> = {}): EvaluateOptions {
  return {
    dataset: MINI_DATASET,
    detectors: [{ spec, options: { log: join(work, 'predict.log') } }],
    out: join(work, out),
    loader: new PluginLoader({ builtins: new BuiltinRegistry(), cwd: work }),
    resamples: 20,
    cacheDir: join(work, 'cache'),
    logger: silent,
    ...extra,
  };
}

describe('prediction input keys', () => {
  const image = sha256('image bytes');
  const mask = sha256('mask bytes');
  const row = { key: 'a/b.png', columns: { caption: 'a cat', label: 'fake' }, seed: 0 };

  it('are the image hash alone for detectors that see only the image', () => {
    const deps = inputDependencies({ kind: 'pixels', preprocess: { steps: [{ op: 'resize', size: 224 }] } }, false, []);
    expect(predictionInputKey(deps, { image, mask }, row)).toBe(image);
    // Renaming the file or changing the seed recalls the same prediction.
    expect(predictionInputKey(deps, { image }, { ...row, key: 'moved.png', seed: 9 })).toBe(image);
  });

  it('cover the mask, the seed and the row key when a crop is drawn around the mask', () => {
    const deps = inputDependencies({ kind: 'pixels', preprocess: { steps: [{ op: 'mask-crop', size: 224 }] } }, false, []);
    expect(deps).toEqual({ mask: true, seededByRow: true, columns: [] });
    const base = predictionInputKey(deps, { image, mask }, row);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(base).not.toBe(image);
    expect(predictionInputKey(deps, { image, mask: sha256('other mask') }, row)).not.toBe(base);
    expect(predictionInputKey(deps, { image, mask }, { ...row, seed: 1 })).not.toBe(base);
    expect(predictionInputKey(deps, { image, mask }, { ...row, key: 'c.png' })).not.toBe(base);
    expect(predictionInputKey(deps, { image, mask }, row)).toBe(base);
  });

  it('cover the metadata columns a detector reads, and only those', () => {
    const deps = inputDependencies({ kind: 'path' }, false, ['caption']);
    const base = predictionInputKey(deps, { image }, row);
    expect(predictionInputKey(deps, { image }, { ...row, columns: { caption: 'a dog', label: 'fake' } })).not.toBe(base);
    expect(predictionInputKey(deps, { image }, { ...row, columns: { caption: 'a cat', label: 'real' } })).toBe(base);
  });
});

describe('PredictionStore', () => {
  it('returns every score bit for bit, keeps it across reopening, and uses WAL', async () => {
    const path = join(work, 'roundtrip.sqlite');
    const scores = [0, 1, 0.1 + 0.2, 1e-300, Math.fround(0.7), 0.5 - Number.EPSILON / 4];
    const entries = scores.map((score, i) => ({ contentHash: sha256(`item ${i}`), score }));
    let store = PredictionStore.open(path);
    await store.save('det@1.0.0#abc', entries);
    store.close();
    store = PredictionStore.open(path);
    const found = await store.lookup('det@1.0.0#abc', [...entries.map((e) => e.contentHash), sha256('never stored')]);
    expect(found.size).toBe(scores.length);
    for (const e of entries) expect(Object.is(found.get(e.contentHash), e.score)).toBe(true);
    expect((await store.lookup('det@1.0.0#other', [entries[0]!.contentHash])).size).toBe(0);
    const info = store.info();
    expect(info.journalMode).toBe('wal');
    expect(info.detectors.map((d) => [d.plugin, d.version, d.predictions])).toEqual([['det', '1.0.0', scores.length]]);
    expect(store.integrityCheck()).toBe('ok');
    store.close();
  });

  it('refuses scores outside [0, 1] and malformed keys, storing nothing of that batch', async () => {
    const store = PredictionStore.open(join(work, 'refuse.sqlite'));
    const good = { contentHash: sha256('good'), score: 0.5 };
    await expect(store.save('det@1#x', [good, { contentHash: sha256('bad'), score: Number.NaN }])).rejects.toThrow(/score NaN is not a number in \[0, 1\]/);
    await expect(store.save('det@1#x', [good, { contentHash: 'not-a-hash', score: 0.2 }])).rejects.toThrow(/not 64 lowercase hex/);
    expect((await store.lookup('det@1#x', [good.contentHash])).size).toBe(0);
    store.close();
  });

  it('says which file is not a store', () => {
    const path = join(work, 'not-a-store.sqlite');
    writeFileSync(path, 'hello, I am text\n'.repeat(100));
    expect(() => PredictionStore.open(path)).toThrow(new RegExp(`prediction store ${path}: .*not a database`));
  });
});

describe('eval with a store', () => {
  it('recalls by image content in a new run directory, and --refresh predicts again', async () => {
    const store = PredictionStore.open(join(work, 'eval.sqlite'));
    try {
      const spec = join(work, 'slow-hash.mjs');
      const first = await evaluate({ ...evalOptions('first', spec), cache: store });
      const n = first.predictions.length;
      expect(first.summary.predicted['slow-hash']).toBe(n);
      const second = await evaluate({ ...evalOptions('second', spec), cache: store });
      expect(second.summary).toMatchObject({ predicted: { 'slow-hash': 0 }, cached: { 'slow-hash': n } });
      expect(readFileSync(join(work, 'second', 'predictions.csv'), 'utf8')).toBe(readFileSync(join(work, 'first', 'predictions.csv'), 'utf8'));
      const refreshed = await evaluate({ ...evalOptions('second', spec), cache: store, refresh: true });
      expect(refreshed.summary).toMatchObject({ predicted: { 'slow-hash': n }, cached: { 'slow-hash': 0 } });
      for (const p of refreshed.predictions) expect(p.score).toBe(hashScore(join(MINI_DATASET, p.key)));
    } finally {
      store.close();
    }
  });

  it('does not recall a seeded mask-aware crop for another seed', async () => {
    const store = PredictionStore.open(join(work, 'crop.sqlite'));
    try {
      const spec = join(work, 'crop-mean.mjs');
      const seed0 = await evaluate({ ...evalOptions('crop-0', spec), cache: store, seed: 0 });
      const n = seed0.predictions.length;
      expect(seed0.summary.predicted['crop-mean']).toBe(n);
      expect((await evaluate({ ...evalOptions('crop-0b', spec), cache: store, seed: 0 })).summary.cached['crop-mean']).toBe(n);
      const seed1 = await evaluate({ ...evalOptions('crop-1', spec), cache: store, seed: 1 });
      expect(seed1.summary).toMatchObject({ predicted: { 'crop-mean': n }, cached: { 'crop-mean': 0 } });
      // Rows with a mask crop differently under another seed; rows without one take the centre crop.
      const changed = seed1.predictions.filter((p, i) => p.score !== seed0.predictions[i]!.score);
      expect(changed.length).toBeGreaterThan(0);
      const dataset = await loadDataset(MINI_DATASET);
      for (const p of changed) expect(dataset.rows.find((r) => r.key === p.key)!.maskPath).toBeDefined();
    } finally {
      store.close();
    }
  });
});

describe('resume from the run directory', () => {
  it('recalls predictions.csv without a store, but not for a detector whose options changed', async () => {
    const spec = join(work, 'brightness.mjs');
    const opts = (size: number): EvaluateOptions => ({ ...evalOptions('resume', spec), detectors: [{ spec, options: { size } }] });
    const first = await evaluate(opts(32));
    const n = first.predictions.length;
    // Cut the file as a kill would: half the rows, and half of the next line.
    const csv = join(work, 'resume', 'predictions.csv');
    const lines = readFileSync(csv, 'utf8').split('\n');
    const keep = Math.floor(n / 2);
    writeFileSync(csv, `${lines.slice(0, keep + 1).join('\n')}\n${lines[keep + 1]!.slice(0, 20)}`);

    const resumed = await evaluate(opts(32));
    expect(resumed.summary).toMatchObject({ predicted: { brightness: n - keep }, cached: { brightness: keep } });
    expect(resumed.manifest.resume).toMatchObject({ previousStatus: 'complete', recalled: keep, notReused: {} });
    expect(readFileSync(csv, 'utf8')).toBe(lines.join('\n'));

    const changed = await evaluate(opts(16));
    expect(changed.summary).toMatchObject({ predicted: { brightness: n }, cached: { brightness: 0 } });
    expect(changed.manifest.resume?.notReused).toEqual({ brightness: 'its plugin version, options, weights or preprocessing changed' });
  });
});

describe('semibench store info | export | import', () => {
  it('exports a scorable predictions.csv and moves predictions between stores', async () => {
    const dir = join(work, 'cli');
    const env = isolatedEnv(dir);
    const run = join(dir, 'run');
    const r = await runCli(['eval', '--detector', join(work, 'brightness.mjs'), '--out', run, '--bootstrap', '20', '--quiet'], { cwd: work, env });
    expect(r.code).toBe(0);

    const info = await runCli(['store', 'info', '--json'], { env });
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout);
    expect(parsed.path).toBe(env.SEMIBENCH_STORE);
    expect(parsed.detectors).toHaveLength(1);
    expect(parsed.detectors[0]).toMatchObject({ plugin: 'brightness', version: '0.3.0', predictions: readCsv(join(run, 'predictions.csv')).length });
    expect(parsed.detectors[0].description.input).toBe('pixels: decode rgb8 > resize(exact 64x64, bilinear, pil)');

    const exported = join(dir, 'brightness.csv');
    // The detector as a positional argument (issue 20: `store export NAME` used to fail as an unknown command).
    const ex = await runCli(['store', 'export', 'brightness', '--dataset', MINI_DATASET, '--out', exported], { env });
    expect(ex.code).toBe(0);
    // The export carries the run's predictions, row for row, plus the keys to import it elsewhere.
    const runRows = readCsv(join(run, 'predictions.csv'));
    const exportRows = readCsv(exported);
    expect(exportRows.map(({ store_key: _s, input_key: _i, ...rest }) => rest)).toEqual(runRows);
    expect(new Set(exportRows.map((e) => e.store_key))).toEqual(new Set([parsed.detectors[0].storeKey]));

    const other = join(dir, 'other.sqlite');
    const imp = await runCli(['store', 'import', exported, '--store', other], { env });
    expect(imp.code).toBe(0);
    expect(imp.stdout).toContain(`${runRows.length} added, 0 already stored`);
    const again = await runCli(['store', 'import', env.SEMIBENCH_STORE as string, '--store', other], { env });
    expect(again.stdout).toContain(`0 added, ${runRows.length} already stored (kept)`);
    const asJson = await runCli(['store', 'import', exported, '--store', other, '--json'], { env });
    expect(JSON.parse(asJson.stdout)).toEqual([{ file: exported, added: 0, existing: runRows.length, replaced: false, detectors: 0 }]);

    // Scores recalled from the imported store are the same numbers.
    const store = PredictionStore.open(other);
    try {
      const detector = resolveStoredDetector(store, 'brightness@0.3.0');
      expect(detector.description.input).toBe(parsed.detectors[0].description.input);
      const roundTrip = join(dir, 'round-trip.csv');
      const counts = await exportToDataset(store, detector, await loadDataset(MINI_DATASET), roundTrip);
      expect(counts).toEqual({ rows: runRows.length, exported: runRows.length, missing: 0, unreadable: 0 });
      expect(readFileSync(roundTrip, 'utf8')).toBe(readFileSync(exported, 'utf8'));
      await expect(importPredictions(store, join(run, 'predictions.csv'))).rejects.toThrow(/not a semibench store export: missing column\(s\) store_key, input_key/);
    } finally {
      store.close();
    }

    const unknown = await runCli(['store', 'export', '--detector', 'nope', '--out', join(dir, 'x.csv')], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no detector "nope" in the store');
    expect(unknown.stderr).toContain('brightness@0.3.0#');
  }, 180_000); // nine CLI runs: the default 60 s is tight on a loaded machine
});
