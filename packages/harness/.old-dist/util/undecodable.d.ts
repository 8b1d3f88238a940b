/**
 * A stable reason why `file` (the row's image or mask) cannot be decoded under a pixel limit:
 * not an image format that can be read, a header over the limit (a decompression bomb), or a
 * readable header with pixel data that cannot be decoded (damaged or truncated).
 */
export declare function undecodableReason(file: string, what: 'image' | 'mask', limitInputPixels: number): Promise<string>;
//# sourceMappingURL=undecodable.d.ts.map