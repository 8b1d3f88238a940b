/**
 * Localisation maps between the contract and the run files: checking what a plugin returned,
 * quantising it to 8 bits (round(255 p), the form every map is stored, scored and shown in), carrying
 * it back to the image's full size (preprocess/inverse.ts), and the PNG bytes that the run directory
 * and the prediction store keep, named by their sha256.
 */
import sharp from 'sharp';
import type { LocalisationMap, RasterImage } from '../contract.js';
import { mapToSource, type GeometryStep } from '../preprocess/inverse.js';
import { sha256 } from '../util/hash.js';

import type { EncodedMap } from '../run/types.js';

export type { EncodedMap } from '../run/types.js';

/**
 * Checks a plugin's map against the contract; returns the reason it breaks it, or undefined.
 * `data` must be a Float32Array of values in [0, 1] or a Uint8Array, with width·height entries.
 */
export function mapProblem(map: unknown): string | undefined {
  if (map === null || typeof map !== 'object') return `map is ${map === null ? 'null' : typeof map}, not { data, width, height }`;
  const { data, width, height } = map as Partial<LocalisationMap>;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    return `map width and height must be positive integers, got ${String(width)} x ${String(height)}`;
  }
  if (!(data instanceof Float32Array) && !(data instanceof Uint8Array)) {
    return `map data must be a Float32Array (values in [0, 1]) or a Uint8Array (round(255 p)), got ${data === undefined ? 'nothing' : Object.prototype.toString.call(data)}`;
  }
  const n = (width as number) * (height as number);
  if (data.length !== n) return `map data holds ${data.length} values, but width x height is ${width} x ${height} = ${n}`;
  if (data instanceof Float32Array) {
    for (let i = 0; i < n; i++) {
      const v = data[i] as number;
      if (!(v >= 0 && v <= 1)) return `map value ${v} at pixel ${i % (width as number)},${Math.floor(i / (width as number))} is not in [0, 1]`;
    }
  }
  return undefined;
}

/** The map as an 8-bit grey raster: Uint8Array data as given, Float32 values as round(255 p). */
export function quantiseMap(map: LocalisationMap): RasterImage {
  if (map.data instanceof Uint8Array) return { data: map.data, width: map.width, height: map.height, channels: 1 };
  const out = new Uint8Array(map.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(255 * (map.data[i] as number));
  return { data: out, width: map.width, height: map.height, channels: 1 };
}

/**
 * A plugin's map at the image's full size. With recorded geometry (pixels and tensor inputs) the map
 * must have the size of the detector's input, and is carried back through the inverse steps; a
 * `path` detector decoded the image itself, so its map is taken as covering the whole image and is
 * only resized (bilinear) when its size differs.
 */
export function mapToImage(map: LocalisationMap, geometry: readonly GeometryStep[] | undefined, source: { width: number; height: number }): RasterImage {
  const grey = quantiseMap(map);
  const steps: readonly GeometryStep[] =
    geometry ?? (grey.width === source.width && grey.height === source.height ? [] : [{ op: 'resize', from: [source.height, source.width], to: [grey.height, grey.width] }]);
  return mapToSource(grey, steps, source);
}

export async function encodeMap(map: RasterImage): Promise<EncodedMap> {
  if (map.channels !== 1) throw new Error('a localisation map has one channel');
  // Greyscale PNG (colour type 0), written by libvips's deterministic encoder: the same map gives the same bytes.
  const bytes = await sharp(Buffer.from(map.data.buffer, map.data.byteOffset, map.data.length), { raw: { width: map.width, height: map.height, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
    .toBuffer();
  const png = new Uint8Array(bytes);
  return { png, sha256: sha256(png) };
}

/** Decodes a stored map PNG back to its 8-bit values (throws with the file name when it is not one). */
export async function decodeMap(input: string | Uint8Array, what: string): Promise<RasterImage> {
  try {
    const { data, info } = await sharp(typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.length))
      .extractChannel(0)
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 1 };
  } catch (error) {
    throw new Error(`cannot read the localisation map ${what}: ${(error as Error).message}`);
  }
}

/** Size of an image file as the harness decodes it (stored pixels; EXIF orientation is not applied, see util/images.ts). */
async function storedSize(path: string): Promise<{ width: number; height: number }> {
  const { width, height } = await sharp(path).metadata();
  if (!width || !height) throw new Error(`cannot read the size of ${path}`);
  return { width, height };
}

/**
 * A plugin's map for one row, ready to store: carried to the image's full size (the prepared input's
 * recorded geometry; for `path` inputs, the file's size) and encoded.
 */
export async function fullSizeMap(
  map: LocalisationMap,
  prepared: { source?: { width: number; height: number }; geometry?: readonly GeometryStep[] } | undefined,
  imagePath: string,
): Promise<EncodedMap> {
  const source = prepared?.source ?? (await storedSize(imagePath));
  return encodeMap(mapToImage(map, prepared?.source ? prepared.geometry : undefined, source));
}
