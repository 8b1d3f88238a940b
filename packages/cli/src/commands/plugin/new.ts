import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { PLUGIN_KINDS, PLUGIN_PACKAGE_KEYWORD, PLUGIN_PACKAGE_PREFIX, type PluginKind } from '@semibench/harness';

/** How users point each kind at the plugin. */
const USAGE: Record<PluginKind, string> = {
  detector: 'semibench eval --detector',
  editor: 'semibench generate --editor',
  metric: 'semibench generate --editor telea --metric',
  perturber: 'semibench generate --editor telea --perturber',
};

const CONTRACT_FILE = 'semibench-contract.d.ts';
/** The TypeScript a scaffolded TS plugin builds with (pinned: prepack fetches it through npx). */
const TYPESCRIPT_VERSION = '5.9.3';

interface Names {
  /** What users type and meta.name: `foo`, or `@acme/foo` for a scoped package. */
  name: string;
  /** npm package name: `semibench-plugin-foo` or `@acme/semibench-plugin-foo`. */
  packageName: string;
  /** Default directory name: `foo`. */
  base: string;
}

/** `foo`, `semibench-plugin-foo`, `@acme/foo`, `@acme/semibench-plugin-foo` → names, or a reason it is not usable. */
export function pluginNames(input: string): Names | string {
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

export default class PluginNew extends Command {
  static override summary = 'Create a publishable plugin package (semibench-plugin-NAME) that passes `semibench plugin check`.';

  static override description = `Writes DIR (default ./NAME): a package.json (name semibench-plugin-NAME, keyword "semibench-plugin", "exports", an optional peer dependency on the semibench versions that load plugin contract v1), a working KIND plugin to replace with your own in src/index.ts (src/index.js with --javascript), src/${CONTRACT_FILE} (the contract's types copied from this semibench, so the package type-checks with nothing installed), a test that runs \`semibench plugin check\` on the package (npm test), and a README with usage and publishing notes.

The package works at once: \`npm test\`, and \`semibench eval --detector ./NAME\` (an unbuilt TypeScript package is loaded from src/ through package.json "source"). See docs/plugin-authors.md.`;

  static override examples = [
    '<%= config.bin %> plugin new detector foo && cd foo && npm test',
    '<%= config.bin %> plugin new metric sharpness --javascript',
    '<%= config.bin %> plugin new editor @acme/lama --dir packages/lama',
  ];

  static override args = {
    kind: Args.string({ required: true, options: [...PLUGIN_KINDS], description: 'Plugin kind.' }),
    name: Args.string({ required: true, description: 'Plugin name (foo → package semibench-plugin-foo; @scope/foo allowed).' }),
  };

  static override flags = {
    dir: Flags.string({ summary: 'Directory to create (default ./NAME). Must not exist or be empty.' }),
    typescript: Flags.boolean({ summary: 'TypeScript source, built to dist/ on publish (default).', exclusive: ['javascript'] }),
    javascript: Flags.boolean({ summary: 'Plain JavaScript (ESM with JSDoc types): no build step.', exclusive: ['typescript'] }),
    description: Flags.string({ summary: 'One-line description for package.json, meta.description and the README.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginNew);
    const kind = args.kind as PluginKind;
    const names = pluginNames(args.name);
    if (typeof names === 'string') this.error(names);
    const ts = !flags.javascript;
    const dir = resolve(flags.dir ?? names.base);
    if (existsSync(dir) && readdirSync(dir).length > 0) this.error(`${dir} already exists and is not empty; choose another --dir or remove it.`);

    const templates = join(this.config.root, 'templates', 'plugin');
    const harness = await this.harnessInfo();
    const description = (flags.description ?? `A semibench ${kind} plugin.`).replace(/\s+/g, ' ').trim();
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

    for (const [file, text] of Object.entries(files)) {
      const path = join(dir, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
    const rel = relative(process.cwd(), dir) || '.';
    const where = rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
    this.log(`Created ${names.packageName} (${kind}, ${ts ? 'TypeScript' : 'JavaScript'}) in ${dir}`);
    for (const file of Object.keys(files).sort()) this.log(`  ${file}`);
    this.log('');
    this.log('Next:');
    this.log(`  cd ${where} && npm test             # runs semibench plugin check on the package`);
    this.log(`  ${USAGE[kind]} ${where}`);
    this.log(`  edit ${entry}, then npm publish (see README.md)`);
  }

  /** Version of the contract types this semibench runs with, and their declaration file. */
  private async harnessInfo(): Promise<{ version: string; contractTypes: string }> {
    const require = createRequire(import.meta.url);
    const contractJs = require.resolve('@semibench/harness/contract');
    const pkg = JSON.parse(await readFile(require.resolve('@semibench/harness/package.json'), 'utf8')) as { version: string };
    const dts = contractJs.replace(/\.js$/, '.d.ts');
    if (!existsSync(dts)) this.error(`cannot find the contract's types at ${dts}; is @semibench/harness built?`);
    return { version: pkg.version, contractTypes: await readFile(dts, 'utf8') };
  }
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
