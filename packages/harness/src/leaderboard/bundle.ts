/**
 * Submission bundles: a gzip tar of one finished run's predictions.csv, manifest.json, its maps
 * (if any) and bundle.json, which lists the sha256 of every other file and what the run was —
 * dataset fingerprint, detectors with their `trainedOn`, blind flags, semibench versions. A bundle
 * carries no scores: the leaderboard computes them.
 *
 * bundle.json is derived from manifest.json alone (`describeRun`), so a reader recomputes it and
 * refuses a bundle.json that says something its manifest does not.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { parse } from 'csv-parse';
import tar from 'tar-stream';
import { SEMIBENCH_VERSION, type DetectorManifestEntry, type RunManifest } from '../evaluate.js';
import { RUN_FILES } from '../run/files.js';
import { sha256, sha256File, stableStringify } from '../util/hash.js';
import { datasetFingerprint, pinnedRevision } from './fingerprint.js';

export const BUNDLE_FORMAT = 'semibench.bundle/1';
export const BUNDLE_FILE = 'bundle.json';
/** The predictions column (from the localisation work) naming a map file relative to the run directory. */
export const MAP_PATH_COLUMN = 'map_path';
/** A folder of maps inside a run directory, bundled whole when present. */
export const MAPS_DIR = 'maps';

export interface BundleFile {
  sha256: string;
  bytes: number;
}

/** A detector as bundle.json records it: its manifest entry without run-local details (batch size, input spec, masks, columns). */
export type BundleDetector = Pick<DetectorManifestEntry, 'name' | 'plugin' | 'version' | 'apiVersion' | 'description' | 'source' | 'identity' | 'input' | 'trainedOn' | 'storeKey'> & {
  /** The detector's own blindness, when the run recorded it: channels opened for it and class-dependent (parity) preprocessing. */
  blind?: { blind: boolean; unblind: string[]; parity: string[] };
};

export interface BundleBlindness {
  /** The run's manifest records blind evaluation (`unblind`); false for runs made before it existed, which were not blind. */
  recorded: boolean;
  /** What the run unblinded (`--unblind`, parity modes); empty for a blind run. */
  unblind: string[];
  /** `--reencode` setting of the run, if any. */
  reencode: string | null;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  semibench: { bundledWith: string; run: string };
  dataset: {
    fingerprint: string;
    spec: string;
    metadataSha256: string;
    /** `hf:OWNER/NAME@COMMIT` of a hub dataset, null for a local directory. */
    hf: string | null;
    rows: number;
    selectedRows: number;
  };
  detectors: BundleDetector[];
  blind: BundleBlindness;
  /** The run's own threshold (its `prediction` column); the leaderboard applies its own. */
  run: { startedAt: string; finishedAt: string | null; threshold: number };
  /** Every other file of the bundle, by its path inside the bundle. */
  files: Record<string, BundleFile>;
}

/** Why a bundle was turned away; `reason` is a stable name, `message` says what exactly. */
export class BundleRejection extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(message);
    this.name = 'BundleRejection';
  }
}

export type RejectionReason =
  | 'unreadable'
  | 'unsafe-entry'
  | 'missing-file'
  | 'unknown-format'
  | 'hash-mismatch'
  | 'inconsistent-bundle'
  | 'dataset-mismatch'
  | 'malformed-predictions'
  | 'duplicate-rows'
  | 'unknown-rows'
  | 'missing-rows'
  | 'duplicate-bundle';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * The manifest's blind-evaluation record, read defensively (it comes from another semibench
 * version): `blind: { blind, unblind, reencode }` as blind evaluation writes it, or a bare
 * top-level `unblind`. Neither means the run predates blind evaluation, and was not blind.
 */
function blindness(manifest: RunManifest): BundleBlindness {
  const raw = manifest as unknown as { blind?: { unblind?: unknown; reencode?: unknown }; unblind?: unknown; reencode?: unknown };
  const record = raw.blind && typeof raw.blind === 'object' ? raw.blind : raw.unblind !== undefined ? { unblind: raw.unblind, reencode: raw.reencode } : undefined;
  if (!record) return { recorded: false, unblind: [], reencode: null };
  const reencode = record.reencode === undefined || record.reencode === null ? null : typeof record.reencode === 'string' ? record.reencode : stableStringify(record.reencode);
  return { recorded: true, unblind: strings(record.unblind).sort(), reencode };
}

