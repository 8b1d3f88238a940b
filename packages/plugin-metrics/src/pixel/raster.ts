import type { RasterImage } from '@semibench/harness/plugin';

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

/** PIL's integer RGB -> L conversion (one implementation, in the harness). */
export { pilGrey } from '@semibench/harness/plugin';
