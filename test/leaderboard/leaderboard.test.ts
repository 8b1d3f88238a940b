/**
 * `semibench submit` and `semibench leaderboard build` end to end, through the CLI: bundles hold
 * the run's files with their sha256 and no scores; tampered, foreign-dataset, partial and unsafe
 * bundles are rejected with their reasons; the leaderboard's scores are eval's own scores.csv for
 * the same predictions; adding a bundle scores only that bundle; and the site works in headless
 * Chromium (no console error, no request, sorting, detector pages).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openPageForSuite, warnIfNoChromium } from '../helpers/browser.js';
import { MINI_DATASET, REPO_ROOT, runCli } from '../helpers/cli.js';
import { makeMapsRun, makeSubmissions, readTgz, rewriteBundle, writeTgz, type Submissions } from '../helpers/bundles.js';
import { formatCsv, parseCsvRecords, readCsv } from '../helpers/csv.js';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

interface BuildOutput {
  site: string;
  stats: { scored: string[]; recalled: string[]; comparisons: { computed: number; recalled: number } };
  leaderboard: {
    dataset: { spec: string; fingerprint: string; rows: number };
    generated: string;
    entries: Array<{ detector: string; bundle: string; bundleSha256: string; rank: number; tier: number; value: number; tied_with: string[]; scores: Record<string, { value: number; n: number }>; badges: { notBlind: boolean; trainedOnGenerator: string[] }; page: string }>;
    rejected: Array<{ bundle: string; reason: string; message: string }>;
  };
}

let subs: Submissions;

async function build(dir: string, site: string, extra: readonly string[] = []): Promise<BuildOutput> {
  const result = await runCli(['leaderboard', 'build', dir, '--dataset', MINI_DATASET, '--out', site, '--bootstrap', '200', '--json', ...extra], { cwd: subs.work, env: subs.env });
  if (result.code !== 0) throw new Error(`leaderboard build failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as BuildOutput;
}

/** A folder of submissions holding copies of the given bundles. */
function folder(name: string, bundles: readonly string[]): string {
  const dir = join(subs.work, name);
  mkdirSync(dir, { recursive: true });
  for (const b of bundles) copyFileSync(b, join(dir, b.split('/').pop()!));
  return dir;
}

beforeAll(async () => {
  subs = await makeSubmissions();
}, 300_000);

