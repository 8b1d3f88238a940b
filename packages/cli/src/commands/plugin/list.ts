import { Command, Flags } from '@oclif/core';
import { loadConfig, PLUGIN_KINDS, readCheckCache, type PluginKind } from '@semibench/harness';
import { listPlugins } from '../../support/plugin-list.js';
import { pluginLoader } from '../../support/builtins.js';
import { cacheDir } from '../../support/output.js';

export default class PluginList extends Command {
  // `plugin` is the one topic for plugins; the old `plugins list` keeps working.
  static override aliases = ['plugins:list'];

  static override summary = 'List every plugin semibench can see: built-in, from the config file, and installed npm packages.';

  static override description = `Shows kind, name, version and where each plugin comes from. Built-ins ship with semibench;
config plugins are named in semibench.config.* / .semibenchrc* / package.json#semibench; packages
are installed npm packages named semibench-plugin-* (or @scope/semibench-plugin-*) or carrying the
"semibench-plugin" keyword, found from the current directory upwards. Plugins given by path on the
command line are not listed: they are loaded only when used. The "checked" column says whether
\`semibench plugin check\` passed on this installation for exactly this version and file.`;

  static override examples = ['<%= config.bin %> plugin list', '<%= config.bin %> plugin list --kind detector --json'];

  static override flags = {
    kind: Flags.string({ summary: 'Only this kind.', options: [...PLUGIN_KINDS] }),
    json: Flags.boolean({ summary: 'Print JSON.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PluginList);
    const cwd = process.cwd();
    const config = await loadConfig(cwd);
    const loader = pluginLoader(config?.dir ?? cwd);
    const rows = await listPlugins(loader, config?.config, flags.kind as PluginKind | undefined, await readCheckCache(cacheDir()));
    if (flags.json) {
      this.log(JSON.stringify(rows, null, 2));
      return;
    }
    const headers = ['kind', 'name', 'version', 'source', 'checked', 'description'];
    const checkedText = { passed: 'passed', failed: 'FAILED' } as const;
    const cells = rows.map((r) => [r.kind, r.name, r.version, r.source, r.checked ? checkedText[r.checked] : '-', r.error ? `(failed to load: ${r.error})` : (r.description ?? '')]);
    const last = headers.length - 1;
    const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => Math.min((c[i] ?? '').length, i === last ? 80 : 60))));
    const fmt = (c: string[]) => c.map((v, i) => (i === last ? v : v.padEnd(widths[i] as number))).join('  ');
    this.log(fmt(headers));
    for (const c of cells) this.log(fmt(c));
  }
}
