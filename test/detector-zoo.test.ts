/**
 * The paper's detector zoo: every entry is registered, prints a complete recipe, declares valid
 * preprocessing for both modes, and runs with user-supplied ONNX weights.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInput, prepareInput, validatePreprocessSpec } from '@semibench/harness';
import type { DetectorInput, DetectorPlugin, PluginContext } from '@semibench/harness';
import { builtins } from '@semibench/plugin-detectors';
import { GraphBuilder } from '@semibench/plugin-detectors/onnx/graph';
import { formatRecipe, RECIPES } from '@semibench/plugin-detectors/zoo/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sample = resolve(root, 'fixtures/semi-truths-sample/input');
const run = promisify(execFile);
const context: PluginContext = {
  seed: 0,
  cacheDir: tmpdir(),
  baseDir: root,
  logger: { debug: () => {}, info: () => {}, warn: () => {} },
  signal: new AbortController().signal,
};

async function zoo(name: string): Promise<DetectorPlugin> {
  const entry = builtins.find((b) => b.kind === 'detector' && b.name === `zoo:${name}`);
  if (!entry) throw new Error(`zoo:${name} is not registered`);
  return ((await entry.load()) as { default: DetectorPlugin }).default;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'semibench-zoo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('detector zoo', () => {
  it('registers the six detectors of the paper with complete recipes', async () => {
    expect(RECIPES.map((r) => r.name)).toEqual(['cnnspot', 'univfd', 'defake', 'dire', 'crossefficientvit', 'dinov2']);
    for (const r of RECIPES) {
      const plugin = await zoo(r.name);
      expect(plugin.meta.name).toBe(`zoo:${r.name}`);
      for (const mode of ['default', 'parity'] as const) validatePreprocessSpec(r.preprocessing[mode], `${r.name} ${mode}`);
      const text = formatRecipe(r);
      for (const section of ['Architecture', 'Weights', 'Model contract', 'Decision rule', 'Preprocessing', 'Run', 'Notes']) expect(text, `${r.name}: ${section}`).toContain(section);
      expect(text).toContain(r.routes.includes('onnx') ? 'Export to ONNX' : 'Run as a Python worker');
      expect(text).toMatch(/parity .*mask-crop\(224, tries 51, min 0\.7, parity centre-as-corner\).*parity clamp \[0,1\]/);
    }
    // The UnivFD quirks of spec §10 (3): ImageNet statistics and blur on the no-mask path, only in parity.
    const univfd = RECIPES.find((r) => r.name === 'univfd');
    expect(describeInput({ kind: 'tensor', preprocess: univfd!.preprocessing.parity })).toContain('gaussian-blur(pil sigma 2, only without mask-crop)');
    expect(describeInput({ kind: 'tensor', preprocess: univfd!.preprocessing.default })).toContain('mean [0.48145466,0.4578275,0.40821073]');
  });

  it('tells what weights are needed, and which route a detector supports', async () => {
    await expect((await zoo('cnnspot')).create({}, context)).rejects.toThrow(/zoo:cnnspot needs weights: --option weights=\.\/cnnspot\.onnx\. Run "semibench zoo show cnnspot"/);
    await expect((await zoo('defake')).create({ weights: 'x.onnx' }, context)).rejects.toThrow(/zoo:defake runs only as a Python worker/);
    await expect((await zoo('univfd')).create({ weights: 'fc_weights.pth' }, context)).rejects.toThrow(/not an \.onnx file; export it first/);
  });

  it('runs user-supplied ONNX weights with the recipe preprocessing and decision rule, in both modes', async () => {
    // A model with the recipe's contract: image [N, 3, 224, 224] -> logit [N, 1] = mean of channel 0.
    const g = new GraphBuilder('tiny');
    g.input('image', ['N', 3, 224, 224]);
    const pooled = g.node('Flatten', [g.node('GlobalAveragePool', ['image'])], { axis: 1 });
    g.node('MatMul', [pooled, g.constant('w', [3, 1], new Float32Array([1, 0, 0]))], {}, ['logit']);
    g.output('logit', ['N', 1]);
    const model = join(dir, 'cnnspot.onnx');
    await writeFile(model, g.encode());
    const plugin = await zoo('cnnspot');
    expect(plugin.meta.needsMask).toBe(true);
    const row = { key: 'CityScapes/hamburg_000000_067799.png', path: join(sample, 'images/CityScapes/hamburg_000000_067799.png') };
    const maskPath = join(sample, 'masks/CityScapes/hamburg_000000_067799_instance101.png');
    for (const parity of [false, true]) {
      const detector = await plugin.create({ weights: model, parity, inProcess: true }, context);
      expect(detector.identity).toMatchObject({ recipe: 'cnnspot', mode: parity ? 'parity' : 'default' });
      const prepared = await prepareInput(row.path, detector.input as DetectorInput, { seed: 0, key: row.key, maskPath });
      const t = prepared.tensor?.data as Float32Array;
      let mean = 0;
      for (let i = 0; i < 224 * 224; i++) mean += t[i] as number;
      mean /= 224 * 224;
      const [score] = await detector.predict([{ id: 'h', key: row.key, path: row.path, ...prepared }], context.signal);
      expect(score).toBeCloseTo(1 / (1 + Math.exp(-mean)), 5);
      if (parity) expect(t.reduce((m, v) => Math.min(m, v), Infinity)).toBe(0); // the clamp, and the zero padding of the shifted crop
      await detector.dispose?.();
    }
  });

  it('semibench zoo list and zoo show print the recipes', async () => {
    const cli = join(root, 'packages/cli/bin/run.js');
    const list = (await run('node', [cli, 'zoo', 'list'], { cwd: root })).stdout;
    for (const r of RECIPES) expect(list).toContain(`zoo:${r.name}`);
    const show = (await run('node', [cli, 'zoo', 'show', 'zoo:dire'], { cwd: root })).stdout;
    expect(show).toContain('no DIRE reconstruction/residual');
    expect(show).toContain('torch.onnx.export');
    await expect(run('node', [cli, 'zoo', 'show', 'nope'], { cwd: root })).rejects.toThrow(/no zoo detector "nope"/);
  });
});
