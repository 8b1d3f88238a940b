import { type CheckSession } from './session.js';
export declare function checkPerturber(session: CheckSession<'perturber'>): Promise<void>;
//# sourceMappingURL=perturber.d.ts.map