/**
 * Kill-and-resume: `semibench eval` of a detector slowed down on purpose is SIGKILLed at many
 * random points (during start-up, between and inside predictions, while scoring and writing),
 * then started again with the same --out and --store until it finishes. Across all attempts:
 * - no attempt predicts a row whose prediction had been written (to the store or predictions.csv)
 *   before it started — counted from the detector's own log of predict() calls;
 * - nothing written is ever lost: the store only grows, and each kill loses at most the one batch
 *   that was in flight;
 * - the finished run's predictions.csv and scores.csv are byte-identical to an uninterrupted run.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BuiltinRegistry, PluginLoader, PredictionStore, Rng, evaluate, loadDataset, sha256, type DatasetRow } from '@semibench/harness';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, MINI_DATASET } from '../helpers/cli.js';
import { SLOW_HASH_PLUGIN, hashScore, isolatedEnv, tempDir, writePlugin } from '../helpers/run-fixtures.js';
import { parseCsv, type CsvRow } from '../helpers/csv.js';

let work: string;
let plugin: string;
let rows: DatasetRow[];
/** Row key → sha256 of its image (the slow-hash detector's prediction input key). */
let imageHash: Map<string, string>;

beforeAll(async () => {
  work = tempDir('kill');
  plugin = writePlugin(work, 'slow-hash.mjs', SLOW_HASH_PLUGIN);
  rows = [...(await loadDataset(MINI_DATASET)).rows];
  imageHash = new Map(rows.map((r) => [r.key, sha256(readFileSync(r.path))]));
});

/** Row keys whose prediction the store holds. */
function storedRows(storePath: string): Set<string> {
  if (!existsSync(storePath)) return new Set();
  const store = PredictionStore.open(storePath);
  try {
    const hashes = new Set<string>();
    for (const d of store.detectors()) for (const e of store.entries(d.storeKey)) hashes.add(e.inputKey);
    expect(store.integrityCheck()).toBe('ok');
    return new Set(rows.filter((r) => hashes.has(imageHash.get(r.key) as string)).map((r) => r.key));
  } finally {
    store.close();
  }
}

/**
 * The records of a predictions.csv that a kill may have cut: only its complete lines (the part
 * after the last newline is empty, or a line cut by the kill), parsed with csv-parse.
 */
function completeRecords(file: string): CsvRow[] {
  const text = readFileSync(file, 'utf8');
  return parseCsv(text.slice(0, text.lastIndexOf('\n') + 1));
}

/** Row keys with a complete line in predictions.csv (parsed without semibench's reader); checks each score. */
function csvRows(runDir: string): Set<string> {
  const file = join(runDir, 'predictions.csv');
  if (!existsSync(file)) return new Set();
  const out = new Set<string>();
  for (const record of completeRecords(file)) {
    const key = record.image_path as string;
    expect(record.detector).toBe('slow-hash');
    const row = rows.find((r) => r.key === key);
    expect(row, `predictions.csv names an unknown row: ${JSON.stringify(record)}`).toBeDefined();
    expect(Number(record.score)).toBe(hashScore((row as DatasetRow).path));
    out.add(key);
  }
  return out;
}

