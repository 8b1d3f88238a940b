/** Built-in perturbers: `rules` (offline vocabulary) and `llm` (OpenAI-compatible, against a fake server). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PerturbRequest, SemanticMagnitude } from '@semibench/harness';
import { checkAnswer, DEFAULT_VOCABULARY, findCategory } from '@semibench/plugin-editors';
import llmPerturber from '@semibench/plugin-editors/llm';
import rulesPerturber from '@semibench/plugin-editors/rules';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply, type RecordedChat } from '../helpers/fake-openai.js';
import { testContext } from '../helpers/plugin-context.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'semi-truths-sample', 'input');
const { context, warnings } = testContext(import.meta.dirname);
const signal = new AbortController().signal;

function request(label: string, magnitude: SemanticMagnitude, seed: number, extra: Partial<PerturbRequest> = {}): PerturbRequest {
  return { label, magnitude, seed, imageId: 'img', imagePath: join(SAMPLE, 'images/ADE20K/ADE_train_00014889.jpg'), dataset: 'ADE20K', entities: [], ...extra };
}

describe('answer rules (spec §3.1)', () => {
  it.each([
    ['Trees with no leaves', 'trees', undefined, 'Trees with no leaves'],
    ['Answer: Bare trees', 'trees', undefined, ' Bare trees'],
    ['', 'trees', 'empty answer', ''],
    ['   ', 'trees', 'empty answer', '   '],
    ['one two three four five six seven eight nine', 'x', 'more than 8 words (9)', undefined],
    ['Add a bird', 'trees', 'starts with "add "', undefined],
    ['adding a bird', 'trees', 'starts with "adding "', undefined],
    ['a: b: c', 'trees', 'still contains ":"', ' b: c'],
    [' TREES ', 'trees', 'equals the mask label', undefined],
    ['left ear', 'left_ear', undefined, undefined], // the raw label keeps its underscore
    ['x'.repeat(201), 'y', 'longer than 200 characters (201)', undefined],
  ])('%j for label %j', (raw, label, rejection, kept) => {
    const r = checkAnswer(raw, label);
    expect(r.rejection).toBe(rejection);
    if (kept !== undefined) expect(r.kept).toBe(kept);
  });
});

describe('rules perturber', () => {
  const labels = (parse(readFileSync(join(SAMPLE, 'metadata.csv')), { columns: true }) as { mask_name: string }[]).map((r) => r.mask_name);

  it('is deterministic per (label, magnitude, seed) and varies with the seed', async () => {
    const p = await rulesPerturber.create({}, context);
    const a = await p.perturb(request('trees', 'small', 1), signal);
    const b = await p.perturb(request('trees', 'small', 1), signal);
    expect(a).toEqual(b);
    const targets = new Set<string>();
    for (let s = 0; s < 30; s++) targets.add((await p.perturb(request('trees', 'medium', s), signal)).target ?? '');
    expect(targets.size).toBeGreaterThan(5);
  });

  it('small/medium keep the object and add an attribute; large swaps in a same-category object', async () => {
    const p = await rulesPerturber.create({}, context);
    const small = await p.perturb(request('left_ear', 'small', 3), signal);
    expect(small.target).toContain('left ear');
    expect(small.detail?.category).toBe('attribute');
    const large = await p.perturb(request('trees', 'large', 3), signal);
    expect(findCategory(DEFAULT_VOCABULARY, 'trees')?.name).toBe('vegetation');
    expect(DEFAULT_VOCABULARY.categories.find((c) => c.name === 'vegetation')?.replacements).toContain(large.target);
    expect(large).toMatchObject({ magnitude: 'large', flagged: false, attempts: 1, detail: { template: 'replace', category: 'vegetation' } });
    expect(findCategory(DEFAULT_VOCABULARY, 'Upper-clothes')?.name).toBe('clothing');
    expect(findCategory(DEFAULT_VOCABULARY, 'rider')?.name).toBe('person');
    expect(findCategory(DEFAULT_VOCABULARY, 'bagel')?.name).toBe('food');
    expect(findCategory(DEFAULT_VOCABULARY, 'zebra crossing')).toBeUndefined();
  });

  it('every sample label at every magnitude passes the answer rules, over many seeds', async () => {
    const p = await rulesPerturber.create({}, context);
    for (const label of labels) {
      for (const m of ['small', 'medium', 'large'] as const) {
        for (let s = 0; s < 20; s++) {
          const r = await p.perturb(request(label, m, s), signal);
          expect(r.target).not.toBeNull();
          expect(checkAnswer(r.target ?? '', label).rejection).toBeUndefined();
        }
      }
    }
  });

  it('accepts a custom vocabulary file and rejects a malformed one by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vocab-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ small: { prefix: ['pale'], suffix: [] }, medium: { prefix: [], suffix: ['upside down'] }, categories: [{ name: 'v', members: ['Trees'], replacements: ['kelp'] }], fallback: ['lamp', 'vase'] }));
    const p = await rulesPerturber.create({ vocabularyFile: good }, context);
    expect((await p.perturb(request('trees', 'small', 0), signal)).target).toBe('pale trees');
    expect((await p.perturb(request('trees', 'medium', 0), signal)).target).toBe('trees upside down');
    expect((await p.perturb(request('trees', 'large', 0), signal)).target).toBe('kelp');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ small: { prefix: [1] } }));
    await expect(rulesPerturber.create({ vocabularyFile: bad }, context)).rejects.toThrow(/rules: vocabulary in .*bad\.json: small\.prefix must be a list/);
  });
});

describe('llm perturber against a fake OpenAI-compatible server', () => {
  let server: FakeOpenAI | undefined;
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL, model: process.env.OPENAI_MODEL };
  beforeEach(() => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_MODEL;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    for (const [k, v] of [['OPENAI_API_KEY', saved.key], ['OPENAI_BASE_URL', saved.url], ['OPENAI_MODEL', saved.model]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  async function serve(reply: (r: RecordedChat, i: number) => FakeReply, extra: { delayMs?: number; apiKey?: string } = {}): Promise<FakeOpenAI> {
    server = await startFakeOpenAI({ reply, ...extra });
    return server;
  }

  it('without a model, says how to set one with the flag that exists (--option llm.model=)', async () => {
    const saved = process.env.OPENAI_MODEL;
    delete process.env.OPENAI_MODEL;
    try {
      await expect(Promise.resolve().then(() => llmPerturber.create({ baseUrl: 'http://127.0.0.1:9' }, context))).rejects.toThrow('(e.g. --option llm.model=llama3.1:8b) or the environment variable OPENAI_MODEL');
    } finally {
      if (saved !== undefined) process.env.OPENAI_MODEL = saved;
    }
  });

  it('sends the reference prompt and sampling settings, with key and model from the environment', async () => {
    const s = await serve(() => 'Assistant: Trees with no leaves', { apiKey: 'sk-test' });
    process.env.OPENAI_BASE_URL = s.baseUrl;
    process.env.OPENAI_API_KEY = 'sk-test';
    process.env.OPENAI_MODEL = 'llava:7b';
    const p = await llmPerturber.create({}, context);
    const r = await p.perturb(request('left_ear', 'large', 42), signal);
    expect(r).toMatchObject({ target: 'Trees with no leaves', magnitude: 'large', flagged: false, attempts: 1 });
    expect(s.requests).toHaveLength(1);
    const req = s.requests[0];
    expect(req?.body).toMatchObject({ model: 'llava:7b', temperature: 0.5, top_p: 0.5, max_tokens: 512, stream: false });
    expect(Number.isInteger(req?.body.seed)).toBe(true);
    expect(req?.prompt).toContain('left ear'); // `_` replaced in the question
    expect(req?.prompt).toContain('large semantic change');
    expect(req?.prompt).toMatch(/small: the overall meaning of the image stays the same/);
    expect(req?.headers.authorization).toBe('Bearer sk-test');
    expect(p.identity).not.toHaveProperty('apiKey');
    expect(JSON.stringify(p.identity)).not.toContain('sk-test');
  });

  it('same request and seed give the same requests (seed and template); another seed changes them', async () => {
    const s = await serve(() => 'Bare trees');
    const p = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm' }, context);
    await p.perturb(request('trees', 'small', 7), signal);
    await p.perturb(request('trees', 'small', 7), signal);
    expect(s.requests[0]?.body.seed).toBe(s.requests[1]?.body.seed);
    expect(s.requests[0]?.prompt).toBe(s.requests[1]?.prompt);
    const templates = new Set<string>();
    for (let seed = 0; seed < 16; seed++) {
      await p.perturb(request('trees', 'small', seed), signal);
      templates.add((s.requests.at(-1)?.prompt ?? '').includes('Name an object') ? 'replace' : 'attribute');
    }
    expect([...templates].sort()).toEqual(['attribute', 'replace']);
  });

  it('retries rejected answers and accepts a valid third answer unflagged (parity option flags it)', async () => {
    const replies = ['trees', 'Add a bird to the trees', 'Trees with red leaves'];
    const s = await serve((_r, i) => replies[i % 3] as string);
    const fixed = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm' }, context);
    const r = await fixed.perturb(request('trees', 'medium', 1), signal);
    expect(r).toMatchObject({ target: 'Trees with red leaves', flagged: false, attempts: 3, magnitude: 'medium' });
    expect(r.detail?.rejections).toBe('attempt 1: equals the mask label | attempt 2: starts with "add "');
    const parity = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm', parityFlagLastAttempt: true }, context);
    expect(await parity.perturb(request('trees', 'medium', 1), signal)).toMatchObject({ target: 'Trees with red leaves', flagged: true, attempts: 3 });
  });

  it('keeps the last answer flagged when every attempt is rejected; an empty last answer gives null', async () => {
    const s = await serve((_r, i) => (i < 3 ? 'Trees' : ''));
    const p = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm' }, context);
    expect(await p.perturb(request('trees', 'small', 0), signal)).toMatchObject({ target: 'Trees', flagged: true, attempts: 3 });
    expect(await p.perturb(request('trees', 'small', 0), signal)).toMatchObject({ target: null, flagged: true });
  });

  it('keeps the requested magnitude on retries unless redrawMagnitude is set', async () => {
    const s = await serve((r) => (r.prompt.includes('small semantic change') ? 'trees' : 'Bare trees'));
    const fixed = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm' }, context);
    const r = await fixed.perturb(request('trees', 'small', 5), signal);
    expect(r).toMatchObject({ magnitude: 'small', flagged: true, attempts: 3 });
    const redraw = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm', redrawMagnitude: true }, context);
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const x = await redraw.perturb(request('trees', 'small', seed), signal);
      if (!x.flagged) outcomes.add(x.magnitude);
    }
    expect(outcomes.size).toBeGreaterThan(0);
    expect(outcomes.has('small')).toBe(false); // a small prompt always got the rejected answer
  });

  it('retries transient HTTP failures with backoff and gives up on client errors with the status', async () => {
    const s = await serve((_r, i) => (i < 2 ? { status: 503 } : 'Bare trees'));
    const p = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm', backoffMs: 5 }, context);
    warnings.length = 0;
    expect((await p.perturb(request('trees', 'small', 0), signal)).target).toBe('Bare trees');
    expect(s.requests).toHaveLength(3);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/HTTP 503.*retry 1\/4/);
    await server?.close();
    const bad = await serve(() => ({ status: 400, body: '{"error":{"message":"unknown model"}}' }));
    const q = await llmPerturber.create({ baseUrl: bad.baseUrl, model: 'nope', backoffMs: 5 }, context);
    await expect(q.perturb(request('trees', 'small', 0), signal)).rejects.toThrow(/llm: POST .*chat\/completions returned HTTP 400: .*unknown model/);
    expect(bad.requests).toHaveLength(1);
  });

  it('limits concurrent requests', async () => {
    const s = await serve(() => 'Bare trees', { delayMs: 40 });
    const p = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm', concurrency: 2 }, context);
    await Promise.all(Array.from({ length: 8 }, (_, i) => p.perturb(request('trees', 'small', i), signal)));
    expect(s.requests).toHaveLength(8);
    expect(s.maxInFlight).toBe(2);
  });

  it('can send the image as a data URL and the llava_v0 system prompt (parity)', async () => {
    const s = await serve(() => 'Bare trees');
    const p = await llmPerturber.create({ baseUrl: s.baseUrl, model: 'm', sendImage: true, parityLlavaV0Template: true }, context);
    await p.perturb(request('trees', 'small', 0), signal);
    const msgs = s.requests[0]?.body.messages ?? [];
    expect(msgs[0]).toMatchObject({ role: 'system' });
    expect(String(msgs[0]?.content)).toMatch(/^A chat between a curious human/);
    const parts = msgs[1]?.content;
    expect(Array.isArray(parts)).toBe(true);
    const image = (parts as { type: string; image_url?: { url: string } }[]).find((x) => x.type === 'image_url');
    expect(image?.image_url?.url.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
  });

  it('explains a missing model and rejects unknown options', () => {
    expect(() => llmPerturber.create({ baseUrl: 'http://127.0.0.1:9' }, context)).toThrow(/llm: no model.*OPENAI_MODEL/);
    expect(() => llmPerturber.create({ model: 'm', temprature: 1 }, context)).toThrow(/llm: unknown option\(s\) "temprature"/);
  });
});
