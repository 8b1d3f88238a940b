import type { RepoFile } from './cache.js';
import { type ArchiveEntry } from './archive.js';
export declare function normalizeRepoPath(path: string): string;
/** Matching key: the normalised path without an image extension. */
export declare function pathKey(path: string): string;
export declare function imageExtension(path: string): string;
export declare function hasImageExtension(path: string): boolean;
/** Looks up metadata paths among the members of one extracted archive. */
export declare class ArchiveMatcher {
    private readonly full;
    /** Member by bare file stem; null when several members share it (then it is never used). */
    private readonly stems;
    constructor(archivePath: string, entries: readonly ArchiveEntry[]);
    /** The member holding `wanted` (a metadata path), if this archive has it. */
    match(wanted: string): string | undefined;
}
/** Indexes of a commit's file list used to route metadata paths to files or archives. */
export declare class RepoLocator {
    private readonly exact;
    private readonly byKey;
    private readonly archivesByDir;
    readonly archives: RepoFile[];
    constructor(files: readonly RepoFile[]);
    /** A loose (non-archive) repo file for the path, matching extension-insensitively. */
    looseFile(wanted: string): RepoFile | undefined;
    /**
     * Archives that may hold `wanted`, best first. The nearest folder above the path that contains
     * archives is searched; within it, archives whose name mentions the path's remaining folders
     * (`ADE20K` in `ADE20K.tar.bz2` or `ADE20K_images_0.tar.bz2`) are preferred, and when none
     * does, all of that folder's archives (numbered shards) qualify. A path with no archive folder
     * above it falls back to every archive whose name mentions one of its folders.
     */
    candidateArchives(wanted: string): RepoFile[];
}
//# sourceMappingURL=locate.d.ts.map