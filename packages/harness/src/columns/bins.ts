/**
 * Data-driven magnitude bins (spec §6): 5-quantile bins `bin1`..`bin5` at the 20/40/60/80th
 * percentiles and the paper's 3-bin variant at the 25/75th, both computed once over a pool of rows
 * and then assigned to every row. Edges are returned as data so a generated dataset can store them.
 */

import { DEFAULT_BIN_POOLS, type PoolRule } from './catalogue.js';
import { percentiles, toFiniteNumber, type MaybeNumber } from '../util/percentile.js';

export { percentileSorted, percentiles, toFiniteNumber, type MaybeNumber } from '../util/percentile.js';

export type BinScheme = 'quantile5' | 'quantile3';

export const BIN_PERCENTILES: Readonly<Record<BinScheme, readonly number[]>> = {
  quantile5: [20, 40, 60, 80],
  quantile3: [25, 75],
};

export const BIN_LABELS: Readonly<Record<BinScheme, readonly string[]>> = {
  quantile5: ['bin1', 'bin2', 'bin3', 'bin4', 'bin5'],
  quantile3: ['small', 'medium', 'large'],
};

/** The edges used for one column, stored with every generated dataset. */
export interface BinEdges {
  /** Source column, e.g. `ratio` or `ssim_rgb`. */
  column: string;
  /** Column the labels are written to, e.g. `ratio_category`. */
  categoryColumn: string;
  scheme: BinScheme;
  percentiles: number[];
  /** One edge per percentile; empty when the pool had no values (every row then gets NA). */
  edges: number[];
  labels: string[];
  /** Number of finite values in the pool. */
  n: number;
  /** Human-readable description of the pool (e.g. `pass_qc & method=inpainting`). */
  pool: string;
}

/**
 * Label a value: the first bin whose upper edge it is strictly below, else the last bin; so a
 * value equal to an edge goes to the upper bin, and coinciding edges leave the lower bin empty
 * (the reference behaviour). A missing value gets `null` (the reference put it in the last bin).
 */
export function assignBin(value: MaybeNumber, edges: readonly number[], labels: readonly string[]): string | null {
  // An empty pool (e.g. `ratio`, pooled over inpainting rows, in a p2p-only dataset) has no edges: every row is NA.
  if (edges.length === 0) return null;
  if (labels.length !== edges.length + 1) throw new RangeError(`need ${edges.length + 1} labels for ${edges.length} edges, got ${labels.length}`);
  const v = toFiniteNumber(value);
  if (v === null) return null;
  for (let k = 0; k < edges.length; k++) if (v < (edges[k] as number)) return labels[k] as string;
  return labels[edges.length] as string;
}

export function computeBinEdges(
  column: string,
  poolValues: Iterable<MaybeNumber>,
  options: { scheme?: BinScheme; categoryColumn?: string; pool?: string } = {},
): BinEdges {
  const scheme = options.scheme ?? 'quantile5';
  const qs = BIN_PERCENTILES[scheme];
  const { edges, n } = percentiles(poolValues, qs);
  return {
    column,
    categoryColumn: options.categoryColumn ?? `${column}_category`,
    scheme,
    percentiles: [...qs],
    edges,
    labels: [...BIN_LABELS[scheme]],
    n,
    pool: options.pool ?? 'all rows',
  };
}

export type TableRow = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface BinTableOptions {
  /** Column -> pool rule; defaults to DEFAULT_BIN_POOLS restricted to columns present. */
  columns?: Readonly<Record<string, PoolRule>>;
  scheme?: BinScheme;
  /** Whether a row passed QC. Default: the `pass_qc` column is true/'true'/'True'/1; rows without the column pass. */
  passQc?: (row: TableRow) => boolean;
  /** Method column value of inpainting rows (default `inpainting`). */
  inpaintingMethod?: string;
  /**
   * Parity with the reference: drop a row from every pool if *any* of the listed columns is missing
   * (spec §6, quirk 13). Default: drop per metric.
   */
  parityDropIfAnyMissing?: readonly string[];
}

function defaultPassQc(row: TableRow): boolean {
  const v = row.pass_qc;
  if (v === undefined) return true;
  return v === true || v === 1 || (typeof v === 'string' && /^(true|1)$/i.test(v.trim()));
}

/**
 * Compute the edges of each column over its pool and the labels of every row (QC-passed or not,
 * as the reference assigns). Rows are not modified; the caller writes `labels[col]` into
 * `<col>_category` (or the 3-bin column it chooses).
 */
export function binTable(
  rows: readonly TableRow[],
  options: BinTableOptions = {},
): { edges: BinEdges[]; labels: Record<string, (string | null)[]> } {
  const scheme = options.scheme ?? 'quantile5';
  const passQc = options.passQc ?? defaultPassQc;
  const inpainting = options.inpaintingMethod ?? 'inpainting';
  const columns =
    options.columns ??
    Object.fromEntries(Object.entries(DEFAULT_BIN_POOLS).filter(([c]) => rows.some((r) => r[c] !== undefined)));
  const anyMissing = options.parityDropIfAnyMissing;
  const eligible = rows.filter((r) => passQc(r) && (anyMissing === undefined || !anyMissing.some((c) => isMissing(r[c]))));
  const edges: BinEdges[] = [];
  const labels: Record<string, (string | null)[]> = {};
  for (const [column, rule] of Object.entries(columns)) {
    const pool = rule === 'qc-inpainting' ? eligible.filter((r) => r.method === inpainting) : eligible;
    const e = computeBinEdges(
      column,
      pool.map((r) => cell(r[column])),
      { scheme, pool: rule === 'qc-inpainting' ? `pass_qc & method=${inpainting}` : 'pass_qc' },
    );
    edges.push(e);
    labels[column] = rows.map((r) => assignBin(cell(r[column]), e.edges, e.labels));
  }
  return { edges, labels };
}

/** Missing as pandas sees it after reading a CSV: empty, NA-like text, or a non-finite number. */
function isMissing(v: string | number | boolean | null | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return !Number.isFinite(v);
  if (typeof v === 'boolean') return false;
  return /^\s*(|na|nan|none|null)\s*$/i.test(v);
}

function cell(v: string | number | boolean | null | undefined): MaybeNumber {
  return typeof v === 'boolean' ? null : v;
}
