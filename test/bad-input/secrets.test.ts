/**
 * Issue 14, failure 3: secrets are redacted by value and by shape through one path
 * (util/secrets.ts) in every output: manifest.json (identity.url), the prediction store's
 * description, report.html, errors.csv and stderr.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactArgv, redactOptions, scrubSecrets, secretValues } from '@semibench/harness';
import { MINI_DATASET, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/run-fixtures.js';

const USER_PASS = 'urlPassw0rdLeak';
const QUERY_KEY = 'queryApiKeyLeak42';
const QUERY_TOKEN = 'queryTokenLeak77';
const BARE = 'bareTokenEchoed123';
const NAMED = { accessKey: 'accessKeyLeak01', auth: 'authValueLeak02', secret: 'secretLeak03', password: 'passwordLeak04', credentials: 'credsLeak05', my_key: 'underscoreKeyLeak06', clientKey: 'camelKeyLeak07' };
const ALL = [USER_PASS, QUERY_KEY, QUERY_TOKEN, BARE, ...Object.values(NAMED)];

/** Puts every option in its identity and echoes the bare token in its errors, like a chatty server. */
const LEAKY_PLUGIN = `
export default {
  kind: 'detector',
  meta: { name: 'leaky', version: '1.0.0', apiVersion: 1, input: { kind: 'path' }, secretOptions: ['authHeader'] },
  create(options) {
    const token = String(options.authHeader).split(' ')[1];
    return {
      identity: { url: options.url, endpoint: options.url },
      predict(items) {
        console.error('leaky: calling ' + options.url + ' with ' + options.authHeader + ' / ' + token);
        return {
          scores: items.map((item, i) => (i === 0 ? null : 0.5)),
          errors: items.map((item, i) => (i === 0 ? 'server said: unknown token ' + token + ' at ' + options.url : null)),
        };
      },
    };
  },
};
`;

describe('redaction (unit)', () => {
  it('redacts URL userinfo, secret query values, auth headers and secret-named options', () => {
    const options = { url: `https://bob:${USER_PASS}@127.0.0.1/x?api_key=${QUERY_KEY}&token=${QUERY_TOKEN}&size=3`, authHeader: `Bearer ${BARE}`, ...NAMED, sortOrder: 'asc' };
    const redacted = redactOptions(options, ['authHeader']);
    const text = JSON.stringify(redacted);
    for (const secret of ALL) expect(text).not.toContain(secret);
    expect(redacted.url).toBe('https://[redacted]@127.0.0.1/x?api_key=[redacted]&token=[redacted]&size=3');
    expect(redacted.sortOrder).toBe('asc');
    const values = secretValues(options, ['authHeader']);
    expect(values).toEqual(expect.arrayContaining([BARE, USER_PASS, QUERY_KEY, QUERY_TOKEN, ...Object.values(NAMED)]));
    // By value: a bare token echoed in free text, JSON-escaped or URL-encoded.
    expect(scrubSecrets(`echo ${BARE} / "${BARE}" / ${encodeURIComponent(NAMED.auth)}`, values)).toBe('echo [redacted] / "[redacted]" / [redacted]');
    expect(scrubSecrets('Authorization: Bearer abcdefghijk', [])).toBe('Authorization: Bearer [redacted]');
    expect(redactArgv(['--option', 'leaky.accessKey=abc123456', `url=http://u:${USER_PASS}@h/`, 'size=3'], {})).toEqual(['--option', 'leaky.accessKey=[redacted]', 'url=http://[redacted]@h/', 'size=3']);
  });
});

describe('redaction (end to end)', () => {
  it('keeps every secret out of manifest.json, the store, report.html, errors.csv and stderr', async () => {
    const dir = tempDir('secrets');
    writeFileSync(join(dir, 'leaky.mjs'), LEAKY_PLUGIN);
    const store = join(dir, 'store.sqlite');
    const url = `http://bob:${USER_PASS}@127.0.0.1:9/score?api_key=${QUERY_KEY}&token=${QUERY_TOKEN}`;
    const args = ['eval', '--dataset', MINI_DATASET, '--detector', join(dir, 'leaky.mjs'), '--out', join(dir, 'run'), '--store', store, '--bootstrap', '0', '--limit', '6', '--report'];
    const opts = [`url=${url}`, `authHeader=Bearer ${BARE}`, ...Object.entries(NAMED).map(([k, v]) => `${k}=${v}`)].flatMap((o) => ['--option', o]);
    const result = await runCli([...args, ...opts]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'run', 'errors.csv'), 'utf8')).toContain('[redacted]');
    // The plugin's own console output (from its worker thread) comes out on stderr, redacted.
    expect(result.stderr).toContain('leaky: calling http://[redacted]@127.0.0.1:9/score?api_key=[redacted]&token=[redacted] with [redacted] / [redacted]');
    const outputs: Record<string, string> = { stderr: result.stderr, stdout: result.stdout };
    for (const name of readdirSync(join(dir, 'run'))) outputs[name] = readFileSync(join(dir, 'run', name), 'latin1');
    outputs.store = readFileSync(store, 'latin1');
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['manifest.json', 'report.html', 'errors.csv', 'store']));
    for (const [where, text] of Object.entries(outputs)) for (const secret of ALL) expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
    const manifest = JSON.parse(outputs['manifest.json'] as string) as { detectors: { identity: { url: string } }[] };
    expect(manifest.detectors[0]?.identity.url).toBe('http://[redacted]@127.0.0.1:9/score?api_key=[redacted]&token=[redacted]');
  }, 240_000);
});
