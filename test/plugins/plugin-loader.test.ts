import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuiltinRegistry, PluginError, PluginLoader, type BuiltinEntry } from '@semibench/harness';

// A complete detector in plain JavaScript with no imports: what a plugin author writes first.
const LONE_PLUGIN = `
export default {
  kind: 'detector',
  meta: { name: 'lone', version: '1.2.3', apiVersion: 1, description: 'constant' },
  create(options) {
    const value = options.value ?? 0.25;
    return { predict: (items) => items.map(() => value) };
  },
};
`;

let outside: string;

beforeAll(() => {
  // Outside the workspace, so nothing resolves through the repository's node_modules.
  outside = mkdtempSync(join(tmpdir(), 'semibench-loader-'));
  writeFileSync(join(outside, 'lone.mjs'), LONE_PLUGIN);
  mkdirSync(join(outside, 'dirplugin', 'lib'), { recursive: true });
  writeFileSync(join(outside, 'dirplugin', 'package.json'), JSON.stringify({ name: 'dirplugin', version: '0.0.7', type: 'module', exports: { '.': { import: './lib/main.mjs' } } }));
  writeFileSync(join(outside, 'dirplugin', 'lib', 'main.mjs'), LONE_PLUGIN.replace("'lone'", "'from-dir'"));
  writeFileSync(
    join(outside, 'typed.ts'),
    `const threshold: number = 0.5;\nexport const plugin = { kind: 'detector' as const, meta: { name: 'typed', version: '1.0.0', apiVersion: 1 as const }, create: () => ({ predict: (items: unknown[]) => items.map(() => threshold) }) };\n`,
  );
  writeFileSync(join(outside, 'cjs.cjs'), `module.exports = { kind: 'detector', meta: { name: 'cjs', version: '1.0.0', apiVersion: 1 }, create: () => ({ predict: (i) => i.map(() => 1) }) };\n`);
  writeFileSync(join(outside, 'invalid.mjs'), `export default { kind: 'detector', meta: { name: 'broken' } };\n`);
  writeFileSync(join(outside, 'noexport.mjs'), `export const something = 1;\n`);
  writeFileSync(join(outside, 'future.mjs'), `export default { kind: 'detector', meta: { name: 'future', version: '9.0.0', apiVersion: 2 }, create() {} };\n`);
  writeFileSync(join(outside, 'throws.mjs'), `throw new Error('boom at import');\n`);
  const pkg = join(outside, 'node_modules', 'semibench-plugin-foo');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'semibench-plugin-foo', version: '2.0.0', main: 'index.js', type: 'module', keywords: ['semibench-plugin'] }));
  writeFileSync(join(pkg, 'index.js'), LONE_PLUGIN.replace("'lone'", "'foo'"));
  const scoped = join(outside, 'node_modules', '@acme', 'semibench-plugin-bar');
  mkdirSync(scoped, { recursive: true });
  writeFileSync(join(scoped, 'package.json'), JSON.stringify({ name: '@acme/semibench-plugin-bar', version: '3.1.0', exports: './index.mjs' }));
  writeFileSync(join(scoped, 'index.mjs'), LONE_PLUGIN.replace("'lone'", "'bar'"));
});

const builtin: BuiltinEntry = {
  kind: 'detector',
  name: 'constant-half',
  description: 'test built-in',
  load: async () => ({ default: { kind: 'detector', meta: { name: 'constant-half', version: '0.1.0', apiVersion: 1 }, create: () => ({ predict: (i: unknown[]) => i.map(() => 0.5) }) } }),
};

function loader(cwd = outside) {
  return new PluginLoader({ builtins: new BuiltinRegistry([builtin]), cwd });
}

describe('plugin loader', () => {
  it('loads a lone .mjs file outside the workspace by relative and absolute path', async () => {
    const rel = await loader().load('detector', './lone.mjs');
    expect(rel.plugin.meta).toMatchObject({ name: 'lone', version: '1.2.3', apiVersion: 1 });
    expect(rel.source.type).toBe('path');
    expect(rel.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    const abs = await loader(tmpdir()).load('detector', join(outside, 'lone.mjs'));
    const instance = await abs.plugin.create({ value: 0.75 }, {} as never);
    expect(await instance.predict([{ id: 'a', key: 'a', path: '/x' }], new AbortController().signal)).toEqual([0.75]);
  });

  it('loads a directory through its package.json exports', async () => {
    const d = await loader().load('detector', join(outside, 'dirplugin'));
    expect(d.plugin.meta.name).toBe('from-dir');
    expect(d.source).toMatchObject({ packageName: 'dirplugin', packageVersion: '0.0.7' });
    expect(d.source.resolved).toBe(join(outside, 'dirplugin', 'lib', 'main.mjs'));
  });

  it('loads TypeScript (named export `plugin`) and CommonJS files', async () => {
    expect((await loader().load('detector', './typed.ts')).plugin.meta.name).toBe('typed');
    expect((await loader().load('detector', './cjs.cjs')).plugin.meta.name).toBe('cjs');
  });

  it('finds npm packages by the semibench-plugin- convention, scoped too', async () => {
    const foo = await loader().load('detector', 'foo');
    expect(foo.source).toMatchObject({ type: 'package', packageName: 'semibench-plugin-foo', packageVersion: '2.0.0' });
    const bar = await loader().load('detector', '@acme/bar');
    expect(bar.plugin.meta.name).toBe('bar');
    const names = (await loader().installedPackages()).map((p) => p.name).sort();
    expect(names).toEqual(['@acme/semibench-plugin-bar', 'semibench-plugin-foo']);
  });

  it('resolves built-ins by bare name and builtin: prefix', async () => {
    expect((await loader().load('detector', 'constant-half')).source.type).toBe('builtin');
    expect((await loader().load('detector', 'builtin:constant-half')).plugin.meta.version).toBe('0.1.0');
  });

  it('explains an invalid plugin: file, what was found, what is missing', async () => {
    const error = await loader().load('detector', './invalid.mjs').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginError);
    const message = (error as Error).message;
    expect(message).toContain(join(outside, 'invalid.mjs'));
    expect(message).toContain('Found an object with keys {kind, meta}');
    expect(message).toContain('meta.version');
    expect(message).toContain('meta.apiVersion');
    expect(message).toContain('create(options, context)');
  });

  it('names the exports when there is no plugin export', async () => {
    await expect(loader().load('detector', './noexport.mjs')).rejects.toThrow(/no plugin export found\. Found exports: something/);
  });

  it('says which apiVersions are supported', async () => {
    await expect(loader().load('detector', './future.mjs')).rejects.toThrow(/declares apiVersion 2, but this semibench supports apiVersion 1/);
  });

  it('reports a module that throws while loading, with its path', async () => {
    await expect(loader().load('detector', './throws.mjs')).rejects.toThrow(/throws\.mjs: the module failed to load: boom at import/);
  });

  it('refuses a plugin of the wrong kind', async () => {
    await expect(loader().load('editor', './lone.mjs')).rejects.toThrow(/is a detector plugin, but a editor was asked for/);
  });

  it('suggests near names for an unknown plugin', async () => {
    const error = (await loader().load('detector', 'constant-hlf').catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('unknown detector "constant-hlf"');
    expect(error.message).toContain('Did you mean: constant-half?');
    expect(error.message).toContain('semibench-plugin-constant-hlf');
  });

  it('reports a missing path clearly', async () => {
    await expect(loader().load('detector', './nope.mjs')).rejects.toThrow(/nope\.mjs: no such file or directory/);
  });
});