/** A detector entry's own blindness record, when the run wrote one. */
function detectorBlindness(entry: DetectorManifestEntry): BundleDetector['blind'] | undefined {
  const raw = (entry as { blind?: { blind?: unknown; unblind?: unknown; parity?: unknown } }).blind;
  if (!raw || typeof raw !== 'object') return undefined;
  return { blind: raw.blind === true, unblind: strings(raw.unblind), parity: strings(raw.parity) };
}

/** What bundle.json says about a run, from its manifest alone (files excepted). */
export function describeRun(manifest: RunManifest): Omit<BundleManifest, 'files' | 'semibench'> & { semibench: { run: string } } {
  const hf = pinnedRevision(manifest.dataset.provenance);
  return {
    format: BUNDLE_FORMAT,
    semibench: { run: manifest.semibench.version },
    dataset: {
      fingerprint: datasetFingerprint({ metadataSha256: manifest.dataset.metadataSha256, hf }),
      spec: manifest.dataset.spec,
      metadataSha256: manifest.dataset.metadataSha256,
      hf,
      rows: manifest.dataset.rows,
      selectedRows: manifest.dataset.selectedRows,
    },
    detectors: manifest.detectors.map((d) => ({
      name: d.name,
      plugin: d.plugin,
      version: d.version,
      apiVersion: d.apiVersion,
      ...(d.description ? { description: d.description } : {}),
      source: d.source,
      identity: d.identity,
      input: d.input,
      trainedOn: [...d.trainedOn],
      storeKey: d.storeKey,
      ...(detectorBlindness(d) ? { blind: detectorBlindness(d) } : {}),
    })),
    blind: blindness(manifest),
    run: { startedAt: manifest.startedAt, finishedAt: manifest.finishedAt ?? null, threshold: manifest.scoring.threshold },
  };
}

export function parseManifest(text: string, where: string): RunManifest {
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(text) as RunManifest;
  } catch (error) {
    throw new BundleRejection('unreadable', `${where}: not JSON (${(error as Error).message})`);
  }
  if (manifest?.schema !== 'semibench.run/1') throw new BundleRejection('unknown-format', `${where}: unknown run schema "${String(manifest?.schema)}" (this semibench reads semibench.run/1)`);
  return manifest;
}

/** Relative files a run directory contributes to its bundle: predictions, manifest, maps. */
async function runFiles(dir: string): Promise<string[]> {
  const files = new Set<string>([RUN_FILES.predictions, RUN_FILES.manifest]);
  const parser = createReadStream(join(dir, RUN_FILES.predictions)).pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    const map = record[MAP_PATH_COLUMN];
    if (map) files.add(insideRun(dir, map));
  }
  if (existsSync(join(dir, MAPS_DIR))) for (const f of await listRegularFiles(dir, MAPS_DIR)) files.add(f);
  return [...files].sort();
}

/** A map path from predictions.csv, as a safe '/'-separated path inside the run directory. */
function insideRun(dir: string, path: string): string {
  const abs = resolve(dir, path);
  if (!abs.startsWith(resolve(dir) + sep)) throw new Error(`${join(dir, RUN_FILES.predictions)}: ${MAP_PATH_COLUMN} "${path}" points outside the run directory`);
  return relative(dir, abs).split(sep).join('/');
}

/** Regular files under `sub` (no symlinks followed or bundled: a bundle holds the run's own bytes). */
async function listRegularFiles(root: string, sub: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(root, sub), { withFileTypes: true })) {
    const rel = `${sub}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listRegularFiles(root, rel)));
    else if (entry.isFile()) out.push(rel);
    else throw new Error(`${join(root, rel)} is not a regular file (a link?); a bundle holds only the run's own files`);
  }
  return out;
}

export interface CreateBundleResult {
  path: string;
  bundle: BundleManifest;
  /** sha256 of bundle.json: the bundle's identity (leaderboards key their caches by it). */
  id: string;
  warnings: string[];
}

