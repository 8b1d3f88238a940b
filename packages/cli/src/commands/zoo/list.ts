import { Command, Flags } from '@oclif/core';
import { RECIPES } from '@semibench/plugin-detectors/zoo/index';

export default class ZooList extends Command {
  static override summary = "List the Semi-Truths paper's detectors that semibench has recipes for.";

  static override description = `Each zoo detector declares the paper's preprocessing (as run, and as published), its decision
rule, the model inputs and outputs, and where the original weights come from. No weights ship with
semibench: bring an ONNX export (--option weights=x.onnx) or a Python worker (--option worker=...).`;

  static override examples = ['<%= config.bin %> zoo list', '<%= config.bin %> zoo show univfd'];

  static override flags = { json: Flags.boolean({ summary: 'Print JSON (the full recipes).' }) };

  async run(): Promise<void> {
    const { flags } = await this.parse(ZooList);
    if (flags.json) {
      this.log(JSON.stringify(RECIPES, null, 2));
      return;
    }
    const rows = RECIPES.map((r) => [`zoo:${r.name}`, r.routes.join('+'), r.title]);
    const w0 = Math.max(...rows.map((r) => (r[0] as string).length));
    const w1 = Math.max(...rows.map((r) => (r[1] as string).length), 'routes'.length);
    this.log(`${'name'.padEnd(w0)}  ${'routes'.padEnd(w1)}  detector`);
    for (const [name, routes, title] of rows) this.log(`${(name as string).padEnd(w0)}  ${(routes as string).padEnd(w1)}  ${title}`);
    this.log('\nsemibench zoo show NAME prints the full recipe.');
  }
}
