/**
 * Results of `semibench plugin check`, remembered per installation so `semibench plugins list`
 * can mark the plugins that passed. An entry is keyed by kind, name, version and the sha256 of the
 * plugin's module file (the semibench version for built-ins): editing or upgrading a plugin
 * makes its mark disappear until it is checked again.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginKind } from '../contract.js';
import { SEMIBENCH_VERSION } from '../run/version.js';
import type { PluginSource } from '../plugins/loader.js';
import { CONFORMANCE_SUITE_VERSION, type CheckStatus, type ConformanceReport } from './types.js';

export const CHECK_CACHE_FILE = 'plugin-checks.json';

export interface CheckCacheEntry {
  passed: boolean;
  checkedAt: string;
  suiteVersion: number;
  counts: Record<CheckStatus, number>;
  /** Ids of the failed checks, for a one-line reason. */
  failed: string[];
}

interface CheckCacheFile {
  version: 1;
  entries: Record<string, CheckCacheEntry>;
}

export function checkCacheKey(kind: PluginKind, meta: { name: string; version: string }, source: Pick<PluginSource, 'type' | 'sha256'>): string {
  const content = source.sha256 ?? (source.type === 'builtin' ? `builtin-${SEMIBENCH_VERSION}` : 'unknown');
  return `${kind}:${meta.name}@${meta.version}#${content}`;
}

async function readFileEntries(cacheDir: string): Promise<Record<string, CheckCacheEntry>> {
  const file = join(cacheDir, CHECK_CACHE_FILE);
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CheckCacheFile>;
    return parsed.entries && typeof parsed.entries === 'object' ? parsed.entries : {};
  } catch {
    // A damaged cache only loses the marks; the next check rewrites it.
    return {};
  }
}

/** Check results of this installation, current suite version only. */
export async function readCheckCache(cacheDir: string): Promise<Map<string, CheckCacheEntry>> {
  const entries = await readFileEntries(cacheDir);
  return new Map(Object.entries(entries).filter(([, e]) => e.suiteVersion === CONFORMANCE_SUITE_VERSION));
}

/** Records a report (only reports of plugins that loaded have a key). */
export async function recordCheck(cacheDir: string, report: ConformanceReport): Promise<void> {
  if (!report.plugin || !report.source) return;
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
  const body: CheckCacheFile = { version: 1, entries };
  await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`);
  await rename(temp, file);
}