/** Things that will make a leaderboard reject the bundle, said before it is sent. */
function submitWarnings(manifest: RunManifest, bundle: BundleManifest): string[] {
  const warnings: string[] = [];
  const { rows, selectedRows } = manifest.dataset;
  if (selectedRows !== rows || manifest.dataset.selection) warnings.push(`the run scored ${selectedRows} of the dataset's ${rows} rows (--limit/--sample): a leaderboard needs every row predicted and will reject this bundle`);
  const errors = Object.entries(manifest.counts?.errors ?? {}).filter(([, n]) => n > 0);
  if (errors.length) warnings.push(`some images could not be scored (${errors.map(([d, n]) => `${d}: ${n}`).join(', ')}; see errors.csv): a leaderboard rejects a bundle with missing rows`);
  if (!bundle.blind.recorded) warnings.push('the run predates blind evaluation (its manifest has no "unblind" record): leaderboards show it as not blind');
  else if (bundle.blind.unblind.length) warnings.push(`the run was unblinded (${bundle.blind.unblind.join(', ')}): leaderboards show it as not blind`);
  return warnings;
}

/**
 * `semibench submit RUN --out FILE.tgz`: bundles a finished, unsharded run. The tar is
 * deterministic (sorted entries, fixed mode and time), so the same run gives the same bytes.
 */
export async function createBundle(runDir: string, out: string): Promise<CreateBundleResult> {
  const dir = resolve(runDir);
  const manifestPath = join(dir, RUN_FILES.manifest);
  if (!existsSync(manifestPath)) throw new Error(`${dir}: no ${RUN_FILES.manifest}; give a run directory written by \`semibench eval --out DIR\``);
  const manifest = parseManifest(await readFile(manifestPath, 'utf8'), manifestPath);
  if (manifest.shard) throw new Error(`${dir} is shard ${manifest.shard.index}/${manifest.shard.count} of a run: combine the shards with \`semibench merge\` and submit the merged run`);
  if (manifest.status !== 'complete') throw new Error(`${dir}: the run is ${manifest.status}${manifest.error ? ` (${manifest.error})` : ''}; finish it (run the same eval again to resume) before submitting`);
  if (!existsSync(join(dir, RUN_FILES.predictions))) throw new Error(`${dir}: no ${RUN_FILES.predictions}`);

  const names = await runFiles(dir);
  const files: Record<string, BundleFile> = {};
  for (const name of names) {
    const path = join(dir, ...name.split('/'));
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) throw new Error(`${path}: listed by the run (${name}) but not a regular file`);
    files[name] = { sha256: await sha256File(path), bytes: info.size };
  }
  const described = describeRun(manifest);
  const bundle: BundleManifest = { ...described, semibench: { bundledWith: SEMIBENCH_VERSION, run: described.semibench.run }, files };
  const bundleText = `${JSON.stringify(bundle, null, 2)}\n`;

  const target = resolve(out);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  const mtime = new Date(manifest.finishedAt ?? manifest.startedAt);
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 9 }), createWriteStream(tmp));
  const header = (name: string, size: number): tar.Header => ({ name, size, mtime, mode: 0o644, type: 'file', linkname: '', uid: 0, gid: 0, uname: '', gname: '', devmajor: 0, devminor: 0 });
  try {
    await addEntry(pack, header(BUNDLE_FILE, Buffer.byteLength(bundleText)), Buffer.from(bundleText));
    for (const name of names) {
      const entry = pack.entry(header(name, files[name]!.bytes));
      await pipeline(createReadStream(join(dir, ...name.split('/'))), entry);
    }
    pack.finalize();
    await written;
    await rename(tmp, target);
  } catch (error) {
    pack.destroy();
    await written.catch(() => undefined);
    await rm(tmp, { force: true });
    throw error;
  }
  return { path: target, bundle, id: sha256(bundleText), warnings: submitWarnings(manifest, bundle) };
}

function addEntry(pack: tar.Pack, headers: tar.Header, data: Buffer): Promise<void> {
  return new Promise((resolvePromise, reject) => pack.entry(headers, data, (error) => (error ? reject(error) : resolvePromise())));
}

/** Caps on what reading one bundle may write, so a hostile archive cannot fill the disk. */
export interface BundleLimits {
  maxBytes: number;
  maxFiles: number;
}
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = { maxBytes: 8 * 1024 ** 3, maxFiles: 2_000_000 };

export interface OpenedBundle {
  /** The .tgz file. */
  path: string;
  /** Folder the bundle was extracted into (remove it with `rm` when done). */
  dir: string;
  bundle: BundleManifest;
  manifest: RunManifest;
  /** sha256 of bundle.json as stored: the bundle's identity. */
  id: string;
}
