import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import {
  createHubProgressPrinter,
  DatasetError,
  describeHubDataset,
  describeLocalDataset,
  formatByteSize,
  HubDatasetError,
  parseHubSpec,
  type HubDatasetSpec,
  type HubInspectOptions,
  type LocalDatasetInfo,
} from '@semibench/harness';

/** Connection flags shared by the `dataset` commands. The token is read from HF_TOKEN only, never from a flag (shell history, ps). */
export const hubFlags = {
  endpoint: Flags.string({ summary: 'Hub URL (default: env HF_ENDPOINT, else https://huggingface.co).' }),
  'cache-dir': Flags.string({ summary: 'Hugging Face cache (default: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub).' }),
  offline: Flags.boolean({ summary: 'Use only the cache; send no request (also: HF_HUB_OFFLINE=1).', default: false }),
  json: Flags.boolean({ summary: 'Print the result as JSON on stdout.', default: false }),
};

export const specArg = Args.string({ required: true, description: 'A local dataset directory, or hf:OWNER/NAME[@REVISION], e.g. hf:semi-truths/Semi-Truths-Evalset' });

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

export default class DatasetInfo extends Command {
  static override summary = 'Show what a local dataset directory or a Hugging Face dataset revision holds.';

  static override description = `For a local directory: rows, real and fake counts, source images, the slice columns with their
groups, the image and mask files (count, size, formats by extension) and which are missing.

For hf:OWNER/NAME[@REV]: resolves the revision to a commit sha, lists the repository's files (one request, cached afterwards) and reports the layout (Semi-Truths eval set or full release), the metadata files, the archives with their sizes and whether each is downloaded and extracted, and the number of metadata rows when the metadata is cached. Downloads nothing else.`;

  static override examples = [
    '<%= config.bin %> dataset info ./fixtures/semi-truths-mini',
    '<%= config.bin %> dataset info hf:semi-truths/Semi-Truths-Evalset',
    'HF_ENDPOINT=http://127.0.0.1:8080 <%= config.bin %> dataset info hf:semi-truths/Semi-Truths-Evalset@main --json',
  ];

  static override args = { spec: specArg };
  static override flags = hubFlags;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(DatasetInfo);
    const local = localDatasetPath(args.spec);
    if (local) {
      const info = await describeLocalOrExit(this, local, false);
      this.log(flags.json ? JSON.stringify(info, null, 2) : formatLocalDataset(info).join('\n'));
      return;
    }
    const spec = hubSpecOrExit(this, args.spec, true);
    let info;
    try {
      info = await describeHubDataset(spec, hubOptions(flags));
    } catch (error) {
      failHub(this, error);
    }
    if (flags.json) {
      this.log(JSON.stringify(info, null, 2));
      return;
    }
    this.log(`hf:${info.repo}@${info.revision} = commit ${info.commitSha}`);
    this.log(`layout: ${info.layout ?? 'unknown (no metadata.csv or metadata/edited/*.csv)'}`);
    this.log(`files: ${info.files} (${formatByteSize(info.bytes)}); cache: ${info.cacheDir}${info.offline ? ' (offline)' : ''}`);
    this.log(`metadata rows: ${info.metadataRows ?? 'unknown until the metadata is fetched'}`);
    for (const file of info.metadata) this.log(`  metadata  ${file.path}  ${formatByteSize(file.size)}  ${file.cached ? 'cached' : 'not cached'}`);
    for (const file of info.archives) {
      this.log(`  archive   ${file.path}  ${formatByteSize(file.size)}  ${file.extracted ? 'extracted' : file.cached ? 'downloaded' : 'not cached'}`);
    }
    if (info.loose.files > 0) this.log(`  other files: ${info.loose.files} (${formatByteSize(info.loose.bytes)}), ${info.loose.cached} cached`);
  }
}
