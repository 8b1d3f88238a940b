import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HubRepoCache, fileSize } from './cache.js';
import { isArchivePath, readArchiveIndex } from './archive.js';
import { readCsvRows } from './csv.js';
import { hashFile } from './download.js';
import { detectLayout } from './fullset.js';
import { loadTree, resolveCommit } from './repo.js';
import { resolveHubSettings } from './spec.js';
async function open(spec, options) {
    const settings = resolveHubSettings(options, options.env);
    const ctx = {
        spec,
        settings,
        cache: new HubRepoCache(settings.cacheDir, spec.repo),
        fetch: options.fetch ?? globalThis.fetch,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    };
    const sha = await resolveCommit(ctx);
    return { ctx, sha, tree: await loadTree(ctx, sha) };
}
/** What a dataset revision holds and how much of it is cached; downloads nothing but the file list. */
export async function describeHubDataset(spec, options = {}) {
    const { ctx, sha, tree } = await open(spec, options);
    const { cache, settings } = ctx;
    const detected = detectLayout(tree);
    const metadataPaths = new Set(detected?.metadata.map((file) => file.path) ?? []);
    const state = async (file) => ({ path: file.path, size: file.size, cached: await cache.hasBlob(file) });
    const metadata = [];
    const archives = [];
    const loose = { files: 0, bytes: 0, cached: 0 };
    for (const file of tree) {
        if (metadataPaths.has(file.path))
            metadata.push(await state(file));
        else if (isArchivePath(file.path))
            archives.push({ ...(await state(file)), extracted: (await readArchiveIndex(cache.extractedIndexPath(file.etag))) !== null });
        else {
            loose.files++;
            loose.bytes += file.size;
            if (await cache.hasBlob(file))
                loose.cached++;
        }
    }
    let metadataRows = null;
    const viewMetadata = join(cache.viewDir(sha), 'metadata.csv');
    const rowsSource = detected?.layout === 'evalset' && metadata[0]?.cached ? cache.blobPath(detected.metadata[0].etag) : (await fileSize(viewMetadata)) !== null ? viewMetadata : null;
    if (rowsSource) {
        metadataRows = 0;
        for await (const _row of readCsvRows(rowsSource))
            metadataRows++;
    }
    return {
        repo: spec.repo,
        revision: spec.revision,
        commitSha: sha,
        layout: detected?.layout ?? null,
        endpoint: settings.endpoint,
        cacheDir: settings.cacheDir,
        offline: settings.offline,
        files: tree.length,
        bytes: tree.reduce((sum, file) => sum + file.size, 0),
        metadata,
        archives,
        loose,
        metadataRows,
    };
}
/**
 * Re-hash every cached file of a revision against the hub's sha256 / git sha1 and check every
 * extracted archive against its member list. Works offline once the file list is cached.
 */
export async function verifyHubDataset(spec, options = {}) {
    const { ctx, sha, tree } = await open(spec, options);
    const { cache } = ctx;
    const report = { repo: spec.repo, commitSha: sha, checked: 0, ok: 0, absent: 0, extractedArchives: 0, problems: [] };
    for (const file of tree) {
        const blob = cache.blobPath(file.etag);
        const size = await fileSize(blob);
        if (size === null) {
            report.absent++;
        }
        else {
            report.checked++;
            const problem = size !== file.size ? `size ${size}, expected ${file.size}` : await hashMismatch(file, blob, options.onProgress);
            if (problem) {
                if (options.deleteCorrupt) {
                    await rm(blob, { force: true });
                    await rm(cache.pointerPath(sha, file.path), { force: true });
                }
                report.problems.push({ path: file.path, problem: `cached file ${blob}: ${problem}`, deleted: options.deleteCorrupt === true });
            }
            else {
                report.ok++;
            }
        }
        if (!isArchivePath(file.path))
            continue;
        const index = await readArchiveIndex(cache.extractedIndexPath(file.etag));
        if (!index)
            continue;
        report.extractedArchives++;
        const root = cache.extractedDir(file.etag);
        const bad = [];
        for (const entry of index.entries) {
            const actual = await fileSize(join(root, ...entry.name.split('/')));
            if (actual !== entry.size)
                bad.push(`${entry.name} (${actual === null ? 'missing' : `${actual} bytes, expected ${entry.size}`})`);
        }
        if (bad.length > 0) {
            if (options.deleteCorrupt) {
                await rm(root, { recursive: true, force: true });
                await rm(cache.extractedIndexPath(file.etag), { force: true });
            }
            report.problems.push({
                path: file.path,
                problem: `extracted folder ${root}: ${bad.length} damaged file(s), e.g. ${bad.slice(0, 3).join(', ')}`,
                deleted: options.deleteCorrupt === true,
            });
        }
    }
    return report;
}
async function hashMismatch(file, blob, onProgress) {
    const digest = await hashFile(file, blob, onProgress);
    return digest === file.etag ? null : `${file.lfs ? 'sha256' : 'git sha1'} ${digest}, expected ${file.etag}`;
}
//# sourceMappingURL=inspect.js.map