/**
 * The HTML report in a real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * it loads from file:// with no console error and no request but its own, every chart is drawn,
 * sorting and filtering work, and it prints without the controls. Screenshots are saved under
 * test/.artifacts/ (gitignored) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeHtmlReport } from '@semibench/harness';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openPage, warnIfNoChromium } from './helpers/browser.js';
import { REPO_ROOT } from './helpers/cli.js';
import { makeReportRuns } from './helpers/report-runs.js';

const ARTIFACTS = join(REPO_ROOT, 'test', '.artifacts');
warnIfNoChromium('HTML report');

describe.skipIf(!HAVE_CHROMIUM)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let url: string;
  let problems: string[];
  let requests: string[];

  beforeAll(async () => {
    const runs = await makeReportRuns();
    const report = await writeHtmlReport([runs.runA, runs.runB], join(runs.work, 'report.html'), { title: 'Report browser test' });
    url = pathToFileURL(report.path).href;
    mkdirSync(ARTIFACTS, { recursive: true });
    ({ browser, page, problems, requests } = await openPage(url));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and requests nothing but the file itself', async () => {
    await page.screenshot({ path: join(ARTIFACTS, 'report-top.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.title()).toBe('Report browser test');
  });

  it('draws every chart with a non-zero size: bars with whiskers, curves with bands, legends, thumbnails', async () => {
    const charts = await page.$$eval('figure.chart', (figures) =>
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
    const legends = await page.$$eval('.legend', (ls) => ls.map((l) => l.getBoundingClientRect().height));
    // The per-slice and curve sections' legends, and those of the calibration and localisation sections.
    expect(legends.length).toBeGreaterThanOrEqual(2);
    for (const h of legends) expect(h).toBeGreaterThan(0);
    const images = await page.$$eval('.examples img', (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(images.length).toBeGreaterThan(0);
    for (const w of images) expect(w).toBeGreaterThan(0);
  });

  it('sorts the score table by a column, both ways, and the leaderboard too', async () => {
    const values = () =>
      page.$$eval('#scores-table tbody tr:not([hidden])', (rows) => rows.map((r) => (r as HTMLTableRowElement).cells[5]!.textContent!.trim()).filter((t) => t !== '').map(Number));
    const header = page.locator('#scores-table thead th', { hasText: 'value' }).locator('button');
    await header.click();
    expect(await page.locator('#scores-table thead th', { hasText: 'value' }).getAttribute('aria-sort')).toBe('ascending');
    const ascending = await values();
    expect(ascending.length).toBeGreaterThan(100);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).toBeLessThan(ascending.at(-1)!);
    await header.click();
    expect(await page.locator('#scores-table thead th', { hasText: 'value' }).getAttribute('aria-sort')).toBe('descending');
    const descending = await values();
    expect(descending).toEqual([...ascending].reverse());

    const names = () => page.$$eval('table.leaderboard tbody th', (ths) => ths.map((t) => t.firstChild?.nextSibling?.textContent ?? ''));
    await page.locator('table.leaderboard thead th', { hasText: 'detector' }).locator('button').click();
    const sorted = await names();
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b)));
    expect(sorted).toHaveLength(4);
  });

  it('filters the score table by detector, metric and free text', async () => {
    const form = page.locator('#scores-filters');
    await form.locator('select[name="detector"]').selectOption('darkness');
    await form.locator('select[name="metric"]').selectOption('recall_fake');
    await form.locator('input[name="q"]').fill('bin');
    const rows = await page.$$eval('#scores-table tbody tr:not([hidden])', (trs) => trs.map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => c.textContent)));
    expect(rows.length).toBeGreaterThan(3);
    for (const cells of rows) {
      expect(cells[0]).toBe('darkness');
      expect(cells[3]).toBe('recall_fake');
      expect(cells[2]).toMatch(/^bin[1-5]$/);
    }
    expect(await page.locator('#scores-count').textContent()).toMatch(new RegExp(`^${rows.length} of \\d+ scores$`));
    await form.locator('input[name="q"]').fill('');
    await form.locator('select[name="detector"]').selectOption('');
    await form.locator('select[name="metric"]').selectOption('');
    expect(await page.locator('#scores-table tbody tr[hidden]').count()).toBe(0);
  });

  it('prints without the controls, with the charts and the whole score table', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('#scores-filters').isVisible()).toBe(false);
      expect(await page.locator('nav.toc').isVisible()).toBe(false);
      expect(await page.locator('figure.chart svg').first().isVisible()).toBe(true);
      const overflow = await page.$eval('#scores-table-wrap', (e) => getComputedStyle(e).overflowY);
      expect(overflow).toBe('visible');
      await page.pdf({ path: join(ARTIFACTS, 'report.pdf'), format: 'A4' });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
