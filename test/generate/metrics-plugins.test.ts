/**
 * The built-in metric plugins through the plugin contract. Model-backed plugins run on tiny stand-in ONNX graphs
 * and tokenizer.json files (fixtures/reference/metrics/onnx/make_onnx.py), whose expected outputs were computed
 * independently with numpy + Pillow.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeRgb, splitMetricResult, type MetricInput, type MetricPlugin, type PluginContext, type PluginOptions, type RasterImage } from '@semibench/harness';
import { builtins, resizePilBicubic } from '@semibench/plugin-metrics';
import { loadTokenizer } from '@semibench/plugin-metrics/onnx/tokenizer';

const DIR = new URL('../../fixtures/reference/metrics/', import.meta.url);
const ONNX = new URL('onnx/', DIR).pathname;
const onnxRef = JSON.parse(readFileSync(new URL('onnx/reference.json', DIR), 'utf8')) as {
  clip_ids: Record<string, number[]>;
  bert_ids: Record<string, number[]>;
  cases: Record<string, Record<string, number | string>>;
  sentence: Record<string, number>;
};
const pixelRef = JSON.parse(readFileSync(new URL('reference.json', DIR), 'utf8')) as { pairs: Record<string, { rgb: Record<string, number>; gray: Record<string, number> }> };

const warnings: string[] = [];
const context: PluginContext = {
  seed: 1,
  cacheDir: '/tmp',
  baseDir: ONNX,
  logger: { debug: () => {}, info: () => {}, warn: (m) => warnings.push(m) },
  signal: new AbortController().signal,
};

async function plugin(name: string): Promise<MetricPlugin> {
  const entry = builtins.find((b) => b.name === name);
  if (!entry) throw new Error(`no builtin ${name}`);
  const mod = (await entry.load()) as { default: MetricPlugin };
  return mod.default;
}

async function input(name: string, originalText = '', editedText = ''): Promise<MetricInput> {
  const original = await decodeRgb(new URL(`pairs/${name}.source.png`, DIR).pathname);
  const editedNative = await decodeRgb(new URL(`pairs/${name}.edit.png`, DIR).pathname);
  const edited: RasterImage = resizePilBicubic(editedNative, original.width, original.height);
  return { original, edited, editedNative, originalText, editedText, method: 'inpainting' };
}

async function run(name: string, options: PluginOptions, inp: MetricInput) {
  const p = await plugin(name);
  const instance = await p.create(options, context);
  const { values, changeMask } = splitMetricResult(await instance.compute(inp, context.signal));
  await instance.dispose?.();
  // Only pixel-change hands back the change mask (generate saves it for p2p edits), at the source's size.
  if (name === 'pixel-change') expect([changeMask?.width, changeMask?.height, changeMask?.channels]).toEqual([inp.original.width, inp.original.height, 1]);
  expect(Object.keys(values).sort()).toEqual([...p.meta.columns].sort());
  return { values, instance };
}

const close = (a: unknown, b: unknown, tol = 2e-6) => expect(Math.abs((a as number) - (b as number))).toBeLessThan(tol);

describe('metric plugin registry', () => {
  it('lists the six built-in metric plugins, each loading a valid metric plugin', async () => {
    expect(builtins.map((b) => b.name)).toEqual(['pixel-change', 'brisque', 'clip-qc', 'lpips', 'dreamsim', 'sentence']);
    for (const b of builtins) {
      const p = await plugin(b.name);
      expect(p.kind).toBe('metric');
      expect(p.meta.name).toBe(b.name);
      expect(['qc', 'change']).toContain(p.meta.stage);
    }
  });
});

describe('weight-free plugins', () => {
  it('pixel-change writes the eval-set columns with the reference values', async () => {
    const { values } = await run('pixel-change', {}, await input('larger-edit'));
    const ref = pixelRef.pairs['larger-edit']!;
    close(values.mse_rgb, ref.rgb.mse, 1e-9);
    close(values.ssim_rgb, ref.rgb.ssim, 1e-9);
    close(values.psnr_rgb, ref.rgb.psnr, 1e-9);
    expect(values.ratio_rgb).toBe(ref.rgb.ratio);
    expect(values.cc_cluters_rgb).toBe(ref.rgb.cc_clusters);
    expect(values.largest_component_size_gray).toBe(ref.gray.largest_component_size);
    close(values.cluster_dist_gray, ref.gray.cluster_dist, 1e-9);
  });

  it('brisque scores the source and the edit at its stored size', async () => {
    const scores = JSON.parse(readFileSync(new URL('../../fixtures/reference/brisque/reference-scores.json', import.meta.url), 'utf8')) as Record<string, number>;
    const original = await decodeRgb(new URL('../../fixtures/semi-truths-sample/input/images/CityScapes/bremen_000087_000019.png', import.meta.url).pathname);
    const { values } = await run('brisque', {}, { original, edited: original, editedNative: original, originalText: '', editedText: '', method: 'inpainting' });
    close(values.brisque_score_orig, scores['CityScapes/bremen_000087_000019.png'], 1e-9);
    expect(values.brisque_score_perturb).toBe(values.brisque_score_orig);
  });
});

describe('model-backed plugins without a model', () => {
  for (const name of ['clip-qc', 'lpips', 'dreamsim', 'sentence']) {
    it(`${name} says it is not configured and returns null for every column`, async () => {
      warnings.length = 0;
      const { values, instance } = await run(name, {}, await input('paste', 'a', 'b'));
      expect(Object.values(values).every((v) => v === null)).toBe(true);
      expect(instance.identity?.configured).toBe(false);
      expect(warnings.join('\n')).toMatch(new RegExp(`${name}: not computed, no model configured`));
    });
  }

  it('a model path that does not exist is an error naming the option and the file', async () => {
    const p = await plugin('lpips');
    await expect(p.create({ model: 'missing.onnx' }, context)).rejects.toThrow(/lpips: option "model" points to .*missing\.onnx, which does not exist/);
  });
});

describe('tokenizers (tokenizer.json via @huggingface/tokenizers)', () => {
  it('CLIP byte-level BPE with </w> and start/end tokens', async () => {
    const tok = await loadTokenizer(`${ONNX}clip-tokenizer.json`, 'test', 'tokenizer');
    for (const [text, ids] of Object.entries(onnxRef.clip_ids)) expect(tok.encode(text)).toEqual(ids);
  });
  it('BERT WordPiece (lower-case, accents stripped, punctuation split, [UNK])', async () => {
    const tok = await loadTokenizer(`${ONNX}minilm-tokenizer.json`, 'test', 'tokenizer');
    for (const [text, ids] of Object.entries(onnxRef.bert_ids)) expect(tok.encode(text)).toEqual(ids);
  });
});

describe('model-backed plugins on stand-in ONNX graphs', () => {
  for (const name of ['smaller-edit', 'larger-edit']) {
    const ref = onnxRef.cases[name]!;
    it(`clip-qc on ${name}: img1_img2, cap2_img2, direct_sim (reference and standard forms)`, async () => {
      const inp = await input(name, ref.original_text as string, ref.edited_text as string);
      const opts = { visualModel: 'clip_visual.onnx', textModel: 'clip_text.onnx', tokenizer: 'clip-tokenizer.json' };
      const { values } = await run('clip-qc', opts, inp);
      close(values.img1_img2, ref.img1_img2);
      close(values.cap2_img2, ref.cap2_img2);
      close(values.direct_sim, ref.direct_sim);
      const standard = await run('clip-qc', { ...opts, directSim: 'standard' }, inp);
      close(standard.values.direct_sim, ref.direct_sim_standard);
    });

    it(`lpips (min-max parity default and fixed scaling) and dreamsim on ${name}`, async () => {
      const inp = await input(name);
      // The stand-in's ReduceMean runs in float32 over 65,536 × 3 values inside onnxruntime: ~1e-5 of rounding.
      close((await run('lpips', { model: 'lpips.onnx' }, inp)).values.lpips_score, ref.lpips_minmax, 5e-5);
      close((await run('lpips', { model: 'lpips.onnx', normalize: 'fixed' }, inp)).values.lpips_score, ref.lpips_fixed, 5e-5);
      close((await run('dreamsim', { model: 'dreamsim_embed.onnx' }, inp)).values.dreamsim, ref.dreamsim);
    });
  }

  it('sentence: sen_sim = 1 − max(cos, 0) with mean pooling', async () => {
    for (const [pair, expected] of Object.entries(onnxRef.sentence)) {
      const [a, b] = pair.split('|') as [string, string];
      const inp = await input('paste', a, b);
      close((await run('sentence', { model: 'minilm.onnx', tokenizer: 'minilm-tokenizer.json' }, inp)).values.sen_sim, expected);
    }
  });
});
