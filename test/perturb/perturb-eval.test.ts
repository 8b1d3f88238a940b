/**
 * `eval --perturb` end to end on the mini dataset: every detector on every perturbation, the
 * perturbation column, robustness.csv paired against `none`, clean scores unchanged, a second run
 * recalling perturbed predictions from the prediction store, and `score` reading the column back.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';

const csv = (path: string): Array<Record<string, string>> => parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>;

describe('eval --perturb', () => {
  const work = mkdtempSync(join(tmpdir(), 'semibench-perturb-eval-'));
  const clean = join(work, 'clean');
  const swept = join(work, 'swept');

  it('scores every detector on every perturbation, paired against the clean images', async () => {
    const a = await runCli(['eval', '-d', 'noise-inconsistency', '--dataset', MINI_DATASET, '--out', clean, '--bootstrap', '50', '--quiet'], { timeoutMs: 300_000 });
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(['eval', '-d', 'noise-inconsistency', '--dataset', MINI_DATASET, '--out', swept, '--bootstrap', '50', '--quiet', '--perturb', 'jpeg:50', '--perturb', 'resize:0.5'], { timeoutMs: 300_000 });
    expect(b.code, b.stderr).toBe(0);

    const rows = csv(join(clean, 'predictions.csv')).length;
    const preds = csv(join(swept, 'predictions.csv'));
    expect(preds).toHaveLength(rows * 3);
    expect(new Set(preds.map((p) => p.perturbation))).toEqual(new Set(['none', 'jpeg:50', 'resize:0.5']));
    // The clean predictions of a swept run are those of a run without --perturb, and no image path hints at a class.
    const cleanScores = new Map(csv(join(clean, 'predictions.csv')).map((p) => [p.image_path, p.score]));
    for (const p of preds.filter((q) => q.perturbation === 'none')) expect(p.score).toBe(cleanScores.get(p.image_path!));
    expect(preds.filter((p) => p.perturbation === 'jpeg:50').some((p) => p.score !== cleanScores.get(p.image_path!))).toBe(true);

    // scores.csv: a perturbation column; the `none` rows equal the clean run's scores.
    const scored = csv(join(swept, 'scores.csv'));
    const base = csv(join(clean, 'scores.csv'));
    const noneRows = scored.filter((s) => s.perturbation === 'none').map(({ perturbation: _p, ...rest }) => rest);
    expect(noneRows).toEqual(base);
    expect(parse(readFileSync(join(clean, 'scores.csv')), { to_line: 1 })).toEqual([['detector', 'slice', 'group', 'metric', 'n', 'value', 'ci_low', 'ci_high']]);

    // robustness.csv: delta = value − baseline, the baseline being the clean score.
    const robust = csv(join(swept, 'robustness.csv'));
    const auc = robust.find((r) => r.perturbation === 'jpeg:50' && r.slice === 'overall' && r.metric === 'roc_auc')!;
    const cleanAuc = base.find((s) => s.slice === 'overall' && s.metric === 'roc_auc')!;
    expect(Number(auc.baseline)).toBeCloseTo(Number(cleanAuc.value), 12);
    expect(Number(auc.delta)).toBeCloseTo(Number(auc.value) - Number(auc.baseline), 12);
    expect(Number(auc.ci_low)).toBeLessThanOrEqual(Number(auc.delta));
    expect(Number(auc.ci_high)).toBeGreaterThanOrEqual(Number(auc.delta));
  }, 600_000);

  it('recalls perturbed predictions from the store on a second run, and `score` reads the column', async () => {
    const again = join(work, 'again');
    const r = await runCli(['eval', '-d', 'noise-inconsistency', '--dataset', MINI_DATASET, '--out', again, '--bootstrap', '50', '--perturb', 'jpeg:50', '--perturb', 'resize:0.5', '--json'], { timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(again, 'predictions.csv'), 'utf8')).toBe(readFileSync(join(swept, 'predictions.csv'), 'utf8'));
    const s = await runCli(['score', '-p', join(swept, 'predictions.csv'), '--dataset', MINI_DATASET, '--bootstrap', '0', '--out', join(work, 'score'), '--json']);
    expect(s.code, s.stderr).toBe(0);
    expect(new Set(csv(join(work, 'score', 'scores.csv')).map((x) => x.detector))).toEqual(new Set(['noise-inconsistency', 'noise-inconsistency [jpeg:50]', 'noise-inconsistency [resize:0.5]']));
  }, 600_000);
});
