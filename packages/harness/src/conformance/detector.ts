/**
 * Detector checks. Every prediction goes through the real runner (`runDetectors`), so the plugin
 * sees exactly what `semibench eval` gives it: the declared preprocessing executed by
 * `prepareInput`, masks and columns as declared, the same score validation and time limit.
 */
import type { DetectorInstance, DetectorMeta } from '../contract.js';
import type { DatasetRow } from '../dataset.js';
import { describeInput, validateDetectorInput } from '../preprocess/index.js';
import { decodeMap } from '../localisation/maps.js';
import { createDetector, runDetectors, type ActiveDetector, type RowError } from '../runner.js';
import type { CheckImage, CheckImages } from './images.js';
import { SCORE_TOLERANCE, errorText, fmt, identityProblems, round, type CheckSession } from './session.js';
import { fail, pass, warn, type Outcome } from './types.js';

/** Text handed to detectors that declare `needsColumns` (DE-FAKE-style caption detectors). */
export const SAMPLE_COLUMN_TEXT = 'a photograph of a dog sitting on a wooden bench in a park';

interface ScoreRun {
  scores: Map<string, number>;
  /** Row key → sha256 of its localisation map (full size, 8-bit PNG), for detectors that return maps. */
  maps: Map<string, string>;
  /** sha256 → the map's PNG bytes. */
  pngs: Map<string, Uint8Array>;
  /** Why the runner stopped the detector (contract violation, throw, time limit). */
  failed?: string;
  rowErrors: RowError[];
}

function rowsFor(images: readonly CheckImage[], meta: DetectorMeta): DatasetRow[] {
  const columns = Object.fromEntries((meta.needsColumns ?? []).map((c) => [c, SAMPLE_COLUMN_TEXT]));
  return images.map((image, index) => ({
    index,
    line: index + 2,
    key: image.key,
    id: image.name,
    label: 'real',
    path: image.path,
    maskPath: image.maskPath,
    columns,
  }));
}

/**
 * The same detector with predict() metered. A proxy rather than a copy, so every other field the
 * instance has (input, identity, needsMask, ... and its prototype's getters) reads as eval reads it.
 */
function metered(d: ActiveDetector, session: CheckSession<'detector'>): ActiveDetector {
  const inner = d.instance;
  const predict: DetectorInstance['predict'] = (items, signal) => session.meter.measure(items.length, () => inner.predict(items, signal));
  const instance = new Proxy(inner, {
    get: (target, prop) => (prop === 'predict' ? predict : Reflect.get(target, prop, target)),
  });
  return { ...d, instance };
}

async function score(session: CheckSession<'detector'>, d: ActiveDetector, images: CheckImages, list: readonly CheckImage[], batchSize: number): Promise<ScoreRun> {
  const run: ScoreRun = { scores: new Map(), maps: new Map(), pngs: new Map(), rowErrors: [] };
  const summary = await runDetectors([{ ...d, batchSize }], rowsFor(list, d.loaded.plugin.meta), {
    root: images.dir,
    seed: session.env.seed,
    chunkSize: list.length,
    decodeConcurrency: 2,
    timeoutMs: session.env.timeoutMs,
    // Maps go through the same checks and inverse preprocessing as in eval; kept in memory here.
    maps: {
      put: async (_detector, map) => {
        run.pngs.set(map.sha256, map.png);
        return map.sha256;
      },
    },
    onPredictions: (records) => {
      for (const r of records) {
        run.scores.set(r.key, r.score);
        if (r.mapPath) run.maps.set(r.key, r.mapPath);
      }
    },
    onErrors: (errors) => {
      run.rowErrors.push(...errors);
    },
  });
  const failed = summary.failed[d.name];
  if (failed !== undefined) run.failed = failed;
  return run;
}

/** A failed run as check text; undefined when the run produced a score for every image. */
function runProblem(run: ScoreRun, list: readonly CheckImage[]): string | undefined {
  if (run.failed) return run.failed;
  if (run.rowErrors.length) return run.rowErrors.map((e) => `${e.key}: ${e.stage} failed: ${e.reason}`).join('\n');
  const missing = list.filter((i) => !run.scores.has(i.key));
  if (missing.length) return `no score for ${missing.map((i) => i.key).join(', ')}`;
  return undefined;
}

const timedOut = (run: ScoreRun): boolean => /timed out after/.test(run.failed ?? '');

