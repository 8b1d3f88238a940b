/**
 * Issue 14, failure 12: the `http` detector retries only what waiting can fix (408, 429, 5xx,
 * dropped connections) and fails at once on 401/403/404, a malformed URL or an unknown host.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectorItem, DetectorPlugin } from '@semibench/harness';
import { builtins } from '@semibench/plugin-detectors';

const image = resolve(__dirname, '../../fixtures/semi-truths-mini/original/images/ADE20K/ADE_train_00014889.jpg');
const items: DetectorItem[] = [{ id: 'a', key: 'a.jpg', path: image }];
const plan = { status: 200, requests: 0 };
let http: Server;
let url: string;
const warnings: string[] = [];
const context = { seed: 0, cacheDir: join(tmpdir(), 'semibench-http-bad'), baseDir: tmpdir(), signal: new AbortController().signal, logger: { debug: () => undefined, info: () => undefined, warn: (m: string) => warnings.push(m) } };

beforeAll(async () => {
  http = createServer((req, res) => {
    plan.requests++;
    req.resume();
    req.on('end', () => {
      if (plan.status === 200) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ scores: [0.5] }));
      else res.writeHead(plan.status).end('no');
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/score`;
});
afterAll(() => new Promise<void>((r) => http.close(() => r())));

async function create(options: Record<string, string | number>) {
  const entry = builtins.find((b) => b.kind === 'detector' && b.name === 'http');
  const plugin = ((await entry?.load()) as { default: DetectorPlugin }).default;
  return plugin.create(options, context);
}

describe('http detector retries', () => {
  for (const status of [401, 403, 404, 400]) {
    it(`${status}: one request, no retry`, async () => {
      plan.status = status;
      plan.requests = 0;
      const d = await create({ url, retries: 3, backoffMs: 1 });
      await expect(Promise.resolve(d.predict(items, context.signal))).rejects.toThrow(new RegExp(`answered ${status}`));
      expect(plan.requests).toBe(1);
    });
  }
  for (const status of [408, 429, 500, 503]) {
    it(`${status}: retried`, async () => {
      plan.status = status;
      plan.requests = 0;
      const d = await create({ url, retries: 2, backoffMs: 1 });
      await expect(Promise.resolve(d.predict(items, context.signal))).rejects.toThrow(/after 3 attempts/);
      expect(plan.requests).toBe(3);
    });
  }
  it('a malformed URL fails at create(); an unknown host fails without retries', async () => {
    await expect(create({ url: 'http://exa mple/score' })).rejects.toThrow('http: option "url" is not a valid URL');
    warnings.length = 0;
    const d = await create({ url: 'http://no-such-host.invalid/score', retries: 3, backoffMs: 1 });
    await expect(Promise.resolve(d.predict(items, context.signal))).rejects.toThrow(/ENOTFOUND|getaddrinfo/);
    expect(warnings).toEqual([]);
  });
});
