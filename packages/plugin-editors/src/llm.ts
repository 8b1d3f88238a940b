/**
 * Built-in perturber `llm`: label perturbation by any OpenAI-compatible chat-completions endpoint
 * (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio, ...), following the reference (spec §3.1):
 * the taxonomy preamble plus one of two questions (attribute / replace, chosen by the seeded RNG per
 * attempt), temperature 0.5 and top_p 0.5, at most 3 attempts, the reference's answer rules, and
 * the last answer kept but flagged when no attempt passes.
 *
 * Fixed by default, with the reference's behaviour behind parity options (spec §10, quirks 14/15):
 * - `parityFlagLastAttempt`: also flag a *valid* answer that came on the last attempt;
 * - `redrawMagnitude`: draw a new magnitude on every retry instead of keeping the requested one;
 * - `parityLlavaV0Template`: send LLaVA's generic `llava_v0` system prompt, the template the
 *   reference fell back to (the endpoint still applies its own chat template).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  definePerturber,
  deriveSeed,
  Rng,
  type OptionValue,
  type PerturberInstance,
  type PerturbRequest,
  type PerturbResult,
  type SemanticMagnitude,
} from '@semibench/harness/plugin';
import { checkAnswer, MAGNITUDES } from './answer.js';
import { joinUrl, REMOTE_OPTIONS, remoteEndpoint } from './http.js';
import { booleanOption, numberOption, rejectUnknownOptions, stringOption } from './options.js';

const NAME = 'llm';

export const TAXONOMY_PREAMBLE = [
  'You help build a benchmark of edited images. One region of an image will be changed, and you propose what it becomes.',
  'There are three levels of semantic change:',
  '- small: the overall meaning of the image stays the same. Examples: the lighting, the colour of an object, adding or removing a minor detail, slight changes to the background.',
  "- medium: the viewer's perception shifts somewhat. Examples: attributes of foreground subjects or objects, the orientation of an object or person, people's emotions, noticeable changes to the background.",
  '- large: the interpretation or message of the image is fundamentally transformed, possibly in a surprising way. Examples: altering, adding or removing key elements (people, objects, landmarks), replacing the subject, dramatically changing the colour scheme or mood.',
].join('\n');

export type QuestionTemplate = 'attribute' | 'replace';

/** The question about one mask; the label is shown with `_` replaced by spaces (spec §3.1). */
export function perturbQuestion(template: QuestionTemplate, label: string, magnitude: SemanticMagnitude): string {
  const l = label.replace(/_/g, ' ');
  if (template === 'attribute') {
    return `How could the ${l} region of this image be altered to produce a ${magnitude} semantic change, keeping a similar size and structure? Answer in the form "${l} with X" or "X ${l}", where X names a concrete colour, texture or attribute. Give no explanation and use as few words as possible.`;
  }
  return `Name an object of similar size and structure to replace the ${l} in this image with, to produce a ${magnitude} semantic change. Answer with only the target object and no explanation.`;
}

/** LLaVA's `llava_v0` conversation system prompt (the reference's accidental template). */
export const LLAVA_V0_SYSTEM =
  "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.";

const MIME: Readonly<Record<string, string>> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };

type ChatContent = string | ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];

