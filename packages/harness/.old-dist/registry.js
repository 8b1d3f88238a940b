/** The table of built-in plugins a host application (the CLI) assembles from the plugin packages. */
export class BuiltinRegistry {
    entries = new Map();
    constructor(entries = []) {
        for (const entry of entries)
            this.add(entry);
    }
    add(entry) {
        const key = `${entry.kind}:${entry.name}`;
        if (this.entries.has(key))
            throw new Error(`two built-in ${entry.kind} plugins are named "${entry.name}"`);
        this.entries.set(key, entry);
    }
    get(kind, name) {
        return this.entries.get(`${kind}:${name}`);
    }
    list(kind) {
        return [...this.entries.values()].filter((e) => kind === undefined || e.kind === kind);
    }
    /** Closest built-in names to a misspelt one, for "did you mean" messages. */
    suggest(kind, name, max = 3) {
        const scored = this.list(kind)
            .map((e) => ({ name: e.name, d: editDistance(name.toLowerCase(), e.name.toLowerCase()) }))
            .filter((s) => s.d <= Math.max(2, Math.floor(s.name.length / 3)))
            .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
        return scored.slice(0, max).map((s) => s.name);
    }
}
/** Levenshtein distance (small strings only). */
export function editDistance(a, b) {
    const prev = new Array(b.length + 1);
    for (let j = 0; j <= b.length; j++)
        prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const up = prev[j];
            prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return prev[b.length];
}
//# sourceMappingURL=registry.js.map