/**
 * `http`: a detector behind an HTTP endpoint. Batches are POSTed; the reply carries one score per
 * item. Wire format, version 1 (also in docs/detectors.md):
 *
 * JSON (default, `format=json`): `Content-Type: application/json`
 *   {"protocol":1,"items":[{"id","key","image":{"mediaType":"image/png","base64":"..."},
 *     "columns"?:{...},"tensor"?:{"dims":[3,224,224],"dtype":"float32","base64":"..."}}]}
 * Multipart (`format=multipart`): a `metadata` part with the same JSON minus the image bytes, and
 *   one file part per item named `image<i>` (i = index in `items`).
 * Reply (either format): `{"scores":[0.93, null, ...], "errors"?:[null, "why", ...], "maps"?:[Map|null, ...]}`
 *   (HTTP 200); `maps` are localisation maps as raw uint8/float32 in base64 with their size (wire-maps.ts).
 *
 * `image` holds the original file's bytes unless the detector asks the harness for a tensor
 * (option `input`, a DetectorInput as JSON), in which case `tensor` holds little-endian float32.
 * Requests are retried with exponential backoff on network errors, timeouts, 408, 429 and 5xx; other
 * statuses (401, 403, 404, ...), malformed URLs and unknown hosts fail at once with the reason.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Semaphore, validateDetectorInput, type DetectorInput, type DetectorItem, type DetectorPlugin, type OptionValue, type PartialScores, type ScoredItem } from '@semibench/harness/plugin';
import { toScores } from './partial-scores.js';
import { decodeWireMaps } from './wire-maps.js';

type BatchResult = PartialScores | Float64Array | (number | ScoredItem)[];

const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.gif': 'image/gif',
};

export interface HttpOptions {
  url: string;
  format: 'json' | 'multipart';
  authHeader?: string;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  concurrency: number;
  itemsPerRequest?: number;
  input: DetectorInput;
}

const KNOWN = ['url', 'format', 'token', 'authHeader', 'timeoutMs', 'retries', 'backoffMs', 'concurrency', 'itemsPerRequest', 'input'];

function numberOpt(v: OptionValue | undefined, name: string, fallback: number, min: number): number {
  if (v === undefined || v === null) return fallback;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) throw new Error(`http: option ${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  return n;
}

export function resolveHttpOptions(options: Readonly<Record<string, OptionValue>>): HttpOptions {
  for (const k of Object.keys(options)) if (!KNOWN.includes(k)) throw new Error(`http: unknown option "${k}"; options: ${KNOWN.join(', ')}`);
  const url = options.url;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new Error('http: option "url" is required and must start with http:// or https://');
  // A malformed URL can never work: say so at create(), not after three backed-off retries.
  if (!URL.canParse(url)) throw new Error(`http: option "url" is not a valid URL: ${JSON.stringify(url)}`);
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'multipart') throw new Error(`http: option format must be "json" or "multipart", got ${JSON.stringify(format)}`);
  if (options.token !== undefined && options.authHeader !== undefined) throw new Error('http: give either token or authHeader, not both');
  const rawInput = typeof options.input === 'string' ? (JSON.parse(options.input) as unknown) : (options.input ?? { kind: 'path' });
  const input = validateDetectorInput(rawInput, 'http option input');
  if (input.kind === 'pixels') throw new Error('http: input kind "pixels" is not supported over HTTP; use "path" (the file) or "tensor"');
  const out: HttpOptions = {
    url,
    format,
    timeoutMs: numberOpt(options.timeoutMs, 'timeoutMs', 60_000, 1),
    retries: numberOpt(options.retries, 'retries', 3, 0),
    backoffMs: numberOpt(options.backoffMs, 'backoffMs', 500, 0),
    concurrency: numberOpt(options.concurrency, 'concurrency', 2, 1),
    input,
  };
  if (typeof options.token === 'string') out.authHeader = `Bearer ${options.token}`;
  if (typeof options.authHeader === 'string') out.authHeader = options.authHeader;
  const per = options.itemsPerRequest;
  if (per !== undefined && per !== null) out.itemsPerRequest = numberOpt(per, 'itemsPerRequest', 1, 1);
  return out;
}

/** At most `limit` tasks at a time, shared by every caller of one detector instance. */
class HttpStatusError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

async function buildBody(items: readonly DetectorItem[], opts: HttpOptions): Promise<{ body: string | FormData; contentType?: string }> {
  const meta = await Promise.all(
    items.map(async (item, i) => {
      const m: Record<string, unknown> = { id: item.id, key: item.key };
      if (item.columns) m.columns = item.columns;
      if (item.tensor) {
        const t = item.tensor.data;
        m.tensor = { dims: item.tensor.dims, dtype: 'float32', base64: Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('base64') };
      }
      let bytes: Buffer | undefined;
      if (opts.input.kind === 'path') {
        bytes = await readFile(item.path).catch((e: Error) => {
          throw new Error(`http: cannot read ${item.path} (item ${item.key}): ${e.message}`);
        });
        const mediaType = MEDIA_TYPES[extname(item.path).toLowerCase()] ?? 'application/octet-stream';
        m.image = opts.format === 'json' ? { mediaType, base64: bytes.toString('base64') } : { mediaType, part: `image${i}` };
      }
      return { m, bytes };
    }),
  );
  if (opts.format === 'json') return { body: JSON.stringify({ protocol: 1, items: meta.map((x) => x.m) }), contentType: 'application/json' };
  const form = new FormData();
  form.append('metadata', JSON.stringify({ protocol: 1, items: meta.map((x) => x.m) }));
  meta.forEach((x, i) => {
    if (x.bytes) form.append(`image${i}`, new Blob([x.bytes], { type: (x.m.image as { mediaType: string }).mediaType }), items[i]?.key);
  });
  return { body: form };
}

