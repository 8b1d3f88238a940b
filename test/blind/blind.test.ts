import { existsSync, lstatSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BlindPresenter, presentationOrder, loadDataset, parseReencode, parseUnblind, sha256 } from '@semibench/harness';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { readCsv } from '../helpers/run-fixtures.js';
import { FORMAT_SNIFFING_PLUGIN, SIDE_CHANNEL_PLUGIN } from '../helpers/side-channel-plugins.js';

const CHANNELS = ['path', 'mask', 'columns', 'order'] as const;
let work: string;

function channelArgs(): string[] {
  const args: string[] = [];
  for (const c of CHANNELS) args.push('--detector', `${c}=./side.mjs`, '--option', `${c}.channel=${c}`);
  return args;
}

function overallAuc(run: string, detector: string): number {
  const row = readCsv(join(run, 'scores.csv')).find((s) => s.detector === detector && s.slice === 'overall' && s.metric === 'roc_auc');
  if (!row) throw new Error(`no overall roc_auc for ${detector} in ${run}`);
  return Number(row.value);
}

const stdoutOf = new Map<string, string>();

async function evalRun(name: string, extra: readonly string[], bootstrap = '0'): Promise<string> {
  const out = join(work, name);
  const result = await runCli(['eval', '--no-store', '--bootstrap', bootstrap, '--quiet', '--out', out, ...extra], { cwd: work });
  expect(result.stderr.replace(/^.*(withheld|not blind).*\n?/gm, '')).toBe('');
  expect(result.code).toBe(0);
  stdoutOf.set(out, result.stdout);
  return out;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'semibench-blind-'));
  writeFileSync(join(work, 'side.mjs'), SIDE_CHANNEL_PLUGIN);
  writeFileSync(join(work, 'sniff.mjs'), FORMAT_SNIFFING_PLUGIN);
});

