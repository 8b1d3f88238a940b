/**
 * Which requested metadata columns reach a detector. Blind: a column passes only when the column
 * catalogue marks it passable (it describes the source photo, not the edit) AND every row of this
 * dataset, real and edited, has it filled — a column filled on edits only gives the label away by
 * being non-empty. Unblinded (--unblind columns): every requested column except ground truth.
 */
import { FORBIDDEN_COLUMNS, KNOWN_SLICE_COLUMNS, isPassableColumn } from '../columns/index.js';
import type { DatasetRow } from '../dataset.js';

export interface ColumnDecision {
  /** Requested columns the detector receives. */
  passed: string[];
  /** Requested columns it does not receive, with the reason. */
  withheld: Record<string, string>;
}

/** Rows of each class where `column` is empty. */
function emptyCounts(rows: readonly DatasetRow[], column: string): { real: number; fake: number } {
  const out = { real: 0, fake: 0 };
  for (const r of rows) if ((r.columns[column] ?? '') === '') out[r.label]++;
  return out;
}

/** Splits a detector's requested columns into passed and withheld for this dataset's rows. */
export function decideColumns(requested: readonly string[], rows: readonly DatasetRow[], unblinded: boolean): ColumnDecision {
  const out: ColumnDecision = { passed: [], withheld: {} };
  for (const c of requested) {
    // The contract: ground truth and slice columns never reach a detector, unblinded or not.
    if (FORBIDDEN_COLUMNS.has(c) || KNOWN_SLICE_COLUMNS.includes(c)) out.withheld[c] = 'ground truth or slice column, never passed';
    else if (unblinded) out.passed.push(c);
    else if (!isPassableColumn(c)) out.withheld[c] = 'not passable in blind mode (it can describe the edit); --unblind columns passes it';
    else {
      const empty = emptyCounts(rows, c);
      if (empty.real || empty.fake) out.withheld[c] = `empty on ${empty.real} real and ${empty.fake} edited row(s), so its presence tells the classes apart; --unblind columns passes it`;
      else out.passed.push(c);
    }
  }
  return out;
}
