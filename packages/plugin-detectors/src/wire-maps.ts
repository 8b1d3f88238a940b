/**
 * Localisation maps on the wire (worker protocol and HTTP protocol, version 1): a reply may carry
 * `"maps": [Map | null, ...]`, one entry per item, where
 *   Map = {"width": W, "height": H, "dtype": "uint8" | "float32", "base64": "..."}
 * and `base64` holds the raw H·W values, row-major: bytes round(255·p) for uint8, little-endian
 * IEEE float32 in [0, 1] for float32. Binary in base64 costs 4/3 of the raw bytes, where a JSON list
 * of numbers costs 5 to 20 bytes a pixel and must be parsed number by number.
 */
import type { LocalisationMap, ScoredItem } from '@semibench/harness/plugin';

type Obj = Record<string, unknown>;

function decodeOne(raw: unknown, i: number, who: string): LocalisationMap | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${who}: maps[${i}] must be an object {width, height, dtype, base64} or null`);
  const { width, height, dtype, base64 } = raw as Obj;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    throw new Error(`${who}: maps[${i}] needs positive integer width and height, got ${JSON.stringify(width)} x ${JSON.stringify(height)}`);
  }
  if (dtype !== 'uint8' && dtype !== 'float32') throw new Error(`${who}: maps[${i}] dtype must be "uint8" or "float32", got ${JSON.stringify(dtype)}`);
  if (typeof base64 !== 'string') throw new Error(`${who}: maps[${i}] needs the raw values as a base64 string`);
  const bytes = Buffer.from(base64, 'base64');
  const n = (width as number) * (height as number);
  const size = dtype === 'uint8' ? n : 4 * n;
  if (bytes.length !== size) throw new Error(`${who}: maps[${i}] holds ${bytes.length} bytes; ${width}x${height} ${dtype} needs ${size}`);
  if (dtype === 'uint8') return { data: new Uint8Array(bytes.buffer, bytes.byteOffset, n), width: width as number, height: height as number };
  const data = new Float32Array(n);
  for (let k = 0; k < n; k++) data[k] = bytes.readFloatLE(4 * k);
  return { data, width: width as number, height: height as number };
}

/** The `maps` entry of a reply for `count` items (undefined when the reply has none). */
export function decodeWireMaps(raw: unknown, count: number, who: string): (LocalisationMap | null)[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length !== count) throw new Error(`${who}: "maps" must list one entry (a map or null) per item, ${count} in all`);
  return raw.map((m, i) => decodeOne(m, i, who));
}

/** A map in wire form (what a worker or server written in TypeScript would send; tests use it too). */
export function encodeWireMap(map: LocalisationMap): { width: number; height: number; dtype: 'uint8' | 'float32'; base64: string } {
  const { data } = map;
  const dtype = data instanceof Uint8Array ? 'uint8' : 'float32';
  let bytes: Buffer;
  if (data instanceof Uint8Array) bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  else {
    bytes = Buffer.alloc(4 * data.length);
    for (let k = 0; k < data.length; k++) bytes.writeFloatLE(data[k] as number, 4 * k);
  }
  return { width: map.width, height: map.height, dtype, base64: bytes.toString('base64') };
}

/** Scores with their maps attached (`{ score, map }` where an item has one). */
export function withMaps(scores: readonly (number | null)[], maps: readonly (LocalisationMap | null)[] | undefined): (number | ScoredItem | null)[] {
  if (!maps) return [...scores];
  return scores.map((s, i) => {
    const map = maps[i];
    return s === null || !map ? s : { score: s, map };
  });
}
