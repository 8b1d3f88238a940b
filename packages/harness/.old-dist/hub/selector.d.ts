import { type RowSelection, type RowSelectionOptions } from './sampling.js';
/**
 * A `selectRows` callback for `materializeHubDataset` that applies `selectRows` (limit / seeded
 * stratified sample) to the dataset's metadata.csv in file order. `onSelection` receives what was
 * chosen, for the manifest. Returns null (every row) when neither limit nor sample is given.
 *
 * A loader that later applies `selectRows` with the same options to the same file (rows in file
 * order) gets exactly the same rows.
 */
export declare function hubRowSelector(options: RowSelectionOptions, onSelection?: (selection: RowSelection) => void): (metadataPath: string) => Promise<Set<string> | null>;
//# sourceMappingURL=selector.d.ts.map