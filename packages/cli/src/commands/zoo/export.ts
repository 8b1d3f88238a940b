import { Args, Command, Flags } from '@oclif/core';
import { findRecipe, RECIPES } from '@semibench/plugin-detectors/zoo/index';
import { exportZooModel } from '@semibench/plugin-detectors/zoo/export';

export default class ZooExport extends Command {
  static override summary = "Export a zoo detector's checkpoint to ONNX with its committed, versioned export script, and write the sidecar.";

  static override description = `Runs packages/plugin-detectors/zoo/NAME/export.py with your Python (it needs torch and the
entry's requirements: semibench zoo show NAME --path requirements), writing OUT/NAME.onnx and
OUT/NAME.semibench.json. Then: semibench eval --detector zoo:NAME --option weights=OUT/NAME.onnx.`;

  static override examples = [
    '<%= config.bin %> zoo export cnnspot --checkpoint blur_jpg_prob0.1.pth --out models/',
    '<%= config.bin %> zoo export dire --checkpoint lsun_adm.pth --out models/ --python /usr/bin/python3',
  ];

  static override args = { name: Args.string({ required: true, description: `one of ${RECIPES.filter((r) => r.files.export).map((r) => r.name).join(', ')}` }) };

  static override flags = {
    checkpoint: Flags.string({ required: true, summary: "The authors' checkpoint file (see semibench zoo show NAME)." }),
    out: Flags.string({ default: '.', summary: 'Directory to write NAME.onnx and NAME.semibench.json to.' }),
    python: Flags.string({ default: 'python3', summary: 'Python interpreter that has torch (and the entry\'s requirements).' }),
    json: Flags.boolean({ summary: 'Print the result as JSON.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ZooExport);
    const recipe = findRecipe(args.name);
    if (!recipe) this.error(`no zoo detector "${args.name}"; known: ${RECIPES.map((r) => r.name).join(', ')} (semibench zoo list)`, { exit: 2 });
    if (!recipe.files.export) this.error(`zoo:${recipe.name} has no export script: it runs as a Python worker (semibench zoo show ${recipe.name})`, { exit: 2 });
    const result = await exportZooModel(recipe, {
      checkpoint: flags.checkpoint,
      outDir: flags.out,
      python: flags.python,
      onStderr: (t) => process.stderr.write(t),
    });
    if (flags.json) {
      this.log(JSON.stringify(result, null, 2));
      return;
    }
    this.log(`wrote ${result.onnx}\nwrote ${result.sidecar}`);
    const run = recipe.routes.includes('probe')
      ? `semibench train probe --backbone ${result.onnx} --layer features --dataset DS --out probes/${recipe.name}`
      : `semibench eval --detector zoo:${recipe.name} --option weights=${result.onnx}`;
    this.log(`next: ${run}`);
  }
}
