import { binarizeMask, maxFilter, type RasterImage } from '@semibench/harness/plugin';

/**
 * The region a weight-free editor replaces: the request's binarised mask dilated by `dilatePx`
 * (a (2d+1) square max filter), as 0/1 per pixel. Dilation takes in the anti-aliased or
 * JPEG-smeared fringe of the object, which would otherwise bleed into the fill.
 */
export function editRegion(mask: RasterImage, image: RasterImage, dilatePx: number, plugin: string): Uint8Array {
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new Error(`${plugin}: mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`);
  }
  if (mask.channels !== 1) throw new Error(`${plugin}: mask must have one channel, got ${mask.channels}`);
  let m = binarizeMask(mask);
  if (dilatePx > 0) m = maxFilter(m, 2 * dilatePx + 1);
  const out = new Uint8Array(m.data.length);
  for (let i = 0; i < out.length; i++) out[i] = (m.data[i] as number) > 0 ? 1 : 0;
  return out;
}
