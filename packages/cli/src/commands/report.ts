import { join, resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { DEFAULT_RANK_METRIC, DEFAULT_THUMBNAIL_BUDGET, METRICS, REPORT_FORMATS, REPORT_WRITERS, writeHtmlReport, writeReport, type MetricName, type ReportFormat } from '@semibench/harness';

export default class Report extends Command {
  static override summary = 'Write one self-contained HTML report (leaderboard, charts, all scores) from run directories.';

  static override description = `Reads the run directories written by \`semibench eval\` and writes a single HTML file that opens
offline, from file:// or as a mail attachment (no network request, no CDN): a leaderboard of the
detectors with intervals and ranks that show statistical ties (paired bootstrap comparisons), a bar
chart per slice family with interval whiskers, curves over the magnitude-of-change bins with
interval bands, example thumbnails of the easiest and hardest slices when the dataset's images are
reachable, a sortable and filterable table of every score, and each run's manifest.

Detectors with the same name in several runs are shown as "name (run-dir)". Only detectors scored
on the same dataset (same metadata hash) are ranked together.`;

  static override examples = [
    '<%= config.bin %> report runs/2026-11-27T05-30-00Z',
    '<%= config.bin %> report runs/a runs/b --out report.html --title "Detectors on Semi-Truths"',
    '<%= config.bin %> report runs/a --rank-by roc_auc --thumbnail-budget 150',
    '<%= config.bin %> report runs/a runs/b --format markdown --out scores.md',
  ];

  static override strict = false;

  static override args = {
    run: Args.string({ required: true, description: 'Run directory written by semibench eval (repeat for several).' }),
  };

  static override flags = {
    format: Flags.string({
      summary: 'Report format (default html).',
      description: REPORT_FORMATS.map((f) => `${f}: ${REPORT_WRITERS[f].description}`).join('\n'),
      options: [...REPORT_FORMATS],
      default: 'html',
    }),
    out: Flags.string({ char: 'o', summary: 'File to write (default: report.<ext> inside the first run directory, e.g. report.html).' }),
    title: Flags.string({ summary: 'Title of the report.' }),
    'rank-by': Flags.string({ summary: `Overall metric the leaderboard ranks by (default ${DEFAULT_RANK_METRIC}).`, options: [...METRICS] }),
    'min-n': Flags.integer({ summary: 'Cells with fewer images are flagged as small (default 30).', min: 0 }),
    'thumbnail-budget': Flags.integer({ summary: `Most kB of embedded example thumbnails (default ${DEFAULT_THUMBNAIL_BUDGET / 1000}; 0 = none).`, min: 0 }),
    images: Flags.boolean({ summary: 'Embed example thumbnails when the images are reachable.', default: true, allowNo: true }),
    json: Flags.boolean({ summary: 'Print what was written as JSON.' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Report);
    const dirs = (argv as string[]).map((d) => resolve(d));
    const format = flags.format as ReportFormat;
    const out = resolve(flags.out ?? join(dirs[0]!, `report${REPORT_WRITERS[format].extension}`));
    if (format !== 'html') {
      const written = await writeReport(dirs, out, format).catch((error: unknown) => this.error((error as Error).message, { exit: 2 }));
      if (flags.json) this.log(JSON.stringify({ path: written.path, bytes: written.bytes, format }, null, 2));
      else this.log(`Wrote ${written.path} (${format}, ${Math.round(written.bytes / 1000)} kB)`);
      return;
    }
    const budget = flags['thumbnail-budget'];
    let report;
    try {
      report = await writeHtmlReport(dirs, out, {
        ...(flags.title ? { title: flags.title } : {}),
        ...(flags['rank-by'] ? { rankBy: flags['rank-by'] as MetricName } : {}),
        ...(flags['min-n'] !== undefined ? { minN: flags['min-n'] } : {}),
        images: flags.images && budget !== 0,
        ...(budget !== undefined ? { thumbnails: { budgetBytes: budget * 1000 } } : {}),
      });
    } catch (error) {
      this.error((error as Error).message, { exit: 2 });
    }
    const { model, examples } = report;
    const thumbnails = examples.slices.reduce((k, s) => k + s.images.length, 0);
    if (flags.json) {
      this.log(JSON.stringify({ path: report.path, bytes: report.bytes, detectors: model.detectors.map((d) => d.id), slices: model.families.map((f) => f.slice), thumbnails, notes: [...model.notes, ...examples.notes] }, null, 2));
      return;
    }
    for (const note of [...model.notes, ...examples.notes]) this.warn(note);
    const charts = model.families.length + model.families.filter((f) => f.magnitude).length;
    this.log(`Wrote ${report.path} (${Math.round(report.bytes / 1000)} kB: ${model.detectors.length} detector(s), ${charts} chart(s), ${thumbnails} thumbnail(s), ${model.scores.length} scores)`);
  }
}
