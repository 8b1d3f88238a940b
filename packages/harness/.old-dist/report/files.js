import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
/** File names inside a run directory. */
export const RUN_FILES = {
    predictions: 'predictions.csv',
    scores: 'scores.csv',
    scoresJson: 'scores.json',
    manifest: 'manifest.json',
    errors: 'errors.csv',
};
export const PREDICTION_COLUMNS = ['image_id', 'image_path', 'detector', 'label', 'score', 'prediction'];
export const ERROR_COLUMNS = ['detector', 'line', 'image_path', 'path', 'stage', 'reason'];
export const SCORE_COLUMNS = ['detector', 'slice', 'group', 'metric', 'n', 'value', 'ci_low', 'ci_high'];
/** Shortest text that reads back as the same double (JS's own rule), empty for null. */
export function formatNumber(value) {
    if (value === null || value === undefined || Number.isNaN(value))
        return '';
    return Object.is(value, -0) ? '0' : String(value);
}
/**
 * Appends rows to a CSV as they arrive, so predictions survive a crash. Rows are written in the
 * order they are handed in (the runner's order is deterministic), and each append is one write.
 */
export class CsvAppender {
    path;
    columns;
    started = false;
    constructor(path, columns) {
        this.path = path;
        this.columns = columns;
    }
    async open() {
        await writeFile(this.path, stringify([this.columns]));
        this.started = true;
    }
    /**
     * Keeps what an interrupted run wrote (minus a line the crash cut short) and appends after it;
     * starts a new file when there is none or its header differs. Returns whether rows were kept.
     */
    async reopen() {
        const kept = await trimToLastLine(this.path);
        if (kept && (await readHeader(this.path)) === stringify([this.columns])) {
            this.started = true;
            return true;
        }
        await this.open();
        return false;
    }
    async append(rows) {
        if (!this.started)
            await this.open();
        if (rows.length === 0)
            return;
        await appendFile(this.path, stringify(rows.map((r) => r.map((v) => (typeof v === 'number' ? formatNumber(v) : v)))));
    }
}
export function predictionRow(record, threshold) {
    return [record.id, record.key, record.detector, record.label, formatNumber(record.score), record.score >= threshold ? 1 : 0];
}
export function errorRow(error) {
    return [error.detector, error.line, error.key, error.path, error.stage, error.reason];
}
/**
 * Cuts a file after its last newline: appends are whole lines, but a process killed during a write
 * can leave part of one. Returns false when the file does not exist or is empty.
 */
export async function trimToLastLine(path) {
    let handle;
    try {
        handle = await open(path, 'r+');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return false;
        throw error;
    }
    try {
        const { size } = await handle.stat();
        let end = size;
        const buf = Buffer.alloc(64 * 1024);
        while (end > 0) {
            const start = Math.max(0, end - buf.length);
            const { bytesRead } = await handle.read(buf, 0, end - start, start);
            const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
            if (nl >= 0) {
                if (start + nl + 1 < size)
                    await handle.truncate(start + nl + 1);
                return true;
            }
            end = start;
        }
        await handle.truncate(0);
        return false;
    }
    finally {
        await handle.close();
    }
}
async function readHeader(path) {
    const handle = await open(path, 'r');
    try {
        const buf = Buffer.alloc(4096);
        const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
        const text = buf.subarray(0, bytesRead).toString('utf8');
        const nl = text.indexOf('\n');
        return nl >= 0 ? text.slice(0, nl + 1) : text;
    }
    finally {
        await handle.close();
    }
}
/**
 * Reads a CSV with a header into records, streaming. Rows that do not have the header's columns
 * (a line cut short by a crash) are skipped with their line numbers in `skipped`.
 */
export async function readCsvRecords(path, required) {
    const records = [];
    const skipped = [];
    const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
    let checked = false;
    for await (const { record, info } of parser) {
        if (!checked) {
            const missing = required.filter((c) => !(c in record));
            if (missing.length)
                throw new Error(`${path}: missing column(s) ${missing.join(', ')}`);
            checked = true;
        }
        if (required.some((c) => record[c] === undefined))
            skipped.push(info.lines);
        else
            records.push(record);
    }
    return { records, skipped };
}
/**
 * Reads a run's predictions.csv (see PREDICTION_COLUMNS) back into records marked `cached`.
 * Rows cut short are skipped (their line numbers are in `skipped`); rows without a score in
 * [0, 1] or a real/fake label are left out.
 */
export async function readPredictionsCsv(path) {
    const { records: raw, skipped } = await readCsvRecords(path, PREDICTION_COLUMNS);
    const records = [];
    raw.forEach((r) => {
        const score = r.score === '' ? NaN : Number(r.score);
        if (!(score >= 0 && score <= 1) || (r.label !== 'real' && r.label !== 'fake'))
            return;
        records.push({ detector: r.detector, key: r.image_path, id: r.image_id, label: r.label, score, cached: true });
    });
    return { records, skipped };
}
/** Reads a run's errors.csv back into row errors. */
export async function readErrorsCsv(path) {
    const { records } = await readCsvRecords(path, ERROR_COLUMNS);
    return records.map((r) => ({
        detector: r.detector,
        line: Number(r.line),
        key: r.image_path,
        path: r.path,
        stage: r.stage,
        reason: r.reason,
    }));
}
/**
 * The order every finished run's files use, whatever order rows were predicted, recalled or
 * merged in: dataset row order, then detectors in the order given. A resumed, sharded-and-merged
 * or single-machine run of the same inputs therefore writes byte-identical files.
 */
export function canonicalOrder(items, rows, detectorNames) {
    const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
    const detIndex = new Map(detectorNames.map((d, i) => [d, i]));
    const rank = (t) => [rowIndex.get(t.key) ?? Number.MAX_SAFE_INTEGER, detIndex.get(t.detector) ?? Number.MAX_SAFE_INTEGER];
    return [...items].sort((a, b) => {
        const [ra, da] = rank(a);
        const [rb, db] = rank(b);
        return ra - rb || da - db || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    });
}
/** Rewrites predictions.csv and errors.csv of a run in canonical order, atomically; returns the predictions in that order. */
export async function writeRunTables(dir, tables) {
    const ordered = canonicalOrder(tables.predictions, tables.rows, tables.detectorNames);
    const predictions = ordered.map((r) => predictionRow(r, tables.threshold));
    const errors = canonicalOrder(tables.errors, tables.rows, tables.detectorNames).map(errorRow);
    const csv = (columns, rows) => stringify([[...columns], ...rows.map((r) => r.map((v) => (typeof v === 'number' ? formatNumber(v) : v)))]);
    await writeFileAtomic(join(dir, RUN_FILES.predictions), csv(PREDICTION_COLUMNS, predictions));
    await writeFileAtomic(join(dir, RUN_FILES.errors), csv(ERROR_COLUMNS, errors));
    return ordered;
}
/** Writes a file atomically (temp file + rename), so readers never see half a manifest. */
export async function writeFileAtomic(path, contents) {
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, contents);
    await rename(tmp, path);
}
export async function writeScores(dir, records) {
    await mkdir(dir, { recursive: true });
    const rows = records.map((r) => [r.detector, r.slice, r.group, r.metric, String(r.n), formatNumber(r.value), formatNumber(r.ci_low), formatNumber(r.ci_high)]);
    await writeFileAtomic(join(dir, RUN_FILES.scores), stringify([[...SCORE_COLUMNS], ...rows]));
    await writeFileAtomic(join(dir, RUN_FILES.scoresJson), `${JSON.stringify(records, null, 2)}\n`);
}
//# sourceMappingURL=files.js.map