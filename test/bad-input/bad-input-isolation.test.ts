/**
 * Issue 14, failures 4-6, 10, 11: plugins that end, stall or crash the thread they run in, print
 * on stdout or return strings. Each becomes THAT detector's failure (recorded in the manifest,
 * exit status 3), the other detector finishes, the run directory is consistent, and --json stays
 * parseable. Path plugins run in a worker thread by default (isolation/); SEMIBENCH_ISOLATION=none
 * keeps the in-process mode for debugging.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { BRIGHTNESS_PLUGIN, isolatedEnv, readCsv, tempDir, writePlugin } from '../helpers/run-fixtures.js';

/** Scores 0.25 for the first two batches, then misbehaves as its `mode` option says. */
const HOSTILE_PLUGIN = `
let calls = 0;
export default {
  kind: 'detector',
  meta: { name: 'hostile', version: '1.0.0', apiVersion: 1, input: { kind: 'path' }, batchSize: 2 },
  create(options) {
    return {
      predict(items) {
        calls++;
        console.log('hostile: predict call ' + calls + ' on stdout');
        if (calls < 3) return items.map(() => 0.25);
        switch (options.mode) {
          case 'exit': process.exit(0);
          case 'busy': for (;;) {}
          case 'timer': setTimeout(() => { throw new Error('stray timer boom'); }, 0); return items.map(() => 0.25);
          case 'rejection': Promise.reject(new Error('nobody awaits me')); return items.map(() => 0.25);
          case 'strings': return items.map(() => '0.5');
          default: return items.map(() => 0.25);
        }
      },
    };
  },
};
`;

let work: string;
beforeAll(() => {
  work = tempDir('isolation');
  writePlugin(work, 'hostile.mjs', HOSTILE_PLUGIN);
  writePlugin(work, 'brightness.mjs', BRIGHTNESS_PLUGIN);
});

const flat = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ');

async function runHostile(mode: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir(`isolation-${mode}`);
  const out = join(dir, 'run');
  const args = ['eval', '--dataset', MINI_DATASET, '--detector', 'hostile=./hostile.mjs', '--detector', 'brightness=./brightness.mjs', '--option', `hostile.mode=${mode}`, '--out', out, '--bootstrap', '0', '--quiet', '--json', ...extra];
  const result = await runCli(args, { cwd: work, env: { ...isolatedEnv(dir), ...env } });
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { status: string; counts: { failed: Record<string, string>; predicted: Record<string, number> } };
  return { result, out, manifest };
}

describe('a plugin that ends, stalls or crashes its thread (worker isolation)', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['exit', [], /predict\(\) failed: the plugin ended its thread \(process\.exit\(0\)/],
    ['busy', ['--timeout', '2'], /predict\(\) timed out after 2000 ms \(--timeout\)/],
    ['timer', [], /predict\(\) failed: uncaught Error: stray timer boom in the plugin/],
    ['rejection', [], /predict\(\) failed: uncaught Error: nobody awaits me in the plugin/],
    ['strings', [], /score 0 is the string "0\.5", not a number/],
  ];
  for (const [mode, extra, reason] of cases) {
    it(`${mode}: that detector fails (exit 3, manifest "failed"), the other finishes, --json stays clean`, async () => {
      const { result, out, manifest } = await runHostile(mode, extra);
      expect(result.code, result.stderr).toBe(3);
      expect(flat(result.stderr)).toMatch(reason);
      expect(manifest.status).toBe('failed');
      expect(manifest.counts.failed.hostile).toMatch(reason);
      expect(manifest.counts.failed.brightness).toBeUndefined();
      const predictions = readCsv(join(out, 'predictions.csv'));
      const rows = predictions.filter((p) => p.detector === 'brightness').length;
      expect(rows).toBeGreaterThan(10);
      // The first two batches (4 rows) were scored before the plugin misbehaved (the timer and the
      // rejection fire after the third batch returned, so that one may count too).
      expect(predictions.filter((p) => p.detector === 'hostile').length).toBeGreaterThanOrEqual(4);
      // Plugin console output went to stderr; stdout is exactly the JSON document.
      expect(result.stderr).toContain('hostile: predict call 1 on stdout');
      expect(() => JSON.parse(result.stdout)).not.toThrow();
    }, 240_000);
  }

  it('in-process mode (SEMIBENCH_ISOLATION=none) gives the same scores as the worker', async () => {
    const worker = await runHostile('none');
    const inProcess = await runHostile('none', [], { SEMIBENCH_ISOLATION: 'none' });
    expect(worker.result.code, worker.result.stderr).toBe(0);
    expect(inProcess.result.code, inProcess.result.stderr).toBe(0);
    expect(readFileSync(join(inProcess.out, 'predictions.csv'), 'utf8')).toBe(readFileSync(join(worker.out, 'predictions.csv'), 'utf8'));
    expect(readFileSync(join(inProcess.out, 'scores.csv'), 'utf8')).toBe(readFileSync(join(worker.out, 'scores.csv'), 'utf8'));
  }, 240_000);
});
