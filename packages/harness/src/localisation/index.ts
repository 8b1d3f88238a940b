/**
 * Localisation: detectors' per-pixel maps (contract `ScoredItem.map`), carried back to the image's
 * full size, stored as 8-bit PNGs, and scored against the rows' masks with pixel F1, IoU and AUC.
 */
export { mapProblem, quantiseMap, mapToImage, encodeMap, decodeMap, type EncodedMap } from './maps.js';
export { pixelScores, flaggedShare, maskForMap, MAP_POSITIVE, MASK_POSITIVE, type PixelScores } from './pixel.js';
export { scorePixels, scorePixelFiles, withPixelRecords, type PixelScoringSettings } from './scores.js';
export { runMapSink, copyMaps, mapFolder } from './files.js';
export { splitMetricResult, p2pMaskPath } from './change-mask.js';
