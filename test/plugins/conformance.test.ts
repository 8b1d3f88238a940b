/**
 * The conformance suite (`semibench plugin check`) on purpose-built broken plugins: each defect in
 * fixtures/broken-plugins must fail exactly the checks that are about it, and the well-behaved
 * control must pass everything. Runs the library in-process; test/plugins/plugin-kit.test.ts covers the CLI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuiltinRegistry, checkPlugin, formatConformanceReport, PluginLoader, type ConformanceOptions, type ConformanceReport } from '@semibench/harness';
import { builtins as editorBuiltins } from '@semibench/plugin-editors';
import { REPO_ROOT } from '../helpers/cli.js';

const FIXTURES = join(REPO_ROOT, 'fixtures/broken-plugins');
// One cache for the whole file, so the check images are generated once.
const cacheDir = mkdtempSync(join(tmpdir(), 'semibench-conformance-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function check(spec: string, extra: Partial<ConformanceOptions> = {}): Promise<ConformanceReport> {
  const loader = new PluginLoader({ builtins: new BuiltinRegistry(editorBuiltins), cwd: FIXTURES });
  return checkPlugin(spec, { loader, cacheDir, ...extra });
}

const failedIds = (report: ConformanceReport): string[] => report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
const detail = (report: ConformanceReport, id: string): string => report.checks.find((c) => c.id === id)?.detail ?? '';

describe('conformance suite', () => {
  it('passes a well-behaved detector on every check, in report order', async () => {
    const report = await check('./well-behaved.mjs');
    expect(report.passed, formatConformanceReport(report)).toBe(true);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual(
      ['load', 'meta', 'create', 'output', 'determinism', 'batch-invariance', 'order', 'maps', 'fresh-instance', 'grayscale', 'rgba', 'tiny', 'large', 'performance', 'dispose'].map((id) => [id, 'pass']),
    );
    expect(report.plugin).toMatchObject({ kind: 'detector', name: 'well-behaved', version: '1.0.0', apiVersion: 1 });
    expect(report.source?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // 3 repeated passes over the 6 ordinary images.
    expect(report.checks.find((c) => c.id === 'performance')?.measured?.items).toBe(18);
  });

  const skippedIds = (report: ConformanceReport): string[] => report.checks.filter((c) => c.status === 'skip').map((c) => c.id);
  const measured = (report: ConformanceReport, id: string, key: string): number | undefined => report.checks.find((c) => c.id === id)?.measured?.[key];

  interface Case {
    file: string;
    /** The checks it must fail, and no others. */
    fails: string[];
    /** A phrase the failed checks' details must contain. */
    phrase: string;
    options?: Partial<ConformanceOptions>;
    more?: (report: ConformanceReport) => void;
  }
  const cases: Case[] = [
    { file: 'bad-shape.mjs', fails: ['load'], phrase: 'meta.version' },
    { file: 'bad-meta.mjs', fails: ['meta'], phrase: 'is not a semver version' },
    { file: 'create-no-predict.mjs', fails: ['create'], phrase: 'must return an object with predict' },
    {
      file: 'identity-leaks-secret.mjs',
      fails: ['create'],
      phrase: 'contains the value of a secret option',
      options: { options: { apiKey: 'sk-test-0123456789' } },
      // The report itself never shows the secret.
      more: (report) => {
        expect(JSON.stringify(report)).not.toContain('sk-test-0123456789');
        expect(report.options).toEqual({ apiKey: '[redacted]' });
      },
    },
    { file: 'out-of-range.mjs', fails: ['output', 'grayscale', 'rgba', 'tiny', 'large'], phrase: 'outside [0, 1]' },
    { file: 'wrong-count.mjs', fails: ['output'], phrase: 'returned 1 scores for 6 items' },
    { file: 'nondeterministic.mjs', fails: ['determinism', 'batch-invariance', 'order', 'fresh-instance'], phrase: 'Math.random' },
    { file: 'batch-dependent.mjs', fails: ['batch-invariance'], phrase: 'in a batch of 6' },
    { file: 'order-scrambled.mjs', fails: ['order'], phrase: 'in reverse order' },
    { file: 'map-wrong-size.mjs', fails: ['output', 'grayscale', 'rgba', 'tiny', 'large'], phrase: "the detector's input was" },
    { file: 'map-batch-dependent.mjs', fails: ['maps'], phrase: 'differs between a batch of 6 and a batch of 1' },
    { file: 'channels-strict.mjs', fails: ['grayscale', 'rgba'], phrase: 'PNG colour type 0' },
    { file: 'tiny-crash.mjs', fails: ['tiny'], phrase: 'is 8x8' },
    { file: 'large-crash.mjs', fails: ['large'], phrase: 'offset is out of bounds' },
    {
      file: 'slow.mjs',
      fails: ['performance'],
      phrase: 'over the budget of 5 ms',
      options: { options: { delayMs: 15 }, budgets: { msPerItem: 5 } },
      more: (report) => expect(measured(report, 'performance', 'msPerItem')).toBeGreaterThanOrEqual(15),
    },
    {
      file: 'leaky.mjs',
      fails: ['performance'],
      phrase: 'memory grows by',
      // The fixture keeps a copy of every image; the six ordinary images average 213,336 bytes (208 KiB).
      more: (report) => {
        expect(measured(report, 'performance', 'leakKbPerItem')).toBeGreaterThan(180);
        expect(measured(report, 'performance', 'leakKbPerItem')).toBeLessThan(240);
      },
    },
    {
      file: 'dispose-keeps-memory.mjs',
      fails: ['dispose'],
      phrase: 'still reachable after dispose()',
      // Two instances (the second for the fresh-instance check), 64 MiB each.
      more: (report) => expect(measured(report, 'dispose', 'retainedMb')).toBeGreaterThan(120),
    },
    {
      file: 'hangs.mjs',
      fails: ['output'],
      phrase: 'timed out after 300 ms',
      options: { timeoutMs: 300 },
      // Everything that would call predict() again is skipped rather than waiting out the limit again.
      more: (report) => {
        expect(skippedIds(report)).toEqual(['determinism', 'batch-invariance', 'order', 'maps', 'fresh-instance', 'grayscale', 'rgba', 'tiny', 'large', 'performance']);
        expect(report.ms).toBeLessThan(10_000);
      },
    },
    { file: 'editor-bad-image.mjs', fails: ['output', 'grayscale', 'rgba', 'tiny', 'large'], phrase: 'result.image.data has' },
    { file: 'metric-bad-values.mjs', fails: ['output', 'grayscale', 'rgba', 'tiny', 'large'], phrase: 'not in meta.columns' },
    { file: 'perturber-random.mjs', fails: ['determinism', 'fresh-instance'], phrase: 'differs' },
  ];
  for (const c of cases) {
    it(`${c.file}: fails ${c.fails.join(', ')}`, async () => {
      const report = await check(`./${c.file}`, c.options);
      const text = formatConformanceReport(report);
      expect(report.passed).toBe(false);
      expect(failedIds(report), text).toEqual(c.fails);
      expect(c.fails.map((id) => detail(report, id)).join('\n'), text).toContain(c.phrase);
      c.more?.(report);
    });
  }

  it('checks a built-in perturber by name and passes it', async () => {
    const report = await check('rules');
    expect(report.passed, formatConformanceReport(report)).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(['load', 'meta', 'create', 'output', 'determinism', 'fresh-instance', 'performance', 'dispose']);
  });

  it('says what is wrong with a spec that is not a plugin', async () => {
    const report = await check('./does-not-exist.mjs');
    expect(failedIds(report)).toEqual(['load']);
    expect(detail(report, 'load')).toContain('no such file or directory');
  });
});
