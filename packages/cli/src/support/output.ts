import { homedir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Logger, RunProgress } from '@semibench/harness';
import { redactArgv } from '@semibench/harness';

/**
 * Logs to stderr so stdout stays clean for tables and --json. `quiet` drops informational lines
 * (warnings always show); `verbose` adds debug lines.
 */
export function stderrLogger(options: { verbose?: boolean; quiet?: boolean } = {}): Logger {
  return {
    debug: (m) => {
      if (options.verbose) process.stderr.write(`debug: ${m}\n`);
    },
    info: (m) => {
      if (!options.quiet) process.stderr.write(`${m}\n`);
    },
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
  };
}

/** Counters shown after the bar, e.g. { predicted: 10, errors: 0 }. */
export type ProgressCounts = Readonly<Record<string, number>>;

export interface ProgressReporter {
  update(done: number, total: number, counts?: ProgressCounts): void;
  stop(): void;
}

/**
 * A progress bar with rate and ETA on a terminal; a plain line every 10 s otherwise (CI logs,
 * pipes), so long runs stay observable without flooding logs.
 */
export function progressBar(label: string, unit: string, enabled: boolean): ProgressReporter {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const t0 = Date.now();
  const describe = (counts: ProgressCounts | undefined) =>
    Object.entries(counts ?? {})
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} ${unit} | {counts} | {rate} ${unit}/s | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total, counts) => {
        const payload = { counts: describe(counts), rate: (done / Math.max((Date.now() - t0) / 1000, 1e-3)).toFixed(1) };
        if (!started) {
          bar.start(total, done, payload);
          started = true;
        } else bar.update(done, payload);
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastLine = 0;
  return {
    update: (done, total, counts) => {
      const now = Date.now();
      if (done === total || now - lastLine > 10_000) {
        lastLine = now;
        const rate = (done / Math.max((now - t0) / 1000, 1e-3)).toFixed(1);
        process.stderr.write(`${label}: ${done}/${total} ${unit} (${describe(counts)}; ${rate} ${unit}/s)\n`);
      }
    },
    stop: () => undefined,
  };
}

/** The eval runner's progress on a bar. */
export function progressReporter(label: string, enabled: boolean): { update: (p: RunProgress) => void; stop: () => void } {
  const bar = progressBar(label, 'rows', enabled);
  return {
    update: (p) => bar.update(p.done, p.total, { predicted: p.predicted, cached: p.cached, errors: p.errors }),
    stop: () => bar.stop(),
  };
}

/** Per-user cache directory (XDG), overridable with SEMIBENCH_CACHE. */
export function cacheDir(): string {
  if (process.env.SEMIBENCH_CACHE) return process.env.SEMIBENCH_CACHE;
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'semibench');
}

/** The command line for the manifest, with secret-looking option values redacted. */
export function redactedArgv(argv: readonly string[]): string[] {
  return redactArgv(argv);
}
