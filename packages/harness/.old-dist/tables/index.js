import { joinPredictions } from '../scoring/io.js';
import { scoreDetectors } from '../scoring/score.js';
import { buildTables } from './build.js';
import { derivedColumns } from './columns.js';
import { AS_WRITTEN_SOURCES, SLICE_TABLES, TABLE_SLICES } from './definitions.js';
import { PAIR_SLICE, candidatePairs } from './table4.js';
export * from './definitions.js';
export * from './paper.js';
export * from './table4.js';
export * from './build.js';
export * from './render.js';
export { derivedColumns } from './columns.js';
/**
 * Scores prediction files for every table. The frame (for Table 4's pair counts and the P25/P75
 * edges) is the dataset's metadata when given, else the first file's rows, scored or not — the
 * notebook's "first detector file" (spec §8, Table 4 step 1).
 */
export async function computeTables(files, dataset, options) {
    if (files.length === 0)
        throw new Error('no prediction files given');
    const frame = dataset ? dataset.rows.map((r) => ({ ...r.columns, label: r.label })) : files[0].rows.map((r) => r.columns);
    const derived = derivedColumns(frame);
    const pairs = candidatePairs(frame);
    const augment = (columns) => {
        const out = derived.derive(columns);
        if (!pairs.has(out[PAIR_SLICE] ?? ''))
            out[PAIR_SLICE] = ''; // only candidate pairs become cells
        return out;
    };
    const augmentedDataset = dataset ? { ...dataset, rows: dataset.rows.map((r) => ({ ...r, columns: augment(r.columns) })) } : undefined;
    const augmentedFiles = dataset ? files : files.map((f) => ({ ...f, rows: f.rows.map((r) => ({ ...r, columns: augment(r.columns) })) }));
    const available = new Set(Object.keys(frame[0] ?? {}));
    const slices = [
        ...TABLE_SLICES.filter((s) => available.has(s)),
        ...Object.keys(derived.edges),
        ...(pairs.size ? [PAIR_SLICE] : []),
    ];
    const { input, counts } = joinPredictions(augmentedFiles, slices, augmentedDataset);
    const records = await scoreDetectors(input, {
        slices,
        resamples: options.resamples,
        seed: options.seed,
        confidence: options.confidence,
        resample: options.resample,
        ...(options.minN !== undefined ? { minN: options.minN } : {}),
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
    });
    const notes = {};
    for (const t of SLICE_TABLES) {
        const e = derived.edges[t.slice];
        if (e)
            notes[t.id] = `${AS_WRITTEN_SOURCES[t.slice]} edges P25 = ${e[0].toPrecision(4)}, P75 = ${e[1].toPrecision(4)} over this frame's fakes`;
    }
    const built = buildTables(records, {
        ...(options.minN !== undefined ? { minN: options.minN } : {}),
        ...(options.compare ? { compare: true } : {}),
        pairs,
        notes,
    });
    return { built, records, counts, slices };
}
//# sourceMappingURL=index.js.map