export interface RowSelectionOptions {
    /** Keep the first N rows (file order). */
    limit?: number;
    /** Draw N rows at random without replacement (seeded), proportionally per stratum. */
    sample?: number;
    /** Column(s) whose value combination defines the strata for `sample`. */
    stratify?: string | readonly string[];
    seed: number;
}
/** What was selected, for the run manifest. */
export interface RowSelection {
    method: 'all' | 'limit' | 'sample';
    total: number;
    selected: number;
    seed?: number;
    limit?: number;
    sample?: number;
    stratify?: string[];
    /** Per stratum (sorted by key): rows available and rows drawn. */
    strata?: {
        key: string;
        total: number;
        selected: number;
    }[];
}
export interface SelectedRows<T> {
    /** The chosen rows, in their original order. */
    rows: T[];
    /** Their indexes in the input, ascending. */
    indices: number[];
    selection: RowSelection;
}
/**
 * Choose the rows of a quick run.
 *
 * `limit` keeps the first N rows. `sample` draws N rows without replacement; with `stratify`, the
 * N rows are split over the strata in proportion to their sizes (largest-remainder rounding, ties
 * to the larger stratum, then the smaller key), and each stratum is drawn with its own generator
 * `Rng.derive(seed, 'sample:' + key)`, so a stratum's draw does not depend on the others. The same
 * rows, options and seed always give the same selection; rows come back in file order.
 *
 * `column(row, name)` reads a stratification value; the default reads plain objects
 * (`row[name]`). For the loader's rows: `selectRows(dataset.rows, options, (r, c) => r.columns[c])`.
 */
export declare function selectRows<T>(rows: readonly T[], options: RowSelectionOptions, column?: (row: T, name: string) => unknown): SelectedRows<T>;
/** Largest-remainder (Hamilton) apportionment of `n` over groups of the given sizes. */
export declare function allocate(sizes: readonly number[], n: number): number[];
//# sourceMappingURL=sampling.d.ts.map