/**
 * `semibench report`: one self-contained HTML file from one or more run directories — a
 * leaderboard with statistical ties, per-slice bar charts with interval whiskers,
 * magnitude-of-change curves with interval bands, example thumbnails of the easiest and hardest
 * slices, a sortable and filterable table of every score and each run's manifest.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../../run/files.js';
import { SEMIBENCH_VERSION } from '../../run/version.js';
import { createChartRenderer } from './charts.js';
import { DEFAULT_THUMBNAIL_BUDGET, buildExamples, type ExamplesOptions, type ExamplesResult } from './examples.js';
import { DEFAULT_OVERLAY_BUDGET, buildOverlays, type OverlaysResult } from './overlays.js';
import { readRunDir } from './load.js';
import { buildReportModel, type ModelOptions, type ReportModel } from './model.js';
import { renderPage } from './page.js';

export { readRunDir, type LoadedRun } from './load.js';
export { DETECTOR_COLORS, DEFAULT_RANK_METRIC, type ReportModel } from './model.js';
export { DEFAULT_THUMBNAIL_BUDGET } from './examples.js';

export interface HtmlReportOptions extends ModelOptions {
  /** Embed example thumbnails when the dataset's images are reachable (default true). */
  images?: boolean;
  thumbnails?: ExamplesOptions;
}

export interface HtmlReport {
  html: string;
  model: ReportModel;
  examples: ExamplesResult;
  overlays: OverlaysResult;
}

export async function buildHtmlReport(runDirs: readonly string[], options: HtmlReportOptions = {}): Promise<HtmlReport> {
  const runs = [];
  for (const dir of runDirs) runs.push(await readRunDir(dir));
  const [model, charts] = await Promise.all([buildReportModel(runs, options), createChartRenderer()]);
  const examples = options.images === false ? { slices: [], notes: [], bytes: 0 } : await buildExamples(model, options.thumbnails);
  // Overlays share the thumbnail budget: what the examples left of it.
  const overlayBudget = Math.min(DEFAULT_OVERLAY_BUDGET, (options.thumbnails?.budgetBytes ?? DEFAULT_THUMBNAIL_BUDGET) - examples.bytes);
  const overlays = options.images === false ? { overlays: [], notes: [] } : await buildOverlays(model, { budgetBytes: overlayBudget, rowsPerSlice: 2 });
  return { html: renderPage(model, charts, examples, SEMIBENCH_VERSION, overlays), model, examples, overlays };
}

/** Builds the report and writes it atomically to `out`; returns the path and the report. */
export async function writeHtmlReport(runDirs: readonly string[], out: string, options: HtmlReportOptions = {}): Promise<HtmlReport & { path: string; bytes: number }> {
  const report = await buildHtmlReport(runDirs, options);
  const path = resolve(out);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, report.html);
  return { ...report, path, bytes: Buffer.byteLength(report.html) };
}
