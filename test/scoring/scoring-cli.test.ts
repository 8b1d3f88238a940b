/**
 * `semibench score` and `semibench tables` end to end on the committed scikit-learn fixture
 * (semibench's predictions.csv format joined to its metadata.csv).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { MATCHED_METRICS } from '@semibench/harness';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(root, 'fixtures', 'reference', 'sklearn');
const bin = join(root, 'packages', 'cli', 'bin', 'run.js');
const runBoth = (...args: string[]): { stdout: string; stderr: string; status: number | null } => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
};
const run = (...args: string[]): string => execFileSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('semibench score / tables', () => {
  const out = mkdtempSync(join(tmpdir(), 'semibench-score-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('score recomputes scikit-learn values from predictions.csv and counts missing predictions', () => {
    const summary = run('score', '-p', join(fixture, 'predictions.csv'), '--dataset', fixture, '--slice', 'model', '--bootstrap', '50', '--out', out);
    // The text summary fits a 100-column terminal (issue 20): 7 metrics with intervals are pivoted into rows.
    const wide = summary.split('\n').filter((l) => l.length > 100);
    expect(wide, wide.join('\n')).toEqual([]);
    expect(summary).toMatch(/^det_a +\d+ +accuracy +0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]$/m);
    expect(summary).toMatch(/^ +average_precision +0\.\d{3} \[/m);
    const counts = JSON.parse(readFileSync(join(out, 'scored-rows.json'), 'utf8')) as Array<{ detector: string; missing: number; scored: number }>;
    expect(counts.find((c) => c.detector === 'det_b')).toMatchObject({ missing: 15, scored: 382 });
    const reference = JSON.parse(readFileSync(join(fixture, 'reference.json'), 'utf8')) as { detectors: Record<string, Record<string, Record<string, Record<string, number>>>> };
    const text = readFileSync(join(out, 'scores.csv'), 'utf8');
    expect(text.slice(0, text.indexOf('\n'))).toBe('detector,slice,group,metric,n,value,ci_low,ci_high');
    for (const { detector: det, slice, group, metric, n, value } of parse(text, { columns: true }) as Array<Record<string, string>>) {
      const ref = reference.detectors[det!]![slice!]![group!]!;
      // Threshold-free and calibration metrics of an attribute slice are taken on its matched set.
      expect(Number(n)).toBe(ref.n_matched !== undefined && MATCHED_METRICS.has(metric!) ? ref.n_matched : ref.n);
      expect(Math.abs(Number(value) - ref[metric!]!)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('tables renders the slice tables with intervals', () => {
    const md = run('tables', '-p', join(fixture, 'predictions.csv'), '--dataset', fixture, '--bootstrap', '50');
    for (const title of ['Table 3', 'Figure 5a', 'Figure 5b', 'Figure 6 (left)', 'Figure 6 (right)', 'Figure 7: detection rate by area ratio, as plotted', 'Figure 7: detection rate by requested semantic magnitude']) {
      expect(md).toContain(`### ${title}`);
    }
    expect(md).toMatch(/\| det_a \| \d+\.\d\d \[\d+\.\d\d, \d+\.\d\d\]/);
  });

  it('tables without --dataset says which figures it drops and why; --json prints the tables as data', () => {
    const r = runBoth('tables', '-p', join(fixture, 'predictions.csv'), '--bootstrap', '0', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Warning: not built: Figure 5a \(dataset\).*: the prediction files carry no such column; give --dataset DIR/);
    const json = JSON.parse(r.stdout) as { warnings: string[]; tables: Array<{ id: string }>; counts: unknown[] };
    // Overall tables need no slice column: Table 3, and issue 16's threshold-free and calibration tables.
    expect(json.tables.map((t) => t.id)).toEqual(['table3', 'threshold-free', 'calibration']);
    expect(json.warnings.some((w) => w.startsWith('not built: Table 4'))).toBe(true);
    expect(json.counts).toHaveLength(4);
  });

  it('score --help names the run directory it writes', () => {
    expect(run('score', '--help')).toContain('runs/score/<timestamp>/');
  });
});
