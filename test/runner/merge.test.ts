/**
 * Scale-out: three shards of one eval, run as a Kubernetes Indexed Job pod, a Slurm array task
 * and a plain `--shard I/N`, each with its own (node-local) store, merged by `semibench merge`,
 * give byte-identical predictions.csv, errors.csv and scores.csv to a single-machine run.
 * Then every way of merging the wrong directories is refused with a message that says why.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { mergeRuns } from '@semibench/harness';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { BRIGHTNESS_PLUGIN, readCsv, tempDir, writePlugin } from '../helpers/run-fixtures.js';

let work: string;
let dataset: string;
let single: string;
const shardDirs: string[] = [];

const evalArgs = (out: string, ...extra: string[]) => ['eval', '--detector', 'noise-inconsistency', '--detector', './brightness.mjs', '--dataset', dataset, '--out', out, '--bootstrap', '200', '--seed', '7', '--quiet', ...extra];

beforeAll(async () => {
  work = tempDir('merge');
  writePlugin(work, 'brightness.mjs', BRIGHTNESS_PLUGIN);
  // The mini dataset plus a row whose image is missing, so errors.csv has something to merge.
  dataset = join(work, 'dataset');
  cpSync(MINI_DATASET, dataset, { recursive: true });
  const rows = readCsv(join(dataset, 'metadata.csv'));
  const ghost = { ...rows.find((r) => r.label === 'fake')!, image_id: 'ghost', image_path: 'inpainting/ghost.png' };
  rows.splice(5, 0, ghost);
  writeFileSync(join(dataset, 'metadata.csv'), stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));

  single = join(work, 'single');
  const env = (name: string) => ({ SEMIBENCH_CACHE: join(work, 'cache'), SEMIBENCH_STORE: join(work, `${name}.sqlite`) });
  const runs = await Promise.all([
    runCli(evalArgs(single), { cwd: work, env: env('single') }),
    runCli(evalArgs(join(work, 'shard-0'), '--shard', 'auto'), { cwd: work, env: { ...env('node-0'), JOB_COMPLETION_INDEX: '0', SEMIBENCH_SHARD_COUNT: '3' } }),
    runCli(evalArgs(join(work, 'shard-1'), '--shard', 'auto'), { cwd: work, env: { ...env('node-1'), SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' } }),
    runCli(evalArgs(join(work, 'shard-2'), '--shard', '2/3'), { cwd: work, env: env('node-2') }),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  shardDirs.push(...[0, 1, 2].map((i) => join(work, `shard-${i}`)));
}, 240_000);

describe('semibench merge', () => {
  it('gives byte-identical files to a single-machine run', async () => {
    const merged = join(work, 'merged');
    // Order on the command line does not matter.
    const r = await runCli(['merge', shardDirs[2]!, shardDirs[0]!, shardDirs[1]!, '--out', merged], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Overall (95% bootstrap intervals)');
    for (const file of ['scores.csv', 'scores.json', 'predictions.csv', 'errors.csv']) {
      expect(readFileSync(join(merged, file), 'utf8'), file).toBe(readFileSync(join(single, file), 'utf8'));
    }
    const errors = readCsv(join(merged, 'errors.csv'));
    expect(errors.map((e) => [e.detector, e.image_path, e.stage])).toEqual([
      ['noise-inconsistency', 'inpainting/ghost.png', 'read'],
      ['brightness', 'inpainting/ghost.png', 'read'],
    ]);

    // Each shard ran only its own rows, with the index its scheduler gave it.
    const manifests = shardDirs.map((d) => JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')));
    expect(manifests.map((m) => [m.shard.index, m.shard.count, m.shard.source])).toEqual([
      [0, 3, 'kubernetes'],
      [1, 3, 'slurm'],
      [2, 3, 'flag'],
    ]);
    const total = readCsv(join(dataset, 'metadata.csv')).length;
    expect(manifests.reduce((a, m) => a + m.shard.rows, 0)).toBe(total);
    for (const m of manifests) expect(m.shard.rows).toBeGreaterThan(0);

    const manifest = JSON.parse(readFileSync(join(merged, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
    expect(manifest.shard).toBeUndefined();
    expect(manifest.merged).toEqual({ shards: 3, runs: shardDirs });
    expect(manifest.counts.predicted).toEqual({ 'noise-inconsistency': total - 1, brightness: total - 1 });
    expect(manifest.counts.errors).toEqual({ 'noise-inconsistency': 1, brightness: 1 });
  });

  it('refuses a missing, repeated, foreign, unfinished or non-shard directory, saying why', async () => {
    const out = join(work, 'bad-merge');
    const merge = (runs: string[], extra: { dataset?: string } = {}) => mergeRuns({ runs, out, ...extra });
    await expect(merge(shardDirs.slice(0, 2))).rejects.toThrow('shard(s) 2/3 missing: a merged run needs all 3 shards (indices 0..2)');
    await expect(merge([...shardDirs, shardDirs[1]!])).rejects.toThrow(`shard 1/3 is given twice: ${shardDirs[1]} and ${shardDirs[1]}`);
    await expect(merge([single, ...shardDirs])).rejects.toThrow(`${single} is not a shard`);

    const edited = (name: string, from: string, edit: (m: Record<string, unknown>) => void) => {
      const dir = join(work, name);
      cpSync(from, dir, { recursive: true });
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      edit(m);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
      return dir;
    };
    const otherSeed = edited('other-seed', shardDirs[2]!, (m) => ((m.scoring as { seed: number }).seed = 8));
    await expect(merge([shardDirs[0]!, shardDirs[1]!, otherSeed])).rejects.toThrow(/are not shards of one run: their scoring settings differ/);
    const running = edited('running', shardDirs[2]!, (m) => (m.status = 'running'));
    await expect(merge([shardDirs[0]!, shardDirs[1]!, running])).rejects.toThrow(/shard 2\/3 in .*running is running: run `semibench eval .*--shard 2\/3.*` again to resume it/);
    // Two directories whose manifests were swapped: the rows give them away.
    const swapped1 = edited('swapped-1', shardDirs[1]!, (m) => ((m.shard as { index: number }).index = 2));
    const swapped2 = edited('swapped-2', shardDirs[2]!, (m) => ((m.shard as { index: number }).index = 1));
    await expect(merge([shardDirs[0]!, swapped1, swapped2])).rejects.toThrow(/swapped-2: row .* belongs to shard 2\/3, not 1\/3; was the directory reused for another shard\?/);
    await expect(merge(shardDirs, { dataset: MINI_DATASET })).rejects.toThrow(/is not the metadata the shards ran on/);
  });
});
