/**
 * `semibench diff RUN_A RUN_B` explains a changed preprocessing option: the manifest fields that
 * changed (the option, the preprocessing description and step), exactly which rows' predictions
 * changed and by how much, and which scores moved. Same inputs give "the runs agree"; changed
 * predictions with no recorded cause are called out.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuiltinRegistry, PluginLoader, diffRuns, evaluate, formatRunDiff, type EvaluateOptions } from '@semibench/harness';
import { builtins } from '@semibench/plugin-detectors';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { readCsv, tempDir, writePlugin } from '../helpers/run-fixtures.js';
import { formatCsv, parseCsvRecords } from '../helpers/csv.js';

/** `contrast`: standard deviation of the pixels after an exact resize to `size` (its preprocessing option), / 100. */
const CONTRAST_PLUGIN = `
export default {
  kind: 'detector',
  meta: { name: 'contrast', version: '1.0.0', apiVersion: 1 },
  create(options) {
    const size = options.size ?? 64;
    return {
      input: { kind: 'pixels', preprocess: { steps: [{ op: 'resize', size: [size, size], mode: 'exact', interpolation: 'bicubic' }] } },
      predict(items) {
        return items.map(({ pixels: { data } }) => {
          let s = 0, ss = 0;
          for (const v of data) { s += v; ss += v * v; }
          const mean = s / data.length;
          return Math.min(1, Math.sqrt(ss / data.length - mean * mean) / 100);
        });
      },
    };
  },
};
`;

let work: string;
const run = (name: string) => join(work, name);

beforeAll(async () => {
  work = tempDir('diff');
  writePlugin(work, 'contrast.mjs', CONTRAST_PLUGIN);
  const options = (out: string, size: number): EvaluateOptions => ({
    dataset: MINI_DATASET,
    detectors: [{ spec: './contrast.mjs', options: { size } }, { spec: 'noise-inconsistency' }],
    out: run(out),
    loader: new PluginLoader({ builtins: new BuiltinRegistry(builtins), cwd: work }),
    resamples: 100,
    cacheDir: join(work, 'cache'),
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
  });
  await evaluate(options('a', 64));
  await evaluate(options('b', 4));
  await evaluate(options('a-again', 64));
}, 120_000);

/** Rows whose score differs between two runs' predictions.csv, read independently of semibench. */
function changedRows(a: string, b: string, detector: string): Array<{ key: string; a: number; b: number }> {
  const score = (dir: string) => new Map(readCsv(join(dir, 'predictions.csv')).filter((p) => p.detector === detector).map((p) => [p.image_path!, Number(p.score)]));
  const sa = score(a);
  const sb = score(b);
  return [...sa].filter(([k, v]) => sb.get(k) !== v).map(([key, v]) => ({ key, a: v, b: sb.get(key) as number }));
}

