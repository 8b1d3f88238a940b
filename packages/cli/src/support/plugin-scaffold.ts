/**
 * The package `semibench plugin new` writes: its names, its files from templates/plugin, its
 * package.json and the vendored contract types. The command only checks its arguments, calls these
 * and prints what it made.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Command } from '@oclif/core';
import { PLUGIN_PACKAGE_KEYWORD, PLUGIN_PACKAGE_PREFIX, type PluginKind } from '@semibench/harness';

/** How users point each kind at the plugin. */
export const USAGE: Record<PluginKind, string> = {
  detector: 'semibench eval --detector',
  editor: 'semibench generate --editor',
  metric: 'semibench generate --editor telea --metric',
  perturber: 'semibench generate --editor telea --perturber',
};

export const CONTRACT_FILE = 'semibench-contract.d.ts';
/** The TypeScript a scaffolded TS plugin builds with (pinned: prepack fetches it through npx). */
const TYPESCRIPT_VERSION = '5.9.3';

export interface PluginNames {
  /** What users type and meta.name: `foo`, or `@acme/foo` for a scoped package. */
  name: string;
  /** npm package name: `semibench-plugin-foo` or `@acme/semibench-plugin-foo`. */
  packageName: string;
  /** Default directory name: `foo`. */
  base: string;
}

/** `foo`, `semibench-plugin-foo`, `@acme/foo`, `@acme/semibench-plugin-foo` → names, or a reason it is not usable. */
export function pluginNames(input: string): PluginNames | string {
  const m = /^(?:(@[a-z0-9][a-z0-9._-]*)\/)?([a-z0-9][a-z0-9._-]*)$/.exec(input.trim());
  if (!m) return `"${input}" is not a usable npm package name: use lower-case letters, digits, '-', '.' or '_' (optionally @scope/name)`;
  const scope = m[1];
  const raw = m[2] as string;
  const base = raw.startsWith(PLUGIN_PACKAGE_PREFIX) ? raw.slice(PLUGIN_PACKAGE_PREFIX.length) : raw;
  if (base === '') return `"${input}" has nothing after the ${PLUGIN_PACKAGE_PREFIX} prefix`;
  return {
    name: scope ? `${scope}/${base}` : base,
    packageName: `${scope ? `${scope}/` : ''}${PLUGIN_PACKAGE_PREFIX}${base}`,
    base,
  };
}

/** What `plugin new` was asked for, checked. */
export interface ScaffoldRequest {
  kind: PluginKind;
  names: PluginNames;
  /** TypeScript (built to dist/) rather than plain JavaScript. */
  ts: boolean;
  /** One line, for package.json, meta.description and the README. */
  description: string;
  /** The templates/plugin directory of this package. */
  templates: string;
}

export interface HarnessInfo {
  version: string;
  contractTypes: string;
}

