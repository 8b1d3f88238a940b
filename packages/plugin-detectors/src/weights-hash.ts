/**
 * The identity of a worker's weights: the sha256 of the file (or of a directory's files), so a
 * run records which weights produced its scores and the prediction store never recalls scores
 * of other weights saved under the same file name.
 */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { sha256, sha256File } from '@semibench/harness/plugin';
import type { OptionValue } from '@semibench/harness/plugin';

/** Option names that name weights by convention (weights=, checkpoint=, ckpt=, modelPath=). */
const WEIGHT_OPTION = /^(weights|checkpoint|ckpt|modelPath)$/i;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** sha256 of a file, or of a directory's sorted "relative-path sha256" lines. */
export async function hashWeightsPath(path: string): Promise<string> {
  if (!(await stat(path)).isDirectory()) return sha256File(path);
  const files = await filesUnder(path);
  const lines = await Promise.all(files.map(async (f) => `${relative(path, f).split('\\').join('/')} ${await sha256File(f)}`));
  return sha256(lines.join('\n'));
}

/**
 * `{ option: sha256 }` for every weights option whose value is an existing file or directory
 * (relative paths resolved against `cwd`); options naming nothing on disk are left to the worker.
 */
export async function weightsHashes(options: Readonly<Record<string, OptionValue>>, cwd: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!WEIGHT_OPTION.test(key) || typeof value !== 'string' || value === '') continue;
    const path = isAbsolute(value) ? value : resolve(cwd, value);
    try {
      out[key] = await hashWeightsPath(path);
    } catch {
      // Not a path on this machine (e.g. a hub model id): the worker's own identity must say what it is.
    }
  }
  return out;
}
