import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** This package's version, recorded in every manifest and report. */
export const SEMIBENCH_VERSION: string = (require('../../package.json') as { version: string }).version;
