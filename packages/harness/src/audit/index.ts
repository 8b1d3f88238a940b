/**
 * `semibench audit`: how well features that need no detector — container, JPEG quality, size,
 * metadata, ... — tell real from edited images, overall and per slice. A shortcut a detector can
 * learn instead of the edit (Grommelt et al. 2024, "Fake or JPEG?") shows up here as an AUC well
 * above 0.5.
 *
 * Each feature is scored by ROC-AUC, direction-free (max(AUC, 1 − AUC): a feature that is smaller
 * on edits separates as well as one that is larger), with cluster-bootstrap intervals from the
 * harness's scoring engine (clusters = image_id). Numeric features rank rows by their value;
 * categorical features score each row by the share of edited rows in its category within the
 * cell. A slice group holding only edits (most Semi-Truths attribute slices) is scored against the
 * real photos its edits were made from (matched by image_id).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDataset, type DatasetRow } from '../dataset.js';
import { RUN_FILES, writeFileAtomic } from '../run/files.js';
import { scoreDetectors, type ScoringRow } from '../scoring/index.js';
import { mapLimit } from '../util/concurrency.js';
import { AUDIT_FEATURES, readFileFacts, type FeatureSpec, type FileFacts } from './features.js';

export { AUDIT_FEATURES, readFileFacts, type FeatureSpec, type FileFacts } from './features.js';

/** One line of `audit --json`. */
export interface AuditFinding {
  feature: string;
  /** 'overall' or a slice column. */
  slice: string;
  /** 'all' for overall. */
  group: string;
  /** Rows scored (edits of the group, plus matched reals for an edits-only group). */
  n: number;
  /** max(AUC, 1 − AUC). */
  auc: number;
  ci_low: number | null;
  ci_high: number | null;
  flagged: boolean;
}

export interface AuditOptions {
  slices?: readonly string[];
  /** Bootstrap resamples (default 1000; 0 = no intervals). */
  resamples?: number;
  seed?: number;
  confidence?: number;
  /** Findings with an AUC above this are flagged (default 0.6). */
  threshold?: number;
  /** Files read at once (default 8). */
  concurrency?: number;
  /** Restrict to these features (default: all). */
  features?: readonly string[];
}

export interface AuditResult {
  findings: AuditFinding[];
  /** Rows whose headers could not be read, with the reason; they are left out. */
  errors: Array<{ key: string; path: string; reason: string }>;
  rows: number;
}

export const DEFAULT_AUDIT_THRESHOLD = 0.6;

interface Cell {
  slice: string;
  group: string;
  rows: Array<{ row: DatasetRow; facts: FileFacts }>;
}

/** Row scores of one feature in one cell (rows without a value are left out). */
function featureRows(feature: FeatureSpec, cell: Cell): ScoringRow[] {
  const values = cell.rows.map(({ row, facts }) => ({ row, value: feature.value(facts) }));
  const defined = values.filter((v): v is { row: DatasetRow; value: number | string } => v.value !== undefined && !(typeof v.value === 'number' && !Number.isFinite(v.value)));
  const share = new Map<string, number>();
  if (feature.kind === 'categorical') {
    const counts = new Map<string, [number, number]>();
    for (const { row, value } of defined) {
      const c = counts.get(String(value)) ?? [0, 0];
      c[row.label === 'fake' ? 1 : 0]++;
      counts.set(String(value), c);
    }
    for (const [k, [real, fake]] of counts) share.set(k, fake / (real + fake));
  }
  return defined.map(({ row, value }) => ({
    key: row.key,
    cluster: row.id,
    label: row.label === 'fake' ? 1 : 0,
    score: feature.kind === 'categorical' ? (share.get(String(value)) as number) : (value as number),
    prediction: 0,
    groups: {},
  }));
}

