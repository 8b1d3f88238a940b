import { join } from 'node:path';
import { Command, Flags } from '@oclif/core';
import { trainProbe } from '@semibench/plugin-detectors/probe/train';
import { cacheDir, stderrLogger } from '../../support/output.js';

export default class TrainProbe extends Command {
  static override summary = "Fit a linear probe (UnivFD's recipe) on a frozen ONNX backbone; the output directory is a detector.";

  static override description = `Features come from a named output of the backbone (--layer) and are stored in OUT/features/, so
fitting again is cheap. The head is L2 logistic regression; its strength is chosen by early stopping
along the regularisation path on a validation split grouped by source image (image_id), seeded.
OUT becomes a detector package (backbone reference, head, sidecar, MODEL_CARD.md with the training
data fingerprint): semibench eval --detector OUT. Scoring it on rows it was fitted on is flagged.`;

  static override examples = [
    '<%= config.bin %> train probe --backbone nsfwjs --dataset fixtures/semi-truths-mini --out probes/nsfwjs',
    '<%= config.bin %> train probe --backbone models/dinov2.onnx --layer features --dataset train-set/ --out probes/dinov2 --val 0.2 --seed 1',
  ];

  static override flags = {
    backbone: Flags.string({ required: true, summary: 'Backbone: "nsfwjs" (the pretrained MobileNetV2 of the nsfwjs package) or an .onnx file whose sidecar declares its preprocessing.' }),
    dataset: Flags.string({ required: true, summary: 'Training data: a directory with metadata.csv (eval-set layout).' }),
    out: Flags.string({ required: true, summary: 'Directory to write the probe package to.' }),
    layer: Flags.string({ summary: 'Backbone output to read features from (default: nsfwjs flatten_1; an exported backbone\'s sidecar output, else "features").' }),
    val: Flags.string({ default: '0.2', summary: 'Fraction of source images (image_id) held out for early stopping.' }),
    seed: Flags.integer({ default: 0, summary: 'Seed of the validation split.' }),
    json: Flags.boolean({ summary: 'Print the package manifest as JSON.' }),
    quiet: Flags.boolean({ char: 'q', summary: 'No progress output.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(TrainProbe);
    const valFraction = Number(flags.val);
    if (!(valFraction > 0 && valFraction < 1)) this.error(`--val must be a fraction in (0, 1), got ${flags.val}`, { exit: 2 });
    const result = await trainProbe({
      backbone: flags.backbone,
      dataset: flags.dataset,
      out: flags.out,
      ...(flags.layer ? { layer: flags.layer } : {}),
      valFraction,
      seed: flags.seed,
      baseDir: process.cwd(),
      cacheDir: join(cacheDir(), 'models'),
      logger: stderrLogger({ quiet: flags.quiet }),
    });
    if (flags.json) {
      this.log(JSON.stringify(result.manifest, null, 2));
      return;
    }
    const m = result.manifest;
    const best = m.fit.path.find((p) => p.C === m.fit.bestC);
    this.log(`${m.name}: ${result.features.dim} features (${result.features.computed} computed, ${result.features.reused} reused from ${result.features.file})`);
    this.log(`fitted on ${m.fit.trainRows} rows, validated on ${m.fit.valRows} (${m.fit.valGroups.length} source images): C ${m.fit.bestC}, val log-loss ${best?.valLoss.toFixed(4)}, val accuracy ${best?.valAccuracy.toFixed(3)}`);
    this.log(`training data ${m.trainedOn.fingerprint}`);
    this.log(`wrote ${result.dir} (MODEL_CARD.md); run it: semibench eval --detector ${flags.out} --dataset HELD_OUT_DATA`);
  }
}
