import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(REPO_ROOT, 'packages/cli/bin/run.js');
export const MINI_DATASET = join(REPO_ROOT, 'fixtures/semi-truths-mini');

/**
 * One private cache (and so prediction store) per test process: tests never read or write the
 * user's ~/.cache/semibench, and never recall each other's predictions by accident.
 */
const TEST_CACHE = mkdtempSync(join(tmpdir(), 'semibench-test-cache-'));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `semibench` CLI as a user would, in `cwd`. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', SEMIBENCH_CACHE: TEST_CACHE, SEMIBENCH_STORE: join(TEST_CACHE, 'predictions.sqlite'), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
  });
}
