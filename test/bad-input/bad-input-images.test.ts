/**
 * The bad-input corpus (fixtures/bad-inputs, see its README): the exact outcome of every file,
 * first as decoded pixels, then through `semibench eval`: which rows are scored, and which are
 * listed in errors.csv with their line, path, stage and reason while the run goes on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuiltinRegistry, PluginLoader, decodeRgb, evaluate, type RasterImage } from '@semibench/harness';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { BRIGHTNESS_PLUGIN, SLOW_HASH_PLUGIN, isolatedEnv, readCsv, tempDir, writePlugin, type CsvRow } from '../helpers/run-fixtures.js';

const CORPUS = join(REPO_ROOT, 'fixtures/bad-inputs');
const file = (name: string) => join(CORPUS, name);
const LIMIT = 268435456;

/** The pattern make.ts encodes: every pixel different. */
function pattern(x: number, y: number): [number, number, number] {
  return [(x * 32 + 5) & 255, (y * 40 + 7) & 255, ((x + y) * 16 + 9) & 255];
}
function pixel(img: RasterImage, x: number, y: number): number[] {
  const i = (y * img.width + x) * 3;
  return [img.data[i] as number, img.data[i + 1] as number, img.data[i + 2] as number];
}
function expectPattern(img: RasterImage, width: number, height: number, map: (p: [number, number, number]) => number[] = (p) => p) {
  expect([img.width, img.height, img.channels]).toEqual([width, height, 3]);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) expect(pixel(img, x, y)).toEqual(map(pattern(x, y)));
}
function channelMeans(img: RasterImage): number[] {
  const sum = [0, 0, 0];
  for (let i = 0; i < img.data.length; i++) sum[i % 3]! += img.data[i] as number;
  return sum.map((s) => s / (img.width * img.height));
}

describe('decoding each file of the corpus', () => {
  it('keeps lossless pixels exactly: RGB, RGBA (alpha dropped), 16-bit (high byte), grey and grey+alpha (replicated)', async () => {
    expectPattern(await decodeRgb(file('ok.png')), 8, 6);
    expectPattern(await decodeRgb(file('rgba.png')), 8, 6);
    expectPattern(await decodeRgb(file('rgb16.png')), 8, 6);
    expectPattern(await decodeRgb(file('grey.png')), 8, 6, ([r]) => [r, r, r]);
    expectPattern(await decodeRgb(file('grey-alpha.png')), 8, 6, ([r]) => [r, r, r]);
    expectPattern(await decodeRgb(file('odd-1x1.png')), 1, 1);
    expectPattern(await decodeRgb(file('odd-1x97.png')), 1, 97);
  });

  it('decodes lossy and unusual encodings to RGB of the stored size', async () => {
    const palette = await decodeRgb(file('palette.png'));
    expect([palette.width, palette.height]).toEqual([8, 6]);
    const colours = new Set<string>();
    for (let i = 0; i < palette.data.length; i += 3) colours.add(Array.from(palette.data.subarray(i, i + 3)).join());
    expect(colours.size).toBeLessThanOrEqual(16);

    const grey = await decodeRgb(file('grey.jpg'));
    expect([grey.width, grey.height, grey.channels]).toEqual([64, 48, 3]);
    for (let i = 0; i < grey.data.length; i += 3) expect(grey.data[i]).toBe(grey.data[i + 2]);

    // CMYK goes through the embedded-or-default profile to sRGB: colours stay near the source's.
    const cmyk = await decodeRgb(file('cmyk.jpg'));
    expect([cmyk.width, cmyk.height, cmyk.channels]).toEqual([64, 48, 3]);
    const source = [117, 125.7, 129];
    channelMeans(cmyk).forEach((m, c) => expect(Math.abs(m - (source[c] as number))).toBeLessThan(30));

    // The extension does not matter: a JPEG named .png is read as the JPEG it is.
    const named = await decodeRgb(file('jpeg-named.png'));
    expect([named.width, named.height]).toEqual([64, 48]);
    channelMeans(named).forEach((m, c) => expect(Math.abs(m - (source[c] as number))).toBeLessThan(2));
    expect([(await decodeRgb(file('odd-333x1.jpg'))).width, (await decodeRgb(file('odd-333x1.jpg'))).height]).toEqual([333, 1]);

    // Known limit: damage inside the entropy-coded data of a structurally valid JPEG is only a
    // libjpeg warning, so it decodes (as PIL also does) to visibly wrong pixels.
    const corrupt = await decodeRgb(file('corrupt.jpg'));
    expect([corrupt.width, corrupt.height]).toEqual([64, 48]);
    expect(Math.abs((channelMeans(corrupt)[0] as number) - (channelMeans(named)[0] as number))).toBeGreaterThan(5);
  });

  it('rejects broken files with the decoder message, and decompression-bomb headers before decoding', async () => {
    await expect(decodeRgb(file('truncated.jpg'))).rejects.toThrow('VipsJpeg: premature end of JPEG image');
    await expect(decodeRgb(file('truncated.png'))).rejects.toThrow('vipspng: libpng read error');
    await expect(decodeRgb(file('corrupt-crc.png'))).rejects.toThrow('vipspng: libpng read error');
    await expect(decodeRgb(file('html.jpg'))).rejects.toThrow('Input file contains unsupported image format');
    await expect(decodeRgb(file('random.png'))).rejects.toThrow('Input file contains unsupported image format');
    await expect(decodeRgb(file('empty.png'))).rejects.toThrow('Input file contains unsupported image format');
    // 100000 x 100000 and 65000 x 65000 headers, both over sharp's limitInputPixels default here.
    await expect(decodeRgb(file('huge-header.png'))).rejects.toThrow('Input image exceeds pixel limit');
    await expect(decodeRgb(file('huge-header.jpg'))).rejects.toThrow('Input image exceeds pixel limit');
    // The limit is a parameter: an 8 x 6 image is a "bomb" under a 40-pixel limit.
    await expect(decodeRgb(file('ok.png'), { limitInputPixels: 40 })).rejects.toThrow('Input image exceeds pixel limit');
  });
});

