import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createHubProgressPrinter,
  HubDatasetError,
  hubRowSelector,
  loadDataset,
  materializeHubDataset,
  parseHubSpec,
  verifyHubDataset,
  describeHubDataset,
  type HubProgressEvent,
  type MaterializeOptions,
} from '@semibench/harness';
import { buildEvalsetRepoFiles, buildFullRepoFiles, FakeHub, listFilesRecursive, makeTarBz2, type FakeFile } from '../helpers/fake-hub.js';
import { readCsv } from '../helpers/csv.js';

const MINI = resolve(__dirname, '../../fixtures/semi-truths-mini');
const REPO = 'semi-truths/Semi-Truths-Evalset';

interface Row {
  image_id: string;
  image_path: string;
  mask_path: string;
  dataset: string;
}

function miniRows(): Row[] {
  return readCsv(join(MINI, 'metadata.csv')).map((r) => ({ image_id: r.image_id ?? '', image_path: r.image_path ?? '', mask_path: r.mask_path ?? '', dataset: r.dataset ?? '' }));
}

let archived: FakeFile[];
let loose: FakeFile[];
const tempDirs: string[] = [];
const hubs: FakeHub[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'semibench-hub-'));
  tempDirs.push(dir);
  return dir;
}

async function startHub(files: FakeFile[], options: { pageSize?: number; requiredToken?: string; repo?: string } = {}): Promise<FakeHub> {
  const hub = await FakeHub.start([{ repo: options.repo ?? REPO, files }], { pageSize: options.pageSize ?? 7, ...(options.requiredToken ? { requiredToken: options.requiredToken } : {}) });
  hubs.push(hub);
  return hub;
}

function opts(hub: FakeHub | { url: string }, cacheDir: string, extra: Partial<MaterializeOptions> = {}): MaterializeOptions {
  // env: {} keeps the machine's HF_* variables out of the tests.
  return { endpoint: hub.url, cacheDir, env: {}, retries: 0, decoder: 'auto', ...extra };
}

const spec = (revision = 'main') => ({ repo: REPO, revision });

