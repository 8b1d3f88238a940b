import type { OptionValue } from '../contract.js';
import type { PredictionCache } from '../runner.js';
export declare const STORE_SCHEMA = "semibench.store/1";
export declare const STORE_FILE_NAME = "predictions.sqlite";
/** Where the store lives unless `--store PATH` says otherwise: inside the user's semibench cache dir. */
export declare function defaultStorePath(cacheDir: string): string;
/** How a detector is described in the store (no secrets: it is built from the redacted identity). */
export type StoredDescription = Readonly<Record<string, OptionValue>>;
export interface StoredDetector {
    storeKey: string;
    plugin: string;
    version: string;
    description: StoredDescription;
    predictions: number;
    /** ISO times of the first and last prediction written (absent when there are none). */
    firstWritten?: string;
    lastWritten?: string;
}
export interface StoreInfo {
    path: string;
    schema: string;
    journalMode: string;
    /** Size of the database file plus its WAL, in bytes. */
    bytes: number;
    predictions: number;
    detectors: StoredDetector[];
}
export interface StoredPrediction {
    inputKey: string;
    score: number;
    /** Unix time in ms when the score was written. */
    createdAt: number;
}
export interface ImportCounts {
    detectors: number;
    /** Predictions added. */
    added: number;
    /** Predictions that the store already held (kept, or overwritten with `replace`). */
    existing: number;
}
export interface OpenStoreOptions {
    /** Open an existing store without writing to it (info, export). */
    readonly?: boolean;
    /** How long a write waits for another process's transaction (default 60 s). */
    busyTimeoutMs?: number;
}
/** `name@version#hash` → name and version (the form `createDetector` builds). */
export declare function parseStoreKey(storeKey: string): {
    plugin: string;
    version: string;
};
export declare class PredictionStore implements PredictionCache {
    readonly path: string;
    private readonly db;
    private readonly ids;
    private readonly selectScore;
    private readonly upsert;
    private constructor();
    /** Opens (and, unless read-only, creates) the store at `path`. */
    static open(path: string, options?: OpenStoreOptions): PredictionStore;
    close(): void;
    private detectorId;
    /** Records what a store key means (plugin, identity, preprocessing), for `store info` and exports. */
    register(storeKey: string, description: StoredDescription): Promise<void>;
    lookup(storeKey: string, inputKeys: readonly string[]): Promise<Map<string, number>>;
    lookupSync(storeKey: string, inputKeys: readonly string[]): Map<string, number>;
    /** Writes a batch in one transaction: either all of it is stored or none (never a torn batch). */
    save(storeKey: string, entries: ReadonlyArray<{
        contentHash: string;
        score: number;
    }>): Promise<void>;
    /** Every detector in the store with its prediction count. */
    detectors(): StoredDetector[];
    info(): StoreInfo;
    /**
     * Store keys that `query` names: an exact store key, `name@version`, or a plugin name.
     * Several matches mean several versions or configurations of one plugin.
     */
    findDetectors(query: string): StoredDetector[];
    /** A detector's predictions, in input-key order (stable, for exports). */
    entries(storeKey: string): IterableIterator<StoredPrediction>;
    /**
     * Adds predictions from elsewhere (an export file, another machine's store). Existing entries
     * are kept unless `replace`; one transaction per call.
     */
    importEntries(storeKey: string, entries: ReadonlyArray<{
        inputKey: string;
        score: number;
        createdAt?: number;
    }>, options?: {
        description?: StoredDescription;
        replace?: boolean;
    }): ImportCounts;
    /** Copies every detector and prediction of another store file into this one. */
    importStore(otherPath: string, options?: {
        replace?: boolean;
    }): ImportCounts;
    /** SQLite's own consistency check ('ok' when the file is sound). */
    integrityCheck(): string;
}
//# sourceMappingURL=sqlite.d.ts.map