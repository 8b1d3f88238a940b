import { Args, Command, Flags } from '@oclif/core';
import { findRecipe, formatRecipe, RECIPES, zooFile } from '@semibench/plugin-detectors/zoo/index';
import { closest } from '../../support/did-you-mean.js';

export default class ZooShow extends Command {
  static override summary = 'Print the complete recipe of one zoo detector: weights, export steps, preprocessing, decision rule.';

  static override examples = ['<%= config.bin %> zoo show univfd', '<%= config.bin %> zoo show zoo:defake --json', '<%= config.bin %> zoo show cnnspot --path export'];

  static override args = { name: Args.string({ required: true, description: `one of ${RECIPES.map((r) => r.name).join(', ')}` }) };

  static override flags = {
    json: Flags.boolean({ summary: 'Print the recipe as JSON.' }),
    path: Flags.string({ summary: 'Print only the absolute path of one committed file (for scripts: pip install -r "$(semibench zoo show cnnspot --path requirements)").', options: ['export', 'worker', 'requirements'] }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ZooShow);
    const recipe = findRecipe(args.name);
    if (!recipe) {
      const near = closest(args.name.replace(/^zoo:/i, ''), RECIPES.map((r) => r.name));
      this.error(`no zoo detector "${args.name}"${near ? `; did you mean "${near}"?` : ''} Known: ${RECIPES.map((r) => r.name).join(', ')} (semibench zoo list)`, { exit: 2 });
    }
    if (flags.path) {
      try {
        this.log(zooFile(recipe, flags.path as 'export' | 'worker' | 'requirements'));
      } catch (e) {
        this.error((e as Error).message, { exit: 2 });
      }
      return;
    }
    this.log(flags.json ? JSON.stringify(recipe, null, 2) : formatRecipe(recipe).trimEnd());
  }
}
