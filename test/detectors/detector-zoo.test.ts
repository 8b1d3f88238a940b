/**
 * The paper's detector zoo: every entry is registered, prints a complete recipe, declares valid
 * preprocessing for both modes, and runs with user-supplied ONNX weights.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainScores } from '../helpers/plugin-context.js';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInput, prepareInput, validatePreprocessSpec } from '@semibench/harness';
import type { DetectorInput, DetectorPlugin, PluginContext } from '@semibench/harness';
import { builtins } from '@semibench/plugin-detectors';
import { GraphBuilder } from '@semibench/plugin-detectors/onnx/graph';
import { formatRecipe, PREPROCESS_MODES, RECIPES } from '@semibench/plugin-detectors/zoo/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
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
      for (const mode of PREPROCESS_MODES) {
        const input = r.preprocess[mode].input;
        if (input.kind === 'tensor') validatePreprocessSpec(input.preprocess, `${r.name} ${mode}`);
        // Every mode that reads the edit mask treats the classes differently, and says so.
        expect(r.preprocess[mode].classDependent, `${r.name} ${mode}`).toBe(input.kind === 'tensor' && input.preprocess.steps.some((s) => s.op === 'mask-crop'));
      }
      expect(r.preprocess.authors.classDependent).toBe(false);
      const text = formatRecipe(r);
      for (const section of ['Architecture', 'Weights', 'Model contract', 'Decision rule', 'Preprocessing', 'Committed files', 'Steps', 'Notes']) expect(text, `${r.name}: ${section}`).toContain(section);
      expect(text).toMatch(/authors \(default\) \[blind\]/);
      expect(text).toMatch(/semi-truths \[class-dependent: not blind\]: tensor: .*mask-crop\(224, tries 51, min 0\.7, parity centre-as-corner\).*parity clamp \[0,1\]/);
      for (const rel of Object.values(r.files)) expect(existsSync(join(root, 'packages/plugin-detectors/zoo', rel)), rel).toBe(true);
    }
    // The UnivFD quirks of spec §10 (3): ImageNet statistics and blur on the no-mask path, only in semi-truths mode.
    const univfd = RECIPES.find((r) => r.name === 'univfd');
    expect(describeInput(univfd!.preprocess['semi-truths'].input)).toContain('gaussian-blur(pil sigma 2, only without mask-crop)');
    expect(describeInput(univfd!.preprocess.authors.input)).toBe('tensor: decode rgb8 > center-crop(224) > tensor(NCHW, RGB, range [0,1], mean [0.48145466,0.4578275,0.40821073], std [0.26862954,0.26130258,0.27577711], float32)');
    // CNNDetection evaluates at full resolution.
    expect(describeInput(RECIPES.find((r) => r.name === 'cnnspot')!.preprocess.authors.input)).toBe('tensor: decode rgb8 > tensor(NCHW, RGB, range [0,1], mean [0.485,0.456,0.406], std [0.229,0.224,0.225], float32)');
  });

  it('tells what weights are needed, and which route a detector supports', async () => {
    await expect((await zoo('cnnspot')).create({}, context)).rejects.toThrow(/zoo:cnnspot needs weights: semibench zoo export cnnspot --checkpoint FILE --out models\/, then --option weights=models\/cnnspot\.onnx/);
    await expect((await zoo('defake')).create({ weights: 'x.onnx' }, context)).rejects.toThrow(/zoo:defake does not run from a single ONNX file/);
    await expect((await zoo('univfd')).create({ weights: 'fc_weights.pth' }, context)).rejects.toThrow(/not an \.onnx file; export it first: semibench zoo export univfd/);
    await expect((await zoo('univfd')).create({ weights: 'x.onnx', preprocess: 'paper' }, context)).rejects.toThrow(/preprocess="paper" is not a mode; use authors or semi-truths \(default authors\)/);
  });

  it('runs user-supplied ONNX weights with the recipe preprocessing and decision rule, in both modes', async () => {
    // A model with the recipe's contract: image [N, 3, 224, 224] -> logit [N, 1] = mean of channel 0.
    const g = new GraphBuilder('tiny');
    g.input('image', ['N', 3, 224, 224]);
    const pooled = g.node('Flatten', [g.node('GlobalAveragePool', ['image'])], { axis: 1 });
    g.node('MatMul', [pooled, g.constant('w', [3, 1], new Float32Array([1, 0, 0]))], {}, ['logit']);
    g.output('logit', ['N', 1]);
    const model = join(dir, 'dire.onnx');
    await writeFile(model, g.encode());
    const plugin = await zoo('dire');
    const row = { key: 'CityScapes/hamburg_000000_067799.png', path: join(sample, 'images/CityScapes/hamburg_000000_067799.png') };
    const maskPath = join(sample, 'masks/CityScapes/hamburg_000000_067799_instance101.png');
    for (const parity of [false, true]) {
      const detector = await plugin.create({ weights: model, ...(parity ? { preprocess: 'semi-truths' } : {}), inProcess: true }, context);
      expect(detector.identity).toMatchObject({ recipe: 'dire', preprocess: parity ? 'semi-truths' : 'authors', classDependent: parity });
      const prepared = await prepareInput(row.path, detector.input as DetectorInput, { seed: 0, key: row.key, maskPath });
      const t = prepared.tensor?.data as Float32Array;
      let mean = 0;
      for (let i = 0; i < 224 * 224; i++) mean += t[i] as number;
      mean /= 224 * 224;
      const [score] = plainScores(await detector.predict([{ id: 'h', key: row.key, path: row.path, ...prepared }], context.signal));
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
    expect(show).toContain('DIRE images are an input you prepare');
    expect(show).toContain('semibench zoo export dire --checkpoint lsun_adm.pth --out models/');
    const script = (await run('node', [cli, 'zoo', 'show', 'cnnspot', '--path', 'export'], { cwd: root })).stdout.trim();
    expect(script).toBe(join(root, 'packages/plugin-detectors/zoo/cnnspot/export.py'));
    await expect(run('node', [cli, 'zoo', 'show', 'nope'], { cwd: root })).rejects.toThrow(/no zoo detector "nope"/);
  }, 180_000);
});
