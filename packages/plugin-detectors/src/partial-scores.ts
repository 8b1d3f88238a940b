/** Shared by the bridges (python, http) that may get per-item failures from the other side. */
import type { PartialScores } from '@semibench/harness/plugin';

/** Converts a worker's reply to what the harness expects (plain scores, or partial with reasons). */
export function toScores(scores: readonly (number | null)[], errors: readonly (string | null)[] | undefined, who: string): Float64Array | PartialScores {
  scores.forEach((s, i) => {
    if (s !== null && (s < 0 || s > 1)) throw new Error(`${who}: score ${s} for item ${i} is outside [0, 1]; the worker must return P(fake)`);
  });
  if (scores.every((s) => s !== null)) return Float64Array.from(scores as number[]);
  return { scores: [...scores], errors: scores.map((s, i) => (s === null ? (errors?.[i] ?? 'no score') : null)) };
}
