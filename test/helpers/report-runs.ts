import { join } from 'node:path';
import { runCli } from './cli.js';
import { BRIGHTNESS_PLUGIN, isolatedEnv, tempDir, writePlugin } from './run-fixtures.js';

/** `darkness`: one minus `brightness`, so the report has a detector that disagrees with it. */
export const DARKNESS_PLUGIN = BRIGHTNESS_PLUGIN.replace("name: 'brightness'", "name: 'darkness'").replace('return s / d.length / 255;', 'return 1 - s / d.length / 255;');

export interface ReportRuns {
  work: string;
  /** Cache and store of the runs, away from the user's. */
  env: NodeJS.ProcessEnv;
  /** noise-inconsistency + brightness, 200 resamples. */
  runA: string;
  /** noise-inconsistency (same name as in runA) + darkness, 200 resamples. */
  runB: string;
}

/** Two real `semibench eval` runs on the bundled mini dataset, made through the CLI. */
export async function makeReportRuns(): Promise<ReportRuns> {
  if (!DARKNESS_PLUGIN.includes('1 - s / d.length')) throw new Error('run-fixtures BRIGHTNESS_PLUGIN changed: update DARKNESS_PLUGIN');
  const work = tempDir('report');
  const env = isolatedEnv(work);
  writePlugin(work, 'brightness.mjs', BRIGHTNESS_PLUGIN);
  writePlugin(work, 'darkness.mjs', DARKNESS_PLUGIN);
  const runA = join(work, 'run-a');
  const runB = join(work, 'run-b');
  for (const [out, second] of [
    [runA, './brightness.mjs'],
    [runB, './darkness.mjs'],
  ] as const) {
    const result = await runCli(['eval', '--detector', 'noise-inconsistency', '--detector', second, '--out', out, '--bootstrap', '200', '--quiet'], { cwd: work, env });
    if (result.code !== 0) throw new Error(`semibench eval failed (${result.code}): ${result.stderr}`);
  }
  return { work, env, runA, runB };
}