/** The assistant text of a chat-completions answer, or an error naming what is missing. */
function replyText(json: unknown, url: string): string {
  const choice = (json as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((p) => (typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  }
  if (content === null && choice !== undefined) return '';
  throw new Error(`${NAME}: ${url} answered without choices[0].message.content; is this an OpenAI-compatible /chat/completions endpoint? Got: ${JSON.stringify(json).slice(0, 200)}`);
}

function plainObject(value: OptionValue | undefined, option: string): Record<string, OptionValue> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${NAME}: option "${option}" must be an object of extra request fields`);
  return value as Record<string, OptionValue>;
}

const KNOWN_OPTIONS = [
  'baseUrl', 'model', 'apiKey', 'temperature', 'topP', 'maxTokens', 'attempts', 'sendImage', 'system',
  'parityLlavaV0Template', 'parityFlagLastAttempt', 'redrawMagnitude', 'extraBody', ...REMOTE_OPTIONS,
];

export const llmPerturber = definePerturber({
  kind: 'perturber',
  meta: {
    name: NAME,
    version: '1.0.0',
    apiVersion: 1,
    description: 'Label perturbation with any OpenAI-compatible chat-completions endpoint (spec §3.1 prompt, validation, retries, flagging).',
    license: 'MIT',
    secretOptions: ['apiKey'],
  },
  create(options, context): PerturberInstance {
    rejectUnknownOptions(NAME, options, KNOWN_OPTIONS);
    const env = process.env;
    const baseUrl = stringOption(NAME, options, 'baseUrl') ?? env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
    const model = stringOption(NAME, options, 'model') ?? env.OPENAI_MODEL;
    if (model === undefined || model === '') {
      throw new Error(`${NAME}: no model. Set option "model" (e.g. --option llm.model=llama3.1:8b) or the environment variable OPENAI_MODEL.`);
    }
    const apiKey = stringOption(NAME, options, 'apiKey') ?? env.OPENAI_API_KEY;
    const temperature = numberOption(NAME, options, 'temperature', 0.5, { min: 0, max: 2 });
    const topP = numberOption(NAME, options, 'topP', 0.5, { min: 0, max: 1 });
    const maxTokens = numberOption(NAME, options, 'maxTokens', 512, { min: 1, integer: true });
    const attempts = numberOption(NAME, options, 'attempts', 3, { min: 1, max: 20, integer: true });
    const sendImage = booleanOption(NAME, options, 'sendImage', false);
    const system = stringOption(NAME, options, 'system');
    const parityLlava = booleanOption(NAME, options, 'parityLlavaV0Template', false);
    const parityFlag = booleanOption(NAME, options, 'parityFlagLastAttempt', false);
    const redraw = booleanOption(NAME, options, 'redrawMagnitude', false);
    const extraBody = plainObject(options.extraBody, 'extraBody');
    const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    const endpoint = remoteEndpoint(NAME, joinUrl(baseUrl, 'chat/completions'), options, { concurrency: 4, timeoutMs: 120_000, retries: 4, backoffMs: 1000 }, headers, context.logger);
    const systemText = system ?? (parityLlava ? LLAVA_V0_SYSTEM : undefined);

    async function imagePart(path: string): Promise<ChatContent> {
      const mime = MIME[extname(path).toLowerCase()] ?? 'image/png';
      const b64 = (await readFile(path)).toString('base64');
      return [{ type: 'image_url', image_url: { url: `data:${mime};base64,${b64}` } }];
    }

    async function ask(prompt: string, seed: number, request: PerturbRequest, signal: AbortSignal): Promise<string> {
      const content: ChatContent = sendImage ? [{ type: 'text', text: prompt }, ...((await imagePart(request.imagePath)) as Exclude<ChatContent, string>)] : prompt;
      const messages = [...(systemText !== undefined ? [{ role: 'system', content: systemText }] : []), { role: 'user', content }];
      const body = { model, messages, temperature, top_p: topP, max_tokens: maxTokens, seed, stream: false, ...extraBody };
      return replyText(await endpoint.post(body, signal), endpoint.url);
    }

    return {
      identity: { baseUrl, model, temperature, topP, maxTokens, attempts, sendImage, system: systemText ?? '', parityFlagLastAttempt: parityFlag, redrawMagnitude: redraw, extraBody },
      async perturb(request, signal): Promise<PerturbResult> {
        let magnitude = request.magnitude;
        let last = '';
        let lastRaw = '';
        let lastTemplate: QuestionTemplate = 'attribute';
        const rejections: string[] = [];
        for (let k = 1; k <= attempts; k++) {
          const rng = new Rng(deriveSeed(request.seed, `${NAME}:attempt:${k}`));
          if (redraw && k > 1) magnitude = rng.pick(MAGNITUDES);
          const template: QuestionTemplate = rng.int(2) === 0 ? 'attribute' : 'replace';
          const prompt = `${TAXONOMY_PREAMBLE}\n\n${perturbQuestion(template, request.label, magnitude)}`;
          const raw = await ask(prompt, deriveSeed(request.seed, `${NAME}:sample:${k}`), request, signal);
          const check = checkAnswer(raw, request.label);
          last = check.kept;
          lastRaw = raw;
          lastTemplate = template;
          if (check.rejection === undefined) {
            const flagged = parityFlag && k === attempts;
            return { target: check.kept.trim(), magnitude, flagged, attempts: k, detail: { raw: raw.slice(0, 500), template, rejections: rejections.join(' | ') } };
          }
          rejections.push(`attempt ${k}: ${check.rejection}`);
        }
        const target = last.trim();
        return {
          target: target === '' ? null : target,
          magnitude,
          flagged: true,
          attempts,
          detail: { raw: lastRaw.slice(0, 500), template: lastTemplate, rejections: rejections.join(' | ') },
        };
      },
    };
  },
});

export default llmPerturber;
