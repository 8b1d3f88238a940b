import { Args, Command, Flags } from '@oclif/core';
import { diffRuns, formatRunDiff } from '@semibench/harness';

export default class Diff extends Command {
  static override summary = "Explain why two runs' scores differ.";

  static override description = `Compares two run directories in three layers: what changed in their manifests (dataset,
plugin versions and files, options, preprocessing, scoring settings, software versions), which
rows' predictions changed and by how much (and which moved across the threshold), and which
scores changed. Exit status 0 either way; --exit-code makes it 1 when the runs differ.`;

  static override examples = ['<%= config.bin %> diff runs/before runs/after', '<%= config.bin %> diff runs/a runs/b --rows 50 --all'];

  static override args = {
    a: Args.string({ required: true, description: 'First run directory.' }),
    b: Args.string({ required: true, description: 'Second run directory.' }),
  };

  static override flags = {
    json: Flags.boolean({ summary: 'Print the full diff as JSON.' }),
    rows: Flags.integer({ summary: 'Changed rows listed per detector.', default: 10 }),
    all: Flags.boolean({ summary: 'Also list manifest fields that do not change scores (times, paths, command).' }),
    'exit-code': Flags.boolean({ summary: 'Exit with status 1 when the runs differ in anything that changes scores.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Diff);
    const diff = await diffRuns(args.a, args.b);
    this.log(flags.json ? JSON.stringify(diff, null, 2) : formatRunDiff(diff, { rows: flags.rows, all: flags.all }));
    if (flags['exit-code'] && !diff.identical) this.exit(1);
  }
}
