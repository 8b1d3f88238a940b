/**
 * The `python` worker bridge with the standard-library worker of examples/python-worker, which
 * computes the same statistic as the in-process `noise-inconsistency` detector: scores must agree.
 * Misbehaving workers (crash, hang, junk on stdout, wrong counts, wrong protocol) must fail with
 * messages naming the worker and the items.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareInput } from '@semibench/harness';
import type { DetectorInstance, DetectorItem, DetectorPlugin, PartialScores, PluginContext, PluginOptions } from '@semibench/harness';
import { builtins } from '@semibench/plugin-detectors';
import { NOISE_INCONSISTENCY_DEFAULTS, analyseNoise } from '@semibench/plugin-detectors/noise-inconsistency';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const images = resolve(root, 'fixtures/semi-truths-sample/input/images');
const worker = 'python3 examples/python-worker/stdlib_worker.py';
const keys = [
  'ADE20K/ADE_train_00012321.jpg',
  'CelebAHQ/20046.jpg',
  'CityScapes/hamburg_000000_067799.png',
  'HumanParsing/img_05093.png',
  'OpenImages/e16d9f29e2462eea.jpg',
  'SUN_RGBD/bikeroom_1__0001450-000048564684.jpg',
];

function makeContext(logs: string[] = []): PluginContext {
  return {
    seed: 0,
    cacheDir: tmpdir(),
    baseDir: root,
    logger: { debug: () => {}, info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`) },
    signal: new AbortController().signal,
  };
}

async function pythonPlugin(): Promise<DetectorPlugin> {
  const entry = builtins.find((b) => b.kind === 'detector' && b.name === 'python');
  if (!entry) throw new Error('python is not registered');
  return ((await entry.load()) as { default: DetectorPlugin }).default;
}

let items: DetectorItem[];
let scratch: string;
const open: DetectorInstance[] = [];
async function create(options: PluginOptions, logs?: string[]): Promise<DetectorInstance> {
  const instance = await (await pythonPlugin()).create(options, makeContext(logs));
  open.push(instance);
  return instance;
}

beforeAll(async () => {
  items = await Promise.all(
    keys.map(async (key) => ({ id: key, key, path: join(images, key), ...(await prepareInput(join(images, key), { kind: 'pixels' }, { seed: 0, key })) })),
  );
  scratch = await mkdtemp(join(tmpdir(), 'semibench-pyworker-'));
});
afterAll(async () => {
  await Promise.all(open.map((i) => i.dispose?.()));
  await rm(scratch, { recursive: true, force: true });
});

describe('python worker bridge, standard-library worker', () => {
  it('handshakes, receives decoded pixels, and scores exactly like the in-process detector', async () => {
    const logs: string[] = [];
    const instance = await create({ command: worker }, logs);
    expect(instance.input).toEqual({ kind: 'pixels' });
    expect(instance.identity).toMatchObject({ worker: 'stdlib-noise-inconsistency', workerVersion: '1.0.0' });
    // Reported under the worker's name, not "python" (issue 20).
    expect(instance.name).toBe('stdlib-noise-inconsistency');
    const scores = [...(await instance.predict(items.slice(0, 4), makeContext().signal)) as Float64Array, ...(await instance.predict(items.slice(4), makeContext().signal)) as Float64Array];
    items.forEach((item, i) => expect(scores[i]).toBeCloseTo(analyseNoise(item.pixels as NonNullable<DetectorItem['pixels']>).score, 10));
    // The worker's stderr reaches the log, prefixed with the worker's name.
    expect(logs.some((l) => /^info \[worker "python3 .*stdlib_worker\.py"\] scored 4 item\(s\)$/.test(l))).toBe(true);
  });

  it('forwards options to the worker and reports per-item errors without failing the batch', async () => {
    const instance = await create({ command: worker, failOn: 'CelebAHQ', blockSize: 4 });
    expect(instance.identity).toMatchObject({ workerOptions: { failOn: 'CelebAHQ', blockSize: 4 }, workerIdentity: { blockSize: 4 } });
    const result = (await instance.predict(items.slice(0, 3), makeContext().signal)) as PartialScores;
    expect(result.errors).toEqual([null, 'refused CelebAHQ/20046.jpg (failOn option)', null]);
    expect(result.scores[1]).toBeNull();
    expect(result.scores[0]).toBeCloseTo(analyseNoise(items[0]?.pixels as NonNullable<DetectorItem['pixels']>, { ...NOISE_INCONSISTENCY_DEFAULTS, blockSize: 4, epsilon: 0.5, centre: 0.6, scale: 0.15 }).score, 10);
  });

  it('restarts a crashed worker (bounded) and retries the batch', async () => {
    const logs: string[] = [];
    const instance = await create({ command: worker, crashAfter: 1, maxRestarts: 1 }, logs);
    await instance.predict(items.slice(0, 1), makeContext().signal);
    const again = (await instance.predict(items.slice(1, 2), makeContext().signal)) as Float64Array;
    expect(again[0]).toBeCloseTo(analyseNoise(items[1]?.pixels as NonNullable<DetectorItem['pixels']>).score, 10);
    expect(logs.some((l) => l.startsWith('warn worker "python3') && /exited \(code 3\); restarting it \(1\/1\) and retrying items CelebAHQ\/20046\.jpg/.test(l))).toBe(true);
    const dead = await create({ command: worker, crashAfter: 0, maxRestarts: 1 });
    await expect(dead.predict(items.slice(0, 2), makeContext().signal)).rejects.toThrow(
      /worker "python3 examples\/python-worker\/stdlib_worker\.py" exited \(code 3\); gave up after 1 restart\(s\) \(maxRestarts 1\) on items ADE20K\/ADE_train_00012321\.jpg, CelebAHQ\/20046\.jpg/,
    );
  });

  it('times out a hung worker and names the items', async () => {
    const instance = await create({ command: worker, hangAfter: 0, timeoutMs: 800, maxRestarts: 0 });
    await expect(instance.predict(items.slice(2, 3), makeContext().signal)).rejects.toThrow(
      /did not answer request 1 \(items CityScapes\/hamburg_000000_067799\.png\) within 800 ms; gave up after 0 restart/,
    );
  });
});

describe('python worker bridge, broken workers', () => {
  async function script(name: string, body: string): Promise<string> {
    const path = join(scratch, name);
    await writeFile(path, body);
    return `python3 ${path}`;
  }
  const helloLine = `import json, sys\nsys.stdin.readline()\nprint(json.dumps({"type":"hello","protocol":1,"name":"broken","version":"0","input":{"kind":"path"}}), flush=True)\n`;

  it('refuses another protocol version and a bad hello', async () => {
    const v2 = await script('v2.py', `import sys\nsys.stdin.readline()\nprint('{"type":"hello","protocol":2,"name":"x","version":"1"}', flush=True)\nsys.stdin.read()\n`);
    await expect(create({ command: v2 })).rejects.toThrow(/speaks worker protocol 2; this semibench speaks protocol 1/);
    const bad = await script('bad.py', `import sys\nsys.stdin.readline()\nprint('{"type":"hello","protocol":1,"name":"x","version":"1","input":{"kind":"tensor"}}', flush=True)\nsys.stdin.read()\n`);
    await expect(create({ command: bad })).rejects.toThrow(/hello: input.preprocess: expected an object with "steps"/);
    await expect(create({ command: 'python3 -c "import sys; sys.exit(5)"', maxRestarts: 0 })).rejects.toThrow(/exited \(code 5\)/);
    await expect(create({})).rejects.toThrow(/option "command" is required/);
  });

  it('fails clearly on junk on stdout and on wrong counts', async () => {
    const junk = await script('junk.py', `${helloLine}sys.stdin.readline()\nprint("loading weights...", flush=True)\nsys.stdin.read()\n`);
    const a = await create({ command: junk });
    await expect(a.predict(items.slice(0, 1), makeContext().signal)).rejects.toThrow(/wrote a line that is not protocol JSON to stdout: "loading weights\.\.\."; workers must log to stderr/);
    const short = await script(
      'short.py',
      `${helloLine}m = json.loads(sys.stdin.readline())\nprint(json.dumps({"type":"result","id":m["id"],"scores":[0.5]}), flush=True)\nsys.stdin.read()\n`,
    );
    const b = await create({ command: short });
    await expect(b.predict(items.slice(0, 2), makeContext().signal)).rejects.toThrow(/reply 1 has 1 scores for 2 items/);
  });
});

describe('python worker identity', () => {
  it('records a sha256 of the weights file or directory a worker is given, not its name', async () => {
    const dir = join(scratch, 'weights');
    await mkdir(join(dir, 'sub'), { recursive: true });
    await writeFile(join(dir, 'a.bin'), 'first weights');
    await writeFile(join(dir, 'sub', 'b.bin'), 'second weights');
    const file = join(dir, 'a.bin');
    const hex = (data: string) => createHash('sha256').update(data).digest('hex');
    const one = await create({ command: worker, weights: file });
    expect(one.identity).toMatchObject({ weightsSha256: { weights: hex('first weights') } });
    // A directory: sha256 of its sorted "relative-path sha256" lines.
    const all = await create({ command: worker, checkpoint: dir });
    expect(all.identity).toMatchObject({ weightsSha256: { checkpoint: hex(`a.bin ${hex('first weights')}\nsub/b.bin ${hex('second weights')}`) } });
    // Not a path here (a hub id, say): nothing to hash, the worker's own identity must say what it is.
    const remote = await create({ command: worker, weights: 'org/model-id' });
    expect(remote.identity?.weightsSha256).toBeUndefined();
  });
});
