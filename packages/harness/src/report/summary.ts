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

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One titled table of a score summary: what every report format renders in its own syntax. */
export interface SummarySection {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
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
    if (rows.length) sections.push({ title: `By ${slice}`, headers: ['group', 'detector', 'n', 'metric', 'value [CI]'], rows });
  }
  return sections;
}

/** A readable text summary (`eval`'s output): the sections as aligned plain-text tables. */
export function formatScoreSummary(records: readonly ScoreRecord[], options: { digits?: number; confidence?: number } = {}): string {
  return summarySections(records, options)
    .map((section) => `${section.title}\n${table([...section.headers], section.rows.map((r) => [...r]))}`)
    .join('\n\n');
}
