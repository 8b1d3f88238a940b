import type { PluginKind } from './contract.js';

/**
 * A built-in plugin, registered as data with a lazy loader: listing plugins never imports them,
 * and a run imports only the ones it uses (model runtimes are heavy).
 */
export interface BuiltinEntry {
  kind: PluginKind;
  /** Name as users type it (`noise-inconsistency`, `zoo:univfd`). */
  name: string;
  description: string;
  /** Imports the module whose default export (or `plugin` export) is the plugin. */
  load: () => Promise<unknown>;
}

/** The table of built-in plugins a host application (the CLI) assembles from the plugin packages. */
export class BuiltinRegistry {
  private readonly entries = new Map<string, BuiltinEntry>();

  constructor(entries: Iterable<BuiltinEntry> = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: BuiltinEntry): void {
    const key = `${entry.kind}:${entry.name}`;
    if (this.entries.has(key)) throw new Error(`two built-in ${entry.kind} plugins are named "${entry.name}"`);
    this.entries.set(key, entry);
  }

  get(kind: PluginKind, name: string): BuiltinEntry | undefined {
    return this.entries.get(`${kind}:${name}`);
  }

  list(kind?: PluginKind): BuiltinEntry[] {
    return [...this.entries.values()].filter((e) => kind === undefined || e.kind === kind);
  }

  /** Closest built-in names to a misspelt one, for "did you mean" messages. */
  suggest(kind: PluginKind, name: string, max = 3): string[] {
    const given = name.toLowerCase();
    // A zoo detector is also found by its bare name: `univfd` → `zoo:univfd`.
    const distance = (candidate: string): number => Math.min(editDistance(given, candidate), candidate.startsWith('zoo:') ? editDistance(given, candidate.slice(4)) : Infinity);
    const scored = this.list(kind)
      .map((e) => ({ name: e.name, d: distance(e.name.toLowerCase()) }))
      .filter((s) => s.d <= Math.max(2, Math.floor(s.name.length / 3)))
      .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
    return scored.slice(0, max).map((s) => s.name);
  }
}

/** Levenshtein distance (small strings only). */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}
