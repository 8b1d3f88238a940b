/**
 * Data-driven magnitude bins (spec §6): 5-quantile bins `bin1`..`bin5` at the 20/40/60/80th
 * percentiles and the paper's 3-bin variant at the 25/75th, both computed once over a pool of rows
 * and then assigned to every row. Edges are returned as data so a generated dataset can store them.
 */
/** A value as it arrives from a metadata table: a number, a numeric string, or missing. */
export type MaybeNumber = number | string | null | undefined;
/** Parse a cell to a finite number, or `null` for empty / NA / non-numeric / non-finite cells. */
export declare function toFiniteNumber(value: MaybeNumber): number | null;
/**
 * numpy's default (`linear`) percentile of an ascending array, including its last-bit detail: for
 * a fractional index t >= 0.5 numpy evaluates b - (b - a)(1 - t) instead of a + (b - a)t, which
 * can move an edge by one ulp and so move a value that sits exactly on it (spec §6).
 */
export declare function percentileSorted(sorted: ArrayLike<number>, q: number): number;
/** Percentiles of the finite values of a pool (missing values dropped per metric). */
export declare function percentiles(values: Iterable<MaybeNumber>, qs: readonly number[]): {
    edges: number[];
    n: number;
};
export type BinScheme = 'quantile5' | 'quantile3';
export declare const BIN_PERCENTILES: Readonly<Record<BinScheme, readonly number[]>>;
export declare const BIN_LABELS: Readonly<Record<BinScheme, readonly string[]>>;
/** The edges used for one column, stored with every generated dataset. */
export interface BinEdges {
    /** Source column, e.g. `ratio` or `ssim_rgb`. */
    column: string;
    /** Column the labels are written to, e.g. `ratio_category`. */
    categoryColumn: string;
    scheme: BinScheme;
    percentiles: number[];
    /** One edge per percentile; empty when the pool had no values (every row then gets NA). */
    edges: number[];
    labels: string[];
    /** Number of finite values in the pool. */
    n: number;
    /** Human-readable description of the pool (e.g. `pass_qc & method=inpainting`). */
    pool: string;
}
/**
 * Label a value: the first bin whose upper edge it is strictly below, else the last bin; so a
 * value equal to an edge goes to the upper bin, and coinciding edges leave the lower bin empty
 * (the reference behaviour). A missing value gets `null` (the reference put it in the last bin).
 */
export declare function assignBin(value: MaybeNumber, edges: readonly number[], labels: readonly string[]): string | null;
export declare function computeBinEdges(column: string, poolValues: Iterable<MaybeNumber>, options?: {
    scheme?: BinScheme;
    categoryColumn?: string;
    pool?: string;
}): BinEdges;
/** Which rows form the pool of a binned column (spec §6 "Pools"). */
export type PoolRule = 'qc-all-methods' | 'qc-inpainting';
/**
 * The spec's pools in eval-sample column names: the area ratio is binned over QC-passed inpainting
 * rows only (p2p has no input mask); every other change metric over QC-passed rows of all methods.
 */
export declare const DEFAULT_BIN_POOLS: Readonly<Record<string, PoolRule>>;
export type TableRow = Readonly<Record<string, string | number | boolean | null | undefined>>;
export interface BinTableOptions {
    /** Column -> pool rule; defaults to DEFAULT_BIN_POOLS restricted to columns present. */
    columns?: Readonly<Record<string, PoolRule>>;
    scheme?: BinScheme;
    /** Whether a row passed QC. Default: the `pass_qc` column is true/'true'/'True'/1; rows without the column pass. */
    passQc?: (row: TableRow) => boolean;
    /** Method column value of inpainting rows (default `inpainting`). */
    inpaintingMethod?: string;
    /**
     * Parity with the reference: drop a row from every pool if *any* of the listed columns is missing
     * (spec §6, quirk 13). Default: drop per metric.
     */
    parityDropIfAnyMissing?: readonly string[];
}
/**
 * Compute the edges of each column over its pool and the labels of every row (QC-passed or not,
 * as the reference assigns). Rows are not modified; the caller writes `labels[col]` into
 * `<col>_category` (or the 3-bin column it chooses).
 */
export declare function binTable(rows: readonly TableRow[], options?: BinTableOptions): {
    edges: BinEdges[];
    labels: Record<string, (string | null)[]>;
};
//# sourceMappingURL=bins.d.ts.map