/**
 * Several processes writing one store at the same time corrupt nothing and lose nothing:
 * - three writer processes, hundreds of small transactions each, into shared and private detector
 *   keys with overlapping inputs;
 * - two `semibench eval` runs of the same detector on the same store at once.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PredictionStore, sha256 } from '@semibench/harness';
import { describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { SLOW_HASH_PLUGIN, isolatedEnv, readCsv, tempDir, writePlugin } from '../helpers/run-fixtures.js';

// The writers import the package's public entry point, resolved as any consumer's import would be.
const HARNESS = pathToFileURL(createRequire(import.meta.url).resolve('@semibench/harness')).href;
const ITEMS = 600;
const BATCH = 2;

/** The score every writer gives item i, so overlapping writes agree and can be checked. */
const scoreOf = (i: number) => ((i * 7919) % 1000) / 999;

// Writer w opens the store, waits for the common start time (so all three write at once), saves
// items [w*200, w*200 + ITEMS) to the shared key in batches of BATCH (one transaction each),
// interleaved with batches to its own key, then exits.
const WRITER = `
import { PredictionStore, sha256 } from '${HARNESS}';
const [path, w, startAt] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const store = PredictionStore.open(path);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const scoreOf = ${scoreOf.toString()};
for (let start = w * 200; start < w * 200 + ${ITEMS}; start += ${BATCH}) {
  const batch = [];
  for (let i = start; i < start + ${BATCH}; i++) batch.push({ contentHash: sha256('item ' + i), score: scoreOf(i) });
  await store.save('shared@1.0.0#s', batch);
  await store.save('own-' + w + '@1.0.0#o', batch);
}
store.close();
`;

function runWriter(path: string, w: number, startAt: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, path, String(w), String(startAt)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('concurrent writers', () => {
  it('three processes saving at once: every row present, exact, file sound', async () => {
    const dir = tempDir('store-conc');
    const path = join(dir, 'store.sqlite');
    const startAt = Date.now() + 3000;
    const results = await Promise.all([0, 1, 2].map((w) => runWriter(path, w, startAt)));
    for (const r of results) expect(r).toEqual({ code: 0, stderr: '' });

    const store = PredictionStore.open(path);
    try {
      expect(store.integrityCheck()).toBe('ok');
      const counts = Object.fromEntries(store.detectors().map((d) => [d.storeKey, d.predictions]));
      // Shared key: the union of [0, 600), [200, 800), [400, 1000).
      expect(counts).toEqual({ 'shared@1.0.0#s': 1000, 'own-0@1.0.0#o': ITEMS, 'own-1@1.0.0#o': ITEMS, 'own-2@1.0.0#o': ITEMS });
      const keys = Array.from({ length: 1000 }, (_, i) => sha256(`item ${i}`));
      const shared = await store.lookup('shared@1.0.0#s', keys);
      keys.forEach((k, i) => expect(shared.get(k)).toBe(scoreOf(i)));
    } finally {
      store.close();
    }
  }, 120_000);

  it('two eval runs on one store at the same time both finish with the same predictions', async () => {
    const dir = tempDir('store-conc-eval');
    const plugin = writePlugin(dir, 'slow-hash.mjs', SLOW_HASH_PLUGIN);
    const env = isolatedEnv(dir);
    const args = (out: string) => ['eval', '--detector', plugin, '--option', 'delayMs=5', '--option', `log=${join(dir, 'log')}`, '--out', join(dir, out), '--bootstrap', '20', '--quiet'];
    const [a, b] = await Promise.all([runCli(args('a'), { cwd: dir, env }), runCli(args('b'), { cwd: dir, env })]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a', 'predictions.csv'), 'utf8')).toBe(readFileSync(join(dir, 'b', 'predictions.csv'), 'utf8'));
    const rows = readCsv(join(MINI_DATASET, 'metadata.csv')).length;
    const store = PredictionStore.open(env.SEMIBENCH_STORE as string);
    try {
      expect(store.integrityCheck()).toBe('ok');
      expect(store.detectors().map((d) => d.predictions)).toEqual([rows]);
    } finally {
      store.close();
    }
  }, 120_000);
});
