/**
 * A leaderboard on an `hf:` dataset (a fake hub serving the mini dataset): the fingerprint pins the
 * commit, so a bundle made on the hub dataset is accepted and one made on a local copy of the same
 * metadata is not; the leaderboard fetches the metadata only, never an image archive.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { buildEvalsetRepoFiles, FakeHub } from '../helpers/fake-hub.js';

const REPO = 'semi-truths/Semi-Truths-Evalset';

let hub: FakeHub;
let work: string;

beforeAll(async () => {
  const files = buildEvalsetRepoFiles(MINI_DATASET, { archives: true, include: (p) => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/') });
  hub = await FakeHub.start([{ repo: REPO, files }], { pageSize: 10 });
  work = mkdtempSync(join(tmpdir(), 'semibench-leaderboard-hub-'));
});

afterAll(async () => {
  await hub.close();
  rmSync(work, { recursive: true, force: true });
});

describe('leaderboard build --dataset hf:OWNER/NAME', () => {
  it('accepts a bundle made on the pinned hub dataset, rejects one made on a local copy, and downloads only metadata', async () => {
    const env = (home: string) => ({ HF_ENDPOINT: hub.url, HF_HOME: join(work, home), HF_HUB_CACHE: join(work, home, 'hub'), HF_HUB_OFFLINE: '' });
    const sha = hub.shaOf(REPO);
    const evalArgs = (out: string, spec: string) => ['eval', '--dataset', spec, '--detector', 'noise-inconsistency', '--out', join(work, out), '--bootstrap', '100', '--quiet', '--no-store'];
    const ok = async (args: string[], e: NodeJS.ProcessEnv = {}) => {
      const r = await runCli(args, { cwd: work, env: e });
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    await ok(evalArgs('hub-run', `hf:${REPO}`), env('submitter'));
    await ok(evalArgs('local-run', MINI_DATASET));
    mkdirSync(join(work, 'subs'));
    await ok(['submit', join(work, 'hub-run'), '--out', join(work, 'subs', 'hub.tgz')]);
    await ok(['submit', join(work, 'local-run'), '--out', join(work, 'subs', 'local.tgz')]);

    // The maintainer's machine: an empty hub cache.
    const before = hub.resolveRequests().length;
    const r = await ok(['leaderboard', 'build', join(work, 'subs'), '--dataset', `hf:${REPO}@${sha}`, '--out', join(work, 'site'), '--bootstrap', '100', '--json'], env('maintainer'));
    const { leaderboard } = JSON.parse(r.stdout);
    expect(leaderboard.dataset.hf).toBe(`hf:${REPO}@${sha}`);
    expect(leaderboard.entries.map((e: { bundle: string }) => e.bundle)).toEqual(['hub.tgz']);
    expect(leaderboard.rejected.map((e: { bundle: string; reason: string }) => [e.bundle, e.reason])).toEqual([['local.tgz', 'dataset-mismatch']]);
    const fetched = hub.resolveRequests().slice(before).map((q) => q.file);
    expect(fetched).toEqual(['metadata.csv']);
    // Scored as eval scored the hub run.
    const entry = JSON.parse(readFileSync(join(work, 'site', leaderboard.entries[0].page), 'utf8'));
    // Scored as eval scored the hub run; the maintainer fetched only metadata, so without the masks
    // (ground truth of the pixel metrics) the leaderboard has the image-level metrics alone.
    const imageLevel = (records: Array<{ metric: string }>) => records.filter((r) => !r.metric.startsWith('pixel_'));
    expect(entry.scores).toEqual(imageLevel(JSON.parse(readFileSync(join(work, 'hub-run', 'scores.json'), 'utf8'))));
  }, 240_000);
});
