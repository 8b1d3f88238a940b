/**
 * Seeded train/validation split grouped by source image (`image_id`): a real photo and all of its
 * edits fall on the same side, so validation never sees a near-copy of a training image.
 */
import { Rng, deriveSeed } from '../util/rng.js';

export interface GroupedSplit<T> {
  train: T[];
  val: T[];
  /** Source images in the validation split, sorted. */
  valGroups: string[];
}

export function groupedSplit<T>(rows: readonly T[], group: (row: T) => string, fraction: number, seed: number): GroupedSplit<T> {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`--val must be a fraction in (0, 1), got ${fraction}`);
  const groups = [...new Set(rows.map(group))].sort();
  if (groups.length < 2) throw new Error(`a grouped split needs at least 2 source images (image_id); the data has ${groups.length}`);
  // Fisher-Yates on the sorted ids: the split depends on the seed and the set of ids only.
  const rng = new Rng(deriveSeed(seed, 'probe-split'));
  for (let i = groups.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [groups[i], groups[j]] = [groups[j] as string, groups[i] as string];
  }
  const nVal = Math.min(groups.length - 1, Math.max(1, Math.round(fraction * groups.length)));
  const valGroups = new Set(groups.slice(0, nVal));
  return {
    train: rows.filter((r) => !valGroups.has(group(r))),
    val: rows.filter((r) => valGroups.has(group(r))),
    valGroups: [...valGroups].sort(),
  };
}
