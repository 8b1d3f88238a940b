/**
 * Issue 14, failures 7 and 14: the run directory is locked (PID + host), a dead owner's lock is
 * taken over with a message, a live one is refused; start-up cleanup removes only its own or dead
 * processes' temp files; a failed eval leaves no empty run directory behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '@semibench/harness';
import { CLI, MINI_DATASET, runCli } from '../helpers/cli.js';
import { BRIGHTNESS_PLUGIN, isolatedEnv, SLOW_HASH_PLUGIN, tempDir, writePlugin } from '../helpers/run-fixtures.js';

const flat = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ');
/** A PID no process has: above Linux's pid_max limit. */
const DEAD_PID = 4_194_304 + 17;
let work: string;

beforeAll(() => {
  work = tempDir('run-dir');
  writePlugin(work, 'slow.mjs', SLOW_HASH_PLUGIN);
  writePlugin(work, 'brightness.mjs', BRIGHTNESS_PLUGIN);
});

const evalArgs = (out: string, ...extra: string[]) => ['eval', '--dataset', MINI_DATASET, '--out', out, '--bootstrap', '0', '--quiet', ...extra];

describe('run directory lock', () => {
  it('refuses a second eval on a live run directory, naming the owner; the first one finishes', async () => {
    const dir = tempDir('lock-live');
    const out = join(dir, 'run');
    const first = spawn(process.execPath, [CLI, ...evalArgs(out, '-d', './slow.mjs', '--option', 'delayMs=1500', '--option', `log=${join(dir, 'log')}`, '--batch-size', '1', '--no-store')], {
      cwd: work,
      env: { ...process.env, ...isolatedEnv(dir) },
      stdio: 'ignore',
    });
    const firstDone = new Promise<number>((resolve) => first.on('close', (code) => resolve(code ?? -1)));
    for (let i = 0; i < 600 && !existsSync(join(out, 'manifest.json')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(out, LOCK_FILE))).toBe(true);
    const second = await runCli(evalArgs(out, '-d', './brightness.mjs', '--no-store'), { cwd: work, env: isolatedEnv(dir) });
    expect(second.code).not.toBe(0);
    expect(flat(second.stderr)).toContain(`${out} is in use by a running semibench (PID ${first.pid} on ${hostname()}`);
    expect(await firstDone).toBe(0);
    // Released when done.
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  }, 300_000);

  it("takes over a dead owner's lock with a message, and cleans only dead or own temp files", async () => {
    const dir = tempDir('lock-dead');
    const out = join(dir, 'run');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    // A live process's temp file (this test runner's PID) must survive; a dead one's must go.
    const live = `scores.csv.tmp-${process.pid}`;
    const dead = `predictions.csv.tmp-${DEAD_PID}`;
    writeFileSync(join(out, live), 'live writer');
    writeFileSync(join(out, dead), 'dead writer');
    const r = await runCli(evalArgs(out, '-d', './brightness.mjs', '--no-store'), { cwd: work, env: isolatedEnv(dir) });
    expect(r.code, r.stderr).toBe(0);
    expect(flat(r.stderr)).toContain(`taking over the lock of semibench PID ${DEAD_PID}`);
    const left = readdirSync(out);
    expect(left).toContain(live);
    expect(left).not.toContain(dead);
    expect(left).not.toContain(LOCK_FILE);
  }, 240_000);

  it('refuses a lock held on another host, saying how to clear it', async () => {
    const dir = tempDir('lock-host');
    const out = join(dir, 'run');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: 1, host: 'other-machine.example', startedAt: '2026-01-01T00:00:00.000Z' }));
    const r = await runCli(evalArgs(out, '-d', './brightness.mjs', '--no-store'), { cwd: work, env: isolatedEnv(dir) });
    expect(r.code).not.toBe(0);
    expect(flat(r.stderr)).toContain('is in use by semibench PID 1 on host other-machine.example');
    expect(flat(r.stderr)).toContain(`delete ${join(out, LOCK_FILE)}`);
  }, 240_000);
});

describe('a failed eval', () => {
  it('leaves no empty run directory behind (given --out, or the default runs/<timestamp>)', async () => {
    const dir = tempDir('failed-eval');
    const out = join(dir, 'never');
    const given = await runCli(evalArgs(out, '-d', './no-such-plugin.mjs'), { cwd: work, env: isolatedEnv(dir) });
    expect(given.code).not.toBe(0);
    expect(existsSync(out)).toBe(false);
    const cwd = join(dir, 'cwd');
    mkdirSync(cwd);
    writePlugin(cwd, 'throws.mjs', `export default { kind: 'detector', meta: { name: 'throws', version: '1.0.0', apiVersion: 1 }, create() { throw new Error('no model'); } };`);
    const byDefault = await runCli(['eval', '--dataset', MINI_DATASET, '-d', './throws.mjs', '--quiet'], { cwd, env: isolatedEnv(dir) });
    expect(byDefault.code).not.toBe(0);
    expect(flat(byDefault.stderr)).toContain('no model');
    expect(existsSync(join(cwd, 'runs')) ? readdirSync(join(cwd, 'runs')) : []).toEqual([]);
  }, 240_000);
});
