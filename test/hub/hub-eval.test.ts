import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltinRegistry, evaluate, PluginLoader, resolveDatasetSource, type Logger, type OptionValue } from '@semibench/harness';
import { builtins as detectorBuiltins } from '@semibench/plugin-detectors';
import { MINI_DATASET } from '../helpers/cli.js';
import { buildEvalsetRepoFiles, FakeHub } from '../helpers/fake-hub.js';

const REPO = 'semi-truths/Semi-Truths-Evalset';
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined };

let hub: FakeHub;
let work: string;

beforeAll(async () => {
  const files = buildEvalsetRepoFiles(MINI_DATASET, { archives: true, include: (p) => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/') });
  hub = await FakeHub.start([{ repo: REPO, files }]);
  work = mkdtempSync(join(tmpdir(), 'semibench-hub-eval-'));
});

afterAll(async () => {
  await hub.close();
  rmSync(work, { recursive: true, force: true });
});

/** One built-in detector over a dataset (a directory or a metadata file), with hub provenance when given. */
function runEval(dataset: string, out: string, provenance?: Record<string, OptionValue>) {
  return evaluate({
    dataset,
    ...(provenance ? { datasetProvenance: provenance } : {}),
    detectors: [{ spec: 'noise-inconsistency' }],
    out,
    loader: new PluginLoader({ builtins: new BuiltinRegistry([...detectorBuiltins]), cwd: work }),
    seed: 0,
    resamples: 50,
    cacheDir: join(work, 'semibench-cache'),
    logger: silent,
  });
}

/** What `semibench eval --dataset hf:...` does once the CLI resolves the spec with resolveDatasetSource. */
async function evalHub(spec: string, out: string, env: NodeJS.ProcessEnv) {
  const source = await resolveDatasetSource(spec, { cacheDir: join(work, 'hf'), env, decoder: 'auto' });
  return runEval(source.path, out, source.provenance);
}

describe('eval over hf: datasets', () => {
  it('scores the hub dataset like the local one, records the commit, and re-runs offline', async () => {
    const online = await evalHub(`hf:${REPO}`, join(work, 'run-online'), { HF_ENDPOINT: hub.url });
    const local = await runEval(MINI_DATASET, join(work, 'run-local'));
    const predictions = (dir: string) => readFileSync(join(dir, 'predictions.csv'), 'utf8');
    expect(predictions(online.outDir)).toBe(predictions(local.outDir));
    expect(readFileSync(join(online.outDir, 'scores.csv'), 'utf8')).toBe(readFileSync(join(local.outDir, 'scores.csv'), 'utf8'));

    const manifest = JSON.parse(readFileSync(join(online.outDir, 'manifest.json'), 'utf8'));
    expect(manifest.dataset.provenance).toMatchObject({ source: 'huggingface', spec: `hf:${REPO}@main`, commitSha: hub.shaOf(REPO), layout: 'evalset', missing: 0 });

    await hub.close();
    const offline = await evalHub(`hf:${REPO}@${hub.shaOf(REPO)}`, join(work, 'run-offline'), { HF_ENDPOINT: hub.url, HF_HUB_OFFLINE: '1' });
    expect(predictions(offline.outDir)).toBe(predictions(online.outDir));
  });

  it('scores only a seeded stratified sample, fetching only what it needs', async () => {
    const fresh = await FakeHub.start([{ repo: REPO, files: buildEvalsetRepoFiles(MINI_DATASET, { archives: true, include: (p) => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/') }) }]);
    try {
      const cache = join(work, 'hf-sample');
      const source = await resolveDatasetSource(`hf:${REPO}`, { cacheDir: cache, env: { HF_ENDPOINT: fresh.url }, selection: { sample: 8, stratify: 'dataset', seed: 4 } });
      expect(source.path.endsWith('.csv')).toBe(true);
      expect(source.selection).toMatchObject({ method: 'sample', selected: 8, seed: 4, stratify: ['dataset'] });
      const run = await runEval(source.path, join(work, 'run-sample'), source.provenance);
      expect(run.summary.errors['noise-inconsistency']).toBe(0);
      expect(parse(readFileSync(join(run.outDir, 'predictions.csv')), { columns: true })).toHaveLength(8);
      const manifest = JSON.parse(readFileSync(join(run.outDir, 'manifest.json'), 'utf8'));
      expect(manifest.dataset.provenance.selection).toMatchObject({ method: 'sample', selected: 8 });
      // Exactly the archives of the sampled rows' images and masks (ground truth of the pixel metrics) were downloaded, after metadata.csv.
      const rows = parse(readFileSync(source.path, 'utf8'), { columns: true }) as Array<Record<string, string>>;
      const images = rows.map((r) => r.image_path as string);
      const masks = rows.map((r) => r.mask_path ?? '').filter((p) => p !== '');
      const needed = new Set([
        ...images.map((p) => `${p.startsWith('original/') ? 'original/images' : 'inpainting'}/${p.split('/')[p.startsWith('original/') ? 2 : 1]}.tar.bz2`),
        ...masks.map((p) => `original/masks/${p.split('/')[2]}.tar.bz2`),
      ]);
      expect(fresh.resolveRequests().map((r) => r.file).sort()).toEqual(['metadata.csv', ...needed].sort());
    } finally {
      await fresh.close();
    }
  });
});
