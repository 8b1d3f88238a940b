import { Command } from '@oclif/core';
import { describeHubDataset } from '@semibench/harness';
import { hubFlags, specArg } from '../../flags/hub.js';
import { describeLocalOrExit, failHub, formatHubDataset, formatLocalDataset, hubOptions, hubSpecOrExit, localDatasetPath } from '../../support/dataset.js';

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
    this.log(flags.json ? JSON.stringify(info, null, 2) : formatHubDataset(info).join('\n'));
  }
}
