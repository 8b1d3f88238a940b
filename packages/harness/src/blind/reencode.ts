/**
 * `--reencode`: every image, real and edited, decoded and encoded again with the same settings
 * before any detector or preprocessing sees it, so a detector cannot tell the classes apart by
 * their container, JPEG tables or encoder traces (Grommelt et al. 2024, "Fake or JPEG?").
 * Results are cached by (source bytes, setting, decoder version): a second run re-encodes nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { DEFAULT_PIXEL_LIMIT } from '../util/images.js';
import { formatReencode, type ReencodeSpec } from './policy.js';

/** Encodes `input` as the spec says. Alpha is flattened away (black) so every output is 8-bit RGB. */
export async function reencodeBytes(input: Buffer, spec: ReencodeSpec, limitInputPixels = DEFAULT_PIXEL_LIMIT): Promise<Buffer> {
  // Same decode as the harness's decodeRgb (no EXIF rotation, sRGB, 8 bit), then one encoder for all.
  const image = sharp(input, { limitInputPixels, failOn: 'error' }).removeAlpha().toColourspace('srgb');
  switch (spec.format) {
    case 'png':
      return image.png({ compressionLevel: 6, palette: false }).toBuffer();
    case 'jpeg':
      return image.jpeg({ quality: spec.quality, chromaSubsampling: '4:2:0', mozjpeg: false }).toBuffer();
    case 'webp':
      return image.webp({ quality: spec.quality }).toBuffer();
  }
}

export function reencodeExtension(spec: ReencodeSpec): string {
  return spec.format === 'jpeg' ? '.jpg' : `.${spec.format}`;
}

/** A cache of re-encoded images: `<dir>/<setting>-vips<version>/<sha256 of the source>.<ext>`. */
export class ReencodeCache {
  readonly dir: string;
  constructor(
    root: string,
    readonly spec: ReencodeSpec,
    private readonly limitInputPixels = DEFAULT_PIXEL_LIMIT,
  ) {
    const vips = (sharp.versions as Record<string, string | undefined>).vips ?? 'unknown';
    this.dir = join(root, `${formatReencode(spec).replace(':', '-q')}-vips${vips}`);
  }

  /** The re-encoded file for a source whose bytes hash to `sourceHash`, made on first use. */
  async file(source: Buffer, sourceHash: string): Promise<string> {
    const path = join(this.dir, `${sourceHash}${reencodeExtension(this.spec)}`);
    if (existsSync(path)) return path;
    const bytes = await reencodeBytes(source, this.spec, this.limitInputPixels);
    await mkdir(this.dir, { recursive: true });
    // Atomic: a concurrent run or a kill never leaves half a file under the final name.
    const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    return path;
  }
}
