/**
 * @semibench/plugin-editors — built-in editors and label perturbers for `semibench generate`.
 * Registered as data with lazy loaders so listing plugins imports nothing heavy.
 */
import type { BuiltinEntry } from '@semibench/harness/plugin';

export const builtins: BuiltinEntry[] = [
  {
    kind: 'editor',
    name: 'telea',
    description: 'Classical fast-marching inpainting (Telea 2004) of the dilated mask region; weight-free, deterministic.',
    load: () => import('./telea.js'),
  },
  {
    kind: 'editor',
    name: 'splice',
    description: 'Region replacement from another image chosen by the seeded RNG; weight-free, deterministic.',
    load: () => import('./splice.js'),
  },
  {
    kind: 'editor',
    name: 'sdwebui',
    description: 'Diffusion inpainting through the AUTOMATIC1111/Forge Stable Diffusion WebUI API (img2img with mask).',
    load: () => import('./sdwebui.js'),
  },
  {
    kind: 'perturber',
    name: 'rules',
    description: 'Offline deterministic label perturbation by vocabulary substitution.',
    load: () => import('./rules.js'),
  },
  {
    kind: 'perturber',
    name: 'llm',
    description: 'Label perturbation with any OpenAI-compatible chat-completions endpoint (OPENAI_BASE_URL / OPENAI_API_KEY).',
    load: () => import('./llm.js'),
  },
];

export { inpaintTelea } from './telea-fmm.js';
export { editRegion } from './mask.js';
export { checkAnswer } from './answer.js';
export { DEFAULT_VOCABULARY, findCategory, normaliseLabel, type Vocabulary } from './vocabulary.js';
export { rulesPerturb } from './rules.js';
export { perturbQuestion, TAXONOMY_PREAMBLE, LLAVA_V0_SYSTEM } from './llm.js';
export type { Img2ImgPayload } from './sdwebui.js';
export { postJson, HttpError, EndpointUnreachableError } from './http.js';
