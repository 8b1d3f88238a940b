import { type CheckSession } from './session.js';
export declare function checkEditor(session: CheckSession<'editor'>): Promise<void>;
//# sourceMappingURL=editor.d.ts.map