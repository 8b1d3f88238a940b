/**
 * Why an image could not be decoded, in words that do not depend on what else was decoding.
 *
 * libvips keeps one error buffer per process: with several decodes in flight (the runner decodes
 * in parallel), a failure's message can carry another file's error or a warning of an earlier,
 * successful decode ("Corrupt JPEG data"), or be just "Unknown error". So after a failure the
 * file is examined again on its own, from its header only, and the reason is built from that.
 */
import { open } from 'node:fs/promises';
import sharp, {} from 'sharp';
/** The first bytes of a file, as text when they are printable (an HTML error page, say), else hex. */
async function preview(file) {
    const handle = await open(file, 'r');
    try {
        const buf = Buffer.alloc(16);
        const { bytesRead } = await handle.read(buf, 0, 16, 0);
        const bytes = buf.subarray(0, bytesRead);
        const printable = bytes.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09);
        return printable ? JSON.stringify(bytes.toString('latin1')) : bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
    }
    finally {
        await handle.close();
    }
}
/**
 * A stable reason why `file` (the row's image or mask) cannot be decoded under a pixel limit:
 * not an image format that can be read, a header over the limit (a decompression bomb), or a
 * readable header with pixel data that cannot be decoded (damaged or truncated).
 */
export async function undecodableReason(file, what, limitInputPixels) {
    let meta;
    try {
        meta = await sharp(file, { limitInputPixels: false }).metadata();
    }
    catch {
        return `${what} ${file} is not in an image format semibench can read (JPEG, PNG, WebP, TIFF, GIF, ...); it starts with ${await preview(file)}`;
    }
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    if (width * height > limitInputPixels) {
        return `${what} ${file} is ${width}x${height} (${width * height} pixels), over the limit of ${limitInputPixels}: a decompression bomb, or a very large image (raise the limit with --max-pixels)`;
    }
    return `${what} ${file} (${meta.format ?? 'unknown format'}, ${width}x${height}) cannot be decoded: its pixel data is damaged or truncated`;
}
//# sourceMappingURL=undecodable.js.map