describe('semibench diff', () => {
  it('explains a changed preprocessing option: manifest, rows, scores', async () => {
    const r = await runCli(['diff', run('a'), run('b'), '--rows', '3']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toContain(' Changes scores:');
    expect(out).toContain(
      '  detectors[contrast].input: "pixels: decode rgb8 > resize(exact 64x64, bicubic, pil)" → "pixels: decode rgb8 > resize(exact 4x4, bicubic, pil)"   (preprocessing of contrast)',
    );
    expect(out).toContain('  detectors[contrast].identity.options.size: 64 → 4   (option size of contrast)');
    expect(out).toContain('  detectors[contrast].inputSpec.preprocess.steps[0].size: [64,64] → [4,4]   (preprocessing step of contrast)');
    // Nothing about the other detector or the dataset is blamed.
    expect(out).not.toMatch(/detectors\[noise-inconsistency\]|dataset\.metadataSha256/);

    const changed = changedRows(run('a'), run('b'), 'contrast');
    const total = readCsv(join(run('a'), 'predictions.csv')).filter((p) => p.detector === 'contrast').length;
    expect(changed.length).toBeGreaterThan(0);
    expect(out).toContain(`  contrast: ${changed.length} of ${total} rows changed score`);
    expect(out).toContain(`  noise-inconsistency: unchanged (${total} rows)`);
    const biggest = [...changed].sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a))[0]!;
    expect(out).toContain(`    ${biggest.key}  ${biggest.a} → ${biggest.b}`);
    expect(out).toMatch(/Which scores changed: \d+ of \d+ compared\n {2}contrast overall=all /);

    // The JSON form lists every changed row and every moved score.
    const diff = await diffRuns(run('a'), run('b'));
    const contrast = diff.predictions.find((p) => p.detector === 'contrast')!;
    expect(contrast.changed.map(({ key, a, b }) => ({ key, a, b })).sort((x, y) => (x.key < y.key ? -1 : 1))).toEqual(changed.sort((x, y) => (x.key < y.key ? -1 : 1)));
    expect(contrast.flipped).toBe(changed.filter((c) => c.a >= 0.5 !== c.b >= 0.5).length);
    expect(contrast.unexplained).toBeUndefined();
    const scoresA = JSON.parse(readFileSync(join(run('a'), 'scores.json'), 'utf8')) as Array<{ detector: string; slice: string; group: string; metric: string; value: number | null }>;
    const scoresB = JSON.parse(readFileSync(join(run('b'), 'scores.json'), 'utf8')) as typeof scoresA;
    const moved = scoresA.filter((s, i) => s.value !== scoresB[i]!.value);
    expect(diff.scores.map((s) => [s.detector, s.slice, s.group, s.metric])).toEqual(moved.map((s) => [s.detector, s.slice, s.group, s.metric]));
    expect(diff.scores.every((s) => s.detector === 'contrast')).toBe(true);
    expect(diff.identical).toBe(false);
  });

  it('says two runs of the same inputs agree', async () => {
    const r = await runCli(['diff', run('a'), run('a-again'), '--exit-code']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The runs agree: same inputs, same predictions, same scores.');
    expect(r.stdout).toMatch(/Their manifests differ only in startedAt, .*finishedAt/);
  });

  it('points out predictions that changed with no recorded cause', async () => {
    const tampered = run('tampered');
    cpSync(run('a'), tampered, { recursive: true });
    const csv = join(tampered, 'predictions.csv');
    const records = parseCsvRecords(readFileSync(csv));
    const column = (name: string): number => records[0]!.indexOf(name);
    const fields = records.find((r) => r[column('detector')] === 'contrast')!;
    fields[column('score')] = '0.123';
    writeFileSync(csv, formatCsv(records));
    const key = fields[column('image_path')];
    const diff = await diffRuns(run('a'), tampered);
    const contrast = diff.predictions.find((p) => p.detector === 'contrast')!;
    const original = Number(readCsv(join(run('a'), 'predictions.csv')).find((p) => p.image_path === key && p.detector === 'contrast')!.score);
    expect(contrast.changed).toEqual([{ key, a: original, b: 0.123, flipped: original >= 0.5 }]);
    expect(contrast.unexplained).toMatch(/^no recorded input of this detector changed/);
    const r = await runCli(['diff', run('a'), tampered, '--exit-code']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('nothing that changes scores');
    expect(r.stdout).toContain('note: no recorded input of this detector changed');
  });

  it('says plainly that runs of different detectors share none, instead of comparing nothing', async () => {
    const other = run('other-detectors');
    cpSync(run('a'), other, { recursive: true });
    // The same run under other detector names: nothing of A's detectors is in B.
    for (const file of ['manifest.json', 'predictions.csv', 'scores.json', 'scores.csv']) {
      const path = join(other, file);
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll('noise-inconsistency', 'noise-2').replaceAll('contrast', 'brightness'));
    }
    const diff = await diffRuns(run('a'), other);
    expect(diff.detectors).toEqual({ common: [], onlyA: ['contrast', 'noise-inconsistency'], onlyB: ['brightness', 'noise-2'] });
    expect(diff.predictions).toEqual([]);
    expect(diff.scores).toEqual([]);
    expect(diff.manifest.some((c) => c.path.startsWith('detectors['))).toBe(false);
    const text = formatRunDiff(diff);
    expect(text).toContain('The runs share no detector: A has contrast, noise-inconsistency, B has brightness, noise-2.');
    expect(text).not.toMatch(/was edited|of 0 compared/);
  });
});
