import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createJiti } from 'jiti';
import type { PluginKind, PluginOfKind } from '../contract.js';
import type { BuiltinRegistry } from '../registry.js';
import { sha256File } from '../util/hash.js';
import { DETECTOR_PACKAGE_FILE } from '../contract.js';
import { bindPackage, readPackageHeader, type DetectorPackageHeader } from './model-package.js';
import { PluginError, pluginFromModule, validatePlugin } from './validate.js';

/** Where a loaded plugin came from; recorded in run manifests. */
export interface PluginSource {
  type: 'builtin' | 'path' | 'package';
  /** What the user typed. */
  spec: string;
  /** Built-in name, or the absolute file that was imported. */
  resolved: string;
  packageName?: string;
  packageVersion?: string;
  /** sha256 of the imported file (path and package plugins), so an edited plugin shows in diffs. */
  sha256?: string;
}

export interface LoadedPlugin<K extends PluginKind = PluginKind> {
  plugin: PluginOfKind<K>;
  source: PluginSource;
}

const SCRIPT_EXTENSIONS = ['.mjs', '.js', '.cjs', '.ts', '.mts', '.cts'];
/** npm naming convention for third-party plugins. */
export const PLUGIN_PACKAGE_PREFIX = 'semibench-plugin-';
export const PLUGIN_PACKAGE_KEYWORD = 'semibench-plugin';

function looksLikePath(spec: string): boolean {
  return (
    spec.startsWith('.') ||
    spec.startsWith('/') ||
    spec.startsWith('~') ||
    /^[A-Za-z]:[\\/]/.test(spec) ||
    SCRIPT_EXTENSIONS.some((ext) => spec.endsWith(ext))
  );
}

/** Candidate npm package names for a spec: `foo` → foo, semibench-plugin-foo; `@s/foo` → @s/foo, @s/semibench-plugin-foo. */
export function packageCandidates(spec: string): string[] {
  if (spec.startsWith('@')) {
    const [scope, name] = spec.split('/', 2);
    if (!scope || !name) return [];
    return name.startsWith(PLUGIN_PACKAGE_PREFIX) ? [spec] : [spec, `${scope}/${PLUGIN_PACKAGE_PREFIX}${name}`];
  }
  if (!/^[a-z0-9][\w.-]*$/i.test(spec)) return [];
  return spec.startsWith(PLUGIN_PACKAGE_PREFIX) ? [spec] : [spec, `${PLUGIN_PACKAGE_PREFIX}${spec}`];
}

/** Finds `node_modules/<name>` walking up from `fromDir`, like Node's resolution does. */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  module?: string;
  exports?: unknown;
  keywords?: string[];
  /** Entry of the unbuilt source (e.g. `./src/index.ts`), used while the built entry does not exist. */
  source?: string;
}

function readPackageJson(dir: string): PackageJson {
  const file = join(dir, 'package.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch (error) {
    throw new PluginError(`${file}: cannot read package.json (${(error as Error).message}).`, file);
  }
}

/** The `.` entry of package.json `exports` (string or condition object), preferring ESM conditions. */
function exportsEntry(exportsField: unknown): string | undefined {
  if (typeof exportsField === 'string') return exportsField;
  if (exportsField === null || typeof exportsField !== 'object') return undefined;
  const record = exportsField as Record<string, unknown>;
  const root = '.' in record ? record['.'] : record;
  if (typeof root === 'string') return root;
  if (root === null || typeof root !== 'object') return undefined;
  for (const condition of ['import', 'node', 'default', 'require']) {
    const value = (root as Record<string, unknown>)[condition];
    const resolved = exportsEntry(value);
    if (resolved) return resolved;
  }
  return undefined;
}

