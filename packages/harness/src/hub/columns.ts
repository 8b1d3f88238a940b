import { COLUMN_ALIASES } from '../columns/catalogue.js';

/** Leading columns of a written metadata file, in the eval set's order (kept in the column catalogue). */
export { EVALSET_LEADING_COLUMNS } from '../columns/catalogue.js';

/**
 * Rename alias columns (spec §2.4, the loader's `COLUMN_ALIASES`) to eval-set names. An alias fills its eval-set column only when that one is
 * absent or empty; an alias that was used is dropped, one that was not is kept as an extra column.
 */
export function applyColumnAliases(row: Readonly<Record<string, string>>, aliases: Readonly<Record<string, string>> = COLUMN_ALIASES): Record<string, string> {
  const out: Record<string, string> = { ...row };
  for (const [alias, canonical] of Object.entries(aliases)) {
    const value = out[alias];
    if (value === undefined) continue;
    if (out[canonical] === undefined || out[canonical] === '') {
      out[canonical] = value;
      delete out[alias];
    }
  }
  return out;
}

/** `method` values of the full release mapped to the eval set's `inpainting` / `p2p`. */
export function normalizeMethod(value: string): string {
  const v = value.trim().toLowerCase().replace(/_/g, '-');
  if (v === 'prompt-based-editing' || v === 'prompt' || v === 'p2p' || v === 'prompt-edit') return 'p2p';
  if (v === 'inpainting' || v === 'inpaint') return 'inpainting';
  return value;
}
