import { dirname, join, resolve } from 'node:path';
import { hashValue } from '../util/hash.js';
import { readCsvHeader, readCsvRows, writeCsvFile } from './csv.js';
import { materializeHubDataset } from './materialize.js';
import { hubRowSelector } from './selector.js';
import { formatHubSpec, parseHubSpec } from './spec.js';
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
export async function resolveDatasetSource(spec, options = {}) {
    const hub = parseHubSpec(spec);
    if (!hub)
        return { path: resolve(options.cwd ?? process.cwd(), spec) };
    let selection;
    let chosen = null;
    const { selection: wanted, cwd: _cwd, ...rest } = options;
    const selector = wanted
        ? hubRowSelector(wanted, (picked) => {
            selection = picked;
        })
        : undefined;
    const result = await materializeHubDataset(hub, {
        ...rest,
        ...(selector
            ? {
                selectRows: async (metadataPath) => {
                    chosen = await selector(metadataPath);
                    return chosen;
                },
            }
            : {}),
    });
    const files = result.files.map((file) => ({ path: file.path, etag: file.etag, size: file.size }));
    const provenance = {
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
        ...(selection ? { selection: selection } : {}),
    };
    const path = chosen && selection ? await writeSelectedMetadata(result.metadataPath, chosen, hashValue(selection)) : result.root;
    return { path, provenance, hub: result, ...(selection ? { selection } : {}) };
}
/** `metadata.selected-<hash>.csv` next to metadata.csv, with the chosen rows in file order. */
async function writeSelectedMetadata(metadataPath, chosen, tag) {
    const out = join(dirname(metadataPath), `metadata.selected-${tag}.csv`);
    async function* selected() {
        for await (const row of readCsvRows(metadataPath))
            if (chosen.has(row['image_path'] ?? ''))
                yield row;
    }
    await writeCsvFile(out, await readCsvHeader(metadataPath), selected());
    return out;
}
//# sourceMappingURL=source.js.map