/**
 * The paper's tables and figures as data (spec §8): which slice, which groups in which order,
 * which metric, and where the reference numbers sit in paper-reference.json.
 */
import type { MetricName } from '../scoring/metrics.js';
export interface TableColumn {
    /** Group of the slice (or, for Table 3, the metric). */
    readonly key: string;
    readonly label: string;
}
export interface SliceTable {
    readonly id: string;
    readonly title: string;
    /** Slice column; 'overall' for Table 3. */
    readonly slice: string;
    /** One metric for every column, or (Table 3) one metric per column. */
    readonly metric: MetricName | 'per-column';
    readonly columns: readonly TableColumn[];
    /** How the paper prints it: Table 3 with 2 decimals, figures as integers. */
    readonly paperFormat: 'percent2' | 'integer' | 'none';
    /** Key of paper-reference.json holding the values, if the paper or notebook has them. */
    readonly reference?: string;
    readonly note?: string;
}
export declare const TABLE3_METRICS: readonly MetricName[];
/** Notebook-only columns of Table 3 (accuracy and F1), emitted after the paper's six. */
export declare const TABLE3_EXTRA: readonly MetricName[];
/** Derived slice columns for Fig. 7 "as written": P25/P75 bins of the raw metric (spec §6, 3-bin variant). */
export declare const AS_WRITTEN_SOURCES: Readonly<Record<string, string>>;
export declare const SLICE_TABLES: readonly SliceTable[];
/** Slice columns the slice tables need (besides the derived as-written ones). */
export declare const TABLE_SLICES: readonly string[];
//# sourceMappingURL=definitions.d.ts.map