import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (packages/cli/dist/support → ../../../..). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
}

/** This package's root (packages/cli in the workspace, node_modules/semibench when installed). */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

/**
 * Bundled data (`semi-truths-mini`, `semi-truths-sample/input`): inside the installed package
 * (data/, copied there by prepack), else the workspace's fixtures/.
 */
export function bundledPath(relative: string, marker: string): string {
  const candidates = [join(packageRoot(), 'data', relative), join(repoRoot(), 'fixtures', relative)];
  const found = candidates.find((dir) => existsSync(join(dir, marker)));
  if (!found) throw new Error(`the bundled ${relative} is missing (looked in ${candidates.join(' and ')})`);
  return found;
}

/** The bundled mini dataset, the default of `eval`. */
export function defaultDatasetPath(): string {
  return bundledPath('semi-truths-mini', 'metadata.csv');
}

/** The bundled sample photos and masks, the default input of `generate`. */
export function defaultGenerateInput(): string {
  return bundledPath(join('semi-truths-sample', 'input'), '.');
}

/** runs/2026-11-27T05-30-00Z style directory names: sortable and safe on every filesystem. */
export function timestampDir(base: string): string {
  return join(base, new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-'));
}
