/**
 * Prediction files → scoring rows, without any model (spec §7.1–7.2):
 * - semibench's own predictions.csv: image_id, image_path, detector, label, score, prediction;
 * - the reference code's per-detector CSVs: the eval metadata plus `prediction` ("1"/"0", an
 *   integer for DE-FAKE) and `probability` (2 dp), capitalised for CrossEfficientViT, empty when
 *   the detector gave no output. The detector's name comes from the file name.
 * Rows are joined to a dataset's metadata by normalised image_path when a dataset is given (its
 * label and slice columns win), else the file's own columns are used. Missing predictions are
 * dropped per detector and counted, as the paper did.
 */
import { createReadStream, existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse';
import { normalizeKey } from '../dataset.js';
/** Notebook/file names → the names paper-reference.json uses (spec §7.1, §8.1 item 9). */
const DETECTOR_ALIASES = {
    dinov2: 'DinoV2',
    cnnspot: 'CNNSpot',
    dire: 'DIRE',
    universalfakedetect: 'UniversalFakeDetect',
    univfd: 'UniversalFakeDetect',
    crossefficientnet: 'CrossEfficientNet',
    crossefficientvit: 'CrossEfficientNet',
    crossefficient: 'CrossEfficientNet',
    defake: 'De-Fake',
};
/** The reference name of a detector (`de-fake`, `DE-FAKE`, `defake` → `De-Fake`), or the name itself. */
export function canonicalDetectorName(name) {
    return DETECTOR_ALIASES[name.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? name;
}
/** `universalfakedetect_preds.csv` → `UniversalFakeDetect`; `crossefficient_labels_and_preds.csv` → `CrossEfficientNet`. */
export function detectorNameFromFile(path) {
    const stem = basename(path, extname(path)).replace(/_(labels_and_preds|preds|predictions)$/i, '');
    return canonicalDetectorName(stem);
}
/** "1", "1.0", "true" → 1; "0", "0.0", "false" → 0; empty / NaN → null (no prediction). */
export function parsePrediction(raw, where) {
    const v = (raw ?? '').trim().toLowerCase();
    if (v === '' || v === 'nan' || v === 'na' || v === 'none' || v === 'null')
        return null;
    if (v === 'true')
        return 1;
    if (v === 'false')
        return 0;
    const x = Number(v);
    if (x === 1)
        return 1;
    if (x === 0)
        return 0;
    throw new Error(`${where}: prediction "${raw}" is not 0/1; expected "1"/"0" (or 1.0/0.0, true/false), empty when missing`);
}
function parseScore(raw, where) {
    const v = (raw ?? '').trim();
    if (v === '' || /^(nan|na|none|null)$/i.test(v))
        return Number.NaN;
    const x = Number(v);
    if (!Number.isFinite(x))
        throw new Error(`${where}: score "${raw}" is not a number`);
    return x;
}
function parseLabel(raw, where) {
    const v = (raw ?? '').trim().toLowerCase();
    if (v === '')
        return undefined;
    if (v === 'real' || v === '0')
        return 'real';
    if (v === 'fake' || v === '1')
        return 'fake';
    throw new Error(`${where}: label "${raw}" is neither real/0 nor fake/1`);
}
/** Reads one prediction file, recognising its format from the header. */
export async function readPredictionFile(path, options = {}) {
    if (!existsSync(path))
        throw new Error(`${path}: no such prediction file`);
    const records = [];
    const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true }));
    for await (const record of parser)
        records.push(record);
    const header = records.shift();
    if (!header)
        throw new Error(`${path}: empty file; expected a header with image_path and prediction columns`);
    const col = (name) => header.findIndex((h) => h.trim().toLowerCase() === name);
    const iPath = col('image_path');
    const iId = col('image_id') >= 0 ? col('image_id') : col('img_id');
    const iDetector = col('detector');
    const iLabel = col('label');
    const iPred = col('prediction');
    const iScore = col('score') >= 0 ? col('score') : col('probability');
    if (iPath < 0 || iPred < 0) {
        throw new Error(`${path}: not a prediction file. Found columns ${header.join(', ')}; need image_path and prediction (semibench: image_id, image_path, detector, label, score, prediction; reference code: metadata columns + prediction, probability)`);
    }
    const format = iDetector >= 0 && col('score') >= 0 ? 'semibench' : 'reference';
    const fileDetector = options.detector ?? detectorNameFromFile(path);
    const rows = records.map((rec, i) => {
        const where = `${path}:${i + 2}`;
        const columns = {};
        header.forEach((h, j) => (columns[h.trim()] = rec[j] ?? ''));
        const key = normalizeKey(rec[iPath] ?? '');
        if (key === '')
            throw new Error(`${where}: empty image_path`);
        return {
            line: i + 2,
            key,
            id: iId >= 0 ? (rec[iId] ?? '') : '',
            detector: format === 'semibench' && !options.detector ? (rec[iDetector] ?? '') : fileDetector,
            label: iLabel >= 0 ? parseLabel(rec[iLabel], where) : undefined,
            score: iScore >= 0 ? parseScore(rec[iScore], where) : Number.NaN,
            prediction: parsePrediction(rec[iPred], where),
            columns,
        };
    });
    return { path, format, columns: header.map((h) => h.trim()), rows };
}
/**
 * Joins prediction files to a dataset (or to their own metadata columns) and builds the scoring
 * rows of every detector, in frame order. Detectors appear in the order first met.
 */
