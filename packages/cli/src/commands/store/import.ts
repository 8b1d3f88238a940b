import { resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { PredictionStore, importPredictions } from '@semibench/harness';
import { storeFlag } from '../../flags/store.js';
import { storePath } from '../../support/store.js';

export default class StoreImport extends Command {
  static override summary = 'Add predictions to the store from an export CSV or another store file.';

  static override description = `Takes files written by \`semibench store export\` (either form) or other stores'
SQLite files (e.g. the node-local stores of a sharded run). Predictions the store already has are
kept unless --replace.`;

  static override examples = ['<%= config.bin %> store import node-3.sqlite node-4.sqlite', '<%= config.bin %> store import my-detector.store.csv --store ./shared.sqlite'];

  static override strict = false;

  static override args = {
    file: Args.string({ required: true, description: 'Export CSV or store file (repeatable).' }),
  };

  static override flags = {
    store: storeFlag,
    replace: Flags.boolean({ summary: 'Overwrite predictions the store already holds.' }),
    json: Flags.boolean({ summary: 'Print one JSON object per file (file, added, existing, replaced, detectors) as a JSON array on stdout.', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(StoreImport);
    const store = PredictionStore.open(storePath(flags.store));
    try {
      const results = [];
      for (const file of argv as string[]) {
        const counts = await importPredictions(store, resolve(file), flags.replace ? { replace: true } : {});
        results.push({ file, added: counts.added, existing: counts.existing, replaced: flags.replace === true, detectors: counts.detectors });
        if (!flags.json) this.log(`${file}: ${counts.added} added, ${counts.existing} already stored${flags.replace ? ' (replaced)' : ' (kept)'}, ${counts.detectors} new detector configuration(s)`);
      }
      if (flags.json) this.log(JSON.stringify(results, null, 2));
    } finally {
      store.close();
    }
  }
}
