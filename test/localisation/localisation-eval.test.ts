/**
 * Localisation end to end: maps go back through the inverse of the declared preprocessing, are
 * written as full-size PNGs named in predictions.csv, scored (pixel F1 = 1 for a detector that
 * returns the mask it was given), recalled from the prediction store, and survive kill -9 + resume
 * and shard + merge byte for byte.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PredictionStore, decodeGrey, encodePng, exportRaw, importPredictions, resolveStoredDetector, type RasterImage } from '@semibench/harness';
import { CLI, runCli } from '../helpers/cli.js';
import { isolatedEnv, readCsv, tempDir, writePlugin } from '../helpers/run-fixtures.js';

/**
 * `mask-echo`: returns the (unblinded) mask it received as its map, at the size of its input, and
 * an all-zero map on reals. STEPS picks the preprocessing: shorter side 60 (exactly half of the
 * 160x120 images) then a centre crop, or a mask-aware crop. DELAY_MS slows every batch (kill tests).
 */
const MASK_ECHO = (steps: string, name: string) => `
export default {
  kind: 'detector',
  meta: { name: '${name}', version: '1.0.0', apiVersion: 1, needsMask: true, batchSize: 1,
    input: { kind: 'pixels', preprocess: { steps: ${steps} } } },
  create(options) {
    return {
      async predict(items) {
        await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
        return items.map((item) => {
          const { width, height } = item.pixels;
          const data = item.mask ? Uint8Array.from(item.mask.data) : new Uint8Array(width * height);
          return { score: item.mask ? 0.9 : 0.1, map: { data, width, height } };
        });
      },
    };
  },
};
`;
const CENTRE = `[{ op: 'resize', size: 60 }, { op: 'center-crop', size: 48 }]`;
const MASK_CROP = `[{ op: 'resize', size: 60 }, { op: 'mask-crop', size: 40 }]`;

let work: string;
let dataset: string;
let echo: string;
let cropEcho: string;

/** Boxes (full-resolution rows y0..y1, columns x0..x1) on 2-pixel boundaries, inside the centre crop's window (rows 12..107, columns 32..127). */
const BOXES: Array<[number, number, number, number]> = [
  [20, 60, 40, 100],
  [50, 90, 70, 120],
  [14, 40, 34, 66],
];

const png = async (file: string, image: RasterImage): Promise<void> => writeFileSync(file, await encodePng(image));

/** Width, height, bit depth and colour type from a PNG's IHDR chunk (colour type 0 = greyscale). */
function pngHeader(file: string): [number, number, number, number] {
  const b = readFileSync(file);
  return [b.readUInt32BE(16), b.readUInt32BE(20), b[24]!, b[25]!];
}

