import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDataset, estimateJpegQuality, IJG_LUMINANCE, readImageHeader } from '@semibench/harness';
import { MINI_DATASET, REPO_ROOT, runCli } from '../helpers/cli.js';
import { buildEvalsetRepoFiles, FakeHub } from '../helpers/fake-hub.js';

const FIXTURE = join(REPO_ROOT, 'fixtures/audit-shortcuts');

interface Reference {
  feature: string;
  slice: string;
  group: string;
  n: number;
  auc: number;
}

describe('semibench audit', () => {
  it('equals an independent computation (Pillow + scikit-learn) for every feature, overall and per slice', async () => {
    const reference = JSON.parse(readFileSync(join(FIXTURE, 'reference.json'), 'utf8')) as Reference[];
    const result = await auditDataset(FIXTURE, { slices: ['dataset', 'model'], resamples: 200, seed: 3 });
    expect(result.errors).toEqual([]);
    const got = result.findings.map((f) => ({ feature: f.feature, slice: f.slice, group: f.group, n: f.n }));
    expect(got).toEqual(reference.map(({ feature, slice, group, n }) => ({ feature, slice, group, n })));
    result.findings.forEach((f, i) => {
      const ref = reference[i] as Reference;
      expect(f.auc, `${f.feature} ${f.slice}=${f.group}`).toBeCloseTo(ref.auc, 12);
      expect(f.flagged).toBe(f.auc > 0.6);
      expect(f.ci_low).not.toBeNull();
      expect(f.ci_low as number).toBeLessThanOrEqual(f.auc + 1e-12);
      expect(f.ci_high as number).toBeGreaterThanOrEqual(f.auc - 1e-12);
      expect(f.ci_high as number).toBeLessThanOrEqual(1);
    });
  }, 120_000);

  it('estimates the JPEG quality libjpeg was given, from the quantisation table', async () => {
    // IJG tables scaled as libjpeg does for quality 50..100 give back the quality (up to rounding).
    for (const q of [50, 75, 90, 95]) {
      const scale = q < 50 ? 5000 / q : 200 - 2 * q;
      const table = IJG_LUMINANCE.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
      expect(Math.abs(estimateJpegQuality(table) - q)).toBeLessThan(1);
    }
    const header = await readImageHeader(join(FIXTURE, 'fake/05_alpha.jpg'));
    expect(header).toMatchObject({ container: 'jpeg', chromaSubsampling: '4:2:0', bitDepth: 8, colourMode: 'RGB' });
    expect(Math.round(estimateJpegQuality(header.quantTables?.[0] as number[]))).toBe(75);
  });

  it('prints the JSON array the issue names, flags the container shortcut of the mini dataset', async () => {
    const r = await runCli(['audit', '--dataset', MINI_DATASET, '--json', '--bootstrap', '100']);
    expect(r.code).toBe(0);
    const findings = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(findings[0] as object)).toEqual(['feature', 'slice', 'group', 'n', 'auc', 'ci_low', 'ci_high', 'flagged']);
    const format = findings.find((f) => f.feature === 'format' && f.slice === 'overall');
    expect(format).toMatchObject({ group: 'all', n: 28, flagged: true });
    expect(format?.auc).toBeCloseTo(0.8, 12);
  }, 60_000);

  it('audits an hf: dataset (fetched from a fake hub) exactly as its local copy', async () => {
    const repo = 'semi-truths/Semi-Truths-Evalset';
    const files = buildEvalsetRepoFiles(MINI_DATASET, { archives: true, include: (p) => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/') });
    const hub = await FakeHub.start([{ repo, files }], { pageSize: 10 });
    try {
      const work = mkdtempSync(join(tmpdir(), 'semibench-audit-hub-'));
      const env = { HF_ENDPOINT: hub.url, HF_HOME: join(work, 'hf-home'), HF_HUB_CACHE: join(work, 'hf-cache'), HF_HUB_OFFLINE: '' };
      const args = ['audit', '--json', '--bootstrap', '50', '--slice', 'dataset'];
      const [local, remote] = await Promise.all([runCli([...args, '--dataset', MINI_DATASET], { cwd: work }), runCli([...args, '--dataset', `hf:${repo}`], { cwd: work, env })]);
      expect(remote.code, remote.stderr).toBe(0);
      expect(JSON.parse(remote.stdout)).toEqual(JSON.parse(local.stdout));
    } finally {
      await hub.close();
    }
  }, 240_000);
});
