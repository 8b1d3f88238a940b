/**
 * `semibench diff RUN_A RUN_B`: why two runs' scores differ. Three layers, each explaining the next:
 * 1. the manifests, field by field, sorted into what changes scores (dataset, plugin versions,
 *    options, preprocessing, scoring settings), what may (software and decoder versions) and
 *    what does not (times, paths, the command);
 * 2. the predictions, row by row: which rows' scores changed, by how much, and which changed
 *    side of the threshold;
 * 3. the scores: every (detector, slice, group, metric) whose value or n changed.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RUN_FILES, formatNumber, readPredictionsCsv } from './report/files.js';
/** Leaves of a JSON value; `detectors` arrays are keyed by name so reordering is not a change. */
function flatten(value, path, out) {
    if (Array.isArray(value)) {
        const named = value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.name === 'string');
        if (path === 'detectors' && named) {
            for (const v of value)
                flatten(v, `detectors[${v.name}]`, out);
        }
        else if (value.every((v) => v === null || typeof v !== 'object')) {
            out.set(path, value);
        }
        else {
            value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
        }
        return;
    }
    if (value !== null && typeof value === 'object') {
        const keys = Object.keys(value);
        if (keys.length === 0)
            out.set(path, value);
        for (const k of keys)
            flatten(value[k], path ? `${path}.${k}` : k, out);
        return;
    }
    out.set(path, value);
}
const INFORMATIONAL = [
    /^(startedAt|finishedAt|status|command|counts|error|resume|store|merged|shard)\b/,
    /^dataset\.(root|metadata|spec)$/,
    /^detectors\[[^\]]+\]\.(description|source\.(spec|resolved|type))$/,
];
const ENVIRONMENT = [/^semibench\./, /^detectors\[[^\]]+\]\.batchSize$/];
function classify(path) {
    if (INFORMATIONAL.some((r) => r.test(path)))
        return 'informational';
    if (ENVIRONMENT.some((r) => r.test(path)))
        return 'environment';
    return 'scores';
}
function describePath(path) {
    const d = /^detectors\[([^\]]+)\]\.(.+)$/.exec(path);
    if (d) {
        const [, name, rest] = d;
        if (rest === 'input')
            return `preprocessing of ${name}`;
        if (rest.startsWith('inputSpec.'))
            return `preprocessing step of ${name}`;
        const opt = /^identity\.options\.(.+)$/.exec(rest);
        if (opt)
            return `option ${opt[1]} of ${name}`;
        if (rest.startsWith('identity.'))
            return `identity (weights, model) of ${name}`;
        if (rest === 'version')
            return `plugin version of ${name}`;
        if (rest === 'source.sha256')
            return `plugin file of ${name} was edited`;
        if (rest === 'storeKey')
            return `prediction-store key of ${name}`;
    }
    if (path === 'dataset.metadataSha256')
        return 'the metadata file changed';
    if (path.startsWith('scoring.'))
        return 'scoring setting';
    if (path.startsWith('decode.'))
        return 'images over this many pixels are not decoded';
    if (path.startsWith('semibench.libraries.'))
        return 'image decoder version (may change pixels)';
    return undefined;
}
function diffManifests(a, b) {
    const fa = new Map();
    const fb = new Map();
    flatten(a, '', fa);
    flatten(b, '', fb);
    const paths = [...new Set([...fa.keys(), ...fb.keys()])];
    const changes = [];
    for (const path of paths) {
        const va = fa.get(path);
        const vb = fb.get(path);
        if (JSON.stringify(va) === JSON.stringify(vb))
            continue;
        const change = { path, a: va ?? null, b: vb ?? null, kind: classify(path) };
        const note = describePath(path);
        if (note)
            change.note = note;
        changes.push(change);
    }
    // A store key changes whenever anything it hashes does: show it only when nothing else explains it.
    return changes.filter((c) => {
        const m = /^detectors\[([^\]]+)\]\.storeKey$/.exec(c.path);
        if (!m)
            return true;
        const prefix = `detectors[${m[1]}].`;
        return !changes.some((o) => o !== c && o.kind === 'scores' && o.path.startsWith(prefix));
    });
}
async function loadRun(path) {
    const dir = resolve(path);
    const manifestPath = join(dir, RUN_FILES.manifest);
    if (!existsSync(manifestPath))
        throw new Error(`${dir}: no ${RUN_FILES.manifest}; give a run directory written by \`semibench eval --out DIR\``);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    const predictions = new Map();
    const csv = join(dir, RUN_FILES.predictions);
    if (existsSync(csv)) {
        for (const r of (await readPredictionsCsv(csv)).records) {
            let m = predictions.get(r.detector);
            if (!m)
                predictions.set(r.detector, (m = new Map()));
            m.set(r.key, r.score);
        }
    }
    const scoresPath = join(dir, RUN_FILES.scoresJson);
    const scores = existsSync(scoresPath) ? JSON.parse(await readFile(scoresPath, 'utf8')) : [];
    return { dir, manifest, predictions, scores };
}
function diffPredictions(a, b, detector, manifestChanges) {
    const pa = a.predictions.get(detector) ?? new Map();
    const pb = b.predictions.get(detector) ?? new Map();
    const ta = a.manifest.scoring.threshold;
    const tb = b.manifest.scoring.threshold;
    const changed = [];
    let compared = 0;
    let sumAbs = 0;
    for (const [key, sa] of pa) {
        const sb = pb.get(key);
        if (sb === undefined)
            continue;
        compared++;
        if (sa === sb)
            continue;
        sumAbs += Math.abs(sa - sb);
        changed.push({ key, a: sa, b: sb, flipped: sa >= ta !== sb >= tb });
    }
    changed.sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a) || (x.key < y.key ? -1 : 1));
    const out = {
        detector,
        compared,
        changed,
        flipped: changed.filter((c) => c.flipped).length,
        thresholds: { a: ta, b: tb },
        maxAbsDelta: changed.length ? Math.abs(changed[0].b - changed[0].a) : 0,
        meanAbsDelta: compared ? sumAbs / compared : 0,
        onlyA: [...pa.keys()].filter((k) => !pb.has(k)),
        onlyB: [...pb.keys()].filter((k) => !pa.has(k)),
    };
    const explained = manifestChanges.some((c) => c.kind !== 'informational' && (c.path.startsWith(`detectors[${detector}].`) || c.path.startsWith('dataset.') || c.path.startsWith('decode.') || c.path === 'scoring.seed'));
    if (changed.length && !explained) {
        out.unexplained =
            'no recorded input of this detector changed: the image files themselves differ (the manifest pins the metadata, not every image), or the detector is not deterministic';
    }
    return out;
}
function diffScores(a, b) {
    const id = (r) => `${r.detector}\u0000${r.slice}\u0000${r.group}\u0000${r.metric}`;
    const mb = new Map(b.map((r) => [id(r), r]));
    const seen = new Set();
    const changes = [];
    let compared = 0;
    for (const ra of a) {
        const k = id(ra);
        seen.add(k);
        const rb = mb.get(k);
        if (rb)
            compared++;
        if (rb && rb.value === ra.value && rb.n === ra.n)
            continue;
        changes.push({ detector: ra.detector, slice: ra.slice, group: ra.group, metric: ra.metric, a: ra.value, b: rb ? rb.value : null, nA: ra.n, nB: rb ? rb.n : null });
    }
    for (const rb of b) {
        if (!seen.has(id(rb)))
            changes.push({ detector: rb.detector, slice: rb.slice, group: rb.group, metric: rb.metric, a: null, b: rb.value, nA: null, nB: rb.n });
    }
    return { changes, compared };
}
export async function diffRuns(dirA, dirB) {
    const [a, b] = await Promise.all([loadRun(dirA), loadRun(dirB)]);
    const manifest = diffManifests(a.manifest, b.manifest);
    const namesA = a.manifest.detectors.map((d) => d.name);
    const namesB = b.manifest.detectors.map((d) => d.name);
    const common = namesA.filter((n) => namesB.includes(n));
    const predictions = common.map((d) => diffPredictions(a, b, d, manifest));
    const scores = diffScores(a.scores, b.scores);
    const identical = manifest.every((c) => c.kind === 'informational') &&
        predictions.every((p) => p.changed.length === 0 && p.onlyA.length === 0 && p.onlyB.length === 0) &&
        scores.changes.length === 0 &&
        namesA.length === namesB.length &&
        namesA.length === common.length;
    return {
        a: a.dir,
        b: b.dir,
        manifest,
        detectors: { onlyA: namesA.filter((n) => !namesB.includes(n)), onlyB: namesB.filter((n) => !namesA.includes(n)) },
        predictions,
        scores: scores.changes,
        scoresCompared: scores.compared,
        identical,
    };
}
function show(v) {
    if (v === null || v === undefined)
        return '(absent)';
    return typeof v === 'number' ? formatNumber(v) : JSON.stringify(v);
}
function showScore(v) {
    return v === null ? '—' : Number(v.toFixed(4)).toString();
}
/** The diff as text for people: manifest causes first, then their effect on rows and scores. */
export function formatRunDiff(diff, options = {}) {
    const maxRows = options.rows ?? 10;
    const maxScores = options.scores ?? 20;
    const lines = [`A: ${diff.a}`, `B: ${diff.b}`, ''];
    const topLevel = (changes) => [...new Set(changes.map((c) => c.path.replace(/[.[].*$/, '')))].join(', ');
    if (diff.identical) {
        lines.push('The runs agree: same inputs, same predictions, same scores.');
        const info = diff.manifest.filter((c) => c.kind === 'informational');
        if (info.length)
            lines.push(`(Their manifests differ only in ${topLevel(info)}, which do not change scores.)`);
        return lines.join('\n');
    }
    const byKind = (k) => diff.manifest.filter((c) => c.kind === k);
    const section = (title, changes) => {
        if (!changes.length)
            return;
        lines.push(title);
        for (const c of changes)
            lines.push(`  ${c.path}: ${show(c.a)} → ${show(c.b)}${c.note ? `   (${c.note})` : ''}`);
    };
    lines.push('What changed in the manifest');
    if (diff.detectors.onlyA.length)
        lines.push(`  detectors only in A: ${diff.detectors.onlyA.join(', ')}`);
    if (diff.detectors.onlyB.length)
        lines.push(`  detectors only in B: ${diff.detectors.onlyB.join(', ')}`);
    const scoreChanges = byKind('scores').filter((c) => !/^detectors\[[^\]]+\]$/.test(c.path));
    section(' Changes scores:', scoreChanges);
    section(' May change scores (software):', byKind('environment'));
    const info = byKind('informational');
    if (options.all)
        section(' Does not change scores:', info);
    else if (info.length)
        lines.push(` Does not change scores: ${topLevel(info)} (--all lists them)`);
    if (!scoreChanges.length && !byKind('environment').length && !diff.detectors.onlyA.length && !diff.detectors.onlyB.length)
        lines.push('  nothing that changes scores');
    lines.push('', 'Which predictions changed');
    for (const p of diff.predictions) {
        if (!p.changed.length && !p.onlyA.length && !p.onlyB.length) {
            lines.push(`  ${p.detector}: unchanged (${p.compared} rows)`);
            continue;
        }
        lines.push(`  ${p.detector}: ${p.changed.length} of ${p.compared} rows changed score (max |Δ| ${showScore(p.maxAbsDelta)}, mean |Δ| ${showScore(p.meanAbsDelta)}), ${p.flipped} changed side of the threshold`);
        if (p.unexplained)
            lines.push(`    note: ${p.unexplained}`);
        for (const c of p.changed.slice(0, maxRows)) {
            const flip = c.flipped ? `   (${c.a >= p.thresholds.a ? 'fake' : 'real'} → ${c.b >= p.thresholds.b ? 'fake' : 'real'})` : '';
            lines.push(`    ${c.key}  ${formatNumber(c.a)} → ${formatNumber(c.b)}${flip}`);
        }
        if (p.changed.length > maxRows)
            lines.push(`    ... and ${p.changed.length - maxRows} more (--rows N, or --json)`);
        if (p.onlyA.length)
            lines.push(`    ${p.onlyA.length} row(s) scored only in A, e.g. ${p.onlyA.slice(0, 3).join(', ')}`);
        if (p.onlyB.length)
            lines.push(`    ${p.onlyB.length} row(s) scored only in B, e.g. ${p.onlyB.slice(0, 3).join(', ')}`);
    }
    lines.push('', `Which scores changed: ${diff.scores.length} of ${diff.scoresCompared} compared`);
    for (const s of diff.scores.slice(0, maxScores)) {
        const n = s.nA !== s.nB ? `  (n ${s.nA ?? '—'} → ${s.nB ?? '—'})` : '';
        lines.push(`  ${s.detector} ${s.slice}=${s.group} ${s.metric}: ${showScore(s.a)} → ${showScore(s.b)}${n}`);
    }
    if (diff.scores.length > maxScores)
        lines.push(`  ... and ${diff.scores.length - maxScores} more (--json lists all)`);
    return lines.join('\n');
}
//# sourceMappingURL=diff.js.map