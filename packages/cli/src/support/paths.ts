import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (packages/cli/dist/support → ../../../..). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
}

/** The bundled mini dataset, the default of `eval`. */
export function defaultDatasetPath(): string {
  const candidate = join(repoRoot(), 'fixtures', 'semi-truths-mini');
  if (!existsSync(candidate)) {
    throw new Error(`the bundled dataset ${candidate} is missing (installed without the repository?); pass --dataset DIR`);
  }
  return candidate;
}

/** runs/2026-11-27T05-30-00Z style directory names: sortable and safe on every filesystem. */
export function timestampDir(base: string): string {
  return join(base, new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-'));
}
