/**
 * What an image file's headers say, read without decoding pixels: container, size, bit depth,
 * colour mode, chroma subsampling and quantisation tables (JPEG), metadata blocks. JPEG, PNG and
 * WebP are parsed here (a few hundred bytes to a few kB of each file); other containers fall back to
 * sharp's header reader. Used by `semibench audit`, which looks for shortcuts that tell real from
 * edited images without any detector.
 */
import { open } from 'node:fs/promises';
import sharp from 'sharp';
import { sniffContainer, type ImageContainer } from './image-format.js';

export interface ImageHeader {
  container: ImageContainer;
  width: number;
  height: number;
  /** Bits per sample (8 for most images; 16-bit PNGs, 12-bit JPEGs). */
  bitDepth: number;
  /** PIL-style mode: 1, L, LA, P, RGB, RGBA, CMYK, YCCK. */
  colourMode: string;
  /** JPEG only: 4:4:4, 4:2:2, 4:2:0, 4:4:0, 4:1:1 or other; 'grey' for one component. */
  chromaSubsampling?: string;
  /** JPEG only: quantisation tables by id, in natural (row-major) order. */
  quantTables?: Record<number, number[]>;
  /** Metadata blocks present before the image data: exif, icc, xmp, text (PNG text chunks, JPEG comments). */
  metadata: string[];
}

/** libjpeg's zigzag → natural order (jpeg_natural_order). */
const NATURAL_ORDER = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22,
  15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/** IJG's standard luminance quantisation table (libjpeg jcparam.c, natural order), quality 50. */
export const IJG_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24,
  35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/**
 * JPEG quality from the luminance table, by the standard IJG scaling estimate: the mean of
 * 100·q/q_std over the 64 entries is libjpeg's scale factor S, and S = 200 − 2Q for Q ≥ 50,
 * S = 5000/Q below. Exact (up to libjpeg's rounding) for IJG-made files; an estimate for others.
 */
export function estimateJpegQuality(luminance: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 64; i++) sum += (100 * (luminance[i] as number)) / (IJG_LUMINANCE[i] as number);
  const scale = sum / 64;
  const quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
  return Math.min(100, Math.max(1, quality));
}

class NeedMore extends Error {}

function u16(b: Uint8Array, i: number): number {
  if (i + 2 > b.length) throw new NeedMore();
  return ((b[i] as number) << 8) | (b[i + 1] as number);
}
function u32(b: Uint8Array, i: number): number {
  if (i + 4 > b.length) throw new NeedMore();
  return u16(b, i) * 65536 + u16(b, i + 2);
}
function ascii(b: Uint8Array, from: number, length: number): string {
  return Buffer.from(b.subarray(from, Math.min(b.length, from + length))).toString('latin1');
}

function subsampling(components: Array<{ h: number; v: number }>): string {
  if (components.length === 1) return 'grey';
  const [y, cb] = components as [{ h: number; v: number }, { h: number; v: number }];
  const h = y.h / cb.h;
  const v = y.v / cb.v;
  const named: Record<string, string> = { '1x1': '4:4:4', '2x1': '4:2:2', '2x2': '4:2:0', '1x2': '4:4:0', '4x1': '4:1:1' };
  return named[`${h}x${v}`] ?? `other (${components.map((c) => `${c.h}x${c.v}`).join(',')})`;
}

function parseJpeg(b: Uint8Array): Omit<ImageHeader, 'container'> {
  const out: Omit<ImageHeader, 'container'> = { width: 0, height: 0, bitDepth: 8, colourMode: 'RGB', metadata: [], quantTables: {} };
  const meta = new Set<string>();
  let adobeTransform = -1;
  let i = 2;
  for (;;) {
    if (i + 4 > b.length) throw new NeedMore();
    if (b[i] !== 0xff) throw new Error(`JPEG: no marker at byte ${i}`);
    const marker = b[i + 1] as number;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, start of scan: the headers are over
    if (marker >= 0xd0 && marker <= 0xd7) {
      i += 2;
      continue;
    }
    const length = u16(b, i + 2);
    const body = i + 4;
    if (i + 2 + length > b.length) throw new NeedMore();
    if (marker === 0xdb) {
      for (let p = body; p < i + 2 + length; ) {
        const pq = (b[p] as number) >> 4;
        const id = (b[p] as number) & 15;
        const table = new Array<number>(64);
        for (let k = 0; k < 64; k++) table[NATURAL_ORDER[k] as number] = pq ? u16(b, p + 1 + 2 * k) : (b[p + 1 + k] as number);
        (out.quantTables as Record<number, number[]>)[id] = table;
        p += 1 + (pq ? 128 : 64);
      }
    } else if ((marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) && out.width === 0) {
      out.bitDepth = b[body] as number;
      out.height = u16(b, body + 1);
      out.width = u16(b, body + 3);
      const n = b[body + 5] as number;
      const comps: Array<{ h: number; v: number }> = [];
      for (let c = 0; c < n; c++) comps.push({ h: (b[body + 7 + 3 * c] as number) >> 4, v: (b[body + 7 + 3 * c] as number) & 15 });
      out.chromaSubsampling = subsampling(comps);
      out.colourMode = n === 1 ? 'L' : n === 4 ? 'CMYK' : 'RGB';
    } else if (marker === 0xe1 && ascii(b, body, 6) === 'Exif\0\0') meta.add('exif');
    else if (marker === 0xe1 && ascii(b, body, 28).startsWith('http://ns.adobe.com/xap/1.0/')) meta.add('xmp');
    else if (marker === 0xe2 && ascii(b, body, 12) === 'ICC_PROFILE\0') meta.add('icc');
    else if (marker === 0xee && ascii(b, body, 5) === 'Adobe') adobeTransform = b[body + 11] ?? -1;
    else if (marker === 0xfe) meta.add('text');
    i += 2 + length;
  }
  if (out.width === 0) throw new Error('JPEG: no frame header (SOF) before the scan');
  if (out.colourMode === 'CMYK' && adobeTransform === 2) out.colourMode = 'YCCK';
  out.metadata = [...meta].sort();
  return out;
}

