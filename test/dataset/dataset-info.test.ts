/**
 * `semibench dataset info|verify DIR` on a local directory (issue 20, item 4): rows, classes,
 * slices, missing files, sizes and formats; verify also catches files whose bytes are not the
 * format their name says. Expected numbers are counted from metadata.csv and the files directly.
 */
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeLocalDataset, sniffImageFormat } from '@semibench/harness';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { readCsv, tempDir } from '../helpers/run-fixtures.js';

let dir: string;
let rows: ReturnType<typeof readCsv>;

beforeAll(() => {
  dir = join(tempDir('dataset-info'), 'mini');
  cpSync(MINI_DATASET, dir, { recursive: true });
  rows = readCsv(join(dir, 'metadata.csv'));
});

describe('dataset info / verify on a local directory', () => {
  it('sniffs image formats by their signature', () => {
    expect(sniffImageFormat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffImageFormat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImageFormat(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImageFormat(new TextEncoder().encode('hello world'))).toBeUndefined();
  });

  it('info counts rows, classes, slices, files, sizes and formats', async () => {
    const r = await runCli(['dataset', 'info', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.rows).toBe(rows.length);
    expect(info.classes).toEqual({ real: rows.filter((x) => x.label === 'real').length, fake: rows.filter((x) => x.label === 'fake').length });
    expect(info.sourceImages).toBe(new Set(rows.map((x) => x.image_id)).size);
    const models = Object.fromEntries([...new Set(rows.map((x) => x.model).filter(Boolean))].map((m) => [m, rows.filter((x) => x.model === m).length]));
    expect(info.slices.find((s: { column: string }) => s.column === 'model').groups).toEqual(models);
    const bytes = rows.reduce((a, x) => a + statSync(join(dir, x.image_path!)).size, 0);
    expect(info.images).toEqual({
      files: rows.length,
      bytes,
      missing: 0,
      formats: { jpeg: rows.filter((x) => /\.jpe?g$/.test(x.image_path!)).length, png: rows.filter((x) => x.image_path!.endsWith('.png')).length },
    });
    expect(info.masks.files).toBe(new Set(rows.map((x) => x.mask_path).filter(Boolean)).size);
    expect(info.problems).toEqual([]);
    const text = await runCli(['dataset', 'info', dir]);
    expect(text.stdout).toContain(`${rows.length} rows (${info.classes.real} real, ${info.classes.fake} fake)`);
  });

  it('verify names missing and damaged files and exits 1', async () => {
    const ok = await runCli(['dataset', 'verify', dir]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('verified: every image and mask is there');
    const missing = rows.find((x) => x.label === 'fake')!;
    const png = rows.find((x) => x.label === 'real' && x.image_path!.endsWith('.png'))!;
    const jpg = rows.find((x) => x.image_path!.endsWith('.jpg'))!;
    rmSync(join(dir, missing.image_path!));
    writeFileSync(join(dir, png.image_path!), readFileSync(join(dir, jpg.image_path!)));
    const info = await describeLocalDataset(dir, { verify: true });
    const line = (p: string) => rows.findIndex((x) => x.image_path === p) + 2;
    expect(info.problems).toEqual([
      { path: png.image_path, line: line(png.image_path!), problem: 'named .png but its bytes are JPEG' },
      { path: missing.image_path, line: line(missing.image_path!), problem: 'missing' },
    ].sort((a, b) => a.line - b.line));
    expect(info.images.missing).toBe(1);
    const bad = await runCli(['dataset', 'verify', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`DAMAGED ${png.image_path} (metadata line ${line(png.image_path!)}): named .png but its bytes are JPEG`);
    expect(bad.stdout).toContain(`MISSING ${missing.image_path}`);
    expect(bad.stderr.replace(/\s*›\s+/g, ' ')).toContain('2 file(s) missing or damaged');
  });

  it('a path that is neither a directory nor hf:… says both', async () => {
    const r = await runCli(['dataset', 'info', join(dir, 'nope')]);
    expect(r.code).toBe(2);
    // oclif wraps the message at 80 columns with " ›   " prefixes.
    expect(r.stderr.replace(/\s*›\s+/g, ' ')).toContain('is not a Hugging Face dataset spec, and no such directory exists');
  });
});