/** Resolves a plugin directory (a package) to the file to import. */
export function resolveDirectoryEntry(dir: string): { file: string; pkg?: PackageJson } {
  if (existsSync(join(dir, 'package.json'))) {
    const pkg = readPackageJson(dir);
    const entry = exportsEntry(pkg.exports) ?? pkg.module ?? pkg.main;
    if (entry) {
      const file = resolve(dir, entry);
      // A TypeScript package before its first build (`semibench plugin new`): jiti loads its source.
      if (!existsSync(file) && typeof pkg.source === 'string' && existsSync(resolve(dir, pkg.source))) return { file: resolve(dir, pkg.source), pkg };
      if (!existsSync(file)) {
        throw new PluginError(
          `${join(dir, 'package.json')}: its entry point "${entry}" does not exist (${file}). Build the package first, or fix "exports"/"main".`,
          dir,
        );
      }
      return { file, pkg };
    }
    for (const ext of SCRIPT_EXTENSIONS) {
      const file = join(dir, `index${ext}`);
      if (existsSync(file)) return { file, pkg };
    }
    throw new PluginError(`${join(dir, 'package.json')}: no "exports", "module" or "main" entry and no index file.`, dir);
  }
  for (const ext of SCRIPT_EXTENSIONS) {
    const file = join(dir, `index${ext}`);
    if (existsSync(file)) return { file };
  }
  throw new PluginError(`${dir}: a plugin directory needs a package.json with "exports"/"main", or an index.mjs/index.js/index.ts file.`, dir);
}

export interface PluginLoaderOptions {
  builtins: BuiltinRegistry;
  /** Directory that relative paths and npm packages are resolved from. */
  cwd?: string;
}

/**
 * Resolves plugin specs of every form in one place:
 *   builtin:NAME | NAME (a built-in) | ./path/to/file.mjs | /abs/dir (package.json exports/main) |
 *   npm package name (NAME, semibench-plugin-NAME, @scope/semibench-plugin-NAME), from `cwd`.
 */
export class PluginLoader {
  readonly builtins: BuiltinRegistry;
  readonly cwd: string;
  private readonly jiti;

