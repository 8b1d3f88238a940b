/**
 * Metric plugins declare which of their columns `generate` bins, and in which direction
 * (issue 20, item 3): the bin list is no longer fixed in the pipeline, so a custom change metric
 * is binned like the built-in ones. The built-ins' declarations reproduce the paper's list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { binnedColumns, declaredBinning, validatePlugin, type MetricPlugin } from '@semibench/harness';
import { builtins } from '@semibench/plugin-metrics';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { tempDir, writePlugin } from '../helpers/run-fixtures.js';

/** Mean absolute RGB difference between the source and the edit, / 255: a distance. */
const MEAN_ABS_DIFF = `
export default {
  kind: 'metric',
  meta: { name: 'mean-abs-diff', version: '1.0.0', apiVersion: 1, stage: 'change', columns: ['mean_abs_diff'],
          binned: [{ column: 'mean_abs_diff', direction: 'higher-is-more-change' }] },
  create() {
    return {
      compute({ original, edited }) {
        let s = 0;
        for (let i = 0; i < original.data.length; i++) s += Math.abs(original.data[i] - edited.data[i]);
        return { mean_abs_diff: s / original.data.length / 255 };
      },
    };
  },
};
`;

/** An editor that follows the text (the default): inverts the masked pixels, and says it used the perturbed label. */
const INVERT_EDITOR = `
export default {
  kind: 'editor',
  meta: { name: 'invert', version: '1.0.0', apiVersion: 1, method: 'inpainting' },
  create() {
    return {
      model: 'invert',
      edit({ image, mask, perturbedLabel }) {
        const data = Uint8Array.from(image.data);
        for (let p = 0; p < mask.data.length; p++) if (mask.data[p] > 127) for (let c = 0; c < 3; c++) data[p * 3 + c] = 255 - data[p * 3 + c];
        return { image: { ...image, data }, settings: { prompt: perturbedLabel } };
      },
    };
  },
};
`;

async function builtinMetas(): Promise<MetricPlugin['meta'][]> {
  return Promise.all(builtins.map(async (b) => ((await b.load()) as { default: MetricPlugin }).default.meta));
}

describe('binned columns of metric plugins', () => {
  it("the built-ins declare the paper's binned columns, as the catalogue has them", async () => {
    const metas = await builtinMetas();
    // The list the pipeline used to fix: the area ratio plus every built-in change metric it knew.
    expect(Object.keys(binnedColumns(metas))).toEqual(['ratio', 'ratio_rgb', 'mse_rgb', 'ssim_rgb', 'lpips_score', 'dreamsim', 'sen_sim']);
    for (const meta of metas) {
      expect(declaredBinning(meta).map((b) => ({ ...b, pool: b.pool ?? 'qc-all-methods' })), meta.name).toEqual(declaredBinning({ columns: meta.columns }));
    }
    const ssim = declaredBinning(metas.find((m) => m.name === 'pixel-change')!).find((b) => b.column === 'ssim_rgb');
    expect(ssim?.direction).toBe('higher-is-less-change');
  });

  it('bins a custom column when its plugin declares it, and only then', () => {
    const custom = { columns: ['mean_abs_diff', 'other'], binned: [{ column: 'mean_abs_diff', direction: 'higher-is-more-change' as const }] };
    expect(binnedColumns([custom])).toEqual({ ratio: 'qc-inpainting', mean_abs_diff: 'qc-all-methods' });
    expect(binnedColumns([{ columns: ['mean_abs_diff'] }])).toEqual({ ratio: 'qc-inpainting' });
    // A declaration replaces the catalogue's default: a plugin may also opt a known column out.
    expect(binnedColumns([{ columns: ['ssim_rgb'], binned: [] }])).toEqual({ ratio: 'qc-inpainting' });
  });

  it('rejects a declaration that names no column of the metric or no direction', () => {
    const plugin = (binned: unknown) => ({ kind: 'metric', meta: { name: 'm', version: '1', apiVersion: 1, stage: 'change', columns: ['a'], binned }, create: () => ({ compute: () => ({}) }) });
    expect(() => validatePlugin(plugin([{ column: 'b', direction: 'higher-is-more-change' }]), 'm.mjs')).toThrow(/meta\.binned\[0\]\.column: one of meta\.columns \(found "b"\)/);
    expect(() => validatePlugin(plugin([{ column: 'a', direction: 'up' }]), 'm.mjs')).toThrow(/meta\.binned\[0\]\.direction/);
    expect(() => validatePlugin(plugin([{ column: 'a', direction: 'higher-is-less-change' }]), 'm.mjs')).not.toThrow();
  });

  it('generate bins a custom metric plugin’s declared column, leaves the label of a classical editor’s rows empty, and prints --json', async () => {
    const work = tempDir('metric-bins');
    writePlugin(work, 'mean-abs-diff.mjs', MEAN_ABS_DIFF);
    writePlugin(work, 'invert.mjs', INVERT_EDITOR);
    const out = join(work, 'ds');
    const input = join(REPO_ROOT, 'fixtures/semi-truths-sample/input');
    const args = ['generate', '--input', input, '--out', out, '--editor', 'telea', '--editor', './invert.mjs', '--metric', 'pixel-change', '--metric', './mean-abs-diff.mjs'];
    const r = await runCli([...args, '--limit', '5', '--quiet', '--json'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, fakes: 10, errors: 0 });
    const rows = parse(readFileSync(join(out, 'metadata.csv')), { columns: true }) as Array<Record<string, string>>;
    const fakes = rows.filter((x) => x.label === 'fake');
    // Ranked by value, the 10 fakes fill the quintile bins two by two, lowest first.
    const byValue = [...fakes].sort((a, b) => Number(a.mean_abs_diff) - Number(b.mean_abs_diff));
    expect(byValue.map((f) => f.mean_abs_diff_category)).toEqual(['bin1', 'bin1', 'bin2', 'bin2', 'bin3', 'bin3', 'bin4', 'bin4', 'bin5', 'bin5']);
    expect(fakes.every((f) => ['small', 'medium', 'large'].includes(f.mean_abs_diff_category3!))).toBe(true);
    const bins = JSON.parse(readFileSync(join(out, 'bins.json'), 'utf8')) as { quantile5: Array<{ column: string }> };
    expect(bins.quantile5.map((b) => b.column)).toEqual(['ratio', 'ratio_rgb', 'mse_rgb', 'ssim_rgb', 'mean_abs_diff']);
    // telea cannot follow the perturbed label: its rows carry none; the text-following editor's rows do (issue 20, item 17).
    const telea = fakes.filter((f) => f.model === 'telea');
    const invert = fakes.filter((f) => f.model === 'invert');
    expect(telea.map((f) => [f.perturbed_mask_name, f.sem_magnitude])).toEqual(telea.map(() => ['', '']));
    for (const f of invert) {
      expect(f.perturbed_mask_name).not.toBe('');
      expect(['small', 'medium', 'large']).toContain(f.sem_magnitude);
    }
  }, 240_000);
});
