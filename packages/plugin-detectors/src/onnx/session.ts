/**
 * An onnxruntime session, hosted either in a worker thread (default) or in the calling thread.
 *
 * Why a worker: onnxruntime-node's `run()` executes synchronously on the JS thread (it is only
 * wrapped in a Promise), so while a batch is inferred nothing else runs: no decoding callbacks,
 * no preprocessing of the next batch. In a worker the main thread keeps preparing the next batch
 * while this one is inferred, which is what makes end-to-end throughput approach the raw loop.
 * Input buffers are transferred, not copied.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface ValueMeta {
  name: string;
  /** e.g. 'float32', 'uint8'. */
  type: string;
  /** Numbers for fixed dimensions, strings for symbolic ones (e.g. 'N'). */
  shape: (number | string)[];
}

export interface SessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
}

export interface RawTensor {
  type: 'float32' | 'uint8';
  data: Float32Array | Uint8Array;
  dims: number[];
}

export interface OutputTensor {
  data: Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array;
  dims: number[];
  type: string;
}

export interface SessionHost {
  readonly inputs: readonly ValueMeta[];
  readonly outputs: readonly ValueMeta[];
  run(feeds: Record<string, RawTensor>, fetches: readonly string[]): Promise<Record<string, OutputTensor>>;
  close(): Promise<void>;
}

/** Messages between this module and session-worker.ts. */
export type ToWorker = { id: number; feeds: Record<string, RawTensor>; fetches: string[] };
export type FromWorker =
  | { type: 'ready'; inputs: ValueMeta[]; outputs: ValueMeta[] }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; outputs: Record<string, OutputTensor> }
  | { type: 'error'; id: number; message: string };

/**
 * The session options onnxruntime gets. Intra-op threads default to the cores this process may use:
 * onnxruntime-node's own default (0) ran on one thread on a 2-core machine here, half the
 * throughput of two (bench/onnx.ts); 0 still asks for onnxruntime's choice.
 */
export function ortSessionOptions(o: SessionOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { graphOptimizationLevel: 'all', executionProviders: ['cpu'] };
  out.intraOpNumThreads = o.intraOpNumThreads ?? availableParallelism();
  if (o.interOpNumThreads !== undefined) out.interOpNumThreads = o.interOpNumThreads;
  return out;
}
export function toMeta(list: readonly unknown[]): ValueMeta[] {
  return list.map((m) => {
    const v = m as { name: string; type?: string; shape?: (number | string)[] };
    return { name: v.name, type: v.type ?? 'unknown', shape: [...(v.shape ?? [])] };
  });
}
class InProcessSession implements SessionHost {
  private constructor(
    private readonly session: import('onnxruntime-node').InferenceSession,
    private readonly ort: typeof import('onnxruntime-node'),
    readonly inputs: ValueMeta[],
    readonly outputs: ValueMeta[],
  ) {}

  static async open(modelPath: string, options: SessionOptions): Promise<InProcessSession> {
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(modelPath, ortSessionOptions(options));
    return new InProcessSession(session, ort, toMeta(session.inputMetadata), toMeta(session.outputMetadata));
  }

  async run(feeds: Record<string, RawTensor>, fetches: readonly string[]): Promise<Record<string, OutputTensor>> {
    const ortFeeds: Record<string, import('onnxruntime-node').Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new this.ort.Tensor(t.type, t.data, t.dims);
    const result = await this.session.run(ortFeeds, [...fetches]);
    const out: Record<string, OutputTensor> = {};
    for (const name of fetches) {
      const t = result[name];
      if (!t) throw new Error(`output ${name} missing from the session's result`);
      out[name] = { data: t.data as OutputTensor['data'], dims: [...t.dims], type: t.type };
    }
    return out;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

class WorkerSession implements SessionHost {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (o: Record<string, OutputTensor>) => void; reject: (e: Error) => void }>();
  private dead: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly inputs: ValueMeta[],
    readonly outputs: ValueMeta[],
    private readonly label: string,
  ) {
    worker.on('message', (msg: FromWorker) => {
      if (msg.type !== 'result' && msg.type !== 'error') return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg.outputs);
      else p.reject(new Error(`${this.label}: ${msg.message}`));
    });
    const fail = (e: Error): void => {
      this.dead = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', (e) => fail(new Error(`${this.label}: worker thread failed: ${e.message}`)));
    worker.on('exit', (code) => fail(new Error(`${this.label}: worker thread exited (code ${code})`)));
  }

  static open(modelPath: string, options: SessionOptions): Promise<WorkerSession> {
    const worker = new Worker(new URL('./session-worker.js', import.meta.url), { workerData: { modelPath, options } });
    const label = `onnx session for ${modelPath}`;
    return new Promise((resolve, reject) => {
      const onMessage = (msg: FromWorker): void => {
        if (msg.type === 'ready') {
          worker.off('error', onError);
          resolve(new WorkerSession(worker, msg.inputs, msg.outputs, label));
        } else if (msg.type === 'failed') {
          void worker.terminate();
          reject(new Error(`cannot load ONNX model ${modelPath}: ${msg.message}`));
        }
      };
      const onError = (e: Error): void => reject(new Error(`cannot start the onnxruntime worker for ${modelPath}: ${e.message}`));
      worker.once('message', onMessage);
      worker.once('error', onError);
    });
  }

  run(feeds: Record<string, RawTensor>, fetches: readonly string[]): Promise<Record<string, OutputTensor>> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: ToWorker = { id, feeds, fetches: [...fetches] };
      this.worker.postMessage(
        message,
        Object.values(feeds).map((t) => t.data.buffer as ArrayBuffer),
      );
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** Loads the model once; `inProcess` keeps it on the calling thread (no overlap, simpler to debug). */
export function openSession(modelPath: string, options: SessionOptions & { inProcess?: boolean }): Promise<SessionHost> {
  return options.inProcess ? InProcessSession.open(modelPath, options) : WorkerSession.open(modelPath, options);
}
