/**
 * Which columns `generate` bins (spec §6): the mask's area ratio, which generation writes itself,
 * and the columns each metric plugin declares in `meta.binned`. A plugin that declares nothing
 * gets the catalogue's binning for the columns it writes (the built-in metrics' columns), so a
 * custom metric's column is binned exactly when its plugin says so.
 */
import { COLUMNS, DEFAULT_BIN_POOLS, EVALSET_LEADING_COLUMNS, type PoolRule } from './catalogue.js';
import type { MetricBinning, MetricMeta } from '../contract.js';

/** A metric's binned columns: its declaration, or the catalogue's entries for its columns. */
export function declaredBinning(meta: Pick<MetricMeta, 'columns' | 'binned'>): MetricBinning[] {
  if (meta.binned) return [...meta.binned];
  return COLUMNS.filter((c) => c.binning && meta.columns.includes(c.name)).map((c) => ({
    column: c.name,
    direction: c.binning?.similarity ? 'higher-is-less-change' : 'higher-is-more-change',
    pool: c.binning?.pool ?? 'qc-all-methods',
  }));
}

/**
 * Column → pool of every binned column of a generation run, in the catalogue's order and then the
 * plugins' (the order of the category columns in metadata.csv and bins.json).
 */
export function binnedColumns(metas: ReadonlyArray<Pick<MetricMeta, 'columns' | 'binned'>>): Record<string, PoolRule> {
  const pools = new Map<string, PoolRule>();
  for (const c of EVALSET_LEADING_COLUMNS) if (DEFAULT_BIN_POOLS[c]) pools.set(c, DEFAULT_BIN_POOLS[c]);
  for (const meta of metas) for (const b of declaredBinning(meta)) if (!pools.has(b.column)) pools.set(b.column, b.pool ?? 'qc-all-methods');
  const rank = (c: string): number => {
    const i = Object.keys(DEFAULT_BIN_POOLS).indexOf(c);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const order = [...pools.keys()].map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
  return Object.fromEntries(order.map(({ c }) => [c, pools.get(c) as PoolRule]));
}

/** Problems with a metric's `meta.binned`, for plugin validation; [] when it is fine or absent. */
export function binningProblems(meta: { columns?: unknown; binned?: unknown }): string[] {
  if (meta.binned === undefined) return [];
  if (!Array.isArray(meta.binned)) return ['meta.binned: a list of { column, direction, pool? }'];
  const columns = Array.isArray(meta.columns) ? (meta.columns as unknown[]) : [];
  return meta.binned.flatMap((b: unknown, i) => {
    const e = (b ?? {}) as Record<string, unknown>;
    const out: string[] = [];
    if (typeof e.column !== 'string' || !columns.includes(e.column)) out.push(`meta.binned[${i}].column: one of meta.columns (found ${JSON.stringify(e.column)})`);
    if (e.direction !== 'higher-is-more-change' && e.direction !== 'higher-is-less-change') out.push(`meta.binned[${i}].direction: 'higher-is-more-change' (a distance) or 'higher-is-less-change' (a similarity)`);
    if (e.pool !== undefined && e.pool !== 'qc-all-methods' && e.pool !== 'qc-inpainting') out.push(`meta.binned[${i}].pool: 'qc-all-methods' or 'qc-inpainting'`);
    return out;
  });
}
