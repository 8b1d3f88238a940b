/** The plain crop shared by preprocessing (torchvision's crops) and the windowed PIL resize. */
import type { RasterImage } from '../contract.js';

/** Copy a height x width window whose top-left is (top, left); pixels outside the source are 0. */
export function cropZeroFill(src: RasterImage, top: number, left: number, height: number, width: number): RasterImage {
  const ch = src.channels;
  const out = new Uint8Array(width * height * ch);
  const x0 = Math.max(0, left);
  const x1 = Math.min(src.width, left + width);
  if (x1 > x0) {
    for (let y = Math.max(0, top); y < Math.min(src.height, top + height); y++) {
      const s = (y * src.width + x0) * ch;
      out.set(src.data.subarray(s, s + (x1 - x0) * ch), ((y - top) * width + (x0 - left)) * ch);
    }
  }
  return { data: out, width, height, channels: src.channels };
}
