/**
 * The HTML report in a real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * it loads from file:// with no console error and no request but its own, every chart is drawn,
 * sorting and filtering work, and it prints without the controls. Screenshots are saved under
 * test/.artifacts/ (gitignored) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeHtmlReport } from '@semibench/harness';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openPageForSuite, warnIfNoChromium } from '../helpers/browser.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { makeReportRuns } from '../helpers/report-runs.js';

const ARTIFACTS = join(REPO_ROOT, 'test', '.artifacts');
warnIfNoChromium('HTML report');

describe.skipIf(!HAVE_CHROMIUM)('HTML report in headless Chromium', () => {
  const view = openPageForSuite(async () => {
    const runs = await makeReportRuns();
    const report = await writeHtmlReport([runs.runA, runs.runB], join(runs.work, 'report.html'), { title: 'Report browser test' });
    mkdirSync(ARTIFACTS, { recursive: true });
    return report.path;
  }, 180_000);

  it('loads with no console error and requests nothing but the file itself', async () => {
    await view.page.screenshot({ path: join(ARTIFACTS, 'report-top.png') });
    await view.page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(view.problems).toEqual([]);
    expect(view.requests).toEqual([view.url]);
    expect(await view.page.title()).toBe('Report browser test');
  });

  it('draws every chart with a non-zero size: bars with whiskers, curves with bands, legends, thumbnails', async () => {
    const charts = await view.page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const sized = (selector: string) =>
          Array.from(f.querySelectorAll(selector)).filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0;
          }).length;
        return {
          slice: f.getAttribute('data-slice'),
          curve: f.classList.contains('curve'),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          bars: sized('g[aria-label="bar"] rect'),
          whiskers: f.querySelectorAll('g[aria-label="rule"] line').length,
          lines: sized('g[aria-label="line"] path'),
          bands: f.querySelectorAll('g[aria-label="area"] path').length,
          dots: sized('g[aria-label="dot"] path'),
        };
      }),
    );
    expect(charts.filter((c) => !c.curve).length).toBeGreaterThanOrEqual(8);
    expect(charts.filter((c) => c.curve).length).toBeGreaterThanOrEqual(4);
    for (const c of charts) {
      expect(c.width, `${c.slice}`).toBeGreaterThan(200);
      expect(c.height, `${c.slice}`).toBeGreaterThan(150);
      // Charts of other sections (reliability diagrams, degradation curves, pixel F1) have no data-slice:
      // only their size is checked here.
      if (c.slice === null) continue;
      if (c.curve) {
        // One line, one band and a dot per group for each of the 4 detectors.
        expect(c.lines, `${c.slice}`).toBe(4);
        expect(c.bands, `${c.slice}`).toBe(4);
        expect(c.dots, `${c.slice}`).toBeGreaterThanOrEqual(4);
      } else {
        expect(c.bars, `${c.slice}`).toBeGreaterThan(0);
        expect(c.whiskers, `${c.slice}`).toBeGreaterThan(0);
      }
    }
    const legends = await view.page.$$eval('.legend', (ls) => ls.map((l) => l.getBoundingClientRect().height));
    // The per-slice and curve sections' legends, and those of the calibration and localisation sections.
    expect(legends.length).toBeGreaterThanOrEqual(2);
    for (const h of legends) expect(h).toBeGreaterThan(0);
    const images = await view.page.$$eval('.examples img', (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(images.length).toBeGreaterThan(0);
    for (const w of images) expect(w).toBeGreaterThan(0);
  });

  it('sorts the score table by a column, both ways, and the leaderboard too', async () => {
    const values = () =>
      view.page.$$eval('#scores-table tbody tr:not([hidden])', (rows) => rows.map((r) => (r as HTMLTableRowElement).cells[5]!.textContent!.trim()).filter((t) => t !== '').map(Number));
    const header = view.page.locator('#scores-table thead th', { hasText: 'value' }).locator('button');
    await header.click();
    expect(await view.page.locator('#scores-table thead th', { hasText: 'value' }).getAttribute('aria-sort')).toBe('ascending');
    const ascending = await values();
    expect(ascending.length).toBeGreaterThan(100);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).toBeLessThan(ascending.at(-1)!);
    await header.click();
    expect(await view.page.locator('#scores-table thead th', { hasText: 'value' }).getAttribute('aria-sort')).toBe('descending');
    const descending = await values();
    expect(descending).toEqual([...ascending].reverse());

    const names = () => view.page.$$eval('table.leaderboard tbody th', (ths) => ths.map((t) => t.firstChild?.nextSibling?.textContent ?? ''));
    await view.page.locator('table.leaderboard thead th', { hasText: 'detector' }).locator('button').click();
    const sorted = await names();
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b)));
    expect(sorted).toHaveLength(4);
  });

  it('filters the score table by detector, metric and free text', async () => {
    const form = view.page.locator('#scores-filters');
    await form.locator('select[name="detector"]').selectOption('darkness');
    await form.locator('select[name="metric"]').selectOption('recall_fake');
    await form.locator('input[name="q"]').fill('bin');
    const rows = await view.page.$$eval('#scores-table tbody tr:not([hidden])', (trs) => trs.map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => c.textContent)));
    expect(rows.length).toBeGreaterThan(3);
    for (const cells of rows) {
      expect(cells[0]).toBe('darkness');
      expect(cells[3]).toBe('recall_fake');
      expect(cells[2]).toMatch(/^bin[1-5]$/);
    }
    expect(await view.page.locator('#scores-count').textContent()).toMatch(new RegExp(`^${rows.length} of \\d+ scores$`));
    await form.locator('input[name="q"]').fill('');
    await form.locator('select[name="detector"]').selectOption('');
    await form.locator('select[name="metric"]').selectOption('');
    expect(await view.page.locator('#scores-table tbody tr[hidden]').count()).toBe(0);
  });

  it('prints without the controls, with the charts and the whole score table', async () => {
    await view.page.emulateMedia({ media: 'print' });
    try {
      expect(await view.page.locator('#scores-filters').isVisible()).toBe(false);
      expect(await view.page.locator('nav.toc').isVisible()).toBe(false);
      expect(await view.page.locator('figure.chart svg').first().isVisible()).toBe(true);
      const overflow = await view.page.$eval('#scores-table-wrap', (e) => getComputedStyle(e).overflowY);
      expect(overflow).toBe('visible');
      await view.page.pdf({ path: join(ARTIFACTS, 'report.pdf'), format: 'A4' });
    } finally {
      await view.page.emulateMedia({ media: 'screen' });
    }
  });
});
