import { Command, Flags } from '@oclif/core';
import { verifyHubDataset } from '@semibench/harness';
import { failHub, hubFlags, hubOptions, hubSpecOrExit, specArg } from './info.js';

export default class DatasetVerify extends Command {
  static override summary = "Re-check every cached file of a Hugging Face dataset revision against the hub's hashes.";

  static override description = `Hashes each cached file (sha256 for LFS files, git sha1 otherwise) and compares it with the hash the hub lists for the revision, and checks every extracted archive's files against its member list. Files that were never downloaded are counted, not reported. Exits 1 when anything is damaged; --delete-corrupt removes the damaged copies so the next fetch downloads them again. Works offline once the revision's file list is cached.`;

  static override examples = [
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
    const spec = hubSpecOrExit(this, args.spec);
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
