/**
 * ONNX detector throughput on a ResNet-50-sized model (25.6 M parameters, seeded random weights):
 *   (a) a raw onnxruntime loop over pre-decoded, pre-processed tensors (inference only);
 *   (b) `semibench eval` end to end (process start, dataset, decode, preprocessing, inference,
 *       scoring with bootstrap intervals, reports), same model, same images, same batch size;
 *   (c) the original code's style of loop: PyTorch + PIL + torchvision transforms, batch 1, on the
 *       same architecture (Debian's python3-torch / python3-torchvision; skipped when missing).
 * Prints images/s of each and the ratios b/a (goal >= 0.90) and b/c (goal >= 3), and the CPU time
 * per image of each leg (user + system, all threads; for (a) the inference loop only, without the
 * session's creation, for (b) the whole eval process): on a shared machine wall-clock rates swing
 * with the load, CPU per image much less.
 *
 *   pnpm build && pnpm exec tsx bench/onnx.ts [--copies 6] [--rounds 3] [--batch 16] [--skip-torch]
 *
 * Images: fixtures/semi-truths-mini, copied `copies` times into a temp dataset; (b) runs with
 * --refresh, so the prediction store is consulted and written as usual but recalls nothing. Rounds alternate a, b, c (the machine is shared and noisy); ratios are of medians.
 *
 * Measured 2026-12-05, --copies 16 --rounds 3 --skip-torch (448 images), 2 cores, machine quiet:
 *   onnxruntime's default threads (one, here):  (a) 20.86 img/s, 48.7 ms CPU/img; (b) 13.35 img/s,
 *     74.3 ms CPU/img; b/a = 0.640 (earlier, with the machine loaded ~5: 0.675; ~10-15: 0.833)
 *   intra-op threads = cores (the default now): (a) 39.78 img/s, 50.0 ms CPU/img; (b) 22.96 img/s,
 *     81.3 ms CPU/img; b/a = 0.577. `semibench eval` itself is 1.72x faster than before.
 *   the same, with the PyTorch leg (--rounds 3, no --skip-torch): (a) 42.92 img/s; (b) 26.82 img/s,
 *     70.4 ms CPU/img; (c) 11.58 img/s, 176.9 ms CPU/img; b/a = 0.625, b/c = 2.32 (goal >= 3).
 * Where (b)'s time goes (node --cpu-prof of one eval, 17.6 s wall, 190% CPU): process start and
 * module loading ~1 s; the session's creation 1.3 s, which the raw loop does not count (it overlaps
 * the first chunk's decoding); inference 14.0 s in the worker for what (a) does in 11.2 s, because
 * the main thread's 7.7 s (windowed resize 3.0 s, toTensor 0.65 s, GC 0.6 s, sharp 0.6 s, hashing
 * 0.3 s) and libvips' decoding threads take CPU from onnxruntime's two threads; scoring and reports
 * ~0.5 s. Why 0.90 is out of reach on 2 cores: (a) keeps both cores busy with inference alone, so
 * every CPU-second (b) spends on anything else (31 ms per image: decoding, preprocessing, hashing,
 * start-up) comes out of inference: b/a <= 50.0 / 81.3 = 0.62 before start-up and session creation.
 * With one inference thread the spare core absorbed the preprocessing (b/a up to 0.83 under load),
 * but both legs ran at half the speed. More cores than inference threads, or less preprocessing
 * CPU per image, is what raises the ratio; the preprocessing is Pillow-exact and stays so.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareInput } from '@semibench/harness';
import { openSession } from '@semibench/plugin-detectors/onnx/session';
import { childCpuSeconds, copiedDataset, median, ownCpuSeconds, repo, resnetModel, resnetPreprocessing } from './resnet-fixture.js';

const { values: args } = parseArgs({
  options: {
    copies: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '16' },
    'skip-torch': { type: 'boolean', default: false },
  },
});
const copies = Number(args.copies);
const rounds = Number(args.rounds);
const batch = Number(args.batch);
const modelPath = resnetModel();
const input = { kind: 'tensor' as const, preprocess: resnetPreprocessing };
const { root: work, files, fixtureImages } = await copiedDataset(copies, 'bench-onnx-');
const n = files.length;
console.log(`${n} images (${fixtureImages} fixture images x ${copies}), batch ${batch}, model ${modelPath}`);

/** One leg's result: images per second of wall time, and CPU milliseconds per image. */
interface Leg {
  rate: number;
  cpuMs: number;
}

