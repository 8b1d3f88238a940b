import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileSize } from './cache.js';
import { HubDatasetError } from './errors.js';
import { TransferTracker } from './progress.js';
/**
 * Make one repo file available in the cache, downloading it if needed.
 *
 * Why not `downloadFileToCacheDir` from @huggingface/hub: it restarts interrupted downloads from
 * zero, does not check the bytes against the hub's hash and reports no progress. This function
 * keeps the same cache layout (`blobs/<etag>`, `blobs/<etag>.incomplete`,
 * `snapshots/<sha>/<path>`) so the Python client resumes our partial files and vice versa.
 */
export async function ensureRepoFile(ctx, file) {
    const blob = ctx.cache.blobPath(file.etag);
    const have = await fileSize(blob);
    if (have === file.size) {
        return { pointer: await ctx.cache.linkPointer(ctx.sha, file), blob, fetchedBytes: 0, cached: true };
    }
    if (have !== null) {
        // A blob of the wrong size can only be damage (blobs are named by content hash).
        ctx.onProgress?.({ type: 'warning', message: `cached ${file.path} has ${have} bytes instead of ${file.size}; downloading it again` });
        await rm(blob, { force: true });
    }
    if (ctx.offline) {
        throw new HubDatasetError('offline-missing', `offline mode: hf:${ctx.repo}@${ctx.sha} file '${file.path}' is not in the cache (${ctx.cache.cacheDir}). ` +
            `Run once online (unset HF_HUB_OFFLINE / drop --offline), e.g. \`semibench dataset fetch hf:${ctx.repo}@${ctx.sha}\`.`);
    }
    const fetchedBytes = await downloadBlob(ctx, file, blob);
    return { pointer: await ctx.cache.linkPointer(ctx.sha, file), blob, fetchedBytes, cached: false };
}
export function resolveUrl(endpoint, repo, sha, path) {
    return `${endpoint}/datasets/${repo}/resolve/${sha}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
/** A fresh hasher for the kind of id the hub gives for this file. */
export function createFileHasher(file) {
    if (file.lfs)
        return createHash('sha256');
    // git blob id: sha1 over "blob <size>\0" followed by the content.
    return createHash('sha1').update(`blob ${file.size}\0`);
}
async function downloadBlob(ctx, file, blob) {
    const partial = `${blob}.incomplete`;
    await mkdir(dirname(blob), { recursive: true });
    let received = 0;
    let restartedClean = false;
    for (let attempt = 0;; attempt++) {
        const startSize = (await fileSize(partial)) ?? 0;
        try {
            received += await fetchInto(ctx, file, partial, startSize);
        }
        catch (error) {
            if (ctx.signal?.aborted)
                throw error;
            const retriable = error instanceof HubDatasetError && error.code === 'network';
            if (retriable && attempt < ctx.retries) {
                await sleep(Math.min(4000, 500 * 2 ** attempt), ctx.signal);
                continue;
            }
            if (error instanceof HubDatasetError && error.code === 'network') {
                throw new HubDatasetError('network', `${error.message}. Run the command again to resume the download.`, { cause: error });
            }
            throw error;
        }
        const size = (await fileSize(partial)) ?? 0;
        const digest = await hashFile(file, partial);
        if (size === file.size && digest === file.etag) {
            await rename(partial, blob);
            return received;
        }
        await rm(partial, { force: true });
        // A resumed file can only mismatch if the earlier part was damaged: start over once.
        if (startSize > 0 && !restartedClean) {
            restartedClean = true;
            ctx.onProgress?.({ type: 'warning', message: `${file.path}: resumed download failed verification; downloading it again from the start` });
            continue;
        }
        throw new HubDatasetError('integrity', `downloaded ${file.path} does not match the hub's ${file.lfs ? 'sha256' : 'git sha1'} (expected ${file.etag}, got ${digest}, ` +
            `${size} of ${file.size} bytes). The partial file was removed; run the command again to retry.`);
    }
}
/** One HTTP attempt, appending to `partial` from `startSize`. Returns the bytes received. */
async function fetchInto(ctx, file, partial, startSize) {
    if (startSize > file.size) {
        await rm(partial, { force: true });
        startSize = 0;
    }
    if (startSize === file.size)
        return 0;
    const url = resolveUrl(ctx.endpoint, ctx.repo, ctx.sha, file.path);
    const headers = { 'Accept-Encoding': 'identity' };
    if (ctx.token)
        headers['Authorization'] = `Bearer ${ctx.token}`;
    if (startSize > 0)
        headers['Range'] = `bytes=${startSize}-`;
    let response;
    try {
        response = await ctx.fetch(url, { headers, redirect: 'follow', ...(ctx.signal ? { signal: ctx.signal } : {}) });
    }
    catch (error) {
        throw new HubDatasetError('network', `cannot reach ${ctx.endpoint} for ${file.path}: ${describe(error)}`, { cause: error });
    }
    let offset = startSize;
    if (response.status === 206) {
        const start = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
        if (start === undefined || Number(start) !== startSize) {
            await response.body?.cancel();
            await rm(partial, { force: true });
            throw new HubDatasetError('network', `${file.path}: the server answered a resume request with the wrong range; retrying from the start`);
        }
    }
    else if (response.status === 200) {
        offset = 0; // the server ignored Range: start over
    }
    else if (response.status === 416 && startSize > 0) {
        await response.body?.cancel();
        await rm(partial, { force: true });
        throw new HubDatasetError('network', `${file.path}: the partial download is longer than the file; retrying from the start`);
    }
    else {
        await response.body?.cancel();
        throw httpError(ctx, file.path, response);
    }
    if (!response.body)
        throw new HubDatasetError('network', `${file.path}: empty response from ${ctx.endpoint}`);
    const handle = await open(partial, offset === 0 ? 'w' : 'a');
    const tracker = new TransferTracker('download', file.path, file.size, ctx.onProgress, offset);
    let written = offset;
    try {
        for await (const chunk of response.body) {
            await writeAll(handle, chunk);
            written += chunk.length;
            tracker.update(written);
        }
    }
    catch (error) {
        if (ctx.signal?.aborted)
            throw error;
        throw new HubDatasetError('network', `download of ${file.path} was interrupted after ${written} of ${file.size} bytes: ${describe(error)}`, { cause: error });
    }
    finally {
        await handle.close();
    }
    tracker.done(written);
    return written - offset;
}
export function httpError(ctx, what, response) {
    const code = response.headers.get('x-error-code');
    if (response.status === 401 || response.status === 403) {
        return new HubDatasetError('auth', `access to hf:${ctx.repo} was refused (${response.status}) while reading ${what}. If the dataset is gated or private, ` +
            `accept its terms on the hub and set HF_TOKEN to a read token of an account with access.`);
    }
    if (response.status === 404) {
        const detail = code === 'RevisionNotFound' ? 'revision not found' : code === 'EntryNotFound' ? 'file not found' : code === 'RepoNotFound' ? 'repository not found (or private: set HF_TOKEN)' : 'not found';
        return new HubDatasetError('not-found', `hf:${ctx.repo}: ${what}: ${detail} (404 from ${ctx.endpoint})`);
    }
    return new HubDatasetError('http', `hf:${ctx.repo}: ${what}: HTTP ${response.status} from ${ctx.endpoint}`);
}
async function writeAll(handle, chunk) {
    let done = 0;
    while (done < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, done, chunk.length - done);
        done += bytesWritten;
    }
}
/** Hash a whole file with the file's hub hash (sha256 for LFS, git blob sha1 otherwise). */
export async function hashFile(file, path, onProgress) {
    const hash = createFileHasher(file);
    const tracker = onProgress ? new TransferTracker('verify', file.path, file.size, onProgress) : undefined;
    let bytes = 0;
    for await (const chunk of createReadStream(path)) {
        hash.update(chunk);
        bytes += chunk.length;
        tracker?.update(bytes);
    }
    tracker?.done(bytes);
    return hash.digest('hex');
}
function describe(error) {
    if (error instanceof Error) {
        const cause = error.cause;
        return cause instanceof Error && cause.message !== error.message ? `${error.message} (${cause.message})` : error.message;
    }
    return String(error);
}
function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
        }, { once: true });
    });
}
//# sourceMappingURL=download.js.map