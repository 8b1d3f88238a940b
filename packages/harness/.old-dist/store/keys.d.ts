/**
 * What a stored prediction is keyed by. A prediction is found again by (detector store key,
 * input key): the detector's store key already covers name@version, options/weights identity and
 * the declared preprocessing; the input key covers everything about the row that reaches the
 * model. For most detectors that is only the image bytes, so a renamed, moved or re-downloaded
 * file is recognised. A detector that also sees the mask, metadata columns, or a crop drawn from
 * (run seed, row key) gets those folded into the input key, so a different mask, caption or seed
 * can never recall a score that was made from other inputs.
 */
import type { DetectorInput } from '../contract.js';
/** Which row inputs besides the image bytes a detector's scores depend on. */
export interface InputDependencies {
    /** The mask's bytes (the detector asks for the mask, or a step crops around it). */
    mask: boolean;
    /** The run seed and the row key (a step draws a random crop seeded by both). */
    seededByRow: boolean;
    /** Metadata columns handed to the detector, by name. */
    columns: readonly string[];
}
export declare function inputDependencies(input: DetectorInput, needsMask: boolean, needsColumns: readonly string[]): InputDependencies;
/** Hashes of one row's files, as the runner read them. */
export interface RowContent {
    /** sha256 (hex) of the image bytes. */
    image: string;
    /** sha256 (hex) of the mask bytes; '' when the row has no mask. */
    mask?: string;
}
export interface RowContext {
    key: string;
    columns: Readonly<Record<string, string>>;
    seed: number;
}
/** True when the image hash alone identifies a prediction of this detector. */
export declare function dependsOnImageOnly(deps: InputDependencies): boolean;
/** The input key of one row for one detector (64 hex characters). */
export declare function predictionInputKey(deps: InputDependencies, content: RowContent, row: RowContext): string;
//# sourceMappingURL=keys.d.ts.map