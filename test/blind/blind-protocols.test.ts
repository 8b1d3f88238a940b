/**
 * Blind evaluation across process and network boundaries: a Python worker and an HTTP detector
 * that read the label from what they are sent (paths, keys, ids, masks, columns) get nothing to
 * read in a blind run, and everything once the channels are opened.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { readCsv } from '../helpers/run-fixtures.js';

const WORKER = `
import os, re, sys
sys.path.insert(0, ${JSON.stringify(join(REPO_ROOT, 'examples/python-worker'))})
from semibench_worker import serve

def side_channel(it):
    text = ' '.join([it.path, it.key, it.id])
    if it.mask_path or any(it.columns.get(c) for c in ('ratio', 'mse_rgb')) or re.search(r'(^|/)(inpainting|p2p)/', text):
        return 1.0
    return 0.0 if re.search(r'(^|/)original/', text) else 0.5

class SideChannel:
    def hello(self, options):
        return {'name': 'py-side-channel', 'version': '1.0.0', 'input': {'kind': 'path'}, 'needsMask': True, 'needsColumns': ['ratio', 'mse_rgb']}
    def predict(self, items):
        for it in items:
            if not os.path.isfile(it.path) or os.path.islink(it.path):
                raise ValueError('not a regular file: ' + it.path)
        return [side_channel(it) for it in items]

if __name__ == '__main__':
    serve(SideChannel())
`;

let work: string;
let server: Server;
let url: string;

function auc(run: string, detector: string): number {
  return Number(readCsv(join(run, 'scores.csv')).find((s) => s.detector === detector && s.slice === 'overall' && s.metric === 'roc_auc')?.value);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'semibench-blind-protocols-'));
  writeFileSync(join(work, 'worker.py'), WORKER);
  // Reads the key and the file name of each item, as a careless service could.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const items = (JSON.parse(body) as { items: Array<{ key: string; id: string }> }).items;
      const scores = items.map((it) => (/(^|\/)(inpainting|p2p)\//.test(it.key) ? 1 : /(^|\/)original\//.test(it.key) ? 0 : 0.5));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ scores }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/predict`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('blind evaluation over the Python worker and HTTP protocols', () => {
  it('leaves a side-channel worker and service nothing to read, until unblinded', async () => {
    const args = ['--detector', 'py=python', '--option', `py.command=python3 ${join(work, 'worker.py')}`, '--detector', 'web=http', '--option', `web.url=${url}`, '--no-store', '--bootstrap', '0', '--quiet', '--no-audit'];
    const blind = await runCli(['eval', ...args, '--out', join(work, 'blind')], { cwd: work });
    expect(blind.code, blind.stderr).toBe(0);
    expect(auc(join(work, 'blind'), 'py')).toBe(0.5);
    expect(auc(join(work, 'blind'), 'web')).toBe(0.5);
    const open = await runCli(['eval', ...args, '--out', join(work, 'open'), '--unblind', 'path', '--unblind', 'mask', '--unblind', 'columns'], { cwd: work });
    expect(open.code, open.stderr).toBe(0);
    expect(auc(join(work, 'open'), 'py')).toBe(1);
    expect(auc(join(work, 'open'), 'web')).toBe(1);
    const manifest = JSON.parse(readFileSync(join(work, 'blind', 'manifest.json'), 'utf8'));
    expect(manifest.detectors.find((d: { name: string }) => d.name === 'py').blind.maskWithheld).toBe(true);
  }, 300_000);
});
