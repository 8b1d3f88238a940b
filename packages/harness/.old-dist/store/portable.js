/**
 * Moving predictions out of and into a store.
 *
 * - Joined to a dataset, an export is a predictions.csv (the columns `eval` writes, plus
 *   `store_key` and `input_key`): a reviewer scores it with `semibench score` without the model.
 * - Without a dataset, an export lists `store_key,input_key,score,created_at`: every prediction
 *   of the detector, for another store.
 * - Import takes either CSV form, or another store's SQLite file.
 */
import { createReadStream, createWriteStream, openSync, readSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { realPathInside } from '../dataset.js';
import { PREDICTION_COLUMNS, formatNumber } from '../report/files.js';
import { sha256 } from '../util/hash.js';
import { inputDependencies, predictionInputKey } from './keys.js';
export const EXPORT_COLUMNS = [...PREDICTION_COLUMNS, 'store_key', 'input_key'];
export const RAW_EXPORT_COLUMNS = ['store_key', 'input_key', 'score', 'created_at'];
/** Picks one detector of the store, or explains which ones `query` could mean. */
export function resolveStoredDetector(store, query) {
    const found = store.findDetectors(query);
    if (found.length === 1)
        return found[0];
    const list = (ds) => ds.map((d) => `  ${d.storeKey}  (${d.predictions} predictions)`).join('\n');
    if (found.length === 0) {
        const all = store.detectors();
        throw new Error(`no detector "${query}" in the store ${store.path}.${all.length ? ` It holds:\n${list(all)}` : ' It is empty.'}`);
    }
    throw new Error(`"${query}" matches ${found.length} detectors in ${store.path}; give the full store key:\n${list(found)}`);
}
/** The input dependencies recorded when the detector was registered (image only when unknown). */
function storedDependencies(description) {
    const input = (description.inputSpec ?? { kind: 'path' });
    const needsColumns = Array.isArray(description.needsColumns) ? description.needsColumns.map(String) : [];
    return inputDependencies(input, description.needsMask === true, needsColumns);
}
async function writeRows(path, header, rows) {
    const out = createWriteStream(path);
    let n = 0;
    let batch = [[...header]];
    const flush = async () => {
        if (!out.write(stringify(batch)))
            await once(out, 'drain');
        batch = [];
    };
    for await (const r of rows) {
        batch.push(r);
        n++;
        if (batch.length >= 2000)
            await flush();
    }
    await flush();
    out.end();
    await once(out, 'finish');
    return n;
}
/** Writes a detector's predictions for a dataset's rows as a scorable predictions CSV. */
export async function exportToDataset(store, detector, dataset, path, options = {}) {
    const deps = storedDependencies(detector.description);
    const threshold = options.threshold ?? 0.5;
    const name = options.name ?? detector.plugin;
    const counts = { rows: dataset.rows.length, exported: 0, missing: 0, unreadable: 0 };
    async function* rows() {
        for (const row of dataset.rows) {
            let image;
            let mask = '';
            try {
                image = sha256(await readFile(await realPathInside(dataset.root, row.path)));
                if (deps.mask && row.maskPath)
                    mask = sha256(await readFile(await realPathInside(dataset.root, row.maskPath)));
            }
            catch {
                counts.unreadable++;
                continue;
            }
            const inputKey = predictionInputKey(deps, { image, mask }, { key: row.key, columns: row.columns, seed: options.seed ?? 0 });
            const score = store.lookupSync(detector.storeKey, [inputKey]).get(inputKey);
            if (score === undefined) {
                counts.missing++;
                continue;
            }
            counts.exported++;
            yield [row.id, row.key, name, row.label, formatNumber(score), score >= threshold ? 1 : 0, detector.storeKey, inputKey];
        }
    }
    await writeRows(path, EXPORT_COLUMNS, rows());
    return counts;
}
/** Writes every prediction of a detector, keyed by input key (for another store). */
export async function exportRaw(store, detector, path) {
    function* rows() {
        for (const e of store.entries(detector.storeKey))
            yield [detector.storeKey, e.inputKey, formatNumber(e.score), e.createdAt];
    }
    return writeRows(path, RAW_EXPORT_COLUMNS, rows());
}
const SQLITE_MAGIC = 'SQLite format 3\u0000';
function isSqliteFile(path) {
    const fd = openSync(path, 'r');
    try {
        const buf = Buffer.alloc(16);
        const n = readSync(fd, buf, 0, 16, 0);
        return n === 16 && buf.toString('latin1') === SQLITE_MAGIC;
    }
    finally {
        closeSync(fd);
    }
}
/** Imports an export CSV (either form) or another store file. Malformed lines stop the import with their line number. */
export async function importPredictions(store, path, options = {}) {
    if (isSqliteFile(path))
        return store.importStore(path, options);
    const counts = { detectors: 0, added: 0, existing: 0 };
    const pending = new Map();
    const flush = (storeKey) => {
        const batch = pending.get(storeKey);
        if (!batch?.length)
            return;
        const c = store.importEntries(storeKey, batch, options.replace ? { replace: true } : {});
        counts.detectors += c.detectors;
        counts.added += c.added;
        counts.existing += c.existing;
        batch.length = 0;
    };
    const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, info: true }));
    let checked = false;
    for await (const { record, info } of parser) {
        if (!checked) {
            const missing = ['store_key', 'input_key', 'score'].filter((c) => !(c in record));
            if (missing.length)
                throw new Error(`${path}: not a semibench store export: missing column(s) ${missing.join(', ')} (write one with \`semibench store export\`)`);
            checked = true;
        }
        const where = `${path}:${info.lines}`;
        const score = Number(record.score);
        if (record.score === '' || !(score >= 0 && score <= 1))
            throw new Error(`${where}: score "${record.score}" is not a number in [0, 1]`);
        const storeKey = record.store_key;
        const inputKey = record.input_key;
        if (!/^[0-9a-f]{64}$/.test(inputKey))
            throw new Error(`${where}: input_key "${inputKey}" is not 64 hex characters`);
        let batch = pending.get(storeKey);
        if (!batch)
            pending.set(storeKey, (batch = []));
        const createdAt = record.created_at ? Number(record.created_at) : undefined;
        batch.push(createdAt !== undefined && Number.isFinite(createdAt) ? { inputKey, score, createdAt } : { inputKey, score });
        if (batch.length >= 5000)
            flush(storeKey);
    }
    for (const key of pending.keys())
        flush(key);
    return counts;
}
//# sourceMappingURL=portable.js.map