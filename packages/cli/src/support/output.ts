import { homedir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Logger, RunProgress } from '@semibench/harness';

/** Logs to stderr so stdout stays clean for tables and --json. */
export function stderrLogger(verbose = false): Logger {
  return {
    debug: (m) => {
      if (verbose) process.stderr.write(`debug: ${m}\n`);
    },
    info: (m) => process.stderr.write(`${m}\n`),
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
  };
}

/** A progress bar on a terminal; occasional plain lines otherwise (CI logs, pipes). */
export function progressReporter(label: string, enabled: boolean): { update: (p: RunProgress) => void; stop: () => void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} rows | {predicted} predicted, {cached} cached, {errors} errors | {rate} rows/s | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const t0 = Date.now();
    return {
      update: (p) => {
        const payload = { predicted: p.predicted, cached: p.cached, errors: p.errors, rate: (p.done / Math.max((Date.now() - t0) / 1000, 1e-3)).toFixed(1) };
        if (!started) {
          bar.start(p.total, p.done, payload);
          started = true;
        } else bar.update(p.done, payload);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastLine = 0;
  return {
    update: (p) => {
      const now = Date.now();
      if (p.done === p.total || now - lastLine > 10_000) {
        lastLine = now;
        process.stderr.write(`${label}: ${p.done}/${p.total} rows (${p.predicted} predicted, ${p.cached} cached, ${p.errors} errors)\n`);
      }
    },
    stop: () => undefined,
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
  return argv.map((a) => a.replace(/((?:token|secret|password|api[-_]?key|authorization)[^=]*=)[^\s]+/gi, '$1[redacted]'));
}
