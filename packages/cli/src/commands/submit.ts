import { resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { createBundle } from '@semibench/harness';

export default class Submit extends Command {
  static override summary = 'Bundle a finished run for a leaderboard: predictions, manifest, maps and bundle.json with their sha256.';

  static override description = `Writes a gzip tar with the run's predictions.csv, manifest.json, its maps (a map_path column or a
maps/ folder, when the run has them) and bundle.json: the bundle format version, the sha256 and
size of every other file, the dataset fingerprint (the metadata's sha256 and, for hf: datasets, the
pinned commit), each detector's plugin, version, source and trainedOn, the blind/unblind flags and
the semibench versions. No scores: a leaderboard computes its own (\`semibench leaderboard build\`).

The run must be complete and unsharded (merge shards first). A leaderboard accepts it only when
every image of its dataset was predicted; the command warns when that will not be so. The same
run always gives the same bytes. See docs/leaderboard.md.`;

  static override examples = ['<%= config.bin %> submit runs/mine --out mine.tgz', '<%= config.bin %> submit runs/2026-12-01T10-00-00Z --out submissions/univfd.tgz --json'];

  static override args = {
    run: Args.string({ required: true, description: 'Run directory written by semibench eval (or merge).' }),
  };

  static override flags = {
    out: Flags.string({ char: 'o', required: true, summary: 'Bundle file to write (FILE.tgz).' }),
    json: Flags.boolean({ summary: 'Print the bundle.json written (and the bundle id) as JSON.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Submit);
    let result;
    try {
      result = await createBundle(resolve(args.run), resolve(flags.out));
    } catch (error) {
      this.error((error as Error).message, { exit: 2 });
    }
    for (const w of result.warnings) this.warn(w);
    if (flags.json) {
      this.log(JSON.stringify({ path: result.path, id: result.id, warnings: result.warnings, bundle: result.bundle }, null, 2));
      return;
    }
    const files = Object.keys(result.bundle.files).length;
    this.log(`Wrote ${result.path}: ${result.bundle.detectors.map((d) => d.name).join(', ')} on ${result.bundle.dataset.spec} (${files} file(s) + bundle.json)`);
    this.log(`bundle id (sha256 of bundle.json): ${result.id}`);
  }
}
