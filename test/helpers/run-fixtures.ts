/**
 * Small detector plugins and file helpers shared by the store, resume, shard, merge, diff and
 * bad-input tests. Every plugin is a lone .mjs file with no imports from semibench, as a user's
 * would be, and computes its score from the image itself, so tests can recompute it independently.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { readCsv, type CsvRow } from './csv.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `semibench-${prefix}-`));
}

/**
 * `brightness`: mean pixel value / 255 after an exact resize to `size` (option, default 64) —
 * a detector whose preprocessing is an option, for diff and decode tests.
 */
export const BRIGHTNESS_PLUGIN = `
export default {
  kind: 'detector',
  meta: { name: 'brightness', version: '0.3.0', apiVersion: 1 },
  create(options) {
    const size = options.size ?? 64;
    return {
      input: { kind: 'pixels', preprocess: { steps: [{ op: 'resize', size: [size, size], mode: 'exact' }] } },
      predict(items) {
        return items.map((item) => {
          const d = item.pixels.data;
          let s = 0;
          for (let i = 0; i < d.length; i++) s += d[i];
          return s / d.length / 255;
        });
      },
    };
  },
};
`;

/**
 * `slow-hash`: reads the file, waits `delayMs` per batch, and appends "PID KEY" to the file `log`
 * for every item it scores, so a test can count predict() work across processes.
 * Score: the first 32 bits of sha256(file bytes) / 2^32 (see `hashScore`).
 */
export const SLOW_HASH_PLUGIN = `
import { appendFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
export default {
  kind: 'detector',
  meta: { name: 'slow-hash', version: '1.0.0', apiVersion: 1, input: { kind: 'path' }, batchSize: 1 },
  create(options) {
    return {
      async predict(items) {
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
        const scores = items.map((item) => createHash('sha256').update(readFileSync(item.path)).digest().readUInt32BE(0) / 2 ** 32);
        appendFileSync(options.log, items.map((item) => process.pid + ' ' + item.key + '\\n').join(''));
        return scores;
      },
    };
  },
};
`;

/** The score `slow-hash` gives a file. */
export function hashScore(path: string): number {
  return createHash('sha256').update(readFileSync(path)).digest().readUInt32BE(0) / 2 ** 32;
}

/** Writes a plugin source into `dir` and returns its path. */
export function writePlugin(dir: string, file: string, source: string): string {
  const path = join(dir, file);
  writeFileSync(path, source);
  return path;
}

/** Environment for CLI runs that must not touch the user's cache or store. */
export function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  return { SEMIBENCH_CACHE: join(dir, 'cache'), SEMIBENCH_STORE: join(dir, 'store.sqlite') };
}
