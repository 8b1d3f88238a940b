export { KNOWN_SLICE_COLUMNS, DEFAULT_MIN_N, validateScoreOptions } from './types.js';
export { scoreDetectors, scoreTable } from './score.js';
export { ScoringTableBuilder, scoringColumns } from './table.js';
export { METRICS, METRIC_INDEX, wilsonInterval, normalQuantile } from './metrics.js';
export { percentileInterval } from './engine.js';
export * from './compare.js';
export * from './threshold.js';
export * from './io.js';
//# sourceMappingURL=index.js.map