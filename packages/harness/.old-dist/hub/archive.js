import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, delimiter, dirname, join, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import unbzip2 from 'unbzip2-stream';
import { writeFileAtomic } from './cache.js';
import { HubDatasetError } from './errors.js';
import { TransferTracker } from './progress.js';
/** Archive formats recognised in dataset repositories (the Semi-Truths releases use .tar.bz2). */
const ARCHIVE_RE = /\.(tar\.bz2|tbz2|tbz|tar\.gz|tgz|tar)$/i;
export function isArchivePath(path) {
    return ARCHIVE_RE.test(path);
}
/** The archive's file name without its archive extension (`original/images/ADE20K.tar.bz2` -> `ADE20K`). */
export function archiveStem(path) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return base.replace(ARCHIVE_RE, '');
}
let systemBzip2;
/** The first of lbzip2 (parallel) or bzip2 found on PATH, or null. */
export function findSystemBzip2() {
    systemBzip2 ??= (async () => {
        if (process.platform === 'win32')
            return null;
        for (const name of ['lbzip2', 'bzip2']) {
            for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
                if (!dir)
                    continue;
                const candidate = join(dir, name);
                try {
                    await access(candidate, constants.X_OK);
                    return candidate;
                }
                catch {
                    // not here
                }
            }
        }
        return null;
    })();
    return systemBzip2;
}
/**
 * Validate a tar member name and return its safe relative form, or null for the archive root.
 * Absolute paths, drive letters, `..` segments and NUL bytes are refused: a dataset archive has
 * no business writing outside its own folder. Backslashes count as separators so a name that
 * would escape on Windows is refused everywhere.
 */
export function safeMemberName(name) {
    if (name.includes('\0'))
        throw new Error('contains a NUL byte');
    const unified = name.replace(/\\/g, '/');
    if (unified.startsWith('/') || /^[a-zA-Z]:/.test(unified))
        throw new Error('is an absolute path');
    const parts = unified.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.includes('..'))
        throw new Error("contains a '..' segment");
    return parts.length === 0 ? null : parts.join('/');
}
/**
 * Unpack an archive in one streaming pass (file -> decompressor -> tar parser -> files), writing
 * only regular files and folders. Links and device entries are refused, as are names that would
 * leave the destination. Nothing is visible at `destDir` unless the whole archive decoded
 * cleanly; the member list is saved next to it as `indexPath` (its presence marks completion).
 */
