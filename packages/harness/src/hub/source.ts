import { dirname, join, resolve } from 'node:path';
import type { OptionValue } from '../contract.js';
import { hashValue } from '../util/hash.js';
import { readCsvHeader, readCsvRows, writeCsvFile } from './csv.js';
import { materializeHubDataset, type MaterializeOptions, type MaterializedDataset } from './materialize.js';
import type { RowSelection, RowSelectionOptions } from './sampling.js';
import { hubRowSelector } from './selector.js';
import { formatHubSpec, parseHubSpec } from './spec.js';

export interface DatasetSourceOptions extends Omit<MaterializeOptions, 'selectRows'> {
  /** Rows the run will use (limit / seeded stratified sample); only their files are downloaded. */
  selection?: RowSelectionOptions;
  /** Directory that relative local specs are resolved against (default: the current directory). */
  cwd?: string;
}

export interface DatasetSource {
  /**
   * What to hand to `loadDataset` / `evaluate({ dataset })`: a local directory, or, for a hub
   * dataset with a row selection, a metadata file holding just the selected rows inside the
   * dataset folder (so the loader sees exactly the rows whose files were fetched).
   */
  path: string;
  /** For hub datasets: what was used, for `evaluate({ datasetProvenance })` and the manifest. */
  provenance?: Record<string, OptionValue>;
  hub?: MaterializedDataset;
  /** The row selection applied while choosing what to download, if any. */
  selection?: RowSelection;
}

/** Above this many files the manifest records their count and a hash of the list, not the list. */
const MAX_LISTED_FILES = 200;

/**
 * Turn a `--dataset` value into a local directory: `hf:OWNER/NAME[@REV]` is materialised from the
 * Hugging Face hub (see `materializeHubDataset`), anything else is a local path. The token is
 * never part of the provenance.
 *
 * `selection` applies to hub datasets only: only the selected rows' files are fetched and `path`
 * is a metadata file with just those rows, so the caller must not select again. Local paths are
 * returned unchanged (select their rows with `selectRows` on the loaded dataset).
 */
export async function resolveDatasetSource(spec: string, options: DatasetSourceOptions = {}): Promise<DatasetSource> {
  const hub = parseHubSpec(spec);
  if (!hub) return { path: resolve(options.cwd ?? process.cwd(), spec) };
  let selection: RowSelection | undefined;
  let chosen: Set<string> | null = null;
  const { selection: wanted, cwd: _cwd, ...rest } = options;
  const selector = wanted
    ? hubRowSelector(wanted, (picked) => {
        selection = picked;
      })
    : undefined;
  // Masks come too unless asked otherwise: they are the ground truth of the localisation metrics
  // (detectors still never see them in blind mode), and small next to the images.
  const result = await materializeHubDataset(hub, {
    masks: true,
    ...rest,
    ...(selector
      ? {
          selectRows: async (metadataPath: string) => {
            chosen = await selector(metadataPath);
            return chosen;
          },
        }
      : {}),
  });
  const files = result.files.map((file) => ({ path: file.path, etag: file.etag, size: file.size }));
  const provenance: Record<string, OptionValue> = {
    source: 'huggingface',
    spec: formatHubSpec(hub),
    pinned: `hf:${result.repo}@${result.commitSha}`,
    repo: result.repo,
    revision: result.revision,
    commitSha: result.commitSha,
    layout: result.layout,
    fileCount: files.length,
    filesHash: hashValue(files),
    ...(files.length <= MAX_LISTED_FILES ? { files } : {}),
    missing: result.missing.length,
    ...(selection ? { selection: selection as unknown as Record<string, OptionValue> } : {}),
  };
  const path = chosen && selection ? await writeSelectedMetadata(result.metadataPath, chosen, hashValue(selection)) : result.root;
  return { path, provenance, hub: result, ...(selection ? { selection } : {}) };
}

/** `metadata.selected-<hash>.csv` next to metadata.csv, with the chosen rows in file order. */
async function writeSelectedMetadata(metadataPath: string, chosen: ReadonlySet<string>, tag: string): Promise<string> {
  const out = join(dirname(metadataPath), `metadata.selected-${tag}.csv`);
  async function* selected(): AsyncGenerator<Record<string, string>> {
    for await (const row of readCsvRows(metadataPath)) if (chosen.has(row['image_path'] ?? '')) yield row;
  }
  await writeCsvFile(out, await readCsvHeader(metadataPath), selected());
  return out;
}
