/** Fitting detectors: the logistic probe, the grouped split, and the training-overlap check. */
export * from './logistic.js';
export * from './split.js';
export * from './overlap.js';
