/**
 * Worker-thread side of session.ts: loads one ONNX model and runs requests in order.
 * Kept minimal: all validation and interpretation happen on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { ortSessionOptions, toMeta, type FromWorker, type OutputTensor, type SessionOptions, type ToWorker } from './session.js';

const port = parentPort;
if (!port) throw new Error('session-worker.js must run as a worker thread');
const { modelPath, options } = workerData as { modelPath: string; options: SessionOptions };

const post = (msg: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);

try {
  const session = await ort.InferenceSession.create(modelPath, ortSessionOptions(options));
  port.on('message', (msg: ToWorker) => {
    void (async () => {
      try {
        const feeds: Record<string, ort.Tensor> = {};
        for (const [name, t] of Object.entries(msg.feeds)) feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
        const result = await session.run(feeds, msg.fetches);
        const outputs: Record<string, OutputTensor> = {};
        const transfer: ArrayBuffer[] = [];
        for (const name of msg.fetches) {
          const t = result[name];
          if (!t) throw new Error(`output ${name} missing from the session's result`);
          const data = t.data as OutputTensor['data'];
          outputs[name] = { data, dims: [...t.dims], type: t.type };
          transfer.push(data.buffer as ArrayBuffer);
        }
        post({ type: 'result', id: msg.id, outputs }, transfer);
      } catch (e) {
        post({ type: 'error', id: msg.id, message: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  post({ type: 'ready', inputs: toMeta(session.inputMetadata), outputs: toMeta(session.outputMetadata) });
} catch (e) {
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
}
