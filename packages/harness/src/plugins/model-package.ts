/**
 * Detector packages: a directory with a `detector.semibench.json` (written by `semibench train
 * probe`) names the built-in plugin that runs it, and that plugin receives the directory as its
 * `package` option. `--detector DIR` then works without code in the directory, so a package is
 * data only (weights, head, model card) and cannot run anything when loaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DetectorPlugin, PluginKind, PluginOfKind } from '../contract.js';
import { PluginError } from './validate.js';

export const DETECTOR_PACKAGE_FILE = 'detector.semibench.json';

export interface DetectorPackageHeader {
  semibench: 1;
  /** Built-in detector that runs this package, e.g. `probe`. */
  plugin: string;
}

/** The package header of `dir`, or undefined when `dir` is not a detector package. */
export function readPackageHeader(dir: string): DetectorPackageHeader | undefined {
  const file = join(dir, DETECTOR_PACKAGE_FILE);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PluginError(`${file}: not valid JSON (${(e as Error).message})`, file);
  }
  const h = parsed as Partial<DetectorPackageHeader>;
  if (h.semibench !== 1 || typeof h.plugin !== 'string') throw new PluginError(`${file}: needs "semibench": 1 and "plugin": "<built-in detector>"`, file);
  return h as DetectorPackageHeader;
}

/** The built-in plugin bound to the package directory (its own options still win). */
export function bindPackage<K extends PluginKind>(kind: K, plugin: PluginOfKind<K>, dir: string): PluginOfKind<K> {
  if (kind !== 'detector') throw new PluginError(`${dir}: a detector package cannot be used as a ${kind}`, dir);
  const base = plugin as DetectorPlugin;
  const bound: DetectorPlugin = { ...base, create: (options, context) => base.create({ package: dir, ...options }, context) };
  return bound as PluginOfKind<K>;
}
