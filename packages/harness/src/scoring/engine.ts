/**
 * Runs bootstrap jobs: point estimates, then the resamples, inline for small jobs and on worker
 * threads (one per core) for large ones. Every resample draws its own weights from (seed, index),
 * so the split over threads never changes a number.
 *
 * With workers, the threads start first (they load while the plans are built), and the two parts
 * of a plan (counts; ranking passes) are built at the same time, each part's resamples handed out
 * as soon as it is ready (see runOnWorkers).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { percentileSorted } from '../util/percentile.js';
import { buildCalibrationPlan } from './calibration.js';
import { IS_RANK_METRIC, METRIC_COUNT } from './metrics.js';
import { NO_COUNTS, buildCountPlan, clusterSizes, countPlanSteps, localAlloc, rankInput, sharedAlloc, withRankPlans, type CellStats, type CountPlan, type JobInput, type JobPlan, type RankPlan } from './plan.js';
import { LANES, clearDrawCache, pointEstimates, runResamples, type KernelPart } from './kernel.js';
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
/** Jobs with at least this many rows have their ranking passes built on a worker. */
const OFFLOAD_ROWS = 1 << 16;

const workerUrl = new URL('./worker.js', import.meta.url);

export async function bootstrap(jobs: readonly JobInput[], options: BootstrapOptions): Promise<BootstrapResult[]> {
  const { resamples, seed } = options;
  if (!Number.isInteger(resamples) || resamples < 0) throw new RangeError(`resamples must be a non-negative integer, got ${resamples}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  // Decide on threads before building plans: worker plans live on SharedArrayBuffers.
  const estimate = jobs.reduce((sum, job) => sum + (job.label.length * (job.groups.length + 2) + job.clusterCount) * job.channels.length, 0) * resamples;
  const useWorkers = threads > 1 && resamples > 1 && estimate > WORKER_THRESHOLD && existsSync(fileURLToPath(workerUrl));
  // NaN until a task fills them in (ROC-AUC and AP stay NaN where a channel has no ranking pass).
  const replicates = jobs.map((job) => job.channels.map(() => new Float64Array(job.cellCount * METRIC_COUNT * resamples).fill(Number.NaN)));
  /** Copies a range of resamples into the replicates (only the metric rows of `part`). */
  const store = (job: number, b0: number, b1: number, part: KernelPart, outs: readonly Float64Array[]): void => {
    const span = b1 - b0;
    outs.forEach((out, ch) => {
      const target = replicates[job]![ch]!;
      for (let row = 0; row < out.length / span; row++) {
        const m = row % METRIC_COUNT;
        if ((part === 'counts' && IS_RANK_METRIC[m]) || (part === 'rank' && !IS_RANK_METRIC[m])) continue;
        target.set(out.subarray(row * span, (row + 1) * span), row * resamples + b0);
      }
    });
  };

  let plans: JobPlan[];
  let stats: CellStats[][];
  let points: Float64Array[][];
  try {
    if (!useWorkers) {
      const built = jobs.map((job) => {
        const { plan, stats } = buildCountPlan(job, false);
        return { plan: withCalibration(job, plan, false), stats };
      });
      stats = built.map((b) => b.stats);
      plans = built.map((b, i) => withRankPlans(jobs[i]!, b.plan, b.stats, false));
      points = plans.map((plan) => pointEstimates(plan));
      if (resamples > 0) plans.forEach((plan, job) => store(job, 0, resamples, 'all', runResamples(plan, seed, 0, resamples)));
    } else {
      ({ plans, stats, points } = await runOnWorkers(jobs, threads, seed, resamples, store));
    }
  } finally {
    clearDrawCache(); // the draws this thread kept for the jobs' resamples (a worker's go with it)
  }
  return plans.map((plan, i) => ({ stats: stats[i]!, point: points[i]!, replicates: replicates[i]!, resamples, cellCount: plan.cellCount }));
}

/** The count part of channel 0 with its calibration pass, when the job asks for one (JobInput.calibrate). */
function withCalibration(job: JobInput, plan: JobPlan, shared: boolean): JobPlan {
  if (!job.calibrate || plan.channels.length === 0) return plan;
  const [first, ...rest] = plan.channels;
  const calibration = buildCalibrationPlan(job, shared ? sharedAlloc : localAlloc);
  return { ...plan, channels: [{ ...first!, counts: { ...first!.counts, calibration } }, ...rest] };
}

/** Lets pending messages (finished tasks, a plan built on a worker) in before going on. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Builds the plans and runs the resamples on worker threads, keeping both cores busy from the
 * start: a worker builds each large job's ranking pass (mostly a sort of every score) and its
 * resamples start as soon as it is back, while this thread builds the count part slice by slice,
 * whose resamples are handed out as soon as it is done.
 */
async function runOnWorkers(
  jobs: readonly JobInput[],
  threads: number,
  seed: number,
  resamples: number,
  store: (job: number, b0: number, b1: number, part: KernelPart, outs: readonly Float64Array[]) => void,
): Promise<{ plans: JobPlan[]; stats: CellStats[][]; points: Float64Array[][] }> {
  const pool = new Pool(threads);
  try {
    // Chunks small enough to balance two busy cores, large enough to amortise messaging; whole
    // lane groups, since the kernel handles LANES resamples at a time. Many jobs (e.g. one per
    // detector or replication): one task per job already balances the threads.
    const size = jobs.length >= threads * 4 ? resamples : Math.max(LANES, Math.ceil(resamples / (threads * 8) / LANES) * LANES);
    const clusterRows = jobs.map((job) => clusterSizes(job, true));
    const resampling = jobs.map((job, j) => new JobResamples(j, job, clusterRows[j]!, size, resamples, seed, pool, store));
    const offloaded = jobs.map((job, j) => {
      if (job.label.length < OFFLOAD_ROWS) return null;
      const input = rankInput(job);
      const ranks = job.channels.map(
        (channel) =>
          new Promise<RankPlan | null>((resolve) => {
            pool.add({ kind: 'rank', input, score: channel.score }, (reply) => resolve('rank' in reply ? reply.rank : null));
          }),
      );
      return Promise.all(ranks).then((rank) => {
        resampling[j]!.ready('rank', rank);
        return rank;
      });
    });
    const plans: JobPlan[] = [];
    const stats: CellStats[][] = [];
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[j]!;
      const steps = countPlanSteps(job, clusterRows[j]!, true);
      let step = steps.next();
      for (; !step.done; step = steps.next()) if (offloaded[j]) await yieldToEvents();
      const cells = step.value.stats;
      const counted = withCalibration(job, step.value.plan, true);
      resampling[j]!.ready('counts', counted.channels.map((ch) => ch.counts));
      stats.push(cells);
      let ranks: Array<RankPlan | null>;
      const rank = offloaded[j];
      if (rank) ranks = await Promise.race([rank, pool.failed]);
      else {
        // Lets the workers' finished tasks in (and the next ones out) between jobs.
        await yieldToEvents();
        ranks = withRankPlans(job, counted, cells, true).channels.map((ch) => ch.rank);
        resampling[j]!.ready('rank', ranks);
      }
      plans.push({ ...counted, channels: counted.channels.map((ch, i) => ({ counts: ch.counts, rank: ranks[i]! })) });
    }
    // The point estimates while the workers resample (this thread would only wait otherwise).
    const points = plans.map((plan) => pointEstimates(plan));
    await pool.finish();
    return { plans, stats, points };
  } finally {
    await pool.close();
  }
}

/**
 * The resamples of one job, in chunks, as its two plan parts become ready: the first part's chunks
 * are queued alone; when the second is ready, chunks still queued run both parts in one task (one
 * draw of the weights), and chunks already sent get a task for the second part.
 */
class JobResamples {
  private counts: CountPlan[] | null = null;
  private ranks: Array<RankPlan | null> | null = null;
  private readonly chunks: Array<{ b0: number; b1: number; queued: KernelPart | null; sent: boolean }> = [];

  constructor(
    private readonly index: number,
    private readonly job: JobInput,
    private readonly clusterRows: Int32Array,
    size: number,
    resamples: number,
    private readonly seed: number,
    private readonly pool: Pool,
    private readonly store: (job: number, b0: number, b1: number, part: KernelPart, outs: readonly Float64Array[]) => void,
  ) {
    for (let b0 = 0; b0 < resamples; b0 += size) this.chunks.push({ b0, b1: Math.min(resamples, b0 + size), queued: null, sent: false });
  }

  ready(part: 'counts', counts: CountPlan[]): void;
  ready(part: 'rank', ranks: Array<RankPlan | null>): void;
  ready(part: 'counts' | 'rank', value: CountPlan[] | Array<RankPlan | null>): void {
    if (part === 'counts') this.counts = value as CountPlan[];
    else {
      this.ranks = value as Array<RankPlan | null>;
      if (!this.ranks.some((r) => r)) return; // no ranking pass: nothing to run
    }
    for (const chunk of this.chunks) {
      if (chunk.queued === null) {
        chunk.queued = part;
        this.pool.add(
          () => {
            chunk.sent = true;
            return this.message(chunk.queued!, chunk);
          },
          (reply) => {
            if ('outs' in reply) this.store(this.index, chunk.b0, chunk.b1, chunk.queued!, reply.outs);
          },
        );
      } else if (!chunk.sent) chunk.queued = 'all';
      else {
        const task = this.message(part, chunk);
        this.pool.add(task, (reply) => {
          if ('outs' in reply) this.store(this.index, chunk.b0, chunk.b1, part, reply.outs);
        });
      }
    }
  }

  private message(part: KernelPart, chunk: { b0: number; b1: number }): WorkerTask {
    const { clusterCount, cellCount } = this.job;
    const channels = this.job.channels.map((_, i) => ({ counts: part === 'rank' ? NO_COUNTS : this.counts![i]!, rank: part === 'counts' ? null : this.ranks![i]! }));
    return { kind: 'resample', plan: { clusterCount, cellCount, clusterRows: this.clusterRows, channels }, part, seed: this.seed, b0: chunk.b0, b1: chunk.b1 };
  }
}

/**
 * The kernel's workers are plain compiled JavaScript: modules the caller preloads (`--import`,
 * `--require`, `--loader`, e.g. a TypeScript loader under tsx or vitest) are left out of their
 * options, since loading them again in every worker only delays the resamples. Other flags stay.
 */
function workerExecArgv(): string[] {
  const preload = /^(--import|--require|-r|--loader|--experimental-loader)(=|$)/;
  const out: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!;
    const m = preload.exec(arg);
    if (!m) out.push(arg);
    else if (m[2] === '') i++; // skip the flag's value too
  }
  return out;
}

/** A message for a worker and what to do with its answer. */
interface Task {
  /** Made when the task is sent (so that a queued task can still change). */
  readonly message: () => WorkerTask;
  readonly done: (reply: Exclude<WorkerReply, { error: string }>) => void;
}

/** Worker threads fed from a queue. Each worker holds up to two tasks (the next one is already there when it finishes one). */
class Pool {
  private readonly workers: Worker[];
  /** Tasks sent to each worker, in order (a worker answers in the order it was sent). */
  private readonly sent = new Map<Worker, Task[]>();
  private readonly queue: Task[] = [];
  private failure: Error | null = null;
  private closing = false;
  private settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private rejectFailed: (e: Error) => void = () => {};
  /** Rejects when a worker fails (for awaits other than `finish`). */
  readonly failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));

  constructor(threads: number) {
    this.failed.catch(() => {}); // observed through `finish` or a race, never unhandled
    const execArgv = workerExecArgv();
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(workerUrl, { execArgv });
      this.sent.set(worker, []);
      worker.on('message', (reply: WorkerReply) => {
        const task = this.sent.get(worker)!.shift()!;
        if ('error' in reply) return this.fail(new Error(`bootstrap worker failed: ${reply.error}`));
        try {
          task.done(reply);
        } catch (error) {
          return this.fail(error instanceof Error ? error : new Error(String(error)));
        }
        this.pump();
      });
      worker.on('error', (e: Error) => this.fail(e));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`bootstrap worker exited with code ${code}`));
      });
      return worker;
    });
  }

  add(message: WorkerTask | (() => WorkerTask), done: Task['done']): void {
    this.queue.push({ message: typeof message === 'function' ? message : () => message, done });
    this.pump();
  }

  private pump(): void {
    const limit = 2;
    if (this.failure) return;
    for (;;) {
      let target: Worker | null = null;
      for (const w of this.workers) if (!target || this.sent.get(w)!.length < this.sent.get(target)!.length) target = w;
      const task = this.queue[0];
      if (!task || !target || this.sent.get(target)!.length >= limit) break;
      this.queue.shift();
      this.sent.get(target)!.push(task);
      target.postMessage(task.message());
    }
    if (this.queue.length === 0 && this.workers.every((w) => this.sent.get(w)!.length === 0)) this.settle?.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.settle?.reject(this.failure);
    this.rejectFailed(this.failure);
  }

  /** Resolves when every task added so far is done. */
  finish(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      if (this.failure) reject(this.failure);
      else this.pump();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
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

