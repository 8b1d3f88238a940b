export * from './fma.js';
export * from './features.js';
export * from './model.js';
