/** The probe pieces `semibench train probe` composes: backbones, stored features, the package format. */
export { openBackbone, resolveBackbone, type Backbone } from './backbone.js';
export { extractFeatures, type FeatureRow, type FeatureSet } from './features.js';
export { PACKAGE_VERSION, readProbePackage, writeProbePackage, type ProbeHead, type ProbeManifest, type TrainingRows } from './package.js';