describe('semibench eval on the corpus', () => {
  let work: string;
  let run: string;
  let stderr: string;
  let code: number;

  beforeAll(async () => {
    work = tempDir('bad-images');
    writePlugin(work, 'brightness.mjs', BRIGHTNESS_PLUGIN);
    writePlugin(work, 'slow-hash.mjs', SLOW_HASH_PLUGIN);
    run = join(work, 'run');
    const r = await runCli(
      ['eval', '--dataset', CORPUS, '--detector', 'brightness=./brightness.mjs', '--option', 'brightness.size=4', '--detector', 'slow-hash=./slow-hash.mjs', '--option', `slow-hash.log=${join(work, 'log')}`, '--out', run, '--bootstrap', '20'],
      { cwd: work, env: isolatedEnv(work) },
    );
    stderr = r.stderr;
    code = r.code;
  }, 120_000);

  it('scores what decodes, lists the rest with line, path, stage and reason, and finishes', () => {
    expect(code, stderr).toBe(0);
    const metadata = readCsv(join(CORPUS, 'metadata.csv'));
    const lineOf = new Map(metadata.map((m, i) => [m.image_path as string, String(i + 2)]));
    const errors = readCsv(join(run, 'errors.csv'));
    const decodeFails = (name: string, reason: string): CsvRow => ({ detector: 'brightness', line: lineOf.get(name)!, image_path: name, path: file(name), stage: 'decode', reason: `image ${file(name)} ${reason}` });
    const readFails = (detector: string, name: string, reason: string): CsvRow => ({ detector, line: lineOf.get(name)!, image_path: name, path: file(name), stage: 'read', reason });
    const bomb = (side: number) => `is ${side}x${side} (${side * side} pixels), over the limit of ${LIMIT}: a decompression bomb, or a very large image (raise the limit with --max-pixels)`;
    const damaged = (format: string, w: number, h: number) => `(${format}, ${w}x${h}) cannot be decoded: its pixel data is damaged or truncated`;
    const notImage = 'is not in an image format semibench can read (JPEG, PNG, WebP, TIFF, GIF, ...); it starts with ';
    const expected: CsvRow[] = [
      ...['brightness', 'slow-hash'].map((d) => readFails(d, 'empty.png', `image ${file('empty.png')} is empty (0 bytes)`)),
      decodeFails('truncated.jpg', damaged('jpeg', 64, 48)),
      decodeFails('truncated.png', damaged('png', 8, 6)),
      decodeFails('corrupt-crc.png', damaged('png', 8, 6)),
      decodeFails('huge-header.png', bomb(100_000)),
      decodeFails('huge-header.jpg', bomb(65_000)),
      decodeFails('html.jpg', `${notImage}${JSON.stringify('<!DOCTYPE html>\n')}`),
      decodeFails('random.png', `${notImage}${[...readFileSync(file('random.png')).subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`),
      ...['brightness', 'slow-hash'].map((d) => readFails(d, 'missing.png', `file not found: ${file('missing.png')}`)),
    ];
    const byLine = (a: CsvRow, b: CsvRow) => Number(a.line) - Number(b.line) || (a.detector === 'brightness' ? -1 : 1);
    expect(errors).toEqual([...expected].sort(byLine));

    // Everything else is scored by both detectors; the path detector reads even undecodable files itself.
    const predictions = readCsv(join(run, 'predictions.csv'));
    const scored = (d: string) => predictions.filter((p) => p.detector === d).map((p) => p.image_path);
    const failed = (d: string) => new Set(expected.filter((e) => e.detector === d).map((e) => e.image_path));
    expect(scored('brightness')).toEqual(metadata.map((m) => m.image_path).filter((p) => !failed('brightness').has(p)));
    expect(scored('slow-hash')).toEqual(metadata.map((m) => m.image_path).filter((p) => !failed('slow-hash').has(p)));
    expect(stderr).toContain(`${expected.length} image(s) could not be scored; see`);
    const manifest = JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
    expect(manifest.decode).toEqual({ limitInputPixels: LIMIT });
    expect(manifest.counts.errors).toEqual({ brightness: 9, 'slow-hash': 2 });
  });

  it('--max-pixels lowers the limit, and --max-errors turns row errors into a failed run that keeps its predictions', async () => {
    const loader = new PluginLoader({ builtins: new BuiltinRegistry(), cwd: work });
    const base = { dataset: CORPUS, loader, resamples: 10, cacheDir: join(work, 'cache'), logger: { debug: () => undefined, info: () => undefined, warn: () => undefined } };
    const small = await evaluate({ ...base, detectors: [{ spec: './brightness.mjs', options: { size: 4 } }], out: join(work, 'small'), limitInputPixels: 100 });
    const over = readCsv(join(work, 'small', 'errors.csv')).filter((e) => e.reason!.includes('over the limit of 100:'));
    // Every image whose header says more than 100 pixels (checked before decoding, so the
    // truncated 64x48 JPEG fails on its size first): the 64x48 JPEGs, the 333x1 strip, the bombs.
    expect(over.map((e) => e.image_path).sort()).toEqual(['cmyk.jpg', 'corrupt.jpg', 'grey.jpg', 'huge-header.jpg', 'huge-header.png', 'jpeg-named.png', 'odd-333x1.jpg', 'truncated.jpg']);
    expect(small.manifest.decode).toEqual({ limitInputPixels: 100 });

    const out = join(work, 'max-errors');
    await expect(evaluate({ ...base, detectors: [{ spec: './brightness.mjs', options: { size: 4 } }], out, maxErrors: 3, chunkSize: 4 })).rejects.toThrow(
      /detector brightness: [4-9] rows failed, more than --max-errors 3; see errors.csv\. Predictions made so far are kept\./,
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('failed');
    expect(manifest.error).toMatch(/more than --max-errors 3/);
    expect(readCsv(join(out, 'predictions.csv')).length).toBeGreaterThan(0);
  });
});
