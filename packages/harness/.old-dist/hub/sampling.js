import { Rng } from '../util/rng.js';
/** Reads a column of a plain-object row (the default accessor). */
function plainColumn(row, name) {
    return row !== null && typeof row === 'object' ? row[name] : undefined;
}
/**
 * Choose the rows of a quick run.
 *
 * `limit` keeps the first N rows. `sample` draws N rows without replacement; with `stratify`, the
 * N rows are split over the strata in proportion to their sizes (largest-remainder rounding, ties
 * to the larger stratum, then the smaller key), and each stratum is drawn with its own generator
 * `Rng.derive(seed, 'sample:' + key)`, so a stratum's draw does not depend on the others. The same
 * rows, options and seed always give the same selection; rows come back in file order.
 *
 * `column(row, name)` reads a stratification value; the default reads plain objects
 * (`row[name]`). For the loader's rows: `selectRows(dataset.rows, options, (r, c) => r.columns[c])`.
 */
export function selectRows(rows, options, column = plainColumn) {
    const total = rows.length;
    if (options.limit !== undefined && options.sample !== undefined) {
        throw new Error('choose either a limit (first N rows) or a sample (N random rows), not both');
    }
    if (options.stratify !== undefined && options.sample === undefined) {
        throw new Error('stratify only applies to a sample: give a sample size as well');
    }
    if (options.limit !== undefined) {
        const n = checkCount('limit', options.limit);
        const indices = range(Math.min(n, total));
        return { rows: indices.map((i) => rows[i]), indices, selection: { method: 'limit', total, selected: indices.length, limit: n } };
    }
    if (options.sample === undefined) {
        const indices = range(total);
        return { rows: rows.slice(), indices, selection: { method: 'all', total, selected: total } };
    }
    const n = checkCount('sample', options.sample);
    const columns = options.stratify === undefined ? [] : typeof options.stratify === 'string' ? [options.stratify] : [...options.stratify];
    for (const name of columns) {
        if (total > 0 && !rows.some((row) => column(row, name) !== undefined)) {
            const available = column === plainColumn ? ` (columns: ${Object.keys(rows[0]).join(', ')})` : '';
            throw new Error(`cannot stratify by '${name}': no such column${available}`);
        }
    }
    const strata = new Map();
    rows.forEach((row, index) => {
        const key = columns.map((name) => `${name}=${stringValue(column(row, name))}`).join('|');
        const list = strata.get(key);
        if (list)
            list.push(index);
        else
            strata.set(key, [index]);
    });
    const keys = [...strata.keys()].sort();
    const take = Math.min(n, total);
    const quotas = allocate(keys.map((key) => strata.get(key).length), take);
    const chosen = [];
    const report = [];
    keys.forEach((key, k) => {
        const members = strata.get(key).slice();
        const quota = quotas[k];
        const rng = Rng.derive(options.seed, `sample:${key}`);
        // Partial Fisher-Yates: the first `quota` slots end up a uniform draw without replacement.
        for (let i = 0; i < quota; i++) {
            const j = i + rng.int(members.length - i);
            const tmp = members[i];
            members[i] = members[j];
            members[j] = tmp;
        }
        chosen.push(...members.slice(0, quota));
        report.push({ key, total: members.length, selected: quota });
    });
    chosen.sort((a, b) => a - b);
    return {
        rows: chosen.map((i) => rows[i]),
        indices: chosen,
        selection: {
            method: 'sample',
            total,
            selected: chosen.length,
            seed: options.seed,
            sample: n,
            ...(columns.length > 0 ? { stratify: columns, strata: report } : {}),
        },
    };
}
/** Largest-remainder (Hamilton) apportionment of `n` over groups of the given sizes. */
export function allocate(sizes, n) {
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total === 0 || n === 0)
        return sizes.map(() => 0);
    const exact = sizes.map((size) => (n * size) / total);
    const quotas = exact.map((value) => Math.floor(value));
    let left = n - quotas.reduce((a, b) => a + b, 0);
    const order = sizes
        .map((size, i) => ({ i, size, remainder: exact[i] - quotas[i] }))
        .sort((a, b) => b.remainder - a.remainder || b.size - a.size || a.i - b.i);
    for (const { i } of order) {
        if (left === 0)
            break;
        if (quotas[i] < sizes[i]) {
            quotas[i] = quotas[i] + 1;
            left--;
        }
    }
    return quotas;
}
function checkCount(name, value) {
    if (!Number.isInteger(value) || value < 1)
        throw new Error(`${name} must be a positive integer, got ${value}`);
    return value;
}
function range(n) {
    return Array.from({ length: n }, (_, i) => i);
}
function stringValue(value) {
    return value === undefined || value === null ? '' : String(value);
}
//# sourceMappingURL=sampling.js.map