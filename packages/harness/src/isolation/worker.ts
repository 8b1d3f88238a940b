/**
 * The thread side of plugin isolation: loads one detector plugin, creates its instance and runs
 * predict() on request. Anything the plugin does to this thread (process.exit, a busy loop, an
 * uncaught exception from a stray timer, an unhandled rejection) ends only this thread; the
 * harness (isolation/detector.ts) turns that into the detector's failure.
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { DetectorInstance, DetectorItem, DetectorPlugin, Logger } from '../contract.js';
import { pluginFromModule, validatePlugin } from '../plugins/validate.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('isolation/worker.js runs only as a worker thread');
const init = workerData as WorkerInit;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const logger: Logger = {
  debug: (message) => post({ type: 'log', level: 'debug', message: String(message) }),
  info: (message) => post({ type: 'log', level: 'info', message: String(message) }),
  warn: (message) => post({ type: 'log', level: 'warn', message: String(message) }),
};
const runController = new AbortController();
const inFlight = new Map<number, AbortController>();
let instance: DetectorInstance | undefined;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function start(): Promise<void> {
  try {
    // An ES module needs no transpiler: Node imports it directly (faster thread start-up);
    // TypeScript and CommonJS go through jiti, as in the loader.
    const mod = init.file.endsWith('.mjs')
      ? ((await import(pathToFileURL(init.file).href)) as unknown)
      : await (await import('jiti')).createJiti(import.meta.url, { moduleCache: false, fsCache: false, interopDefault: false }).import(init.file);
    const plugin = validatePlugin(pluginFromModule(mod, init.file), init.file, 'detector') as DetectorPlugin;
    instance = await plugin.create(init.options, { seed: init.seed, cacheDir: init.cacheDir, baseDir: init.baseDir, logger, signal: runController.signal });
  } catch (error) {
    post({ type: 'create-failed', message: message(error) });
    return;
  }
  if (!instance || typeof instance.predict !== 'function') {
    post({ type: 'create-failed', message: 'create() must return an object with predict(items).' });
    return;
  }
  const { input, identity, needsMask, needsColumns } = instance;
  post({
    type: 'ready',
    shape: {
      ...(input ? { input } : {}),
      ...(identity ? { identity: { ...identity } } : {}),
      ...(needsMask !== undefined ? { needsMask } : {}),
      ...(needsColumns ? { needsColumns: [...needsColumns] } : {}),
      hasDispose: typeof instance.dispose === 'function',
    },
  });
}

async function predict(id: number, items: readonly DetectorItem[]): Promise<void> {
  const controller = new AbortController();
  inFlight.set(id, controller);
  try {
    const result = await (instance as DetectorInstance).predict(items, controller.signal);
    post({ type: 'result', id, result });
  } catch (error) {
    post({ type: 'failed', id, message: message(error) });
  } finally {
    inFlight.delete(id);
  }
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'predict') void predict(msg.id, msg.items);
  else if (msg.type === 'abort') inFlight.get(msg.id)?.abort(new Error('predict() was stopped by the harness'));
  else if (msg.type === 'dispose') {
    void Promise.resolve(instance?.dispose?.())
      .catch(() => undefined)
      .then(() => post({ type: 'disposed' }));
  }
});

void start();
