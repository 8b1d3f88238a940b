import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { DetectorInstance, DetectorItem, PluginContext, PluginOptions } from '../contract.js';
import type { LoadedPlugin } from '../plugins/loader.js';
import { scrubSecrets, secretEnvValues, secretValues } from '../util/secrets.js';
import { handedOver, IsolatedDetector } from './detector.js';

/**
 * Where a detector plugin's code runs.
 *  - `worker`: path and package plugins (code the user pointed at) run in their own worker thread
 *    under a watchdog (isolation/detector.ts). Built-in detectors stay in-process: they are ours,
 *    and the heavy one (onnx) already runs its session off the main thread.
 *  - `none`: everything in-process, as before (debuggers and profilers see one thread).
 * Isolation protects the run, not the machine: a plugin is code the user chose to run, with the
 * user's rights (docs/security.md).
 */
export type IsolationMode = 'worker' | 'none';

export const ISOLATION_MODES: readonly IsolationMode[] = ['worker', 'none'];

/** The mode asked for (option, else SEMIBENCH_ISOLATION), default `worker`. */
export function isolationMode(requested?: string, env: NodeJS.ProcessEnv = process.env): IsolationMode {
  const value = requested ?? env['SEMIBENCH_ISOLATION'] ?? 'worker';
  if (value === 'worker' || value === 'none') return value;
  throw new Error(`isolation mode "${value}" is not one of ${ISOLATION_MODES.join(', ')} (--isolation or SEMIBENCH_ISOLATION)`);
}

/** create() for one detector, in-process or in a worker thread according to `mode`. */
export async function createDetectorInstance(
  loaded: LoadedPlugin<'detector'>,
  options: PluginOptions,
  context: PluginContext,
  mode: IsolationMode = isolationMode(),
): Promise<DetectorInstance> {
  const { plugin, source } = loaded;
  // A thread can only load a plugin from its file: built-ins and plugin objects handed over in
  // memory (tests, programmatic use) run in-process.
  const fromFile = source.type !== 'builtin' && isAbsolute(source.resolved) && existsSync(source.resolved);
  if (mode === 'none' || !fromFile) return plugin.create(options, context);
  const secrets = [...secretValues(options, plugin.meta.secretOptions), ...secretEnvValues()];
  const label = `${plugin.meta.name}@${plugin.meta.version}`;
  const init = { file: source.resolved, options, seed: context.seed, cacheDir: context.cacheDir, baseDir: context.baseDir };
  return IsolatedDetector.start(label, init, context, (text) => process.stderr.write(scrubSecrets(text, secrets)));
}

/**
 * Tells an isolated detector that the runner has no further use for these items' pixel, tensor
 * and mask buffers, so they may be transferred to its thread instead of copied.
 */
export function handOver(items: readonly DetectorItem[]): void {
  for (const item of items) handedOver.add(item);
}
