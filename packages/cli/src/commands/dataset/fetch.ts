import { Command, Flags } from '@oclif/core';
import { hubRowSelector, materializeHubDataset, type Bzip2Decoder, type RowSelection } from '@semibench/harness';
import { hubFlags, specArg } from '../../flags/hub.js';
import { failHub, hubOptions, hubSpecOrExit } from '../../support/dataset.js';

export default class DatasetFetch extends Command {
  static override summary = 'Download a Hugging Face dataset, or just the rows a quick run needs, into the Hugging Face cache.';

  static override description = `Fetches metadata first, then only the files and .tar.bz2 archives holding the selected rows. Archives are extracted streaming into the cache; interrupted downloads resume; every file is checked against the hub's sha256/sha1 before use. The result is a folder in the eval-set layout (metadata.csv + images by image_path) that \`semibench eval --dataset\` reads; its path is printed.

Runs pinned to a commit sha (hf:OWNER/NAME@<sha>) work offline from the cache with no request. Set HF_TOKEN for gated or private datasets (it is sent as a bearer header and never printed).`;

  static override examples = [
    '<%= config.bin %> dataset fetch hf:semi-truths/Semi-Truths-Evalset',
    '<%= config.bin %> dataset fetch hf:semi-truths/Semi-Truths-Evalset --sample 2000 --stratify dataset,method --seed 1',
    '<%= config.bin %> dataset fetch hf:semi-truths/Semi-Truths-Evalset@<sha> --offline',
  ];

  static override args = { spec: specArg };
  static override flags = {
    ...hubFlags,
    limit: Flags.integer({ summary: 'Only the first N metadata rows.', min: 1, exclusive: ['sample'] }),
    sample: Flags.integer({ summary: 'A seeded random sample of N rows (proportional per stratum with --stratify).', min: 1 }),
    stratify: Flags.string({ summary: 'Column(s) to stratify the sample by (comma-separated or repeated).', multiple: true, delimiter: ',', dependsOn: ['sample'] }),
    seed: Flags.integer({ summary: 'Seed of the sample.', default: 0 }),
    masks: Flags.boolean({ summary: 'Also fetch the masks of the selected rows (mask_path).', default: false }),
    decoder: Flags.string({ summary: 'bzip2 decoder: system (lbzip2/bzip2 on PATH), js, or auto (default: SEMIBENCH_BZIP2, else auto).', options: ['auto', 'js', 'system'] }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(DatasetFetch);
    const spec = hubSpecOrExit(this, args.spec);
    let selection: RowSelection | undefined;
    const selector = hubRowSelector(
      {
        seed: flags.seed,
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
        ...(flags.sample !== undefined ? { sample: flags.sample } : {}),
        ...(flags.stratify?.length ? { stratify: flags.stratify } : {}),
      },
      (chosen) => {
        selection = chosen;
      },
    );
    let result;
    try {
      result = await materializeHubDataset(spec, {
        ...hubOptions(flags),
        masks: flags.masks,
        selectRows: selector,
        ...(flags.decoder ? { decoder: flags.decoder as Bzip2Decoder } : {}),
      });
    } catch (error) {
      failHub(this, error);
    }
    if (flags.json) {
      this.log(JSON.stringify({ ...result, selection: selection ?? null }, null, 2));
    } else {
      // Transfer statistics went to stderr with the progress; stdout says what a script needs.
      this.log(`dataset folder: ${result.root}`);
      this.log(`commit: hf:${result.repo}@${result.commitSha} (${result.layout} layout)`);
      if (selection) this.log(`rows: ${selection.selected} of ${selection.total} (${selection.method}${selection.stratify ? ` stratified by ${selection.stratify.join(', ')}` : ''}, seed ${flags.seed})`);
    }
    if (result.missing.length > 0) {
      this.error(`${result.missing.length} metadata path(s) were not found in the repository, e.g. ${result.missing.slice(0, 3).join(', ')}`, { exit: 1 });
    }
  }
}
