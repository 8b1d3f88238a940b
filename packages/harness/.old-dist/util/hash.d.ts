/** sha256 of a file's bytes, streamed (hex). */
export declare function sha256File(path: string): Promise<string>;
export declare function sha256(data: string | Uint8Array): string;
/** JSON with object keys sorted at every level, so equal values always hash equally. */
export declare function stableStringify(value: unknown): string;
/** Short stable hash of a JSON-like value (first 16 hex chars of sha256 of its stable form). */
export declare function hashValue(value: unknown): string;
//# sourceMappingURL=hash.d.ts.map