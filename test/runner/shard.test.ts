/** Shard selection (`--shard I/N`, `--shard auto` under Kubernetes and Slurm) and the row split. */
import { createHash } from 'node:crypto';
import { Rng, resolveShard, selectShard, shardOfKey } from '@semibench/harness';
import { describe, expect, it } from 'vitest';

describe('resolveShard', () => {
  it('parses I/N with a 0-based index', () => {
    expect(resolveShard('3/8', {})).toEqual({ index: 3, count: 8, source: 'flag' });
    expect(resolveShard(' 0 / 1 ', {})).toEqual({ index: 0, count: 1, source: 'flag' });
    expect(() => resolveShard('8/8', {})).toThrow('shard index 8 is outside 0..7 (indices are 0-based; --shard I/N takes I from 0 to N-1)');
    expect(() => resolveShard('1/0', {})).toThrow('shard count must be at least 1');
    expect(() => resolveShard('first', {})).toThrow('--shard "first": expected I/N');
  });

  it('reads a Kubernetes Indexed Job: JOB_COMPLETION_INDEX plus the count from the flag or SEMIBENCH_SHARD_COUNT', () => {
    expect(resolveShard('auto', { JOB_COMPLETION_INDEX: '2' }, 4)).toEqual({ index: 2, count: 4, source: 'kubernetes' });
    expect(resolveShard('auto', { JOB_COMPLETION_INDEX: '0', SEMIBENCH_SHARD_COUNT: '16' })).toEqual({ index: 0, count: 16, source: 'kubernetes' });
    expect(() => resolveShard('auto', { JOB_COMPLETION_INDEX: '2' })).toThrow(/pass --shard-count N or set SEMIBENCH_SHARD_COUNT/);
    expect(() => resolveShard('auto', { JOB_COMPLETION_INDEX: '4', SEMIBENCH_SHARD_COUNT: '4' })).toThrow('shard index 4 is outside 0..3');
  });

  it('reads a Slurm job array relative to its first index and step', () => {
    expect(resolveShard('auto', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 0, count: 8, source: 'slurm' });
    // --array=1-8
    expect(resolveShard('auto', { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 4, count: 8, source: 'slurm' });
    // --array=1-15:2 (8 tasks: 1, 3, ..., 15)
    expect(resolveShard('auto', { SLURM_ARRAY_TASK_ID: '15', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 7, count: 8, source: 'slurm' });
    expect(() => resolveShard('auto', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '8' })).toThrow(/not on the array's grid/);
  });

  it('says what to do when no scheduler is found', () => {
    expect(() => resolveShard('auto', {})).toThrow('--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set; give --shard I/N');
  });
});

describe('selectShard', () => {
  const keys = Array.from({ length: 10_000 }, (_, i) => ({ key: `images/${i % 7}/img_${i}.png` }));

  it('assigns a row by the first 48 bits of sha256(key) modulo the count', () => {
    for (const { key } of keys.slice(0, 50)) {
      const expected = Number(BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 12)}`) % 7n);
      expect(shardOfKey(key, 7)).toBe(expected);
    }
  });

  it('splits rows into disjoint shards that cover them all, about evenly', () => {
    const shards = Array.from({ length: 8 }, (_, index) => selectShard(keys, { index, count: 8 }));
    for (const s of shards) {
      expect(s.length).toBeGreaterThan(1250 * 0.9);
      expect(s.length).toBeLessThan(1250 * 1.1);
    }
    const all = shards.flat().map((r) => r.key);
    expect(all.length).toBe(keys.length);
    expect(new Set(all).size).toBe(keys.length);
  });

  it('does not depend on row order or on other rows, and keeps each shard in the given order', () => {
    const shuffled = new Rng(3).shuffle([...keys]);
    const a = selectShard(keys, { index: 5, count: 8 }).map((r) => r.key);
    const b = selectShard(shuffled, { index: 5, count: 8 }).map((r) => r.key);
    expect(new Set(b)).toEqual(new Set(a));
    expect(b).toEqual(shuffled.filter((r) => a.includes(r.key)).map((r) => r.key));
    // Adding rows to the dataset moves no existing row to another shard.
    const grown = [...keys, ...Array.from({ length: 500 }, (_, i) => ({ key: `new/${i}.png` }))];
    expect(selectShard(grown, { index: 5, count: 8 }).filter((r) => !r.key.startsWith('new/')).map((r) => r.key)).toEqual(a);
  });
});
