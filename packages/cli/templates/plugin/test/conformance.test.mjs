// Runs `semibench plugin check` on this package: the conformance suite semibench applies to every
// plugin (contract, determinism, batching and order, unusual images, time, memory, dispose), on
// the package as users will load it. Add unit tests next to this file: `npm test` runs them all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Which semibench runs the check: $SEMIBENCH_BIN, else the `semibench` package installed here or in
 * any folder above (a dev dependency, or the project the plugin sits in), else `semibench` on PATH.
 */
function semibench() {
  const bin = process.env.SEMIBENCH_BIN;
  if (bin) return /\.[cm]?js$/.test(bin) ? { command: process.execPath, args: [bin] } : { command: bin, args: [] };
  try {
    const manifest = createRequire(join(root, 'package.json')).resolve('semibench/package.json');
    const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8'));
    return { command: process.execPath, args: [join(dirname(manifest), bins.semibench)] };
  } catch {
    return { command: 'semibench', args: [] };
  }
}

test('semibench plugin check passes', (t) => {
  const { command, args } = semibench();
  const result = spawnSync(command, [...args, 'plugin', 'check', root], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.error) {
    assert.fail(`could not run semibench (${result.error.message}): install it (npm install --save-dev semibench) or set SEMIBENCH_BIN to its bin/run.js`);
  }
  assert.equal(result.status, 0, `semibench plugin check failed:\n${result.stdout}${result.stderr}`);
  t.diagnostic(result.stdout.trim().split('\n').at(-1) ?? '');
});