beforeAll(() => {
  archived = buildEvalsetRepoFiles(MINI, { archives: true, include: (p) => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/') });
  loose = buildEvalsetRepoFiles(MINI, { archives: false, include: (p) => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/') });
});

afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function expectViewMatchesMini(root: string, rows: readonly Row[]): void {
  for (const row of rows) {
    const local = join(root, ...row.image_path.split('/'));
    expect(existsSync(local), `${row.image_path} in the view`).toBe(true);
    expect(readFileSync(local).equals(readFileSync(join(MINI, row.image_path))), `${row.image_path} bytes`).toBe(true);
  }
}

describe('parseHubSpec', () => {
  it('parses hf: specs with and without revision, and rejects malformed ones', () => {
    expect(parseHubSpec('hf:semi-truths/Semi-Truths-Evalset')).toEqual({ repo: REPO, revision: 'main' });
    expect(parseHubSpec('hf:semi-truths/Semi-Truths-Evalset@2bca76f96d10891331a331cfcb97bce661e81d84')).toEqual({ repo: REPO, revision: '2bca76f96d10891331a331cfcb97bce661e81d84' });
    expect(parseHubSpec('hf://datasets/semi-truths/Semi-Truths@refs/pr/1')).toEqual({ repo: 'semi-truths/Semi-Truths', revision: 'refs/pr/1' });
    expect(parseHubSpec('./fixtures/semi-truths-mini')).toBeNull();
    expect(() => parseHubSpec('hf:no-slash')).toThrow(/hf:OWNER\/NAME/);
    expect(() => parseHubSpec('hf:a/b@')).toThrow(/revision/);
    expect(() => parseHubSpec('hf://models/a/b')).toThrow(/dataset/);
  });
});

describe('materializeHubDataset against a fake hub (eval-set layout, tar.bz2 shards)', () => {
  it('fetches metadata then every archive the rows need, and builds a loadable view', async () => {
    const hub = await startHub(archived);
    const cacheDir = tempDir();
    const events: HubProgressEvent[] = [];
    const result = await materializeHubDataset(spec(), opts(hub, cacheDir, { onProgress: (e) => events.push(e) }));
    const rows = miniRows();

    expect(result.commitSha).toBe(hub.shaOf(REPO));
    expect(result.layout).toBe('evalset');
    expect(result.missing).toEqual([]);
    expect(readFileSync(result.metadataPath).equals(readFileSync(join(MINI, 'metadata.csv')))).toBe(true);
    expectViewMatchesMini(result.root, rows);

    // Metadata first, then the 6 image archives and the 6 inpainting archives; masks were not asked for.
    const fetchedPaths = hub.resolveRequests().map((r) => r.file);
    expect(fetchedPaths[0]).toBe('metadata.csv');
    const expectedArchives = [...new Set(rows.map((r) => `${r.image_path.startsWith('original') ? 'original/images' : 'inpainting'}/${r.dataset}.tar.bz2`))].sort();
    expect(fetchedPaths.slice(1).sort()).toEqual(expectedArchives);
    expect(result.fetched.files).toBe(1 + expectedArchives.length);
    expect(result.fetched.bytes).toBe(['metadata.csv', ...expectedArchives].reduce((sum, p) => sum + hub.fileOf(REPO, p).length, 0));
    expect(result.cached).toEqual({ files: 0, bytes: 0 });
    expect(result.extracted).toBe(expectedArchives.length);
    expect(result.files.map((f) => f.path).sort()).toEqual(['metadata.csv', ...expectedArchives].sort());

    // The tree listing was paginated (page size 7) and followed to the end.
    const treeRequests = hub.requests.filter((r) => r.url.includes('/tree/'));
    expect(treeRequests.length).toBeGreaterThan(2);
    expect(treeRequests.some((r) => r.url.includes('cursor='))).toBe(true);

    // Progress: download and extract events with sizes, a rate and an ETA field, and a summary.
    const done = events.filter((e): e is Extract<HubProgressEvent, { type: 'transfer' }> => e.type === 'transfer' && e.state === 'done');
    expect(done.filter((e) => e.phase === 'download')).toHaveLength(1 + expectedArchives.length);
    expect(done.filter((e) => e.phase === 'extract')).toHaveLength(expectedArchives.length);
    for (const e of done) expect(e.bytes).toBe(e.total);
    expect(events.at(-1)).toMatchObject({ type: 'summary', fetched: { files: 1 + expectedArchives.length }, missing: 0 });

    // Python-compatible cache layout: blobs named by etag, snapshot symlinks, refs/main.
    const repoDir = join(cacheDir, 'datasets--semi-truths--Semi-Truths-Evalset');
    expect(readFileSync(join(repoDir, 'refs', 'main'), 'utf8')).toBe(result.commitSha);
    const snapshotMeta = join(repoDir, 'snapshots', result.commitSha, 'metadata.csv');
    expect(readFileSync(snapshotMeta).equals(readFileSync(join(MINI, 'metadata.csv')))).toBe(true);
    expect(existsSync(join(repoDir, 'blobs', hub.etagOf(REPO, 'original/images/ADE20K.tar.bz2')))).toBe(true);

    // The lead's loader reads the view as a local dataset, and every row's file exists.
    const dataset = await loadDataset(result.root);
    expect(dataset.rows).toHaveLength(rows.length);
    for (const row of dataset.rows) expect(existsSync(row.path)).toBe(true);
  });

  it('re-runs offline with zero requests, pinned to the sha or through refs/main', async () => {
    const hub = await startHub(archived);
    const cacheDir = tempDir();
    const first = await materializeHubDataset(spec(), opts(hub, cacheDir));
    const before = hub.requests.length;
    await hub.close();

    // Pinned sha, not even flagged offline: nothing to ask (the hub is down anyway).
    const pinned = await materializeHubDataset(spec(first.commitSha), opts(hub, cacheDir));
    expect(pinned.root).toBe(first.root);
    expect(pinned.fetched).toEqual({ files: 0, bytes: 0 });
    expect(pinned.cached).toEqual(first.fetched);
    expect(pinned.files).toEqual(first.files);
    expectViewMatchesMini(pinned.root, miniRows());

    // A branch name offline: resolved through the cache's refs/main, as the Python client does.
    const offline = await materializeHubDataset(spec('main'), { ...opts(hub, cacheDir), env: { HF_HUB_OFFLINE: '1' } });
    expect(offline.commitSha).toBe(first.commitSha);
    expect(hub.requests.length).toBe(before);
    // Linking the view again onto the same cache blobs leaves no temporary file behind.
    expect(listFilesRecursive(first.root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('offline without a cache fails with a message that says how to fix it', async () => {
    const cacheDir = tempDir();
    const error = await materializeHubDataset(spec(), opts({ url: 'http://127.0.0.1:9' }, cacheDir, { offline: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubDatasetError);
    expect((error as HubDatasetError).code).toBe('offline-missing');
    expect((error as Error).message).toMatch(/never been resolved.*Run once online/s);
  });

  it('downloads only the archives holding the selected rows, and adds more later', async () => {
    const hub = await startHub(archived);
    const cacheDir = tempDir();
    const rows = miniRows();
    const ade = rows.filter((r) => r.dataset === 'ADE20K');
    const first = await materializeHubDataset(spec(), opts(hub, cacheDir, { selectRows: async () => new Set(ade.map((r) => r.image_path)), masks: true }));
    expect(first.selectedRows).toBe(ade.length);
    expect(hub.resolveRequests().map((r) => r.file).sort()).toEqual(['inpainting/ADE20K.tar.bz2', 'metadata.csv', 'original/images/ADE20K.tar.bz2', 'original/masks/ADE20K.tar.bz2']);
    expectViewMatchesMini(first.root, ade);
    for (const row of ade.filter((r) => r.mask_path)) {
      expect(readFileSync(join(first.root, row.mask_path)).equals(readFileSync(join(MINI, row.mask_path)))).toBe(true);
    }
    expect(existsSync(join(first.root, rows.find((r) => r.dataset === 'CelebAHQ')!.image_path))).toBe(false);

    // A seeded sample of 5 through the selector: only the archives of the sampled rows' datasets are added.
    const requestsBefore = hub.resolveRequests().length;
    const second = await materializeHubDataset(spec(first.commitSha), opts(hub, cacheDir, { selectRows: hubRowSelector({ sample: 5, stratify: 'label', seed: 3 }) }));
    expect(second.selectedRows).toBe(5);
    const added = hub.resolveRequests().slice(requestsBefore).map((r) => r.file);
    expect(added).not.toContain('metadata.csv');
    expect(added).not.toContain('original/images/ADE20K.tar.bz2');
    expect(second.missing).toEqual([]);
  });

  it('resumes an interrupted download from where it stopped', async () => {
    const hub = await startHub(archived);
    const cacheDir = tempDir();
    const target = 'inpainting/CityScapes.tar.bz2';
    const size = hub.fileOf(REPO, target).length;
    hub.cutNext(target, 40_000);
    const cityscapes = new Set(miniRows().filter((r) => r.dataset === 'CityScapes' && r.image_path.startsWith('inpainting')).map((r) => r.image_path));
    const options = opts(hub, cacheDir, { selectRows: async () => cityscapes });

    const error = await materializeHubDataset(spec(), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubDatasetError);
    expect((error as HubDatasetError).code).toBe('network');
    expect((error as Error).message).toContain(target);
    expect((error as Error).message).toMatch(/resume/);
    const partial = join(cacheDir, 'datasets--semi-truths--Semi-Truths-Evalset', 'blobs', `${hub.etagOf(REPO, target)}.incomplete`);
    const kept = statSync(partial).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(40_000);

    const result = await materializeHubDataset(spec(), options);
    expect(result.missing).toEqual([]);
    const downloads = hub.resolveRequests().filter((r) => r.file === target);
    expect(downloads).toHaveLength(2);
    expect(downloads[0]!.range).toBeUndefined();
    expect(downloads[1]!.range).toBe(`bytes=${kept}-`);
    expect(downloads[1]!.status).toBe(206);
    expect(downloads[1]!.bytesSent).toBe(size - kept);
    expect(existsSync(partial)).toBe(false);
    expectViewMatchesMini(result.root, miniRows().filter((r) => cityscapes.has(r.image_path)));
  });

  it('retries a dropped connection by itself, resuming with a Range request', async () => {
    const hub = await startHub(archived);
    const target = 'original/images/SUN_RGBD.tar.bz2';
    hub.cutNext(target, 10_000);
    const rows = new Set(miniRows().filter((r) => r.dataset === 'SUN_RGBD' && r.image_path.startsWith('original')).map((r) => r.image_path));
    const events: HubProgressEvent[] = [];
    // The pure-JavaScript bzip2 decoder here, the system one elsewhere: both must extract the same files.
    const result = await materializeHubDataset(spec(), opts(hub, tempDir(), { retries: 2, decoder: 'js', selectRows: async () => rows, onProgress: (e) => events.push(e) }));
    expectViewMatchesMini(result.root, miniRows().filter((r) => rows.has(r.image_path)));
    expect(result.missing).toEqual([]);
    const downloads = hub.resolveRequests().filter((r) => r.file === target);
    expect(downloads.map((r) => r.range)).toEqual([undefined, expect.stringMatching(/^bytes=\d+-$/)]);
    expect(events.some((e) => e.type === 'transfer' && e.phase === 'download' && e.path === target && (e.resumedFrom ?? 0) > 0)).toBe(true);
  });

  for (const decoder of ['js', 'system'] as const) {
    it(`rejects an archive that is corrupt on the hub, naming it (${decoder} bzip2)`, async () => {
      const bad = 'original/images/ADE20K.tar.bz2';
      const files = archived.map((f) => (f.path === bad ? { ...f, data: f.data.subarray(0, Math.floor(f.data.length / 2)) } : f));
      const hub = await startHub(files);
      const cacheDir = tempDir();
      const ade = new Set(miniRows().filter((r) => r.dataset === 'ADE20K' && r.image_path.startsWith('original')).map((r) => r.image_path));
      const error = await materializeHubDataset(spec(), opts(hub, cacheDir, { decoder, selectRows: async () => ade })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubDatasetError);
      expect((error as HubDatasetError).code).toBe('corrupt-archive');
      const message = (error as Error).message;
      expect(message).toContain(`archive ${bad} is corrupt`);
      expect(message).toMatch(/damaged on the hub itself/);
      expect(message).toContain(`semibench dataset fetch hf:${REPO}@${hub.shaOf(REPO)}`);
      // Nothing half-extracted is left behind.
      const extracted = join(cacheDir, 'datasets--semi-truths--Semi-Truths-Evalset', 'semibench', 'extracted');
      expect(existsSync(extracted) ? readdirSync(extracted) : []).toEqual([]);
    });
  }

  it('detects a cached archive damaged on disk, deletes it and re-fetches it on the next run', async () => {
    const hub = await startHub(archived);
    const cacheDir = tempDir();
    const edited = miniRows().find((r) => r.image_path.startsWith('inpainting'))!.dataset;
    const target = `inpainting/${edited}.tar.bz2`;
    const rows = new Set(miniRows().filter((r) => r.dataset === edited && r.image_path.startsWith('inpainting')).map((r) => r.image_path));
    // First a download-only pass: fetch, then damage the blob in place (same size) before extraction
    // by pre-seeding the blob from the hub's bytes.
    const repoDir = join(cacheDir, 'datasets--semi-truths--Semi-Truths-Evalset');
    const etag = hub.etagOf(REPO, target);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(repoDir, 'blobs'), { recursive: true });
    const damaged = Buffer.from(hub.fileOf(REPO, target));
    damaged.fill(0x55, 1000, 3000);
    writeFileSync(join(repoDir, 'blobs', etag), damaged);

    const error = await materializeHubDataset(spec(), opts(hub, cacheDir, { selectRows: async () => rows })).catch((e: unknown) => e);
    expect((error as HubDatasetError).code).toBe('corrupt-archive');
    expect((error as Error).message).toContain(`archive ${target} is corrupt`);
    expect((error as Error).message).toMatch(/damaged on disk; it has been deleted\. Re-fetch it with `semibench dataset fetch hf:semi-truths\/Semi-Truths-Evalset@[0-9a-f]{40}`/);
    expect(existsSync(join(repoDir, 'blobs', etag))).toBe(false);
    expect(hub.resolveRequests().filter((r) => r.file === target)).toHaveLength(0);

    const result = await materializeHubDataset(spec(), opts(hub, cacheDir, { selectRows: async () => rows }));
    expect(result.missing).toEqual([]);
    expect(hub.resolveRequests().filter((r) => r.file === target)).toHaveLength(1);
    expectViewMatchesMini(result.root, miniRows().filter((r) => rows.has(r.image_path)));
  });

  it('refuses a tar entry that escapes the extraction folder, and link entries', async () => {
    const cases: { name: string; members: Parameters<typeof makeTarBz2>[0][number]['members']; expected: RegExp }[] = [
      { name: 'traversal', members: [{ name: 'ADE20K/ok.jpg', data: Buffer.from('ok') }, { name: '../../../../../../escaped-by-test.txt', data: Buffer.from('owned') }], expected: /entry '\.\.\/\.\.\/.*escaped-by-test\.txt' contains a '\.\.' segment/ },
      { name: 'absolute', members: [{ name: '/tmp/escaped-by-test-abs.txt', data: Buffer.from('owned') }], expected: /is an absolute path/ },
      { name: 'symlink', members: [{ name: 'ADE20K/link.jpg', type: 'symlink', linkname: '/etc/passwd' }], expected: /is a symlink -> '\/etc\/passwd'/ },
      { name: 'hardlink', members: [{ name: 'ADE20K/hard.jpg', type: 'hardlink', linkname: '../../outside' }], expected: /is a link/ },
    ];
    const built = makeTarBz2(cases.map((c) => ({ members: c.members })));
    for (const [i, c] of cases.entries()) {
      const files = archived.map((f) => (f.path === 'original/images/ADE20K.tar.bz2' ? { ...f, data: built[i] as Buffer } : f));
      const hub = await startHub(files);
      const root = tempDir();
      const cacheDir = join(root, 'cache');
      const ade = new Set(miniRows().filter((r) => r.dataset === 'ADE20K' && r.image_path.startsWith('original')).map((r) => r.image_path));
      const error = await materializeHubDataset(spec(), opts(hub, cacheDir, { selectRows: async () => ade })).catch((e: unknown) => e);
      expect((error as HubDatasetError).code, c.name).toBe('unsafe-archive');
      expect((error as Error).message, c.name).toMatch(c.expected);
      expect((error as Error).message).toContain('original/images/ADE20K.tar.bz2');
      // Nothing was written outside the cache, and nothing of the archive stays inside it.
      expect(listFilesRecursive(root).filter((p) => p.includes('escaped-by-test') || p.includes('/extracted/'))).toEqual([]);
      expect(existsSync('/tmp/escaped-by-test-abs.txt')).toBe(false);
    }
  });

  it('sends the token as a bearer header and never writes it anywhere', async () => {
    const token = 'hf_testTokenThatMustNotLeak0123456789';
    const hub = await startHub(archived, { requiredToken: token });
    const cacheDir = tempDir();

    const denied = await materializeHubDataset(spec(), opts(hub, cacheDir)).catch((e: unknown) => e);
    expect((denied as HubDatasetError).code).toBe('auth');
    expect((denied as Error).message).toMatch(/HF_TOKEN/);

    const wrong = await materializeHubDataset(spec(), { ...opts(hub, cacheDir), env: { HF_TOKEN: 'hf_wrongToken' } }).catch((e: unknown) => e);
    expect((wrong as Error).message).not.toContain('hf_wrongToken');

    const events: HubProgressEvent[] = [];
    hub.requests.length = 0;
    const result = await materializeHubDataset(spec(), { ...opts(hub, cacheDir), env: { HF_TOKEN: token }, onProgress: (e) => events.push(e) });
    expect(result.missing).toEqual([]);
    expect(hub.requests.length).toBeGreaterThan(10);
    for (const request of hub.requests) expect(request.authorization, request.url).toBe(`Bearer ${token}`);

    const leaks = listFilesRecursive(cacheDir).filter((p) => readFileSync(join(cacheDir, p)).includes(token));
    expect(leaks).toEqual([]);
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(result)).not.toContain(token);
    const info = await describeHubDataset(spec(), { ...opts(hub, cacheDir), env: { HF_TOKEN: token } });
    expect(JSON.stringify(info)).not.toContain(token);
  });

  it('works the same with loose files (no archives)', async () => {
    const hub = await startHub(loose);
    const result = await materializeHubDataset(spec(), opts(hub, tempDir()));
    const rows = miniRows();
    expect(result.missing).toEqual([]);
    expect(result.extracted).toBe(0);
    expect(result.fetched.files).toBe(1 + rows.length);
    expectViewMatchesMini(result.root, rows);
  });

  it('verify re-hashes the cache and finds a damaged blob', async () => {
    const hub = await startHub(loose);
    const cacheDir = tempDir();
    const first = await materializeHubDataset(spec(), opts(hub, cacheDir));
    const clean = await verifyHubDataset(spec(first.commitSha), opts(hub, cacheDir));
    expect(clean.problems).toEqual([]);
    expect(clean.checked).toBe(first.fetched.files);
    expect(clean.ok).toBe(first.fetched.files);

    const victim = miniRows()[0]!.image_path;
    const blob = join(cacheDir, 'datasets--semi-truths--Semi-Truths-Evalset', 'blobs', hub.etagOf(REPO, victim));
    const fd = openSync(blob, 'r+');
    writeSync(fd, Buffer.from([0xff, 0x00, 0xff]), 0, 3, 100);
    closeSync(fd);
    const report = await verifyHubDataset(spec(first.commitSha), { ...opts(hub, cacheDir), deleteCorrupt: true });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ path: victim, deleted: true });
    expect(report.problems[0]!.problem).toMatch(/sha256 [0-9a-f]{64}, expected [0-9a-f]{64}/);
    expect(existsSync(blob)).toBe(false);
  });
});

describe('createHubProgressPrinter', () => {
  const transfer = (state: 'start' | 'progress' | 'done', bytes: number, total: number, path = 'inpainting/ADE20K.tar.bz2'): HubProgressEvent => ({
    type: 'transfer',
    phase: 'download',
    state,
    path,
    bytes,
    total,
    rate: state === 'start' ? 0 : 2_000_000,
    etaSeconds: state === 'done' ? 0 : state === 'start' ? null : (total - bytes) / 2_000_000,
  });

  it('writes start/done lines (not every progress tick) to a log, and skips small files', () => {
    const lines: string[] = [];
    const print = createHubProgressPrinter({ write: (text: string) => lines.push(text), isTTY: false }, { logEveryMs: 60_000 });
    print(transfer('start', 0, 5_000_000));
    print(transfer('progress', 1_000_000, 5_000_000));
    print(transfer('done', 5_000_000, 5_000_000));
    print(transfer('start', 0, 20_000, 'metadata.csv'));
    print(transfer('done', 20_000, 20_000, 'metadata.csv'));
    print({ type: 'summary', fetched: { files: 2, bytes: 5_020_000 }, cached: { files: 0, bytes: 0 }, extracted: 1, missing: 0 });
    expect(lines).toEqual([
      'download inpainting/ADE20K.tar.bz2 (5.0 MB)\n',
      'download inpainting/ADE20K.tar.bz2: done, 5.0 MB at 2.0 MB/s\n',
      'fetched 2 file(s), 5.0 MB; cached 0 file(s), 0 B; 1 archive(s) extracted\n',
    ]);
  });

  it('redraws one line on a terminal, with bytes, rate and ETA', () => {
    const out: string[] = [];
    const print = createHubProgressPrinter({ write: (text: string) => out.push(text), isTTY: true });
    print(transfer('start', 0, 5_000_000));
    print(transfer('progress', 1_000_000, 5_000_000));
    print(transfer('done', 5_000_000, 5_000_000));
    expect(out[0]).toBe('\r\x1b[2Kdownload inpainting/ADE20K.tar.bz2  20% 1.0 MB / 5.0 MB 2.0 MB/s ETA 2s');
    expect(out.slice(1)).toEqual(['\r\x1b[2K', 'download inpainting/ADE20K.tar.bz2: done, 5.0 MB at 2.0 MB/s\n']);
  });
});

describe('materializeHubDataset: full-release layout', () => {
  it('joins metadata/edited/*.csv into the eval-set schema and finds images in numbered shards', async () => {
    const hub = await startHub(buildFullRepoFiles(MINI), { repo: 'semi-truths/Semi-Truths' });
    const events: HubProgressEvent[] = [];
    const result = await materializeHubDataset({ repo: 'semi-truths/Semi-Truths', revision: 'main' }, opts(hub, tempDir(), { onProgress: (e) => events.push(e) }));
    expect(result.layout).toBe('full');
    expect(result.missing).toEqual([]);
    expect(events.some((e) => e.type === 'warning' && /derived from the edited rows/.test(e.message))).toBe(true);

    const dataset = await loadDataset(result.root);
    const rows = miniRows();
    // Every edit, plus one real row per edited source image (reals are derived from img_id).
    const editedRows = rows.filter((r) => r.image_path.startsWith('inpainting'));
    const sources = new Set(editedRows.map((r) => r.image_id));
    expect(dataset.rows).toHaveLength(editedRows.length + sources.size);
    expect(dataset.columns).toEqual(expect.arrayContaining(['image_id', 'image_path', 'label', 'model', 'ratio', 'ratio_rgb', 'mse_rgb', 'ssim_rgb', 'change_location_category', 'perturbed_mask_name', 'method']));
    expect(dataset.columns).not.toContain('img_id');
    expect(dataset.columns).not.toContain('diffusion_model');
    const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
    const miniBySha = new Set(rows.map((r) => sha(join(MINI, r.image_path))));
    for (const row of dataset.rows) {
      expect(existsSync(row.path), row.path).toBe(true);
      expect(miniBySha.has(sha(row.path)), row.path).toBe(true);
    }
    const fakes = dataset.rows.filter((r) => r.label === 'fake');
    expect(fakes).toHaveLength(editedRows.length);
    expect(new Set(fakes.map((r) => r.columns['method']))).toEqual(new Set(['inpainting']));
    expect(new Set(fakes.map((r) => r.columns['model']))).toEqual(new Set(['telea', 'splice']));
    // The CelebA_ id prefix does not stop the real image from being found (its file is 20046.jpg).
    const celeb = dataset.rows.find((r) => r.label === 'real' && r.id === 'CelebA_20046');
    expect(celeb && readFileSync(celeb.path).equals(readFileSync(join(MINI, 'original/images/CelebAHQ/20046.jpg')))).toBe(true);
  });
});
