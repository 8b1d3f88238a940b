/**
 * `semibench merge`: combines the run directories of the shards of one run (`eval --shard I/N`)
 * into one run directory, scored exactly as a single-machine run of the same data and seed
 * would be: the merged predictions go through the same canonical ordering and `scoreRun`.
 *
 * Shards are checked before anything is written: each must be complete, all must come from the
 * same metadata, detectors (store keys), scoring settings and shard count, every index
 * 0..N-1 must be there exactly once, and every prediction must belong to its shard.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { auditRun } from './audit/index.js';
import type { Logger } from './contract.js';
import { loadDataset, type Dataset, type DatasetRow } from './dataset.js';
import { notProbability, scoreRun } from './scoring/run.js';
import { RUN_FILES, readErrorsCsv, readPredictionsCsv, readRunManifest, writeManifest, writeRunTables } from './run/files.js';
import type { PredictionRecord, RowError, RunManifest, RunSummary } from './run/types.js';
import type { ScoreRecord } from './scoring/index.js';
import { formatShard, shardOfKey } from './shard.js';
import { stableStringify } from './util/hash.js';
import { copyMaps } from './localisation/files.js';

export interface MergeOptions {
  /** Shard run directories, in any order. */
  runs: readonly string[];
  out: string;
  /** Dataset directory, when the path recorded by the shards does not exist on this machine. */
  dataset?: string;
  logger?: Logger;
  /** The command line, recorded in the merged manifest. */
  command?: readonly string[];
}

export interface MergeResult {
  outDir: string;
  manifest: RunManifest;
  scores: ScoreRecord[];
  predictions: PredictionRecord[];
  errors: RowError[];
}

interface ShardRun {
  dir: string;
  manifest: RunManifest & { shard: NonNullable<RunManifest['shard']> };
}

async function readShard(dir: string): Promise<ShardRun> {
  const manifest = await readRunManifest(dir, 'give the run directories of `semibench eval --shard I/N --out DIR`');
  if (!manifest.shard) throw new Error(`${dir} is not a shard (its manifest has no "shard"); merge combines the outputs of \`eval --shard I/N\``);
  const withShard = manifest as ShardRun['manifest'];
  if (manifest.status !== 'complete') {
    const again = manifest.command?.length ? `: run \`${manifest.command.join(' ')}\` again to resume it` : '';
    throw new Error(`shard ${formatShard(withShard.shard)} in ${dir} is ${manifest.status}${manifest.error ? ` (${manifest.error})` : ''}${again}`);
  }
  return { dir, manifest: withShard };
}

/** The manifest fields that must agree between shards, with a name for messages. */
function pins(m: RunManifest): Array<[string, string]> {
  return [
    ['dataset metadata (sha256)', m.dataset.metadataSha256],
    ['selected rows', String(m.dataset.selectedRows)],
    ['row selection', stableStringify(m.dataset.selection ?? null)],
    ['detectors (name and store key)', m.detectors.map((d) => `${d.name}=${d.storeKey}`).join(', ')],
    ['scoring settings', stableStringify(m.scoring)],
    ['decode limits', stableStringify(m.decode ?? null)],
    ['shard count', String(m.shard?.count)],
  ];
}

