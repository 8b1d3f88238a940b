/**
 * Submission fixtures for the leaderboard tests: real `semibench eval` runs made through the CLI
 * and bundled with `semibench submit`, and a way to rewrite a bundle's members as someone
 * tampering with it would (the tar is rebuilt, bundle.json left as it was unless edited too).
 */
import { cpSync, createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { encodePng } from '@semibench/harness';
import tar from 'tar-stream';
import { MINI_DATASET, runCli } from './cli.js';
import { DARKNESS_PLUGIN } from './report-runs.js';
import { BRIGHTNESS_PLUGIN, isolatedEnv, tempDir, writePlugin } from './run-fixtures.js';
import { formatCsv, parseCsvRecords } from './csv.js';

export interface TarMember {
  name: string;
  data: Buffer;
  type?: 'file' | 'symlink' | 'directory';
  linkname?: string;
}

export async function readTgz(path: string): Promise<TarMember[]> {
  const extract = tar.extract();
  const members: TarMember[] = [];
  const done = pipeline(createReadStream(path), createGunzip(), extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    members.push({ name: entry.header.name, data: Buffer.concat(chunks), type: (entry.header.type ?? 'file') as TarMember['type'] });
  }
  await done;
  return members;
}

export async function writeTgz(path: string, members: readonly TarMember[]): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), createWriteStream(path));
  for (const m of members) {
    const header = { name: m.name, type: m.type ?? 'file', ...(m.linkname ? { linkname: m.linkname } : {}) };
    await new Promise<void>((resolve, reject) => {
      const done = (e?: Error | null) => (e ? reject(e) : resolve());
      // Only regular files carry data; a link or directory entry is a header alone.
      if (m.type === 'file' || !m.type) pack.entry(header, m.data, done);
      else pack.entry(header, done);
    });
  }
  pack.finalize();
  await written;
}

/** Copies a bundle with `edit` applied to its members. */
export async function rewriteBundle(from: string, to: string, edit: (members: TarMember[]) => TarMember[]): Promise<void> {
  await writeTgz(to, edit(await readTgz(from)));
}

export interface Submissions {
  work: string;
  env: NodeJS.ProcessEnv;
  /** brightness, darkness: full runs on the mini dataset; limited: brightness on 5 rows; other: brightness on a changed copy of the dataset. */
  runs: { brightness: string; darkness: string; limited: string; other: string };
  /** Their bundles, made with `semibench submit`. */
  bundles: { brightness: string; darkness: string; limited: string; other: string };
  /** Warnings `submit` printed per bundle. */
  submitStderr: Record<string, string>;
}

async function cli(args: readonly string[], work: string, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCli(args, { cwd: work, env });
  if (result.code !== 0) throw new Error(`semibench ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stderr;
}

export async function makeSubmissions(): Promise<Submissions> {
  const work = tempDir('leaderboard');
  const env = isolatedEnv(work);
  writePlugin(work, 'brightness.mjs', BRIGHTNESS_PLUGIN);
  writePlugin(work, 'darkness.mjs', DARKNESS_PLUGIN);
  // Another dataset: the mini dataset with one row fewer (a different metadata fingerprint).
  const other = join(work, 'other-dataset');
  cpSync(MINI_DATASET, other, { recursive: true });
  const records = parseCsvRecords(readFileSync(join(other, 'metadata.csv')));
  writeFileSync(join(other, 'metadata.csv'), formatCsv(records.slice(0, -1)));

  const runs = { brightness: join(work, 'run-brightness'), darkness: join(work, 'run-darkness'), limited: join(work, 'run-limited'), other: join(work, 'run-other') };
  const common = ['--bootstrap', '200', '--quiet'];
  await cli(['eval', '--detector', './brightness.mjs', '--out', runs.brightness, ...common], work, env);
  await cli(['eval', '--detector', './darkness.mjs', '--out', runs.darkness, ...common], work, env);
  await cli(['eval', '--detector', './brightness.mjs', '--limit', '5', '--out', runs.limited, ...common], work, env);
  await cli(['eval', '--detector', './brightness.mjs', '--dataset', other, '--out', runs.other, ...common], work, env);
  const dir = join(work, 'bundles');
  mkdirSync(dir);
  const bundles = { brightness: join(dir, 'brightness.tgz'), darkness: join(dir, 'darkness.tgz'), limited: join(dir, 'limited.tgz'), other: join(dir, 'other.tgz') };
  const submitStderr: Record<string, string> = {};
  for (const key of Object.keys(runs) as Array<keyof typeof runs>) submitStderr[key] = await cli(['submit', runs[key], '--out', bundles[key]], work, env);
  return { work, env, runs, bundles, submitStderr };
}

/**
 * A run with localisation maps, unblinded masks and a detector trained on one of the dataset's
 * generators, made from a finished run's files as such a run would write them: predictions.csv
 * gains `map_path` (maps/<n>.png for fakes, empty for reals), the manifest records
 * `blind.unblind: ['mask']` and `trainedOn: ['Telea']` (the mini dataset's `model` column says `telea`).
 */
export async function makeMapsRun(from: string, to: string, name: string): Promise<string> {
  cpSync(from, to, { recursive: true });
  mkdirSync(join(to, 'maps'));
  const [header = [], ...rows] = parseCsvRecords(readFileSync(join(from, 'predictions.csv')));
  const detector = header.indexOf('detector');
  const label = header.indexOf('label');
  const out = [[...header, 'map_path']];
  for (const [i, cells] of rows.entries()) {
    cells[detector] = name;
    let map = '';
    if (cells[label] === 'fake') {
      map = `maps/${i}.png`;
      const data = new Uint8Array(32 * 24).fill(255, 0, (i + 1) * 24);
      writeFileSync(join(to, map), await encodePng({ data, width: 32, height: 24, channels: 1 }));
    }
    out.push([...cells, map]);
  }
  writeFileSync(join(to, 'predictions.csv'), formatCsv(out));
  const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8'));
  manifest.detectors[0].name = name;
  manifest.detectors[0].trainedOn = ['Telea'];
  // As blind evaluation records an unblinded run (run level and per detector).
  manifest.blind = { blind: false, unblind: ['mask'], order: 'shuffled' };
  manifest.detectors[0].blind = { blind: false, unblind: ['mask'], parity: [], withheldColumns: {}, maskWithheld: false };
  writeFileSync(join(to, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return to;
}
