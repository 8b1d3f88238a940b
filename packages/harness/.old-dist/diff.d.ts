export type ChangeKind = 'scores' | 'environment' | 'informational';
export interface ManifestChange {
    /** Dotted path; detectors are addressed by name: `detectors[brightness].identity.options.size`. */
    path: string;
    a: unknown;
    b: unknown;
    kind: ChangeKind;
    /** What the field means, for people. */
    note?: string;
}
export interface RowChange {
    key: string;
    a: number;
    b: number;
    /** The row is on the other side of the threshold in B. */
    flipped: boolean;
}
export interface DetectorPredictionDiff {
    detector: string;
    /** Rows with a prediction in both runs. */
    compared: number;
    /** Rows whose score differs, largest change first. */
    changed: RowChange[];
    flipped: number;
    /** Each run's decision threshold (score >= threshold is called fake). */
    thresholds: {
        a: number;
        b: number;
    };
    maxAbsDelta: number;
    meanAbsDelta: number;
    onlyA: string[];
    onlyB: string[];
    /** Set when the scores changed although no manifest field of the detector or dataset did. */
    unexplained?: string;
}
export interface ScoreChange {
    detector: string;
    slice: string;
    group: string;
    metric: string;
    a: number | null;
    b: number | null;
    nA: number | null;
    nB: number | null;
}
export interface RunDiff {
    a: string;
    b: string;
    manifest: ManifestChange[];
    detectors: {
        onlyA: string[];
        onlyB: string[];
    };
    predictions: DetectorPredictionDiff[];
    scores: ScoreChange[];
    /** Score cells compared (present in both runs). */
    scoresCompared: number;
    identical: boolean;
}
export declare function diffRuns(dirA: string, dirB: string): Promise<RunDiff>;
export interface FormatDiffOptions {
    /** Changed rows listed per detector (default 10). */
    rows?: number;
    /** Score changes listed (default 20). */
    scores?: number;
    /** Also list informational manifest changes. */
    all?: boolean;
}
/** The diff as text for people: manifest causes first, then their effect on rows and scores. */
export declare function formatRunDiff(diff: RunDiff, options?: FormatDiffOptions): string;
//# sourceMappingURL=diff.d.ts.map