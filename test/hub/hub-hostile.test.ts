import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubDatasetError, joinInside, loadDataset, materializeHubDataset, unsafePathReason, type HubProgressEvent, type MaterializeOptions } from '@semibench/harness';
import { buildEvalsetRepoFiles, FakeHub, listFilesRecursive, type FakeFile } from '../helpers/fake-hub.js';
import { csvHeader } from '../helpers/csv.js';

/**
 * Issue 14, failures 1 and 2: hub metadata paths and hub listings are validated before any
 * filesystem effect, so a hostile dataset or endpoint can neither write nor delete outside the cache.
 */

const MINI = resolve(__dirname, '../../fixtures/semi-truths-mini');
const REPO = 'semi-truths/Semi-Truths-Evalset';
const SHA = 'a'.repeat(40);
const tempDirs: string[] = [];
const hubs: FakeHub[] = [];
let archived: FakeFile[];
let loose: FakeFile[];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'semibench-hostile-'));
  tempDirs.push(dir);
  return dir;
}

function opts(url: string, cacheDir: string, extra: Partial<MaterializeOptions> = {}): MaterializeOptions {
  return { endpoint: url, cacheDir, env: {}, retries: 0, decoder: 'auto', ...extra };
}

beforeAll(() => {
  const include = (p: string): boolean => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/');
  archived = buildEvalsetRepoFiles(MINI, { archives: true, include });
  loose = buildEvalsetRepoFiles(MINI, { archives: false, include });
});
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
});
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** metadata.csv of the mini set plus rows whose paths escape, each named after a real member. */
function withHostileRows(files: FakeFile[], hostile: string[]): FakeFile[] {
  return files.map((file) => {
    if (file.path !== 'metadata.csv') return file;
    const text = file.data.toString('utf8').trimEnd();
    const cols = csvHeader(text);
    const rows = hostile.map((path, i) => cols.map((c) => (c === 'image_id' ? `hostile_${i}` : c === 'image_path' ? `"${path}"` : c === 'label' ? 'fake' : '')).join(','));
    return { ...file, data: Buffer.from(`${text}\n${rows.join('\n')}\n`) };
  });
}

describe('hub metadata paths (failure 1)', () => {
  for (const layout of ['archives', 'loose'] as const) {
    it(`never links outside the view for '..', absolute and backslash paths (${layout})`, async () => {
      const root = tempDir();
      const cacheDir = join(root, 'deep', 'er', 'cache');
      mkdirSync(cacheDir, { recursive: true });
      // Named like a real member, so the file-name fallback of the archive matcher would find it.
      const member = 'ADE_train_00014889.jpg';
      const victim = join(root, 'victim.txt');
      writeFileSync(victim, 'keep me');
      const hostile = [
        `../../../../../../../${'somewhere'}/${member}`,
        `original/images/ADE20K/../../../../../../../../escape/${member}`,
        `${root}/absolute/${member}`,
        `..\\..\\..\\..\\backslash\\${member}`,
        '../../../../../../victim.txt',
      ];
      const hub = await FakeHub.start([{ repo: REPO, files: withHostileRows(layout === 'archives' ? archived : loose, hostile) }]);
      hubs.push(hub);
      const events: HubProgressEvent[] = [];
      const result = await materializeHubDataset({ repo: REPO, revision: 'main' }, opts(hub.url, cacheDir, { onProgress: (e) => events.push(e) }));
      // Only the cache changed: nothing beside it, the victim untouched.
      expect(listFilesRecursive(root).filter((p) => !p.startsWith('deep/er/cache/'))).toEqual(['victim.txt']);
      expect(readFileSync(victim, 'utf8')).toBe('keep me');
      expect(existsSync(join(root, 'absolute'))).toBe(false);
      expect(listFilesRecursive(cacheDir).filter((p) => p.includes('somewhere') || p.includes('escape') || p.includes('backslash'))).toEqual([]);
      const warning = events.find((e) => e.type === 'warning' && /refused before any file was touched/.test(e.message));
      expect(warning, JSON.stringify(events.filter((e) => e.type === 'warning'))).toBeDefined();
      // The loader still refuses the rows, naming them.
      const error = await loadDataset(result.root).catch((e: unknown) => e as Error);
      expect((error as Error).message).toMatch(/outside the dataset root|is absolute/);
    });
  }
});