/** Row keys that process `pid` predicted, from the detector's log. */
function predictedBy(log: string, pid: number): string[] {
  if (!existsSync(log)) return [];
  // A blind run (the default) shows detectors a neutral key, the image's sha256 plus extension: map it back.
  const byHash = new Map(rows.map((r) => [imageHash.get(r.key) as string, r.key]));
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${pid} `))
    .map((l) => l.slice(String(pid).length + 1))
    .map((k) => byHash.get(k.replace(/\.[a-z]+$/, '')) ?? k);
}

type KillPlan =
  | { kind: 'time'; ms: number }
  | { kind: 'progress'; predictions: number; extraMs: number }
  /** After predictions.csv was (re)written complete by this attempt: while rewriting, scoring, writing the manifest. */
  | { kind: 'finishing'; extraMs: number }
  | { kind: 'none' };

/** True when `runDir`'s predictions.csv has every row and was written after `since`. */
function csvCompleteSince(runDir: string, since: number): boolean {
  const file = join(runDir, 'predictions.csv');
  try {
    const st = statSync(file);
    return st.mtimeMs > since && completeRecords(file).length >= rows.length;
  } catch {
    return false;
  }
}

function runAttempt(args: readonly string[], env: NodeJS.ProcessEnv, log: string, runDir: string, plan: KillPlan): Promise<{ pid: number; code: number | null; killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: work, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    const pid = child.pid as number;
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const kill = () => {
      if (child.exitCode === null && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    const timers: NodeJS.Timeout[] = [];
    if (plan.kind === 'time') timers.push(setTimeout(kill, plan.ms));
    if (plan.kind === 'progress' || plan.kind === 'finishing') {
      const poll = setInterval(() => {
        if (plan.kind === 'progress' ? predictedBy(log, pid).length >= plan.predictions : csvCompleteSince(runDir, started)) {
          clearInterval(poll);
          timers.push(setTimeout(kill, plan.extraMs));
        }
      }, 3);
      timers.push(poll);
    }
    timers.push(setTimeout(kill, 60_000));
    child.on('error', reject);
    child.on('close', (code) => {
      timers.forEach((t) => clearTimeout(t));
      resolve({ pid, code, killed, stderr });
    });
  });
}

describe('SIGKILL at random points, then resume', () => {
  it('loses no written prediction, recomputes none, and ends byte-identical to an uninterrupted run', async () => {
    const runDir = join(work, 'run');
    const storePath = join(work, 'store.sqlite');
    const log = join(work, 'predict.log');
    const env = isolatedEnv(work);
    const args = ['eval', '--detector', plugin, '--option', 'delayMs=40', '--option', `log=${log}`, '--out', runDir, '--store', storePath, '--bootstrap', '50', '--quiet'];

    // Kill points: at a random time within the first second (start-up: loading plugins, reading
    // the earlier run, writing the manifest, opening the store; no run here is faster than that),
    // right after a random number of predictions plus a few milliseconds (predicting, storing,
    // appending), and, last, once the attempt has (re)written a complete predictions.csv
    // (rewriting files, scoring, writing the manifest). The schedule is seeded; how far each
    // attempt gets depends on the machine, which is the point.
    const rng = new Rng(4);
    const kinds = ['time', 'progress', 'time', 'progress', 'time', 'progress', 'time', 'progress', 'finishing', 'finishing', 'finishing'] as const;
    const killsByKind: Record<string, number> = { time: 0, progress: 0, finishing: 0 };
    let kills = 0;
    let totalPredicted = 0;
    let finished = false;
    for (let attempt = 0; attempt < 30 && !(finished && attempt >= kinds.length); attempt++) {
      const kind = kinds[attempt];
      const storedBefore = storedRows(storePath);
      // Predictions left to make decide whether a kill can land between them.
      const plan: KillPlan =
        kind === 'time' || (kind === 'progress' && storedBefore.size >= rows.length - 1)
          ? { kind: 'time', ms: 50 + rng.int(950) }
          : kind === 'progress'
            ? { kind: 'progress', predictions: 1 + rng.int(3), extraMs: rng.int(40) }
            : kind === 'finishing'
              ? { kind: 'finishing', extraMs: rng.int(30) }
              : { kind: 'none' };
      const written = new Set([...storedBefore, ...csvRows(runDir)]);

      const result = await runAttempt(args, env, log, runDir, plan);
      const predicted = predictedBy(log, result.pid);
      totalPredicted += predicted.length;
      const storedAfter = storedRows(storePath);

      // Recompute none: nothing this attempt predicted had been written before it started.
      expect(predicted.filter((k) => written.has(k)), `attempt ${attempt} (${JSON.stringify(plan)}) predicted rows already written`).toEqual([]);
      // Lose nothing: every prediction written before is still there (the store only grows).
      expect([...written].filter((k) => !storedAfter.has(k)), `attempt ${attempt} lost stored predictions`).toEqual([]);
      // A kill loses at most the one batch (batch size 1) in flight between predict() and the store.
      expect(predicted.filter((k) => !storedAfter.has(k)).length).toBeLessThanOrEqual(result.killed ? 1 : 0);
      csvRows(runDir); // every complete line left behind has the right score

      if (result.killed) {
        kills++;
        killsByKind[plan.kind] = (killsByKind[plan.kind] ?? 0) + 1;
      } else {
        // The only things said: the killed run's lock was taken over, an earlier run was found, and what was recalled from it.
        const said = result.stderr.split('\n').filter((l) => l !== '');
        const expected = (l: string) =>
          l.startsWith(`${runDir} holds an earlier run (`) || l.startsWith('  slow-hash: earlier predictions not reused') || l.startsWith(`warning: ${runDir}: taking over the lock of semibench PID `);
        expect(said.every(expected), result.stderr).toBe(true);
        expect(result.code).toBe(0);
        finished = true;
      }
    }
    expect(finished).toBe(true);
    // A planned kill can come after its attempt ended; most must have hit a live run, of every kind.
    expect(kills).toBeGreaterThanOrEqual(8);
    expect(killsByKind.time).toBeGreaterThanOrEqual(3);
    expect(killsByKind.progress).toBeGreaterThanOrEqual(2);
    expect(killsByKind.finishing).toBeGreaterThanOrEqual(1);
    // Every row predicted once, plus at most one lost in-flight prediction per kill.
    expect(totalPredicted).toBeGreaterThanOrEqual(rows.length);
    expect(totalPredicted).toBeLessThanOrEqual(rows.length + kills);

    const reference = join(work, 'reference');
    await evaluate({
      dataset: MINI_DATASET,
      detectors: [{ spec: plugin, options: { delayMs: 0, log: join(work, 'reference.log') } }],
      out: reference,
      loader: new PluginLoader({ builtins: new BuiltinRegistry(), cwd: work }),
      resamples: 50,
      cacheDir: join(work, 'cache'),
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
    });
    expect(readFileSync(join(runDir, 'predictions.csv'), 'utf8')).toBe(readFileSync(join(reference, 'predictions.csv'), 'utf8'));
    expect(readFileSync(join(runDir, 'scores.csv'), 'utf8')).toBe(readFileSync(join(reference, 'scores.csv'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
    expect(readFileSync(join(runDir, 'errors.csv'), 'utf8')).toBe('detector,line,image_path,path,stage,reason\n');
  }, 180_000);
});
