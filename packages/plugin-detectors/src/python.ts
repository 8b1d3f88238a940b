/**
 * `python`: a detector that lives in the user's own long-running process (typically Python with
 * PyTorch), reached through the worker protocol of worker-bridge/protocol.ts. The process starts
 * once per run; its handshake says what it needs (file paths, decoded pixels or a preprocessed
 * tensor, the mask, extra columns), and the harness prepares exactly that.
 *
 *   semibench eval --detector python --option command="python3 my_worker.py" --option weights=./w.pth
 *
 * Options other than the ones below are forwarded to the worker in its hello message.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEMIBENCH_VERSION } from '@semibench/harness/plugin';
import type {
  DetectorInstance,
  DetectorItem,
  DetectorPlugin,
  OptionValue,
  PluginContext,
  PluginOptions,
  RasterImage,
} from '@semibench/harness/plugin';
import { splitCommand, WorkerProcess } from './worker-bridge/process.js';
import type { ItemMessage, RasterRef } from './worker-bridge/protocol.js';
import { toScores } from './partial-scores.js';

export const BRIDGE_OPTIONS = ['command', 'cwd', 'timeoutMs', 'startupTimeoutMs', 'maxRestarts'] as const;

function num(options: PluginOptions, name: string, fallback: number, min: number): number {
  const raw = options[name];
  if (raw === undefined || raw === null) return fallback;
  const v = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new Error(`python: option ${name} must be a number >= ${min}, got ${JSON.stringify(raw)}`);
  return v;
}

/** Packs the items' tensors, pixels and masks into one buffer and describes them for the worker. */
export function encodeItems(items: readonly DetectorItem[]): { messages: ItemMessage[]; data?: Buffer } {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const put = (bytes: Uint8Array): number => {
    // Keep float32 data 4-byte aligned so workers can map it without copying.
    const pad = (4 - (offset % 4)) % 4;
    if (pad) {
      chunks.push(new Uint8Array(pad));
      offset += pad;
    }
    const at = offset;
    chunks.push(bytes);
    offset += bytes.byteLength;
    return at;
  };
  const raster = (r: RasterImage): RasterRef => ({ offset: put(r.data), width: r.width, height: r.height, channels: r.channels });
  const messages = items.map((item): ItemMessage => {
    const m: ItemMessage = { id: item.id, key: item.key, path: item.path };
    if (item.maskPath) m.maskPath = item.maskPath;
    if (item.columns) m.columns = { ...item.columns };
    if (item.tensor) {
      const t = item.tensor.data;
      // Float32Array bytes are little-endian on every platform Node supports.
      m.tensor = { offset: put(new Uint8Array(t.buffer, t.byteOffset, t.byteLength)), dims: [...item.tensor.dims], dtype: 'float32' };
    }
    if (item.pixels) m.pixels = raster(item.pixels);
    if (item.mask) m.mask = raster(item.mask);
    return m;
  });
  return offset > 0 ? { messages, data: Buffer.concat(chunks) } : { messages };
}

export async function createPythonInstance(options: PluginOptions, context: PluginContext): Promise<DetectorInstance & { worker: WorkerProcess }> {
  const command = options.command;
  let argv: string[];
  if (typeof command === 'string') argv = splitCommand(command);
  else if (Array.isArray(command) && command.every((c) => typeof c === 'string')) argv = command as string[];
  else throw new Error('python: option "command" is required, e.g. --option command="python3 examples/python-worker/stdlib_worker.py"');
  if (argv.length === 0) throw new Error('python: option "command" is empty');
  const workerOptions: Record<string, OptionValue> = {};
  for (const [k, v] of Object.entries(options)) if (!(BRIDGE_OPTIONS as readonly string[]).includes(k)) workerOptions[k] = v;
  const worker = new WorkerProcess({
    argv,
    cwd: typeof options.cwd === 'string' ? options.cwd : context.baseDir,
    workerOptions,
    startupTimeoutMs: num(options, 'startupTimeoutMs', 120_000, 1),
    requestTimeoutMs: num(options, 'timeoutMs', 300_000, 1),
    maxRestarts: num(options, 'maxRestarts', 2, 0),
    logger: context.logger,
    semibenchVersion: SEMIBENCH_VERSION,
  });
  const hello = await worker.start();
  context.logger.info(`python: ${worker.name} is ${hello.name}@${hello.version}, input ${hello.input.kind}`);
  const dir = await mkdtemp(join(tmpdir(), 'semibench-worker-'));
  let request = 0;
  return {
    worker,
    input: hello.input,
    needsMask: hello.needsMask,
    needsColumns: hello.needsColumns,
    identity: { worker: hello.name, workerVersion: hello.version, workerOptions, ...(hello.identity ? { workerIdentity: hello.identity } : {}) },
    async predict(items, signal) {
      const { messages, data } = encodeItems(items);
      const file = data ? join(dir, `${++request}.bin`) : undefined;
      if (file && data) await writeFile(file, data);
      try {
        const reply = await worker.request(messages, file, signal);
        if (reply.type === 'error') {
          return { scores: items.map(() => null), errors: items.map(() => `${worker.name}: ${reply.message}`) };
        }
        return toScores(reply.scores, reply.errors, worker.name, reply.maps);
      } finally {
        if (file) await rm(file, { force: true });
      }
    },
    async dispose() {
      await worker.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const plugin: DetectorPlugin = {
  kind: 'detector',
  meta: {
    name: 'python',
    version: '1.0.0',
    apiVersion: 1,
    description: 'A detector running in your own long-lived process (e.g. PyTorch), over a versioned JSON-lines protocol on stdin/stdout.',
    license: 'MIT',
    batchSize: 16,
  },
  create: createPythonInstance,
};

export default plugin;
