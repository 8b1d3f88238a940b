/**
 * Mask preparation (spec §3.3) against Pillow. Reference PNGs and hashes were made with Pillow 9.4.0
 * by fixtures/semi-truths-sample/reference/mask-prep/make_reference.py (see that script's header).
 * Each stage starts from PIL's own output of the previous stage, so a mismatch points at one filter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeGrey,
  decodeMaskGrey,
  maxFilter,
  modeFilter,
  pilExtendedBoxRadius,
  pilGaussianBlur,
  pilGrey,
  prepareInpaintMask,
  type RasterImage,
} from '@semibench/harness';

const REF = join(import.meta.dirname, '..', '..', 'fixtures', 'semi-truths-sample', 'reference', 'mask-prep');
const INPUT = join(import.meta.dirname, '..', '..', 'fixtures', 'semi-truths-sample', 'input');

interface StageRef { png: string; sha256: string; sum: number }
interface Reference {
  pillow: string;
  masks: { mask_path: string; width: number; height: number; stages: Record<'grey' | 'max1' | 'max2' | 'mode' | 'blur', StageRef> }[];
  synthetic: { input: string; width: number; height: number; outputs: Record<string, { png: string; sha256: string }> }[];
}
const reference = JSON.parse(readFileSync(join(REF, 'reference.json'), 'utf8')) as Reference;

const load = (png: string): Promise<RasterImage> => decodeGrey(join(REF, png));

/** Number of differing pixels and the largest difference, so a failure says how far off it is. */
function compare(actual: RasterImage, expected: RasterImage): { differing: number; maxDiff: number } {
  expect(actual.width).toBe(expected.width);
  expect(actual.height).toBe(expected.height);
  let differing = 0;
  let maxDiff = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const d = Math.abs((actual.data[i] as number) - (expected.data[i] as number));
    if (d > 0) differing++;
    if (d > maxDiff) maxDiff = d;
  }
  return { differing, maxDiff };
}

describe('mask preparation equals Pillow', () => {
  it('the extended box radius of GaussianBlur(16) matches Pillow (float arithmetic)', () => {
    // Pillow: sigma2 = 256/3, l = 15, a = (2l+1)(l(l+1) - 3 sigma2) / (6 (sigma2 - (l+1)^2)) ~ 0.484375.
    expect(pilExtendedBoxRadius(16)).toBeCloseTo(15.484375, 5);
  });

  for (const mask of reference.masks) {
    it(`${mask.mask_path}: every stage is byte-identical`, async () => {
      const s = mask.stages;
      const [grey, max1, max2, mode, blur] = await Promise.all([load(s.grey.png), load(s.max1.png), load(s.max2.png), load(s.mode.png), load(s.blur.png)]);
      expect(compare(maxFilter(grey, 9), max1)).toEqual({ differing: 0, maxDiff: 0 });
      expect(compare(maxFilter(max1, 9), max2)).toEqual({ differing: 0, maxDiff: 0 });
      expect(compare(modeFilter(max2, 10), mode)).toEqual({ differing: 0, maxDiff: 0 });
      expect(compare(pilGaussianBlur(mode, 16), blur)).toEqual({ differing: 0, maxDiff: 0 });
      const all = prepareInpaintMask(grey);
      expect(compare(all, blur)).toEqual({ differing: 0, maxDiff: 0 });
      expect(all.data.reduce((a, b) => a + b, 0)).toBe(s.blur.sum);
    });
  }

  for (const c of reference.synthetic) {
    it(`synthetic ${c.width}x${c.height} noise: border branches of every filter`, async () => {
      const input = await load(c.input);
      const ops: Record<string, (m: RasterImage) => RasterImage> = {
        max3: (m) => maxFilter(m, 3),
        max9: (m) => maxFilter(m, 9),
        mode3: (m) => modeFilter(m, 3),
        mode10: (m) => modeFilter(m, 10),
        'blur0.5': (m) => pilGaussianBlur(m, 0.5),
        blur2: (m) => pilGaussianBlur(m, 2),
        'blur5.3': (m) => pilGaussianBlur(m, 5.3),
        blur16: (m) => pilGaussianBlur(m, 16),
      };
      for (const [op, out] of Object.entries(c.outputs)) {
        const fn = ops[op];
        if (!fn) throw new Error(`reference has an op the test does not know: ${op}`);
        expect({ op, ...compare(fn(input), await load(out.png)) }).toEqual({ op, differing: 0, maxDiff: 0 });
      }
    });
  }
});

describe('reading masks like PIL', () => {
  it("PIL's integer grey formula, not rounded floats", () => {
    // (19595*R + 38470*G + 7471*B + 32768) >> 16; e.g. (255, 0, 0) -> 76, (1, 2, 3) -> 2, (0, 0, 255) -> 29.
    const rgb: RasterImage = { data: Uint8Array.from([255, 0, 0, 1, 2, 3, 0, 0, 255, 200, 200, 200]), width: 4, height: 1, channels: 3 };
    expect([...pilGrey(rgb).data]).toEqual([76, 2, 29, 200]);
  });

  it('PNG masks decode to exactly the grey levels PIL reads', async () => {
    for (const mask of reference.masks.filter((m) => m.mask_path.endsWith('.png'))) {
      const ours = await decodeMaskGrey(join(INPUT, mask.mask_path));
      expect({ mask: mask.mask_path, ...compare(ours, await load(mask.stages.grey.png)) }).toEqual({ mask: mask.mask_path, differing: 0, maxDiff: 0 });
    }
  });

  it('JPEG masks decode within a few grey levels of PIL (decoder IDCT differences), same binarisation', async () => {
    for (const mask of reference.masks.filter((m) => m.mask_path.endsWith('.jpg'))) {
      const ours = await decodeMaskGrey(join(INPUT, mask.mask_path));
      const pil = await load(mask.stages.grey.png);
      const { maxDiff } = compare(ours, pil);
      expect(maxDiff).toBeLessThanOrEqual(4);
      let flips = 0;
      for (let i = 0; i < pil.data.length; i++) if ((ours.data[i] as number) > 127 !== (pil.data[i] as number) > 127) flips++;
      expect(flips).toBeLessThanOrEqual(pil.data.length * 1e-4);
    }
  });
});
