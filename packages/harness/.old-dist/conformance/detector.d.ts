import { type CheckSession } from './session.js';
/** Text handed to detectors that declare `needsColumns` (DE-FAKE-style caption detectors). */
export declare const SAMPLE_COLUMN_TEXT = "a photograph of a dog sitting on a wooden bench in a park";
export declare function checkDetector(session: CheckSession<'detector'>): Promise<void>;
//# sourceMappingURL=detector.d.ts.map