import type { RasterImage } from '../contract.js';
/** Largest image (in pixels) the harness decodes; larger headers are rejected as decompression bombs. */
export declare const DEFAULT_PIXEL_LIMIT: number;
export interface DecodeOptions {
    /** Pixel limit passed to sharp; images over it fail with a clear error. */
    limitInputPixels?: number;
}
/**
 * Decode any image sharp reads into 8-bit RGB (alpha removed, grey expanded, 16-bit reduced,
 * CMYK converted), interleaved HWC. EXIF orientation is deliberately NOT applied: the reference
 * code reads images with PIL, which ignores it, and detectors were scored on the stored pixels.
 */
export declare function decodeRgb(input: string | Buffer, options?: DecodeOptions): Promise<RasterImage>;
/** Decode to one 8-bit grey channel (RGB masks are converted to grey first, alpha dropped). */
export declare function decodeGrey(input: string | Buffer, options?: DecodeOptions): Promise<RasterImage>;
/** Binarise a grey mask as the spec says: grey level > 127 becomes 255, the rest 0. */
export declare function binarizeMask(mask: RasterImage, threshold?: number): RasterImage;
/** Encode a raster as PNG (lossless) bytes. */
export declare function encodePng(image: RasterImage): Promise<Buffer>;
/**
 * PIL's RGB -> L conversion, in integers exactly as Pillow does it:
 * L = (19595 R + 38470 G + 7471 B + 32768) >> 16. It differs from rounding 0.299R + 0.587G + 0.114B
 * for a few colours; the reference read masks and computed the `*_gray` columns with it.
 */
export declare function pilGrey(image: RasterImage): RasterImage;
//# sourceMappingURL=images.d.ts.map