import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { buildEvalsetRepoFiles, FakeHub } from '../helpers/fake-hub.js';

const REPO = 'semi-truths/Semi-Truths-Evalset';
const TOKEN = 'hf_evalCliTokenNeverWritten0123456789';

let hub: FakeHub;
let work: string;

beforeAll(async () => {
  const files = buildEvalsetRepoFiles(MINI_DATASET, { archives: true, include: (p) => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/') });
  hub = await FakeHub.start([{ repo: REPO, files }], { pageSize: 10, requiredToken: TOKEN });
  work = mkdtempSync(join(tmpdir(), 'semibench-hub-eval-'));
});

afterAll(async () => {
  await hub.close();
  rmSync(work, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('semibench eval --dataset hf:OWNER/NAME against a fake hub', () => {
  it('scores like the local copy, records the commit, then runs offline with zero requests', async () => {
    const env = { HF_ENDPOINT: hub.url, HF_TOKEN: TOKEN, HF_HOME: join(work, 'hf-home'), HF_HUB_CACHE: join(work, 'hf-cache'), HF_HUB_OFFLINE: '' };
    const args = (out: string, spec: string) => ['eval', '--dataset', spec, '--detector', 'noise-inconsistency', '--out', out, '--bootstrap', '100', '--quiet', '--no-store'];

    const local = await runCli(args(join(work, 'local'), MINI_DATASET), { cwd: work });
    expect(local.code, local.stderr).toBe(0);
    const online = await runCli(args(join(work, 'online'), `hf:${REPO}`), { cwd: work, env });
    expect(online.code, online.stderr).toBe(0);

    const manifest = JSON.parse(readFileSync(join(work, 'online', 'manifest.json'), 'utf8'));
    const sha = hub.shaOf(REPO);
    expect(manifest.dataset.provenance).toMatchObject({ source: 'huggingface', repo: REPO, commitSha: sha, pinned: `hf:${REPO}@${sha}` });
    // Same rows and images as the local copy: same predictions and scores.
    expect(readFileSync(join(work, 'online', 'predictions.csv'), 'utf8')).toBe(readFileSync(join(work, 'local', 'predictions.csv'), 'utf8'));
    expect(readFileSync(join(work, 'online', 'scores.csv'), 'utf8')).toBe(readFileSync(join(work, 'local', 'scores.csv'), 'utf8'));

    const before = hub.requests.length;
    const offline = await runCli(args(join(work, 'offline'), `hf:${REPO}@${sha}`), { cwd: work, env: { ...env, HF_HUB_OFFLINE: '1' } });
    expect(offline.code, offline.stderr).toBe(0);
    expect(hub.requests.length).toBe(before);
    expect(readFileSync(join(work, 'offline', 'scores.csv'), 'utf8')).toBe(readFileSync(join(work, 'online', 'scores.csv'), 'utf8'));

    // The token went out as a bearer header and was written nowhere.
    expect(hub.requests.some((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    for (const text of [online.stdout, online.stderr, offline.stdout, offline.stderr]) expect(text).not.toContain(TOKEN);
    for (const file of [...filesUnder(join(work, 'online')), ...filesUnder(join(work, 'offline'))]) {
      if (statSync(file).size < 5_000_000) expect(readFileSync(file, 'utf8').includes(TOKEN), file).toBe(false);
    }
  }, 240_000);

  it('downloads only the archives holding a stratified sample, and records the sampling', async () => {
    const env = { HF_ENDPOINT: hub.url, HF_TOKEN: TOKEN, HF_HOME: join(work, 'hf-home2'), HF_HUB_CACHE: join(work, 'hf-cache2'), HF_HUB_OFFLINE: '' };
    const out = join(work, 'sampled');
    const before = hub.requests.length;
    const r = await runCli(['eval', '--dataset', `hf:${REPO}`, '--detector', 'noise-inconsistency', '--sample', '4', '--stratify', 'label', '--seed', '1', '--out', out, '--bootstrap', '50', '--quiet', '--no-store'], { cwd: work, env });
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.dataset.selectedRows).toBe(4);
    expect(manifest.dataset.provenance.selection).toMatchObject({ method: 'sample', selected: 4, seed: 1, stratify: ['label'] });
    const archives = new Set(hub.requests.slice(before).map((q) => q.url).filter((u) => u.includes('/resolve/') && u.endsWith('.tar.bz2')));
    const all = buildEvalsetRepoFiles(MINI_DATASET, { archives: true }).filter((f) => f.path.endsWith('.tar.bz2'));
    expect(archives.size).toBeGreaterThan(0);
    expect(archives.size).toBeLessThan(all.length);
  }, 240_000);
});
