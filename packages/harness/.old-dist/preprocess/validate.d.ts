/**
 * Validation of preprocessing declarations that arrive as JSON (sidecar files, CLI options,
 * worker handshakes): every field is checked, unknown fields are refused, and errors say where
 * the declaration came from and which field is wrong.
 */
import type { DetectorInput, PreprocessSpec, TensorSpec } from '../contract.js';
export declare function validateTensorSpec(v: unknown, where: string, path?: string): TensorSpec;
/** Checks a `PreprocessSpec` that came from JSON; `where` names its source in errors. */
export declare function validatePreprocessSpec(v: unknown, where: string, path?: string): PreprocessSpec;
/** Checks a `DetectorInput` from JSON (a worker's handshake, a config file). */
export declare function validateDetectorInput(v: unknown, where: string, path?: string): DetectorInput;
//# sourceMappingURL=validate.d.ts.map