/**
 * Post-processing and validation of a proposed perturbed label (spec §3.1), shared by the `llm` and
 * `rules` perturbers so both obey the same label rules.
 */

export interface AnswerCheck {
  /** The text kept after the `:` cut (not trimmed, as the reference stores it). */
  kept: string;
  /** Why the answer is rejected, or undefined when it is acceptable. */
  rejection?: string;
}

/**
 * Reference rules: keep the text after the first `:`; reject when empty, more than 8 words, longer
 * than 200 characters, starting with "add " (first 5 chars) or "adding " (first 8 chars, both
 * lower-cased), still containing `:`, or equal to the raw mask label (case-insensitive, trimmed).
 */
export function checkAnswer(raw: string, label: string): AnswerCheck {
  const colon = raw.indexOf(':');
  const kept = colon >= 0 ? raw.slice(colon + 1) : raw;
  const words = kept.split(/\s+/).filter((w) => w !== '');
  const lower = kept.toLowerCase();
  let rejection: string | undefined;
  if (kept.trim() === '') rejection = 'empty answer';
  else if (words.length > 8) rejection = `more than 8 words (${words.length})`;
  else if (kept.length > 200) rejection = `longer than 200 characters (${kept.length})`;
  else if (lower.slice(0, 5).includes('add ')) rejection = 'starts with "add "';
  else if (lower.slice(0, 8).includes('adding ')) rejection = 'starts with "adding "';
  else if (kept.includes(':')) rejection = 'still contains ":"';
  else if (kept.trim().toLowerCase() === label.trim().toLowerCase()) rejection = 'equals the mask label';
  return rejection === undefined ? { kept } : { kept, rejection };
}

export const MAGNITUDES = ['small', 'medium', 'large'] as const;
