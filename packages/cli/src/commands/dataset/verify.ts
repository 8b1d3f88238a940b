import { Command, Flags } from '@oclif/core';
import { verifyHubDataset } from '@semibench/harness';
import { hubFlags, specArg } from '../../flags/hub.js';
import { describeLocalOrExit, failHub, formatLocalDataset, hubOptions, hubSpecOrExit, localDatasetPath } from '../../support/dataset.js';

export default class DatasetVerify extends Command {
  static override summary = "Check a local dataset's files, or re-check a Hugging Face revision's cached files against the hub's hashes.";

  static override description = `For a local directory: every image and mask the metadata names must exist, be non-empty and start
with the signature of the format its name says (PNG, JPEG, WebP, GIF, BMP, TIFF). Exits 1 when a file
is missing or damaged.

For hf:OWNER/NAME[@REV]: hashes each cached file (sha256 for LFS files, git sha1 otherwise) and compares it with the hash the hub lists for the revision, and checks every extracted archive's files against its member list. Files that were never downloaded are counted, not reported. Exits 1 when anything is damaged; --delete-corrupt removes the damaged copies so the next fetch downloads them again. Works offline once the revision's file list is cached.`;

  static override examples = [
    '<%= config.bin %> dataset verify ./my-dataset',
    '<%= config.bin %> dataset verify hf:semi-truths/Semi-Truths-Evalset',
    '<%= config.bin %> dataset verify hf:semi-truths/Semi-Truths-Evalset@<sha> --offline --delete-corrupt',
  ];

  static override args = { spec: specArg };
  static override flags = {
    ...hubFlags,
    'delete-corrupt': Flags.boolean({ summary: 'Delete damaged cached files and extracted folders.', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(DatasetVerify);
    const local = localDatasetPath(args.spec);
    if (local) {
      const info = await describeLocalOrExit(this, local, true);
      this.log(flags.json ? JSON.stringify(info, null, 2) : formatLocalDataset(info).join('\n'));
      if (info.problems.length) this.error(`${info.problems.length} file(s) missing or damaged`, { exit: 1 });
      return;
    }
    const spec = hubSpecOrExit(this, args.spec, true);
    let report;
    try {
      report = await verifyHubDataset(spec, { ...hubOptions(flags), deleteCorrupt: flags['delete-corrupt'] });
    } catch (error) {
      failHub(this, error);
    }
    if (flags.json) this.log(JSON.stringify(report, null, 2));
    else {
      this.log(`hf:${report.repo} commit ${report.commitSha}: ${report.ok}/${report.checked} cached file(s) intact, ${report.absent} not downloaded, ${report.extractedArchives} extracted archive(s) checked`);
      for (const problem of report.problems) this.log(`  DAMAGED ${problem.path}: ${problem.problem}${problem.deleted ? ' (deleted)' : ''}`);
    }
    if (report.problems.length > 0) {
      this.error(`${report.problems.length} damaged item(s)${flags['delete-corrupt'] ? ' deleted; fetch again to restore them' : '; rerun with --delete-corrupt, then fetch again'}`, { exit: 1 });
    }
  }
}
