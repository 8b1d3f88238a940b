/** Shared by the bridges (python, http) that may get per-item failures from the other side. */
import type { LocalisationMap, PartialScores, ScoredItem } from '@semibench/harness/plugin';
import { withMaps } from './wire-maps.js';

/**
 * Converts a worker's reply to what the harness expects: plain scores, `{ score, map }` items when
 * the reply carried maps, or partial scores with reasons.
 */
export function toScores(
  scores: readonly (number | null)[],
  errors: readonly (string | null)[] | undefined,
  who: string,
  maps?: readonly (LocalisationMap | null)[],
): Float64Array | PartialScores | (number | ScoredItem)[] {
  scores.forEach((s, i) => {
    if (s !== null && (s < 0 || s > 1)) throw new Error(`${who}: score ${s} for item ${i} is outside [0, 1]; the worker must return P(fake)`);
  });
  const complete = scores.every((s) => s !== null);
  if (complete && !maps?.some((m) => m)) return Float64Array.from(scores as number[]);
  const items = withMaps(scores, maps);
  if (complete) return items as (number | ScoredItem)[];
  return { scores: items, errors: scores.map((s, i) => (s === null ? (errors?.[i] ?? 'no score') : null)) };
}
