import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { PLUGIN_KINDS, type PluginKind } from '@semibench/harness';
import { CONTRACT_FILE, harnessInfo, pluginNames, scaffoldFiles, USAGE, writeFiles } from '../../support/plugin-scaffold.js';

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

    const harness = await harnessInfo(this);
    const description = (flags.description ?? `A semibench ${kind} plugin.`).replace(/\s+/g, ' ').trim();
    const templates = join(this.config.root, 'templates', 'plugin');
    const { entry, files } = await scaffoldFiles({ kind, names, ts, description, templates }, harness);
    await writeFiles(dir, files);
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
}
