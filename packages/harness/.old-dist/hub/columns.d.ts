/** Leading columns of a written metadata file, in the eval set's order; the rest follow as found. */
export declare const EVALSET_LEADING_COLUMNS: readonly string[];
/**
 * Rename alias columns (spec §2.4, the loader's `COLUMN_ALIASES`) to eval-set names. An alias fills its eval-set column only when that one is
 * absent or empty; an alias that was used is dropped, one that was not is kept as an extra column.
 */
export declare function applyColumnAliases(row: Readonly<Record<string, string>>, aliases?: Readonly<Record<string, string>>): Record<string, string>;
/** `method` values of the full release mapped to the eval set's `inpainting` / `p2p`. */
export declare function normalizeMethod(value: string): string;
//# sourceMappingURL=columns.d.ts.map