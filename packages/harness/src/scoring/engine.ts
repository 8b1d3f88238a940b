/**
 * Runs bootstrap jobs: point estimates, then the resamples, inline for small jobs and on worker
 * threads (one per core) for large ones. Every resample draws its own weights from (seed, index),
 * so the split over threads never changes a number.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { percentileSorted } from '../generate/bins.js';
import { METRIC_COUNT } from './metrics.js';
import { buildPlan, cellStats, resampleCost, type CellStats, type JobInput, type JobPlan } from './plan.js';
import { pointEstimates, runResamples } from './kernel.js';
import type { WorkerReply, WorkerTask } from './worker.js';

export interface BootstrapOptions {
  readonly resamples: number;
  readonly seed: number;
  /** Worker threads; default: the machine's available parallelism. 1 = run inline. */
  readonly threads?: number;
}

export interface BootstrapResult {
  readonly stats: readonly CellStats[];
  /** Per channel: [cell·M + metric], NaN where undefined. */
  readonly point: readonly Float64Array[];
  /** Per channel: [(cell·M + metric)·resamples + b], NaN where undefined in that resample. */
  readonly replicates: readonly Float64Array[];
  readonly resamples: number;
  readonly cellCount: number;
}

/** Below this many inner-loop steps in total, starting threads costs more than it saves. */
const WORKER_THRESHOLD = 3e7;

const workerUrl = new URL('./worker.js', import.meta.url);

export async function bootstrap(jobs: readonly JobInput[], options: BootstrapOptions): Promise<BootstrapResult[]> {
  const { resamples, seed } = options;
  if (!Number.isInteger(resamples) || resamples < 0) throw new RangeError(`resamples must be a non-negative integer, got ${resamples}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const stats = jobs.map((job) => cellStats(job));
  // Decide on threads before building plans: worker plans live on SharedArrayBuffers.
  const workerFile = fileURLToPath(workerUrl);
  const estimate = jobs.reduce((sum, job) => sum + (job.label.length * (job.rowCells.length + 2) + job.clusterCount) * job.channels.length, 0) * resamples;
  let useWorkers = threads > 1 && resamples > 1 && estimate > WORKER_THRESHOLD && existsSync(workerFile);
  const plans = jobs.map((job, i) => buildPlan(job, stats[i]!, useWorkers));
  useWorkers &&= plans.reduce((sum, plan) => sum + resampleCost(plan), 0) * resamples > WORKER_THRESHOLD;

  const replicates = plans.map((plan) => plan.channels.map(() => new Float64Array(plan.cellCount * METRIC_COUNT * resamples)));
  const store = (job: number, b0: number, b1: number, outs: readonly Float64Array[]): void => {
    const span = b1 - b0;
    outs.forEach((out, ch) => {
      const target = replicates[job]![ch]!;
      for (let row = 0; row < out.length / span; row++) target.set(out.subarray(row * span, (row + 1) * span), row * resamples + b0);
    });
  };
  if (resamples > 0) {
    if (useWorkers) await runOnWorkers(plans, seed, resamples, threads, store);
    else plans.forEach((plan, job) => store(job, 0, resamples, runResamples(plan, seed, 0, resamples)));
  }
  return plans.map((plan, i) => ({
    stats: stats[i]!,
    point: pointEstimates(plan),
    replicates: replicates[i]!,
    resamples,
    cellCount: plan.cellCount,
  }));
}

async function runOnWorkers(
  plans: readonly JobPlan[],
  seed: number,
  resamples: number,
  threads: number,
  store: (job: number, b0: number, b1: number, outs: readonly Float64Array[]) => void,
): Promise<void> {
  // Chunks small enough to balance two busy cores, large enough to amortise messaging.
  const tasks: Array<{ job: number; b0: number; b1: number }> = [];
  // Many jobs (e.g. one per detector or replication): one task per job already balances the threads.
  const chunk = plans.length >= threads * 4 ? resamples : Math.max(8, Math.ceil(resamples / (threads * 8)));
  plans.forEach((_, job) => {
    for (let b0 = 0; b0 < resamples; b0 += chunk) tasks.push({ job, b0, b1: Math.min(resamples, b0 + chunk) });
  });
  const workers = Array.from({ length: Math.min(threads, tasks.length) }, () => new Worker(workerUrl));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              const t = tasks[id]!;
              const message: WorkerTask = { id, plan: plans[t.job]!, seed, b0: t.b0, b1: t.b1 };
              worker.postMessage(message);
            };
            worker.on('message', (reply: WorkerReply) => {
              if ('error' in reply) return reject(new Error(`bootstrap worker failed: ${reply.error}`));
              const t = tasks[reply.id]!;
              store(t.job, t.b0, t.b1, reply.outs);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`bootstrap worker exited with code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Percentile interval (numpy's linear interpolation) over the resamples where the metric is
 * defined; null when there are no resamples or fewer than half of them define the metric.
 */
export function percentileInterval(replicates: Float64Array, offset: number, resamples: number, confidence: number): [number, number] | null {
  if (resamples === 0) return null;
  const values = new Float64Array(resamples);
  let m = 0;
  for (let b = 0; b < resamples; b++) {
    const v = replicates[offset + b]!;
    if (!Number.isNaN(v)) values[m++] = v;
  }
  if (m === 0 || m * 2 < resamples) return null;
  const sorted = values.subarray(0, m).sort();
  const alpha = (1 - confidence) / 2;
  return [percentileSorted(sorted, alpha * 100), percentileSorted(sorted, (1 - alpha) * 100)];
}