async function postOnce(opts: HttpOptions, body: string | FormData, contentType: string | undefined, count: number, signal?: AbortSignal): Promise<BatchResult> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType) headers['content-type'] = contentType;
  if (opts.authHeader) headers.authorization = opts.authHeader;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const res = await fetch(opts.url, { method: 'POST', headers, body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout }).catch((e: Error) => {
    if (signal?.aborted) throw new HttpStatusError(`http: request to ${opts.url} aborted`, false);
    const cause = e.cause as (Error & { code?: string }) | undefined;
    const reason = timeout.aborted ? `no reply within ${opts.timeoutMs} ms` : (cause?.message ?? e.message);
    // A host name that does not resolve is a wrong URL, not a passing network fault.
    throw new HttpStatusError(`http: POST ${opts.url} failed: ${reason}`, cause?.code !== 'ENOTFOUND');
  });
  const text = await res.text();
  if (!res.ok) {
    // Only what can change by waiting: request timeout, rate limit, server errors. 401/403/404 and
    // other client errors fail at once.
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new HttpStatusError(`http: POST ${opts.url} answered ${res.status} ${res.statusText}: ${text.slice(0, 300)}`, retryable);
  }
  let reply: { scores?: unknown; errors?: unknown; maps?: unknown };
  try {
    reply = JSON.parse(text) as { scores?: unknown; errors?: unknown; maps?: unknown };
  } catch {
    throw new HttpStatusError(`http: ${opts.url} replied with something that is not JSON: ${text.slice(0, 200)}`, false);
  }
  if (!Array.isArray(reply.scores) || reply.scores.length !== count) {
    throw new HttpStatusError(`http: ${opts.url} replied with ${Array.isArray(reply.scores) ? reply.scores.length : 'no'} scores for ${count} items`, false);
  }
  const scores = reply.scores.map((s, i) => {
    if (s === null) return null;
    if (typeof s !== 'number' || !Number.isFinite(s)) throw new HttpStatusError(`http: ${opts.url} gave score ${JSON.stringify(s)} for item ${i}`, false);
    return s;
  });
  const errors = Array.isArray(reply.errors) ? reply.errors.map((e) => (e === null || e === undefined ? null : String(e))) : undefined;
  let maps;
  try {
    maps = decodeWireMaps(reply.maps, count, `http: ${opts.url}`);
  } catch (e) {
    throw new HttpStatusError((e as Error).message, false);
  }
  return toScores(scores, errors, `http ${opts.url}`, maps);
}

const plugin: DetectorPlugin = {
  kind: 'detector',
  meta: {
    name: 'http',
    version: '1.0.0',
    apiVersion: 1,
    description: 'A detector behind an HTTP endpoint: batches POSTed as JSON (base64) or multipart, with auth, timeout, retries and a concurrency limit.',
    license: 'MIT',
    secretOptions: ['token', 'authHeader'],
    batchSize: 16,
  },
  create(options, context) {
    const opts = resolveHttpOptions(options);
    const limiter = new Semaphore(opts.concurrency);
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    const send = async (items: readonly DetectorItem[], signal: AbortSignal): Promise<BatchResult> => {
      const { body, contentType } = await buildBody(items, opts);
      for (let attempt = 0; ; attempt++) {
        try {
          return await limiter.run(() => postOnce(opts, body, contentType, items.length, signal));
        } catch (e) {
          const err = e as Error;
          const keys = items.slice(0, 3).map((i) => i.key).join(', ') + (items.length > 3 ? ', ...' : '');
          if (!(err instanceof HttpStatusError) || !err.retryable || attempt >= opts.retries) {
            throw new Error(`${err.message} (items ${keys}${attempt ? `; after ${attempt + 1} attempts` : ''})`);
          }
          const wait = opts.backoffMs * 2 ** attempt;
          context.logger.warn(`${err.message}; retry ${attempt + 1}/${opts.retries} in ${wait} ms`);
          await sleep(wait);
        }
      }
    };
    return {
      input: opts.input,
      identity: { url: opts.url, format: opts.format, input: opts.input.kind },
      async predict(items, signal) {
        const per = opts.itemsPerRequest ?? items.length;
        const parts: Promise<BatchResult>[] = [];
        for (let s = 0; s < items.length; s += per) parts.push(send(items.slice(s, s + per), signal));
        const results = await Promise.all(parts);
        if (results.every((r) => r instanceof Float64Array)) {
          const out = new Float64Array(items.length);
          let at = 0;
          for (const r of results as Float64Array[]) {
            out.set(r, at);
            at += r.length;
          }
          return out;
        }
        // Maps without failures: plain { score, map } items (a partial result only when an item failed).
        if (results.every((r) => r instanceof Float64Array || Array.isArray(r))) return results.flatMap((r) => [...(r as ArrayLike<number | ScoredItem> & Iterable<number | ScoredItem>)]);
        const scores: (number | ScoredItem | null)[] = [];
        const errors: (string | null)[] = [];
        for (const r of results) {
          if (r instanceof Float64Array || Array.isArray(r)) {
            scores.push(...r);
            errors.push(...Array.from(r, () => null));
          } else {
            scores.push(...r.scores);
            errors.push(...r.errors);
          }
        }
        return { scores, errors };
      },
    };
  },
};

export default plugin;
