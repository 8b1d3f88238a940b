/**
 * ONNX detector throughput on a ResNet-50-sized model (25.6 M parameters, seeded random weights):
 *   (a) a raw onnxruntime loop over pre-decoded, pre-processed tensors (inference only);
 *   (b) `semibench eval` end to end (process start, dataset, decode, preprocessing, inference,
 *       scoring with bootstrap intervals, reports), same model, same images, same batch size;
 *   (c) the original code's style of loop: PyTorch + PIL + torchvision transforms, batch 1, on the
 *       same architecture (Debian's python3-torch / python3-torchvision; skipped when missing).
 * Prints images/s of each and the ratios b/a (goal >= 0.90) and b/c (goal >= 3).
 *
 *   pnpm build && pnpm exec tsx bench/onnx.ts [--copies 6] [--rounds 3] [--batch 16]
 *
 * Images: fixtures/semi-truths-mini, copied `copies` times into a temp dataset; (b) runs with
 * --refresh, so the prediction store is consulted and written as usual but recalls nothing. Rounds alternate a, b, c (the machine is shared and noisy); ratios are of medians.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { IMAGENET_MEAN, IMAGENET_STD, loadDataset, prepareInput, type PreprocessSpec, type TensorSpec } from '@semibench/harness';
import { openSession } from '@semibench/plugin-detectors/onnx/session';
import { buildResNet50Onnx } from '@semibench/plugin-detectors/onnx/resnet';

const { values: args } = parseArgs({
  options: { copies: { type: 'string', default: '6' }, rounds: { type: 'string', default: '3' }, batch: { type: 'string', default: '16' } },
});
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
const input = { kind: 'tensor' as const, preprocess: preprocessing };

mkdirSync(cacheDir, { recursive: true });
if (!existsSync(modelPath)) writeFileSync(modelPath, buildResNet50Onnx(0));
writeFileSync(join(cacheDir, 'resnet50-random.semibench.json'), JSON.stringify({ semibench: 1, preprocessing, output: { kind: 'logit' } }));

// A dataset of distinct files: the fixture's images, `copies` times.
const work = mkdtempSync(join(tmpdir(), 'bench-onnx-'));
const fixture = await loadDataset(join(repo, 'fixtures', 'semi-truths-mini'));
const lines = ['image_id,image_path,label'];
const files: string[] = [];
for (let c = 0; c < copies; c++) {
  for (const row of fixture.rows) {
    const rel = `img/${c}_${row.index}${extname(row.path)}`;
    mkdirSync(join(work, 'img'), { recursive: true });
    copyFileSync(row.path, join(work, rel));
    lines.push(`${row.id}_${c},${rel},${row.label}`);
    files.push(join(work, rel));
  }
}
writeFileSync(join(work, 'metadata.csv'), lines.join('\n') + '\n');
const n = files.length;
console.log(`${n} images (${fixture.rows.length} fixture images x ${copies}), batch ${batch}, model ${modelPath}`);

async function raw(): Promise<number> {
  const tensors = await Promise.all(files.map(async (f, i) => (await prepareInput(f, input, { seed: 0, key: String(i) })).tensor?.data as Float32Array));
  // The same session options the onnx detector uses, on this thread.
  const session = await openSession(modelPath, { inProcess: true });
  const per = 3 * 224 * 224;
  const t0 = performance.now();
  for (let s = 0; s < n; s += batch) {
    const m = Math.min(batch, n - s);
    const data = new Float32Array(m * per);
    for (let i = 0; i < m; i++) data.set(tensors[s + i] as Float32Array, i * per);
    await session.run({ image: { type: 'float32', data, dims: [m, 3, 224, 224] } }, ['logit']);
  }
  const seconds = (performance.now() - t0) / 1000;
  await session.close();
  return n / seconds;
}

function endToEnd(): number {
  const out = join(work, `run-${Date.now()}`);
  const t0 = performance.now();
  execFileSync('node', [join(repo, 'packages/cli/bin/run.js'), 'eval', '--dataset', work, '-d', 'resnet=onnx', '--option', `resnet.model=${modelPath}`, '--batch-size', String(batch), '--refresh', '-o', out, '-q'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return n / ((performance.now() - t0) / 1000);
}

const torchScript = `
import sys, time, torch, torchvision
from PIL import Image
from torchvision import transforms as T
torch.manual_seed(0)
m = torchvision.models.resnet50(num_classes=1).eval()
tf = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
files = sys.argv[1:]
t0 = time.perf_counter()
with torch.no_grad():
    for f in files:
        x = tf(Image.open(f).convert('RGB'))[None]
        torch.sigmoid(m(x))
print(len(files) / (time.perf_counter() - t0))
`;
function hasTorch(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch, torchvision'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const torch = hasTorch();
function pytorch(): number {
  const script = join(work, 'torch_loop.py');
  writeFileSync(script, torchScript);
  return Number(execFileSync('/usr/bin/python3', [script, ...files], { encoding: 'utf8' }).trim().split('\n').pop());
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const a: number[] = [];
const b: number[] = [];
const c: number[] = [];
try {
  for (let r = 0; r < rounds; r++) {
    a.push(await raw());
    b.push(endToEnd());
    if (torch) c.push(pytorch());
    console.log(`round ${r + 1}: raw ${a.at(-1)?.toFixed(2)} img/s, eval ${b.at(-1)?.toFixed(2)} img/s${torch ? `, pytorch ${c.at(-1)?.toFixed(2)} img/s` : ''}`);
  }
  console.log(`(a) raw onnxruntime loop:    ${median(a).toFixed(2)} images/s`);
  console.log(`(b) semibench eval, e2e:     ${median(b).toFixed(2)} images/s`);
  if (torch) console.log(`(c) PyTorch+PIL, batch 1:    ${median(c).toFixed(2)} images/s`);
  console.log(`b/a = ${(median(b) / median(a)).toFixed(3)} (goal >= 0.90)`);
  if (torch) console.log(`b/c = ${(median(b) / median(c)).toFixed(2)} (goal >= 3)`);
  else console.log('b/c: skipped (no python3-torch / python3-torchvision)');
} finally {
  rmSync(work, { recursive: true, force: true });
}
