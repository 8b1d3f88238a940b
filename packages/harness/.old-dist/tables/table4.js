/**
 * Table 4: detection rate on directional semantic edits (original label → perturbed label), with
 * the notebook's pair-selection rule (spec §8, steps 1–8).
 */
import { roundPercent2, table4Reference } from './paper.js';
/** Derived slice column holding the normalised pair of a fake row ('' for reals and rows without both labels). */
export const PAIR_SLICE = 'semantic_pair';
const SEPARATOR = ' → ';
/** Step 3: lower-case, `_` → space, drop every non-word non-space character (Python's Unicode `[^\w\s]`), trim. */
export function normalizePairText(text) {
    return text.toLowerCase().replace(/_/g, ' ').replace(/[^\p{L}\p{N}_\s]/gu, '').trim();
}
/** The pair key of a row, or '' when its mask_name or perturbed_mask_name is empty (step 2: drops reals). */
export function pairKey(columns) {
    const original = (columns.mask_name ?? '').trim();
    const edited = (columns.perturbed_mask_name ?? '').trim();
    if (original === '' || edited === '' || /^(nan|na)$/i.test(original) || /^(nan|na)$/i.test(edited))
        return '';
    return `${normalizePairText(original)}${SEPARATOR}${normalizePairText(edited)}`;
}
export function splitPairKey(key) {
    const i = key.indexOf(SEPARATOR);
    return [key.slice(0, i), key.slice(i + SEPARATOR.length)];
}
/** Step 4: rows per pair over the whole frame (every eval row, scored or not); keep count > 10. */
export function candidatePairs(frame, minCountExclusive = 10) {
    const counts = new Map();
    for (const columns of frame) {
        const key = pairKey(columns);
        if (key !== '')
            counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return new Map([...counts].filter(([, n]) => n > minCountExclusive));
}
/** Steps 5–8 from scored `semantic_pair` cells. */
export function buildTable4(records, candidates, detectors, minCountInclusive = 50) {
    return detectors.map((detector) => {
        const ref = table4Reference(detector);
        const cell = (group, metric) => records.find((r) => r.detector === detector && r.slice === PAIR_SLICE && r.group === group && r.metric === metric);
        const rows = [];
        for (const [key, count] of candidates) {
            if (count < minCountInclusive)
                continue;
            const recall = cell(key, 'recall_fake');
            if (!recall || recall.value === null)
                continue; // NA: no scored rows
            const recallPercent = roundPercent2(recall.value * 100);
            if (recallPercent === 0)
                continue;
            const f1 = cell(key, 'f1_fake');
            const [original, edited] = splitPairKey(key);
            const row = {
                original,
                edited,
                count,
                n: recall.n,
                recall: recall.value,
                ci_low: recall.ci_low,
                ci_high: recall.ci_high,
                recall_percent: recallPercent,
                f1_fake_percent: f1?.value != null ? roundPercent2(f1.value * 100) : null,
            };
            const same = (p) => normalizePairText(p.original) === original && normalizePairText(p.edited) === edited;
            const nb = [...ref.top10, ...ref.bottom10].find(same);
            if (nb)
                row.notebook_percent = nb.recall_percent;
            const pick = ref.paper.find(same);
            if (pick?.kind) {
                row.paper_pick = pick.kind;
                row.paper_percent = pick.recall_percent;
            }
            rows.push(row);
        }
        // Step 7: rounded recall descending, then count descending; the pair text settles exact ties deterministically.
        rows.sort((a, b) => b.recall_percent - a.recall_percent || b.count - a.count || (a.original + a.edited < b.original + b.edited ? -1 : 1));
        return { detector, ranked: rows, top10: rows.slice(0, 10), bottom10: rows.slice(Math.max(0, rows.length - 10)) };
    });
}
//# sourceMappingURL=table4.js.map