/**
 * SSIM + MSE + post-edit ratio per 512×512 pair: semibench (TypeScript, typed arrays) vs scikit-image
 * (Debian's python3-skimage) on the same pairs. Goal: ≥ 3× faster with equal values.
 *
 *   pnpm build && pnpm exec tsx bench/metrics.ts [--rounds 3] [--reps 5]
 *
 * Pairs: each 512² sample image with a pasted block from the next one plus scattered 2–4 px specks (written as PNGs to
 * a temp dir so both sides read the same pixels). Rounds alternate the two implementations (the machine is shared
 * and noisy) and the ratio is of medians.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeRgb, encodePng, Rng, type RasterImage } from '@semibench/harness';
import { meanSquaredError, postEditRatio, squaredDifferenceSums, ssim } from '@semibench/plugin-metrics';
import { writeFile } from 'node:fs/promises';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, reps: { type: 'string', default: '5' }, python: { type: 'string', default: '/usr/bin/python3' } } });
const rounds = Number(args.rounds);
const reps = Number(args.reps);
const SAMPLE = process.env.SEMIBENCH_SAMPLE ?? new URL('../fixtures/semi-truths-sample/input/images', import.meta.url).pathname;

function listImages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listImages(join(dir, e.name)) : [join(dir, e.name)])).sort();
}

function makeEdit(source: RasterImage, donor: RasterImage, rng: Rng): RasterImage {
  const W = source.width;
  const out = source.data.slice();
  const bw = 96 + Math.floor(rng.next() * 96);
  const bh = 96 + Math.floor(rng.next() * 96);
  const x0 = Math.floor(rng.next() * (W - bw));
  const y0 = Math.floor(rng.next() * (source.height - bh));
  for (let y = 0; y < bh; y++) out.set(donor.data.subarray(((y0 + y) * W + x0) * 3, ((y0 + y) * W + x0 + bw) * 3), ((y0 + y) * W + x0) * 3);
  for (let s = 0; s < 60; s++) {
    const size = 2 + Math.floor(rng.next() * 3);
    const sx = Math.floor(rng.next() * (W - size));
    const sy = Math.floor(rng.next() * (source.height - size));
    for (let y = sy; y < sy + size; y++) for (let x = sx; x < sx + size; x++) for (let c = 0; c < 3; c++) out[(y * W + x) * 3 + c] = 255 - out[(y * W + x) * 3 + c]!;
  }
  return { ...source, data: out };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'semibench-bench-metrics-'));
try {
  const images = (await Promise.all(listImages(SAMPLE).map((p) => decodeRgb(p)))).filter((im) => im.width === 512 && im.height === 512);
  const rng = new Rng(7);
  const pairs: { source: RasterImage; edit: RasterImage; files: [string, string] }[] = [];
  for (let i = 0; i < images.length; i++) {
    const source = images[i]!;
    const edit = makeEdit(source, images[(i + 1) % images.length]!, rng);
    const files: [string, string] = [join(dir, `${i}.source.png`), join(dir, `${i}.edit.png`)];
    await writeFile(files[0], await encodePng(source));
    await writeFile(files[1], await encodePng(edit));
    pairs.push({ source, edit, files });
  }
  const compute = (p: { source: RasterImage; edit: RasterImage }) => {
    const sums = squaredDifferenceSums(p.source, p.edit);
    return { mse: meanSquaredError(p.source, p.edit, sums), ssim: ssim(p.source, p.edit), post: postEditRatio(p.source, p.edit, {}, sums) };
  };
  for (const p of pairs) compute(p); // warm-up (JIT)
  const tsTimes: number[] = [];
  const pyTimes: number[] = [];
  let pyValues: { values: Record<string, number> }[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of pairs) {
      const t: number[] = [];
      for (let k = 0; k < reps; k++) {
        const t0 = performance.now();
        compute(p);
        t.push((performance.now() - t0) / 1000);
      }
      tsTimes.push(median(t));
    }
    const json = execFileSync(args.python, [new URL('./metrics_skimage.py', import.meta.url).pathname, String(reps), ...pairs.flatMap((p) => p.files)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const measured = JSON.parse(json) as { values: Record<string, number>; seconds: number }[];
    for (const v of measured) pyTimes.push(v.seconds);
    pyValues = measured;
  }
  let worst = 0;
  let exact = true;
  pairs.forEach((p, i) => {
    const ours = compute(p);
    const ref = pyValues[i]!.values;
    worst = Math.max(worst, Math.abs(ours.mse - ref.mse!), Math.abs(ours.ssim - ref.ssim!), Math.abs(ours.post.clusterDist - ref.cluster_dist!));
    exact &&= ours.post.ratio === ref.ratio && ours.post.largestComponentSize === ref.largest_component_size && ours.post.ccClusters === ref.cc_clusters;
  });
  const ts = median(tsTimes);
  const py = median(pyTimes);
  console.log(`pairs: ${pairs.length} × 512², rounds: ${rounds}, reps: ${reps}`);
  console.log(`semibench    SSIM+MSE+post-edit: ${(ts * 1000).toFixed(1)} ms/pair (median)`);
  console.log(`scikit-image SSIM+MSE+post-edit: ${(py * 1000).toFixed(1)} ms/pair (median)`);
  console.log(`values: max |Δ| of mse/ssim/cluster_dist = ${worst.toExponential(2)}; ratio/largest/cc_clusters ${exact ? 'identical' : 'DIFFER'}`);
  console.log(`speed-up: ${(py / ts).toFixed(2)}× (goal ≥ 3×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
