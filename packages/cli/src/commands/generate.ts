import { resolve } from 'node:path';
import { Command, Flags } from '@oclif/core';
import { generate, generatePluginRequests, type GeneratePluginRequests } from '@semibench/harness';
import { pluginLoader } from '../support/builtins.js';
import { cacheDir, progressBar, stderrLogger } from '../support/output.js';
import { defaultGenerateInput, timestampDir } from '../support/paths.js';

export default class Generate extends Command {
  static override summary = 'Build a Semi-Truths-style dataset: perturb labels, edit masked regions, measure the change, bin it.';

  static override description = `Reads a generation input directory (metadata.csv with one row per mask, images/, masks/; the
layout of the Semi-Truths sample input) and, for every mask:
  1. perturbs the mask's label towards a semantic magnitude (small/medium/large, drawn by the
     seeded RNG) with --perturber, or takes earlier perturbations from --perturbations FILE
     (metadata_pert.json); flagged or empty perturbations are not edited (spec §3.2);
  2. edits the masked region with every --editor (method/model columns come from the editor);
  3. computes every --metric: QC checks (BRISQUE, CLIP) and change metrics (MSE, SSIM, post-edit
     ratio and components, LPIPS, DreamSim, sentence distance) on the edit resized to the source;
  4. sets pass_qc over the checks that ran, localisation, scene diversity/complexity, and
     5-quantile (*_category) and 25/75 (*_category3) bins over the QC-passed pools.
Writes OUT/metadata.csv (eval-set schema), OUT/original/..., OUT/<method>/<DS>/<model>/...png,
OUT/bins.json (edges as data), OUT/generation.json (plugins, seeds, settings) and OUT/errors.csv.
\`semibench eval --dataset OUT\` reads the result unchanged. Every finished edit is journaled:
--resume continues an interrupted run without redoing finished edits.`;

  static override examples = [
    '<%= config.bin %> generate --out runs/gen --editor telea --editor splice --metric pixel-change --metric brisque',
    '<%= config.bin %> generate --input ./my-input --out ./my-dataset --perturber llm --option llm.model=llama3 --editor sdwebui --option sdwebui.url=http://127.0.0.1:7860 --metric pixel-change',
    '<%= config.bin %> generate --out runs/gen --perturbations fixtures/semi-truths-sample/metadata_pert.json --editor telea --resume',
  ];

  static override flags = {
    input: Flags.string({ summary: 'Generation input directory (default: the bundled Semi-Truths sample input).' }),
    out: Flags.string({ char: 'o', summary: 'Output dataset directory (default runs/generate-<timestamp>).' }),
    perturber: Flags.string({ summary: 'Label perturber: rules (offline, default), llm (OpenAI-compatible endpoint), a path or a package.' }),
    perturbations: Flags.string({ summary: 'Use the perturbations in this metadata_pert.json instead of a perturber.' }),
    editor: Flags.string({ char: 'e', multiple: true, required: true, summary: 'Editor: telea, splice, sdwebui, a path or a package (repeatable).' }),
    metric: Flags.string({ char: 'm', multiple: true, summary: 'Metric: pixel-change, brisque, clip-qc, lpips, dreamsim, sentence, a path or a package (repeatable).' }),
    option: Flags.string({ multiple: true, summary: 'Plugin option NAME.key=value (NAME = the spec as given, e.g. sdwebui.steps=30); key=value applies to every plugin.' }),
    seed: Flags.integer({ default: 0, summary: 'Seed of every random draw (magnitudes, perturbations, edits).' }),
    limit: Flags.integer({ summary: 'Only the first N masks.' }),
    resume: Flags.boolean({ summary: 'Keep finished edits in --out and generate only the rest.' }),
    concurrency: Flags.integer({ default: 1, summary: 'Masks in flight at once (useful for remote editors and LLMs).' }),
    'parity-celeba-stem-match': Flags.boolean({ summary: "Reproduce the reference's CelebAHQ perturbation lookup by mask file stem (drops the sample's CelebAHQ row)." }),
    'parity-localization': Flags.boolean({ summary: 'Use the reference 512x512 constants for localisation and call rows without metrics localized.' }),
    'drop-celeba-stray-r': Flags.boolean({ summary: "Drop CelebAHQ's stray 'r' entity before counting scene diversity." }),
    quiet: Flags.boolean({ char: 'q', summary: 'No progress output.' }),
    json: Flags.boolean({ summary: 'Print the result (out, rows, reals, fakes, skippedMasks, errors, resumed) as JSON on stdout; no progress bar.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Generate);
    let plugins: GeneratePluginRequests;
    try {
      // --option key=value applies to every plugin, NAME.key=value to the one whose spec is NAME.
      plugins = generatePluginRequests({ editors: flags.editor ?? [], metrics: flags.metric ?? [], perturber: flags.perturber }, flags.option ?? []);
    } catch (error) {
      this.error((error as Error).message);
    }
    const { editors, metrics, perturber } = plugins;
    const logger = stderrLogger({ quiet: flags.quiet });
    const out = resolve(flags.out ?? timestampDir('runs').replace(/runs\//, 'runs/generate-'));
    const progress = progressBar('generate', 'masks', !flags.quiet && !flags.json);
    const result = await generate({
      input: resolve(flags.input ?? defaultGenerateInput()),
      out,
      loader: pluginLoader(),
      ...(flags.perturbations ? { perturbations: resolve(flags.perturbations) } : {}),
      ...(perturber ? { perturber } : {}),
      editors,
      metrics,
      seed: flags.seed,
      ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      resume: flags.resume,
      concurrency: flags.concurrency,
      parity: {
        celebaStemMatch: flags['parity-celeba-stem-match'],
        localizationConstants: flags['parity-localization'],
        dropCelebaStrayR: flags['drop-celeba-stray-r'],
      },
      cacheDir: cacheDir(),
      logger,
      onProgress: (p) => progress.update(p.done, p.total, { errors: p.errors, 'skipped by the label filter': p.skipped }),
    }).finally(() => progress.stop());
    if (flags.json) {
      this.log(JSON.stringify(result, null, 2));
      return;
    }
    this.log(`Wrote ${result.out}: ${result.reals} real + ${result.fakes} fake rows (${result.skippedMasks} masks skipped by the label filter, ${result.errors} errors, ${result.resumed} edits resumed).`);
    if (result.errors) this.warn(`${result.errors} edit(s) failed; see ${result.out}/errors.csv`);
    this.log(`Score it: semibench eval --dataset ${result.out} --detector noise-inconsistency`);
  }
}
