import type { DetectorInput, DetectorItem, OptionValue, PluginOptions } from '../contract.js';

/**
 * Messages between the harness and a plugin's worker thread (isolation/worker.ts). Plain data
 * (structured clone); pixel and tensor buffers travel in the transfer list.
 */

export interface WorkerInit {
  /** Absolute file of the plugin module (path and package plugins). */
  file: string;
  options: PluginOptions;
  seed: number;
  cacheDir: string;
  baseDir: string;
}

/** What `create()` returned, minus the functions. */
export interface InstanceShape {
  input?: DetectorInput;
  identity?: Record<string, OptionValue>;
  needsMask?: boolean;
  needsColumns?: string[];
  hasDispose: boolean;
}

export type ToWorker = { type: 'predict'; id: number; items: readonly DetectorItem[] } | { type: 'abort'; id: number } | { type: 'dispose' };

export type FromWorker =
  | { type: 'ready'; shape: InstanceShape }
  | { type: 'create-failed'; message: string }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'failed'; id: number; message: string }
  | { type: 'log'; level: 'debug' | 'info' | 'warn'; message: string }
  | { type: 'disposed' };
