/**
 * What worker-thread isolation (packages/harness/src/isolation) costs the ONNX detector, end to
 * end (`semibench eval`, ResNet-50-sized model, same images, batch 16):
 *   (builtin) `-d onnx`: a built-in, so in-process under the default --isolation worker;
 *   (worker)  the same plugin through a path file (`export { default } from ...onnx.js`), so it
 *             runs in its own worker thread, tensors transferred;
 *   (none)    that path plugin with SEMIBENCH_ISOLATION=none (in-process).
 * Rounds alternate the three (the machine is shared and noisy); ratios are of medians. Goal:
 * builtin/none >= 0.97 (the default loses < 3%); worker/none says what isolating it would cost.
 *
 *   pnpm build && pnpm exec tsx bench/isolation.ts [--copies 2] [--rounds 3] [--batch 16]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { IMAGENET_MEAN, IMAGENET_STD, loadDataset, type PreprocessSpec, type TensorSpec } from '@semibench/harness';
import { buildResNet50Onnx } from '@semibench/plugin-detectors/onnx/resnet';

const { values: args } = parseArgs({ options: { copies: { type: 'string', default: '2' }, rounds: { type: 'string', default: '3' }, batch: { type: 'string', default: '16' } } });
const copies = Number(args.copies);
const rounds = Number(args.rounds);
const batch = Number(args.batch);
const repo = join(import.meta.dirname, '..');
const cacheDir = join(repo, 'bench', '.cache');
const modelPath = join(cacheDir, 'resnet50-random.onnx');
const preprocessing: PreprocessSpec & { tensor: TensorSpec } = {
  steps: [{ op: 'resize', size: 256 }, { op: 'center-crop', size: 224 }],
  tensor: { layout: 'NCHW', mean: IMAGENET_MEAN, std: IMAGENET_STD },
};
mkdirSync(cacheDir, { recursive: true });
if (!existsSync(modelPath)) writeFileSync(modelPath, buildResNet50Onnx(0));
writeFileSync(join(cacheDir, 'resnet50-random.semibench.json'), JSON.stringify({ semibench: 1, preprocessing, output: { kind: 'logit' } }));

const work = mkdtempSync(join(tmpdir(), 'bench-isolation-'));
const fixture = await loadDataset(join(repo, 'fixtures', 'semi-truths-mini'));
const lines = ['image_id,image_path,label'];
mkdirSync(join(work, 'img'), { recursive: true });
for (let c = 0; c < copies; c++) {
  for (const row of fixture.rows) {
    const rel = `img/${c}_${row.index}${extname(row.path)}`;
    copyFileSync(row.path, join(work, rel));
    lines.push(`${row.id}_${c},${rel},${row.label}`);
  }
}
writeFileSync(join(work, 'metadata.csv'), lines.join('\n') + '\n');
const n = lines.length - 1;
const onnxModule = pathToFileURL(join(repo, 'packages/plugin-detectors/dist/onnx.js')).href;
const pathPlugin = join(work, 'onnx-as-path.mjs');
writeFileSync(pathPlugin, `export { default } from ${JSON.stringify(onnxModule)};\n`);
console.log(`${n} images, batch ${batch}, ${rounds} rounds`);

function run(spec: string, isolation: 'worker' | 'none'): number {
  const out = join(work, `run-${Date.now()}`);
  const t0 = performance.now();
  execFileSync('node', [join(repo, 'packages/cli/bin/run.js'), 'eval', '--dataset', work, '-d', `resnet=${spec}`, '--option', `resnet.model=${modelPath}`, '--batch-size', String(batch), '--refresh', '--no-store', '--bootstrap', '0', '-o', out, '-q'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SEMIBENCH_ISOLATION: isolation },
  });
  return n / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const results = { builtin: [] as number[], worker: [] as number[], none: [] as number[] };
try {
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no variant always runs first on a warm or cold machine.
    const order = (['builtin', 'worker', 'none'] as const).map((_, i, all) => all[(i + r) % all.length] as 'builtin' | 'worker' | 'none');
    for (const variant of order) results[variant].push(variant === 'builtin' ? run('onnx', 'worker') : run(pathPlugin, variant));
    console.log(`round ${r + 1}: builtin ${results.builtin.at(-1)?.toFixed(2)}, worker ${results.worker.at(-1)?.toFixed(2)}, none ${results.none.at(-1)?.toFixed(2)} images/s`);
  }
  const [b, w, none] = [median(results.builtin), median(results.worker), median(results.none)];
  console.log(`builtin (default, in-process): ${b.toFixed(2)} images/s`);
  console.log(`path plugin in a worker:       ${w.toFixed(2)} images/s`);
  console.log(`path plugin, --isolation none: ${none.toFixed(2)} images/s`);
  console.log(`builtin/none = ${(b / none).toFixed(3)} (goal >= 0.97)`);
  console.log(`worker/none  = ${(w / none).toFixed(3)} (the cost of isolating the onnx detector)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