const PNG_MODES: Record<number, string> = { 0: 'L', 2: 'RGB', 3: 'P', 4: 'LA', 6: 'RGBA' };

function parsePng(b: Uint8Array): Omit<ImageHeader, 'container'> {
  const meta = new Set<string>();
  const width = u32(b, 16);
  const height = u32(b, 20);
  const bitDepth = b[24] as number;
  const colourType = b[25] as number;
  let colourMode = PNG_MODES[colourType] ?? `type ${colourType}`;
  if (colourType === 0 && bitDepth === 1) colourMode = '1';
  // Ancillary chunks up to the first IDAT (where readers such as PIL stop on open).
  for (let i = 8; ; ) {
    const length = u32(b, i);
    const type = ascii(b, i + 4, 4);
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'eXIf') meta.add('exif');
    else if (type === 'iCCP') meta.add('icc');
    else if (type === 'iTXt' && ascii(b, i + 8, 17) === 'XML:com.adobe.xmp') meta.add('xmp');
    else if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') meta.add('text');
    i += 12 + length;
  }
  return { width, height, bitDepth, colourMode, metadata: [...meta].sort() };
}

function parseWebp(b: Uint8Array): Omit<ImageHeader, 'container'> {
  const meta = new Set<string>();
  let width = 0;
  let height = 0;
  let alpha = false;
  for (let i = 12; i + 8 <= b.length; ) {
    const type = ascii(b, i, 4);
    const length = (b[i + 4] as number) | ((b[i + 5] as number) << 8) | ((b[i + 6] as number) << 16) | ((b[i + 7] as number) << 24);
    const d = i + 8;
    if (type === 'VP8X') {
      const flags = b[d] as number;
      alpha = (flags & 0x10) !== 0;
      if (flags & 0x20) meta.add('icc');
      if (flags & 0x08) meta.add('exif');
      if (flags & 0x04) meta.add('xmp');
      width = 1 + ((b[d + 4] as number) | ((b[d + 5] as number) << 8) | ((b[d + 6] as number) << 16));
      height = 1 + ((b[d + 7] as number) | ((b[d + 8] as number) << 8) | ((b[d + 9] as number) << 16));
      break;
    }
    if (type === 'VP8 ') {
      width = ((b[d + 6] as number) | ((b[d + 7] as number) << 8)) & 0x3fff;
      height = ((b[d + 8] as number) | ((b[d + 9] as number) << 8)) & 0x3fff;
      break;
    }
    if (type === 'VP8L') {
      const bits = (b[d + 1] as number) | ((b[d + 2] as number) << 8) | ((b[d + 3] as number) << 16) | ((b[d + 4] as number) << 24);
      width = (bits & 0x3fff) + 1;
      height = ((bits >>> 14) & 0x3fff) + 1;
      alpha = ((bits >>> 28) & 1) === 1;
      break;
    }
    i = d + length + (length & 1);
  }
  if (!width) throw new NeedMore();
  return { width, height, bitDepth: 8, colourMode: alpha ? 'RGBA' : 'RGB', metadata: [...meta].sort() };
}

/** Other containers: sharp (libvips) reads their headers without decoding pixels. */
async function viaSharp(path: string, container: ImageContainer): Promise<ImageHeader> {
  const m = await sharp(path).metadata();
  const depthBits: Record<string, number> = { uchar: 8, char: 8, ushort: 16, short: 16, uint: 32, int: 32, float: 32, double: 64 };
  const mode = m.space === 'b-w' ? (m.hasAlpha ? 'LA' : 'L') : m.space === 'cmyk' ? 'CMYK' : (m as { isPalette?: boolean }).isPalette ? 'P' : m.hasAlpha ? 'RGBA' : 'RGB';
  const meta = [m.exif ? 'exif' : '', m.icc ? 'icc' : '', m.xmp ? 'xmp' : ''].filter(Boolean);
  return { container, width: m.width ?? 0, height: m.height ?? 0, bitDepth: depthBits[m.depth ?? 'uchar'] ?? 8, colourMode: mode, metadata: meta };
}

/** Reads the first bytes of `path` (more only when a header runs past them) and parses its header. */
export async function readImageHeader(path: string): Promise<ImageHeader> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    for (let want = 65536; ; want *= 4) {
      const buffer = Buffer.alloc(Math.min(want, size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const b = new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
      const container = sniffContainer(b.subarray(0, 16));
      try {
        if (container === 'jpeg') return { container, ...parseJpeg(b) };
        if (container === 'png') return { container, ...parsePng(b) };
        if (container === 'webp') return { container, ...parseWebp(b) };
        return await viaSharp(path, container);
      } catch (error) {
        if (!(error instanceof NeedMore)) throw error;
        if (bytesRead >= size) throw new Error(`${container.toUpperCase()} header is cut short (file of ${size} bytes)`);
      }
    }
  } finally {
    await handle.close();
  }
}
