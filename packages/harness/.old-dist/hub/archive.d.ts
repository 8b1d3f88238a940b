import { type HubProgressEvent } from './progress.js';
export declare function isArchivePath(path: string): boolean;
/** The archive's file name without its archive extension (`original/images/ADE20K.tar.bz2` -> `ADE20K`). */
export declare function archiveStem(path: string): string;
/**
 * Which bzip2 decoder to use. `js` is the pure-JavaScript `unbzip2-stream` (always available,
 * ~2.7 MB/s here); `system` pipes through `lbzip2`/`bzip2` from PATH (~7x faster on the same
 * data); `auto` uses the system tool when present. Both feed the same tar parser and checks.
 */
export type Bzip2Decoder = 'auto' | 'js' | 'system';
export interface ArchiveEntry {
    /** Normalised member path inside the archive ('/'-separated, no leading './'). */
    name: string;
    size: number;
}
export interface ArchiveIndex {
    version: 1;
    archive: string;
    etag: string;
    entries: ArchiveEntry[];
}
/** The first of lbzip2 (parallel) or bzip2 found on PATH, or null. */
export declare function findSystemBzip2(): Promise<string | null>;
/**
 * Validate a tar member name and return its safe relative form, or null for the archive root.
 * Absolute paths, drive letters, `..` segments and NUL bytes are refused: a dataset archive has
 * no business writing outside its own folder. Backslashes count as separators so a name that
 * would escape on Windows is refused everywhere.
 */
export declare function safeMemberName(name: string): string | null;
export interface ExtractParams {
    /** The downloaded archive (a cache blob). */
    blobPath: string;
    /** Repo-relative path, used in messages and progress. */
    archivePath: string;
    etag: string;
    /** Final folder; the archive is unpacked into a temporary sibling and renamed when complete. */
    destDir: string;
    indexPath: string;
    decoder: Bzip2Decoder;
    onProgress?: (event: HubProgressEvent) => void;
    signal?: AbortSignal;
}
/**
 * Unpack an archive in one streaming pass (file -> decompressor -> tar parser -> files), writing
 * only regular files and folders. Links and device entries are refused, as are names that would
 * leave the destination. Nothing is visible at `destDir` unless the whole archive decoded
 * cleanly; the member list is saved next to it as `indexPath` (its presence marks completion).
 */
export declare function extractArchive(params: ExtractParams): Promise<ArchiveIndex>;
export declare function readArchiveIndex(path: string): Promise<ArchiveIndex | null>;
//# sourceMappingURL=archive.d.ts.map