import { tmpdir } from 'node:os';
import type { PluginContext } from '@semibench/harness';

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
