import { tmpdir } from 'node:os';
import type { DetectorScores, PartialScores, PluginContext } from '@semibench/harness';

/** A PluginContext for calling plugins directly in tests; warnings are collected for assertions. */
export function testContext(baseDir: string = tmpdir()): { context: PluginContext; warnings: string[] } {
  const warnings: string[] = [];
  const context: PluginContext = {
    seed: 0,
    cacheDir: tmpdir(),
    baseDir,
    logger: { debug() {}, info() {}, warn: (m) => void warnings.push(m) },
    signal: new AbortController().signal,
  };
  return { context, warnings };
}

/**
 * The plain numbers of a predict() result, for tests of detectors that score every item: fails on
 * per-item errors (PartialScores) or structured items, which those tests do not expect.
 */
export function plainScores(result: DetectorScores | PartialScores): number[] {
  if (!(result instanceof Float32Array || result instanceof Float64Array || Array.isArray(result))) {
    throw new Error(`expected plain scores, got per-item errors: ${JSON.stringify((result as PartialScores).errors)}`);
  }
  return Array.from(result as ArrayLike<number | object>, (s, i) => {
    if (typeof s !== 'number') throw new Error(`item ${i}: expected a number, got ${JSON.stringify(s)}`);
    return s;
  });
}
