/**
 * Built-in editor `splice`: region replacement. The (binarised, slightly dilated) mask region is
 * filled with the same pixels of another image (a "donor"), resized to the source size. The donor
 * is drawn from a fixed, sorted list by the request's seed, so a seed always picks the same donor.
 * Weight-free; a copy-move/splicing forgery in the classical forensic sense.
 */
import { readdir } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import sharp from 'sharp';
import { defineEditor, deriveSeed, Rng, type EditorInstance, type RasterImage } from '@semibench/harness/plugin';
import { editRegion } from './mask.js';
import { numberOption, rejectUnknownOptions, stringListOption, stringOption } from './options.js';

const NAME = 'splice';
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.tif', '.tiff']);

async function listImages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(e.parentPath, e.name));
}

/** Decode a donor to RGB at exactly width x height (cover: scale to fill, centre crop; no distortion). */
async function loadDonor(path: string, width: number, height: number): Promise<RasterImage> {
  const { data, info } = await sharp(path, { failOn: 'error' })
    .removeAlpha()
    .toColourspace('srgb')
    .resize(width, height, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== width || info.height !== height) {
    throw new Error(`${NAME}: donor ${path} decoded to ${info.width}x${info.height}x${info.channels}, expected ${width}x${height}x3`);
  }
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height, channels: 3 };
}

export const spliceEditor = defineEditor({
  kind: 'editor',
  meta: {
    name: NAME,
    version: '1.0.0',
    apiVersion: 1,
    method: 'inpainting',
    description: 'Region replacement: fills the dilated mask region from another image chosen by the seeded RNG; weight-free.',
    license: 'MIT',
  },
  async create(options, context): Promise<EditorInstance> {
    rejectUnknownOptions(NAME, options, ['donorDir', 'donors', 'dilate']);
    const dilate = numberOption(NAME, options, 'dilate', 4, { min: 0, max: 64, integer: true });
    const donorDir = stringOption(NAME, options, 'donorDir');
    const donorList = stringListOption(NAME, options, 'donors');
    const at = (p: string): string => (isAbsolute(p) ? p : resolve(context.baseDir, p));
    const donors: string[] = [];
    if (donorDir !== undefined) donors.push(...(await listImages(at(donorDir))));
    if (donorList !== undefined) donors.push(...donorList.map(at));
    // Without donorDir/donors, the donors are the run's other source images (EditRequest.sourceImages).
    const fixedPool = donors.length ? [...new Set(donors)].sort() : undefined;
    const root = donorDir !== undefined ? at(donorDir) : undefined;
    const label = (p: string): string => (root !== undefined && !relative(root, p).startsWith('..') ? relative(root, p) : basename(p)).split('\\').join('/');
    return {
      model: NAME,
      identity: { dilate, donors: fixedPool ? fixedPool.map(label) : 'the run\'s source images' },
      async edit(request) {
        // Sorted by path so the seed -> donor mapping does not depend on directory listing order.
        const pool = fixedPool ?? [...(request.sourceImages ?? [])].sort();
        if (pool.length === 0) {
          throw new Error(`${NAME}: no donor images. Set option "donorDir" to a folder of images (e.g. the input's images/) or "donors" to a list of image paths.`);
        }
        const self = resolve(request.imagePath);
        const candidates = pool.filter((p) => resolve(p) !== self);
        if (candidates.length === 0) throw new Error(`${NAME}: the only donor is the source image itself (${request.imagePath}); give at least one other image`);
        const donorPath = new Rng(deriveSeed(request.seed, `${NAME}:donor`)).pick(candidates);
        const { image } = request;
        const region = editRegion(request.mask, image, dilate, NAME);
        const donor = await loadDonor(donorPath, image.width, image.height);
        const out = Uint8Array.from(image.data);
        for (let i = 0; i < region.length; i++) {
          if (region[i]) {
            const j = i * 3;
            out[j] = donor.data[j] as number;
            out[j + 1] = donor.data[j + 1] as number;
            out[j + 2] = donor.data[j + 2] as number;
          }
        }
        if (image.channels !== 3) throw new Error(`${NAME}: expected an RGB source image, got ${image.channels} channel(s)`);
        return { image: { data: out, width: image.width, height: image.height, channels: 3 }, settings: { donor: label(donorPath), dilate } };
      },
    };
  },
});

export default spliceEditor;
