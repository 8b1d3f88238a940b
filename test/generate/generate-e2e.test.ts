import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QC_THRESHOLDS, evaluateQc, localization } from '@semibench/harness';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

type Row = Record<string, string>;
const readCsv = (file: string): Row[] => parse(readFileSync(file), { columns: true }) as Row[];
const SAMPLE = join(REPO_ROOT, 'fixtures/semi-truths-sample');

describe('semibench generate', () => {
  it('turns the sample into a dataset that eval scores, and resumes without redoing edits', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'semibench-gen-')), 'ds');
    const args = ['generate', '--input', join(SAMPLE, 'input'), '--out', out, '--perturber', 'rules', '--editor', 'telea', '--metric', 'pixel-change', '--seed', '3', '--quiet'];
    const first = await runCli([...args, '--limit', '4']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const partial = readCsv(join(out, 'metadata.csv'));
    expect(partial.filter((r) => r.label === 'fake')).toHaveLength(4);
    const firstEdit = partial.find((r) => r.label === 'fake')!;
    const mtime = statSync(join(out, firstEdit.image_path!)).mtimeMs;

    const second = await runCli([...args, '--resume']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('4 edits resumed');
    // The resumed edit was not rewritten.
    expect(statSync(join(out, firstEdit.image_path!)).mtimeMs).toBe(mtime);

    const rows = readCsv(join(out, 'metadata.csv'));
    const reals = rows.filter((r) => r.label === 'real');
    const fakes = rows.filter((r) => r.label === 'fake');
    expect(reals).toHaveLength(10);
    expect(fakes).toHaveLength(10); // `rules` never flags, so every mask is edited
    for (const f of fakes) {
      expect(f.method).toBe('inpainting');
      expect(f.model).toBe('telea');
      // telea does not follow the perturbed label, so its rows carry neither label nor magnitude (issue 20).
      expect([f.perturbed_mask_name, f.sem_magnitude]).toEqual(['', '']);
      expect(f.image_path).toBe(`inpainting/${f.dataset}/telea/${f.mask_id}_${f.dataset}_telea.png`);
      expect(Number(f.ssim_rgb)).toBeLessThan(1);
      expect(Number(f.mse_rgb)).toBeGreaterThan(0);
      expect(['bin1', 'bin2', 'bin3', 'bin4', 'bin5']).toContain(f.ratio_category);
      expect(['small', 'medium', 'large']).toContain(f.ssim_rgb_category3);
      expect(['localized', 'diffused']).toContain(f.change_location_category);
      expect(f.pass_qc).toBe('true'); // no QC metric ran: nothing to fail
      expect(f.qc_checks).toBe('');
    }
    // Reals carry no edit attributes (every attribute slice is fakes-only, as in the eval sample).
    for (const r of reals) expect([r.method, r.model, r.mask_id, r.ratio_category]).toEqual(['', '', '', '']);
    // The 5-quantile bins put 2 of the 10 fakes in each bin.
    const counts = new Map<string, number>();
    for (const f of fakes) counts.set(f.ratio_category!, (counts.get(f.ratio_category!) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2, 2, 2]);
    // The resumed rows are the first, partial run's rows.
    expect(fakes.slice(0, 4).map((f) => [f.image_path, f.mse_rgb, f.ssim_rgb])).toEqual(partial.filter((r) => r.label === 'fake').map((f) => [f.image_path, f.mse_rgb, f.ssim_rgb]));
    const manifest = JSON.parse(readFileSync(join(out, 'generation.json'), 'utf8'));
    expect(manifest.seed).toBe(3);
    expect(manifest.editors[0]).toMatchObject({ name: 'telea', model: 'telea', method: 'inpainting' });
    expect(manifest.qc.checksThatRan).toEqual([]);

    const evalOut = join(out, '..', 'run');
    const scored = await runCli(['eval', '--dataset', out, '--detector', 'noise-inconsistency', '--out', evalOut, '--bootstrap', '100', '--quiet']);
    expect(scored.code).toBe(0);
    const scores = readCsv(join(evalOut, 'scores.csv'));
    expect(scores.find((s) => s.slice === 'overall' && s.metric === 'accuracy')?.n).toBe('20');
    expect(new Set(scores.map((s) => s.slice))).toEqual(
      new Set(['overall', 'dataset', 'method', 'model', 'ratio_category', 'ratio_rgb_category', 'mse_rgb_category', 'ssim_rgb_category', 'change_location_category', 'scene_diversity_category', 'scene_complexity_category']),
    );
  }, 240_000);

  it('reports a bad editor before touching any image', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'semibench-gen-')), 'ds');
    const r = await runCli(['generate', '--out', out, '--editor', 'teela', '--quiet']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('unknown editor "teela"');
    expect(r.stderr).toContain('Did you mean: telea?');
  });
});

describe('QC and localisation rules', () => {
  it('applies the inclusive ranges over the checks that ran; NaN fails', () => {
    expect(evaluateQc({ brisque_score_perturb: 70 })).toEqual({ pass: true, checks: ['brisque_score_perturb'], failed: [] });
    expect(evaluateQc({ brisque_score_perturb: 70.0001 }).pass).toBe(false);
    expect(evaluateQc({ brisque_score_perturb: 'NaN' })).toEqual({ pass: false, checks: ['brisque_score_perturb'], failed: ['brisque_score_perturb'] });
    expect(evaluateQc({ img1_img2: 0.8816, cap2_img2: 0.2971, direct_sim: 0.9, brisque_score_perturb: 0 }).pass).toBe(true);
    expect(evaluateQc({ img1_img2: 0.88159 }).failed).toEqual(['img1_img2']);
    expect(evaluateQc({ img1_img2: null, brisque_score_perturb: null })).toEqual({ pass: true, checks: [], failed: [] });
    expect(DEFAULT_QC_THRESHOLDS.direct_sim).toEqual([0.8115, 0.9786]);
  });

  it('calls large or scattered changes diffused (spec §5.9)', () => {
    const size = { width: 512, height: 512 };
    expect(localization({ largest_component_size_rgb: 52429, cc_cluters_rgb: 2, cluster_dist_rgb: -1 }, 3, size)).toBe('diffused'); // 20.0004% > 20%
    expect(localization({ largest_component_size_rgb: 52428, cc_cluters_rgb: 2, cluster_dist_rgb: -1 }, 3, size)).toBe('localized');
    expect(localization({ largest_component_size_rgb: 1000, cc_cluters_rgb: 4, cluster_dist_rgb: 182 }, 3, size)).toBe('diffused');
    expect(localization({ largest_component_size_rgb: 1000, cc_cluters_rgb: 4, cluster_dist_rgb: 181 }, 3, size)).toBe('localized');
    expect(localization({ largest_component_size_rgb: 1000, cc_cluters_rgb: 3, cluster_dist_rgb: 400 }, 3, size)).toBe('localized');
    // Default mode uses the image's own size; parity mode keeps 512x512 constants.
    expect(localization({ largest_component_size_rgb: 30000, cc_cluters_rgb: 2, cluster_dist_rgb: -1 }, 3, { width: 256, height: 256 })).toBe('diffused');
    expect(localization({ largest_component_size_rgb: 30000, cc_cluters_rgb: 2, cluster_dist_rgb: -1 }, 3, { width: 256, height: 256 }, true)).toBe('localized');
    expect(localization({}, 3, size)).toBeNull();
    expect(localization({}, 3, size, true)).toBe('localized');
  });
});
