import { Args, Command, Flags } from '@oclif/core';
import { createHubProgressPrinter, describeHubDataset, formatByteSize, HubDatasetError, parseHubSpec, type HubDatasetSpec, type HubInspectOptions } from '@semibench/harness';

/** Connection flags shared by the `dataset` commands. The token is read from HF_TOKEN only, never from a flag (shell history, ps). */
export const hubFlags = {
  endpoint: Flags.string({ summary: 'Hub URL (default: env HF_ENDPOINT, else https://huggingface.co).' }),
  'cache-dir': Flags.string({ summary: 'Hugging Face cache (default: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub).' }),
  offline: Flags.boolean({ summary: 'Use only the cache; send no request (also: HF_HUB_OFFLINE=1).', default: false }),
  json: Flags.boolean({ summary: 'Print the result as JSON on stdout.', default: false }),
};

export const specArg = Args.string({ required: true, description: 'hf:OWNER/NAME[@REVISION], e.g. hf:semi-truths/Semi-Truths-Evalset' });

export function hubSpecOrExit(command: Command, spec: string): HubDatasetSpec {
  let parsed: HubDatasetSpec | null;
  try {
    parsed = parseHubSpec(spec);
  } catch (error) {
    command.error((error as Error).message, { exit: 2 });
  }
  if (!parsed) command.error(`'${spec}' is not a Hugging Face dataset spec; expected hf:OWNER/NAME[@REVISION]`, { exit: 2 });
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
  static override summary = 'Show what a Hugging Face dataset revision holds and how much of it is cached.';

  static override description = `Resolves the revision to a commit sha, lists the repository's files (one request, cached afterwards) and reports the layout (Semi-Truths eval set or full release), the metadata files, the archives with their sizes and whether each is downloaded and extracted, and the number of metadata rows when the metadata is cached. Downloads nothing else.`;

  static override examples = [
    '<%= config.bin %> dataset info hf:semi-truths/Semi-Truths-Evalset',
    'HF_ENDPOINT=http://127.0.0.1:8080 <%= config.bin %> dataset info hf:semi-truths/Semi-Truths-Evalset@main --json',
  ];

  static override args = { spec: specArg };
  static override flags = hubFlags;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(DatasetInfo);
    const spec = hubSpecOrExit(this, args.spec);
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
