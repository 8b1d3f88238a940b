import type { ScoreRecord } from '../scoring/index.js';

/** Metrics shown for slices that contain both classes, and for fakes-only slices. */
const OVERALL_METRICS = ['accuracy', 'balanced_accuracy', 'f1_macro', 'recall_real', 'recall_fake', 'roc_auc', 'average_precision'];
const FAKES_ONLY_METRIC = 'recall_fake';

function cell(r: ScoreRecord | undefined, digits: number): string {
  if (!r || r.value === null) return '—';
  const v = r.value.toFixed(digits);
  if (r.ci_low === null || r.ci_high === null) return v;
  return `${v} [${r.ci_low.toFixed(digits)}, ${r.ci_high.toFixed(digits)}]`;
}

/** The text summary is read in terminals: no line is wider than this. */
export const SUMMARY_WIDTH = 100;

/** Cuts a text cell to `width` characters, marking the cut. */
function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;
}

/**
 * Columns padded to their widest cell, two spaces apart. When the lines would exceed
 * SUMMARY_WIDTH, the `clippable` text columns (names, groups) are cut, the widest one a character at a time,
 * down to 8.
 */
function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, clippable: readonly number[] = [0]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const total = (): number => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > SUMMARY_WIDTH) {
    const widest = clippable.filter((i) => (widths[i] as number) > 8).sort((a, b) => (widths[b] as number) - (widths[a] as number))[0];
    if (widest === undefined) break;
    widths[widest] = (widths[widest] as number) - 1;
  }
  const line = (cells: readonly string[]) => cells.map((c, i) => clip(c, widths[i] as number).padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One titled table of a score summary: what every report format renders in its own syntax. */
export interface SummarySection {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Text columns the plain-text rendering may cut to fit SUMMARY_WIDTH (default: the first). */
  readonly clippable?: readonly number[];
}

/**
 * The summary as sections: the overall scores of every detector, then, per slice column, the
 * detection rate (recall on fakes) of each group (macro F1 where the group holds both classes),
 * every value with its confidence interval.
 */
export function summarySections(records: readonly ScoreRecord[], options: { digits?: number; confidence?: number } = {}): SummarySection[] {
  const digits = options.digits ?? 3;
  const detectors = [...new Set(records.map((r) => r.detector))];
  const find = (d: string, slice: string, group: string, metric: string) =>
    records.find((r) => r.detector === d && r.slice === slice && r.group === group && r.metric === metric);
  const level = options.confidence ? ` (${Math.round(options.confidence * 100)}% bootstrap intervals)` : '';
  const metrics = OVERALL_METRICS.filter((m) => records.some((r) => r.slice === 'overall' && r.metric === m));
  const sections: SummarySection[] = [
    {
      title: `Overall${level}`,
      headers: ['detector', 'n', ...metrics],
      rows: detectors.map((d) => [d, String(find(d, 'overall', 'all', metrics[0] ?? 'accuracy')?.n ?? 0), ...metrics.map((m) => cell(find(d, 'overall', 'all', m), digits))]),
    },
  ];
  const slices = [...new Set(records.map((r) => r.slice))].filter((s) => s !== 'overall');
  for (const slice of slices) {
    const groups = [...new Set(records.filter((r) => r.slice === slice).map((r) => r.group))];
    const rows: string[][] = [];
    for (const g of groups) {
      for (const d of detectors) {
        const bothClasses = find(d, slice, g, 'f1_macro');
        const metric = bothClasses ? 'f1_macro' : FAKES_ONLY_METRIC;
        const r = find(d, slice, g, metric);
        if (!r) continue;
        rows.push([g, d, String(r.n), metric, cell(r, digits)]);
      }
    }
    if (rows.length) sections.push({ title: `By ${slice}`, headers: ['group', 'detector', 'n', 'metric', 'value [CI]'], rows, clippable: [0, 1] });
  }
  return sections;
}

/**
 * A section as an aligned plain-text table no wider than SUMMARY_WIDTH. A wide overall table (a column
 * per metric) that does not fit is pivoted to one line per metric, the detector's name and n on its first line.
 */
function textTable(section: SummarySection): string {
  const wide = table(section.headers, section.rows, section.clippable ?? [0]);
  const [first, second, ...metrics] = section.headers;
  const pivotable = first === 'detector' && second === 'n' && metrics.length > 1;
  if (!pivotable || wide.split('\n').every((l) => l.length <= SUMMARY_WIDTH)) return wide;
  const rows = section.rows.flatMap((r) => metrics.map((m, i) => [i === 0 ? (r[0] ?? '') : '', i === 0 ? (r[1] ?? '') : '', m, r[i + 2] ?? '']));
  return table(['detector', 'n', 'metric', 'value [CI]'], rows);
}

/** A readable text summary (`eval`'s output), no line wider than SUMMARY_WIDTH: the sections as aligned plain-text tables. */
export function formatScoreSummary(records: readonly ScoreRecord[], options: { digits?: number; confidence?: number } = {}): string {
  return summarySections(records, options)
    .map((section) => `${section.title}\n${textTable(section)}`)
    .join('\n\n');
}
