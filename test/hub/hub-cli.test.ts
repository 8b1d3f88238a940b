import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET as MINI, runCli } from '../helpers/cli.js';
import { buildEvalsetRepoFiles, FakeHub, listFilesRecursive } from '../helpers/fake-hub.js';

const REPO = 'semi-truths/Semi-Truths-Evalset';
const TOKEN = 'hf_cliTokenThatMustNotLeak987654321';

let hub: FakeHub;
let work: string;

/** The CLI with the fake hub's settings; the machine's own HF_* values are overridden. */
function semibench(args: string[], env: Record<string, string>) {
  return runCli(args, { cwd: work, env: { HF_HUB_OFFLINE: '', HF_TOKEN: '', HUGGING_FACE_HUB_TOKEN: '', HF_HOME: join(work, 'hf-home'), ...env } });
}

beforeAll(async () => {
  const files = buildEvalsetRepoFiles(MINI, { archives: true, include: (p) => p === 'metadata.csv' || p.startsWith('original/') || p.startsWith('inpainting/') });
  hub = await FakeHub.start([{ repo: REPO, files }], { pageSize: 10, requiredToken: TOKEN });
  work = mkdtempSync(join(tmpdir(), 'semibench-hub-cli-'));
});

afterAll(async () => {
  await hub.close();
  rmSync(work, { recursive: true, force: true });
});

describe('semibench dataset info|fetch|verify against the fake hub', () => {
  it('fetches a stratified sample, then works offline, verifies, and never prints the token', async () => {
    const env = { HF_ENDPOINT: hub.url, HF_HUB_CACHE: join(work, 'hf-cache'), HF_TOKEN: TOKEN };
    const outputs: string[] = [];

    const info = await semibench(['dataset', 'info', `hf:${REPO}`], env);
    outputs.push(info.stdout, info.stderr);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain(`commit ${hub.shaOf(REPO)}`);
    expect(info.stdout).toContain('layout: evalset');
    expect(info.stdout).toMatch(/archive\s+original\/images\/ADE20K\.tar\.bz2 .* not cached/);

    const fetch = await semibench(['dataset', 'fetch', `hf:${REPO}`, '--sample', '6', '--stratify', 'label', '--seed', '2', '--json'], env);
    outputs.push(fetch.stdout, fetch.stderr);
    expect(fetch.code, fetch.stderr).toBe(0);
    const result = JSON.parse(fetch.stdout) as { root: string; commitSha: string; selectedRows: number; missing: string[]; selection: { strata: { key: string; selected: number }[] } };
    expect(result.commitSha).toBe(hub.shaOf(REPO));
    expect(result.selectedRows).toBe(6);
    expect(result.missing).toEqual([]);
    // Proportional split of 6 over the fixture's fakes and reals (e.g. 18 + 10 rows -> 3.86 + 2.14 -> 4 + 2).
    const labels = readFileSync(join(MINI, 'metadata.csv'), 'utf8').match(/,(real|fake),/g) ?? [];
    const fakes = labels.filter((l) => l === ',fake,').length;
    const reals = labels.length - fakes;
    expect(Math.round((6 * fakes) / labels.length) + Math.round((6 * reals) / labels.length)).toBe(6);
    expect(result.selection.strata).toEqual([
      { key: 'label=fake', total: fakes, selected: Math.round((6 * fakes) / labels.length) },
      { key: 'label=real', total: reals, selected: Math.round((6 * reals) / labels.length) },
    ]);

    // Second run, offline, pinned to the commit: no request reaches the hub.
    const before = hub.requests.length;
    const offline = await semibench(['dataset', 'fetch', `hf:${REPO}@${result.commitSha}`, '--sample', '6', '--stratify', 'label', '--seed', '2', '--offline'], env);
    outputs.push(offline.stdout, offline.stderr);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toContain('fetched 0 file(s)');
    expect(offline.stdout).toContain(`dataset folder: ${result.root}`);
    expect(hub.requests.length).toBe(before);

    // Offline and asking for rows that were never downloaded: a clear error, exit code 4.
    const missing = await semibench(['dataset', 'fetch', `hf:${REPO}@${result.commitSha}`, '--offline'], env);
    outputs.push(missing.stdout, missing.stderr);
    expect(missing.code).toBe(4);
    // oclif wraps error lines with ' ›   '; join them back.
    const message = missing.stderr.replace(/\s*\n\s*›\s*/g, ' ');
    expect(message).toMatch(/offline mode: .* is not in the cache .* Run once online/);

    const verify = await semibench(['dataset', 'verify', `hf:${REPO}@${result.commitSha}`, '--offline'], env);
    outputs.push(verify.stdout, verify.stderr);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/(\d+)\/\1 cached file\(s\) intact/);

    for (const request of hub.requests) expect(request.authorization).toBe(`Bearer ${TOKEN}`);
    for (const text of outputs) expect(text).not.toContain(TOKEN);
    const leaks = listFilesRecursive(work).filter((p) => readFileSync(join(work, p)).includes(TOKEN));
    expect(leaks).toEqual([]);
  });

  it('rejects a spec that is not hf: and a malformed one with exit code 2', async () => {
    const notHub = await semibench(['dataset', 'info', './some/dir'], { HF_ENDPOINT: hub.url });
    expect(notHub.code).toBe(2);
    expect(notHub.stderr).toMatch(/not a Hugging Face dataset spec/);
    const bad = await semibench(['dataset', 'fetch', 'hf:nope'], { HF_ENDPOINT: hub.url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/hf:OWNER\/NAME/);
  });
});
