/**
 * The built-in weak baseline `noise-inconsistency` against reference values computed independently
 * with PyWavelets/numpy/Pillow (packages/plugin-detectors/reference/noise_inconsistency_reference.py).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeRgb, flaggedShare, pixelScores, quantiseMap } from '@semibench/harness';
import type { DetectorItem, PluginContext, RasterImage, ScoredItem } from '@semibench/harness';
import { builtins } from '@semibench/plugin-detectors';
import plugin, { analyseNoise, noiseMap, resolveNoiseOptions } from '@semibench/plugin-detectors/noise-inconsistency';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = join(root, 'packages/plugin-detectors/reference');
const sampleDir = resolve(root, 'fixtures/semi-truths-sample/input');

interface RefEntry { dispersion: number; score: number; tiles: [number, number]; sigmaMean: number; sigmaFirst: number }
const reference = JSON.parse(readFileSync(join(refDir, 'noise-inconsistency.json'), 'utf8')) as {
  params: Record<string, number>;
  images: Record<string, RefEntry>;
};

function fileOf(name: string): string {
  return name.startsWith('sample/') ? join(sampleDir, name.slice('sample/'.length)) : join(refDir, name.slice('reference/'.length));
}

const context: PluginContext = {
  seed: 0,
  cacheDir: '/tmp',
  baseDir: root,
  logger: { debug: () => {}, info: () => {}, warn: () => {} },
  signal: new AbortController().signal,
};

describe('noise-inconsistency', () => {
  it('uses the parameters the reference was computed with', () => {
    // The reference covers the score; mapCentre and mapScale only shape the localisation map.
    expect(resolveNoiseOptions({})).toEqual({ ...reference.params, mapCentre: 0.5, mapScale: 0.15 });
  });

  for (const [name, ref] of Object.entries(reference.images)) {
    it(`matches the PyWavelets reference on ${name}`, async () => {
      const analysis = analyseNoise(await decodeRgb(fileOf(name)));
      expect([analysis.tilesX, analysis.tilesY]).toEqual(ref.tiles);
      expect(analysis.sigmas[0]).toBeCloseTo(ref.sigmaFirst, 9);
      const mean = analysis.sigmas.reduce((a, b) => a + b, 0) / analysis.sigmas.length;
      expect(mean).toBeCloseTo(ref.sigmaMean, 9);
      expect(analysis.dispersion).toBeCloseTo(ref.dispersion, 9);
      expect(analysis.score).toBeCloseTo(ref.score, 9);
    });
  }

  it('scores a smooth (inpainted-like) region in a noise field far above the homogeneous field', () => {
    const flat = reference.images['reference/noise-flat.png'] as RefEntry;
    const patch = reference.images['reference/noise-patch.png'] as RefEntry;
    // Homogeneous noise: dispersion close to the estimator's own sampling error (~1.17/8).
    expect(flat.dispersion).toBeLessThan(0.2);
    expect(patch.score - flat.score).toBeGreaterThan(0.5);
  });

  it('runs as a registered built-in plugin on decoded pixels, one score per item in order', async () => {
    const entry = builtins.find((b) => b.kind === 'detector' && b.name === 'noise-inconsistency');
    expect(entry).toBeDefined();
    const loaded = (await entry!.load()) as { default: typeof plugin };
    expect(loaded.default).toBe(plugin);
    expect(plugin.meta.input).toEqual({ kind: 'pixels' });
    const names = ['reference/noise-patch.png', 'reference/noise-flat.png'];
    const items: DetectorItem[] = await Promise.all(
      names.map(async (name) => ({ id: name, key: name, path: fileOf(name), pixels: await decodeRgb(fileOf(name)) })),
    );
    const instance = await plugin.create({}, context);
    const scores = (await instance.predict(items, context.signal)) as ScoredItem[];
    expect(scores.map((s) => s.score)).toEqual(names.map((n) => expect.closeTo((reference.images[n] as RefEntry).score, 9)));
    // Each item carries its block noise map at the size of the pixels it received.
    scores.forEach((s, i) => expect([s.map?.width, s.map?.height]).toEqual([items[i]!.pixels!.width, items[i]!.pixels!.height]));
  });

  it('maps the smooth rectangle of noise-patch.png exactly (tile-aligned) and flags nothing on the homogeneous field', async () => {
    const [patch, flat] = await Promise.all(['reference/noise-patch.png', 'reference/noise-flat.png'].map((n) => decodeRgb(fileOf(n))));
    const mapOf = (image: RasterImage) => quantiseMap(noiseMap(analyseNoise(image), image.width, image.height));
    // The reference script smooths rows 32..95, columns 48..111: whole 16x16 tiles.
    const mask = new Uint8Array(160 * 128);
    for (let y = 32; y < 96; y++) mask.fill(255, y * 160 + 48, y * 160 + 112);
    const scores = pixelScores(mapOf(patch!), { data: mask, width: 160, height: 128, channels: 1 });
    expect(scores).toMatchObject({ f1: 1, iou: 1, auc: 1 });
    expect(flaggedShare(mapOf(flat!))).toBe(0);
  });

  it('rejects bad options and too-small images with messages that say what to do', async () => {
    expect(() => resolveNoiseOptions({ blocksize: 4 })).toThrow(/unknown option "blocksize".*blockSize/);
    expect(() => resolveNoiseOptions({ blockSize: '1' })).toThrow(/blockSize must be an integer >= 2/);
    expect(resolveNoiseOptions({ blockSize: '4' }).blockSize).toBe(4);
    const tiny = { data: new Uint8Array(20 * 20 * 3), width: 20, height: 20, channels: 3 as const };
    expect(() => analyseNoise(tiny)).toThrow(/fewer than 2x2 tiles of 16px; use a smaller blockSize/);
    const instance = await plugin.create({}, context);
    expect(() => instance.predict([{ id: 'a', key: 'k/a.png', path: '/x/a.png' }], context.signal)).toThrow(/k\/a.png arrived without decoded pixels/);
  });
});
