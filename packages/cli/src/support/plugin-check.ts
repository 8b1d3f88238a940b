/** Flag parsing of `semibench plugin check` that is more than a rename. */
import type { ConformanceBudgets } from '@semibench/harness';

/** The budget flags as given; undefined = not given. */
export interface BudgetFlags {
  'max-ms-per-item'?: number | undefined;
  'max-mb-per-item'?: number | undefined;
  'max-leak-kb-per-item'?: number | undefined;
  'max-retained-mb'?: number | undefined;
}

/** The `--max-*` flags as conformance budgets; a budget not given keeps the suite's default. */
export function conformanceBudgets(flags: BudgetFlags): Partial<ConformanceBudgets> {
  const budgets: Partial<ConformanceBudgets> = {};
  if (flags['max-ms-per-item'] !== undefined) budgets.msPerItem = flags['max-ms-per-item'];
  if (flags['max-mb-per-item'] !== undefined) budgets.peakMbPerItem = flags['max-mb-per-item'];
  if (flags['max-leak-kb-per-item'] !== undefined) budgets.leakKbPerItem = flags['max-leak-kb-per-item'];
  if (flags['max-retained-mb'] !== undefined) budgets.retainedMbAfterDispose = flags['max-retained-mb'];
  return budgets;
}

/** `3000x2000` → [height, width]; undefined when the text is not WIDTHxHEIGHT. */
export function parseImageSize(text: string): [number, number] | undefined {
  const m = /^(\d+)x(\d+)$/i.exec(text.trim());
  return m ? [Number(m[2]), Number(m[1])] : undefined;
}
