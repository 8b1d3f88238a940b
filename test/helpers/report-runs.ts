import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';

/** A detector outside the repository (a lone .mjs with no imports): mean brightness, or its complement. */
function toyDetector(name: string, invert: boolean): string {
  return `
export default {
  kind: 'detector',
  meta: { name: '${name}', version: '0.3.0', apiVersion: 1, description: 'Toy baseline for report tests.', trainedOn: ['nothing'],
    input: { kind: 'pixels', preprocess: { steps: [{ op: 'resize', size: 64, mode: 'exact' }] } } },
  create() {
    return {
      predict(items) {
        return items.map((item) => {
          const d = item.pixels.data;
          let s = 0;
          for (let i = 0; i < d.length; i++) s += d[i];
          const mean = s / d.length / 255;
          return ${invert ? '1 - mean' : 'mean'};
        });
      },
    };
  },
};
`;
}

export interface ReportRuns {
  work: string;
  /** noise-inconsistency + brightness, 200 resamples. */
  runA: string;
  /** noise-inconsistency (same name as in runA) + darkness, 200 resamples. */
  runB: string;
}

/** Two real `semibench eval` runs on the bundled mini dataset, made through the CLI. */
export async function makeReportRuns(): Promise<ReportRuns> {
  const work = mkdtempSync(join(tmpdir(), 'semibench-report-'));
  writeFileSync(join(work, 'brightness.mjs'), toyDetector('brightness', false));
  writeFileSync(join(work, 'darkness.mjs'), toyDetector('darkness', true));
  const runA = join(work, 'run-a');
  const runB = join(work, 'run-b');
  for (const [out, second] of [
    [runA, './brightness.mjs'],
    [runB, './darkness.mjs'],
  ] as const) {
    const result = await runCli(['eval', '--detector', 'noise-inconsistency', '--detector', second, '--out', out, '--bootstrap', '200', '--quiet'], { cwd: work });
    if (result.code !== 0) throw new Error(`semibench eval failed (${result.code}): ${result.stderr}`);
  }
  return { work, runA, runB };
}