/** The package's files, path → text, filled in from the templates; `entry` is the plugin's source file. */
export async function scaffoldFiles(request: ScaffoldRequest, harness: HarnessInfo): Promise<{ entry: string; files: Record<string, string> }> {
  const { kind, names, ts, description, templates } = request;
  const entry = `src/index.${ts ? 'ts' : 'js'}`;
  const values: Record<string, string> = {
    name: names.name,
    package: names.packageName,
    kind,
    description,
    column: metricColumn(names.base),
    usage: `${USAGE[kind]} ${names.name}`,
    pathUsage: `${USAGE[kind]} ./path/to/${names.packageName}`,
    entry,
    contractFile: `src/${CONTRACT_FILE}`,
    semibenchVersion: harness.version,
    devCommands: ts
      ? 'npm install                   # semibench (for npm test) and TypeScript\nnpm run typecheck\nnpm run build                 # dist/, which package.json "exports" points to'
      : '# no build step: package.json "exports" points at src/index.js',
    publishNote: ts ? '"prepack" builds dist/ first; only dist/ is published' : 'only src/ is published',
  };
  // In source templates the description sits inside a '...' string literal and must not end it.
  const fill = (text: string, inString: boolean): string =>
    text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`template placeholder ${whole} has no value`);
      return inString && key === 'description' ? value.replace(/\\/g, '\\\\').replace(/'/g, "\\'") : value;
    });
  const template = async (file: string, inString = false): Promise<string> => fill(await readFile(join(templates, file), 'utf8'), inString);

  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(packageJson(names.packageName, kind, description, ts, harness.version), null, 2)}\n`,
    'README.md': await template('README.md'),
    '.gitignore': await readFile(join(templates, 'gitignore'), 'utf8'),
    [entry]: await template(`src/${kind}.${ts ? 'ts' : 'js'}`, true),
    [`src/${CONTRACT_FILE}`]: vendoredContract(harness.contractTypes, harness.version),
    'test/conformance.test.mjs': await readFile(join(templates, 'test', 'conformance.test.mjs'), 'utf8'),
  };
  if (ts) files['tsconfig.json'] = await readFile(join(templates, 'tsconfig.json'), 'utf8');
  return { entry, files };
}

/** Writes the files under `dir`, making directories as needed. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
}

/** Version of the contract types this semibench runs with, and their declaration file. */
export async function harnessInfo(command: Command): Promise<HarnessInfo> {
  const require = createRequire(import.meta.url);
  const contractJs = require.resolve('@semibench/harness/contract');
  const pkg = JSON.parse(await readFile(require.resolve('@semibench/harness/package.json'), 'utf8')) as { version: string };
  const dts = contractJs.replace(/\.js$/, '.d.ts');
  if (!existsSync(dts)) command.error(`cannot find the contract's types at ${dts}; is @semibench/harness built?`);
  return { version: pkg.version, contractTypes: await readFile(dts, 'utf8') };
  }

function metricColumn(base: string): string {
  const stem = base.replace(/[^a-z0-9]+/gi, '_').replace(/^_+|_+$/g, '');
  return `${/^[a-z_]/i.test(stem) ? stem : `m_${stem}`}_mad`;
}

function packageJson(packageName: string, kind: PluginKind, description: string, ts: boolean, harnessVersion: string): Record<string, unknown> {
  const [major, minor] = harnessVersion.split('.');
  return {
    name: packageName,
    version: '0.1.0',
    description,
    type: 'module',
    keywords: [PLUGIN_PACKAGE_KEYWORD, 'semibench', `semibench-${kind}`],
    license: 'MIT',
    exports: { '.': ts ? './dist/index.js' : './src/index.js' },
    // semibench loads the TypeScript source while dist/ has not been built yet.
    ...(ts ? { source: './src/index.ts' } : {}),
    files: ts ? ['dist'] : ['src'],
    // prepack runs TypeScript through npx so that `npm pack` works before `npm install` too (npx uses
    // the installed devDependency when there is one, else fetches that exact version once).
    scripts: ts
      ? { build: 'tsc', typecheck: 'tsc --noEmit', prepack: `npx --yes --package typescript@${TYPESCRIPT_VERSION} tsc`, test: 'node --test test/' }
      : { test: 'node --test test/' },
    // The semibench releases that load plugin contract v1. Optional: only types are shared, and
    // semibench itself checks meta.apiVersion when it loads the plugin.
    peerDependencies: { '@semibench/harness': `^${major}.${minor}.0` },
    peerDependenciesMeta: { '@semibench/harness': { optional: true } },
    // `npm install` brings the semibench that `npm test` runs the conformance check with.
    devDependencies: { semibench: `^${major}.${minor}.0`, ...(ts ? { typescript: TYPESCRIPT_VERSION } : {}) },
    engines: { node: '>=20' },
  };
}

/** The contract's declarations without its runtime values, which a types-only copy cannot provide. */
export function vendoredContract(dts: string, version: string): string {
  const typesOnly = dts
    .replace(/(?:\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?export declare (?:const|function) [^\n]*\n/g, '')
    .replace(/^\/\/# sourceMappingURL=.*$/m, '')
    .trimEnd();
  return [
    `// The semibench plugin contract (version 1): types copied from @semibench/harness ${version}`,
    '// (dist/contract.d.ts) by `semibench plugin new`. Use it with `import type` only: nothing of',
    '// semibench is needed at run time. The runtime helpers (API_VERSION, defineDetector, ...) are',
    '// left out. To follow the contract instead of this copy, install @semibench/harness and import',
    "// the same names from '@semibench/harness/contract'.",
    typesOnly,
    '',
  ].join('\n');
}
