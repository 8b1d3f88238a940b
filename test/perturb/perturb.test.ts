/**
 * `--perturb` perturbations against Pillow itself (fixtures/reference/perturb: made by its
 * make_reference.py with Debian's Pillow 9.4). Tolerance: none — jpeg, blur, resize and crop must
 * give Pillow's exact bytes (sha256 of the pixels). Noise, which Pillow does not define, is checked
 * for determinism and its distribution.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PerturbedImageCache,
  addGaussianNoise,
  cropZeroFill,
  decodeRgb,
  encodePng,
  parsePerturbation,
  parsePerturbations,
  perturbPixels,
  perturbationKey,
  perturbationName,
  sha256,
} from '@semibench/harness';
import type { RasterImage } from '@semibench/harness';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'fixtures/semi-truths-sample/input');
interface Case { image: 'A' | 'B'; spec: string; out: { sha256: string; shape: number[]; mean: number } }
const ref = (await import(join(root, 'fixtures/reference/perturb/reference.json'), { with: { type: 'json' } })).default as {
  window: [number, number, number, number];
  images: Record<'A' | 'B', string>;
  cases: Case[];
};
const windows = new Map<string, RasterImage>();
async function windowOf(key: 'A' | 'B'): Promise<RasterImage> {
  const known = windows.get(key);
  if (known) return known;
  const [top, left, h, w] = ref.window;
  const img = cropZeroFill(await decodeRgb(join(sample, ref.images[key])), top, left, h, w);
  windows.set(key, img);
  return img;
}
const mean = (img: RasterImage): number => img.data.reduce((s, v) => s + v, 0) / img.data.length;

describe('perturbations match Pillow byte for byte', () => {
  for (const c of ref.cases) {
    it(`${c.spec} on image ${c.image}`, async () => {
      const out = await perturbPixels(await windowOf(c.image), parsePerturbation(c.spec), 0, 'unused');
      expect([out.height, out.width, out.channels]).toEqual(c.out.shape);
      expect(mean(out)).toBeCloseTo(c.out.mean, 9);
      expect(sha256(out.data)).toBe(c.out.sha256);
    });
  }
});

describe('parsing', () => {
  it('canonical names, none first, duplicates dropped', () => {
    expect(parsePerturbations(['jpeg:75', 'blur:1.50', 'jpeg:75', 'none']).map(perturbationName)).toEqual(['none', 'jpeg:75', 'blur:1.5']);
    expect(perturbationKey(parsePerturbation('none'), 0)).toBe('');
    expect(perturbationKey(parsePerturbation('noise:4'), 7)).toBe('perturb=noise:4@7');
  });
  it.each([
    ['jpeg:0', /integer 1\.\.100/],
    ['jpeg:7.5', /integer 1\.\.100/],
    ['blur:-1', /positive number/],
    ['crop:1.5', /\(0, 1\]/],
    ['sharpen:2', /unknown perturbation "sharpen"/],
    ['jpeg', /unknown perturbation; use none/],
  ])('rejects %s', (spec, message) => {
    expect(() => parsePerturbation(spec)).toThrow(message);
  });
});

describe('noise', () => {
  const grey: RasterImage = { data: new Uint8Array(3 * 200 * 200).fill(128), width: 200, height: 200, channels: 3 };
  it('is deterministic per seed and has mean 0, standard deviation sigma (away from clipping)', () => {
    const a = addGaussianNoise(grey, 8, 42);
    expect(sha256(addGaussianNoise(grey, 8, 42).data)).toBe(sha256(a.data));
    expect(sha256(addGaussianNoise(grey, 8, 43).data)).not.toBe(sha256(a.data));
    let s = 0;
    let s2 = 0;
    for (const v of a.data) {
      s += v - 128;
      s2 += (v - 128) ** 2;
    }
    const n = a.data.length;
    const m = s / n;
    // Rounding adds variance 1/12; 120k draws: the standard error of the mean is 8/sqrt(n) ≈ 0.023.
    expect(Math.abs(m)).toBeLessThan(0.1);
    expect(Math.sqrt(s2 / n - m * m)).toBeCloseTo(Math.sqrt(64 + 1 / 12), 1);
  });
});

describe('cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semibench-perturb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('makes each perturbed image once, named by content, and decodes to the perturbed pixels', async () => {
    const img = await windowOf('A');
    const src = join(dir, 'a.png');
    writeFileSync(src, await encodePng(img));
    writeFileSync(join(dir, 'copy.png'), await encodePng(img));
    const cache = new PerturbedImageCache(join(dir, 'cache'), parsePerturbation('blur:1'), 0);
    const [p1, p2] = await Promise.all([cache.path(src), cache.path(join(dir, 'copy.png'))]);
    expect(p1).toBe(p2);
    expect(readdirSync(cache.dir)).toHaveLength(1);
    const expected = ref.cases.find((c) => c.image === 'A' && c.spec === 'blur:1')!;
    expect(sha256((await decodeRgb(p1)).data)).toBe(expected.out.sha256);
    const jpeg = new PerturbedImageCache(join(dir, 'cache'), parsePerturbation('jpeg:75'), 0);
    const pj = await jpeg.path(src);
    expect(pj.endsWith('.jpg')).toBe(true);
    expect(sha256((await decodeRgb(pj)).data)).toBe(ref.cases.find((c) => c.image === 'A' && c.spec === 'jpeg:75')!.out.sha256);
  });
});
