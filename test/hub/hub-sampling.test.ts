import { describe, expect, it } from 'vitest';
import { selectRows } from '@semibench/harness';

interface R {
  id: string;
  label: string;
  dataset: string;
}

function makeRows(counts: Record<string, number>, dataset = 'ADE20K'): R[] {
  const rows: R[] = [];
  for (const [label, n] of Object.entries(counts)) for (let i = 0; i < n; i++) rows.push({ id: `${label}-${i}`, label, dataset });
  return rows;
}

describe('selectRows', () => {
  it('keeps everything without options, and the first N rows with a limit', () => {
    const rows = makeRows({ real: 3, fake: 4 });
    expect(selectRows(rows, { seed: 1 }).selection).toEqual({ method: 'all', total: 7, selected: 7 });
    const limited = selectRows(rows, { limit: 5, seed: 1 });
    expect(limited.indices).toEqual([0, 1, 2, 3, 4]);
    expect(limited.rows.map((r) => r.id)).toEqual(['real-0', 'real-1', 'real-2', 'fake-0', 'fake-1']);
    expect(limited.selection).toEqual({ method: 'limit', total: 7, selected: 5, limit: 5 });
    expect(selectRows(rows, { limit: 50, seed: 1 }).rows).toHaveLength(7);
  });

  it('allocates a stratified sample proportionally (largest remainder)', () => {
    // 50/30/20 rows, sample 10 -> exactly 5/3/2.
    const rows = makeRows({ a: 50, b: 30, c: 20 });
    const picked = selectRows(rows, { sample: 10, stratify: 'label', seed: 7 });
    expect(picked.selection.strata).toEqual([
      { key: 'label=a', total: 50, selected: 5 },
      { key: 'label=b', total: 30, selected: 3 },
      { key: 'label=c', total: 20, selected: 2 },
    ]);
    const counts = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (const row of picked.rows) counts[row.label] = (counts[row.label] ?? 0) + 1;
    expect(counts).toEqual({ a: 5, b: 3, c: 2 });
    // 1 and 99 rows, sample 10: quotas 0.1 and 9.9 -> 0 and 10.
    expect(selectRows(makeRows({ x: 1, y: 99 }), { sample: 10, stratify: 'label', seed: 1 }).selection.strata?.map((s) => s.selected)).toEqual([0, 10]);
    // Three equal strata of 3, sample 4: 4/3 each -> floors 1,1,1 and the spare goes to the first key.
    expect(selectRows(makeRows({ p: 3, q: 3, r: 3 }), { sample: 4, stratify: 'label', seed: 1 }).selection.strata?.map((s) => s.selected)).toEqual([2, 1, 1]);
  });

  it('stratifies by several columns and records the seed and sizes', () => {
    const rows = [...makeRows({ real: 10, fake: 30 }, 'ADE20K'), ...makeRows({ real: 10, fake: 50 }, 'CelebAHQ')];
    const picked = selectRows(rows, { sample: 20, stratify: ['dataset', 'label'], seed: 11 });
    expect(picked.selection).toMatchObject({ method: 'sample', total: 100, selected: 20, seed: 11, sample: 20, stratify: ['dataset', 'label'] });
    expect(picked.selection.strata).toEqual([
      { key: 'dataset=ADE20K|label=fake', total: 30, selected: 6 },
      { key: 'dataset=ADE20K|label=real', total: 10, selected: 2 },
      { key: 'dataset=CelebAHQ|label=fake', total: 50, selected: 10 },
      { key: 'dataset=CelebAHQ|label=real', total: 10, selected: 2 },
    ]);
  });

  it('is deterministic for a seed, differs across seeds, and returns rows in file order', () => {
    const rows = makeRows({ real: 40, fake: 60 });
    const a = selectRows(rows, { sample: 10, stratify: 'label', seed: 5 });
    const b = selectRows(rows, { sample: 10, stratify: 'label', seed: 5 });
    const c = selectRows(rows, { sample: 10, stratify: 'label', seed: 6 });
    expect(a.indices).toEqual(b.indices);
    expect(a.indices).not.toEqual(c.indices);
    expect([...a.indices].sort((x, y) => x - y)).toEqual(a.indices);
    expect(new Set(a.indices).size).toBe(10);
    expect(a.rows.map((r) => r.id)).toEqual(a.indices.map((i) => rows[i]!.id));
  });

  it("draws each stratum independently: growing one stratum does not change another's draw", () => {
    const small = makeRows({ real: 30, fake: 30 });
    const big = makeRows({ real: 30, fake: 90 });
    // 60 rows, sample 20 -> 10 real; 120 rows, sample 40 -> 10 real: the same 10 real rows.
    const realOf = (rows: R[], n: number) => selectRows(rows, { sample: n, stratify: 'label', seed: 9 }).rows.filter((r) => r.label === 'real').map((r) => r.id);
    expect(realOf(small, 20)).toHaveLength(10);
    expect(realOf(small, 20)).toEqual(realOf(big, 40));
  });

  it('gives every row the same chance (frequency test over 4000 seeds)', () => {
    const rows = makeRows({ all: 20 });
    const hits = new Array<number>(20).fill(0);
    for (let seed = 0; seed < 4000; seed++) for (const i of selectRows(rows, { sample: 5, seed }).indices) hits[i] = (hits[i] ?? 0) + 1;
    // Expected 4000 * 5/20 = 1000 per row; the binomial sd is ~27, so +-150 is over 5 sd.
    for (const h of hits) expect(Math.abs(h - 1000)).toBeLessThan(150);
  });

  it('reads strata through an accessor for rows that keep their values elsewhere', () => {
    const rows = makeRows({ real: 4, fake: 6 }).map((r, index) => ({ index, columns: { label: r.label } }));
    const picked = selectRows(rows, { sample: 5, stratify: 'label', seed: 2 }, (row, name) => row.columns[name as 'label']);
    expect(picked.selection.strata).toEqual([
      { key: 'label=fake', total: 6, selected: 3 },
      { key: 'label=real', total: 4, selected: 2 },
    ]);
    // The same draw as on plain rows with the same values.
    expect(picked.indices).toEqual(selectRows(makeRows({ real: 4, fake: 6 }), { sample: 5, stratify: 'label', seed: 2 }).indices);
    expect(() => selectRows(rows, { sample: 2, stratify: 'nope', seed: 1 }, (row, name) => (row.columns as Record<string, string>)[name])).toThrow(/cannot stratify by 'nope': no such column$/);
  });

  it('caps a sample at the number of rows and rejects bad options with clear messages', () => {
    const rows = makeRows({ real: 3, fake: 2 });
    expect(selectRows(rows, { sample: 50, seed: 1 }).rows).toHaveLength(5);
    expect(() => selectRows(rows, { limit: 2, sample: 2, seed: 1 })).toThrow(/either a limit .* or a sample/);
    expect(() => selectRows(rows, { stratify: 'label', seed: 1 })).toThrow(/sample size/);
    expect(() => selectRows(rows, { sample: 0, seed: 1 })).toThrow(/positive integer/);
    expect(() => selectRows(rows, { sample: 2, stratify: 'nope', seed: 1 })).toThrow(/cannot stratify by 'nope'.*columns: id, label, dataset/);
  });
});
