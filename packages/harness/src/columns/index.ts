/**
 * The column catalogue: every column semibench knows, once. Slices and their titles, the columns a
 * detector may receive, the eval set's column order, the loader's and the hub's aliases and the
 * change-metric binning are all derived from `COLUMNS` — adding a default slice is one entry here.
 *
 * Order matters twice: the array order is the order generation writes columns in (leading columns,
 * then `quality_flag`, then the metric plugins' columns, then the trailing ones) and the order
 * binned columns get their category columns; `sliceRank` is the order reports list slices in.
 */
export * from './bins.js';
export * from './catalogue.js';