async function writeDataset(dir: string): Promise<void> {
  const lines = ['image_id,image_path,label,mask_path,method,dataset'];
  for (let i = 0; i < 3; i++) {
    const pixels = Buffer.alloc(160 * 120 * 3);
    for (let k = 0; k < pixels.length; k++) pixels[k] = (k * 7919 + i * 104729) % 251;
    mkdirSync(join(dir, 'original'), { recursive: true });
    mkdirSync(join(dir, 'edited'), { recursive: true });
    mkdirSync(join(dir, 'masks'), { recursive: true });
    await png(join(dir, `original/img${i}.png`), { data: pixels, width: 160, height: 120, channels: 3 });
    await png(join(dir, `edited/img${i}.png`), { data: Uint8Array.from(pixels).reverse(), width: 160, height: 120, channels: 3 });
    const [y0, y1, x0, x1] = BOXES[i]!;
    const mask = Buffer.alloc(160 * 120);
    for (let y = y0; y < y1; y++) mask.fill(255, y * 160 + x0, y * 160 + x1);
    await png(join(dir, `masks/img${i}.png`), { data: mask, width: 160, height: 120, channels: 1 });
    lines.push(`img${i},original/img${i}.png,real,,,set${i % 2}`, `img${i},edited/img${i}.png,fake,masks/img${i}.png,inpainting,set${i % 2}`);
  }
  writeFileSync(join(dir, 'metadata.csv'), `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  work = tempDir('localisation');
  dataset = join(work, 'data');
  await writeDataset(dataset);
  echo = writePlugin(work, 'mask-echo.mjs', MASK_ECHO(CENTRE, 'mask-echo'));
  cropEcho = writePlugin(work, 'mask-echo-crop.mjs', MASK_ECHO(MASK_CROP, 'mask-echo-crop'));
});

// Masks reach a detector only unblinded (issue 15): the echo detector is a test of the geometry, not a detector.
const evalArgs = (out: string, extra: string[] = []) => ['eval', '--dataset', dataset, '--detector', echo, '--out', out, '--bootstrap', '50', '--quiet', '--unblind', 'mask', ...extra];

/** Every file of a run directory that must be identical between runs (the manifest holds times and paths). */
function runFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ['predictions.csv', 'scores.csv', 'errors.csv']) out[f] = readFileSync(join(dir, f), 'utf8');
  const maps = join(dir, 'maps');
  if (existsSync(maps)) {
    for (const d of readdirSync(maps)) for (const f of readdirSync(join(maps, d))) out[`maps/${d}/${f}`] = readFileSync(join(maps, d, f)).toString('base64');
  }
  return out;
}

const metric = (dir: string, detector: string, name: string, slice = 'overall') =>
  readCsv(join(dir, 'scores.csv')).find((r) => r.detector === detector && r.metric === name && r.slice === slice);

// Each test starts the CLI several times: slow on a shared two-core machine.
describe('localisation maps through eval', { timeout: 300_000 }, () => {
  it('maps a returned mask back through resize and crop: pixel F1 = IoU = AUC = 1, nothing flagged on reals', async () => {
    const out = join(work, 'inverse');
    const r = await runCli([...evalArgs(out, ['--report']), '--detector', cropEcho], { env: isolatedEnv(join(work, 'inverse-env')) });
    expect(r.code, r.stderr).toBe(0);
    const predictions = readCsv(join(out, 'predictions.csv'));
    expect(predictions).toHaveLength(12);
    for (const p of predictions) {
      expect(p.map_path).toMatch(/^maps\/mask-echo(-crop)?\/[0-9a-f]{64}\.png$/);
      // Full size, 8-bit greyscale.
      expect(pngHeader(join(out, p.map_path!))).toEqual([160, 120, 8, 0]);
    }
    for (const detector of ['mask-echo', 'mask-echo-crop']) {
      for (const name of ['pixel_f1', 'pixel_iou', 'pixel_auc', 'pixel_f1_best']) expect(metric(out, detector, name)).toMatchObject({ n: '3', value: '1' });
      expect(metric(out, detector, 'pixel_fpr_real')).toMatchObject({ n: '3', value: '0' });
      expect(metric(out, detector, 'pixel_f1', 'dataset')).toMatchObject({ group: 'set0', n: '2', value: '1' });
    }
    // Flagged pixels of an edited row's map are exactly the mask's after the round trip (the bilinear
    // resize back leaves soft values along the edges, on the right side of 128).
    const fake = predictions.find((p) => p.image_path === 'edited/img1.png' && p.detector === 'mask-echo')!;
    const [map, mask] = await Promise.all([join(out, fake.map_path!), join(dataset, 'masks/img1.png')].map((f) => decodeGrey(f)));
    const flagged = (image: RasterImage) => Array.from(image.data, (v) => (v >= 128 ? 1 : 0)).join('');
    expect(flagged(map!)).toBe(flagged(mask!));

    // The report shows pixel-F1 bars per slice and image / mask / map overlays.
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section id="localisation">');
    expect(html).toMatch(/data-slice="dataset" data-metric="pixel_f1"/);
    expect(html.match(/class="overlay"/g)?.length).toBeGreaterThanOrEqual(2);
    // `score` recomputes scores.csv from predictions.csv and the maps it names, byte for byte.
    const rescored = join(work, 'rescored');
    expect((await runCli(['score', '-p', join(out, 'predictions.csv'), '--dataset', dataset, '--bootstrap', '50', '--out', rescored])).code).toBe(0);
    expect(readFileSync(join(rescored, 'scores.csv'), 'utf8')).toBe(readFileSync(join(out, 'scores.csv'), 'utf8'));
    // `tables` has a localisation table with the same numbers (in percent).
    const tables = await runCli(['tables', '-p', join(out, 'predictions.csv'), '--dataset', dataset, '--bootstrap', '20', '--format', 'md']);
    expect(tables.code).toBe(0);
    expect(tables.stdout).toMatch(/### Localisation[^\n]*\n[\s\S]*?\| mask-echo \| 100\.0/);
  });

  it('recalls maps from the prediction store, and store export/import carries them', async () => {
    const env = isolatedEnv(join(work, 'store-env'));
    const first = join(work, 'store-1');
    const second = join(work, 'store-2');
    expect((await runCli(evalArgs(first), { env })).code).toBe(0);
    const again = await runCli(evalArgs(second, []), { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(readFileSync(join(second, 'manifest.json'), 'utf8')).counts.cached['mask-echo']).toBe(6);
    expect(runFiles(second)).toEqual(runFiles(first));

    const store = PredictionStore.open(env.SEMIBENCH_STORE as string);
    const other = PredictionStore.open(join(work, 'other.sqlite'));
    try {
      const detector = resolveStoredDetector(store, 'mask-echo');
      const file = join(work, 'raw.csv');
      expect(await exportRaw(store, detector, file)).toBe(6);
      expect(await importPredictions(other, file)).toMatchObject({ added: 6 });
      const before = [...store.entries(detector.storeKey)];
      expect(before.filter((e) => e.map)).toHaveLength(6);
      expect([...other.entries(detector.storeKey)]).toEqual(before);
    } finally {
      store.close();
      other.close();
    }
  });

  it('shards merged give the single run, maps included, byte for byte', async () => {
    const env = isolatedEnv(join(work, 'merge-env'));
    const single = join(work, 'single');
    expect((await runCli(evalArgs(single, ['--no-store']), { env })).code).toBe(0);
    const shards = [0, 1].map((i) => join(work, `shard${i}`));
    for (const [i, dir] of shards.entries()) expect((await runCli(evalArgs(dir, ['--no-store', '--shard', `${i}/2`]), { env })).code).toBe(0);
    const merged = join(work, 'merged');
    const m = await runCli(['merge', ...shards, '--out', merged], { env });
    expect(m.code).toBe(0);
    expect(runFiles(merged)).toEqual(runFiles(single));
  });

  it('survives kill -9 during a run: the resumed run equals an uninterrupted one, maps included', async () => {
    const env = isolatedEnv(join(work, 'kill-env'));
    const clean = join(work, 'clean');
    expect((await runCli(evalArgs(clean, ['--no-store']), { env })).code).toBe(0);
    const out = join(work, 'killed');
    const args = [...evalArgs(out, ['--no-store']), '--option', 'delayMs=150'];
    for (let attempt = 0; attempt < 3; attempt++) {
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
        // Killed once some maps (and rows) exist, mid-run.
        const timer = setInterval(() => {
          const dir = join(out, 'maps', 'mask-echo');
          if (existsSync(dir) && readdirSync(dir).length > attempt + 1) child.kill('SIGKILL');
        }, 20);
        child.on('close', () => {
          clearInterval(timer);
          resolve();
        });
      });
    }
    const last = await runCli(args, { env });
    expect(last.code).toBe(0);
    // The last attempt resumed from what the killed ones wrote.
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).resume.recalled).toBeGreaterThan(0);
    expect(runFiles(out)).toEqual(runFiles(clean));
  });
});
