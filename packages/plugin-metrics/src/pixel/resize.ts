import { pilResize, type RasterImage } from '@semibench/harness/plugin';

/**
 * Pillow's `Image.resize(size, Image.BICUBIC)`, byte for byte (the harness's port of Resample.c). The reference
 * resizes edits to the source size with it (spec §5), and the CLIP and DreamSim processors resize through PIL too,
 * so a plain 4×4 bicubic would change every metric. `test/generate/metrics-pixel.test.ts` checks the bytes against Pillow.
 */
export function resizePilBicubic(image: RasterImage, width: number, height: number): RasterImage {
  return pilResize(image, width, height, 'bicubic');
}
