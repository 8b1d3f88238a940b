/**
 * The semibench worker protocol, version 1: JSON lines over a child process's stdin/stdout.
 * Documented for worker authors in docs/detectors.md and implemented for Python (standard
 * library only) in examples/python-worker/semibench_worker.py.
 *
 *   semibench -> worker   {"type":"hello","protocol":1,"semibench":"<version>","options":{...}}
 *   worker -> semibench   {"type":"hello","protocol":1,"name":"...","version":"...","input":{...},
 *                          "needsMask":false,"needsColumns":[],"batchSize":16,"identity":{...}}
 *   semibench -> worker   {"type":"predict","id":1,"items":[Item...],"dataFile":"/tmp/.../1.bin"}
 *   worker -> semibench   {"type":"result","id":1,"scores":[0.1,null,...],"errors":[null,"why",...],
 *                          "maps"?:[Map|null,...]}   (localisation maps, see ../wire-maps.ts)
 *                      or {"type":"error","id":1,"message":"..."}   (the whole request failed)
 *   semibench -> worker   {"type":"shutdown"}                         (then stdin closes)
 *
 * Item: {"id","key","path","maskPath"?,"columns"?, "tensor"?:{"offset","dims","dtype":"float32"},
 *        "pixels"?:{"offset","width","height","channels"}, "mask"?:{same as pixels}}.
 * Offsets are byte offsets into `dataFile`, which holds the request's tensors (float32,
 * little-endian, C order) and pixels (uint8, HWC) back to back; it is deleted after the reply.
 * stdout carries protocol lines only; anything a worker wants to log goes to stderr.
 */
import { validateDetectorInput, type DetectorInput, type LocalisationMap, type OptionValue } from '@semibench/harness/plugin';
import { decodeWireMaps } from '../wire-maps.js';

export const PROTOCOL_VERSION = 1;

export interface WorkerHello {
  name: string;
  version: string;
  input: DetectorInput;
  needsMask: boolean;
  needsColumns: string[];
  batchSize?: number;
  /** What besides name@version changes the scores (e.g. a weights hash); recorded in the manifest. */
  identity?: Record<string, OptionValue>;
}

export interface RasterRef {
  offset: number;
  width: number;
  height: number;
  channels: number;
}

export interface ItemMessage {
  id: string;
  key: string;
  path: string;
  maskPath?: string;
  columns?: Record<string, string>;
  tensor?: { offset: number; dims: number[]; dtype: 'float32' };
  pixels?: RasterRef;
  mask?: RasterRef;
}

export type WorkerReply =
  | { type: 'result'; id: number; scores: (number | null)[]; errors?: (string | null)[]; maps?: (LocalisationMap | null)[] }
  | { type: 'error'; id: number; message: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the worker's hello line; `who` names the worker in errors. */
export function parseHello(msg: unknown, who: string): WorkerHello {
  if (!isObj(msg) || msg.type !== 'hello') throw new Error(`${who}: expected a hello message first, got ${JSON.stringify(msg).slice(0, 200)}`);
  if (msg.protocol !== PROTOCOL_VERSION) {
    throw new Error(`${who}: speaks worker protocol ${JSON.stringify(msg.protocol)}; this semibench speaks protocol ${PROTOCOL_VERSION}`);
  }
  if (typeof msg.name !== 'string' || msg.name === '') throw new Error(`${who}: hello needs a non-empty "name"`);
  if (typeof msg.version !== 'string' || msg.version === '') throw new Error(`${who}: hello needs a "version" string`);
  const input = validateDetectorInput(msg.input ?? { kind: 'path' }, `${who} hello`);
  const needsColumns = msg.needsColumns ?? [];
  if (!Array.isArray(needsColumns) || !needsColumns.every((c) => typeof c === 'string')) throw new Error(`${who}: hello "needsColumns" must be a list of column names`);
  const hello: WorkerHello = { name: msg.name, version: msg.version, input, needsMask: msg.needsMask === true, needsColumns: needsColumns as string[] };
  if (msg.batchSize !== undefined) {
    if (typeof msg.batchSize !== 'number' || !Number.isInteger(msg.batchSize) || msg.batchSize < 1) throw new Error(`${who}: hello "batchSize" must be a positive integer`);
    hello.batchSize = msg.batchSize;
  }
  if (msg.identity !== undefined) {
    if (!isObj(msg.identity)) throw new Error(`${who}: hello "identity" must be an object`);
    hello.identity = msg.identity as Record<string, OptionValue>;
  }
  return hello;
}

/** Validates a reply to request `id` for `count` items. */
export function parseReply(msg: unknown, id: number, count: number, who: string): WorkerReply {
  if (!isObj(msg)) throw new Error(`${who}: reply is not a JSON object: ${JSON.stringify(msg).slice(0, 200)}`);
  if (msg.id !== id) throw new Error(`${who}: reply for request ${JSON.stringify(msg.id)} while waiting for request ${id}`);
  if (msg.type === 'error') return { type: 'error', id, message: typeof msg.message === 'string' ? msg.message : JSON.stringify(msg.message) };
  if (msg.type !== 'result') throw new Error(`${who}: unexpected reply type ${JSON.stringify(msg.type)} (expected "result" or "error")`);
  if (!Array.isArray(msg.scores)) throw new Error(`${who}: reply ${id} has no "scores" list`);
  if (msg.scores.length !== count) throw new Error(`${who}: reply ${id} has ${msg.scores.length} scores for ${count} items`);
  const scores = msg.scores.map((s, i) => {
    if (s === null) return null;
    if (typeof s !== 'number' || !Number.isFinite(s)) throw new Error(`${who}: reply ${id} score ${i} is ${JSON.stringify(s)}, not a number or null`);
    return s;
  });
  let errors: (string | null)[] | undefined;
  if (msg.errors !== undefined) {
    if (!Array.isArray(msg.errors) || msg.errors.length !== count) throw new Error(`${who}: reply ${id} "errors" must list one entry per item`);
    errors = msg.errors.map((e) => (e === null ? null : String(e)));
  }
  scores.forEach((s, i) => {
    if (s === null && !errors?.[i]) throw new Error(`${who}: reply ${id} gives no score for item ${i} and no error saying why`);
  });
  const maps = decodeWireMaps(msg.maps, count, `${who}: reply ${id}`);
  const reply: WorkerReply = errors ? { type: 'result', id, scores, errors } : { type: 'result', id, scores };
  if (maps) reply.maps = maps;
  return reply;
}