/** Compares two runs item by item; the detail names the worst item. */
function compareRuns(a: ScoreRun, b: ScoreRun, list: readonly CheckImage[], what: [string, string], tolerance = SCORE_TOLERANCE): Outcome {
  let worst = { key: '', diff: -1, x: 0, y: 0 };
  for (const image of list) {
    const x = a.scores.get(image.key) as number;
    const y = b.scores.get(image.key) as number;
    const diff = Math.abs(x - y);
    if (diff > worst.diff) worst = { key: image.key, diff, x, y };
  }
  const measured = { maxDifference: worst.diff };
  if (worst.diff > tolerance) {
    return fail(`${worst.key}: score ${worst.x} ${what[0]}, ${worst.y} ${what[1]} (difference ${fmt(worst.diff)}, tolerance ${tolerance})`, measured);
  }
  return pass(`${list.length} images, largest difference ${worst.diff === 0 ? '0' : fmt(worst.diff)}`, measured);
}

/** What the stages of checkDetector share: the session, the first instance, the check images. */
interface DetectorCheck {
  session: CheckSession<'detector'>;
  /** The instance from the 'create' check; the checks after it score with it. */
  d: ActiveDetector;
  images: CheckImages;
  /** The ordinary images, all scored in one batch by 'output'. */
  standard: readonly CheckImage[];
  /** Creates another metered, in-process instance with the same options (the 'fresh-instance' check). */
  make: () => Promise<ActiveDetector>;
}

export async function checkDetector(session: CheckSession<'detector'>): Promise<void> {
  const { env } = session;
  const make = () =>
    // In-process: the suite measures the plugin's memory, timers and dispose in this thread.
    session.create(
      async () => metered(await createDetector(env.loaded, { options: env.options, context: env.context, isolation: 'none' }), session),
      (d) => d.instance,
    );

  await session.begin();
  const d = await checkCreate(session, make);
  if (!d) {
    for (const [id, title] of DEPENDENT_CHECKS) env.checks.skip(id, title, 'create() failed');
    await session.dispose();
    return;
  }
  const images = await env.images();
  const check: DetectorCheck = { session, d, images, standard: images.standard, make };

  const { baseline, hung } = await checkOutput(check);
  if (!baseline) {
    await skipAfterFailedOutput(check, hung);
    await session.dispose();
    return;
  }

  await session.markPass();
  await checkConsistency(check, baseline);
  await imageChecks(session, d, images);
  await session.performance('image');
  await session.dispose();
}

/** The 'create' check: the instance, or undefined when create() failed. Its input and identity are checked. */
async function checkCreate(session: CheckSession<'detector'>, make: () => Promise<ActiveDetector>): Promise<ActiveDetector | undefined> {
  const { env } = session;
  const plugin = env.loaded.plugin;
  let first: ActiveDetector | undefined;
  await env.checks.run('create', 'create(options, context) returns a detector', async () => {
    const d = await make();
    first = d;
    const problems: string[] = [];
    if (d.instance.input !== undefined) {
      try {
        validateDetectorInput(d.instance.input, `${session.label} instance.input`);
      } catch (error) {
        problems.push(errorText(error));
      }
    }
    problems.push(...identityProblems(d.instance.identity, env.options, plugin.meta.secretOptions));
    if (problems.length) return fail(problems.join('\n'));
    return pass(`input: ${describeInput(d.input)}${plugin.meta.needsMask ? '; needs masks' : ''}${plugin.meta.needsColumns?.length ? `; columns ${plugin.meta.needsColumns.join(', ')}` : ''}`);
  });
  return first;
}

/** 1. All ordinary images in one batch: the baseline the later checks compare with, unless it failed (or hung). */
async function checkOutput(check: DetectorCheck): Promise<{ baseline?: ScoreRun; hung: boolean }> {
  const { session, d, images, standard } = check;
  const n = standard.length;
  let baseline: ScoreRun | undefined;
  let hung = false;
  await session.env.checks.run('output', 'one score in [0, 1] per item', async () => {
    const run = await score(session, d, images, standard, n);
    const problem = runProblem(run, standard);
    if (problem) {
      hung = timedOut(run);
      return fail(problem);
    }
    baseline = run;
    const values = standard.map((i) => run.scores.get(i.key) as number);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const measured = { min: lo, max: hi };
    if (lo === hi) {
      return warn(`all ${n} different images scored ${lo}: a detector that ignores its input? The order and batch checks cannot see mistakes then.`, measured);
    }
    return pass(`${n} images in one batch; scores from ${fmt(lo)} to ${fmt(hi)}`, measured);
  });
  return baseline ? { baseline, hung } : { hung };
}

