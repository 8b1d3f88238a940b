/**
 * Worker-thread entry of the bootstrap. Resample tasks get a plan (typed arrays on
 * SharedArrayBuffers, so nothing is copied) and a range of resample indices, and return the
 * replicates of that range; rank tasks build a channel's ranking pass (on SharedArrayBuffers)
 * while the main thread builds the counts.
 */
import { parentPort } from 'node:worker_threads';
import { runResamples, type KernelPart } from './kernel.js';
import { standaloneRankPlan, type JobPlan, type RankInput, type RankPlan } from './plan.js';

export type WorkerTask =
  | { readonly kind: 'resample'; readonly plan: JobPlan; readonly part: KernelPart; readonly seed: number; readonly b0: number; readonly b1: number }
  | { readonly kind: 'rank'; readonly input: RankInput; readonly score: Float64Array };

export type WorkerReply = { readonly outs: Float64Array[] } | { readonly rank: RankPlan | null } | { readonly error: string };

const port = parentPort;
if (port) {
  port.on('message', (task: WorkerTask) => {
    try {
      if (task.kind === 'rank') port.postMessage({ rank: standaloneRankPlan(task.input, task.score) } satisfies WorkerReply);
      else {
        const outs = runResamples(task.plan, task.seed, task.b0, task.b1, task.part);
        port.postMessage({ outs } satisfies WorkerReply, outs.map((o) => o.buffer as ArrayBuffer));
      }
    } catch (error) {
      const reply: WorkerReply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      port.postMessage(reply);
    }
  });
}
