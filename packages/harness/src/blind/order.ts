/**
 * The order rows are presented in. In metadata order a real photo precedes its edits, so a
 * detector that keeps state across items (or a worker that logs positions) could read the label
 * from the position. Blind runs sort rows by a hash of (seed, row key): a seeded shuffle that does
 * not depend on which other rows are in the run, so a resumed run, a shard and the prediction
 * store all see the same relative order.
 */
import type { DatasetRow } from '../dataset.js';
import { sha256 } from '../util/hash.js';

export function presentationOrder<R extends Pick<DatasetRow, 'key'>>(rows: readonly R[], seed: number): R[] {
  const rank = new Map(rows.map((r) => [r.key, sha256(`semibench-order:${seed}:${r.key}`)]));
  return [...rows].sort((a, b) => {
    const x = rank.get(a.key) as string;
    const y = rank.get(b.key) as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
