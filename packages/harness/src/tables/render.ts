/**
 * Renders built tables as Markdown, CSV or LaTeX. Values are percentages (×100) with their
 * bootstrap interval; † marks cells with fewer rows than minN; — marks cells with no scored rows.
 * With comparison data, each table is listed cell by cell beside the notebook's and the paper's
 * numbers, the differences in percentage points, and whether spec §8's tolerance holds.
 */
import { stringify } from 'csv-stringify/sync';
import type { BuiltTable, BuiltTables, TableCell } from './build.js';
import type { Table4, Table4Row } from './table4.js';

export type TableFormat = 'md' | 'csv' | 'latex';

const pct = (v: number | null | undefined, digits: number): string => (v === null || v === undefined ? '—' : (v * 100).toFixed(digits));
const digitsOf = (t: BuiltTable): number => (t.paperFormat === 'percent2' ? 2 : 1);

function cellText(c: TableCell, digits: number, latex: boolean): string {
  if (c.value === null) return latex ? '--' : '—';
  const ci = c.ci_low !== null && c.ci_high !== null ? `[${pct(c.ci_low, digits)}, ${pct(c.ci_high, digits)}]` : '';
  const mark = c.small ? (latex ? '$^\\dagger$' : '†') : '';
  if (latex) return `${pct(c.value, digits)}${mark}${ci ? ` {\\scriptsize ${ci}}` : ''}`;
  return `${pct(c.value, digits)}${mark}${ci ? ` ${ci}` : ''}`;
}

const okText = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'ok' : 'DIFF');
const diffText = (ours: number | null, ref: number | undefined, refIsPercent: boolean): string =>
  ours === null || ref === undefined ? '' : (ours * 100 - (refIsPercent ? ref : ref * 100)).toFixed(3);

function comparing(t: BuiltTable): boolean {
  return t.cells.some((c) => c.notebook !== undefined || c.paper !== undefined);
}

/** "Within tolerance: notebook 10/10, paper 5/6." for a compared table. */
function toleranceTally(t: BuiltTable): string {
  const count = (key: 'notebook_ok' | 'paper_ok'): string => {
    const checked = t.cells.filter((c) => c[key] !== undefined);
    return checked.length ? `${checked.filter((c) => c[key]).length}/${checked.length}` : '';
  };
  const parts = [count('notebook_ok') && `notebook ${count('notebook_ok')}`, count('paper_ok') && `paper ${count('paper_ok')}`].filter(Boolean);
  return parts.length ? `Within tolerance: ${parts.join(', ')} cells.` : '';
}

function wideRows(t: BuiltTable, latex: boolean): string[][] {
  return t.detectors.map((d) => [d, ...t.columns.map((col) => cellText(t.cells.find((c) => c.detector === d && c.column === col.key)!, digitsOf(t), latex))]);
}

function compareRows(t: BuiltTable, latex: boolean): string[][] {
  return t.cells.map((c) => [
    c.detector,
    c.column,
    cellText(c, digitsOf(t), latex),
    c.notebook === undefined ? '' : (c.notebook * 100).toFixed(4),
    diffText(c.value, c.notebook, false),
    c.paper === undefined ? '' : String(c.paper),
    diffText(c.value, c.paper, true),
    [okText(c.notebook_ok) && `notebook ${okText(c.notebook_ok)}`, okText(c.paper_ok) && `paper ${okText(c.paper_ok)}`].filter(Boolean).join(', '),
  ]);
}
const COMPARE_HEADER = ['Detector', 'Column', 'Ours % [CI]', 'Notebook %', 'Δ notebook (pp)', 'Paper', 'Δ paper (pp)', 'Tolerance'];

function table4Rows(t4: Table4, which: 'top10' | 'bottom10'): string[][] {
  return t4[which].map((r: Table4Row) => [
    String(t4.ranked.indexOf(r) + 1),
    r.original,
    r.edited,
    String(r.count),
    String(r.n),
    `${r.recall_percent.toFixed(2)}${r.ci_low !== null && r.ci_high !== null ? ` [${pct(r.ci_low, 2)}, ${pct(r.ci_high, 2)}]` : ''}`,
    r.f1_fake_percent === null ? '' : r.f1_fake_percent.toFixed(2),
    r.notebook_percent === undefined ? '' : `${r.notebook_percent.toFixed(2)}${r.notebook_percent === r.recall_percent ? '' : ' (DIFF)'}`,
    r.paper_pick ? `${r.paper_pick}${r.paper_percent !== undefined ? ` ${r.paper_percent.toFixed(2)}` : ''}` : '',
  ]);
}
const TABLE4_HEADER = ['Rank', 'Original', 'Edited', 'Count', 'Scored', 'Recall % [CI]', 'F1 %', 'Notebook %', 'Paper pick'];