/** Without a baseline the comparisons are skipped; the unusual images are still tried, unless predict() hung. */
async function skipAfterFailedOutput(check: DetectorCheck, hung: boolean): Promise<void> {
  const reason = hung ? 'skipped: predict() did not return in time' : 'needs the ordinary images to score (see "output")';
  for (const [id, title] of DEPENDENT_CHECKS) {
    if (id === 'output') continue;
    // Unusual images are independent of the ordinary ones: still worth knowing about.
    if (!hung && IMAGE_CHECKS.has(id)) {
      if (id === 'grayscale') await imageChecks(check.session, check.d, check.images);
      continue;
    }
    check.session.env.checks.skip(id, title, reason);
  }
}

/** The ordinary images again: repeated, one per batch, reversed, their maps, and from a second instance; each must agree with the baseline. */
async function checkConsistency(check: DetectorCheck, baseline: ScoreRun): Promise<void> {
  const { session, d, images, standard } = check;
  const { checks } = session.env;
  const n = standard.length;
  await checks.run('determinism', 'same input, same scores (repeated call)', async () => {
    const again = await score(session, d, images, standard, n);
    await session.markPass();
    const problem = runProblem(again, standard);
    if (problem) return fail(`the second call failed: ${problem}`);
    const outcome = compareRuns(baseline, again, standard, ['on the first call', 'on the second']);
    if (outcome.status === 'fail') outcome.detail += '\nDerive every random number from context.seed (and the item key), never from Math.random or the clock.';
    return outcome;
  });
  await checks.run('batch-invariance', `batch of 1 and batch of ${n} give the same scores`, async () => {
    const single = await score(session, d, images, standard, 1);
    await session.markPass();
    const problem = runProblem(single, standard);
    if (problem) return fail(`with batches of 1: ${problem}`);
    const outcome = compareRuns(baseline, single, standard, [`in a batch of ${n}`, 'alone']);
    if (outcome.status === 'fail') outcome.detail += '\nAn item\'s score must not depend on the other items of its batch (no normalisation across the batch, no padding that leaks into results).';
    return outcome;
  });
  await checks.run('order', 'scores follow the order of the items', async () => {
    const reversed = [...standard].reverse();
    const run = await score(session, d, images, reversed, n);
    await session.markPass();
    const problem = runProblem(run, reversed);
    if (problem) return fail(`with the items in reverse order: ${problem}`);
    const outcome = compareRuns(baseline, run, standard, ['in the original order', 'in reverse order']);
    if (outcome.status === 'fail') outcome.detail += '\nReturn scores[i] for items[i]: do not sort, group or collect results in completion order.';
    if (outcome.status === 'pass' && new Set(baseline.scores.values()).size === 1) return warn('not informative: every image got the same score', outcome.measured);
    return outcome;
  });

  await checks.run('maps', 'localisation maps, when returned: full size, same for a batch of 1', () => mapCheck(session, d, images, baseline, standard));
  await checks.run('fresh-instance', 'a second instance with the same options and seed agrees', async () => {
    const second = await check.make();
    const run = await score(session, second, images, standard, n);
    const problem = runProblem(run, standard);
    if (problem) return fail(`the second instance failed: ${problem}`);
    const outcome = compareRuns(baseline, run, standard, ['from the first instance', 'from the second']);
    if (outcome.status === 'fail') outcome.detail += '\nState set up in create() must be a function of the options and context.seed only.';
    return outcome;
  });
}

/**
 * Maps are optional (`{ score, map }`); the runner has already checked their values and their size
 * against the detector's input, and carried them back to the image. This check says whether the
 * detector localises, that every map covers its image, and that a map does not depend on the batch.
 */
