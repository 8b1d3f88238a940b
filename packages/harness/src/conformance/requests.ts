/**
 * The check sequence for kinds that take one request per call (editors, metrics, perturbers):
 * create, output shape, determinism (repeated call and a fresh instance), unusual images where
 * the kind takes images, time and memory, dispose. Each kind supplies how to build requests,
 * call the instance and inspect a result.
 */
import type { PluginKind } from '../contract.js';
import { errorText, fmt, type CheckSession } from './session.js';
import { fail, pass, warn, type Outcome } from './types.js';

/** What a result is compared by: `text` exactly, `numbers` within a tolerance. */
export interface Fingerprint {
  text: string;
  numbers: readonly number[];
}

export interface Inspection {
  problems: string[];
  warnings: string[];
  fingerprint: Fingerprint;
}

export interface Keyed<R> {
  /** Names the request in reports (the image key, or the label for perturbers). */
  key: string;
  request: R;
}

export interface RequestKind<I extends { dispose?(): void | Promise<void> }, R> {
  /** Noun for one call, e.g. `edit`. */
  unit: string;
  /** The method's name as authors know it, e.g. `edit(request)`. */
  method: string;
  create(): Promise<I> | I;
  /** Problems with the instance create() returned (missing methods, bad identity...). */
  instanceProblems(instance: I): string[];
  describeInstance(instance: I): string;
  standard(): Promise<Array<Keyed<R>>>;
  /** Unusual inputs, each its own check: [id, title, build the request]. */
  special: Array<[string, string, () => Promise<Keyed<R>>]>;
  call(instance: I, request: R, signal: AbortSignal): Promise<unknown> | unknown;
  inspect(result: unknown, request: R): Inspection;
  /** Largest difference tolerated between numbers that must be equal. */
  tolerance: number;
}

interface CallOutcome {
  fingerprint?: Fingerprint;
  problems: string[];
  warnings: string[];
  /** The call threw (as opposed to returning something malformed). */
  thrown?: boolean;
  timedOut?: boolean;
}

async function callOnce<K extends PluginKind, I extends { dispose?(): void | Promise<void> }, R>(
  session: CheckSession<K>,
  kind: RequestKind<I, R>,
  instance: I,
  item: Keyed<R>,
): Promise<CallOutcome> {
  let result: unknown;
  try {
    result = await session.call(1, `${kind.method} on ${item.key}`, (signal) => kind.call(instance, item.request, signal));
  } catch (error) {
    const text = errorText(error);
    return { problems: [`${item.key}: ${kind.method} failed: ${text}`], warnings: [], thrown: true, timedOut: /did not return within|timed out after/.test(text) };
  }
  const inspection = kind.inspect(result, item.request);
  return {
    fingerprint: inspection.fingerprint,
    problems: inspection.problems.map((p) => `${item.key}: ${p}`),
    warnings: inspection.warnings.map((w) => `${item.key}: ${w}`),
  };
}

async function callAll<K extends PluginKind, I extends { dispose?(): void | Promise<void> }, R>(
  session: CheckSession<K>,
  kind: RequestKind<I, R>,
  instance: I,
  items: ReadonlyArray<Keyed<R>>,
): Promise<{ fingerprints: Map<string, Fingerprint>; problems: string[]; warnings: string[]; timedOut: boolean }> {
  const fingerprints = new Map<string, Fingerprint>();
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const item of items) {
    const outcome = await callOnce(session, kind, instance, item);
    problems.push(...outcome.problems);
    warnings.push(...outcome.warnings);
    if (outcome.fingerprint) fingerprints.set(item.key, outcome.fingerprint);
    // A call that hangs would make every later one wait out the limit as well.
    if (outcome.timedOut) return { fingerprints, problems, warnings, timedOut: true };
  }
  return { fingerprints, problems, warnings, timedOut: false };
}

function compareFingerprints(a: ReadonlyMap<string, Fingerprint>, b: ReadonlyMap<string, Fingerprint>, tolerance: number, what: [string, string]): Outcome {
  let largest = 0;
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y) continue;
    if (x.text !== y.text || x.numbers.length !== y.numbers.length) {
      return fail(`${key}: the result ${what[0]} differs from the one ${what[1]}`);
    }
    for (let i = 0; i < x.numbers.length; i++) {
      const diff = Math.abs((x.numbers[i] as number) - (y.numbers[i] as number));
      if (!(diff <= tolerance)) return fail(`${key}: value ${x.numbers[i]} ${what[0]}, ${y.numbers[i]} ${what[1]} (difference ${fmt(diff)}, tolerance ${tolerance})`, { maxDifference: diff });
      largest = Math.max(largest, diff);
    }
  }
  return pass(`${a.size} requests, identical results${largest > 0 ? ` (numbers within ${fmt(largest)})` : ''}`, { maxDifference: largest });
}

const SEED_HINT = '\nDerive every random number from the request seed or context.seed, never from Math.random or the clock.';

/** Instances of a request kind: anything with an optional dispose(). */
type Disposable = { dispose?(): void | Promise<void> };

export async function checkRequests<K extends PluginKind, I extends Disposable, R>(session: CheckSession<K>, kind: RequestKind<I, R>): Promise<void> {
  const { checks } = session.env;
  await session.begin();
  const instance = await checkCreate(session, kind);
  if (instance === undefined) {
    const later: Array<[string, string]> = [
      ['output', `${kind.method} returns a well-formed result`],
      ['determinism', 'same request, same result (repeated call)'],
      ['fresh-instance', 'a second instance with the same options and seed agrees'],
      ...kind.special.map(([id, title]): [string, string] => [id, title]),
      ['performance', `time and memory per ${kind.unit}`],
    ];
    for (const [id, title] of later) checks.skip(id, title, 'create() failed');
    await session.dispose();
    return;
  }
  // The ordinary requests live only inside this stage: their decoded images are released before the dispose check measures memory.
  const { baseline, hung } = await checkStandardRequests(session, kind, instance);
  await checkSpecialRequests(session, kind, instance, hung);
  if (baseline) await session.performance(kind.unit);
  else checks.skip('performance', `time and memory per ${kind.unit}`, hung ? `skipped: ${kind.method} did not return in time` : 'needs well-formed results (see "output")');
  await session.dispose();
}

