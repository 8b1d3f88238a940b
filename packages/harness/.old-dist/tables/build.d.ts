/**
 * Scored cells → the paper's tables (rows = detectors, columns = slice values), each cell with its
 * interval, and optionally the paper's and notebook's numbers beside ours with the differences.
 */
import { type ScoreRecord } from '../scoring/types.js';
import { type SliceTable, type TableColumn } from './definitions.js';
import { type Table4 } from './table4.js';
export interface TableCell {
    detector: string;
    column: string;
    metric: string;
    value: number | null;
    ci_low: number | null;
    ci_high: number | null;
    n: number;
    /** Fewer rows than minN: the interval is unreliable. */
    small: boolean;
    notebook?: number;
    paper?: number;
    notebook_ok?: boolean;
    paper_ok?: boolean;
}
export interface BuiltTable {
    id: string;
    title: string;
    note?: string;
    paperFormat: SliceTable['paperFormat'];
    columns: readonly TableColumn[];
    detectors: string[];
    cells: TableCell[];
}
export interface BuiltTables {
    tables: BuiltTable[];
    table4: Table4[];
}
export interface BuildOptions {
    minN?: number;
    /** Attach paper/notebook values and tolerance checks. */
    compare?: boolean;
    /** Candidate pairs (count > 10) with their frame counts; Table 4 is skipped without them. */
    pairs?: ReadonlyMap<string, number>;
    /** Notes per table id (e.g. the P25/P75 edges used). */
    notes?: Readonly<Record<string, string>>;
}
export declare function buildTables(records: readonly ScoreRecord[], options?: BuildOptions): BuiltTables;
//# sourceMappingURL=build.d.ts.map