/**
 * Columnar scoring input. A table holds the rows of a dataset once (cluster, label, each slice's
 * group as a small integer); each detector then names the table rows it scored, with its scores and
 * predictions as typed arrays. Strings are interned once per column while the table is built, so the
 * scoring itself never hashes a string, and several detectors share one table.
 */
import type { ChannelInput, GroupCodes, JobInput } from './plan.js';
import type { ResampleUnit } from './types.js';
export interface ScoringTable {
    readonly size: number;
    /**
     * Row keys (normalised image_path), unique (as the dataset loader guarantees; scoreDetectors checks
     * its rows): named in messages, and the resampling unit in row mode.
     */
    readonly keys: readonly string[];
    /** Cluster (image_id) of each row as an index into `clusterIds`. */
    readonly cluster: Int32Array;
    readonly clusterIds: readonly string[];
    /** fake = 1, real = 0. */
    readonly label: Uint8Array;
    readonly slices: readonly string[];
    /** Per slice: each row's group as an index into `groupValues` of that slice; −1 = empty. */
    readonly groups: readonly GroupCodes[];
    readonly groupValues: ReadonlyArray<readonly string[]>;
}
/** One detector's predictions on a table. */
export interface DetectorColumns {
    readonly detector: string;
    /** The table rows it scored, each at most once, in any order. */
    readonly rows: Int32Array;
    /** Probability of fake per entry of `rows`; NaN where the detector gave only a hard prediction. */
    readonly score: Float64Array;
    /** 0 or 1 per entry of `rows`. */
    readonly prediction: Uint8Array;
}
/**
 * Builds a table row by row, straight from the loader's records (no per-row objects are made):
 *
 *   const builder = new ScoringTableBuilder(slices, rows.length);
 *   for (const row of rows) builder.add(row.key, row.id, row.label === 'fake' ? 1 : 0, row.columns);
 *   const table = builder.finish();
 */
export declare class ScoringTableBuilder {
    private n;
    private finished;
    private readonly keys;
    private cluster;
    private label;
    private groups;
    private readonly clusters;
    private readonly interners;
    private readonly slices;
    /** `capacity`: expected row count (the arrays grow past it when needed). */
    constructor(slices: readonly string[], capacity?: number);
    get size(): number;
    /** Appends a row and returns its index. `groups[slice]` missing or '' leaves the row out of that slice. */
    add(key: string, cluster: string, label: 0 | 1, groups: Readonly<Record<string, string | undefined>>): number;
    private grow;
    /** Column j in a wider type that holds `id`. */
    private widen;
    /**
     * The table. Ids stay in first-seen order (jobFromTable numbers clusters and cells in code-unit
     * order, so results do not depend on row order).
     */
    finish(): ScoringTable;
}
export interface Cell {
    readonly slice: string;
    readonly group: string;
}
export interface PreparedJob {
    readonly input: JobInput;
    readonly cells: readonly Cell[];
}
/**
 * The bootstrap job of the rows `rows` of a table (each at most once), with one channel per entry of
 * `channels` (aligned with `rows`). Only the clusters and groups these rows hold take part, numbered
 * in code-unit order; cells are `overall`, then each slice of `slices` (a subset of the table's), its
 * groups in code-unit order. When `rows` is the whole table in order, its columns are used as they are.
 */
export declare function jobFromTable(name: string, table: ScoringTable, rows: Int32Array, channels: readonly ChannelInput[], slices: readonly string[], unit: ResampleUnit): PreparedJob;
/** A detector's channel: its scores and predictions (validated by jobFromTable). */
export declare function detectorChannel(detector: DetectorColumns): ChannelInput;
/**
 * The columnar input of a run: every dataset row once in a table, and per detector the rows it has
 * a prediction for, in dataset order (prediction = score ≥ threshold; the last prediction of a key
 * wins). The same rows as ScoringRows joined the usual way, without building them.
 */
export declare function scoringColumns(detectorNames: readonly string[], predictions: ReadonlyArray<{
    readonly detector: string;
    readonly key: string;
    readonly score: number;
}>, rows: ReadonlyArray<{
    readonly key: string;
    readonly id: string;
    readonly label: 'real' | 'fake';
    readonly columns: Readonly<Record<string, string>>;
}>, slices: readonly string[], threshold: number): {
    table: ScoringTable;
    detectors: DetectorColumns[];
};
//# sourceMappingURL=table.d.ts.map