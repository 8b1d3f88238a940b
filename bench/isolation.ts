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
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { copiedDataset, median, repo, resnetModel } from './resnet-fixture.js';

const { values: args } = parseArgs({ options: { copies: { type: 'string', default: '2' }, rounds: { type: 'string', default: '3' }, batch: { type: 'string', default: '16' } } });
const copies = Number(args.copies);
const rounds = Number(args.rounds);
const batch = Number(args.batch);
const modelPath = resnetModel();
const { root: work, files } = await copiedDataset(copies, 'bench-isolation-');
const n = files.length;
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
