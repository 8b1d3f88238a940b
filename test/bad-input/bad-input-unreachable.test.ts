/**
 * Issue 14, failure 13: `generate --editor sdwebui` / `--perturber llm` against a server that is
 * not there fails fast (a few connection failures in a row) with a non-zero status naming the
 * plugin and the URL, instead of minutes of retries and an "empty" success.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/run-fixtures.js';

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const flat = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ');

describe('remote plugins against an unreachable server', () => {
  it('sdwebui: non-zero exit within seconds, naming the editor and URL', async () => {
    const port = await closedPort();
    const out = join(tempDir('unreachable-sd'), 'ds');
    const t0 = Date.now();
    const r = await runCli(['generate', '--out', out, '--editor', 'sdwebui', '--option', `sdwebui.baseUrl=http://127.0.0.1:${port}`, '--limit', '4', '--quiet']);
    expect(r.code).not.toBe(0);
    expect(flat(r.stderr)).toContain(`sdwebui: cannot reach http://127.0.0.1:${port}/sdapi/v1/img2img`);
    expect(flat(r.stderr)).toContain('connection failures in a row');
    expect(flat(r.stderr)).not.toMatch(/semibench eval/);
    // Three attempts with 2 s and 4 s of backoff, not 4 masks x 4 attempts x up to 16 s.
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 240_000);

  it('llm perturber: the same', async () => {
    const port = await closedPort();
    const out = join(tempDir('unreachable-llm'), 'ds');
    const r = await runCli(['generate', '--out', out, '--editor', 'telea', '--perturber', 'llm', '--option', `llm.baseUrl=http://127.0.0.1:${port}/v1`, '--option', 'llm.model=test', '--limit', '4', '--quiet']);
    expect(r.code).not.toBe(0);
    expect(flat(r.stderr)).toContain(`llm: cannot reach http://127.0.0.1:${port}/v1/chat/completions`);
  }, 240_000);
});
