import type { ReportModel } from './model.js';
export interface ExampleScore {
    detector: string;
    score: number;
    prediction: 0 | 1;
}
export interface ExampleImage {
    key: string;
    imageId: string;
    dataUri: string;
    width: number;
    height: number;
    scores: ExampleScore[];
}
export interface ExampleSlice {
    kind: 'easiest' | 'hardest';
    slice: string;
    title: string;
    group: string;
    /** Mean detection rate over detectors. */
    meanValue: number;
    n: number;
    images: ExampleImage[];
}
export interface ExamplesResult {
    slices: ExampleSlice[];
    notes: string[];
    /** Bytes of embedded thumbnails (as base64 text). */
    bytes: number;
}
export interface ExamplesOptions {
    /** Largest total size of the embedded thumbnails, in bytes of base64 text (default 400 kB). */
    budgetBytes?: number;
    /** Longest side of a thumbnail in pixels (default 160). */
    size?: number;
    /** JPEG quality (default 70). */
    quality?: number;
    /** Slices shown per kind (default 2) and images per slice (default 4). */
    slicesPerKind?: number;
    imagesPerSlice?: number;
}
export declare const DEFAULT_THUMBNAIL_BUDGET = 400000;
export declare function buildExamples(model: ReportModel, options?: ExamplesOptions): Promise<ExamplesResult>;
//# sourceMappingURL=examples.d.ts.map