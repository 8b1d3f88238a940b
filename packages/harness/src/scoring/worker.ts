/**
 * Worker-thread entry of the bootstrap: receives a plan (typed arrays on SharedArrayBuffers, so
 * nothing is copied) and a range of resample indices, returns the replicates of that range.
 */
import { parentPort } from 'node:worker_threads';
import { runResamples } from './kernel.js';
import type { JobPlan } from './plan.js';

export interface WorkerTask {
  readonly id: number;
  readonly plan: JobPlan;
  readonly seed: number;
  readonly b0: number;
  readonly b1: number;
}

export type WorkerReply = { readonly id: number; readonly outs: Float64Array[] } | { readonly id: number; readonly error: string };

const port = parentPort;
if (port) {
  port.on('message', (task: WorkerTask) => {
    try {
      const outs = runResamples(task.plan, task.seed, task.b0, task.b1);
      const reply: WorkerReply = { id: task.id, outs };
      port.postMessage(reply, outs.map((o) => o.buffer as ArrayBuffer));
    } catch (error) {
      const reply: WorkerReply = { id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      port.postMessage(reply);
    }
  });
}
