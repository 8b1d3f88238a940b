/**
 * Localisation maps on the wire: raw uint8 / float32 bytes in base64 with their size (worker and HTTP
 * protocols), round-tripped exactly, rejected with a reason when malformed, and carried by the `http`
 * detector from a local server into `{ score, map }` items.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectorItem, DetectorPlugin, PluginContext, ScoredItem } from '@semibench/harness';
import { builtins, decodeWireMaps, encodeWireMap } from '@semibench/plugin-detectors';

const uint8 = { data: Uint8Array.from([0, 128, 255, 7, 9, 200]), width: 3, height: 2 };
const float32 = { data: Float32Array.from([0, 0.25, 0.5, 1, 0.125, 0.875]), width: 2, height: 3 };

describe('wire maps', () => {
  it('round-trips uint8 and float32 maps byte for byte, as base64 of the raw values', () => {
    const wire = [encodeWireMap(uint8), null, encodeWireMap(float32)];
    expect(wire[0]).toEqual({ width: 3, height: 2, dtype: 'uint8', base64: Buffer.from(uint8.data).toString('base64') });
    expect(Buffer.from(wire[2]!.base64, 'base64')).toHaveLength(24);
    const back = decodeWireMaps(JSON.parse(JSON.stringify(wire)), 3, 'test');
    expect(back?.[0]).toEqual(uint8);
    expect(back?.[1]).toBeNull();
    expect(back?.[2]).toEqual(float32);
    expect(decodeWireMaps(undefined, 3, 'test')).toBeUndefined();
  });

  it('says what is wrong with a malformed map', () => {
    expect(() => decodeWireMaps([encodeWireMap(uint8)], 2, 'w')).toThrow(/one entry \(a map or null\) per item, 2 in all/);
    expect(() => decodeWireMaps([{ ...encodeWireMap(uint8), width: 4 }], 1, 'w')).toThrow(/maps\[0\] holds 6 bytes; 4x2 uint8 needs 8/);
    expect(() => decodeWireMaps([{ ...encodeWireMap(uint8), dtype: 'int16' }], 1, 'w')).toThrow(/dtype must be "uint8" or "float32"/);
    expect(() => decodeWireMaps([[0.1, 0.2]], 1, 'w')).toThrow(/must be an object/);
  });
});

describe('http detector with maps', () => {
  let http: Server;
  let url: string;
  beforeAll(async () => {
    http = createServer(async (req, res) => {
      for await (const _ of req) void _;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ scores: [0.2, 0.9], maps: [null, encodeWireMap(float32)] }));
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/predict`;
  });
  afterAll(() => new Promise<void>((r) => http.close(() => r())));

  it('hands the server’s maps to the harness as { score, map } items', async () => {
    const plugin = (await builtins.find((b) => b.name === 'http')!.load()) as { default: DetectorPlugin };
    const context: PluginContext = { seed: 0, cacheDir: '/tmp', baseDir: '/tmp', logger: { debug() {}, info() {}, warn() {} }, signal: new AbortController().signal };
    const instance = await plugin.default.create({ url, input: { kind: 'tensor', preprocess: { steps: [], tensor: { layout: 'NCHW' } } } }, context);
    const items: DetectorItem[] = ['a', 'b'].map((key) => ({ id: key, key, path: `/nowhere/${key}.png`, tensor: { data: new Float32Array(12), dims: [3, 2, 2] } }));
    const result = (await instance.predict(items, context.signal)) as (number | ScoredItem)[];
    expect(result[0]).toBe(0.2);
    expect(result[1]).toEqual({ score: 0.9, map: float32 });
  });
});