  constructor(options: PluginLoaderOptions) {
    this.builtins = options.builtins;
    this.cwd = options.cwd ?? process.cwd();
    // jiti loads .mjs/.js/.cjs/.ts/.mts alike, so plugin authors need no build step.
    this.jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false, interopDefault: false });
  }

  async load<K extends PluginKind>(kind: K, spec: string): Promise<LoadedPlugin<K>> {
    const trimmed = spec.trim();
    if (trimmed === '') throw new PluginError(`an empty ${kind} name was given.`, spec);

    if (trimmed.startsWith('builtin:')) {
      const name = trimmed.slice('builtin:'.length);
      const entry = this.builtins.get(kind, name);
      if (!entry) throw this.unknown(kind, name, trimmed);
      return this.loadBuiltin(kind, name, trimmed);
    }
    if (looksLikePath(trimmed)) return this.loadPath(kind, trimmed);
    if (this.builtins.get(kind, trimmed)) return this.loadBuiltin(kind, trimmed, trimmed);

    for (const name of packageCandidates(trimmed)) {
      const dir = findPackageDir(name, this.cwd);
      if (dir) return this.loadPackage(kind, trimmed, dir);
    }
    // A bare relative path without ./ that exists (e.g. `plugins/mine.mjs`) is still a path.
    if (existsSync(resolve(this.cwd, trimmed))) return this.loadPath(kind, trimmed);
    throw this.unknown(kind, trimmed, trimmed);
  }

  private unknown(kind: PluginKind, name: string, spec: string): PluginError {
    const suggestions = this.builtins.suggest(kind, name);
    const candidates = packageCandidates(name);
    const lines = [
      `unknown ${kind} "${name}".`,
      suggestions.length ? `Did you mean: ${suggestions.join(', ')}?` : undefined,
      `Built-in ${kind}s: ${this.builtins.list(kind).map((e) => e.name).join(', ') || '(none)'}.`,
      candidates.length ? `No installed npm package named ${candidates.join(' or ')} was found from ${this.cwd}.` : undefined,
      `Give a path (./my-${kind}.mjs or a directory) or install a package (npm install ${PLUGIN_PACKAGE_PREFIX}${name}). Run \`semibench plugin list\` to see what is available.`,
    ].filter(Boolean);
    return new PluginError(lines.join('\n'), spec);
  }

  private async loadBuiltin<K extends PluginKind>(kind: K, name: string, spec: string): Promise<LoadedPlugin<K>> {
    const entry = this.builtins.get(kind, name);
    if (!entry) throw this.unknown(kind, name, spec);
    const source = `built-in ${kind} "${name}"`;
    const mod = await entry.load();
    const plugin = validatePlugin(pluginFromModule(mod, source), source, kind);
    return { plugin, source: { type: 'builtin', spec, resolved: name } };
  }

  private async loadPath<K extends PluginKind>(kind: K, spec: string): Promise<LoadedPlugin<K>> {
    const expanded = spec.startsWith('~') ? join(homedir(), spec.slice(1)) : spec;
    const target = isAbsolute(expanded) ? expanded : resolve(this.cwd, expanded);
    if (!existsSync(target)) {
      throw new PluginError(`${target}: no such file or directory (from ${kind} spec "${spec}").`, target);
    }
    let file = target;
    let pkg: PackageJson | undefined;
    const header = statSync(target).isDirectory() ? readPackageHeader(target) : undefined;
    if (header) return this.loadDetectorPackage(kind, spec, target, header);
    if (statSync(target).isDirectory()) ({ file, pkg } = resolveDirectoryEntry(target));
    const plugin = await this.importPlugin(kind, file);
    const source: PluginSource = { type: 'path', spec, resolved: file, sha256: await sha256File(file) };
    if (pkg?.name) source.packageName = pkg.name;
    if (pkg?.version) source.packageVersion = pkg.version;
    return { plugin, source };
  }

  /** A data-only detector package (model-package.ts): its built-in runner, bound to the directory. */
  private async loadDetectorPackage<K extends PluginKind>(kind: K, spec: string, dir: string, header: DetectorPackageHeader): Promise<LoadedPlugin<K>> {
    const { plugin } = await this.loadBuiltin(kind, header.plugin, spec);
    const file = join(dir, DETECTOR_PACKAGE_FILE);
    // Data only: the code that runs is the built-in's, so it counts as built-in (in-process, like
    // every built-in detector); `resolved` names the package file and its hash keys the store.
    return { plugin: bindPackage(kind, plugin, dir, header), source: { type: 'builtin', spec, resolved: file, sha256: await sha256File(file) } };
  }

  private async loadPackage<K extends PluginKind>(kind: K, spec: string, dir: string): Promise<LoadedPlugin<K>> {
    const { file, pkg } = resolveDirectoryEntry(dir);
    const plugin = await this.importPlugin(kind, file);
    const source: PluginSource = { type: 'package', spec, resolved: file, sha256: await sha256File(file) };
    if (pkg?.name) source.packageName = pkg.name;
    if (pkg?.version) source.packageVersion = pkg.version;
    return { plugin, source };
  }

  private async importPlugin<K extends PluginKind>(kind: K, file: string): Promise<PluginOfKind<K>> {
    let mod: unknown;
    try {
      mod = await this.jiti.import(file);
    } catch (error) {
      throw new PluginError(`${file}: the module failed to load: ${(error as Error).message}`, file);
    }
    return validatePlugin(pluginFromModule(mod, file), file, kind);
  }

  /** Installed npm packages that look like semibench plugins (by name prefix or keyword), from `cwd` upwards. */
  async installedPackages(): Promise<Array<{ name: string; dir: string }>> {
    const found = new Map<string, string>();
    let dir = resolve(this.cwd);
    for (;;) {
      const nm = join(dir, 'node_modules');
      if (existsSync(nm)) {
        for (const entry of await readdir(nm).catch(() => [] as string[])) {
          const names = entry.startsWith('@')
            ? (await readdir(join(nm, entry)).catch(() => [] as string[])).map((n) => `${entry}/${n}`)
            : [entry];
          for (const name of names) {
            if (found.has(name)) continue;
            const pkgDir = join(nm, name);
            const base = name.split('/').pop() ?? name;
            let isPlugin = base.startsWith(PLUGIN_PACKAGE_PREFIX);
            if (!isPlugin && existsSync(join(pkgDir, 'package.json'))) {
              try {
                isPlugin = (readPackageJson(pkgDir).keywords ?? []).includes(PLUGIN_PACKAGE_KEYWORD);
              } catch {
                isPlugin = false;
              }
            }
            if (isPlugin) found.set(name, pkgDir);
          }
        }
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return [...found].map(([name, d]) => ({ name, dir: d }));
  }
}
