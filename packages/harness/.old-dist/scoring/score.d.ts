import { type DetectorColumns, type ScoringTable } from './table.js';
import { type ScoreOptions, type ScoreRecord, type ScoringRow } from './types.js';
/** Every defined metric of every cell of every detector, with its bootstrap interval (see index.ts). */
export declare function scoreDetectors(input: ReadonlyArray<{
    detector: string;
    rows: readonly ScoringRow[];
}>, options: ScoreOptions): Promise<ScoreRecord[]>;
/**
 * scoreDetectors on columnar input: the rows once in a table (see ScoringTableBuilder), and per
 * detector the table rows it scored with its scores and predictions. Same records, byte for byte, as
 * scoreDetectors on the equivalent ScoringRows; `options.slices` must be columns of the table.
 */
export declare function scoreTable(table: ScoringTable, detectors: readonly DetectorColumns[], options: ScoreOptions): Promise<ScoreRecord[]>;
//# sourceMappingURL=score.d.ts.map