/**
 * Data-driven magnitude bins (spec §6): 5-quantile bins `bin1`..`bin5` at the 20/40/60/80th
 * percentiles and the paper's 3-bin variant at the 25/75th, both computed once over a pool of rows
 * and then assigned to every row. Edges are returned as data so a generated dataset can store them.
 */
/** Parse a cell to a finite number, or `null` for empty / NA / non-numeric / non-finite cells. */
export function toFiniteNumber(value) {
    if (value === null || value === undefined)
        return null;
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : null;
    const s = value.trim();
    if (s === '' || /^(na|nan|none|null)$/i.test(s))
        return null;
    const v = Number(s);
    return Number.isFinite(v) ? v : null;
}
/**
 * numpy's default (`linear`) percentile of an ascending array, including its last-bit detail: for
 * a fractional index t >= 0.5 numpy evaluates b - (b - a)(1 - t) instead of a + (b - a)t, which
 * can move an edge by one ulp and so move a value that sits exactly on it (spec §6).
 */
export function percentileSorted(sorted, q) {
    const n = sorted.length;
    if (n === 0)
        throw new RangeError('percentile of an empty pool');
    if (!(q >= 0 && q <= 100))
        throw new RangeError(`percentile must be in [0, 100], got ${q}`);
    const h = (n - 1) * (q / 100);
    const lo = Math.floor(h);
    const a = sorted[lo];
    if (lo >= n - 1)
        return sorted[n - 1];
    const t = h - lo;
    if (t === 0)
        return a;
    const b = sorted[lo + 1];
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
/** Percentiles of the finite values of a pool (missing values dropped per metric). */
export function percentiles(values, qs) {
    const pool = [];
    for (const v of values) {
        const x = toFiniteNumber(v);
        if (x !== null)
            pool.push(x);
    }
    const sorted = Float64Array.from(pool).sort();
    if (sorted.length === 0)
        return { edges: [], n: 0 };
    return { edges: qs.map((q) => percentileSorted(sorted, q)), n: sorted.length };
}
export const BIN_PERCENTILES = {
    quantile5: [20, 40, 60, 80],
    quantile3: [25, 75],
};
export const BIN_LABELS = {
    quantile5: ['bin1', 'bin2', 'bin3', 'bin4', 'bin5'],
    quantile3: ['small', 'medium', 'large'],
};
/**
 * Label a value: the first bin whose upper edge it is strictly below, else the last bin; so a
 * value equal to an edge goes to the upper bin, and coinciding edges leave the lower bin empty
 * (the reference behaviour). A missing value gets `null` (the reference put it in the last bin).
 */
export function assignBin(value, edges, labels) {
    if (labels.length !== edges.length + 1)
        throw new RangeError(`need ${edges.length + 1} labels for ${edges.length} edges, got ${labels.length}`);
    if (edges.length === 0)
        return null;
    const v = toFiniteNumber(value);
    if (v === null)
        return null;
    for (let k = 0; k < edges.length; k++)
        if (v < edges[k])
            return labels[k];
    return labels[edges.length];
}
export function computeBinEdges(column, poolValues, options = {}) {
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
/**
 * The spec's pools in eval-sample column names: the area ratio is binned over QC-passed inpainting
 * rows only (p2p has no input mask); every other change metric over QC-passed rows of all methods.
 */
export const DEFAULT_BIN_POOLS = {
    ratio: 'qc-inpainting',
    ratio_rgb: 'qc-all-methods',
    mse_rgb: 'qc-all-methods',
    ssim_rgb: 'qc-all-methods',
    lpips_score: 'qc-all-methods',
    dreamsim: 'qc-all-methods',
    sen_sim: 'qc-all-methods',
    clip_sim: 'qc-all-methods',
};
function defaultPassQc(row) {
    const v = row.pass_qc;
    if (v === undefined)
        return true;
    return v === true || v === 1 || (typeof v === 'string' && /^(true|1)$/i.test(v.trim()));
}
/**
 * Compute the edges of each column over its pool and the labels of every row (QC-passed or not,
 * as the reference assigns). Rows are not modified; the caller writes `labels[col]` into
 * `<col>_category` (or the 3-bin column it chooses).
 */
export function binTable(rows, options = {}) {
    const scheme = options.scheme ?? 'quantile5';
    const passQc = options.passQc ?? defaultPassQc;
    const inpainting = options.inpaintingMethod ?? 'inpainting';
    const columns = options.columns ??
        Object.fromEntries(Object.entries(DEFAULT_BIN_POOLS).filter(([c]) => rows.some((r) => r[c] !== undefined)));
    const anyMissing = options.parityDropIfAnyMissing;
    const eligible = rows.filter((r) => passQc(r) && (anyMissing === undefined || !anyMissing.some((c) => isMissing(r[c]))));
    const edges = [];
    const labels = {};
    for (const [column, rule] of Object.entries(columns)) {
        const pool = rule === 'qc-inpainting' ? eligible.filter((r) => r.method === inpainting) : eligible;
        const e = computeBinEdges(column, pool.map((r) => cell(r[column])), { scheme, pool: rule === 'qc-inpainting' ? `pass_qc & method=${inpainting}` : 'pass_qc' });
        edges.push(e);
        labels[column] = rows.map((r) => assignBin(cell(r[column]), e.edges, e.labels));
    }
    return { edges, labels };
}
/** Missing as pandas sees it after reading a CSV: empty, NA-like text, or a non-finite number. */
function isMissing(v) {
    if (v === null || v === undefined)
        return true;
    if (typeof v === 'number')
        return !Number.isFinite(v);
    if (typeof v === 'boolean')
        return false;
    return /^\s*(|na|nan|none|null)\s*$/i.test(v);
}
function cell(v) {
    return typeof v === 'boolean' ? null : v;
}
//# sourceMappingURL=bins.js.map