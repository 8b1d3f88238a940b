import { Command, Flags } from '@oclif/core';
import { storeFlag } from '../../flags/store.js';
import { openStoreReadonly } from '../../support/store.js';

export default class StoreInfo extends Command {
  static override summary = 'Show what the prediction store holds: detectors, versions, prediction counts.';

  static override description = `Every detector configuration that ever wrote to the store, by store key
(NAME@VERSION#HASH: the hash covers options, weights identity and preprocessing), with how many
predictions it holds and when they were written.`;

  static override examples = ['<%= config.bin %> store info', '<%= config.bin %> store info --store ./shared.sqlite --json'];

  static override flags = {
    store: storeFlag,
    json: Flags.boolean({ summary: 'Print as JSON.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(StoreInfo);
    const store = openStoreReadonly(flags.store);
    try {
      const info = store.info();
      if (flags.json) {
        this.log(JSON.stringify(info, null, 2));
        return;
      }
      const size = info.bytes >= 1e6 ? `${(info.bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(info.bytes / 1e3)} kB`;
      this.log(`${info.path}  (${size}, ${info.schema}, journal ${info.journalMode})`);
      this.log(`${info.predictions} predictions from ${info.detectors.length} detector configuration(s)`);
      for (const d of info.detectors) {
        const when = d.firstWritten ? `  ${d.firstWritten} .. ${d.lastWritten}` : '';
        const input = typeof d.description.input === 'string' ? `\n    input: ${d.description.input}` : '';
        this.log(`  ${d.storeKey}  ${d.predictions} predictions${when}${input}`);
      }
    } finally {
      store.close();
    }
  }
}
