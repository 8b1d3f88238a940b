/**
 * The authors' numbers (paper-reference.json: notebook fractions at 6 dp, paper percentages) and
 * the tolerances of spec §8 for comparing ours with them.
 */
import reference from './paper-reference.js';
import { roundHalfEven } from '../preprocess/geometry.js';
import { canonicalDetectorName } from '../scoring/io.js';
const REF = reference;
function dig(path) {
    let node = REF;
    for (const key of path) {
        if (node === null || typeof node !== 'object' || Array.isArray(node))
            return undefined;
        node = node[key];
    }
    return node;
}
const num = (v) => (typeof v === 'number' ? v : undefined);
export const NOTEBOOK_TOLERANCE = 5e-7;
export const TABLE3_PAPER_TOLERANCE = 0.01;
export { roundHalfEven };
/** np.round(percent, 2) as the notebook printed Table 4: rint(percent·100)/100. */
export function roundPercent2(percent) {
    return roundHalfEven(percent * 100) / 100;
}
/** Reference numbers of one slice-table cell; {} when the paper and notebook have none. */
export function referenceFor(tableKey, detector, group, metric) {
    if (!tableKey)
        return {};
    const d = canonicalDetectorName(detector);
    if (tableKey === 'table3_overall') {
        const out = {};
        const nb = num(dig([tableKey, 'detectors', d, 'notebook', metric]));
        const paper = num(dig([tableKey, 'detectors', d, 'paper_percent', metric]));
        if (nb !== undefined)
            out.notebook = nb;
        if (paper !== undefined)
            out.paper = paper;
        return out;
    }
    const cell = [tableKey, 'detectors', d, group];
    const out = {};
    const nb = num(dig([...cell, 'notebook', metric]));
    const paper = num(dig([...cell, 'paper_percent'])) ?? num(dig([...cell, 'paper_f1_percent']));
    if (nb !== undefined)
        out.notebook = nb;
    if (paper !== undefined)
        out.paper = paper;
    return out;
}
/** Spec §8 tolerances: notebook within 5e-7; Table 3 within ±0.01 points; figures: half-even rounding equals the printed integer. */
export function withinTolerance(value, ref, paperFormat) {
    const out = {};
    if (ref.notebook !== undefined)
        out.notebook = Math.abs(value - ref.notebook) <= NOTEBOOK_TOLERANCE;
    if (ref.paper !== undefined) {
        if (paperFormat === 'percent2')
            out.paper = Math.abs(value * 100 - ref.paper) <= TABLE3_PAPER_TOLERANCE + 1e-9;
        else if (paperFormat === 'integer')
            out.paper = roundHalfEven(value * 100) === ref.paper;
    }
    return out;
}
function pairs(value) {
    if (!Array.isArray(value))
        return [];
    return value.flatMap((v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v))
            return [];
        const note = typeof v.note === 'string' ? /data string: '([^']+)'/.exec(v.note)?.[1] : undefined;
        const pair = {
            original: String(v.original),
            // The paper misspells some strings; the note gives the data's spelling (spec §8.1 item 3).
            edited: note ?? String(v.edited),
            count: Number(v.count),
            recall_percent: Number(v.recall_percent),
        };
        if (typeof v.f1_fake_percent === 'number')
            pair.f1_fake_percent = v.f1_fake_percent;
        if (v.kind === 'easy' || v.kind === 'hard')
            pair.kind = v.kind;
        return [pair];
    });
}
/** Table 4 as the notebook listed it (top/bottom 10) and the paper's hand-picked pairs, for one detector. */
export function table4Reference(detector) {
    const d = canonicalDetectorName(detector);
    return {
        top10: pairs(dig(['table4_directional_edits', 'notebook', d, 'top10'])),
        bottom10: pairs(dig(['table4_directional_edits', 'notebook', d, 'bottom10'])),
        paper: pairs(dig(['table4_directional_edits', 'paper', d])),
    };
}
/** Detectors the paper kept for its slice analyses (UnivFD, CrossEfficientViT, DE-FAKE). */
export function sliceAnalysisDetectors() {
    const v = dig(['meta', 'detectors_in_slice_analyses']);
    return Array.isArray(v) ? v.map(String) : [];
}
//# sourceMappingURL=paper.js.map