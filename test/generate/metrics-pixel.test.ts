/**
 * Pixel change metrics against reference values from scikit-image 0.19.3 + OpenCV 4.6 + Pillow 9.4
 * (fixtures/reference/metrics/make_reference.py), on committed fixture pairs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeRgb, type RasterImage } from '@semibench/harness';
import {
  labelComponents,
  opencvLabelNumbers,
  pilGrey,
  pixelChange,
  pixelChangeGrey,
  resizePilBicubic,
  changeThresholdSum,
  dilateSquare,
  removeSmallComponents,
  type PixelChange,
} from '@semibench/plugin-metrics';

const DIR = new URL('../../fixtures/reference/metrics/', import.meta.url);
interface RefMetrics { mse: number; ssim: number; psnr: number; ratio: number; largest_component_size: number; cc_clusters: number; cluster_dist: number }
interface RefPair { source_size: [number, number]; edit_size: [number, number]; resized_edit_sha256: string; rgb: RefMetrics; gray: RefMetrics; rgb_parity_uint8_wrap: RefMetrics }
const reference = JSON.parse(readFileSync(new URL('reference.json', DIR), 'utf8')) as { pairs: Record<string, RefPair> };

async function loadPair(name: string): Promise<{ source: RasterImage; edit: RasterImage }> {
  const source = await decodeRgb(new URL(`pairs/${name}.source.png`, DIR).pathname);
  const native = await decodeRgb(new URL(`pairs/${name}.edit.png`, DIR).pathname);
  return { source, edit: resizePilBicubic(native, source.width, source.height) };
}

function expectMatches(got: PixelChange, ref: RefMetrics): void {
  expect(got.mse).toBeCloseTo(ref.mse, 9);
  expect(Math.abs(got.ssim - ref.ssim)).toBeLessThan(1e-9);
  expect(Math.abs(got.psnr - ref.psnr)).toBeLessThan(1e-9);
  expect(got.postEdit.ratio).toBe(ref.ratio);
  expect(got.postEdit.largestComponentSize).toBe(ref.largest_component_size);
  expect(got.postEdit.ccClusters).toBe(ref.cc_clusters);
  expect(Math.abs(got.postEdit.clusterDist - ref.cluster_dist)).toBeLessThan(1e-6);
}

describe('pixel change metrics vs scikit-image / OpenCV references', () => {
  for (const [name, ref] of Object.entries(reference.pairs)) {
    it(`${name}: PIL bicubic resize, rgb, grey and parity values`, async () => {
      const { source, edit } = await loadPair(name);
      // The resize is part of the metric (spec §5): bytes must equal Pillow's.
      expect(createHash('sha256').update(edit.data).digest('hex')).toBe(ref.resized_edit_sha256);
      expectMatches(pixelChange(source, edit), ref.rgb);
      expectMatches(pixelChangeGrey(source, edit), ref.gray);
      expectMatches(pixelChange(source, edit, { parityUint8LabelWrap: true }), ref.rgb_parity_uint8_wrap);
    });
  }

  it('the change mask is the surviving components, 0/255', async () => {
    const { source, edit } = await loadPair('paste');
    const { postEdit } = pixelChange(source, edit);
    let on = 0;
    for (const v of postEdit.mask.data) {
      expect(v === 0 || v === 255).toBe(true);
      if (v === 255) on++;
    }
    expect(on / (source.width * source.height)).toBe(postEdit.ratio);
  });

  it('the parity wrap depends on OpenCV block order, not row-major order', async () => {
    // On the grid pair, numbering components in row-major first-pixel order would drop a different square.
    const { source, edit } = await loadPair('grid');
    const sums = new Uint8Array(source.width * source.height);
    for (let i = 0; i < sums.length; i++) {
      let s = 0;
      for (let c = 0; c < 3; c++) s += (source.data[i * 3 + c]! - edit.data[i * 3 + c]!) ** 2;
      sums[i] = s >= changeThresholdSum(3, 0.1) ? 1 : 0;
    }
    const dilated = dilateSquare(removeSmallComponents(sums, source.width, source.height, 10), source.width, source.height, 5);
    const comps = labelComponents(dilated, source.width, source.height);
    const block = opencvLabelNumbers(comps);
    const k256block = block.indexOf(256);
    expect(k256block).not.toBe(255); // row-major index 255 is a different component
    expect(comps.area[k256block]).not.toBe(comps.area[255]);
  });
});

describe('building blocks', () => {
  it('PIL grey uses the integer formula', () => {
    const img: RasterImage = { data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 200, 30, 0, 36, 12]), width: 5, height: 1, channels: 3 };
    // Values from Pillow 9.4: Image.frombytes('RGB', (5, 1), bytes).convert('L'). For (0, 36, 12) rounding
    // 0.299R + 0.587G + 0.114B would give 22.
    expect([...pilGrey(img).data]).toEqual([76, 150, 29, 124, 23]);
  });

  it('change threshold 0.1 on 3 channels needs a channel sum of squares of at least 19508', () => {
    expect(changeThresholdSum(3, 0.1)).toBe(19508);
    expect(changeThresholdSum(1, 0.1)).toBe(6503);
  });

  it('identical images: SSIM 1, MSE 0, PSNR infinite, no components', async () => {
    const { source } = await loadPair('paste');
    const r = pixelChange(source, source);
    expect(r.ssim).toBe(1);
    expect(r.mse).toBe(0);
    expect(r.psnr).toBe(Number.POSITIVE_INFINITY);
    expect(r.postEdit).toMatchObject({ ratio: 0, largestComponentSize: 0, ccClusters: 1, clusterDist: -1 });
  });
});
