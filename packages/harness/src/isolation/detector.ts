import { Worker } from 'node:worker_threads';
import type { DetectorInput, DetectorItem, DetectorInstance, DetectorScores, OptionValue, PartialScores, PluginContext } from '../contract.js';
import type { FromWorker, InstanceShape, ToWorker, WorkerInit } from './protocol.js';

/**
 * The harness side of a detector running in its own worker thread, behind the ordinary
 * DetectorInstance interface so the runner needs no change: predict() posts the items (pixel and
 * tensor buffers transferred, not copied, when the runner hands them over) and waits for the
 * scores. The watchdog is the abort signal the runner already sends on --timeout: it terminates
 * the thread, which stops even a synchronous busy loop. A thread that ends by itself
 * (process.exit, an uncaught exception from a stray timer, an unhandled rejection) makes the
 * pending and every later predict() reject with the reason, so the runner records THAT detector
 * as failed and goes on with the others.
 */

/** Items whose buffers the runner no longer needs after this predict() (isolation/index.ts). */
export const handedOver = new WeakSet<DetectorItem>();

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class IsolatedDetector implements DetectorInstance {
  input?: DetectorInput;
  identity?: Readonly<Record<string, OptionValue>>;
  needsMask?: boolean;
  needsColumns?: readonly string[];
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Why the thread is gone (set once); every later call fails with it. */
  private dead: string | undefined;
  private ready!: Promise<void>;
  private disposed = false;

  private constructor(
    private readonly label: string,
    init: WorkerInit,
    private readonly context: PluginContext,
    private readonly output: (text: string) => void,
  ) {
    // stdout: true keeps a plugin's console.log off our stdout (so --json stays clean); it is
    // forwarded to stderr, through the same redaction as every other output.
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init, stdout: true, stderr: true });
    this.worker.stdout.on('data', (chunk: Buffer) => this.output(chunk.toString('utf8')));
    this.worker.stderr.on('data', (chunk: Buffer) => this.output(chunk.toString('utf8')));
    this.worker.on('error', (error) => this.die(`uncaught ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} in the plugin (a stray timer, callback or unhandled rejection)`));
    this.worker.on('exit', (code) => this.die(`the plugin ended its thread (process.exit(${code}) or equivalent)`));
    // Only a thread with work in flight keeps the process alive: an idle one never holds up exit.
    this.worker.unref();
  }

  /** Starts the thread and runs the plugin's create() there. */
  static async start(label: string, init: WorkerInit, context: PluginContext, output: (text: string) => void): Promise<IsolatedDetector> {
    const detector = new IsolatedDetector(label, init, context, output);
    detector.ready = new Promise<void>((resolve, reject) => {
      detector.pending.set(-1, { resolve: () => resolve(), reject });
    });
    detector.worker.ref();
    context.signal.addEventListener('abort', () => void detector.terminate('the run was cancelled'), { once: true });
    detector.worker.on('message', (msg: FromWorker) => detector.onMessage(msg));
    await detector.ready;
    return detector;
  }

  /** The plugin's answer as the thread sent it; the runner checks it (validateScores) like any other. */
  predict(items: readonly DetectorItem[], signal: AbortSignal): Promise<DetectorScores | PartialScores> {
    if (this.dead !== undefined) return Promise.reject(new Error(this.dead));
    const id = this.nextId++;
    const transfer = transferList(items);
    return new Promise<DetectorScores | PartialScores>((resolve, reject) => {
      const onAbort = (): void => {
        // The watchdog: a plugin that does not return in time may be stuck in a synchronous loop
        // that no message can reach, so the thread is ended rather than asked.
        void this.terminate(`predict() was stopped: ${signal.reason instanceof Error ? signal.reason.message : 'aborted'}`);
      };
      this.pending.set(id, {
        resolve: (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value as DetectorScores | PartialScores);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.worker.ref();
      this.worker.postMessage({ type: 'predict', id, items } satisfies ToWorker, transfer);
    });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.dead === undefined && this.hasDispose) {
      const done = new Promise<void>((resolve) => this.pending.set(-2, { resolve: () => resolve(), reject: () => resolve() }));
      this.worker.postMessage({ type: 'dispose' } satisfies ToWorker);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    }
    await this.terminate('disposed');
  }

  private hasDispose = false;

  private onMessage(msg: FromWorker): void {
    if (msg.type === 'log') this.context.logger[msg.level](`${this.label}: ${msg.message}`);
    else if (msg.type === 'ready') {
      this.adopt(msg.shape);
      this.settle(-1, undefined);
    } else if (msg.type === 'create-failed') {
      this.settle(-1, new Error(msg.message));
      void this.terminate(`create() failed: ${msg.message}`);
    } else if (msg.type === 'result') this.settle(msg.id, msg.result);
    else if (msg.type === 'failed') this.settle(msg.id, new Error(msg.message));
    else if (msg.type === 'disposed') this.settle(-2, undefined);
  }

  private adopt(shape: InstanceShape): void {
    if (shape.input) this.input = shape.input;
    if (shape.identity) this.identity = shape.identity;
    if (shape.needsMask !== undefined) this.needsMask = shape.needsMask;
    if (shape.needsColumns) this.needsColumns = shape.needsColumns;
    this.hasDispose = shape.hasDispose;
  }

  private settle(id: number, value: unknown): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    if (value instanceof Error) entry.reject(value);
    else entry.resolve(value);
  }

  private die(reason: string): void {
    if (this.dead !== undefined) return;
    this.dead = reason;
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      entry.reject(new Error(reason));
    }
  }

  private async terminate(reason: string): Promise<void> {
    this.die(reason);
    await this.worker.terminate();
  }
}

/**
 * Buffers to transfer for items the runner has handed over (it keeps no other use for them):
 * each whole ArrayBuffer once. A view on part of a larger buffer (Node's Buffer pool) is copied
 * instead, since transferring it would take its neighbours too.
 */
function transferList(items: readonly DetectorItem[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const item of items) {
    if (!handedOver.has(item)) continue;
    for (const view of [item.pixels?.data, item.tensor?.data, item.mask?.data]) {
      if (!view || !(view.buffer instanceof ArrayBuffer)) continue;
      if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) out.add(view.buffer);
    }
  }
  return [...out];
}

