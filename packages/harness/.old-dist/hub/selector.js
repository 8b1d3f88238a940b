import { readCsvRows } from './csv.js';
import { selectRows } from './sampling.js';
/**
 * A `selectRows` callback for `materializeHubDataset` that applies `selectRows` (limit / seeded
 * stratified sample) to the dataset's metadata.csv in file order. `onSelection` receives what was
 * chosen, for the manifest. Returns null (every row) when neither limit nor sample is given.
 *
 * A loader that later applies `selectRows` with the same options to the same file (rows in file
 * order) gets exactly the same rows.
 */
export function hubRowSelector(options, onSelection) {
    return async (metadataPath) => {
        if (options.limit === undefined && options.sample === undefined)
            return null;
        const rows = [];
        for await (const row of readCsvRows(metadataPath))
            rows.push(row);
        const chosen = selectRows(rows, options);
        onSelection?.(chosen.selection);
        return new Set(chosen.rows.map((row) => row['image_path'] ?? ''));
    };
}
//# sourceMappingURL=selector.js.map