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
import { join, resolve } from 'node:path';
import { compareReencode, formatReencodeComparison, type ReencodeComparison } from './blind/compare.js';
import { RUN_FILES, formatNumber, readPredictionsCsv, readRunManifest, readScores } from './run/files.js';
import type { PredictionRecord, RunManifest } from './run/types.js';
import type { ScoreRecord } from './scoring/index.js';

export type ChangeKind = 'scores' | 'environment' | 'informational';

export interface ManifestChange {
  /** Dotted path; detectors are addressed by name: `detectors[brightness].identity.options.size`. */
  path: string;
  a: unknown;
  b: unknown;
  kind: ChangeKind;
  /** What the field means, for people. */
  note?: string;
}

export interface RowChange {
  key: string;
  a: number;
  b: number;
  /** The row is on the other side of the threshold in B. */
  flipped: boolean;
}

export interface DetectorPredictionDiff {
  detector: string;
  /** Rows with a prediction in both runs. */
  compared: number;
  /** Rows whose score differs, largest change first. */
  changed: RowChange[];
  flipped: number;
  /** Each run's decision threshold (score >= threshold is called fake). */
  thresholds: { a: number; b: number };
  maxAbsDelta: number;
  meanAbsDelta: number;
  onlyA: string[];
  onlyB: string[];
  /** Set when the scores changed although no manifest field of the detector or dataset did. */
  unexplained?: string;
}

export interface ScoreChange {
  detector: string;
  slice: string;
  group: string;
  metric: string;
  a: number | null;
  b: number | null;
  nA: number | null;
  nB: number | null;
}

export interface RunDiff {
  a: string;
  b: string;
  manifest: ManifestChange[];
  /** Detectors in both runs (the only ones whose predictions and scores are compared), and in one. */
  detectors: { common: string[]; onlyA: string[]; onlyB: string[] };
  predictions: DetectorPredictionDiff[];
  scores: ScoreChange[];
  /** Score cells compared (present in both runs). */
  scoresCompared: number;
  identical: boolean;
  /** Present when the runs differ in --reencode: each detector's paired change, with intervals. */
  reencode?: ReencodeComparison;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Leaves of a JSON value; `detectors` arrays are keyed by name so reordering is not a change. */
function flatten(value: Json, path: string, out: Map<string, Json>): void {
  if (Array.isArray(value)) {
    const named = value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.name === 'string');
    if (path === 'detectors' && named) {
      for (const v of value) flatten(v, `detectors[${(v as { name: string }).name}]`, out);
    } else if (value.every((v) => v === null || typeof v !== 'object')) {
      out.set(path, value);
    } else {
      value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) out.set(path, value);
    for (const k of keys) flatten(value[k] as Json, path ? `${path}.${k}` : k, out);
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

function classify(path: string): ChangeKind {
  if (INFORMATIONAL.some((r) => r.test(path))) return 'informational';
  if (ENVIRONMENT.some((r) => r.test(path))) return 'environment';
  return 'scores';
}

function describePath(path: string): string | undefined {
  const d = /^detectors\[([^\]]+)\]\.(.+)$/.exec(path);
  if (d) {
    const [, name, rest] = d as unknown as [string, string, string];
    if (rest === 'input') return `preprocessing of ${name}`;
    if (rest.startsWith('inputSpec.')) return `preprocessing step of ${name}`;
    const opt = /^identity\.options\.(.+)$/.exec(rest);
    if (opt) return `option ${opt[1]} of ${name}`;
    if (rest.startsWith('identity.')) return `identity (weights, model) of ${name}`;
    if (rest === 'version') return `plugin version of ${name}`;
    if (rest === 'source.sha256') return `plugin file of ${name} was edited`;
    if (rest === 'storeKey') return `prediction-store key of ${name}`;
  }
  if (path === 'dataset.metadataSha256') return 'the metadata file changed';
  if (path.startsWith('scoring.')) return 'scoring setting';
  if (path.startsWith('decode.')) return 'images over this many pixels are not decoded';
  if (path.startsWith('semibench.libraries.')) return 'image decoder version (may change pixels)';
  return undefined;
}

function diffManifests(a: RunManifest, b: RunManifest, common: ReadonlySet<string>): ManifestChange[] {
  const fa = new Map<string, Json>();
  const fb = new Map<string, Json>();
  flatten(a as unknown as Json, '', fa);
  flatten(b as unknown as Json, '', fb);
  const paths = [...new Set([...fa.keys(), ...fb.keys()])];
  const changes: ManifestChange[] = [];
  for (const path of paths) {
    // A detector in one run only is reported as such, not as every one of its fields "changed".
    const detector = /^detectors\[([^\]]+)\]/.exec(path)?.[1];
    if (detector !== undefined && !common.has(detector)) continue;
    const va = fa.get(path);
    const vb = fb.get(path);
    if (JSON.stringify(va) === JSON.stringify(vb)) continue;
    const change: ManifestChange = { path, a: va ?? null, b: vb ?? null, kind: classify(path) };
    const note = describePath(path);
    if (note) change.note = note;
    changes.push(change);
  }
  // A store key changes whenever anything it hashes does: show it only when nothing else explains it.
  return changes.filter((c) => {
    const m = /^detectors\[([^\]]+)\]\.storeKey$/.exec(c.path);
    if (!m) return true;
    const prefix = `detectors[${m[1]}].`;
    return !changes.some((o) => o !== c && o.kind === 'scores' && o.path.startsWith(prefix));
  });
}

