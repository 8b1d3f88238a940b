import { resolve } from 'node:path';
import { Command } from '@oclif/core';
import { generate, generatePluginRequests, type GeneratePluginRequests } from '@semibench/harness';
import { generateFlags } from '../flags/generate.js';
import { generateOptions, generateSummary } from '../support/generate-run.js';
import { progressBar, stderrLogger } from '../support/output.js';
import { timestampDir } from '../support/paths.js';

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

  static override flags = generateFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(Generate);
    let plugins: GeneratePluginRequests;
    try {
      // --option key=value applies to every plugin, NAME.key=value to the one whose spec is NAME.
      plugins = generatePluginRequests({ editors: flags.editor ?? [], metrics: flags.metric ?? [], perturber: flags.perturber }, flags.option ?? []);
    } catch (error) {
      this.error((error as Error).message);
    }
    const logger = stderrLogger({ quiet: flags.quiet });
    const out = resolve(flags.out ?? timestampDir('runs').replace(/runs\//, 'runs/generate-'));
    const progress = progressBar('generate', 'masks', !flags.quiet && !flags.json);
    const result = await generate(generateOptions(flags, plugins, { out, logger, progress })).finally(() => progress.stop());
    if (flags.json) {
      this.log(JSON.stringify(result, null, 2));
      return;
    }
    this.log(generateSummary(result));
    if (result.errors) this.warn(`${result.errors} edit(s) failed; see ${result.out}/errors.csv`);
    this.log(`Score it: semibench eval --dataset ${result.out} --detector noise-inconsistency`);
  }
}
