/**
 * Report writers behind one interface: each renders loaded run directories into one file. `semibench
 * report --format F` picks one; adding a format is one entry in REPORT_WRITERS. Writers read runs
 * through run/ (via readRunDir), never through the orchestrator.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { SCORE_COLUMNS, formatNumber, writeFileAtomic } from '../run/files.js';
import type { ScoreRecord } from '../scoring/types.js';
import { buildHtmlReport, type HtmlReportOptions } from './html/index.js';
import { readRunDir, type LoadedRun } from './html/load.js';
import { summarySections, formatScoreSummary, type SummarySection } from './summary.js';

export type ReportFormat = 'html' | 'text' | 'csv' | 'json' | 'markdown' | 'latex';

export interface ReportWriter {
  /** File extension of the format, with the dot. */
  readonly extension: string;
  readonly description: string;
  render(runDirs: readonly string[], options: HtmlReportOptions): Promise<string>;
}

async function loadRuns(runDirs: readonly string[]): Promise<LoadedRun[]> {
  const runs: LoadedRun[] = [];
  for (const dir of runDirs) runs.push(await readRunDir(dir));
  return runs;
}

/** Each run's sections under a heading naming the run when there are several. */
async function perRun(runDirs: readonly string[], render: (run: LoadedRun) => string, heading: (name: string) => string): Promise<string> {
  const runs = await loadRuns(runDirs);
  return `${runs.map((run) => (runs.length > 1 ? `${heading(run.name)}${render(run)}` : render(run))).join('\n\n')}\n`;
}

const confidence = (run: LoadedRun) => (run.manifest.scoring.resamples > 0 ? { confidence: run.manifest.scoring.confidence } : {});

const escapeMarkdown = (text: string) => text.replace(/\|/g, '\\|');
function markdownSection(section: SummarySection): string {
  const row = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [`### ${section.title}`, '', row(section.headers), row(section.headers.map(() => '---')), ...section.rows.map(row)].join('\n');
}

const escapeLatex = (text: string) => text.replace(/\\/g, '\\textbackslash{}').replace(/([&%$#_{}])/g, '\\$1').replace(/~/g, '\\textasciitilde{}').replace(/\^/g, '\\textasciicircum{}').replace(/—/g, '---');
function latexSection(section: SummarySection): string {
  const row = (cells: readonly string[]) => `${cells.map(escapeLatex).join(' & ')} \\\\`;
  return [
    `% ${section.title}`,
    `\\begin{tabular}{${section.headers.map((_, i) => (i === 0 ? 'l' : 'r')).join('')}}`,
    '\\hline',
    row(section.headers),
    '\\hline',
    ...section.rows.map(row),
    '\\hline',
    '\\end{tabular}',
  ].join('\n');
}

/** Score records of several runs, each tagged with its run directory's name. */
async function taggedScores(runDirs: readonly string[]): Promise<Array<{ run: string } & ScoreRecord>> {
  return (await loadRuns(runDirs)).flatMap((run) => run.scores.map((s) => ({ run: run.name, ...s })));
}

export const REPORT_WRITERS: Readonly<Record<ReportFormat, ReportWriter>> = {
  html: {
    extension: '.html',
    description: 'self-contained HTML: leaderboard with ties, charts, examples, every score, the manifests',
    render: async (runDirs, options) => (await buildHtmlReport(runDirs, options)).html,
  },
  text: {
    extension: '.txt',
    description: "plain-text tables, as `eval` prints them",
    render: (runDirs) => perRun(runDirs, (run) => formatScoreSummary(run.scores, confidence(run)), (name) => `== ${name}\n`),
  },
  markdown: {
    extension: '.md',
    description: 'Markdown tables',
    render: (runDirs) => perRun(runDirs, (run) => summarySections(run.scores, confidence(run)).map(markdownSection).join('\n\n'), (name) => `## ${escapeMarkdown(name)}\n\n`),
  },
  latex: {
    extension: '.tex',
    description: 'LaTeX tabular environments',
    render: (runDirs) => perRun(runDirs, (run) => summarySections(run.scores, confidence(run)).map(latexSection).join('\n\n'), (name) => `% run ${name}\n`),
  },
  csv: {
    extension: '.csv',
    description: "every score of every run (scores.csv's columns after a run column)",
    render: async (runDirs) => {
      const rows = (await taggedScores(runDirs)).map((r) => [r.run, r.detector, r.slice, r.group, r.metric, String(r.n), formatNumber(r.value), formatNumber(r.ci_low), formatNumber(r.ci_high)]);
      return stringify([['run', ...SCORE_COLUMNS], ...rows]);
    },
  },
  json: {
    extension: '.json',
    description: 'every score of every run as a JSON array',
    render: async (runDirs) => `${JSON.stringify(await taggedScores(runDirs), null, 2)}\n`,
  },
};

export const REPORT_FORMATS = Object.keys(REPORT_WRITERS) as ReportFormat[];

/** Renders the runs in `format` and writes the file atomically; returns its path and size. */
export async function writeReport(runDirs: readonly string[], out: string, format: ReportFormat, options: HtmlReportOptions = {}): Promise<{ path: string; bytes: number }> {
  const text = await REPORT_WRITERS[format].render(runDirs, options);
  const path = resolve(out);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
  return { path, bytes: Buffer.byteLength(text) };
}
