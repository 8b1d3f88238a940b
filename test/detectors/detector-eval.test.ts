/**
 * The detector bridges through `semibench eval` end to end on the bundled fixture:
 * - a MobileNetV2 defined only by an .onnx file and its sidecar matches TensorFlow.js;
 * - the standard-library Python worker and an HTTP endpoint running the same statistic as the
 *   built-in `noise-inconsistency` give the built-in's scores on every row.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRgb } from '@semibench/harness';
import { analyseNoise } from '@semibench/plugin-detectors/noise-inconsistency';
import { buildNsfwjsOnnx } from '@semibench/plugin-detectors/onnx/nsfwjs';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'packages/cli/bin/run.js');
const model = 'fixtures/models/nsfwjs-mobilenetv2/mobilenetv2.onnx';

/** predictions.csv as detector -> image_path -> score. */
async function predictions(dir: string): Promise<Map<string, Map<string, number>>> {
  const rows = parse(await readFile(join(dir, 'predictions.csv')), { columns: true }) as Array<Record<string, string>>;
  const out = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const det = row.detector as string;
    if (!out.has(det)) out.set(det, new Map());
    out.get(det)?.set(row.image_path as string, Number(row.score));
  }
  return out;
}

let scratch: string;
let server: Server;
let url: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'semibench-detector-eval-'));
  await buildNsfwjsOnnx(join(root, model));
  // An HTTP detector: decode the posted bytes, run the Mahdian-Saic statistic.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const { items } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: { image: { base64: string } }[] };
        const scores = await Promise.all(items.map(async (it) => analyseNoise(await decodeRgb(Buffer.from(it.image.base64, 'base64'))).score));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ scores }));
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await rm(scratch, { recursive: true, force: true });
});

describe('detectors through semibench eval', () => {
  it('an .onnx file plus its sidecar is a detector, and its scores match TensorFlow.js', async () => {
    const out = join(scratch, 'onnx');
    await run('node', [cli, 'eval', '-d', 'nsfw=onnx', '--option', `nsfw.model=${model}`, '--bootstrap', '50', '--no-store', '-o', out, '-q'], { cwd: root });
    const reference = JSON.parse(await readFile(join(root, 'packages/plugin-detectors/reference/nsfwjs-tfjs-reference.json'), 'utf8')) as {
      outputs: Record<string, number[]>;
    };
    const scores = (await predictions(out)).get('nsfw') as Map<string, number>;
    // The fixture's originals are byte-identical copies of the sample images the reference used.
    const checked = Object.entries(reference.outputs).map(([key, probs]) => {
      const score = scores.get(`original/images/${key}`);
      expect(score, key).toBeDefined();
      expect(Math.abs((score as number) - (probs[0] as number)), key).toBeLessThan(1e-5);
      return key;
    });
    expect(checked).toHaveLength(10);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as unknown;
    expect(JSON.stringify(manifest)).toMatch(/resize\(exact 224x224, bilinear, pil\) > tensor\(NHWC/);
  });

  it('the stdlib Python worker and an HTTP endpoint give the in-process scores on every row', async () => {
    const out = join(scratch, 'bridges');
    const args = ['eval', '-d', 'noise-inconsistency', '-d', 'py=python', '-d', 'web=http'];
    args.push('--option', 'py.command=python3 examples/python-worker/stdlib_worker.py', '--option', `web.url=${url}`, '--bootstrap', '50', '--no-store', '-o', out, '-q');
    await run('node', [cli, ...args], { cwd: root });
    const all = await predictions(out);
    const local = all.get('noise-inconsistency') as Map<string, number>;
    expect(local.size).toBeGreaterThanOrEqual(20);
    for (const name of ['py', 'web']) {
      const other = all.get(name) as Map<string, number>;
      expect(other.size, name).toBe(local.size);
      for (const [path, score] of local) expect(Math.abs((other.get(path) as number) - score), `${name} ${path}`).toBeLessThan(1e-9);
    }
  });
});
