/**
 * Reading a submitted bundle safely: one streaming pass (gunzip → tar → files) into a fresh
 * folder, writing only regular files at checked names (no absolute paths, no `..`, no links or
 * devices, no name twice, within size and count caps), hashing every file as it is written, then
 * checking bundle.json against those hashes and against what its manifest.json says.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { safeMemberName } from '../hub/archive.js';
import { RUN_FILES } from '../run/files.js';
import { sha256, stableStringify } from '../util/hash.js';
import {
  BUNDLE_FILE,
  BUNDLE_FORMAT,
  BundleRejection,
  DEFAULT_BUNDLE_LIMITS,
  describeRun,
  parseManifest,
  type BundleFile,
  type BundleLimits,
  type BundleManifest,
  type OpenedBundle,
} from './bundle.js';

/** Extracts `path` into a new folder under `workDir`; returns the files written with their hashes. */
async function extractSafely(path: string, into: string, limits: BundleLimits): Promise<Map<string, BundleFile>> {
  const written = new Map<string, BundleFile>();
  let total = 0;
  const extract = tar.extract();
  const feed = pipeline(createReadStream(path), createGunzip(), extract);
  const consume = (async () => {
    for await (const entry of extract) {
      const { header } = entry;
      let name: string | null;
      try {
        name = safeMemberName(header.name);
      } catch (error) {
        throw new BundleRejection('unsafe-entry', `entry "${header.name}" ${(error as Error).message}`);
      }
      const type = header.type ?? 'file';
      if (type === 'directory') {
        entry.resume();
        continue;
      }
      if (type !== 'file' && type !== 'contiguous-file') {
        throw new BundleRejection('unsafe-entry', `entry "${header.name}" is a ${type}${header.linkname ? ` -> "${header.linkname}"` : ''}; a bundle holds only regular files`);
      }
      if (name === null) throw new BundleRejection('unsafe-entry', `entry "${header.name}" is a file without a name`);
      if (written.has(name)) throw new BundleRejection('unsafe-entry', `"${name}" appears twice in the archive; which one counts would be ambiguous`);
      if (written.size >= limits.maxFiles) throw new BundleRejection('unsafe-entry', `more than ${limits.maxFiles} files`);
      const target = join(into, ...name.split('/'));
      if (!target.startsWith(into + sep)) throw new BundleRejection('unsafe-entry', `entry "${header.name}" resolves outside the bundle folder`);
      await mkdir(join(target, '..'), { recursive: true });
      const hash = createHash('sha256');
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          total += chunk.length;
          if (total > limits.maxBytes) return done(new BundleRejection('unsafe-entry', `more than ${limits.maxBytes} bytes once unpacked`));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      // 'wx': never overwrite, so nothing already in the folder can be replaced through a name.
      await pipeline(entry, meter, createWriteStream(target, { flags: 'wx' }));
      written.set(name, { sha256: hash.digest('hex'), bytes });
    }
  })();
  const [fed, consumed] = await Promise.allSettled([feed, consume]);
  if (consumed.status === 'rejected') {
    extract.destroy();
    throw consumed.reason instanceof BundleRejection ? consumed.reason : new BundleRejection('unreadable', `cannot unpack: ${(consumed.reason as Error).message}`);
  }
  if (fed.status === 'rejected') throw new BundleRejection('unreadable', `not a gzip-compressed tar (${(fed.reason as Error).message})`);
  return written;
}

/** Every file bundle.json lists has exactly its hash and size; nothing else is in the archive. */
function checkHashes(bundle: BundleManifest, written: ReadonlyMap<string, BundleFile>): void {
  const listed = bundle.files ?? {};
  for (const required of [RUN_FILES.predictions, RUN_FILES.manifest]) {
    if (!written.has(required)) throw new BundleRejection('missing-file', `no ${required} in the bundle`);
    if (!listed[required]) throw new BundleRejection('hash-mismatch', `${BUNDLE_FILE} lists no hash for ${required}`);
  }
  for (const [name, want] of Object.entries(listed)) {
    const got = written.get(name);
    if (!got) throw new BundleRejection('missing-file', `${BUNDLE_FILE} lists ${name}, which is not in the archive`);
    if (got.sha256 !== want.sha256 || got.bytes !== want.bytes) {
      throw new BundleRejection('hash-mismatch', `${name} has sha256 ${got.sha256} (${got.bytes} bytes) but ${BUNDLE_FILE} says ${want.sha256} (${want.bytes} bytes): the file changed after bundling`);
    }
  }
  for (const name of written.keys()) {
    if (name !== BUNDLE_FILE && !listed[name]) throw new BundleRejection('hash-mismatch', `${name} is in the archive but not listed (with its hash) in ${BUNDLE_FILE}`);
  }
}

/**
 * Opens and checks a bundle; throws BundleRejection with a named reason. The caller removes
 * `dir` when done. Only structure and integrity are checked here: whether the bundle fits a
 * dataset is `checkPredictions`'s job.
 */
export async function openBundle(path: string, workDir: string, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): Promise<OpenedBundle> {
  await mkdir(workDir, { recursive: true });
  const dir = await mkdtemp(join(workDir, 'bundle-'));
  try {
    const written = await extractSafely(path, dir, limits);
    if (!written.has(BUNDLE_FILE)) throw new BundleRejection('missing-file', `no ${BUNDLE_FILE}; make bundles with \`semibench submit RUN --out FILE.tgz\``);
    const text = await readFile(join(dir, BUNDLE_FILE), 'utf8');
    let bundle: BundleManifest;
    try {
      bundle = JSON.parse(text) as BundleManifest;
    } catch (error) {
      throw new BundleRejection('unreadable', `${BUNDLE_FILE} is not JSON (${(error as Error).message})`);
    }
    if (bundle?.format !== BUNDLE_FORMAT) throw new BundleRejection('unknown-format', `${BUNDLE_FILE} has format "${String(bundle?.format)}"; this semibench reads ${BUNDLE_FORMAT}`);
    checkHashes(bundle, written);
    const manifest = parseManifest(await readFile(join(dir, RUN_FILES.manifest), 'utf8'), `${RUN_FILES.manifest} in the bundle`);
    const { semibench, ...derived } = describeRun(manifest);
    const { semibench: claimed, files: _files, ...said } = bundle;
    if (stableStringify(derived) !== stableStringify(said) || claimed?.run !== semibench.run) {
      throw new BundleRejection('inconsistent-bundle', `${BUNDLE_FILE} does not match the bundled ${RUN_FILES.manifest} (dataset, detectors, blind flags or run facts differ)`);
    }
    return { path, dir, bundle, manifest, id: sha256(text) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
