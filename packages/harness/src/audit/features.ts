/**
 * Shortcut features: what the files give away without any detector. Each is read from the file's
 * headers (util/image-headers.ts), its size and its name; none decodes pixels.
 */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { estimateJpegQuality, readImageHeader, type ImageHeader } from '../util/image-headers.js';

/** Numeric features are ranked as they are; categorical ones score a row by its category's share of fakes. */
export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureSpec {
  name: string;
  kind: FeatureKind;
  /** What it is, for people (report and --help). */
  description: string;
  /** The row's value; undefined when the feature does not apply (e.g. JPEG quality of a PNG). */
  value(file: FileFacts): number | string | undefined;
}

export interface FileFacts {
  path: string;
  size: number;
  header: ImageHeader;
}

const pixels = (f: FileFacts) => f.header.width * f.header.height;

/** The audit's features, in the order reports list them. */
export const AUDIT_FEATURES: readonly FeatureSpec[] = [
  { name: 'format', kind: 'categorical', description: 'container, from the file bytes', value: (f) => f.header.container },
  { name: 'extension', kind: 'categorical', description: 'file name extension (lower case)', value: (f) => extname(f.path).toLowerCase() || '(none)' },
  {
    name: 'jpeg_quality',
    kind: 'numeric',
    description: 'JPEG quality estimated from the luminance quantisation table (IJG scaling); JPEG files only',
    value: (f) => {
      const tables = f.header.quantTables;
      if (!tables) return undefined;
      const luminance = tables[0] ?? Object.values(tables)[0];
      return luminance ? estimateJpegQuality(luminance) : undefined;
    },
  },
  { name: 'chroma_subsampling', kind: 'categorical', description: 'JPEG chroma subsampling (4:2:0, 4:4:4, ...); JPEG files only', value: (f) => f.header.chromaSubsampling },
  { name: 'width', kind: 'numeric', description: 'width in pixels', value: (f) => f.header.width },
  { name: 'height', kind: 'numeric', description: 'height in pixels', value: (f) => f.header.height },
  { name: 'pixels', kind: 'numeric', description: 'width × height', value: pixels },
  { name: 'aspect_ratio', kind: 'numeric', description: 'width / height', value: (f) => f.header.width / f.header.height },
  { name: 'file_size', kind: 'numeric', description: 'file size in bytes', value: (f) => f.size },
  { name: 'bytes_per_pixel', kind: 'numeric', description: 'file size / pixels (compression)', value: (f) => f.size / pixels(f) },
  { name: 'metadata', kind: 'categorical', description: 'metadata blocks present (exif, icc, xmp, text) or none', value: (f) => f.header.metadata.join('+') || 'none' },
  { name: 'bit_depth', kind: 'categorical', description: 'bits per sample', value: (f) => String(f.header.bitDepth) },
  { name: 'colour_mode', kind: 'categorical', description: 'colour mode (L, RGB, RGBA, P, CMYK, ...)', value: (f) => f.header.colourMode },
];

/** Reads one file's facts: its size and headers (a few kB of it). */
export async function readFileFacts(path: string): Promise<FileFacts> {
  const [info, header] = await Promise.all([stat(path), readImageHeader(path)]);
  return { path, size: info.size, header };
}
