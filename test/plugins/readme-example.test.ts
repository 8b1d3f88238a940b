import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

/** The README's plugin example must work exactly as printed. */
describe('README plugin example', () => {
  it('runs as a lone .mjs file with the documented command', async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Your own detector'));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    const command = /```sh\n(pnpm semibench eval[^\n]*)\n```/.exec(section)?.[1];
    expect(code).toBeDefined();
    expect(command).toBeDefined();
    expect(code!.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(22);
    const dir = mkdtempSync(join(tmpdir(), 'semibench-readme-'));
    writeFileSync(join(dir, 'my-detector.mjs'), code!);
    const args = command!.replace(/^pnpm semibench /, '').split(/\s+/);
    const result = await runCli([...args, '--bootstrap', '50', '--quiet'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const predictions = parse(readFileSync(join(dir, 'runs/mine/predictions.csv')), { columns: true }) as Array<Record<string, string>>;
    expect(predictions.length).toBeGreaterThan(0);
    expect(new Set(predictions.map((p) => p.detector))).toEqual(new Set(['mean-saturation']));
    for (const p of predictions) expect(Number(p.score)).toBeGreaterThan(0);
  }, 120_000);
});