async function mapCheck(session: CheckSession<'detector'>, d: ActiveDetector, images: CheckImages, baseline: ScoreRun, list: readonly CheckImage[]): Promise<Outcome> {
  if (baseline.maps.size === 0) return pass('no maps: the detector scores images without localising (maps are optional)');
  const missing = list.filter((i) => !baseline.maps.has(i.key));
  for (const image of list) {
    const hash = baseline.maps.get(image.key);
    if (!hash) continue;
    const map = await decodeMap(baseline.pngs.get(hash) as Uint8Array, image.key);
    if (map.width !== image.width || map.height !== image.height) {
      return fail(`${image.key}: the map came back ${map.width}x${map.height}, the image is ${image.width}x${image.height}`);
    }
  }
  const single = await score(session, d, images, list, 1);
  await session.markPass();
  const differs = list.find((i) => single.maps.get(i.key) !== baseline.maps.get(i.key));
  if (differs) return fail(`${differs.key}: its map differs between a batch of ${list.length} and a batch of 1
A map, like a score, must depend on its item only.`);
  const measured = { maps: baseline.maps.size };
  if (missing.length) return warn(`maps for ${baseline.maps.size} of ${list.length} images; none for ${missing.map((i) => i.key).join(', ')} (pixel metrics skip those rows)`, measured);
  return pass(`a map for each of the ${list.length} images, at the image's size, identical alone and in a batch`, measured);
}

async function imageChecks(session: CheckSession<'detector'>, d: ActiveDetector, images: CheckImages): Promise<void> {
  const cases: Array<[string, string, CheckImage]> = [
    ['grayscale', 'greyscale image (one channel)', images.grey],
    ['rgba', 'RGBA image with transparency', images.rgba],
    ['tiny', `tiny image (${images.tiny.width} x ${images.tiny.height})`, images.tiny],
    ['large', `large image (${images.large.width} x ${images.large.height})`, images.large],
  ];
  for (const [id, title, image] of cases) {
    await session.env.checks.run(id, title, async () => {
      const t0 = performance.now();
      const run = await score(session, d, images, [image], 1);
      const ms = performance.now() - t0;
      const hint = HINTS[id] as string;
      if (run.failed) return fail(`${run.failed}\n${hint}`);
      // A detector may report per item that it cannot score an image (PartialScores): eval records the row and goes on.
      const declined = run.rowErrors.filter((e) => e.stage === 'predict');
      const problem = runProblem({ ...run, rowErrors: run.rowErrors.filter((e) => e.stage !== 'predict') }, declined.length ? [] : [image]);
      if (problem) return fail(problem);
      if (declined.length) return warn(`the detector declined this image: ${declined.map((e) => e.reason).join('; ')}\neval records such rows in errors.csv and goes on. ${hint}`);
      const value = run.scores.get(image.key) as number;
      const peakMb = (session.meter.samples.at(-1)?.peakBytes ?? 0) / 2 ** 20;
      const file = `${image.format.toUpperCase()}, ${image.channels} channel${image.channels > 1 ? 's' : ''} in the file`;
      return pass(`score ${fmt(value)} in ${fmt(ms)} ms, peak memory +${fmt(peakMb)} MB (${file})`, { score: value, ms: round(ms, 1), peakMb: round(peakMb, 1) });
    });
  }
}

/** A thrown error in predict() stops the detector for the whole eval run; these say how to avoid it. */
const STOPS = 'A predict() that throws stops this detector for the whole eval run; return null with a reason for the items you cannot score (PartialScores) instead.';
const HINTS: Record<string, string> = {
  grayscale: `${STOPS} Path-input detectors decode files themselves: convert grey to RGB (sharp: .toColourspace("srgb")), or declare input kind "pixels" and get RGB from semibench.`,
  rgba: `${STOPS} Drop or flatten the alpha channel (sharp: .removeAlpha()), or declare input kind "pixels" and get RGB from semibench.`,
  tiny: `${STOPS} Or declare a resize step in meta.input so small images are scaled up.`,
  large: `${STOPS} Resize or tile large images (declare a resize step in meta.input), and avoid buffers sized by a fixed maximum.`,
};

/** Checks after create, in report order. */
const DEPENDENT_CHECKS: ReadonlyArray<[string, string]> = [
  ['output', 'one score in [0, 1] per item'],
  ['determinism', 'same input, same scores (repeated call)'],
  ['batch-invariance', 'batch of 1 and batch of many give the same scores'],
  ['order', 'scores follow the order of the items'],
  ['maps', 'localisation maps, when returned: full size, same for a batch of 1'],
  ['fresh-instance', 'a second instance with the same options and seed agrees'],
  ['grayscale', 'greyscale image (one channel)'],
  ['rgba', 'RGBA image with transparency'],
  ['tiny', 'tiny image'],
  ['large', 'large image'],
  ['performance', 'time and memory per image'],
];
const IMAGE_CHECKS = new Set(['grayscale', 'rgba', 'tiny', 'large']);

