/** Weight-free built-in editors `telea` and `splice`, and the builtins table of @semibench/plugin-editors. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binarizeMask, decodeMaskGrey, decodeRgb, encodePng, maxFilter, prepareInpaintMask, type EditRequest, type PluginContext, type RasterImage } from '@semibench/harness';
import { builtins, inpaintTelea } from '@semibench/plugin-editors';
import spliceEditor from '@semibench/plugin-editors/splice';
import teleaEditor from '@semibench/plugin-editors/telea';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'fixtures', 'semi-truths-sample', 'input');
const MINI = join(ROOT, 'fixtures', 'semi-truths-mini');

function context(baseDir = ROOT): PluginContext {
  return { seed: 0, cacheDir: tmpdir(), baseDir, logger: { debug() {}, info() {}, warn() {} }, signal: new AbortController().signal };
}

function solid(w: number, h: number, rgb: (x: number, y: number) => [number, number, number]): RasterImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(rgb(x, y), (y * w + x) * 3);
  return { data, width: w, height: h, channels: 3 };
}

function disc(w: number, h: number, cx: number, cy: number, r: number): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) m[y * w + x] = (x - cx) ** 2 + (y - cy) ** 2 <= r * r ? 1 : 0;
  return m;
}

async function sampleRequest(imageRel: string, maskRel: string, seed: number): Promise<EditRequest> {
  const image = await decodeRgb(join(SAMPLE, imageRel));
  const grey = await decodeMaskGrey(join(SAMPLE, maskRel));
  return {
    editId: 'x', imageId: 'x', dataset: 'ADE20K', imagePath: join(SAMPLE, imageRel), maskPath: join(SAMPLE, maskRel),
    image, mask: binarizeMask(grey), preparedMask: prepareInpaintMask(grey),
    originalLabel: 'trees', perturbedLabel: 'Trees with no leaves', magnitude: 'large', seed,
  };
}

describe('inpaintTelea', () => {
  it('fills a constant image with the constant and leaves known pixels untouched', () => {
    const img = solid(40, 30, () => [10, 120, 250]);
    const out = inpaintTelea(img, disc(40, 30, 20, 15, 8), 5);
    expect(Buffer.from(out.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('propagates an edge through the hole (isophote continuation)', () => {
    // Left half dark, right half bright; the hole straddles the vertical edge.
    const img = solid(64, 64, (x) => (x < 32 ? [40, 40, 40] : [210, 210, 210]));
    const region = disc(64, 64, 32, 32, 12);
    const out = inpaintTelea(img, region, 5);
    let left = 0, right = 0, nl = 0, nr = 0;
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) {
      const i = y * 64 + x;
      if (!region[i]) {
        expect(out.data[i * 3]).toBe(img.data[i * 3]);
        continue;
      }
      if (x < 28) { left += out.data[i * 3] as number; nl++; }
      if (x > 36) { right += out.data[i * 3] as number; nr++; }
    }
    expect(left / nl).toBeLessThan(60);
    expect(right / nr).toBeGreaterThan(190);
  });

  it('a smooth ramp is filled close to the ramp, clearly better than a flat fill', () => {
    // Red rises by 2 per column: 40 levels across the hole. A weighted mean of the surroundings
    // (Telea with a bounded first-order term) bends towards the nearer boundary but stays close.
    const img = solid(64, 64, (x, y) => [2 * x + y, 100, 200 - y]);
    const region = disc(64, 64, 30, 30, 10);
    const out = inpaintTelea(img, region, 5);
    let sumErr = 0, maxErr = 0, n = 0, flatErr = 0;
    for (let i = 0; i < region.length; i++) {
      if (!region[i]) continue;
      const e = Math.abs((out.data[i * 3] as number) - (img.data[i * 3] as number));
      sumErr += e;
      maxErr = Math.max(maxErr, e);
      flatErr += Math.abs(90 - (img.data[i * 3] as number)); // 90 = red at the hole's centre
      n++;
      expect(out.data[i * 3 + 1]).toBe(100); // a constant channel stays constant
    }
    // Measured: mean error 5.14 and max 13 levels, against 9.5 for the best flat fill. The error is
    // the zero-order bias of OpenCV's formulation (its first-order term is bounded to ~1 level).
    expect(sumErr / n).toBeLessThan(6);
    expect(maxErr).toBeLessThanOrEqual(16);
    expect(sumErr).toBeLessThan(0.6 * flatErr);
  });

  it('refuses a mask that covers everything', () => {
    expect(() => inpaintTelea(solid(4, 4, () => [0, 0, 0]), new Uint8Array(16).fill(1))).toThrow(/whole image/);
  });
});

describe('telea editor', () => {
  it('reproduces the committed fixture edit byte for byte and keeps the outside of the dilated mask', async () => {
    const req = await sampleRequest('images/ADE20K/ADE_train_00014889.jpg', 'masks/ADE20K/instance_004_ADE_train_00014889.png', 1);
    const editor = await teleaEditor.create({}, context());
    expect(editor.model).toBe('telea');
    const { image, settings } = await editor.edit(req, new AbortController().signal);
    expect(settings).toEqual({ radius: 5, dilate: 4 });
    const committed = await decodeRgb(join(MINI, 'inpainting/ADE20K/telea/instance_004_ADE_train_00014889_ADE20K_telea.png'));
    expect(Buffer.from(image.data).equals(Buffer.from(committed.data))).toBe(true);
    // Outside the mask dilated by 4 px (a 9x9 max filter) nothing changes; inside, a real change happened.
    const near = maxFilter(req.mask, 9).data;
    const m = req.mask.data;
    let changedOutside = 0, changedInside = 0;
    for (let i = 0; i < m.length; i++) {
      const diff = image.data[i * 3] !== req.image.data[i * 3] || image.data[i * 3 + 1] !== req.image.data[i * 3 + 1] || image.data[i * 3 + 2] !== req.image.data[i * 3 + 2];
      if (diff && !near[i]) changedOutside++;
      if (diff && m[i]) changedInside++;
    }
    expect(changedOutside).toBe(0);
    expect(changedInside).toBeGreaterThan(0.9 * m.filter((v) => v > 0).length);
  });

  it('rejects unknown or invalid options with the plugin name', () => {
    expect(() => teleaEditor.create({ radus: 3 }, context())).toThrow(/telea: unknown option\(s\) "radus"/);
    expect(() => teleaEditor.create({ radius: 0 }, context())).toThrow(/telea: option "radius" must be an integer >= 1/);
  });
});

describe('splice editor', () => {
  it('fills the dilated mask from a seeded donor, resized to the source size, never the source itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'splice-'));
    const src = solid(48, 32, () => [0, 0, 0]);
    const a = solid(96, 64, () => [255, 0, 0]);
    const b = solid(24, 16, () => [0, 0, 255]);
    writeFileSync(join(dir, 'src.png'), await encodePng(src));
    writeFileSync(join(dir, 'a.png'), await encodePng(a));
    writeFileSync(join(dir, 'b.png'), await encodePng(b));
    const editor = await spliceEditor.create({ donorDir: dir, dilate: 0 }, context());
    const mask: RasterImage = { data: Uint8Array.from(disc(48, 32, 20, 16, 6), (v) => v * 255), width: 48, height: 32, channels: 1 };
    const picks = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const request: EditRequest = {
        editId: 'e', imageId: 'src', dataset: 'X', imagePath: join(dir, 'src.png'), maskPath: '', image: src, mask, preparedMask: mask,
        originalLabel: 'a', perturbedLabel: 'b', magnitude: 'small', seed,
      };
      const first = await editor.edit(request, new AbortController().signal);
      const again = await editor.edit(request, new AbortController().signal);
      expect(again.settings?.donor).toBe(first.settings?.donor);
      const donor = String(first.settings?.donor);
      picks.add(donor);
      const colour = donor === 'a.png' ? [255, 0, 0] : [0, 0, 255];
      for (let i = 0; i < mask.data.length; i++) {
        const px = [...first.image.data.subarray(i * 3, i * 3 + 3)];
        expect(px).toEqual(mask.data[i] ? colour : [0, 0, 0]);
      }
    }
    expect([...picks].sort()).toEqual(['a.png', 'b.png']);
  });

  it('reproduces the committed fixture edit byte for byte (donors = the run\'s source images)', async () => {
    const req = await sampleRequest('images/ADE20K/ADE_train_00012321.jpg', 'masks/ADE20K/instance_007_ADE_train_00012321.png', 0);
    // The fixture's per-edit seed and donor are recorded in its generation.json.
    const generation = JSON.parse(readFileSync(join(MINI, 'generation.json'), 'utf8')) as { edits: { image_path: string; seed: number; settings?: { donor?: string } }[] };
    const rec = generation.edits.find((e) => e.image_path.endsWith('instance_007_ADE_train_00012321_ADE20K_splice.png'));
    expect(rec).toBeDefined();
    const images = join(SAMPLE, 'images');
    const sourceImages = readdirSync(images, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
    expect(sourceImages).toHaveLength(10);
    const editor = await spliceEditor.create({}, context());
    const { image, settings } = await editor.edit({ ...req, seed: rec?.seed ?? -1, sourceImages }, new AbortController().signal);
    expect(settings?.donor).toBe(rec?.settings?.donor);
    const committed = await decodeRgb(join(MINI, 'inpainting/ADE20K/splice/instance_007_ADE_train_00012321_ADE20K_splice.png'));
    expect(Buffer.from(image.data).equals(Buffer.from(committed.data))).toBe(true);
  });

  it('says what to do when there are no donors', async () => {
    const editor = await spliceEditor.create({}, context());
    const req = await sampleRequest('images/ADE20K/ADE_train_00012321.jpg', 'masks/ADE20K/instance_007_ADE_train_00012321.png', 0);
    await expect(editor.edit(req, new AbortController().signal)).rejects.toThrow(/splice: no donor images. Set option "donorDir"/);
    await expect(editor.edit({ ...req, sourceImages: [req.imagePath] }, new AbortController().signal)).rejects.toThrow(/the only donor is the source image itself/);
  });
});

describe('builtins table', () => {
  it('lists every built-in with a loader that yields a plugin of the same kind and name', async () => {
    for (const entry of builtins) {
      const mod = (await entry.load()) as { default?: { kind: string; meta: { name: string; apiVersion: number } } };
      expect(mod.default?.kind).toBe(entry.kind);
      expect(mod.default?.meta.name).toBe(entry.name);
      expect(mod.default?.meta.apiVersion).toBe(1);
    }
    expect(builtins.map((b) => `${b.kind}:${b.name}`)).toEqual(expect.arrayContaining(['editor:telea', 'editor:splice']));
  });
});
