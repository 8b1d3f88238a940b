/**
 * Built-in perturber `rules`: offline, deterministic label perturbation by vocabulary substitution,
 * so `semibench generate` runs without a language model. For the requested magnitude it builds
 * - small: a lighting/colour attribute ("slightly darker trees", "sidewalk in soft evening light");
 * - medium: a state/material/orientation attribute ("snow-covered fence", "bucket with graffiti");
 * - large: a replacement of similar size and structure from the label's category
 *   ("trees" -> "cactus", "rider" -> "robot").
 * The same (label, magnitude, seed) always gives the same answer; answers pass the same validation
 * as the LLM's (spec §3.1), so they are never flagged.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { definePerturber, deriveSeed, Rng, type PerturberInstance, type PerturbResult } from '@semibench/harness/plugin';
import { checkAnswer } from './answer.js';
import { rejectUnknownOptions, stringOption } from './options.js';
import { DEFAULT_VOCABULARY, findCategory, normaliseLabel, parseVocabulary, type Vocabulary } from './vocabulary.js';

const NAME = 'rules';

/** The readable form of a label used inside a phrase: underscores as spaces, as the LLM prompt does. */
function spoken(label: string): string {
  return label.replace(/_/g, ' ').trim();
}

export function rulesPerturb(vocabulary: Vocabulary, label: string, magnitude: 'small' | 'medium' | 'large', seed: number): { target: string; template: string; category: string } {
  const rng = new Rng(deriveSeed(seed, `${NAME}:${magnitude}`));
  const own = normaliseLabel(label);
  if (magnitude === 'large') {
    const category = findCategory(vocabulary, label);
    const pool = (category?.replacements ?? vocabulary.fallback).filter((r) => normaliseLabel(r) !== own);
    const choices = pool.length > 0 ? pool : vocabulary.fallback.filter((r) => normaliseLabel(r) !== own);
    return { target: rng.pick(choices), template: 'replace', category: category?.name ?? 'fallback' };
  }
  const attrs = vocabulary[magnitude];
  const options = [...attrs.prefix.map((p) => `${p} ${spoken(label)}`), ...attrs.suffix.map((s) => `${spoken(label)} ${s}`)];
  const target = rng.pick(options);
  return { target, template: attrs.prefix.some((p) => target.startsWith(`${p} `)) ? 'attribute-prefix' : 'attribute-suffix', category: 'attribute' };
}

export const rulesPerturber = definePerturber({
  kind: 'perturber',
  meta: {
    name: NAME,
    version: '1.0.0',
    apiVersion: 1,
    description: 'Offline deterministic label perturbation by vocabulary substitution (attributes for small/medium, same-category replacement for large).',
    license: 'MIT',
  },
  async create(options, context): Promise<PerturberInstance> {
    rejectUnknownOptions(NAME, options, ['vocabularyFile']);
    const file = stringOption(NAME, options, 'vocabularyFile');
    let vocabulary = DEFAULT_VOCABULARY;
    if (file !== undefined) {
      const path = isAbsolute(file) ? file : resolve(context.baseDir, file);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(path, 'utf8'));
      } catch (err) {
        throw new Error(`${NAME}: cannot read vocabularyFile ${path}: ${(err as Error).message}`);
      }
      vocabulary = parseVocabulary(json, path);
    }
    return {
      identity: file === undefined ? { vocabulary: 'builtin' } : { vocabularyFile: file },
      async perturb(request): Promise<PerturbResult> {
        const { target, template, category } = rulesPerturb(vocabulary, request.label, request.magnitude, request.seed);
        const check = checkAnswer(target, request.label);
        if (check.rejection !== undefined) {
          // Only a custom vocabulary can get here (e.g. a 9-word phrase); say which entry is at fault.
          throw new Error(`${NAME}: the vocabulary produced "${target}" for label "${request.label}", which the label rules reject (${check.rejection}); fix the vocabulary entry`);
        }
        return { target: target.trim(), magnitude: request.magnitude, flagged: false, attempts: 1, detail: { template, category } };
      },
    };
  },
});

export default rulesPerturber;
