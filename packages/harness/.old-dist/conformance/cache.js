/**
 * Results of `semibench plugin check`, remembered per installation so `semibench plugins list`
 * can mark the plugins that passed. An entry is keyed by kind, name, version and the sha256 of the
 * plugin's module file (the semibench version for built-ins): editing or upgrading a plugin
 * makes its mark disappear until it is checked again.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SEMIBENCH_VERSION } from '../evaluate.js';
import { CONFORMANCE_SUITE_VERSION } from './types.js';
export const CHECK_CACHE_FILE = 'plugin-checks.json';
export function checkCacheKey(kind, meta, source) {
    const content = source.sha256 ?? (source.type === 'builtin' ? `builtin-${SEMIBENCH_VERSION}` : 'unknown');
    return `${kind}:${meta.name}@${meta.version}#${content}`;
}
async function readFileEntries(cacheDir) {
    const file = join(cacheDir, CHECK_CACHE_FILE);
    if (!existsSync(file))
        return {};
    try {
        const parsed = JSON.parse(await readFile(file, 'utf8'));
        return parsed.entries && typeof parsed.entries === 'object' ? parsed.entries : {};
    }
    catch {
        // A damaged cache only loses the marks; the next check rewrites it.
        return {};
    }
}
/** Check results of this installation, current suite version only. */
export async function readCheckCache(cacheDir) {
    const entries = await readFileEntries(cacheDir);
    return new Map(Object.entries(entries).filter(([, e]) => e.suiteVersion === CONFORMANCE_SUITE_VERSION));
}
/** Records a report (only reports of plugins that loaded have a key). */
export async function recordCheck(cacheDir, report) {
    if (!report.plugin || !report.source)
        return;
    const entries = await readFileEntries(cacheDir);
    entries[checkCacheKey(report.plugin.kind, report.plugin, report.source)] = {
        passed: report.passed,
        checkedAt: report.startedAt,
        suiteVersion: report.suiteVersion,
        counts: report.counts,
        failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.id),
    };
    await mkdir(cacheDir, { recursive: true });
    const file = join(cacheDir, CHECK_CACHE_FILE);
    const temp = `${file}.${process.pid}.tmp`;
    const body = { version: 1, entries };
    await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`);
    await rename(temp, file);
}
//# sourceMappingURL=cache.js.map