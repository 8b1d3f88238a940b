export * from './raster.js';
export * from './mse.js';
export * from './ssim.js';
export * from './components.js';
export * from './post-edit.js';
export * from './resize.js';
export * from './change-metrics.js';