export function joinPredictions(files, slices, dataset) {
    const byDetector = new Map();
    for (const file of files) {
        for (const row of file.rows) {
            const list = byDetector.get(row.detector) ?? [];
            list.push(row);
            byDetector.set(row.detector, list);
        }
    }
    const input = [];
    const counts = [];
    for (const [detector, preds] of byDetector) {
        const rows = [];
        let missing = 0;
        let unmatched = 0;
        const groupsOf = (columns) => Object.fromEntries(slices.map((s) => [s, columns[s] ?? '']));
        if (dataset) {
            const byKey = new Map();
            for (const p of preds) {
                if (byKey.has(p.key))
                    throw new Error(`${detector}: two predictions for ${p.key} (line ${byKey.get(p.key).line} and ${p.line})`);
                byKey.set(p.key, p);
            }
            const datasetKeys = new Set();
            for (const d of dataset.rows) {
                datasetKeys.add(d.key);
                const p = byKey.get(d.key);
                if (!p || p.prediction === null) {
                    missing++;
                    continue;
                }
                if (p.label !== undefined && p.label !== d.label) {
                    throw new Error(`${detector}: ${d.key} is ${p.label} in the predictions (line ${p.line}) but ${d.label} in ${dataset.metadataPath} (line ${d.line})`);
                }
                rows.push({ key: d.key, cluster: d.id, label: d.label === 'fake' ? 1 : 0, score: p.score, prediction: p.prediction, groups: groupsOf(d.columns) });
            }
            for (const p of preds)
                if (!datasetKeys.has(p.key))
                    unmatched++;
            counts.push({ detector, rows: dataset.rows.length, scored: rows.length, missing, unmatched });
        }
        else {
            for (const p of preds) {
                if (p.prediction === null) {
                    missing++;
                    continue;
                }
                if (p.label === undefined)
                    throw new Error(`${detector}: line ${p.line} has no label; pass --dataset so labels come from its metadata`);
                if (p.id === '')
                    throw new Error(`${detector}: line ${p.line} has no image_id (the bootstrap cluster); pass --dataset or add the column`);
                rows.push({ key: p.key, cluster: p.id, label: p.label === 'fake' ? 1 : 0, score: p.score, prediction: p.prediction, groups: groupsOf(p.columns) });
            }
            counts.push({ detector, rows: preds.length, scored: rows.length, missing, unmatched });
        }
        input.push({ detector, rows });
    }
    return { input, counts };
}
//# sourceMappingURL=io.js.map