/** The command-line side of the `dataset` commands: local-or-hub dispatch, messages and exits. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '@oclif/core';
import {
  createHubProgressPrinter,
  DatasetError,
  describeLocalDataset,
  formatByteSize,
  HubDatasetError,
  parseHubSpec,
  type HubDatasetInfo,
  type HubDatasetSpec,
  type HubInspectOptions,
  type LocalDatasetInfo,
} from '@semibench/harness';

/** The spec as a local dataset directory (or metadata file), when it is one rather than hf:…. */
export function localDatasetPath(spec: string): string | undefined {
  return !spec.startsWith('hf:') && existsSync(spec) ? resolve(spec) : undefined;
}

/** Describes a local dataset; a malformed one is an expected outcome, printed without a stack. */
export async function describeLocalOrExit(command: Command, dir: string, verify: boolean): Promise<LocalDatasetInfo> {
  try {
    return await describeLocalDataset(dir, { verify });
  } catch (error) {
    if (error instanceof DatasetError) command.error(error.message, { exit: 1 });
    throw error;
  }
}

/** The local part of `dataset info` / `verify` as text. */
export function formatLocalDataset(info: LocalDatasetInfo): string[] {
  const lines = [
    `${info.root}: ${info.rows} rows (${info.classes.real} real, ${info.classes.fake} fake) from ${info.sourceImages} source images; metadata ${info.metadataPath} (sha256 ${info.metadataSha256.slice(0, 12)}…)`,
    `images: ${info.images.files} files, ${formatByteSize(info.images.bytes)}, formats ${Object.entries(info.images.formats).map(([f, n]) => `${f} ${n}`).join(', ') || 'none'}; ${info.images.missing} missing`,
    `masks: ${info.masks.files} files, ${formatByteSize(info.masks.bytes)}; ${info.masks.missing} missing`,
    info.slices.length ? `slices (${info.slices.length}), rows per group:` : 'slices: none of the known slice columns has a value',
  ];
  for (const s of info.slices) {
    const groups = Object.entries(s.groups);
    lines.push(`  ${s.column}: ${groups.slice(0, 8).map(([g, n]) => `${g} ${n}`).join(', ')}${groups.length > 8 ? `, … (${groups.length} groups)` : ''}`);
  }
  for (const p of info.problems.slice(0, 25)) lines.push(`  ${p.problem.startsWith('missing') || p.problem.startsWith('mask missing') ? 'MISSING' : 'DAMAGED'} ${p.path} (metadata line ${p.line}): ${p.problem}`);
  if (info.problems.length > 25) lines.push(`  ... and ${info.problems.length - 25} more (--json lists all)`);
  if (info.verified && info.problems.length === 0) lines.push(`verified: every image and mask is there, non-empty, and of the format its name says`);
  return lines;
}

/** `orDirectory`: the command also takes a local directory (info, verify), so say that none exists there. */
export function hubSpecOrExit(command: Command, spec: string, orDirectory = false): HubDatasetSpec {
  let parsed: HubDatasetSpec | null;
  try {
    parsed = parseHubSpec(spec);
  } catch (error) {
    command.error((error as Error).message, { exit: 2 });
  }
  if (!parsed) {
    const hint = orDirectory ? ', and no such directory exists; give a local dataset directory or hf:OWNER/NAME[@REVISION]' : '; expected hf:OWNER/NAME[@REVISION]';
    command.error(`'${spec}' is not a Hugging Face dataset spec${hint}`, { exit: 2 });
  }
  return parsed;
}

export function hubOptions(flags: { endpoint?: string | undefined; 'cache-dir'?: string | undefined; offline: boolean; json: boolean }): HubInspectOptions {
  return {
    ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
    ...(flags['cache-dir'] ? { cacheDir: flags['cache-dir'] } : {}),
    // The flag can only turn offline mode on; without it HF_HUB_OFFLINE decides.
    ...(flags.offline ? { offline: true } : {}),
    ...(flags.json ? {} : { onProgress: createHubProgressPrinter(process.stderr) }),
  };
}

/** Hub errors are expected outcomes with actionable messages: print them without a stack. */
export function failHub(command: Command, error: unknown): never {
  if (error instanceof HubDatasetError) command.error(error.message, { exit: error.code === 'offline-missing' ? 4 : 1 });
  throw error;
}

/** The hub part of `dataset info` as text: revision, layout, files and what of them is cached. */
export function formatHubDataset(info: HubDatasetInfo): string[] {
  const lines = [
    `hf:${info.repo}@${info.revision} = commit ${info.commitSha}`,
    `layout: ${info.layout ?? 'unknown (no metadata.csv or metadata/edited/*.csv)'}`,
    `files: ${info.files} (${formatByteSize(info.bytes)}); cache: ${info.cacheDir}${info.offline ? ' (offline)' : ''}`,
    `metadata rows: ${info.metadataRows ?? 'unknown until the metadata is fetched'}`,
  ];
  for (const file of info.metadata) lines.push(`  metadata  ${file.path}  ${formatByteSize(file.size)}  ${file.cached ? 'cached' : 'not cached'}`);
  for (const file of info.archives) {
    lines.push(`  archive   ${file.path}  ${formatByteSize(file.size)}  ${file.extracted ? 'extracted' : file.cached ? 'downloaded' : 'not cached'}`);
  }
  if (info.loose.files > 0) lines.push(`  other files: ${info.loose.files} (${formatByteSize(info.loose.bytes)}), ${info.loose.cached} cached`);
  return lines;
}
