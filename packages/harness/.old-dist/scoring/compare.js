/**
 * Paired comparisons of two detectors and leaderboards that show statistical ties (spec §7.4).
 *
 * Two detectors are compared on their common rows only (both scored the image), with the same
 * bootstrap weights for both in every resample, so the interval of the difference reflects how
 * they differ on the same images rather than two independent noises.
 */
import { bootstrap, percentileInterval } from './engine.js';
import { METRICS, METRIC_COUNT, METRIC_INDEX } from './metrics.js';
import { prepareJob } from './prepare.js';
import { scoreDetectors } from './score.js';
import { DEFAULT_MIN_N, validateScoreOptions } from './types.js';
/** The rows both detectors scored, aligned by key; labels must agree. */
export function commonRows(a, b) {
    const byKey = new Map(b.rows.map((r) => [r.key, r]));
    const left = [];
    const right = [];
    for (const row of a.rows) {
        const other = byKey.get(row.key);
        if (!other)
            continue;
        if (other.label !== row.label) {
            throw new Error(`row "${row.key}" is labelled ${row.label} for ${a.detector} but ${other.label} for ${b.detector}; both must come from the same dataset`);
        }
        left.push(row);
        right.push(other);
    }
    return [left, right];
}
export async function compareDetectors(a, b, options) {
    validateScoreOptions(options);
    const [left, right] = commonRows(a, b);
    const slices = [...new Set(options.slices)];
    const job = prepareJob(`comparison ${a.detector} vs ${b.detector}`, left, [left, right], slices, options.resample);
    const [result] = await bootstrap([job.input], {
        resamples: options.resamples,
        seed: options.seed,
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
    });
    const B = result.resamples;
    const [pa, pb] = result.point;
    const [ra, rb] = result.replicates;
    const diffs = new Float64Array(B);
    const records = [];
    job.cells.forEach((cell, k) => {
        for (let m = 0; m < METRIC_COUNT; m++) {
            const idx = k * METRIC_COUNT + m;
            const va = pa[idx];
            const vb = pb[idx];
            if (Number.isNaN(va) || Number.isNaN(vb))
                continue;
            for (let r = 0; r < B; r++)
                diffs[r] = ra[idx * B + r] - rb[idx * B + r];
            const ci = percentileInterval(diffs, 0, B, options.confidence);
            records.push({
                a: a.detector,
                b: b.detector,
                slice: cell.slice,
                group: cell.group,
                metric: METRICS[m],
                n: result.stats[0].n[k],
                value_a: va,
                value_b: vb,
                diff: va - vb,
                ci_low: ci ? ci[0] : null,
                ci_high: ci ? ci[1] : null,
                p_value: bootstrapPValue(diffs),
            });
        }
    });
    return records;
}
/** Two-sided bootstrap p-value of H0: difference = 0, from the resampled differences (NaN = undefined). */
export function bootstrapPValue(diffs) {
    let m = 0;
    let le = 0;
    let ge = 0;
    for (const d of diffs) {
        if (Number.isNaN(d))
            continue;
        m++;
        if (d <= 0)
            le++;
        if (d >= 0)
            ge++;
    }
    if (m === 0)
        return null;
    return Math.min(1, 2 * Math.min((le + 1) / (m + 1), (ge + 1) / (m + 1)));
}
/**
 * Orders detectors by a metric of one cell (higher is better) and marks statistical ties: two
 * detectors are tied when the paired bootstrap interval of their difference contains 0.
 */
export async function leaderboard(input, options) {
    const slice = options.slice ?? 'overall';
    const group = options.group ?? 'all';
    if (!(options.metric in METRIC_INDEX))
        throw new RangeError(`unknown metric "${options.metric}"; known: ${METRICS.join(', ')}`);
    const minN = options.minN ?? DEFAULT_MIN_N;
    const slices = slice === 'overall' ? [] : [slice];
    const own = await scoreDetectors(input, { ...options, slices });
    const cellOf = (detector) => {
        const rec = own.find((r) => r.detector === detector && r.slice === slice && r.group === group && r.metric === options.metric);
        return rec ?? { value: null, ci_low: null, ci_high: null, n: 0 };
    };
    const D = input.length;
    const better = Array.from({ length: D }, () => new Array(D).fill(false));
    const tied = Array.from({ length: D }, () => new Set());
    for (let i = 0; i < D; i++) {
        for (let j = i + 1; j < D; j++) {
            const records = await compareDetectors(input[i], input[j], { ...options, slices });
            const rec = records.find((r) => r.slice === slice && r.group === group && r.metric === options.metric);
            const separated = rec !== undefined && rec.ci_low !== null && rec.ci_high !== null && (rec.ci_low > 0 || rec.ci_high < 0);
            if (separated && rec.diff > 0)
                better[i][j] = true;
            else if (separated)
                better[j][i] = true;
            else {
                tied[i].add(input[j].detector);
                tied[j].add(input[i].detector);
            }
        }
    }
    const order = input
        .map((d, i) => ({ i, cell: cellOf(d.detector) }))
        .sort((x, y) => (y.cell.value ?? -Infinity) - (x.cell.value ?? -Infinity) || x.i - y.i);
    const entries = order.map(({ i, cell }, pos) => {
        let above = 0;
        let below = 0;
        for (let j = 0; j < D; j++) {
            if (better[j][i])
                above++;
            if (better[i][j])
                below++;
        }
        return {
            detector: input[i].detector,
            ...cell,
            rank: pos + 1,
            rank_best: 1 + above,
            rank_worst: D - below,
            tied_with: [...tied[i]].sort(),
            small: cell.n < minN,
        };
    });
    const notes = [];
    const small = entries.filter((e) => e.small).map((e) => `${e.detector} (n = ${e.n})`);
    if (small.length)
        notes.push(`fewer than ${minN} rows in ${slice}=${group} for ${small.join(', ')}: too small to separate detectors reliably`);
    if (D > 1 && better.every((row) => row.every((b) => !b)))
        notes.push(`no two detectors differ significantly on ${options.metric} in ${slice}=${group} at the ${options.confidence * 100}% level`);
    return { slice, group, metric: options.metric, entries, notes };
}
//# sourceMappingURL=compare.js.map