async function raw(): Promise<Leg> {
  const tensors = await Promise.all(files.map(async (f, i) => (await prepareInput(f, input, { seed: 0, key: String(i) })).tensor?.data as Float32Array));
  // The same session options the onnx detector uses, on this thread.
  const session = await openSession(modelPath, { inProcess: true });
  const per = 3 * 224 * 224;
  const cpu0 = ownCpuSeconds();
  const t0 = performance.now();
  for (let s = 0; s < n; s += batch) {
    const m = Math.min(batch, n - s);
    const data = new Float32Array(m * per);
    for (let i = 0; i < m; i++) data.set(tensors[s + i] as Float32Array, i * per);
    await session.run({ image: { type: 'float32', data, dims: [m, 3, 224, 224] } }, ['logit']);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = ((ownCpuSeconds() - cpu0) * 1000) / n;
  await session.close();
  return { rate: n / seconds, cpuMs };
}

function endToEnd(): Leg {
  const out = join(work, `run-${Date.now()}`);
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  execFileSync('node', [join(repo, 'packages/cli/bin/run.js'), 'eval', '--dataset', work, '-d', 'resnet=onnx', '--option', `resnet.model=${modelPath}`, '--batch-size', String(batch), '--refresh', '-o', out, '-q'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = (performance.now() - t0) / 1000;
  return { rate: n / seconds, cpuMs: ((childCpuSeconds() - cpu0) * 1000) / n };
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
const torch = !args['skip-torch'] && hasTorch();
function pytorch(): Leg {
  const script = join(work, 'torch_loop.py');
  writeFileSync(script, torchScript);
  const cpu0 = childCpuSeconds();
  const rate = Number(execFileSync('/usr/bin/python3', [script, ...files], { encoding: 'utf8' }).trim().split('\n').pop());
  return { rate, cpuMs: ((childCpuSeconds() - cpu0) * 1000) / n };
}

const a: Leg[] = [];
const b: Leg[] = [];
const c: Leg[] = [];
const rate = (legs: readonly Leg[]): number => median(legs.map((l) => l.rate));
const summary = (legs: readonly Leg[]): string => `${rate(legs).toFixed(2)} images/s, ${median(legs.map((l) => l.cpuMs)).toFixed(1)} ms CPU/image`;
const latest = (legs: readonly Leg[]): string => `${legs.at(-1)?.rate.toFixed(2)} img/s (${legs.at(-1)?.cpuMs.toFixed(1)} ms CPU/img)`;
try {
  for (let r = 0; r < rounds; r++) {
    a.push(await raw());
    b.push(endToEnd());
    if (torch) c.push(pytorch());
    console.log(`round ${r + 1}: raw ${latest(a)}, eval ${latest(b)}${torch ? `, pytorch ${latest(c)}` : ''}`);
  }
  console.log(`(a) raw onnxruntime loop:    ${summary(a)}`);
  console.log(`(b) semibench eval, e2e:     ${summary(b)}`);
  if (torch) console.log(`(c) PyTorch+PIL, batch 1:    ${summary(c)}`);
  console.log(`b/a = ${(rate(b) / rate(a)).toFixed(3)} (goal >= 0.90)`);
  if (torch) console.log(`b/c = ${(rate(b) / rate(c)).toFixed(2)} (goal >= 3)`);
  else console.log(`b/c: skipped (${args['skip-torch'] ? '--skip-torch' : 'no python3-torch / python3-torchvision'})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
