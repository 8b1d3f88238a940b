import { resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { formatScoreSummary, mergeRuns } from '@semibench/harness';
import { redactedArgv, stderrLogger } from '../support/output.js';

export default class Merge extends Command {
  static override summary = 'Combine the run directories of a sharded eval into one scored run.';

  static override description = `Each directory must be a complete shard of the same run (\`semibench eval --shard I/N\`,
or --shard auto under Kubernetes Indexed Jobs and Slurm job arrays): same metadata, detectors,
options and scoring settings, with every index 0..N-1 present once. The merged run directory has
the same predictions.csv, errors.csv, scores.csv and scores.json as a single-machine run of the
same data and seed would have. See docs/scale-out.md.`;

  static override examples = ['<%= config.bin %> merge runs/big/shard-* --out runs/big/merged', '<%= config.bin %> merge /results/shard-0 /results/shard-1 --out merged --dataset ./semi-truths'];

  static override strict = false;

  static override args = {
    run: Args.string({ required: true, description: 'Shard run directory (repeatable).' }),
  };

  static override flags = {
    out: Flags.string({ char: 'o', required: true, summary: 'Directory for the merged run.' }),
    dataset: Flags.string({ summary: "Dataset directory, when the shards' recorded path does not exist on this machine." }),
    json: Flags.boolean({ summary: 'Print the scores as JSON instead of the text summary.' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Merge);
    const result = await mergeRuns({
      runs: argv as string[],
      out: resolve(flags.out),
      ...(flags.dataset ? { dataset: resolve(flags.dataset) } : {}),
      logger: stderrLogger(),
      command: redactedArgv(['semibench', 'merge', ...this.argv]),
    });
    if (flags.json) {
      this.log(JSON.stringify({ outDir: result.outDir, shards: result.manifest.merged, counts: result.manifest.counts, scores: result.scores }, null, 2));
      return;
    }
    this.log(formatScoreSummary(result.scores, { confidence: result.manifest.scoring.confidence }));
    this.log('');
    this.log(`Wrote ${result.outDir}/{predictions.csv, scores.csv, scores.json, errors.csv, manifest.json}`);
    if (result.errors.length) this.warn(`${result.errors.length} image(s) could not be scored; see ${result.outDir}/errors.csv`);
  }
}
