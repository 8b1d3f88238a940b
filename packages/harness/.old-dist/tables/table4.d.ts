import type { ScoreRecord } from '../scoring/types.js';
/** Derived slice column holding the normalised pair of a fake row ('' for reals and rows without both labels). */
export declare const PAIR_SLICE = "semantic_pair";
/** Step 3: lower-case, `_` → space, drop every non-word non-space character (Python's Unicode `[^\w\s]`), trim. */
export declare function normalizePairText(text: string): string;
/** The pair key of a row, or '' when its mask_name or perturbed_mask_name is empty (step 2: drops reals). */
export declare function pairKey(columns: Readonly<Record<string, string>>): string;
export declare function splitPairKey(key: string): [string, string];
/** Step 4: rows per pair over the whole frame (every eval row, scored or not); keep count > 10. */
export declare function candidatePairs(frame: ReadonlyArray<Readonly<Record<string, string>>>, minCountExclusive?: number): Map<string, number>;
export interface Table4Row {
    original: string;
    edited: string;
    /** Rows of the pair in the frame (the shared count the paper prints). */
    count: number;
    /** The detector's scored rows of the pair. */
    n: number;
    recall: number;
    ci_low: number | null;
    ci_high: number | null;
    /** recall·100 rounded to 2 dp as numpy does. */
    recall_percent: number;
    f1_fake_percent: number | null;
    /** Notebook's recall for this pair, when listed. */
    notebook_percent?: number;
    /** The paper printed this pair (hand-picked) as easy or hard. */
    paper_pick?: 'easy' | 'hard';
    paper_percent?: number;
}
export interface Table4 {
    detector: string;
    /** Every qualifying pair in rank order. */
    ranked: Table4Row[];
    top10: Table4Row[];
    bottom10: Table4Row[];
}
/** Steps 5–8 from scored `semantic_pair` cells. */
export declare function buildTable4(records: readonly ScoreRecord[], candidates: ReadonlyMap<string, number>, detectors: readonly string[], minCountInclusive?: number): Table4[];
//# sourceMappingURL=table4.d.ts.map