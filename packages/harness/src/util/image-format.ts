/** Image containers recognised by their first bytes (the file name is not trusted). */
export type ImageContainer = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'bmp' | 'avif' | 'heif' | 'unknown';

export function sniffContainer(head: Uint8Array): ImageContainer {
  const b = (i: number) => head[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a) || (b(0) === 0x4d && b(1) === 0x4d && b(3) === 0x2a)) return 'tiff';
  if (ascii(0, 2) === 'BM') return 'bmp';
  if (ascii(4, 8) === 'ftyp') return /^avi[fs]/.test(ascii(8, 12)) ? 'avif' : 'heif';
  return 'unknown';
}

/** File extension (with the dot) for a container, so decoders that look at names still work. */
export function containerExtension(container: ImageContainer): string {
  return container === 'jpeg' ? '.jpg' : container === 'unknown' ? '.img' : `.${container}`;
}
