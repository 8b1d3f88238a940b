/**
 * Localisation maps in a run directory: `maps/<detector>/<sha256>.png`, 8-bit greyscale at the
 * image's full size. Files are named by their content, so writing one again (a resume, a store
 * recall, a merge) is a no-op and a map that two rows share is stored once; `predictions.csv` names
 * each row's file in `map_path`, relative to the run directory.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MAPS_DIR } from '../run/files.js';
import type { MapSink } from '../run/types.js';
import { sha256 } from '../util/hash.js';
import type { EncodedMap } from './maps.js';

/** A folder name for a detector: its name when that is a safe file name, else a readable form plus a hash. */
export function mapFolder(detector: string): string {
  const safe = detector.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === detector && !/^\.+$/.test(safe) ? safe : `${safe}-${sha256(detector).slice(0, 8)}`;
}

/** Writes a file by temp file and rename, so a process killed mid-write never leaves half a PNG under the final name. */
async function writeOnce(path: string, bytes: Uint8Array): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

/** The sink that `evaluate` hands the runner: maps go under `outDir`, before the prediction rows that name them. */
export function runMapSink(outDir: string): MapSink {
  return {
    async put(detector: string, map: EncodedMap): Promise<string> {
      const relative = `${MAPS_DIR}/${mapFolder(detector)}/${map.sha256}.png`;
      await writeOnce(join(outDir, relative), map.png);
      return relative;
    },
  };
}

/** Copies the map files that `records` name from one run directory to another (merge), keeping their relative paths. */
export async function copyMaps(fromDir: string, toDir: string, records: ReadonlyArray<{ mapPath?: string }>): Promise<void> {
  for (const { mapPath } of records) {
    if (!mapPath) continue;
    const target = join(toDir, mapPath);
    if (existsSync(target)) continue;
    const source = join(fromDir, mapPath);
    if (!existsSync(source)) throw new Error(`${join(fromDir, 'predictions.csv')} names the map ${mapPath}, but ${source} does not exist`);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, `${target}.tmp-${process.pid}`);
    await rename(`${target}.tmp-${process.pid}`, target);
  }
}

/** Removes the temp files that a process killed while writing a map leaves in `outDir`'s maps folder. */
export async function removeStaleMapTemps(outDir: string): Promise<void> {
  const root = join(outDir, MAPS_DIR);
  if (!existsSync(root)) return;
  for (const folder of await readdir(root, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const entry of await readdir(join(root, folder.name))) {
      if (/\.png\.tmp-\d+$/.test(entry)) await rm(join(root, folder.name, entry), { force: true });
    }
  }
}
