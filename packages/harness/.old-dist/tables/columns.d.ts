export interface DerivedColumns {
    /** Derived column → [P25, P75] edges used, for the table notes. */
    readonly edges: Readonly<Record<string, readonly number[]>>;
    /** Adds the derived columns to one row's columns. */
    readonly derive: (columns: Readonly<Record<string, string>>) => Record<string, string>;
}
export declare function derivedColumns(frame: ReadonlyArray<Readonly<Record<string, string>>>): DerivedColumns;
//# sourceMappingURL=columns.d.ts.map