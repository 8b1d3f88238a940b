/**
 * Reads a run directory written by `semibench eval` (see report/files.ts) back into memory for the
 * HTML report: the manifest, every score, every prediction and the number of per-image errors.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { RUN_FILES, SCORE_COLUMNS, readCsvRecords, readErrorsCsv, readPredictionsCsv } from '../files.js';
/** A number cell of scores.csv: '' is null (undefined metric or no interval). */
function numberOrNull(raw) {
    if (raw === undefined || raw === '')
        return null;
    const value = Number(raw);
    return Number.isFinite(value) ? value : null;
}
async function readScores(dir) {
    // scores.json keeps full precision and types; scores.csv is the fallback for hand-made runs.
    const json = join(dir, RUN_FILES.scoresJson);
    if (existsSync(json)) {
        const parsed = JSON.parse(await readFile(json, 'utf8'));
        if (!Array.isArray(parsed))
            throw new Error(`${json}: expected an array of score records`);
        return parsed;
    }
    const csv = join(dir, RUN_FILES.scores);
    if (!existsSync(csv))
        throw new Error(`${dir}: no ${RUN_FILES.scoresJson} or ${RUN_FILES.scores}; the run did not finish scoring (see its manifest.json)`);
    const { records } = await readCsvRecords(csv, SCORE_COLUMNS);
    return records.map((r, i) => {
        const n = Number(r.n);
        if (!Number.isInteger(n))
            throw new Error(`${csv}, record ${i + 1}: n must be an integer, got "${r.n ?? ''}"`);
        return { detector: r.detector, slice: r.slice, group: r.group, metric: r.metric, n, value: numberOrNull(r.value), ci_low: numberOrNull(r.ci_low), ci_high: numberOrNull(r.ci_high) };
    });
}
/** Loads one run directory; errors name the file and say what is wrong. */
export async function readRunDir(path) {
    const dir = resolve(path);
    const manifestPath = join(dir, RUN_FILES.manifest);
    if (!existsSync(manifestPath)) {
        throw new Error(`${dir}: no ${RUN_FILES.manifest}; give a run directory written by \`semibench eval --out DIR\``);
    }
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    if (manifest.schema !== 'semibench.run/1') {
        throw new Error(`${manifestPath}: unknown schema "${String(manifest.schema)}" (this semibench reads semibench.run/1)`);
    }
    const predictionsPath = join(dir, RUN_FILES.predictions);
    const errorsPath = join(dir, RUN_FILES.errors);
    const [scores, predictions, errors] = await Promise.all([
        readScores(dir),
        existsSync(predictionsPath) ? readPredictionsCsv(predictionsPath) : { records: [] },
        existsSync(errorsPath) ? readErrorsCsv(errorsPath) : [],
    ]);
    return { dir, name: basename(dir), manifest, scores, predictions: predictions.records, errorCount: errors.length };
}
//# sourceMappingURL=load.js.map