/** The 'create' check: the instance, or undefined when create() failed or its instance has problems. */
async function checkCreate<K extends PluginKind, I extends Disposable, R>(session: CheckSession<K>, kind: RequestKind<I, R>): Promise<I | undefined> {
  const { checks } = session.env;
  let first: I | undefined;
  await checks.run('create', `create(options, context) returns ${/^[aeiou]/.test(session.env.loaded.plugin.kind) ? 'an' : 'a'} ${session.env.loaded.plugin.kind}`, async () => {
    const instance = await session.create(() => kind.create(), (i) => i);
    first = instance;
    const problems = kind.instanceProblems(instance);
    return problems.length ? fail(problems.join('\n')) : pass(kind.describeInstance(instance));
  });
  const valid = first !== undefined && !checks.failed('create');
  return valid ? first : undefined;
}

/**
 * 'output' on the ordinary requests, then (when it gave results to compare with) 'determinism' and
 * 'fresh-instance'; without a baseline those two are skipped. Says whether a call hung.
 */
async function checkStandardRequests<K extends PluginKind, I extends Disposable, R>(
  session: CheckSession<K>,
  kind: RequestKind<I, R>,
  instance: I,
): Promise<{ baseline?: Map<string, Fingerprint>; hung: boolean }> {
  const { checks } = session.env;
  const standard = await kind.standard();
  let base: Map<string, Fingerprint> | undefined;
  let hung = false;
  await checks.run('output', `${kind.method} returns a well-formed result`, async () => {
    const run = await callAll(session, kind, instance, standard);
    hung = run.timedOut;
    if (run.problems.length) return fail(run.problems.slice(0, 6).join('\n') + (run.problems.length > 6 ? `\n... and ${run.problems.length - 6} more` : ''));
    base = run.fingerprints;
    if (run.warnings.length) return warn(run.warnings.slice(0, 6).join('\n'));
    return pass(`${standard.length} requests`);
  });

  const baseline = base as Map<string, Fingerprint> | undefined;
  if (baseline) {
    await session.markPass();
    await checkRepeatable(session, kind, instance, standard, baseline);
    return { baseline, hung };
  }
  const reason = hung ? `skipped: ${kind.method} did not return in time` : 'needs well-formed results on the ordinary requests (see "output")';
  checks.skip('determinism', 'same request, same result (repeated call)', reason);
  checks.skip('fresh-instance', 'a second instance with the same options and seed agrees', reason);
  return { hung };
}

/** 'determinism' (the same instance again, plus two passes for the time and leak measurements) and 'fresh-instance'. */
async function checkRepeatable<K extends PluginKind, I extends Disposable, R>(
  session: CheckSession<K>,
  kind: RequestKind<I, R>,
  instance: I,
  standard: ReadonlyArray<Keyed<R>>,
  baseline: ReadonlyMap<string, Fingerprint>,
): Promise<void> {
  const { checks } = session.env;
  await checks.run('determinism', 'same request, same result (repeated call)', async () => {
    const again = await callAll(session, kind, instance, standard);
    await session.markPass();
    if (again.problems.length) return fail(`the second call failed: ${again.problems[0]}`);
    // Two more identical passes for the time and leak measurements; their results are not needed.
    for (let extra = 0; extra < 2; extra++) {
      await callAll(session, kind, instance, standard);
      await session.markPass();
    }
    const outcome = compareFingerprints(baseline, again.fingerprints, kind.tolerance, ['on the first call', 'on the second']);
    if (outcome.status === 'fail') outcome.detail += SEED_HINT;
    return outcome;
  });
  await checks.run('fresh-instance', 'a second instance with the same options and seed agrees', async () => {
    const second = await session.create(() => kind.create(), (i) => i);
    const run = await callAll(session, kind, second, standard);
    if (run.problems.length) return fail(`the second instance failed: ${run.problems[0]}`);
    const outcome = compareFingerprints(baseline, run.fingerprints, kind.tolerance, ['from the first instance', 'from the second']);
    if (outcome.status === 'fail') outcome.detail += SEED_HINT;
    return outcome;
  });
}

/** Each unusual request is its own check; all are skipped once a call hung. */
async function checkSpecialRequests<K extends PluginKind, I extends Disposable, R>(session: CheckSession<K>, kind: RequestKind<I, R>, instance: I, hung: boolean): Promise<void> {
  const { checks } = session.env;
  for (const [id, title, build] of kind.special) {
    if (hung) {
      checks.skip(id, title, `skipped: ${kind.method} did not return in time`);
      continue;
    }
    await checks.run(id, title, async () => {
      const item = await build();
      const t0 = performance.now();
      const outcome = await callOnce(session, kind, instance, item);
      const ms = performance.now() - t0;
      // Generation records a request that throws as a failed row and goes on; a malformed result or a hang is worse.
      if (outcome.thrown && !outcome.timedOut) return warn(`${outcome.problems.join('\n')}\ngeneration records this row as failed and goes on.`);
      if (outcome.problems.length) return fail(outcome.problems.join('\n'));
      if (outcome.warnings.length) return warn(outcome.warnings.join('\n'), { ms });
      return pass(`handled in ${fmt(ms)} ms`, { ms });
    });
  }
}
