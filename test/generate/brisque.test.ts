/**
 * BRISQUE port vs the brisque 0.0.16 Python package (fixtures/reference/brisque, from shared/data/brisque; how they
 * were made: brisque.md §11). With the FMA grey, the shipped window, scipy's convolution order and OpenCV's resize
 * order the spec expects agreement to ~1e-9; we measured ≤ 5e-11.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeRgb, type RasterImage } from '@semibench/harness';
import { brisqueGrey, BrisqueScorer, fma, halfSize } from '@semibench/plugin-metrics';

interface Detail { score: number; input_rgb_uint8_sha256: string; gray_sha256_float64le: string; features_raw: number[]; features_scaled: number[]; downscaled_shape: [number, number] }
const ref = JSON.parse(readFileSync(new URL('../../fixtures/reference/brisque/reference-details.json', import.meta.url), 'utf8')) as {
  images: Record<string, Detail>; crops: Record<string, Detail>; synthetic: Record<string, Detail>;
};
const IMAGES = new URL('../../fixtures/semi-truths-sample/input/images/', import.meta.url).pathname;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let scorer: BrisqueScorer;
beforeAll(async () => {
  scorer = await BrisqueScorer.create();
});

function crop(img: RasterImage, h: number, w: number): RasterImage {
  const d = new Uint8Array(h * w * 3);
  for (let y = 0; y < h; y++) d.set(img.data.subarray(y * img.width * 3, y * img.width * 3 + w * 3), y * w * 3);
  return { data: d, width: w, height: h, channels: 3 };
}

function synthetic(f: (x: number, y: number) => [number, number, number]): RasterImage {
  const d = new Uint8Array(97 * 131 * 3);
  for (let y = 0; y < 97; y++) for (let x = 0; x < 131; x++) d.set(f(x, y), (y * 131 + x) * 3);
  return { data: d, width: 131, height: 97, channels: 3 };
}

function check(img: RasterImage, d: Detail): void {
  expect(sha(img.data)).toBe(d.input_rgb_uint8_sha256);
  const grey = brisqueGrey(img);
  expect(sha(new Uint8Array(grey.data.buffer))).toBe(d.gray_sha256_float64le);
  const got = scorer.detail(img);
  expect(Math.abs(got.score - d.score)).toBeLessThan(1e-9);
  got.features.forEach((f, i) => expect(Math.abs(f - d.features_raw[i]!)).toBeLessThan(1e-10 * Math.max(1, Math.abs(f))));
  expect([halfSize(img.height), halfSize(img.width)]).toEqual(d.downscaled_shape);
}

describe('BRISQUE vs brisque 0.0.16 reference values', () => {
  for (const [path, d] of Object.entries(ref.images)) {
    // sharp (libvips + libjpeg-turbo) decodes the JPEG samples to the same bytes as Pillow + libjpeg62-turbo: the
    // first assertion of check() compares the decoded RGB bytes with the reference's sha256.
    it(`sample ${path}`, async () => check(await decodeRgb(IMAGES + path), d));
  }
  for (const [key, d] of Object.entries(ref.crops)) {
    it(`odd-size crop ${key}`, async () => {
      const m = /^(.*)\[0:(\d+),0:(\d+)\]$/.exec(key)!;
      check(crop(await decodeRgb(IMAGES + m[1]!), Number(m[2]), Number(m[3])), d);
    });
  }
  it('synthetic images regenerated from their integer formulas', () => {
    const [a, b] = Object.values(ref.synthetic) as [Detail, Detail];
    check(synthetic((x, y) => [(3 * x + 5 * y) % 256, (x * y) % 256, ((Math.floor(x / 8) + Math.floor(y / 8)) % 2) * 200 + 20]), a);
    check(synthetic((x, y) => [Math.floor((x * x + y * y) / 37) % 256, (7 * x + y * y) % 251, (x * 13 + y * 29) % 256]), b);
  });
});

describe('BRISQUE edge cases (brisque.md §1, §5, §8)', () => {
  it('a flat image is NaN (0/0 moments), so the [0, 70] QC window rejects it', () => {
    const flat: RasterImage = { data: new Uint8Array(32 * 32 * 3).fill(90), width: 32, height: 32, channels: 3 };
    expect(scorer.score(flat)).toBeNaN();
  });
  it('a side of 1 is an error, as in OpenCV', () => {
    expect(() => scorer.score({ data: new Uint8Array(3 * 40), width: 40, height: 1, channels: 3 })).toThrow(/too small/);
  });
  it('half size rounds half to even like cvRound', () => {
    expect([512, 509, 511, 101, 97, 131, 3, 2].map(halfSize)).toEqual([256, 254, 256, 50, 48, 66, 2, 1]);
  });
  it('fma is exact where a*b + c rounds twice', () => {
    // The double 0.1 is slightly above 1/10: 0.1·10 − 1 is 5.55e-17 exactly, while the rounded product 1 gives 0.
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
    expect(fma(1 + 2 ** -52, 1 + 2 ** -52, -1)).toBe(2 ** -51 + 2 ** -104);
  });
});