function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** LaTeX's special characters and the non-ASCII signs the tables use, each replaced in one pass. */
const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '→': '$\\rightarrow$',
  'Δ': '$\\Delta$',
  '—': '--',
  '†': '$^\\dagger$',
  '≥': '$\\geq$',
};

/**
 * Text → LaTeX that prints it verbatim. One pass, so the braces of `\textbackslash{}` are not
 * escaped again. Every text cell, header and caption goes through it; only the value cells the
 * renderer builds as LaTeX itself (numbers, interval, dagger) do not.
 */
export function latexEscape(s: string): string {
  return s.replace(/[\\&%$#_{}~^→Δ—†≥]/g, (c) => LATEX_SPECIALS[c] ?? c);
}

/** `rawColumns`: indexes of cells already written as LaTeX; every other cell is escaped. */
function latexTable(caption: string, header: readonly string[], rows: readonly string[][], rawColumns: ReadonlySet<number>): string {
  return [
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${latexEscape(caption)}}`,
    `\\begin{tabular}{l${'r'.repeat(header.length - 1)}}`,
    '\\toprule',
    `${header.map(latexEscape).join(' & ')} \\\\`,
    '\\midrule',
    ...rows.map((r) => `${r.map((s, i) => (rawColumns.has(i) ? s : latexEscape(s))).join(' & ')} \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{table}',
  ].join('\n');
}

export function renderTables(built: BuiltTables, format: TableFormat, confidence: number): string {
  const level = `${Math.round(confidence * 100)}%`;
  if (format === 'csv') return renderCsv(built);
  const parts: string[] = [];
  for (const t of built.tables) {
    const cmp = comparing(t);
    const header = cmp ? COMPARE_HEADER : ['Detector', ...t.columns.map((c) => c.label)];
    const rows = cmp ? compareRows(t, format === 'latex') : wideRows(t, format === 'latex');
    const caption = `${t.title}. Percent, ${level} cluster-bootstrap intervals in brackets${t.note ? `. ${t.note}` : ''}.`;
    const tally = cmp ? toleranceTally(t) : '';
    if (format === 'md') parts.push(`### ${t.title}\n\n${t.note ? `${t.note}\n\n` : ''}${markdownTable(header, rows)}${tally ? `\n\n${tally}` : ''}`);
    else parts.push(latexTable(caption, header, rows, cmp ? new Set([2]) : new Set(t.columns.map((_, i) => i + 1))));
  }
  for (const t4 of built.table4) {
    for (const which of ['top10', 'bottom10'] as const) {
      const title = `Table 4: ${t4.detector}, ${which === 'top10' ? 'easiest 10' : 'most difficult 10'} directional edits (count ≥ 50; ${t4.ranked.length} pairs qualify)`;
      const rows = table4Rows(t4, which);
      if (format === 'md') parts.push(`### ${title}\n\n${markdownTable(TABLE4_HEADER, rows)}`);
      else parts.push(latexTable(title, TABLE4_HEADER, rows, new Set()));
    }
  }
  const legend = format === 'md' ? `Values are percentages with ${level} bootstrap intervals; † = fewer rows than the small-slice threshold; — = no scored rows.` : '';
  return `${[...parts, legend].filter(Boolean).join('\n\n')}\n`;
}

function renderCsv(built: BuiltTables): string {
  const rows: Array<Array<string | number>> = [
    ['table', 'detector', 'column', 'metric', 'n', 'value', 'ci_low', 'ci_high', 'small', 'notebook', 'paper', 'notebook_ok', 'paper_ok', 'original', 'edited', 'count', 'rank', 'list', 'recall_percent', 'f1_fake_percent', 'paper_pick'],
  ];
  const s = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
  const b = (v: boolean | undefined): string => (v === undefined ? '' : String(v));
  for (const t of built.tables) {
    for (const c of t.cells) rows.push([t.id, c.detector, c.column, c.metric, c.n, s(c.value), s(c.ci_low), s(c.ci_high), String(c.small), s(c.notebook), s(c.paper), b(c.notebook_ok), b(c.paper_ok), '', '', '', '', '', '', '', '']);
  }
  for (const t4 of built.table4) {
    t4.ranked.forEach((r, i) => {
      const list = t4.top10.includes(r) ? 'top10' : t4.bottom10.includes(r) ? 'bottom10' : '';
      rows.push(['table4', t4.detector, `${r.original} → ${r.edited}`, 'recall_fake', r.n, s(r.recall), s(r.ci_low), s(r.ci_high), '', s(r.notebook_percent !== undefined ? r.notebook_percent / 100 : undefined), s(r.paper_percent), r.notebook_percent === undefined ? '' : String(r.notebook_percent === r.recall_percent), '', r.original, r.edited, r.count, i + 1, list, r.recall_percent, s(r.f1_fake_percent), r.paper_pick ?? '']);
    });
  }
  return stringify(rows);
}
