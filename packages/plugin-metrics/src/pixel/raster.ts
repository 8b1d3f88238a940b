import type { RasterImage } from '@semibench/harness';

/** Throws unless both images have the same width, height and channel count (pixel metrics compare pixel by pixel). */
export function assertSameShape(a: RasterImage, b: RasterImage, what: string): void {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new Error(
      `${what}: images differ in shape (${a.width}x${a.height}x${a.channels} vs ${b.width}x${b.height}x${b.channels}); ` +
        'resize the edited image to the source size first (resizePilBicubic) and convert both to the same colour mode',
    );
  }
  if (a.data.length !== a.width * a.height * a.channels || b.data.length !== b.width * b.height * b.channels) {
    throw new Error(`${what}: pixel buffer length does not match width x height x channels`);
  }
}

/**
 * PIL's RGB -> L conversion, in integers exactly as Pillow does it:
 * L = (19595 R + 38470 G + 7471 B + 32768) >> 16. It differs from rounding 0.299R + 0.587G + 0.114B
 * for a few colours, and the `*_gray` columns of the eval sample were computed with it.
 */
export function pilGrey(image: RasterImage): RasterImage {
  if (image.channels === 1) return image;
  const n = image.width * image.height;
  const src = image.data;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    out[i] = (19595 * src[j]! + 38470 * src[j + 1]! + 7471 * src[j + 2]! + 32768) >>> 16;
  }
  return { data: out, width: image.width, height: image.height, channels: 1 };
}
