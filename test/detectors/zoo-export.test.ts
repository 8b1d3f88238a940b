/**
 * `semibench zoo export` end to end with the committed export scripts: a seeded stand-in checkpoint
 * in the authors' exact format (CNNDetection / DIRE: {'model': state_dict} of a ResNet-50 with one
 * logit) is built with PyTorch, exported, run through `semibench eval` with the authors'
 * preprocessing, and compared with PyTorch itself on every bundled image (Pillow + torchvision
 * preprocessing, test/python/zoo_torch_reference.py).
 *
 * Needs Debian's python3-torch, python3-torchvision, python3-onnx (and python3-pil) for
 * /usr/bin/python3 (or SEMIBENCH_TORCH_PYTHON). Without them the test is skipped, loudly.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../helpers/csv.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'packages/cli/bin/run.js');
const dataset = join(root, 'fixtures/semi-truths-mini');
const reference = join(root, 'test/python/zoo_torch_reference.py');
const run = promisify(execFile);
const python = process.env.SEMIBENCH_TORCH_PYTHON ?? '/usr/bin/python3';

function torchAvailable(): boolean {
  try {
    execFileSync(python, ['-c', 'import torch, torchvision, onnx, PIL'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const haveTorch = torchAvailable();
if (!haveTorch) {
  console.warn(
    `\n*** SKIPPED test/detectors/zoo-export.test.ts: ${python} cannot import torch, torchvision, onnx and PIL. ` +
      'Install them (Debian: apt-get install python3-torch python3-torchvision python3-onnx python3-pil) ' +
      'or point SEMIBENCH_TORCH_PYTHON at a Python that has them. ***\n',
  );
}

function parseScores(csv: string): Map<string, number> {
  return new Map(parseCsv(csv).map((p) => [p.image_path as string, Number(p.score)]));
}

let dir: string;
let checkpoint: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'semibench-zoo-export-'));
  checkpoint = join(dir, 'standin.pth');
  if (haveTorch) await run(python, [reference, 'checkpoint', checkpoint, '--seed', '0']);
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!haveTorch)('zoo export: ONNX through semibench eval equals PyTorch', () => {
  for (const name of ['cnnspot', 'dire'] as const) {
    it(`${name}: every bundled image within 1e-4 (authors' preprocessing)`, async () => {
      const models = join(dir, `models-${name}`);
      await run('node', [cli, 'zoo', 'export', name, '--checkpoint', checkpoint, '--out', models, '--python', python], { cwd: root });
      const sidecar = JSON.parse(await readFile(join(models, `${name}.semibench.json`), 'utf8')) as { name: string; output: { kind: string } };
      expect(sidecar).toMatchObject({ name: `zoo:${name}`, output: { kind: 'logit' } });
      const out = join(dir, `run-${name}`);
      const [evaluated, torchOut] = await Promise.all([
        run('node', [cli, 'eval', '-d', `zoo:${name}`, '--option', `weights=${join(models, `${name}.onnx`)}`, '--dataset', dataset, '--out', out, '--bootstrap', '0', '--no-store', '-q'], { cwd: root }),
        run(python, [reference, 'predict', '--checkpoint', checkpoint, '--preprocess', name, '--dataset', dataset], { maxBuffer: 1 << 24 }),
      ]);
      expect(evaluated.stdout).toContain('28 predicted');
      const ours = parseScores(await readFile(join(out, 'predictions.csv'), 'utf8'));
      const torch = new Map(Object.entries(JSON.parse(torchOut.stdout) as Record<string, number>));
      expect(ours.size).toBe(28);
      expect([...torch.keys()].sort()).toEqual([...ours.keys()].sort());
      const spread = Math.max(...torch.values()) - Math.min(...torch.values());
      expect(spread, 'the stand-in must give distinct, unsaturated scores').toBeGreaterThan(0.01);
      for (const [path, p] of torch) expect(Math.abs((ours.get(path) as number) - p), path).toBeLessThan(1e-4);
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { detectors: { identity: Record<string, unknown> }[] };
      expect(manifest.detectors[0]?.identity).toMatchObject({ recipe: name, preprocess: 'authors', classDependent: false });
    }, 900_000);
  }
});
