/**
 * The built-in `onnx` detector: a real pretrained network (nsfwjs MobileNetV2, converted from its
 * npm package to ONNX in JS) against TensorFlow.js's own outputs, plus hand-made graphs for
 * batching, output kinds and error messages.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainScores } from '../helpers/plugin-context.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareInput } from '@semibench/harness';
import type { DetectorInput, DetectorItem, DetectorPlugin, PluginContext } from '@semibench/harness';
import { builtins } from '@semibench/plugin-detectors';
import { GraphBuilder, DT } from '@semibench/plugin-detectors/onnx/graph';
import { buildNsfwjsOnnx, loadNsfwjsMobileNetV2, predictWithTfjs } from '@semibench/plugin-detectors/onnx/nsfwjs';
import { openSession, ortSessionOptions } from '@semibench/plugin-detectors/onnx/session';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const modelPath = join(root, 'fixtures/models/nsfwjs-mobilenetv2/mobilenetv2.onnx');
const reference = JSON.parse(readFileSync(join(root, 'packages/plugin-detectors/reference/nsfwjs-tfjs-reference.json'), 'utf8')) as {
  outputs: Record<string, number[]>;
};

const context = (baseDir = root): PluginContext => ({
  seed: 0,
  cacheDir: tmpdir(),
  baseDir,
  logger: { debug: () => {}, info: () => {}, warn: () => {} },
  signal: new AbortController().signal,
});

async function onnxPlugin(): Promise<DetectorPlugin> {
  const entry = builtins.find((b) => b.kind === 'detector' && b.name === 'onnx');
  if (!entry) throw new Error('onnx is not registered');
  return ((await entry.load()) as { default: DetectorPlugin }).default;
}

async function itemsFor(input: DetectorInput, rows: readonly { key: string; id: string; path: string }[]): Promise<DetectorItem[]> {
  return Promise.all(rows.map(async (r) => ({ id: r.id, key: r.key, path: r.path, ...(await prepareInput(r.path, input, { seed: 0, key: r.key })) })));
}

describe('onnx detector on a real pretrained network (nsfwjs MobileNetV2)', () => {
  let rows: { key: string; id: string; path: string }[];
  beforeAll(async () => {
    await buildNsfwjsOnnx(modelPath);
    // The ten photographs of the Semi-Truths sample, keyed as in the reference file.
    const images = resolve(root, 'fixtures/semi-truths-sample/input/images');
    rows = Object.keys(reference.outputs).map((key) => ({ key, id: key, path: join(images, key) }));
  });

  it('is defined by the .onnx file and its sidecar, and matches TensorFlow.js within 1e-5 on every sample image', async () => {
    const plugin = await onnxPlugin();
    const instance = await plugin.create({ model: 'fixtures/models/nsfwjs-mobilenetv2/mobilenetv2.onnx', batchSize: 8 }, context());
    try {
      expect(instance.input).toEqual({
        kind: 'tensor',
        preprocess: { steps: [{ op: 'resize', size: [224, 224], mode: 'exact', interpolation: 'bilinear' }], tensor: { layout: 'NHWC', range: [0, 1] } },
      });
      expect(instance.identity?.modelSha256).toMatch(/^[0-9a-f]{64}$/);
      // Reported under the sidecar's name, not "onnx" (issue 20).
      expect(instance.name).toBe('nsfwjs-mobilenetv2');
      const items = await itemsFor(instance.input as DetectorInput, rows);
      expect(items.length).toBe(Object.keys(reference.outputs).length);
      // Two calls of different sizes: dynamic batch dimension, split by batchSize 8 (8 + 1, then 1).
      const scores = [...plainScores(await instance.predict(items.slice(0, 9), context().signal)), ...plainScores(await instance.predict(items.slice(9), context().signal))];
      scores.forEach((s, i) => {
        const expected = reference.outputs[(items[i] as DetectorItem).key]?.[0];
        expect(Math.abs(s - (expected as number)), (items[i] as DetectorItem).key).toBeLessThan(1e-5);
      });
    } finally {
      await instance.dispose?.();
    }
  });

  it('gives all five class probabilities as tfjs does; logits + softmax agree', async () => {
    const session = await openSession(modelPath, {});
    try {
      const input = (await (await onnxPlugin()).create({ model: modelPath }, context())).input as DetectorInput;
      const items = await itemsFor(input, rows.slice(0, 6));
      const data = new Float32Array(6 * 224 * 224 * 3);
      items.forEach((it, i) => data.set(it.tensor?.data as Float32Array, i * 224 * 224 * 3));
      const out = await session.run({ input_1: { type: 'float32', data, dims: [6, 224, 224, 3] } }, ['probabilities', 'logits']);
      const probs = out.probabilities?.data as Float32Array;
      const logits = out.logits?.data as Float32Array;
      items.forEach((it, i) => {
        const ref = reference.outputs[it.key] as number[];
        const row = Array.from(logits.subarray(i * 5, i * 5 + 5));
        const max = Math.max(...row);
        const z = row.reduce((a, v) => a + Math.exp(v - max), 0);
        ref.forEach((p, k) => {
          expect(Math.abs((probs[i * 5 + k] as number) - p)).toBeLessThan(1e-5);
          expect(Math.abs(Math.exp((row[k] as number) - max) / z - p)).toBeLessThan(1e-5);
        });
      });
    } finally {
      await session.close();
    }
  });

  it('the committed tfjs reference is what tfjs computes today (one image, live)', async () => {
    const input = (await (await onnxPlugin()).create({ model: modelPath, inProcess: true }, context())).input as DetectorInput;
    const [item] = await itemsFor(input, rows.slice(0, 1));
    const [live] = await predictWithTfjs(await loadNsfwjsMobileNetV2(), [item?.tensor?.data as Float32Array]);
    (reference.outputs[item?.key as string] as number[]).forEach((p, k) => expect(Math.abs((live?.[k] as number) - p)).toBeLessThan(1e-6));
  });

  it('in-process and worker-thread sessions, and softmax over logits, give the same scores', async () => {
    const plugin = await onnxPlugin();
    const a = await plugin.create({ model: modelPath }, context());
    const b = await plugin.create({ model: modelPath, inProcess: true, output: 'softmax:0@logits', intraOpNumThreads: 1 }, context());
    try {
      const items = await itemsFor(a.input as DetectorInput, rows.slice(0, 4));
      const sa = plainScores(await a.predict(items, context().signal));
      const sb = plainScores(await b.predict(items, context().signal));
      sa.forEach((s, i) => expect(Math.abs(s - (sb[i] as number))).toBeLessThan(1e-6));
    } finally {
      await a.dispose?.();
      await b.dispose?.();
    }
  });
});

describe('onnx session options', () => {
  it('run inference on every core by default (onnxruntime-node alone used one thread on 2 cores); 0 leaves the choice to onnxruntime', () => {
    expect(ortSessionOptions({})).toEqual({ graphOptimizationLevel: 'all', executionProviders: ['cpu'], intraOpNumThreads: availableParallelism() });
    expect(ortSessionOptions({ intraOpNumThreads: 0, interOpNumThreads: 1 })).toMatchObject({ intraOpNumThreads: 0, interOpNumThreads: 1 });
    expect(ortSessionOptions({ intraOpNumThreads: 1 }).intraOpNumThreads).toBe(1);
  });
});

describe('onnx detector on hand-made graphs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'semibench-onnx-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** y[n] = sum(x[n] * w) over a [batch, 3, 4, 4] input; w is 0.01 * (i + 1). */
  async function dotModel(name: string, batch: number | string, outCols: 1 | 2, elem: number = DT.FLOAT): Promise<string> {
    const g = new GraphBuilder(name);
    g.input('x', [batch, 3, 4, 4], elem);
    const x = elem === DT.FLOAT ? 'x' : g.node('Cast', ['x'], { to: DT.FLOAT });
    const w = new Float32Array(48).map((_, i) => 0.01 * (i + 1));
    const flat = g.node('Flatten', [x], { axis: 1 });
    const cols = outCols === 1 ? w : new Float32Array(96).map((_, i) => (i % 2 === 0 ? 0 : (w[(i - 1) / 2] as number)));
    g.node('MatMul', [flat, g.constant('w', [48, outCols], cols)], {}, ['y']);
    g.output('y', [batch, outCols]);
    const path = join(dir, `${name}.onnx`);
    await writeFile(path, g.encode());
    return path;
  }
  const tinyPre = { steps: [{ op: 'resize', size: [4, 4], mode: 'exact' }], tensor: { layout: 'NCHW' } };
  const fakeItems = (n: number): DetectorItem[] =>
    Array.from({ length: n }, (_, k) => ({
      id: `i${k}`,
      key: `k${k}`,
      path: `/nowhere/${k}.png`,
      tensor: { data: new Float32Array(48).map((_, i) => ((i * 7 + k * 13) % 10) / 10), dims: [3, 4, 4] },
    }));
  const dot = (t: Float32Array): number => t.reduce((a, v, i) => a + v * Math.fround(0.01 * (i + 1)), 0);
  const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

  it('splits and zero-pads for a fixed batch size, and applies the logit output', async () => {
    const model = await dotModel('fixed2', 2, 1);
    const instance = await (await onnxPlugin()).create({ model, preprocessing: tinyPre, output: 'logit' }, context());
    const items = fakeItems(5);
    const scores = plainScores(await instance.predict(items, context().signal));
    items.forEach((it, i) => expect(scores[i]).toBeCloseTo(sigmoid(dot(it.tensor?.data as Float32Array)), 5));
    await instance.dispose?.();
  });

  it('reads preprocessing and output from a sidecar, uint8 inputs, and 2-class argmax', async () => {
    const model = await dotModel('two', 'N', 2, DT.UINT8);
    await writeFile(
      join(dir, 'two.semibench.json'),
      JSON.stringify({ semibench: 1, preprocessing: { steps: [], tensor: { layout: 'NCHW', range: [0, 255] } }, output: { kind: 'argmax', index: 1 } }),
    );
    const instance = await (await onnxPlugin()).create({ model: 'two.onnx' }, context(dir));
    const items = fakeItems(3).map((it) => ({ ...it, tensor: { data: (it.tensor?.data as Float32Array).map((v) => v * 255), dims: [3, 4, 4] } }));
    const scores = plainScores(await instance.predict(items, context().signal));
    items.forEach((it, i) => {
      const logit = dot((it.tensor.data as Float32Array).map((v) => Math.round(v)));
      expect(scores[i]).toBeCloseTo(sigmoid(logit), 5); // softmax([0, z])[1] = sigmoid(z)
    });
    await instance.dispose?.();
  });

  it('explains what is missing or wrong', async () => {
    const plugin = await onnxPlugin();
    const model = await dotModel('plain', 'N', 1);
    await expect(plugin.create({}, context())).rejects.toThrow(/option "model".*required/);
    await expect(plugin.create({ model, colour: 'x' }, context())).rejects.toThrow(/unknown option "colour"/);
    await expect(plugin.create({ model }, context())).rejects.toThrow(/no preprocessing declared.*plain\.semibench\.json/);
    const pre = JSON.stringify({ steps: [{ op: 'resize', size: [5, 5], mode: 'exact' }], tensor: { layout: 'NCHW' } });
    await expect(plugin.create({ model, preprocessing: pre }, context())).rejects.toThrow(/no output interpretation/);
    await expect(plugin.create({ model, preprocessing: pre, output: 'sigmoidal' }, context())).rejects.toThrow(/not understood/);
    await expect(plugin.create({ model, preprocessing: { steps: [{ op: 'blur' }] }, output: 'logit' }, context())).rejects.toThrow(
      /onnx option preprocessing: preprocessing.steps\[0\].op: unknown op "blur"/,
    );
    await expect(plugin.create({ model: join(dir, 'missing.onnx'), preprocessing: pre, output: 'logit' }, context())).rejects.toThrow(/missing\.onnx/);
    const wrong = await plugin.create({ model, preprocessing: pre, output: 'probability' }, context());
    const five: DetectorItem = { id: 'a', key: 'rows/a.png', path: '/a.png', tensor: { data: new Float32Array(75), dims: [3, 5, 5] } };
    await expect(wrong.predict([five], context().signal)).rejects.toThrow(/rows\/a\.png.*\[3, 5, 5\].*expects \[3, 4, 4\]/);
    await expect(wrong.predict(fakeItems(1).map((it) => ({ ...it, tensor: { data: new Float32Array(48).fill(9), dims: [3, 4, 4] } })), context().signal)).rejects.toThrow(
      /not a probability; declare output kind "logit"/,
    );
    await wrong.dispose?.();
    // The session loads in the background: what only the loaded model can tell fails at the first predict(), every time.
    const noOutput = await plugin.create({ model, preprocessing: pre, output: 'logit@nope' }, context());
    for (let i = 0; i < 2; i++) await expect(noOutput.predict(fakeItems(1), context().signal)).rejects.toThrow(/has no output "nope"/);
    await noOutput.dispose?.();
    // Disposed while still loading: the session is closed once loaded (no worker thread is left running).
    await (await plugin.create({ model, preprocessing: pre, output: 'logit' }, context())).dispose?.();
  });
});
