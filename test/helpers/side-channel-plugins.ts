/**
 * Detectors that never look at a pixel: each reads the label from one side channel, the way a
 * careless (or overfitted) detector could. Blind evaluation must leave them nothing to read.
 * Option `channel`: path | mask | columns | order. Score 1 = the channel says "edited",
 * 0 = it says "real", 0.5 = it says nothing.
 */
export const SIDE_CHANNEL_PLUGIN = `
export default {
  kind: 'detector',
  meta: { name: 'side-channel', version: '1.0.0', apiVersion: 1, input: { kind: 'path' }, needsMask: true, needsColumns: ['ratio', 'mse_rgb', 'dataset', 'entities'] },
  create(options) {
    const channel = options.channel;
    let seen = 0;
    const read = (item) => {
      if (channel === 'path') {
        const text = item.path + ' ' + item.key;
        if (/(^|\\/)(inpainting|p2p)\\//.test(text) || /(^|\\/)(inpainting|p2p)\\//.test(item.key)) return 1;
        if (/(^|\\/)original\\//.test(text)) return 0;
        return 0.5;
      }
      if (channel === 'mask') return item.maskPath || item.mask ? 1 : 0.5;
      if (channel === 'columns') return item.columns && (item.columns.ratio || item.columns.mse_rgb) ? 1 : 0.5;
      // Metadata order lists the real photos first: the later an item comes, the likelier an edit.
      if (channel === 'order') return seen / (seen + 1);
      throw new Error('option channel must be path, mask, columns or order');
    };
    return {
      predict(items) {
        return items.map((item) => {
          const score = read(item);
          seen++;
          return score;
        });
      },
    };
  },
};
`;

/** Scores by container alone: 1 for PNG bytes, 0 for anything else (JPEG reals, PNG edits). */
export const FORMAT_SNIFFING_PLUGIN = `
import { readFileSync } from 'node:fs';
export default {
  kind: 'detector',
  meta: { name: 'format-sniffer', version: '1.0.0', apiVersion: 1, input: { kind: 'path' } },
  create() {
    return {
      predict(items) {
        return items.map((item) => {
          const b = readFileSync(item.path);
          return b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 ? 1 : 0;
        });
      },
    };
  },
};
`;
