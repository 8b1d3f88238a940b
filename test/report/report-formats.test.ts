/** `semibench report --format`: every writer renders the same scores, read back through run/. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, formatScoreSummary, writeReport, type ScoreRecord } from '@semibench/harness';

const scores: ScoreRecord[] = [
  { detector: 'a', slice: 'overall', group: 'all', metric: 'accuracy', n: 40, value: 0.75, ci_low: 0.6, ci_high: 0.875 },
  { detector: 'a', slice: 'overall', group: 'all', metric: 'roc_auc', n: 40, value: 0.8125, ci_low: null, ci_high: null },
  { detector: 'a', slice: 'method', group: 'p2p', metric: 'recall_fake', n: 12, value: 0.5, ci_low: 0.25, ci_high: 0.75 },
];

function runDir(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'semibench-formats-')), name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schema: 'semibench.run/1', status: 'complete', scoring: { resamples: 100, confidence: 0.9, threshold: 0.5, seed: 0, resample: 'cluster', slices: ['method'] }, detectors: [] }));
  writeFileSync(join(dir, 'scores.json'), JSON.stringify(scores));
  return dir;
}

describe('report formats', () => {
  it('writes text as eval prints it, and csv/json with every score tagged by run', async () => {
    const dir = runDir('run-one');
    const text = await writeReport([dir], join(dir, 'r.txt'), 'text');
    expect(readFileSync(text.path, 'utf8')).toBe(`${formatScoreSummary(scores, { confidence: 0.9 })}\n`);
    const csv = parse(readFileSync((await writeReport([dir], join(dir, 'r.csv'), 'csv')).path, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(csv.map((r) => [r.run, r.metric, Number(r.value), r.ci_low === '' ? null : Number(r.ci_low)])).toEqual(scores.map((s) => ['run-one', s.metric, s.value, s.ci_low]));
    const json = JSON.parse(readFileSync((await writeReport([dir], join(dir, 'r.json'), 'json')).path, 'utf8')) as unknown[];
    expect(json).toEqual(scores.map((s) => ({ run: 'run-one', ...s })));
  });

  it('renders Markdown and LaTeX tables of the same cells, escaping their syntax', async () => {
    const dir = runDir('run_two');
    const md = readFileSync((await writeReport([dir], join(dir, 'r.md'), 'markdown')).path, 'utf8');
    expect(md).toContain('| detector | n | accuracy | roc_auc |');
    expect(md).toContain('| a | 40 | 0.750 [0.600, 0.875] | 0.813 |');
    expect(md).toContain('| p2p | a | 12 | recall_fake | 0.500 [0.250, 0.750] |');
    const tex = readFileSync((await writeReport([dir, dir], join(dir, 'r.tex'), 'latex')).path, 'utf8');
    expect(tex).toContain('detector & n & accuracy & roc\\_auc \\\\');
    expect(tex).toContain('% run run_two');
    expect(REPORT_FORMATS).toEqual(['html', 'text', 'markdown', 'latex', 'csv', 'json']);
  });
});
