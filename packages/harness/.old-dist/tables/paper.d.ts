import { roundHalfEven } from '../preprocess/geometry.js';
export declare const NOTEBOOK_TOLERANCE = 5e-7;
export declare const TABLE3_PAPER_TOLERANCE = 0.01;
export { roundHalfEven };
/** np.round(percent, 2) as the notebook printed Table 4: rint(percent·100)/100. */
export declare function roundPercent2(percent: number): number;
export interface ReferenceValues {
    /** Notebook fraction (6 dp). */
    notebook?: number;
    /** Paper value in percent (2 dp for Table 3, an integer for figures). */
    paper?: number;
}
/** Reference numbers of one slice-table cell; {} when the paper and notebook have none. */
export declare function referenceFor(tableKey: string | undefined, detector: string, group: string, metric: string): ReferenceValues;
/** Spec §8 tolerances: notebook within 5e-7; Table 3 within ±0.01 points; figures: half-even rounding equals the printed integer. */
export declare function withinTolerance(value: number, ref: ReferenceValues, paperFormat: 'percent2' | 'integer' | 'none'): {
    notebook?: boolean;
    paper?: boolean;
};
export interface ReferencePair {
    original: string;
    edited: string;
    count: number;
    recall_percent: number;
    f1_fake_percent?: number;
    kind?: 'easy' | 'hard';
}
/** Table 4 as the notebook listed it (top/bottom 10) and the paper's hand-picked pairs, for one detector. */
export declare function table4Reference(detector: string): {
    top10: ReferencePair[];
    bottom10: ReferencePair[];
    paper: ReferencePair[];
};
/** Detectors the paper kept for its slice analyses (UnivFD, CrossEfficientViT, DE-FAKE). */
export declare function sliceAnalysisDetectors(): string[];
//# sourceMappingURL=paper.d.ts.map