describe('hub listings (failure 2)', () => {
  /** Rewrites the hub's tree listing on the way in, as a hostile endpoint or mirror would. */
  function tamperingFetch(edit: (entry: { path: string; oid: string; lfs?: { oid: string } }) => void): typeof fetch {
    return async (input, init) => {
      const response = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.includes('/tree/')) return response;
      const entries = (await response.json()) as { path: string; oid: string; lfs?: { oid: string } }[];
      entries.forEach(edit);
      return new Response(JSON.stringify(entries), { status: response.status, headers: response.headers });
    };
  }

  const attacks: { name: string; edit: (victim: string) => (entry: { path: string; oid: string; lfs?: { oid: string } }) => void; expected: RegExp }[] = [
    { name: 'LFS oid with ..', edit: (victim) => (e) => e.lfs && e.path.endsWith('.tar.bz2') && (e.lfs.oid = `../../../../../../../../..${victim}`), expected: /not a 64-hex LFS sha256/ },
    { name: 'git oid too short', edit: () => (e) => e.path === 'README.md' && (e.oid = 'abc'), expected: /not a 40-hex git sha1/ },
    { name: 'path with ..', edit: () => (e) => e.path === 'metadata.csv' && (e.path = '../../../../metadata.csv'), expected: /contains a '\.\.' segment/ },
    { name: 'absolute path', edit: (victim) => (e) => e.path === 'metadata.csv' && (e.path = victim), expected: /is an absolute path/ },
    { name: 'NUL in path', edit: () => (e) => e.path === 'metadata.csv' && (e.path = 'meta\0data.csv'), expected: /NUL byte/ },
  ];
  for (const attack of attacks) {
    it(`refuses a listing with ${attack.name} before touching any file`, async () => {
      const root = tempDir();
      const victim = join(root, 'victim.bin');
      writeFileSync(victim, 'wrong size, must survive');
      const hub = await FakeHub.start([{ repo: REPO, files: archived }]);
      hubs.push(hub);
      const cacheDir = join(root, 'cache');
      const error = await materializeHubDataset({ repo: REPO, revision: 'main' }, opts(hub.url, cacheDir, { fetch: tamperingFetch(attack.edit(victim)) })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubDatasetError);
      expect((error as HubDatasetError).code).toBe('unsafe-listing');
      expect((error as Error).message).toMatch(attack.expected);
      expect(readFileSync(victim, 'utf8')).toBe('wrong size, must survive');
      expect(hub.resolveRequests()).toEqual([]);
    });
  }

  it('refuses a tampered saved listing in the cache (offline) and deletes nothing', async () => {
    const root = tempDir();
    const victim = join(root, 'victim.bin');
    writeFileSync(victim, 'x'.repeat(10));
    const cacheDir = join(root, 'cache');
    const trees = join(cacheDir, 'datasets--semi-truths--Semi-Truths-Evalset', 'semibench', 'trees');
    mkdirSync(trees, { recursive: true });
    writeFileSync(join(trees, `${SHA}.json`), JSON.stringify({ sha: SHA, files: [{ path: 'metadata.csv', size: 3, etag: `../../../../../..${victim}`, lfs: false }] }));
    const error = await materializeHubDataset({ repo: REPO, revision: SHA }, { ...opts('http://127.0.0.1:9', cacheDir), offline: true }).catch((e: unknown) => e);
    expect((error as HubDatasetError).code).toBe('unsafe-listing');
    expect(readFileSync(victim, 'utf8')).toBe('x'.repeat(10));
  });
});

describe('the path validator (property)', () => {
  const root = resolve(tmpdir(), 'semibench-root', 'view');
  const inside = (p: string): boolean => p === root || p.startsWith(root + sep);
  const segment = fc.oneof(
    fc.constantFrom('..', '.', '', 'a', 'b.jpg', 'C:', 'c:', '\\', '..\\..', '\0', '/', '~', '%2e%2e', '\u2024\u2024', ' ..', '.. '),
    fc.string({ maxLength: 6 }),
  );
  const pathLike = fc.oneof(fc.array(segment, { maxLength: 8 }).map((parts) => parts.join('/')), fc.string({ maxLength: 40 }), fc.fullUnicodeString({ maxLength: 20 }));

  it('random path strings are either refused or resolve inside the root, by any join', () => {
    fc.assert(
      fc.property(pathLike, (path) => {
        if (unsafePathReason(path) !== null) {
          expect(() => joinInside(root, path)).toThrow();
          return;
        }
        // Accepted: inside the root whichever way a caller joins it.
        expect(inside(joinInside(root, path))).toBe(true);
        expect(inside(resolve(root, path))).toBe(true);
        expect(inside(join(root, ...path.split('/')))).toBe(true);
      }),
      { numRuns: 5000, seed: 14 },
    );
  });

  it('refuses each kind of escape with its reason', () => {
    expect(unsafePathReason('../x')).toMatch(/'\.\.'/);
    expect(unsafePathReason('a/../../x')).toMatch(/'\.\.'/);
    expect(unsafePathReason('/etc/passwd')).toMatch(/absolute/);
    expect(unsafePathReason('C:/x')).toMatch(/drive letter/);
    expect(unsafePathReason('a\\b')).toMatch(/backslash/);
    expect(unsafePathReason('a\0b')).toMatch(/NUL/);
    expect(unsafePathReason('./')).toMatch(/empty/);
    expect(unsafePathReason('a/./b//c.jpg')).toBeNull();
  });
});
