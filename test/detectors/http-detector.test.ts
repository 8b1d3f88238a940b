/**
 * The `http` detector against a local server on 127.0.0.1 that runs the noise-inconsistency
 * statistic on the uploaded bytes: scores must equal the in-process detector's, in both wire
 * formats. Also auth, retries with backoff, per-item errors, the concurrency limit and timeouts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRgb } from '@semibench/harness';
import type { DetectorItem, DetectorPlugin, PartialScores, PluginContext, PluginOptions } from '@semibench/harness';
import { builtins } from '@semibench/plugin-detectors';
import { analyseNoise } from '@semibench/plugin-detectors/noise-inconsistency';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const images = resolve(root, 'fixtures/semi-truths-sample/input/images');
const keys = ['ADE20K/ADE_train_00014889.jpg', 'CityScapes/ulm_000084_000019.png', 'HumanParsing/img_05093.png', 'SUN_RGBD/bikeroom_1__0001450-000048564684.jpg'];
const items: DetectorItem[] = keys.map((key) => ({ id: key, key, path: join(images, key) }));

interface Upload {
  key: string;
  mediaType: string;
  bytes: Buffer;
}

/** Server state the tests steer. */
const server = { failNext: 0, delayMs: 0, inFlight: 0, maxInFlight: 0, requests: 0, formats: [] as string[] };
let http: Server;
let url: string;
const logs: string[] = [];

async function readUploads(req: IncomingMessage): Promise<Upload[]> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    server.formats.push('json');
    const msg = JSON.parse(body.toString('utf8')) as { items: { key: string; image: { mediaType: string; base64: string } }[] };
    return msg.items.map((it) => ({ key: it.key, mediaType: it.image.mediaType, bytes: Buffer.from(it.image.base64, 'base64') }));
  }
  server.formats.push('multipart');
  const form = await new Response(body, { headers: { 'content-type': type } }).formData();
  const meta = JSON.parse(String(form.get('metadata'))) as { items: { key: string; image: { mediaType: string; part: string } }[] };
  return Promise.all(
    meta.items.map(async (it) => ({ key: it.key, mediaType: it.image.mediaType, bytes: Buffer.from(await (form.get(it.image.part) as Blob).arrayBuffer()) })),
  );
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  server.requests++;
  server.inFlight++;
  server.maxInFlight = Math.max(server.maxInFlight, server.inFlight);
  try {
    if (req.headers.authorization !== 'Bearer hf_secret') {
      res.writeHead(401).end('bad token');
      return;
    }
    if (server.failNext > 0) {
      server.failNext--;
      res.writeHead(503).end('warming up');
      return;
    }
    const uploads = await readUploads(req);
    if (server.delayMs) await new Promise((r) => setTimeout(r, server.delayMs));
    const scores: (number | null)[] = [];
    const errors: (string | null)[] = [];
    for (const u of uploads) {
      if (u.key.includes('SUN_RGBD')) {
        scores.push(null);
        errors.push(`no indoor scenes, please (${u.mediaType})`);
      } else {
        scores.push(analyseNoise(await decodeRgb(u.bytes)).score);
        errors.push(null);
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ scores, errors }));
  } finally {
    server.inFlight--;
  }
}

const context: PluginContext = {
  seed: 0,
  cacheDir: tmpdir(),
  baseDir: root,
  logger: { debug: () => {}, info: () => {}, warn: (m) => logs.push(m) },
  signal: new AbortController().signal,
};

async function create(options: PluginOptions) {
  const entry = builtins.find((b) => b.kind === 'detector' && b.name === 'http');
  const plugin = ((await entry?.load()) as { default: DetectorPlugin }).default;
  return plugin.create(options, context);
}

beforeAll(async () => {
  http = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/predict`;
});
afterAll(async () => {
  await new Promise<void>((r) => http.close(() => r()));
});

describe('http detector against a local server', () => {
  it('scores like the in-process detector in both wire formats, with per-item errors', async () => {
    const expected = await Promise.all(items.map(async (it) => analyseNoise(await decodeRgb(it.path)).score));
    for (const format of ['json', 'multipart']) {
      const detector = await create({ url, token: 'hf_secret', format });
      expect(detector.input).toEqual({ kind: 'path' });
      const result = (await detector.predict(items, context.signal)) as PartialScores;
      expect(result.errors).toEqual([null, null, null, 'no indoor scenes, please (image/jpeg)']);
      result.scores.slice(0, 3).forEach((s, i) => expect(s).toBeCloseTo(expected[i] as number, 12));
      expect(server.formats.at(-1)).toBe(format);
    }
  });

  it('retries 5xx with backoff, fails 401 at once, and keeps the token out of the identity', async () => {
    server.failNext = 2;
    logs.length = 0;
    const ok = await create({ url, token: 'hf_secret', retries: 3, backoffMs: 10 });
    const scores = (await ok.predict(items.slice(0, 2), context.signal)) as Float64Array;
    expect(scores).toHaveLength(2);
    expect(logs).toEqual([expect.stringMatching(/answered 503 Service Unavailable: warming up; retry 1\/3 in 10 ms/), expect.stringMatching(/retry 2\/3 in 20 ms/)]);
    expect(JSON.stringify(ok.identity)).not.toContain('secret');
    const before = server.requests;
    const bad = await create({ url, token: 'wrong', retries: 3, backoffMs: 10 });
    await expect(bad.predict(items.slice(0, 1), context.signal)).rejects.toThrow(/answered 401 Unauthorized: bad token \(items ADE20K\/ADE_train_00014889\.jpg\)/);
    expect(server.requests - before).toBe(1);
    server.failNext = 5;
    const giveUp = await create({ url, token: 'hf_secret', retries: 1, backoffMs: 1 });
    await expect(giveUp.predict(items.slice(0, 1), context.signal)).rejects.toThrow(/503.*after 2 attempts/);
    server.failNext = 0;
  });

  it('limits concurrent requests and times out slow replies', async () => {
    server.maxInFlight = 0;
    server.delayMs = 150;
    const limited = await create({ url, token: 'hf_secret', itemsPerRequest: 1, concurrency: 2 });
    const scores = (await limited.predict(items.slice(0, 3), context.signal)) as Float64Array;
    expect(scores).toHaveLength(3);
    expect(server.maxInFlight).toBe(2);
    const slow = await create({ url, token: 'hf_secret', timeoutMs: 50, retries: 0 });
    await expect(slow.predict(items.slice(0, 1), context.signal)).rejects.toThrow(/failed: no reply within 50 ms/);
    server.delayMs = 0;
  });

  it('rejects bad options', async () => {
    await expect(create({})).rejects.toThrow(/option "url" is required/);
    await expect(create({ url, format: 'xml' })).rejects.toThrow(/format must be "json" or "multipart"/);
    await expect(create({ url, input: '{"kind":"pixels"}' })).rejects.toThrow(/"pixels" is not supported over HTTP/);
  });
});
