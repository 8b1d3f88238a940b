/**
 * The plugin authors' kit through the built CLI, as an author and a user would use it:
 * `semibench plugin new` + `npm test`, `semibench plugin check` (exit codes, --json, the marks in
 * `semibench plugins list`), and the example third-party package packed, installed offline into a
 * fresh project and used by name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltinRegistry, checkPlugin, formatConformanceReport, PluginLoader, type ConformanceReport } from '@semibench/harness';
import { CLI, REPO_ROOT, runCli } from '../helpers/cli.js';

const EXAMPLE = join(REPO_ROOT, 'examples/semibench-plugin-example');
const FIXTURES = join(REPO_ROOT, 'fixtures/broken-plugins');

let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'semibench-kit-'));
  // `semibench` on PATH, the way a global npm install links it.
  const bin = join(work, 'bin');
  mkdirSync(bin);
  symlinkSync(CLI, join(bin, 'semibench'));
  env = { SEMIBENCH_CACHE: join(work, 'cache'), PATH: `${bin}:${process.env.PATH ?? ''}` };
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** npm, offline and quiet, in `cwd`. */
function npm(args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: { ...process.env, ...env, npm_config_offline: 'true', ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

interface Listing {
  kind: string;
  name: string;
  version: string;
  source: string;
  checked?: string;
}

describe('semibench plugin new', () => {
  it('plugin new detector foo && cd foo && npm test passes, and eval uses ./foo at once', async () => {
    const created = await runCli(['plugin', 'new', 'detector', 'foo'], { cwd: work, env });
    expect(created.code, created.stderr).toBe(0);
    const dir = join(work, 'foo');
    for (const file of ['package.json', 'README.md', '.gitignore', 'tsconfig.json', 'src/index.ts', 'src/semibench-contract.d.ts', 'test/conformance.test.mjs']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const pkg = readJson<Record<string, unknown>>(join(dir, 'package.json'));
    expect(pkg).toMatchObject({
      name: 'semibench-plugin-foo',
      version: '0.1.0',
      type: 'module',
      exports: { '.': './dist/index.js' },
      source: './src/index.ts',
      files: ['dist'],
      peerDependencies: { '@semibench/harness': '^0.1.0' },
      peerDependenciesMeta: { '@semibench/harness': { optional: true } },
    });
    expect(pkg.keywords).toContain('semibench-plugin');
    // The vendored contract is types only: a value import from it would fail at run time.
    const contract = readFileSync(join(dir, 'src/semibench-contract.d.ts'), 'utf8');
    expect(contract).toContain('export interface DetectorInstance');
    expect(contract).not.toMatch(/export declare (const|function)/);

    const test = npm(['test'], dir);
    expect(test.code, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toContain('plugin check passed: detector foo@0.1.0');

    // Not built yet: semibench loads src/index.ts through package.json "source".
    const run = await runCli(['eval', '--detector', './foo', '--bootstrap', '20', '--quiet', '--json', '--out', join(work, 'run-foo')], { cwd: work, env });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { counts: { predicted: Record<string, number> } };
    expect(result.counts.predicted.foo).toBeGreaterThan(0);
  });

  it('scaffolds every kind in TypeScript and JavaScript, each passing the conformance suite', async () => {
    const loader = new PluginLoader({ builtins: new BuiltinRegistry(), cwd: work });
    for (const kind of ['detector', 'editor', 'metric', 'perturber']) {
      for (const lang of ['typescript', 'javascript']) {
        const name = `${kind}-${lang}`;
        const created = await runCli(['plugin', 'new', kind, name, `--${lang}`, '--dir', join(work, 'kinds', name), '--description', `It's the ${kind} kind`], { cwd: work, env });
        expect(created.code, created.stderr).toBe(0);
        const entry = join(work, 'kinds', name, lang === 'typescript' ? 'src/index.ts' : 'src/index.js');
        expect(readFileSync(entry, 'utf8')).toContain("description: 'It\\'s the");
        // A small "large" image keeps this fast; the large case itself is covered by test/plugins/conformance.test.ts.
        const report: ConformanceReport = await checkPlugin(join(work, 'kinds', name), { loader, cacheDir: join(work, 'cache'), largeSize: [480, 640] });
        expect(report.passed, formatConformanceReport(report)).toBe(true);
        expect(report.plugin).toMatchObject({ kind, name, version: '0.1.0' });
      }
    }
  });

  it('takes scoped and prefixed names, and refuses bad names and non-empty directories', async () => {
    const scoped = await runCli(['plugin', 'new', 'detector', '@acme/semibench-plugin-bar', '--javascript'], { cwd: work, env });
    expect(scoped.code, scoped.stderr).toBe(0);
    expect(readJson<{ name: string }>(join(work, 'bar', 'package.json')).name).toBe('@acme/semibench-plugin-bar');
    expect(readFileSync(join(work, 'bar', 'src/index.js'), 'utf8')).toContain("name: '@acme/bar'");

    const bad = await runCli(['plugin', 'new', 'detector', 'Not A Name'], { cwd: work, env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('is not a usable npm package name');
    const again = await runCli(['plugin', 'new', 'detector', 'bar'], { cwd: work, env });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists and is not empty');
  });
});

describe('semibench plugin check', () => {
  it('exits 1 with a JSON report on a broken plugin, 0 on a good one; plugins list marks both', async () => {
    const project = join(work, 'project-config');
    mkdirSync(project);
    const good = join(FIXTURES, 'well-behaved.mjs');
    const broken = join(FIXTURES, 'tiny-crash.mjs');
    writeFileSync(join(project, '.semibenchrc.json'), JSON.stringify({ detectors: [good, broken] }));

    const failed = await runCli(['plugin', 'check', broken, '--json'], { cwd: project, env });
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as ConformanceReport;
    expect(report.passed).toBe(false);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['tiny']);

    const passed = await runCli(['plugin', 'check', good], { cwd: project, env });
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(/^PASS {2}loads and has the shape of plugin contract v1$/m);
    expect(passed.stdout).toContain('plugin check passed: detector well-behaved@1.0.0: 15 passed');

    const after = await runCli(['plugins', 'list', '--json', '--kind', 'detector'], { cwd: project, env });
    const rows = JSON.parse(after.stdout) as Listing[];
    expect(rows.find((l) => l.name === 'well-behaved')?.checked).toBe('passed');
    expect(rows.find((l) => l.name === 'tiny-crash')?.checked).toBe('failed');
    const table = await runCli(['plugins', 'list', '--kind', 'detector'], { cwd: project, env });
    expect(table.stdout).toMatch(/well-behaved\s+1\.0\.0\s+config: \S+\s+passed/);
    expect(table.stdout).toMatch(/tiny-crash\s+1\.0\.0\s+config: \S+\s+FAILED/);
  });

  it('ends even when the plugin leaves a timer running, and says so', async () => {
    const r = await runCli(['plugin', 'check', join(FIXTURES, 'timer-no-dispose.mjs')], { env, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}dispose\(\) releases resources\n.*2 x Timeout/);
  });
});

describe('example third-party package', () => {
  it('passes its own tests; packed and installed offline into a fresh project, it is found by name', async () => {
    // npm test builds dist/ (pretest) with the workspace's TypeScript, then runs the unit tests
    // (numpy/scipy reference values) and `semibench plugin check .` (the workspace's semibench bin).
    // (Another cache: the check results it records must not mark the installed copy below.)
    const test = npm(['test'], EXAMPLE, { SEMIBENCH_CACHE: join(work, 'author-cache') });
    expect(test.code, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/# pass 9\n# fail 0/);
    expect(test.stdout).toContain('plugin check passed: detector example@1.0.0: 15 passed');

    const packs = join(work, 'packs');
    mkdirSync(packs);
    // dist/ was just built; --ignore-scripts skips prepack's second build.
    const pack = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packs], EXAMPLE);
    expect(pack.code, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    expect(packed?.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/index.d.ts', 'dist/index.js', 'dist/index.js.map', 'package.json']);

    const project = join(work, 'user-project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, version: '1.0.0' }));
    const install = npm(['install', join(packs, packed?.filename ?? '')], project);
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(join(project, 'node_modules/semibench-plugin-example/dist/index.js'))).toBe(true);
    // The optional peer dependency is not installed: the package needs nothing of semibench at run time.
    expect(existsSync(join(project, 'node_modules/@semibench'))).toBe(false);

    const list = await runCli(['plugins', 'list', '--json', '--kind', 'detector'], { cwd: project, env });
    expect(list.code, list.stderr).toBe(0);
    const row = (JSON.parse(list.stdout) as Listing[]).find((l) => l.name === 'example');
    expect(row).toMatchObject({ kind: 'detector', version: '1.0.0', source: 'npm: semibench-plugin-example@1.0.0' });
    expect(row?.checked).toBeUndefined();

    const run = await runCli(['eval', '--detector', 'example', '--bootstrap', '20', '--quiet', '--json', '--out', join(work, 'run-example')], { cwd: project, env });
    expect(run.code, run.stderr).toBe(0);
    const manifest = readJson<{ detectors: Array<{ name: string; source: { type: string; packageName: string } }> }>(join(work, 'run-example', 'manifest.json'));
    expect(manifest.detectors[0]).toMatchObject({ name: 'example', source: { type: 'package', packageName: 'semibench-plugin-example' } });

    const check = await runCli(['plugin', 'check', 'example'], { cwd: project, env });
    expect(check.code, check.stdout).toBe(0);
    const marked = (JSON.parse((await runCli(['plugins', 'list', '--json', '--kind', 'detector'], { cwd: project, env })).stdout) as Listing[]).find((l) => l.name === 'example');
    expect(marked?.checked).toBe('passed');
  });
});
