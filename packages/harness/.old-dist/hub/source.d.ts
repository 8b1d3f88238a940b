import type { OptionValue } from '../contract.js';
import { type MaterializeOptions, type MaterializedDataset } from './materialize.js';
import type { RowSelection, RowSelectionOptions } from './sampling.js';
export interface DatasetSourceOptions extends Omit<MaterializeOptions, 'selectRows'> {
    /** Rows the run will use (limit / seeded stratified sample); only their files are downloaded. */
    selection?: RowSelectionOptions;
    /** Directory that relative local specs are resolved against (default: the current directory). */
    cwd?: string;
}
export interface DatasetSource {
    /**
     * What to hand to `loadDataset` / `evaluate({ dataset })`: a local directory, or, for a hub
     * dataset with a row selection, a metadata file holding just the selected rows inside the
     * dataset folder (so the loader sees exactly the rows whose files were fetched).
     */
    path: string;
    /** For hub datasets: what was used, for `evaluate({ datasetProvenance })` and the manifest. */
    provenance?: Record<string, OptionValue>;
    hub?: MaterializedDataset;
    /** The row selection applied while choosing what to download, if any. */
    selection?: RowSelection;
}
/**
 * Turn a `--dataset` value into a local directory: `hf:OWNER/NAME[@REV]` is materialised from the
 * Hugging Face hub (see `materializeHubDataset`), anything else is a local path. The token is
 * never part of the provenance.
 *
 * `selection` applies to hub datasets only: only the selected rows' files are fetched and `path`
 * is a metadata file with just those rows, so the caller must not select again. Local paths are
 * returned unchanged (select their rows with `selectRows` on the loaded dataset).
 */
export declare function resolveDatasetSource(spec: string, options?: DatasetSourceOptions): Promise<DatasetSource>;
//# sourceMappingURL=source.d.ts.map