describe('semibench submit', () => {
  it('bundles predictions.csv and manifest.json with their sha256, the dataset fingerprint and detector meta, and no scores', async () => {
    const members = await readTgz(subs.bundles.brightness);
    expect(members.map((m) => m.name).sort()).toEqual(['bundle.json', 'manifest.json', 'predictions.csv']);
    const bundle = JSON.parse(members.find((m) => m.name === 'bundle.json')!.data.toString()) as Record<string, any>;
    expect(bundle.format).toBe('semibench.bundle/1');
    for (const file of ['predictions.csv', 'manifest.json']) {
      const bytes = readFileSync(join(subs.runs.brightness, file));
      expect(bundle.files[file]).toEqual({ sha256: sha(bytes), bytes: bytes.length });
      expect(members.find((m) => m.name === file)!.data.equals(bytes)).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(subs.runs.brightness, 'manifest.json'), 'utf8'));
    expect(bundle.dataset.metadataSha256).toBe(manifest.dataset.metadataSha256);
    expect(bundle.dataset.metadataSha256).toBe(sha(readFileSync(join(MINI_DATASET, 'metadata.csv'))));
    expect(bundle.dataset.hf).toBeNull();
    expect(bundle.detectors.map((d: { name: string; trainedOn: string[] }) => [d.name, d.trainedOn])).toEqual([['brightness', []]]);
    expect(bundle.blind).toEqual({ recorded: true, unblind: [], reencode: null });
    expect(bundle.semibench.run).toBe(manifest.semibench.version);
    expect(JSON.stringify(bundle)).not.toMatch(/roc_auc|balanced_accuracy|"scores/);
    // A blind run (the default) bundles without the warning older, unblinded runs get.
    expect(subs.submitStderr.brightness).not.toMatch(/predates blind evaluation|not blind/);
  });

  it('gives the same bytes for the same run, and warns when a run will not cover the dataset', async () => {
    const again = join(subs.work, 'again.tgz');
    const result = await runCli(['submit', subs.runs.brightness, '--out', again], { cwd: subs.work, env: subs.env });
    expect(result.code).toBe(0);
    expect(sha(readFileSync(again))).toBe(sha(readFileSync(subs.bundles.brightness)));
    expect(subs.submitStderr.limited).toMatch(/scored 5 of the dataset's 28 rows/);
  });

  it('refuses a directory that is not a finished run', async () => {
    const result = await runCli(['submit', MINI_DATASET, '--out', join(subs.work, 'x.tgz')], { cwd: subs.work, env: subs.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no manifest\.json/);
  });
});

describe('semibench leaderboard build', () => {
  let out: BuildOutput;
  let site: string;

  beforeAll(async () => {
    const dir = folder('submissions', [subs.bundles.brightness, subs.bundles.darkness, subs.bundles.limited, subs.bundles.other]);
    // One prediction edited after bundling: bundle.json still lists the old hash.
    await rewriteBundle(subs.bundles.darkness, join(dir, 'tampered.tgz'), (members) =>
      members.map((m) => {
        if (m.name !== 'predictions.csv') return m;
        const records = parseCsvRecords(m.data);
        records[3]![records[0]!.indexOf('score')] = '0.999';
        return { ...m, data: Buffer.from(formatCsv(records)) };
      }),
    );
    // bundle.json claiming another dataset than its (hash-verified) manifest.
    await rewriteBundle(subs.bundles.darkness, join(dir, 'relabelled.tgz'), (members) =>
      members.map((m) => {
        if (m.name !== 'bundle.json') return m;
        const b = JSON.parse(m.data.toString());
        b.dataset.fingerprint = '0'.repeat(64);
        return { ...m, data: Buffer.from(JSON.stringify(b)) };
      }),
    );
    const members = await readTgz(subs.bundles.darkness);
    await writeTgz(join(dir, 'traversal.tgz'), [...members, { name: '../escape.txt', data: Buffer.from('x') }]);
    await writeTgz(join(dir, 'symlink.tgz'), [...members, { name: 'maps/link.png', data: Buffer.alloc(0), type: 'symlink', linkname: '/etc/passwd' }]);
    site = join(subs.work, 'site');
    out = await build(dir, site);
  }, 240_000);

  it('rejects each bad bundle with its named reason', () => {
    const reasons = Object.fromEntries(out.leaderboard.rejected.map((r) => [r.bundle, r.reason]));
    expect(reasons).toEqual({
      'limited.tgz': 'missing-rows',
      'other.tgz': 'dataset-mismatch',
      'relabelled.tgz': 'inconsistent-bundle',
      'symlink.tgz': 'unsafe-entry',
      'tampered.tgz': 'hash-mismatch',
      'traversal.tgz': 'unsafe-entry',
    });
    const message = (b: string) => out.leaderboard.rejected.find((r) => r.bundle === b)!.message;
    expect(message('tampered.tgz')).toMatch(/^predictions\.csv has sha256 .* the file changed after bundling$/);
    expect(message('limited.tgz')).toMatch(/brightness predicts 5 of the dataset's 28 rows/);
    expect(message('symlink.tgz')).toMatch(/symlink/);
    expect(message('relabelled.tgz')).toMatch(/: dataset differ$/);
    expect(message('other.tgz')).toMatch(/not on this leaderboard's dataset/);
    expect(existsSync(join(subs.work, 'escape.txt'))).toBe(false);
  });

  it('accepts the good bundles and writes leaderboard.json with ranks, tiers and badges', () => {
    const lb = out.leaderboard;
    expect(lb.dataset.rows).toBe(28);
    expect(Number.isNaN(Date.parse(lb.generated))).toBe(false);
    expect(lb.entries.map((e) => e.detector).sort()).toEqual(['brightness', 'darkness']);
    expect(lb.entries.map((e) => e.rank)).toEqual([1, 2]);
    for (const e of lb.entries) {
      // Runs are blind by default (issue 15): no "not blind" badge.
      expect(e.badges.notBlind).toBe(false);
      expect(e.tier).toBe(e.tied_with.length ? 1 : e.rank);
      expect(existsSync(join(site, e.page))).toBe(true);
    }
    expect(lb.entries[0]!.value).toBeGreaterThanOrEqual(lb.entries[1]!.value);
  });

  it('scores exactly as eval: the same scores.csv bytes and records for the same predictions', () => {
    for (const name of ['brightness', 'darkness'] as const) {
      const entry = out.leaderboard.entries.find((e) => e.detector === name)!;
      const page = JSON.parse(readFileSync(join(site, entry.page), 'utf8')) as { scores: unknown[] };
      expect(page.scores).toEqual(JSON.parse(readFileSync(join(subs.runs[name], 'scores.json'), 'utf8')));
      const evalCsv = readCsv(join(subs.runs[name], 'scores.csv'));
      const overall = evalCsv.filter((r) => r.slice === 'overall');
      expect(overall.length).toBeGreaterThan(5);
      for (const r of overall) expect(entry.scores[r.metric!]!.value).toBe(r.value === '' ? null : Number(r.value));
      // The cache holds the bundle's scores.csv, written by eval's own scoring function.
      const [settings] = readdirSync(join(site, 'cache')).filter((d) => d !== 'unpack');
      const cached = join(site, 'cache', settings!, 'bundles', entry.bundleSha256, 'scores.csv');
      expect(readFileSync(cached, 'utf8')).toBe(readFileSync(join(subs.runs[name], 'scores.csv'), 'utf8'));
    }
  });

  it('bundles maps, reads the unblind record and flags a detector trained on a generator of the dataset', async () => {
    const run = await makeMapsRun(subs.runs.brightness, join(subs.work, 'run-maps'), 'localiser');
    const dir = join(subs.work, 'maps-submissions');
    mkdirSync(dir);
    const result = await runCli(['submit', run, '--out', join(dir, 'maps.tgz'), '--json'], { cwd: subs.work, env: subs.env });
    expect(result.code).toBe(0);
    const submitted = JSON.parse(result.stdout) as { bundle: { files: Record<string, unknown>; blind: unknown } };
    expect(Object.keys(submitted.bundle.files).filter((f) => f.startsWith('maps/'))).toHaveLength(18);
    expect(submitted.bundle.blind).toEqual({ recorded: true, unblind: ['mask'], reencode: null });
    const built = await build(dir, join(subs.work, 'site-maps'));
    expect(built.leaderboard.rejected).toEqual([]);
    const [entry] = built.leaderboard.entries;
    expect(entry!.badges).toEqual({ notBlind: true, blindRecorded: true, unblind: ['mask'], trainedOnGenerator: ['telea'] });
    const html = readFileSync(join(built.site, 'index.html'), 'utf8');
    expect(html).toContain('trained on this generator');
    expect(html).toContain('unblinded: mask');
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(6);
  }, 120_000);

  it('adding a bundle scores only that bundle', async () => {
    const dir = folder('incremental', [subs.bundles.brightness]);
    const site2 = join(subs.work, 'site-incremental');
    const first = await build(dir, site2);
    expect(first.stats.scored).toHaveLength(1);
    copyFileSync(subs.bundles.darkness, join(dir, 'darkness.tgz'));
    const second = await build(dir, site2);
    const darkness = second.leaderboard.entries.find((e) => e.detector === 'darkness')!;
    const brightness = second.leaderboard.entries.find((e) => e.detector === 'brightness')!;
    expect(second.stats.scored).toEqual([darkness.bundleSha256]);
    expect(second.stats.recalled).toEqual([brightness.bundleSha256]);
    expect(second.stats.comparisons).toEqual({ computed: 1, recalled: 0 });
    const third = await build(dir, site2);
    expect(third.stats.scored).toEqual([]);
    expect(third.stats.comparisons).toEqual({ computed: 0, recalled: 1 });
    expect(third.leaderboard.entries).toEqual(second.leaderboard.entries);
    // Other settings are another cache: everything is scored again.
    const reseeded = await build(dir, site2, ['--seed', '7']);
    expect(reseeded.stats.scored).toHaveLength(2);
  }, 180_000);
});

warnIfNoChromium('leaderboard site');

describe.skipIf(!HAVE_CHROMIUM)('leaderboard site in headless Chromium', () => {
  const view = openPageForSuite(async () => {
    const dir = folder('browser', [subs.bundles.brightness, subs.bundles.darkness, subs.bundles.other]);
    const site = join(subs.work, 'site-browser');
    await build(dir, site);
    return join(site, 'index.html');
  }, 240_000);

  it('loads with no console error and requests nothing but itself', async () => {
    mkdirSync(join(REPO_ROOT, 'test', '.artifacts'), { recursive: true });
    await view.page.screenshot({ path: join(REPO_ROOT, 'test', '.artifacts', 'leaderboard.png'), fullPage: true });
    expect(view.problems).toEqual([]);
    expect(view.requests).toEqual([view.url]);
    expect(await view.page.locator('#rejected-table tbody tr').count()).toBe(1);
    expect(await view.page.locator('#rejected-table tbody').textContent()).toContain('dataset-mismatch');
    expect(await view.page.locator('#leaderboard-table .badge.not-blind').count()).toBe(0); // blind runs: no badge
    expect(await view.page.locator('figure.chart svg').first().isVisible()).toBe(true);
  });

  it('sorts the leaderboard by any column, both ways', async () => {
    const names = () => view.page.$$eval('#leaderboard-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-detector')));
    const before = await names();
    const header = view.page.locator('#leaderboard-table thead th', { hasText: 'detector' }).locator('button');
    await header.click();
    expect(await names()).toEqual(['brightness', 'darkness']);
    await header.click();
    expect(await names()).toEqual(['darkness', 'brightness']);
    await view.page.locator('#leaderboard-table thead th', { hasText: 'rank' }).locator('button').click();
    expect(await names()).toEqual(before);
  });

  it('shows a detector page on its link and hides it again on the way back', async () => {
    const detectorPages = view.page.locator('section.detector-page');
    expect(await detectorPages.count()).toBe(2);
    expect(await detectorPages.first().isVisible()).toBe(false);
    await view.page.locator('#leaderboard-table a', { hasText: 'darkness' }).click();
    const shown = view.page.locator('section.detector-page:target');
    expect(await shown.isVisible()).toBe(true);
    expect(await shown.locator('h2').textContent()).toContain('darkness');
    expect(await shown.locator('figure.chart svg').count()).toBeGreaterThan(3);
    expect(await view.page.locator('#leaderboard').isVisible()).toBe(false);
    await shown.locator('a', { hasText: 'back to the leaderboard' }).click();
    expect(await view.page.locator('#leaderboard').isVisible()).toBe(true);
    expect(view.problems).toEqual([]);
    expect(view.requests).toEqual([view.url]);
  });
});
