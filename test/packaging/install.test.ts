/**
 * semibench installed as a third party installs it: the `pnpm pack:all` tarballs into an empty project
 * with plain npm (no workspace, no pnpm, nothing from this checkout but the tarballs), then
 * - `npx semibench eval` on the bundled mini dataset, from an empty folder;
 * - `semibench plugin new detector foo`, and the scaffold's own `npm test` against the installed CLI;
 * - the scaffold packed with `npm pack` before any `npm install` in it, installed next to semibench
 *   as `semibench-plugin-foo`, and found by `--detector foo`.
 * Needs the npm registry (for the tarballs' dependencies, and TypeScript for the scaffold's prepack).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
let project = '';

const execFileAsync = promisify(execFile);

/** Runs a command asynchronously (a synchronous one would starve vitest's worker of its heartbeat). */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  const options = {
    cwd,
    encoding: 'utf8' as const,
    maxBuffer: 64 * 1024 * 1024,
    // No workspace help: a clean environment as a user would have, but for where npm keeps its cache.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_fund: 'false', npm_config_audit: 'false' },
    timeout: 480_000,
  };
  try {
    return (await execFileAsync(command, args, options)).stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

function csvRows(path: string): Array<Record<string, string>> {
  return parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>;
}

describe('semibench installed from its packed tarballs with plain npm', () => {
  beforeAll(async () => {
    const listed = (await run('pnpm', ['--silent', 'pack:all'], repo)).trim().split('\n');
    expect(listed.map((p) => p.replace(/^\.packs\//, '')).sort()).toEqual(
      readdirSync(join(repo, '.packs')).filter((f) => f.endsWith('.tgz')).sort(),
    );
    project = mkdtempSync(join(tmpdir(), 'semibench-install-'));
    await run('npm', ['init', '-y'], project);
    const tarballs = readdirSync(join(repo, '.packs')).map((f) => join(repo, '.packs', f));
    await run('npm', ['install', '--no-package-lock', ...tarballs], project);
  }, 600_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('packs workspace dependencies as version ranges, and the CLI carries the mini dataset', () => {
    const cli = JSON.parse(readFileSync(join(project, 'node_modules', 'semibench', 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
    expect(cli.bin.semibench).toBeDefined();
    for (const [name, range] of Object.entries(cli.dependencies)) expect(range, name).not.toMatch(/^workspace:/);
    expect(readdirSync(join(project, 'node_modules', 'semibench', 'data', 'semi-truths-mini'))).toContain('metadata.csv');
  });

  it('npx semibench eval scores the bundled dataset from an empty folder', async () => {
    const empty = join(project, 'empty');
    mkdirSync(empty);
    await run('npx', ['--no-install', 'semibench', 'eval', '--detector', 'noise-inconsistency', '--no-store', '--out', 'run', '--quiet'], empty);
    const predictions = csvRows(join(empty, 'run', 'predictions.csv'));
    expect(predictions).toHaveLength(28);
    const overall = csvRows(join(empty, 'run', 'scores.csv')).filter((r) => r.slice === 'overall' && r.metric === 'roc_auc');
    expect(overall).toHaveLength(1);
    expect(Number(overall[0]?.value)).toBeGreaterThanOrEqual(0);
  }, 240_000);

  it('scaffolds a plugin whose own test passes, packs it before npm install, and finds it by name once installed', async () => {
    await run('npx', ['--no-install', 'semibench', 'plugin', 'new', 'detector', 'foo'], project);
    const foo = join(project, 'foo');
    expect(await run('npm', ['test'], foo)).toMatch(/plugin check passed/);
    await run('npm', ['pack'], foo);
    await run('npm', ['install', '--no-package-lock', join(foo, 'semibench-plugin-foo-0.1.0.tgz')], project);
    const listing = await run('npx', ['--no-install', 'semibench', 'plugins', 'list'], project);
    expect(listing).toMatch(/foo\s+0\.1\.0\s+npm: semibench-plugin-foo@0\.1\.0/);
    const out = join(project, 'run-foo');
    await run('npx', ['--no-install', 'semibench', 'eval', '--detector', 'foo', '--no-store', '--out', out, '--quiet'], project);
    const predictions = csvRows(join(out, 'predictions.csv'));
    expect(predictions).toHaveLength(28);
    expect(new Set(predictions.map((r) => r.detector))).toEqual(new Set(['foo']));
  }, 480_000);
});
