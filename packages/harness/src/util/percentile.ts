/** numpy-exact percentiles and the cell parsing they need; shared by binning, tables and the scoring engine. */

/** A value as it arrives from a metadata table: a number, a numeric string, or missing. */
export type MaybeNumber = number | string | null | undefined;

/** Parse a cell to a finite number, or `null` for empty / NA / non-numeric / non-finite cells. */
export function toFiniteNumber(value: MaybeNumber): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const s = value.trim();
  if (s === '' || /^(na|nan|none|null)$/i.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/**
 * numpy's default (`linear`) percentile of an ascending array, including its last-bit detail: for
 * a fractional index t >= 0.5 numpy evaluates b - (b - a)(1 - t) instead of a + (b - a)t, which
 * can move an edge by one ulp and so move a value that sits exactly on it (spec §6).
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('percentile of an empty pool');
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${q}`);
  const h = (n - 1) * (q / 100);
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo >= n - 1) return sorted[n - 1] as number;
  const t = h - lo;
  if (t === 0) return a;
  const b = sorted[lo + 1] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Percentiles of the finite values of a pool (missing values dropped per metric). */
export function percentiles(values: Iterable<MaybeNumber>, qs: readonly number[]): { edges: number[]; n: number } {
  const pool: number[] = [];
  for (const v of values) {
    const x = toFiniteNumber(v);
    if (x !== null) pool.push(x);
  }
  const sorted = Float64Array.from(pool).sort();
  if (sorted.length === 0) return { edges: [], n: 0 };
  return { edges: qs.map((q) => percentileSorted(sorted, q)), n: sorted.length };
}