describe('blind evaluation: detectors see pixels, never labels', () => {
  it('a side-channel reader scores exactly 0.5 blind and 1.0 with the channel opened', async () => {
    const blind = await evalRun('blind', channelArgs());
    for (const c of ['path', 'mask', 'columns'] as const) expect(overallAuc(blind, c), c).toBe(0.5);
    const manifest = JSON.parse(readFileSync(join(blind, 'manifest.json'), 'utf8'));
    expect(manifest.blind).toEqual({ blind: true, unblind: [], order: 'shuffled' });
    const mask = manifest.detectors.find((d: { name: string }) => d.name === 'mask');
    expect(mask.needsMask).toBe(false);
    // entities (the source photo's annotations) is passable and filled on every row; the change
    // metrics are filled on edits only, and dataset is a slice column.
    expect(mask.needsColumns).toEqual(['entities']);
    expect(Object.keys(mask.blind.withheldColumns).sort()).toEqual(['dataset', 'mse_rgb', 'ratio']);
    // The order reader's scores rise with position: blind, they follow the seeded shuffle, not the metadata.
    const rows = (await loadDataset(MINI_DATASET)).rows;
    const byScore = readCsv(join(blind, 'predictions.csv')).filter((p) => p.detector === 'order').sort((a, b) => Number(a.score) - Number(b.score));
    expect(byScore.map((p) => p.image_path)).toEqual(presentationOrder(rows, 0).map((r) => r.key));
    // The blind view lives only while the run does.
    expect(existsSync(join(blind, '.blind-view'))).toBe(false);

    const open = await evalRun('unblind', [...channelArgs(), ...CHANNELS.flatMap((c) => ['--unblind', c])]);
    for (const c of CHANNELS) expect(overallAuc(open, c), c).toBe(1);
    expect(stdoutOf.get(blind)).toContain('Blind: detectors saw only pixels');
    expect(stdoutOf.get(open)).toContain('path: not blind (--unblind path; --unblind columns; --unblind mask; --unblind order)');
    const tables = await runCli(['tables', '-p', join(open, 'predictions.csv'), '--dataset', MINI_DATASET, '--bootstrap', '0']);
    expect(tables.stdout).toContain('Not blind: path: not blind (--unblind path;');
    const openManifest = JSON.parse(readFileSync(join(open, 'manifest.json'), 'utf8'));
    expect(openManifest.blind).toEqual({ blind: false, unblind: ['path', 'columns', 'mask', 'order'], order: 'metadata' });
    // Unblinding is part of the prediction-store key.
    expect(openManifest.detectors[0].storeKey).not.toBe(manifest.detectors[0].storeKey);
  }, 300_000);

  it('presents rows in a seeded shuffle that does not depend on which other rows are in the run', async () => {
    const rows = (await loadDataset(MINI_DATASET)).rows;
    const order = presentationOrder(rows, 7).map((r) => r.key);
    expect(order).not.toEqual(rows.map((r) => r.key));
    expect(presentationOrder(rows, 7).map((r) => r.key)).toEqual(order);
    expect(presentationOrder(rows, 8).map((r) => r.key)).not.toEqual(order);
    // A subset (a shard, or the rows left after a resume) keeps the same relative order.
    const subset = rows.filter((_, i) => i % 3 === 0);
    expect(presentationOrder(subset, 7).map((r) => r.key)).toEqual(order.filter((k) => subset.some((r) => r.key === k)));
  });

  it('a format-sniffing detector separates the classes as files are, and scores 0.5 under --reencode png', async () => {
    const asIs = await evalRun('sniff', ['--detector', './sniff.mjs'], '200');
    // Every edit is PNG, most reals are JPEG: the container alone gives the label away.
    expect(overallAuc(asIs, 'format-sniffer')).toBeGreaterThan(0.7);
    // The summary names the dataset's container shortcut next to the scores.
    expect(stdoutOf.get(asIs)).toMatch(/format alone separates real from edited with AUC 0\.80 \[0\.\d\d, 0\.\d\d\];[\s\S]*compare with --reencode png/);
    const png = await evalRun('sniff-png', ['--detector', './sniff.mjs', '--reencode', 'png'], '200');
    expect(overallAuc(png, 'format-sniffer')).toBe(0.5);
    // diff and the report show the paired change, with its interval.
    const diff = await runCli(['diff', asIs, png, '--json']);
    const effect = JSON.parse(diff.stdout).reencode.effects.find((e: { metric: string }) => e.metric === 'roc_auc');
    expect(effect).toMatchObject({ detector: 'format-sniffer', n: 28, b: 0.5 });
    expect(effect.a).toBe(overallAuc(asIs, 'format-sniffer'));
    expect(effect.diff).toBeCloseTo(0.5 - effect.a, 12);
    expect(effect.ci_high).toBeLessThan(0);
    const report = await runCli(['report', asIs, png, '--out', join(work, 'report.html')]);
    expect(report.code).toBe(0);
    const html = readFileSync(join(work, 'report.html'), 'utf8');
    expect(html).toContain('<section id="shortcuts">');
    expect(html).toContain('format alone separates real from edited with AUC 0.80');
    expect(html).toMatch(/--reencode: sniff \(none\) → sniff-png \(png\)/);
    const manifest = JSON.parse(readFileSync(join(png, 'manifest.json'), 'utf8'));
    expect(manifest.blind.reencode).toBe('png');
    expect(manifest.detectors[0].blind.reencode).toBe('png');
  }, 300_000);

  it('shows each image as a content-named regular file with a fixed mtime, deleted once no row in flight needs it', async () => {
    const rows = (await loadDataset(MINI_DATASET)).rows;
    const view = join(work, 'view');
    const presenter = new BlindPresenter({ viewDir: view });
    const row = rows[0]!;
    const hash = sha256(readFileSync(row.path));
    // The same image twice (as two rows with identical bytes would be): one file, two users.
    const [a, b] = await Promise.all([presenter.present(row, hash), presenter.present(row, hash)]);
    expect(a.path).toBe(join(view, `${hash}.jpg`));
    expect(a.key).toBe(`${hash}.jpg`);
    expect(a.id).toBe(a.key);
    expect(lstatSync(a.path).isSymbolicLink()).toBe(false);
    expect(statSync(a.path).nlink).toBe(1);
    expect(statSync(a.path).mtime.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(readFileSync(a.path).equals(readFileSync(row.path))).toBe(true);
    await presenter.release([a]);
    expect(existsSync(b.path)).toBe(true);
    await presenter.release([b]);
    expect(existsSync(b.path)).toBe(false);
    await presenter.dispose();
  });

  it('parses --unblind and --reencode, naming what is wrong', () => {
    expect(parseUnblind(['order', 'path,mask'])).toEqual(['path', 'mask', 'order']);
    expect(() => parseUnblind(['label'])).toThrow(/--unblind label: unknown side channel; choose from path, columns, mask, order/);
    expect(parseReencode('jpeg:90')).toEqual({ format: 'jpeg', quality: 90 });
    expect(parseReencode('webp:75')).toEqual({ format: 'webp', quality: 75 });
    expect(parseReencode('png')).toEqual({ format: 'png' });
    expect(() => parseReencode('jpeg')).toThrow(/needs a quality/);
    expect(() => parseReencode('gif')).toThrow(/expected png, jpeg:QUALITY or webp:QUALITY/);
  });
});
