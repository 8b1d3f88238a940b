/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) for the tests of the static
 * pages: the HTML report and the leaderboard site. A page is opened with its console problems and
 * every request it makes recorded, so a test can assert "no error, nothing fetched".
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.SEMIBENCH_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
// The flags keep the browser from calling home, so "no request" is about the page alone.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Says loudly, once per test file, that a browser test is skipped and how to run it. */
export function warnIfNoChromium(what: string): void {
  if (HAVE_CHROMIUM) return;
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! SKIPPING the ${what} browser test: no Chromium at ${CHROMIUM}.\n` +
      `!! Install it with \`apt-get install chromium\` (.ci/run does when it runs as root),\n` +
      `!! or point SEMIBENCH_CHROMIUM at a Chromium binary.\n${bar}\n`,
  );
}

export interface OpenedPage {
  browser: Browser;
  page: Page;
  /** Console errors and warnings, page errors, failed requests. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** Opens `url` in a laptop-sized headless page and waits for it to load. */
export async function openPage(url: string): Promise<OpenedPage> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { browser, page, problems, requests };
}

export interface SuitePage extends OpenedPage {
  /** The file:// URL of the page. */
  url: string;
}

/**
 * For the enclosing describe block: writes the page once (`makeFile` returns its path), opens it in
 * headless Chromium before the first test and closes the browser after the last. The returned
 * object is filled in by the beforeAll hook, so tests read it, never destructure it at definition.
 */
export function openPageForSuite(makeFile: () => Promise<string>, timeoutMs: number): SuitePage {
  const suite = {} as SuitePage;
  beforeAll(async () => {
    const url = pathToFileURL(await makeFile()).href;
    Object.assign(suite, await openPage(url), { url });
  }, timeoutMs);
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
