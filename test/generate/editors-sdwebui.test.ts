/** The `sdwebui` editor against a fake AUTOMATIC1111/Forge WebUI on 127.0.0.1. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binarizeMask, decodeMaskGrey, decodeRgb, deriveSeed, prepareInpaintMask, type EditRequest } from '@semibench/harness';
import sdwebuiEditor from '@semibench/plugin-editors/sdwebui';
import { fakeFillColour, startFakeWebui, type FakeWebui, type FakeWebuiOptions } from '../helpers/fake-webui.js';
import { testContext } from '../helpers/plugin-context.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'semi-truths-sample', 'input');
const { context, warnings } = testContext(import.meta.dirname);
const signal = new AbortController().signal;

let requestCache: EditRequest | undefined;
async function sampleRequest(seed: number): Promise<EditRequest> {
  if (!requestCache) {
    const image = await decodeRgb(join(SAMPLE, 'images/OpenImages/e16d9f29e2462eea.jpg'));
    const grey = await decodeMaskGrey(join(SAMPLE, 'masks/OpenImages/e16d9f29e2462eea_m01fb_0_baa743c5.png'));
    requestCache = {
      editId: 'e16d9f29e2462eea_m01fb_0_baa743c5_OpenImages_sdwebui',
      imageId: 'e16d9f29e2462eea',
      dataset: 'OpenImages',
      imagePath: join(SAMPLE, 'images/OpenImages/e16d9f29e2462eea.jpg'),
      maskPath: join(SAMPLE, 'masks/OpenImages/e16d9f29e2462eea_m01fb_0_baa743c5.png'),
      image,
      mask: binarizeMask(grey),
      preparedMask: prepareInpaintMask(grey),
      originalLabel: 'bagel',
      perturbedLabel: 'Glazed donut with sprinkles',
      magnitude: 'medium',
      seed: 0,
    };
  }
  return { ...requestCache, seed };
}

/** A 32x32 request: enough for tests about transport (retries, concurrency, auth), cheap to encode. */
function tinyRequest(seed: number): EditRequest {
  const w = 32;
  const image = { data: Uint8Array.from({ length: w * w * 3 }, (_, i) => (i * 7) % 256), width: w, height: w, channels: 3 as const };
  const mask = { data: Uint8Array.from({ length: w * w }, (_, i) => (i % w > 8 && i % w < 20 && i > 8 * w && i < 20 * w ? 255 : 0)), width: w, height: w, channels: 1 as const };
  return {
    editId: `tiny_${seed}`, imageId: 'tiny', dataset: 'X', imagePath: '/nonexistent/tiny.png', maskPath: '/nonexistent/tiny_mask.png',
    image, mask, preparedMask: mask, originalLabel: 'a', perturbedLabel: 'b', magnitude: 'small', seed,
  };
}

let server: FakeWebui | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function serve(options: FakeWebuiOptions = {}): Promise<FakeWebui> {
  server = await startFakeWebui(options);
  return server;
}

