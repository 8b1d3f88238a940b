import { Args, Command, Flags } from '@oclif/core';
import { DEFAULT_RANK_METRIC, METRICS, buildLeaderboard } from '@semibench/harness';
import { leaderboardLines, leaderboardOptions } from '../../support/leaderboard.js';

export default class LeaderboardBuild extends Command {
  static override summary = 'Verify a folder of submitted bundles, score them and write a static leaderboard site.';

  static override description = `Reads every *.tgz / *.tar.gz bundle in DIR (made by \`semibench submit\`). A bundle is accepted only
when every file matches the sha256 in its bundle.json, bundle.json agrees with its manifest, its
dataset fingerprint equals --dataset's, and its predictions are well-formed and predict every row
of the dataset exactly once per detector; otherwise it is rejected with a named reason
(hash-mismatch, dataset-mismatch, missing-rows, duplicate-rows, unknown-rows,
malformed-predictions, unsafe-entry, ...). Bundles are unpacked safely: regular files only, no
absolute or .. paths, no links, with size caps.

Accepted bundles are scored by the leaderboard itself with eval's statistics (same metrics,
slices, seed, bootstrap and intervals; the flags below default to eval's), and ranked with paired
bootstrap comparisons into tie tiers. Writes SITE/index.html (static, self-contained, no network
requests), SITE/leaderboard.json, SITE/entries/*.json and SITE/cache/ (scores keyed by bundle hash
and settings, so adding a bundle scores only that bundle). See docs/leaderboard.md.`;

  static override examples = [
    '<%= config.bin %> leaderboard build submissions --dataset fixtures/semi-truths-mini --out site',
    '<%= config.bin %> leaderboard build submissions --dataset hf:semi-truths/Semi-Truths-Evalset@COMMIT --out public --rank-by roc_auc',
  ];

  static override args = {
    dir: Args.string({ required: true, description: 'Folder of submitted bundles (*.tgz, *.tar.gz).' }),
  };

  static override flags = {
    dataset: Flags.string({ required: true, summary: 'Dataset the leaderboard is on: a directory with metadata.csv, or hf:OWNER/NAME[@REV] (only its metadata is fetched).' }),
    out: Flags.string({ char: 'o', required: true, summary: 'Site folder to write (index.html, leaderboard.json, entries/, cache/).' }),
    title: Flags.string({ summary: 'Title of the site.', default: 'semibench leaderboard' }),
    'rank-by': Flags.string({ summary: `Overall metric the leaderboard ranks by (default ${DEFAULT_RANK_METRIC}).`, options: [...METRICS] }),
    bootstrap: Flags.integer({ summary: 'Bootstrap resamples per interval (default 1000, as eval).', min: 0 }),
    resample: Flags.string({ summary: 'What the bootstrap resamples (default cluster, as eval).', options: ['cluster', 'row'] }),
    seed: Flags.integer({ summary: 'Bootstrap seed (default 0, as eval).' }),
    threshold: Flags.string({ summary: 'Score at or above which an image is called fake (default 0.5, as eval).' }),
    confidence: Flags.string({ summary: 'Confidence level of the intervals (default 0.95, as eval).' }),
    slice: Flags.string({ multiple: true, summary: 'Slice column (repeatable). Default: every known slice column of the dataset, as eval.' }),
    'min-n': Flags.integer({ summary: 'Cells with fewer images are flagged as small (default 30).', min: 0 }),
    offline: Flags.boolean({ summary: 'hf: datasets from the local Hugging Face cache only.' }),
    json: Flags.boolean({ summary: 'Print leaderboard.json (and what was scored or recalled) on stdout.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(LeaderboardBuild);
    const threshold = flags.threshold === undefined ? undefined : Number(flags.threshold);
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) this.error(`--threshold must be in [0, 1], got ${flags.threshold}`, { exit: 2 });
    let result;
    try {
      result = await buildLeaderboard(leaderboardOptions(args.dir, flags, threshold));
    } catch (error) {
      this.error((error as Error).message, { exit: 2 });
    }
    if (flags.json) this.log(JSON.stringify({ site: result.site, stats: result.stats, leaderboard: result.json }, null, 2));
    else this.log(leaderboardLines(result).join('\n'));
  }
}