export async function extractArchive(params) {
    const existing = await readArchiveIndex(params.indexPath);
    if (existing)
        return existing;
    const total = (await stat(params.blobPath)).size;
    await removeStalePartials(params.destDir);
    const tmp = `${params.destDir}.partial-${randomUUID()}`;
    await rm(params.destDir, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    const tracker = new TransferTracker('extract', params.archivePath, total, params.onProgress);
    const entries = new Map();
    let readBytes = 0;
    const source = createReadStream(params.blobPath);
    const counter = new Transform({
        transform(chunk, _encoding, callback) {
            readBytes += chunk.length;
            tracker.update(readBytes, entries.size);
            callback(null, chunk);
        },
    });
    const extract = tar.extract();
    const decoderKind = await chooseDecoder(params.archivePath, params.decoder);
    let child;
    const destroyAll = () => {
        source.destroy();
        extract.destroy();
        child?.kill('SIGKILL');
    };
    const onAbort = () => destroyAll();
    params.signal?.addEventListener('abort', onAbort, { once: true });
    let feed;
    if (decoderKind.kind === 'system') {
        const proc = spawn(decoderKind.bin, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
        child = proc;
        let stderr = '';
        proc.stderr.setEncoding('utf8').on('data', (text) => {
            stderr += text;
        });
        const exited = new Promise((resolve, reject) => {
            proc.on('error', reject);
            proc.on('close', (code, signal) => {
                if (code === 0)
                    resolve();
                else
                    reject(new Error(`${decoderKind.bin} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no message'}`));
            });
        });
        // A decoder that dies early closes its stdin (EPIPE); its own exit status is the real error.
        const input = pipeline(source, counter, proc.stdin).catch(() => undefined);
        feed = Promise.all([exited, input, pipeline(proc.stdout, extract)]);
    }
    else {
        const decompress = decoderKind.kind === 'js' ? unbzip2() : decoderKind.kind === 'gzip' ? createGunzip() : new Transform({ transform: (c, _e, cb) => cb(null, c) });
        feed = pipeline(source, counter, decompress, extract);
    }
    let unsafe;
    const consume = (async () => {
        for await (const entry of extract) {
            const header = entry.header;
            let name;
            try {
                name = safeMemberName(header.name);
            }
            catch (error) {
                unsafe = new Error(`entry '${header.name}' ${error.message}`);
                throw unsafe;
            }
            const type = header.type ?? 'file';
            if (type === 'directory') {
                if (name !== null)
                    await mkdir(join(tmp, ...name.split('/')), { recursive: true });
                entry.resume();
                continue;
            }
            if (type !== 'file' && type !== 'contiguous-file') {
                const target = header.linkname ? ` -> '${header.linkname}'` : '';
                unsafe = new Error(`entry '${header.name}' is a ${type}${target}; semibench only extracts regular files`);
                throw unsafe;
            }
            if (name === null) {
                unsafe = new Error(`entry '${header.name}' is a file without a name`);
                throw unsafe;
            }
            const target = join(tmp, ...name.split('/'));
            if (!target.startsWith(tmp + sep)) {
                unsafe = new Error(`entry '${header.name}' resolves outside the extraction folder`);
                throw unsafe;
            }
            await mkdir(join(target, '..'), { recursive: true });
            await pipeline(entry, createWriteStream(target));
            entries.set(name, header.size ?? 0);
        }
    })();
    const [fed, consumed] = await Promise.allSettled([feed, consume.finally(() => (unsafe ? destroyAll() : undefined))]);
    params.signal?.removeEventListener('abort', onAbort);
    if (fed.status === 'rejected' || consumed.status === 'rejected') {
        destroyAll();
        await rm(tmp, { recursive: true, force: true });
        if (params.signal?.aborted)
            throw params.signal.reason;
        if (unsafe) {
            throw new HubDatasetError('unsafe-archive', `archive ${params.archivePath} was refused: ${unsafe.message}. Nothing from it was used; the dataset repository is unsafe or damaged.`);
        }
        const reason = fed.status === 'rejected' ? fed.reason : consumed.status === 'rejected' ? consumed.reason : undefined;
        throw new HubDatasetError('corrupt-archive', `archive ${params.archivePath} is corrupt: ${reason?.message ?? String(reason)}`, { cause: reason });
    }
    tracker.done(total, entries.size);
    const index = {
        version: 1,
        archive: params.archivePath,
        etag: params.etag,
        entries: [...entries].map(([name, bytes]) => ({ name, size: bytes })),
    };
    try {
        await rename(tmp, params.destDir);
    }
    catch (error) {
        // Another process finished the same archive first: keep its copy.
        await rm(tmp, { recursive: true, force: true });
        const other = await readArchiveIndex(params.indexPath);
        if (other)
            return other;
        throw error;
    }
    await writeFileAtomic(params.indexPath, JSON.stringify(index));
    return index;
}
/** Half-extracted folders of a killed process (older than an hour, so a live extraction is left alone). */
async function removeStalePartials(destDir) {
    const parent = dirname(destDir);
    const prefix = `${basename(destDir)}.partial-`;
    let names;
    try {
        names = await readdir(parent);
    }
    catch {
        return;
    }
    for (const name of names) {
        if (!name.startsWith(prefix))
            continue;
        const path = join(parent, name);
        const info = await stat(path).catch(() => null);
        if (info && Date.now() - info.mtimeMs > 3_600_000)
            await rm(path, { recursive: true, force: true });
    }
}
export async function readArchiveIndex(path) {
    try {
        const parsed = JSON.parse(await readFile(path, 'utf8'));
        return parsed.version === 1 && Array.isArray(parsed.entries) ? parsed : null;
    }
    catch {
        return null;
    }
}
async function chooseDecoder(path, wanted) {
    const lower = path.toLowerCase();
    if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz'))
        return { kind: 'gzip' };
    if (lower.endsWith('.tar'))
        return { kind: 'none' };
    if (wanted === 'js')
        return { kind: 'js' };
    const bin = await findSystemBzip2();
    if (bin)
        return { kind: 'system', bin };
    if (wanted === 'system')
        throw new HubDatasetError('layout', 'no bzip2 or lbzip2 program found on PATH (decoder "system" was requested); install bzip2 or use the JavaScript decoder');
    return { kind: 'js' };
}
//# sourceMappingURL=archive.js.map