describe('sdwebui editor', () => {
  it('sends image, prepared mask, prompt = perturbed label, seed and the reference settings; returns the WebUI image', async () => {
    const s = await serve({ check: (r) => (String(r.body.prompt).includes('donut') ? undefined : 'prompt lacks the perturbed label') });
    const editor = await sdwebuiEditor.create({ baseUrl: s.baseUrl, checkpoint: 'v1-5-pruned-emaonly.safetensors [6ce0161689]' }, context);
    expect(editor.model).toBe('v1-5-pruned-emaonly');
    const seed = deriveSeed(0, 'sdwebui:e16d9f29e2462eea_m01fb_0_baa743c5');
    const req = await sampleRequest(seed);
    const { image, settings } = await editor.edit(req, signal);
    expect(s.requests).toHaveLength(1);
    const got = s.requests[0];
    expect(got?.body).toMatchObject({
      prompt: 'Glazed donut with sprinkles',
      negative_prompt: '',
      seed,
      steps: 50,
      cfg_scale: 7.5,
      denoising_strength: 1,
      mask_blur: 0,
      width: 512,
      height: 512,
      inpainting_mask_invert: 0,
      override_settings: { sd_model_checkpoint: 'v1-5-pruned-emaonly.safetensors [6ce0161689]' },
    });
    // The mask sent is the harness's prepared mask, byte for byte (soft edges: many grey levels).
    expect(Buffer.from(got?.mask.data ?? []).equals(Buffer.from(req.preparedMask.data))).toBe(true);
    expect(got?.maskLevels).toBeGreaterThan(2);
    expect(Buffer.from(got?.image.data ?? []).equals(Buffer.from(req.image.data))).toBe(true);
    // The returned pixels are what the fake painted: its colour inside the mask, the source outside.
    const colour = fakeFillColour('Glazed donut with sprinkles', seed);
    let inside = 0;
    let wrong = 0;
    for (let i = 0; i < req.preparedMask.data.length; i++) {
      const expected = (req.preparedMask.data[i] as number) > 127 ? colour : req.image.data.subarray(i * 3, i * 3 + 3);
      if ((req.preparedMask.data[i] as number) > 127) inside++;
      for (let c = 0; c < 3; c++) if (image.data[i * 3 + c] !== expected[c]) wrong++;
    }
    expect(wrong).toBe(0);
    expect(inside).toBe(got?.maskArea);
    expect(settings).toMatchObject({ seed, steps: 50, guidance: 7.5, maskBlur: 0, mask: 'prepared' });
  });

  it('binary mask mode lets the WebUI blur (mask_blur 16) and sends a 0/255 mask', async () => {
    const s = await serve();
    const editor = await sdwebuiEditor.create({ baseUrl: s.baseUrl, mask: 'binary', steps: 20, guidance: 5, sampler: 'Euler a' }, context);
    expect(editor.model).toBe('sdwebui');
    await editor.edit(await sampleRequest(3), signal);
    expect(s.requests[0]?.body).toMatchObject({ mask_blur: 16, steps: 20, cfg_scale: 5, sampler_name: 'Euler a', seed: 3 });
    expect(s.requests[0]?.maskLevels).toBe(2);
    expect(s.requests[0]?.body).not.toHaveProperty('override_settings');
  });

  it('retries a busy WebUI with backoff, and reports a rejected request with its detail', async () => {
    const s = await serve({ failFirst: 2 });
    const editor = await sdwebuiEditor.create({ baseUrl: s.baseUrl, backoffMs: 5 }, context);
    warnings.length = 0;
    await editor.edit(tinyRequest(1), signal);
    expect(s.failures).toBe(2);
    expect(s.requests).toHaveLength(1);
    expect(warnings[0]).toMatch(/sdwebui: tiny_1: POST .*HTTP 503.*retry 1\/3/);
    await server?.close();
    const strict = await serve({ check: () => 'sampler not found' });
    const e2 = await sdwebuiEditor.create({ baseUrl: strict.baseUrl, backoffMs: 5 }, context);
    await expect(e2.edit(tinyRequest(1), signal)).rejects.toThrow(/sdwebui: POST .*\/sdapi\/v1\/img2img returned HTTP 422: .*sampler not found/);
  });

  it('gives up after the configured retries and says how many attempts were made', async () => {
    const s = await serve({ failFirst: 100 });
    const editor = await sdwebuiEditor.create({ baseUrl: s.baseUrl, retries: 2, backoffMs: 1 }, context);
    await expect(editor.edit(tinyRequest(1), signal)).rejects.toThrow(/HTTP 503.*gave up after 3 attempts/);
    expect(s.failures).toBe(3);
  });

  it('holds to its concurrency limit (1 by default: one GPU)', async () => {
    const s = await serve({ delayMs: 30 });
    const one = await sdwebuiEditor.create({ baseUrl: s.baseUrl }, context);
    await Promise.all([1, 2, 3].map((k) => one.edit(tinyRequest(k), signal)));
    expect(s.maxInFlight).toBe(1);
    const three = await sdwebuiEditor.create({ baseUrl: s.baseUrl, concurrency: 3 }, context);
    await Promise.all([4, 5, 6, 7, 8, 9].map((k) => three.edit(tinyRequest(k), signal)));
    expect(s.maxInFlight).toBe(3);
  });

  it('sends basic auth when configured and never exposes it in identity', async () => {
    const s = await serve();
    const editor = await sdwebuiEditor.create({ baseUrl: s.baseUrl, auth: 'user:secret' }, context);
    await editor.edit(tinyRequest(2), signal);
    expect(s.requests[0]?.authorization).toBe(`Basic ${Buffer.from('user:secret').toString('base64')}`);
    expect(JSON.stringify(editor.identity)).not.toContain('secret');
  });

  it('explains a WebUI that is not there', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const editor = await sdwebuiEditor.create({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 }, context);
    await expect(editor.edit(tinyRequest(1), signal)).rejects.toThrow(new RegExp(`sdwebui: POST http://127\\.0\\.0\\.1:${port}/sdapi/v1/img2img failed: .*ECONNREFUSED`));
  });
});
