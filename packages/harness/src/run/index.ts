/**
 * run/: the run directory as data — its records (types.ts), files and their readers and writers
 * (files.ts) and the version stamped into it (version.ts). Report, store, merge, diff and resume
 * depend on this module, never on the orchestrator (evaluate.ts) or the runner.
 */
export * from './types.js';
export * from './files.js';
export * from './version.js';
