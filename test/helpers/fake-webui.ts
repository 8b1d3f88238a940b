/**
 * A fake AUTOMATIC1111/Forge WebUI for tests: `POST /sdapi/v1/img2img` on 127.0.0.1. It checks each
 * request like the real API would for an inpainting call (an init image and a same-size, non-empty
 * mask that decode; an integer seed; a prompt), answers 422 otherwise, and returns a deterministic
 * "inpainting": pixels where the mask is > 127 become a colour derived from sha256(prompt, seed),
 * the rest is the init image. Tests can script failures and observe concurrency.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeGrey, decodeRgb, encodePng, sha256, type RasterImage } from '@semibench/harness';

export interface RecordedImg2Img {
  body: Record<string, unknown>;
  authorization: string | undefined;
  image: RasterImage;
  mask: RasterImage;
  /** Number of mask pixels > 127. */
  maskArea: number;
  /** Distinct grey levels in the mask (2 for a binary mask). */
  maskLevels: number;
}

export interface FakeWebuiOptions {
  /** Answer the first N requests with HTTP 503 (a busy or restarting WebUI). */
  failFirst?: number;
  delayMs?: number;
  /** Extra per-request check; a returned string becomes a 422 with that message. */
  check?: (request: RecordedImg2Img) => string | undefined;
}

export interface FakeWebui {
  baseUrl: string;
  requests: RecordedImg2Img[];
  /** Requests answered 503 by `failFirst`. */
  failures: number;
  maxInFlight: number;
  close(): Promise<void>;
}

/** The colour the fake paints into the mask for a prompt and seed. */
export function fakeFillColour(prompt: string, seed: number): [number, number, number] {
  const h = sha256(`${prompt}\u0000${seed}`);
  return [Number.parseInt(h.slice(0, 2), 16), Number.parseInt(h.slice(2, 4), 16), Number.parseInt(h.slice(4, 6), 16)];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeWebui(options: FakeWebuiOptions = {}): Promise<FakeWebui> {
  const state = { requests: [] as RecordedImg2Img[], failures: 0, inFlight: 0, maxInFlight: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.method !== 'POST' || req.url !== '/sdapi/v1/img2img') return send(res, 404, { detail: 'Not Found' });
        state.inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
        try {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          if (state.failures < (options.failFirst ?? 0)) {
            state.failures++;
            return send(res, 503, { detail: 'Service Unavailable' });
          }
          let body: Record<string, unknown>;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            return send(res, 422, { detail: 'body is not JSON' });
          }
          const init = Array.isArray(body.init_images) ? body.init_images[0] : undefined;
          if (typeof init !== 'string') return send(res, 422, { detail: 'init_images[0] is required' });
          if (typeof body.mask !== 'string' || body.mask === '') return send(res, 422, { detail: 'mask is required for inpainting' });
          if (!Number.isInteger(body.seed) || (body.seed as number) < 0) return send(res, 422, { detail: `seed must be a non-negative integer, got ${JSON.stringify(body.seed)}` });
          if (typeof body.prompt !== 'string' || body.prompt.trim() === '') return send(res, 422, { detail: 'prompt is empty' });
          let image: RasterImage;
          let mask: RasterImage;
          try {
            image = await decodeRgb(Buffer.from(init, 'base64'));
            mask = await decodeGrey(Buffer.from(body.mask, 'base64'));
          } catch (err) {
            return send(res, 422, { detail: `cannot decode image or mask: ${(err as Error).message}` });
          }
          if (mask.width !== image.width || mask.height !== image.height) return send(res, 422, { detail: 'mask size differs from the image' });
          let maskArea = 0;
          const levels = new Set<number>();
          for (const v of mask.data) {
            if (v > 127) maskArea++;
            levels.add(v);
          }
          if (maskArea === 0) return send(res, 422, { detail: 'mask is empty' });
          const recorded: RecordedImg2Img = { body, authorization: req.headers.authorization, image, mask, maskArea, maskLevels: levels.size };
          state.requests.push(recorded);
          const problem = options.check?.(recorded);
          if (problem !== undefined) return send(res, 422, { detail: problem });
          const colour = fakeFillColour(body.prompt, body.seed as number);
          const out = Uint8Array.from(image.data);
          for (let i = 0; i < mask.data.length; i++) if ((mask.data[i] as number) > 127) out.set(colour, i * 3);
          const png = await encodePng({ data: out, width: image.width, height: image.height, channels: 3 });
          const { init_images: _i, mask: _m, ...parameters } = body;
          send(res, 200, { images: [png.toString('base64')], parameters, info: JSON.stringify({ seed: body.seed, prompt: body.prompt }) });
        } finally {
          state.inFlight--;
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: state.requests,
    get failures() {
      return state.failures;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