function checkCompatible(shards: readonly ShardRun[]): void {
  const first = shards[0] as ShardRun;
  const reference = pins(first.manifest);
  for (const other of shards.slice(1)) {
    pins(other.manifest).forEach(([what, value], i) => {
      const expected = (reference[i] as [string, string])[1];
      if (value !== expected) {
        throw new Error(`${other.dir} and ${first.dir} are not shards of one run: their ${what} differ:\n  ${first.dir}: ${expected}\n  ${other.dir}: ${value}`);
      }
    });
  }
  const count = first.manifest.shard.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const earlier = seen.get(s.manifest.shard.index);
    if (earlier) throw new Error(`shard ${formatShard(s.manifest.shard)} is given twice: ${earlier} and ${s.dir}`);
    seen.set(s.manifest.shard.index, s.dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) {
    throw new Error(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merged run needs all ${count} shards (indices 0..${count - 1})`);
  }
}

function addCounts(into: RunSummary, from: RunSummary | undefined): void {
  if (!from) return;
  for (const field of ['predicted', 'cached', 'errors'] as const) {
    for (const [name, n] of Object.entries(from[field])) into[field][name] = (into[field][name] ?? 0) + n;
  }
  Object.assign(into.failed, from.failed);
}

/** Everything the shards wrote, gathered: predictions and row errors, summed counts, and where each shard's maps are. */
interface ShardRecords {
  predictions: PredictionRecord[];
  errors: RowError[];
  counts: RunSummary;
  mapSources: Array<{ dir: string; records: readonly PredictionRecord[] }>;
}

export async function mergeRuns(options: MergeOptions): Promise<MergeResult> {
  if (options.runs.length === 0) throw new Error('no shard directories given: semibench merge RUN_DIR... --out DIR');
  const outDir = resolve(options.out);
  const dirs = options.runs.map((d) => resolve(d));
  if (dirs.includes(outDir)) throw new Error(`--out ${outDir} is one of the shards; write the merged run to a new directory`);
  const shards: ShardRun[] = [];
  for (const dir of dirs) shards.push(await readShard(dir));
  shards.sort((a, b) => a.manifest.shard.index - b.manifest.shard.index);
  checkCompatible(shards);
  const first = shards[0] as ShardRun;
  const dataset = await shardsDataset(first, options.dataset);
  const gathered = await gatherShardRecords(shards);
  const { predictions, errors } = gathered;
  const rows = mergedRows(dataset, predictions, errors);

  await mkdir(outDir, { recursive: true });
  // Maps before the rows that name them, as in a single run.
  for (const { dir, records } of gathered.mapSources) await copyMaps(dir, outDir, records);
  const { ordered, scores } = await scoreMerged(outDir, first.manifest, predictions, errors, rows);
  const manifest = mergedManifest(shards, dataset, gathered.counts, options.command);
  await writeManifest(join(outDir, RUN_FILES.manifest), manifest);
  options.logger?.info(`merged ${first.manifest.shard.count} shards: ${ordered.length} predictions, ${errors.length} row errors`);
  return { outDir, manifest, scores, predictions: ordered, errors };
}

/** The dataset the shards ran on: `--dataset`, else the root they recorded; its metadata must be theirs. */
async function shardsDataset(first: ShardRun, datasetOption: string | undefined): Promise<Dataset> {
  const datasetPath = datasetOption ?? first.manifest.dataset.root;
  if (!existsSync(datasetPath)) {
    throw new Error(`the shards' dataset ${datasetPath} does not exist here; pass --dataset DIR (the same metadata, sha256 ${first.manifest.dataset.metadataSha256})`);
  }
  const dataset = await loadDataset(datasetPath);
  if (dataset.metadataSha256 !== first.manifest.dataset.metadataSha256) {
    throw new Error(`${dataset.metadataPath} (sha256 ${dataset.metadataSha256}) is not the metadata the shards ran on (sha256 ${first.manifest.dataset.metadataSha256})`);
  }
  return dataset;
}

/** Reads each shard's predictions and errors; each row must belong to its shard and have one prediction per detector. */
async function gatherShardRecords(shards: readonly ShardRun[]): Promise<ShardRecords> {
  const count = (shards[0] as ShardRun).manifest.shard.count;
  const gathered: ShardRecords = { predictions: [], errors: [], counts: { predicted: {}, cached: {}, errors: {}, failed: {} }, mapSources: [] };
  const owner = new Map<string, string>();
  for (const s of shards) {
    const { records, skipped } = await readPredictionsCsv(join(s.dir, RUN_FILES.predictions));
    if (skipped.length) throw new Error(`${join(s.dir, RUN_FILES.predictions)}: line(s) ${skipped.join(', ')} are incomplete although the shard is marked complete`);
    const shardErrors = existsSync(join(s.dir, RUN_FILES.errors)) ? await readErrorsCsv(join(s.dir, RUN_FILES.errors)) : [];
    for (const item of [...records, ...shardErrors]) {
      if (shardOfKey(item.key, count) !== s.manifest.shard.index) {
        throw new Error(`${s.dir}: row ${item.key} belongs to shard ${shardOfKey(item.key, count)}/${count}, not ${formatShard(s.manifest.shard)}; was the directory reused for another shard?`);
      }
    }
    for (const r of records) {
      const id = `${r.detector}\u0000${r.key}`;
      const earlier = owner.get(id);
      if (earlier) throw new Error(`${r.key} has two ${r.detector} predictions, in ${earlier} and ${s.dir}`);
      owner.set(id, s.dir);
      gathered.predictions.push(r);
    }
    gathered.mapSources.push({ dir: s.dir, records });
    gathered.errors.push(...shardErrors);
    addCounts(gathered.counts, s.manifest.counts);
  }
  return gathered;
}

/**
 * The merged run's rows: the dataset's rows that some shard scored or failed on, in dataset order,
 * which is the order (and set) of the selected rows of a single-machine run.
 */
function mergedRows(dataset: Dataset, predictions: readonly PredictionRecord[], errors: readonly RowError[]): DatasetRow[] {
  const touched = new Set([...predictions.map((p) => p.key), ...errors.map((e) => e.key)]);
  const rows = dataset.rows.filter((r) => touched.has(r.key));
  const datasetKeys = new Set(dataset.rows.map((r) => r.key));
  const unknown = [...touched].filter((k) => !datasetKeys.has(k));
  if (unknown.length) throw new Error(`the shards hold rows that ${dataset.metadataPath} does not have: ${unknown.slice(0, 5).join(', ')}`);
  return rows;
}

/** Writes the run tables in canonical order and scores and audits them with the shards' settings. */
async function scoreMerged(
  outDir: string,
  shardManifest: RunManifest,
  predictions: readonly PredictionRecord[],
  errors: readonly RowError[],
  rows: readonly DatasetRow[],
): Promise<{ ordered: PredictionRecord[]; scores: ScoreRecord[] }> {
  const detectorNames = shardManifest.detectors.map((d) => d.name);
  const scoring = shardManifest.scoring;
  const ordered = await writeRunTables(outDir, { predictions, errors, rows, detectorNames, threshold: scoring.threshold });
  const scores = await scoreRun(outDir, detectorNames, ordered, rows, {
    seed: scoring.seed,
    resamples: scoring.resamples,
    resample: scoring.resample,
    confidence: scoring.confidence,
    threshold: scoring.threshold,
    slices: scoring.slices.filter((s) => s !== 'overall'),
    notProbability: notProbability(shardManifest),
    ...(shardManifest.perturb ? { perturbations: shardManifest.perturb } : {}),
  });
  // The dataset's shortcuts, as a single-machine run writes them (shards do not).
  await auditRun(outDir, rows, { resamples: scoring.resamples, seed: scoring.seed, confidence: scoring.confidence });
  return { ordered, scores };
}

/** The first shard's manifest, made the merged run's: earliest start, the dataset here, all counts, no shard fields. */
function mergedManifest(shards: readonly ShardRun[], dataset: Dataset, counts: RunSummary, command: readonly string[] | undefined): RunManifest {
  const first = shards[0] as ShardRun;
  const manifest: RunManifest = {
    ...first.manifest,
    status: 'complete',
    startedAt: shards.map((s) => s.manifest.startedAt).sort()[0] as string,
    finishedAt: new Date().toISOString(),
    dataset: { ...first.manifest.dataset, root: dataset.root, metadata: dataset.metadataPath },
    merged: { shards: first.manifest.shard.count, runs: shards.map((s) => s.dir) },
    counts,
  };
  // What described one shard does not describe the merged run.
  delete manifest.shard;
  delete manifest.resume;
  delete manifest.error;
  if (command) manifest.command = command;
  else delete manifest.command;
  return manifest;
}
