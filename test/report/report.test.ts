import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHtmlReport, decodeRgb } from '@semibench/harness';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { makeReportRuns, type ReportRuns } from '../helpers/report-runs.js';
import { readCsv, type CsvRow } from '../helpers/run-fixtures.js';

let runs: ReportRuns;
let html: string;

beforeAll(async () => {
  runs = await makeReportRuns();
  const result = await runCli(['report', runs.runA, runs.runB, '--out', join(runs.work, 'report.html')], { cwd: runs.work, env: runs.env });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/Wrote .*report\.html \(\d+ kB: 4 detector\(s\)/);
  html = readFileSync(join(runs.work, 'report.html'), 'utf8');
}, 180_000);

/** The inner HTML of every element matched by an opening-tag pattern up to its closing tag. */
function blocks(source: string, open: RegExp, close: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(open)) {
    const start = m.index;
    out.push(source.slice(start, source.indexOf(close, start) + close.length));
  }
  return out;
}

describe('semibench report: content of the HTML file', () => {
  it('names every detector of both runs and charts every slice, with curves for the magnitude bins', () => {
    // The same detector name in two runs is told apart by run directory.
    for (const id of ['noise-inconsistency (run-a)', 'noise-inconsistency (run-b)', 'brightness', 'darkness']) {
      expect(html).toContain(`<option value="${id}">`);
    }
    const scores = [...readCsv(join(runs.runA, 'scores.csv')), ...readCsv(join(runs.runB, 'scores.csv'))];
    const slices = [...new Set(scores.map((s) => s.slice))].filter((s) => s !== 'overall');
    expect(slices.length).toBeGreaterThanOrEqual(8);
    for (const slice of slices) {
      const bars = blocks(html, new RegExp(`<figure class="card chart" id="slice-${slice}"`, 'g'), '</figure>');
      expect(bars, slice).toHaveLength(1);
      expect(bars[0]).toMatch(/<svg[^>]*viewBox/);
      // Every group is labelled on the chart's axis.
      const groups = new Set(scores.filter((s) => s.slice === slice).map((s) => s.group!));
      for (const g of groups) expect(bars[0], `${slice}=${g}`).toContain(`x="0">${g}</tspan>`);
      const groupValues = [...groups];
      const isMagnitude = groupValues.every((g) => /^bin[1-5]$/.test(g)) || groupValues.every((g) => ['small', 'medium', 'large'].includes(g));
      const curves = blocks(html, new RegExp(`<figure class="card chart curve" data-slice="${slice}"`, 'g'), '</figure>');
      expect(curves, slice).toHaveLength(isMagnitude ? 1 : 0);
    }
    // Every score row of both runs is in the table.
    const tableRows = html.slice(html.indexOf('<table class="sortable" id="scores-table">')).split('<tr').length - 2;
    expect(tableRows).toBe(scores.length);
  });

  it('is self-contained: nothing to fetch, and a CSP that allows only the inline script it carries', () => {
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url.startsWith('data:') || url.startsWith('#'), url).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|url\(\s*['"]?http/i);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    // Budget: grew from 600 kB with the calibration, robustness, localisation (overlays capped at 80 kB) and blindness sections.
    expect(Buffer.byteLength(html)).toBeLessThan(800_000);
  });

  it("ranks with the runs' own bootstrap and shows the same detector run twice as tied", () => {
    const board = blocks(html, /<table class="sortable leaderboard">/g, '</table>')[0]!;
    const rows = [...board.matchAll(/<tr[^>]*><td class="num rank"[^>]*>([^<]+)<\/td><th scope="row"><span[^>]*><\/span>([^<]+)<br><span class="tie">([^<]+)<\/span><\/th><td[^>]*>(\d+)<\/td><td class="num" data-value="([^"]*)"><span class="value">[^<]*<\/span><br><span class="ci">\[([^\]]+)\]/g)].map(
      (m) => ({ rank: m[1]!, detector: m[2]!.replace(/&#39;/g, "'"), tie: m[3]!, n: Number(m[4]), value: Number(m[5]), ci: m[6]! }),
    );
    expect(rows.map((r) => r.detector).sort()).toEqual(['brightness', 'darkness', 'noise-inconsistency (run-a)', 'noise-inconsistency (run-b)']);
    // Ranked by balanced accuracy, best first.
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.value).toBeGreaterThanOrEqual(rows[i]!.value);
    // The leaderboard rescored predictions.csv with the runs' seed and resamples: its numbers are the runs' scores.csv numbers.
    const overall = (dir: string, detector: string) =>
      readCsv(join(dir, 'scores.csv')).find((s) => s.detector === detector && s.slice === 'overall' && s.metric === 'balanced_accuracy')!;
    const expected: Record<string, CsvRow> = {
      brightness: overall(runs.runA, 'brightness'),
      darkness: overall(runs.runB, 'darkness'),
      'noise-inconsistency (run-a)': overall(runs.runA, 'noise-inconsistency'),
      'noise-inconsistency (run-b)': overall(runs.runB, 'noise-inconsistency'),
    };
    for (const row of rows) {
      const e = expected[row.detector]!;
      expect(row.n).toBe(Number(e.n));
      expect(row.value).toBeCloseTo(Number(e.value), 12);
      expect(row.ci).toBe(`${Number(e.ci_low).toFixed(3)}, ${Number(e.ci_high).toFixed(3)}`);
    }
    // Identical predictions: the paired difference is 0 in every resample, so the two are tied and share a rank range.
    const a = rows.find((r) => r.detector === 'noise-inconsistency (run-a)')!;
    const b = rows.find((r) => r.detector === 'noise-inconsistency (run-b)')!;
    expect(a.tie).toMatch(/noise-inconsistency \(run-b\)|all others/);
    expect(b.tie).toMatch(/noise-inconsistency \(run-a\)|all others/);
    expect(a.rank).toBe(b.rank);
    expect(a.value).toBe(b.value);
  });

  it('embeds small JPEG thumbnails of fakes from the slices it names, within the default budget', async () => {
    const metadata = readCsv(join(MINI_DATASET, 'metadata.csv'));
    const sections = blocks(html, /<div class="examples" /g, '</div>');
    expect(sections.length).toBeGreaterThanOrEqual(2);
    expect(sections.some((s) => s.includes('data-kind="hardest"'))).toBe(true);
    expect(sections.some((s) => s.includes('data-kind="easiest"'))).toBe(true);
    let total = 0;
    for (const section of sections) {
      const slice = /data-slice="([^"]+)"/.exec(section)![1]!;
      const group = /data-group="([^"]+)"/.exec(section)![1]!;
      const keys = [...section.matchAll(/<code title="([^"]+)">/g)].map((m) => m[1]!);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const row = metadata.find((m) => m.image_path === key)!;
        expect(row.label).toBe('fake');
        expect(row[slice]).toBe(group);
      }
      for (const m of section.matchAll(/src="data:image\/jpeg;base64,([^"]+)"/g)) {
        total += m[0].length;
        const bytes = Buffer.from(m[1]!, 'base64');
        expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // JPEG SOI marker
        const image = await decodeRgb(bytes);
        expect(Math.max(image.width, image.height)).toBe(160);
      }
    }
    expect(total).toBeLessThanOrEqual(400_000);
  });

  it('keeps to a smaller thumbnail budget, and reports unreachable images instead of failing', async () => {
    const small = join(runs.work, 'small.html');
    const budgeted = await runCli(['report', runs.runA, '--out', small, '--thumbnail-budget', '15'], { cwd: runs.work, env: runs.env });
    expect(budgeted.code, budgeted.stderr).toBe(0);
    const smallHtml = readFileSync(small, 'utf8');
    const images = [...smallHtml.matchAll(/src="data:image\/jpeg;base64,[^"]+"/g)].map((m) => m[0].length);
    expect(images.length).toBeGreaterThan(0);
    expect(images.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(15_000);
    expect(budgeted.stderr).toContain('to keep the thumbnails under 15 kB');

    // The dataset moved away since the run: the report still works, without images, and says why.
    const moved = join(runs.work, 'moved-run');
    cpSync(runs.runA, moved, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(moved, 'manifest.json'), 'utf8'));
    manifest.dataset.root = join(runs.work, 'no-such-dataset');
    writeFileSync(join(moved, 'manifest.json'), JSON.stringify(manifest));
    const report = await buildHtmlReport([moved]);
    expect(report.html).not.toContain('data:image/jpeg');
    expect(report.examples.notes.join('\n')).toContain('no-such-dataset cannot be read');
    expect(report.html).toContain('no-such-dataset cannot be read');
  });

  it('eval --report-file writes the report after scoring; a missing run directory is a clear error', async () => {
    const out = join(runs.work, 'run-c');
    const file = join(runs.work, 'c.html');
    const result = await runCli(['eval', '--detector', 'noise-inconsistency', '--out', out, '--bootstrap', '0', '--slice', 'model', '--quiet', '--report-file', file], { cwd: runs.work, env: runs.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Wrote ${file}`);
    const report = readFileSync(file, 'utf8');
    expect(report).toContain('id="slice-model"');
    expect(report).toContain('without bootstrap resamples');
    expect(existsSync(join(out, 'report.html'))).toBe(false);

    const missing = await runCli(['report', join(runs.work, 'nope')], { cwd: runs.work, env: runs.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(runs.work, 'nope')}: no manifest.json`);
  });
});