/** The cells: overall, then each slice's groups; an edits-only group gets its matched reals. */
function cellsOf(rows: Array<{ row: DatasetRow; facts: FileFacts }>, slices: readonly string[]): Cell[] {
  const cells: Cell[] = [{ slice: 'overall', group: 'all', rows }];
  const realsById = new Map<string, Array<{ row: DatasetRow; facts: FileFacts }>>();
  for (const r of rows) if (r.row.label === 'real') realsById.set(r.row.id, [...(realsById.get(r.row.id) ?? []), r]);
  for (const slice of slices) {
    const groups = new Map<string, Array<{ row: DatasetRow; facts: FileFacts }>>();
    for (const r of rows) {
      const g = r.row.columns[slice] ?? '';
      if (g !== '') groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    for (const [group, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (members.some((m) => m.row.label === 'real')) cells.push({ slice, group, rows: members });
      else {
        const ids = new Set(members.map((m) => m.row.id));
        cells.push({ slice, group, rows: [...members, ...[...ids].flatMap((id) => realsById.get(id) ?? [])] });
      }
    }
  }
  return cells;
}

/** Audits `rows` (a dataset's, or a selection of them). */
export async function auditRows(rows: readonly DatasetRow[], options: AuditOptions = {}): Promise<AuditResult> {
  const threshold = options.threshold ?? DEFAULT_AUDIT_THRESHOLD;
  const features = options.features ? AUDIT_FEATURES.filter((f) => options.features?.includes(f.name)) : AUDIT_FEATURES;
  const errors: AuditResult['errors'] = [];
  const read = await mapLimit(rows, options.concurrency ?? 8, async (row) => {
    try {
      return { row, facts: await readFileFacts(row.path) };
    } catch (error) {
      errors.push({ key: row.key, path: row.path, reason: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  });
  const facts = read.filter((r): r is { row: DatasetRow; facts: FileFacts } => r !== undefined);
  const findings: AuditFinding[] = [];
  for (const cell of cellsOf(facts, options.slices ?? [])) {
    const input = features.map((f) => ({ detector: f.name, rows: featureRows(f, cell) })).filter((d) => d.rows.length > 0);
    const records = await scoreDetectors(input, {
      slices: [],
      resamples: options.resamples ?? 1000,
      seed: options.seed ?? 0,
      confidence: options.confidence ?? 0.95,
      resample: 'cluster',
      threads: 1,
    });
    for (const r of records) {
      if (r.metric !== 'roc_auc' || r.value === null) continue;
      // Direction-free: flip the estimate and its interval together.
      const flip = r.value < 0.5;
      const auc = flip ? 1 - r.value : r.value;
      const lo = flip ? (r.ci_high === null ? null : 1 - r.ci_high) : r.ci_low;
      const hi = flip ? (r.ci_low === null ? null : 1 - r.ci_low) : r.ci_high;
      findings.push({ feature: r.detector, slice: cell.slice, group: cell.group, n: r.n, auc, ci_low: lo, ci_high: hi, flagged: auc > threshold });
    }
  }
  return { findings, errors, rows: rows.length };
}

/** Features whose differences --reencode removes (it keeps every image's size). */
const ENCODING_FEATURES = new Set(['format', 'extension', 'jpeg_quality', 'chroma_subsampling', 'file_size', 'bytes_per_pixel', 'metadata', 'bit_depth', 'colour_mode']);

/** Loads a dataset directory and audits its rows; slices must be columns of its metadata. */
export async function auditDataset(root: string, options: AuditOptions = {}): Promise<AuditResult & { metadataPath: string }> {
  const dataset = await loadDataset(root);
  for (const s of options.slices ?? []) {
    if (!dataset.columns.includes(s)) throw new Error(`--slice ${s}: no such column in ${dataset.metadataPath}. Columns: ${dataset.columns.join(', ')}`);
  }
  return { ...(await auditRows(dataset.rows, options)), metadataPath: dataset.metadataPath };
}

/** A plain-text table of the findings, flagged ones marked. */
export function formatAudit(findings: readonly AuditFinding[], confidence = 0.95): string {
  const head = ['feature', 'slice', 'group', 'n', `AUC [${Math.round(confidence * 100)}% CI]`, ''];
  const body = findings.map((f) => [
    f.feature,
    f.slice,
    f.group,
    String(f.n),
    `${f.auc.toFixed(3)}${f.ci_low !== null && f.ci_high !== null ? ` [${f.ci_low.toFixed(3)}, ${f.ci_high.toFixed(3)}]` : ''}`,
    f.flagged ? 'FLAGGED' : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** "format alone separates real from edited with AUC 0.80 [0.70, 0.90]" for each flagged overall finding. */
export function describeShortcuts(findings: readonly AuditFinding[], reencode?: string): string[] {
  const flagged = findings.filter((f) => f.flagged && f.slice === 'overall').sort((a, b) => b.auc - a.auc);
  const fmt = (v: number) => v.toFixed(2);
  const lines = flagged.map((f) => `${f.feature} alone separates real from edited with AUC ${fmt(f.auc)}${f.ci_low !== null && f.ci_high !== null ? ` [${fmt(f.ci_low)}, ${fmt(f.ci_high)}]` : ''}`);
  if (!lines.length) return [];
  if (!flagged.some((f) => ENCODING_FEATURES.has(f.feature))) return lines;
  const hint = reencode
    ? `this run re-encoded every image (--reencode ${reencode}): detectors saw one encoding, not these file differences`
    : 'compare with --reencode png (detectors then see every image in one encoding)';
  return [...lines.map((l) => `${l};`), hint];
}

/**
 * The audit `eval` runs next to the scores: overall findings over the run's rows, written to the
 * run directory's audit.json, so the summary and the report can put the dataset's shortcuts beside
 * the detectors' scores. Rows whose headers cannot be read are left out (the detectors' own errors
 * are reported in errors.csv).
 */
export async function auditRun(outDir: string, rows: readonly DatasetRow[], options: AuditOptions): Promise<AuditFinding[]> {
  const { findings } = await auditRows(rows, { ...options, slices: [] });
  await writeFileAtomic(join(outDir, RUN_FILES.audit), `${JSON.stringify(findings, null, 2)}\n`);
  return findings;
}

/** A run directory's audit findings; empty when the run has none (older runs, shards, --no-audit). */
export async function readRunAudit(dir: string): Promise<AuditFinding[]> {
  const path = join(dir, RUN_FILES.audit);
  if (!existsSync(path)) return [];
  const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected an array of audit findings`);
  return parsed as AuditFinding[];
}