interface LoadedRun {
  dir: string;
  manifest: RunManifest;
  predictions: Map<string, Map<string, number>>;
  records: PredictionRecord[];
  scores: ScoreRecord[];
}

async function loadRun(path: string): Promise<LoadedRun> {
  const dir = resolve(path);
  const manifest = await readRunManifest(dir);
  const predictions = new Map<string, Map<string, number>>();
  const csv = join(dir, RUN_FILES.predictions);
  const records = existsSync(csv) ? (await readPredictionsCsv(csv)).records : [];
  for (const r of records) {
    let m = predictions.get(r.detector);
    if (!m) predictions.set(r.detector, (m = new Map()));
    m.set(r.key, r.score);
  }
  // A run that did not finish scoring still has predictions to compare.
  const scores = existsSync(join(dir, RUN_FILES.scoresJson)) || existsSync(join(dir, RUN_FILES.scores)) ? await readScores(dir) : [];
  return { dir, manifest, predictions, records, scores };
}

function diffPredictions(a: LoadedRun, b: LoadedRun, detector: string, manifestChanges: readonly ManifestChange[]): DetectorPredictionDiff {
  const pa = a.predictions.get(detector) ?? new Map<string, number>();
  const pb = b.predictions.get(detector) ?? new Map<string, number>();
  const ta = a.manifest.scoring.threshold;
  const tb = b.manifest.scoring.threshold;
  const changed: RowChange[] = [];
  let compared = 0;
  let sumAbs = 0;
  for (const [key, sa] of pa) {
    const sb = pb.get(key);
    if (sb === undefined) continue;
    compared++;
    if (sa === sb) continue;
    sumAbs += Math.abs(sa - sb);
    changed.push({ key, a: sa, b: sb, flipped: sa >= ta !== sb >= tb });
  }
  changed.sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a) || (x.key < y.key ? -1 : 1));
  const out: DetectorPredictionDiff = {
    detector,
    compared,
    changed,
    flipped: changed.filter((c) => c.flipped).length,
    thresholds: { a: ta, b: tb },
    maxAbsDelta: changed.length ? Math.abs((changed[0] as RowChange).b - (changed[0] as RowChange).a) : 0,
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

function diffScores(a: readonly ScoreRecord[], b: readonly ScoreRecord[]): { changes: ScoreChange[]; compared: number } {
  const id = (r: ScoreRecord) => `${r.detector}\u0000${r.slice}\u0000${r.group}\u0000${r.metric}`;
  const mb = new Map(b.map((r) => [id(r), r]));
  const seen = new Set<string>();
  const changes: ScoreChange[] = [];
  let compared = 0;
  for (const ra of a) {
    const k = id(ra);
    seen.add(k);
    const rb = mb.get(k);
    if (rb) compared++;
    if (rb && rb.value === ra.value && rb.n === ra.n) continue;
    changes.push({ detector: ra.detector, slice: ra.slice, group: ra.group, metric: ra.metric, a: ra.value, b: rb ? rb.value : null, nA: ra.n, nB: rb ? rb.n : null });
  }
  for (const rb of b) {
    if (!seen.has(id(rb))) changes.push({ detector: rb.detector, slice: rb.slice, group: rb.group, metric: rb.metric, a: null, b: rb.value, nA: null, nB: rb.n });
  }
  return { changes, compared };
}

export async function diffRuns(dirA: string, dirB: string): Promise<RunDiff> {
  const [a, b] = await Promise.all([loadRun(dirA), loadRun(dirB)]);
  const namesA = a.manifest.detectors.map((d) => d.name);
  const namesB = b.manifest.detectors.map((d) => d.name);
  const common = namesA.filter((n) => namesB.includes(n));
  const manifest = diffManifests(a.manifest, b.manifest, new Set(common));
  const predictions = common.map((d) => diffPredictions(a, b, d, manifest));
  const inCommon = (r: ScoreRecord): boolean => common.includes(r.detector);
  const scores = diffScores(a.scores.filter(inCommon), b.scores.filter(inCommon));
  const identical =
    manifest.every((c) => c.kind === 'informational') &&
    predictions.every((p) => p.changed.length === 0 && p.onlyA.length === 0 && p.onlyB.length === 0) &&
    scores.changes.length === 0 &&
    namesA.length === namesB.length &&
    namesA.length === common.length;
  const reencode = await compareReencode({ manifest: a.manifest, predictions: a.records }, { manifest: b.manifest, predictions: b.records });
  return {
    ...(reencode ? { reencode } : {}),
    a: a.dir,
    b: b.dir,
    manifest,
    detectors: { common, onlyA: namesA.filter((n) => !namesB.includes(n)), onlyB: namesB.filter((n) => !namesA.includes(n)) },
    predictions,
    scores: scores.changes,
    scoresCompared: scores.compared,
    identical,
  };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '(absent)';
  return typeof v === 'number' ? formatNumber(v) : JSON.stringify(v);
}

function showScore(v: number | null): string {
  return v === null ? '—' : Number(v.toFixed(4)).toString();
}

export interface FormatDiffOptions {
  /** Changed rows listed per detector (default 10). */
  rows?: number;
  /** Score changes listed (default 20). */
  scores?: number;
  /** Also list informational manifest changes. */
  all?: boolean;
}

/** The diff as text for people: manifest causes first, then their effect on rows and scores. */
export function formatRunDiff(diff: RunDiff, options: FormatDiffOptions = {}): string {
  const maxRows = options.rows ?? 10;
  const maxScores = options.scores ?? 20;
  const lines: string[] = [`A: ${diff.a}`, `B: ${diff.b}`, ''];
  const topLevel = (changes: readonly ManifestChange[]) => [...new Set(changes.map((c) => c.path.replace(/[.[].*$/, '')))].join(', ');
  if (diff.identical) {
    lines.push('The runs agree: same inputs, same predictions, same scores.');
    const info = diff.manifest.filter((c) => c.kind === 'informational');
    if (info.length) lines.push(`(Their manifests differ only in ${topLevel(info)}, which do not change scores.)`);
    return lines.join('\n');
  }
  if (diff.detectors.common.length === 0) {
    lines.push(
      `The runs share no detector: A has ${diff.detectors.onlyA.join(', ') || 'none'}, B has ${diff.detectors.onlyB.join(', ') || 'none'}.`,
      'There are no predictions or scores of the same detector to compare. To compare two detectors on the same data, put both in one table: semibench score -p A/predictions.csv -p B/predictions.csv.',
    );
    return lines.join('\n');
  }
  const byKind = (k: ChangeKind) => diff.manifest.filter((c) => c.kind === k);
  const section = (title: string, changes: readonly ManifestChange[]) => {
    if (!changes.length) return;
    lines.push(title);
    for (const c of changes) lines.push(`  ${c.path}: ${show(c.a)} → ${show(c.b)}${c.note ? `   (${c.note})` : ''}`);
  };
  lines.push('What changed in the manifest');
  if (diff.detectors.onlyA.length) lines.push(`  detectors only in A: ${diff.detectors.onlyA.join(', ')}`);
  if (diff.detectors.onlyB.length) lines.push(`  detectors only in B: ${diff.detectors.onlyB.join(', ')}`);
  const scoreChanges = byKind('scores').filter((c) => !/^detectors\[[^\]]+\]$/.test(c.path));
  section(' Changes scores:', scoreChanges);
  section(' May change scores (software):', byKind('environment'));
  const info = byKind('informational');
  if (options.all) section(' Does not change scores:', info);
  else if (info.length) lines.push(` Does not change scores: ${topLevel(info)} (--all lists them)`);
  if (!scoreChanges.length && !byKind('environment').length && !diff.detectors.onlyA.length && !diff.detectors.onlyB.length) lines.push('  nothing that changes scores');

  lines.push('', 'Which predictions changed');
  for (const p of diff.predictions) {
    if (!p.changed.length && !p.onlyA.length && !p.onlyB.length) {
      lines.push(`  ${p.detector}: unchanged (${p.compared} rows)`);
      continue;
    }
    lines.push(
      `  ${p.detector}: ${p.changed.length} of ${p.compared} rows changed score (max |Δ| ${showScore(p.maxAbsDelta)}, mean |Δ| ${showScore(p.meanAbsDelta)}), ${p.flipped} changed side of the threshold`,
    );
    if (p.unexplained) lines.push(`    note: ${p.unexplained}`);
    for (const c of p.changed.slice(0, maxRows)) {
      const flip = c.flipped ? `   (${c.a >= p.thresholds.a ? 'fake' : 'real'} → ${c.b >= p.thresholds.b ? 'fake' : 'real'})` : '';
      lines.push(`    ${c.key}  ${formatNumber(c.a)} → ${formatNumber(c.b)}${flip}`);
    }
    if (p.changed.length > maxRows) lines.push(`    ... and ${p.changed.length - maxRows} more (--rows N, or --json)`);
    if (p.onlyA.length) lines.push(`    ${p.onlyA.length} row(s) scored only in A, e.g. ${p.onlyA.slice(0, 3).join(', ')}`);
    if (p.onlyB.length) lines.push(`    ${p.onlyB.length} row(s) scored only in B, e.g. ${p.onlyB.slice(0, 3).join(', ')}`);
  }

  lines.push('', `Which scores changed: ${diff.scores.length} of ${diff.scoresCompared} compared`);
  for (const s of diff.scores.slice(0, maxScores)) {
    const n = s.nA !== s.nB ? `  (n ${s.nA ?? '—'} → ${s.nB ?? '—'})` : '';
    lines.push(`  ${s.detector} ${s.slice}=${s.group} ${s.metric}: ${showScore(s.a)} → ${showScore(s.b)}${n}`);
  }
  if (diff.scores.length > maxScores) lines.push(`  ... and ${diff.scores.length - maxScores} more (--json lists all)`);
  if (diff.reencode) lines.push('', ...formatReencodeComparison(diff.reencode));
  return lines.join('\n');
}
