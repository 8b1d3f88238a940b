/**
 * A resize followed by a center-crop runs as one windowed resize (only the kept pixels are
 * resampled). It must be byte-identical to resizing, then cropping: each step run on its own (two
 * runSteps calls never fuse) is the reference, whose resize test/preprocess.test.ts checks
 * against Pillow itself.
 */
import { describe, expect, it } from 'vitest';
import { Rng, runSteps } from '@semibench/harness';
import type { Interpolation, PreprocessStep, RasterImage } from '@semibench/harness';

const INTERPOLATIONS: Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'lanczos3'];

function randomImage(rng: Rng, width: number, height: number, channels: 1 | 3): RasterImage {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(256);
  return { data, width, height, channels };
}

/** A resize that shrinks, enlarges or keeps each axis, by shorter side or to an exact size. */
function randomResize(rng: Rng, width: number, height: number): Extract<PreprocessStep, { op: 'resize' }> {
  const interpolation = INTERPOLATIONS[rng.int(INTERPOLATIONS.length)] as Interpolation;
  const axis = (n: number): number => [n, 1 + rng.int(2 * n + 8), Math.max(1, n - 1 - rng.int(n))][rng.int(3)] as number;
  if (rng.int(2) === 0) return { op: 'resize', size: axis(Math.min(width, height)), interpolation };
  return { op: 'resize', size: [axis(height), axis(width)], mode: 'exact', interpolation };
}

async function separately(image: RasterImage, steps: readonly PreprocessStep[]) {
  const resized = await runSteps(image, steps.slice(0, 1), { seed: 0, key: 'k' });
  const cropped = await runSteps(resized.pixels, steps.slice(1), { seed: 0, key: 'k' });
  return { pixels: cropped.pixels, geometry: [...resized.geometry, ...cropped.geometry] };
}

describe('resize then center-crop, windowed', () => {
  it('is byte-identical to resizing then cropping, with the same geometry, on 200 random cases', async () => {
    const rng = new Rng(20241205);
    let fused = 0;
    for (let n = 0; n < 200; n++) {
      const width = 1 + rng.int(48);
      const height = 1 + rng.int(48);
      const image = randomImage(rng, width, height, rng.int(2) === 0 ? 1 : 3);
      const resize = randomResize(rng, width, height);
      // Mostly crops that fit (the windowed path); some that pad (the general path).
      const crop = 1 + rng.int(Math.max(width, height) + 4);
      const steps: PreprocessStep[] = [resize, { op: 'center-crop', size: rng.int(3) === 0 ? crop : [1 + rng.int(crop), 1 + rng.int(crop)] }];
      const together = await runSteps(image, steps, { seed: 0, key: 'k' });
      const apart = await separately(image, steps);
      const what = `case ${n}: ${width}x${height}x${image.channels} ${JSON.stringify(steps)}`;
      expect(together.geometry, what).toEqual(apart.geometry);
      expect(together.pixels.width, what).toBe(apart.pixels.width);
      expect(together.pixels.height, what).toBe(apart.pixels.height);
      expect(Buffer.from(together.pixels.data).equals(Buffer.from(apart.pixels.data)), what).toBe(true);
      const [resizedHeight, resizedWidth] = apart.geometry[0]?.to ?? [0, 0];
      const [cropHeight, cropWidth] = apart.geometry[1]?.to ?? [0, 0];
      if (cropHeight <= resizedHeight && cropWidth <= resizedWidth) fused++;
    }
    // Most cases went through the windowed path.
    expect(fused).toBeGreaterThan(100);
  });
});
