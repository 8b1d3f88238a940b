/**
 * `zoo:<name>` detectors: the paper's recipes (recipes.ts) bound to user-supplied weights.
 *
 *   --detector zoo:univfd --option weights=./univfd.onnx [--option parity=true]
 *   --detector zoo:defake --option worker="python3 defake_worker.py" --option weights=./de-fake/
 *
 * With `weights` ending in .onnx the built-in ONNX runner is used with the recipe's preprocessing
 * and output rule; with `worker` the Python bridge starts the command and forwards every other
 * option (weights, parity, the recipe's preprocessing as `preprocessing`) in its hello.
 */
import { isAbsolute, resolve } from 'node:path';
import { describeInput, type DetectorInput, type DetectorPlugin, type OptionValue, type PluginOptions } from '@semibench/harness/plugin';
import { createOnnxInstance, type OnnxConfig } from '../onnx.js';
import { createPythonInstance } from '../python.js';
import { findRecipe, RECIPES, type ZooRecipe } from './recipes.js';

export { RECIPES, findRecipe, type ZooRecipe } from './recipes.js';

const ONNX_OPTIONS = ['weights', 'parity', 'intraOpNumThreads', 'interOpNumThreads', 'batchSize', 'inProcess', 'inputName'];

function truthy(v: OptionValue | undefined): boolean {
  return v === true || v === 'true' || v === '1';
}

function guide(recipe: ZooRecipe): string {
  const how = recipe.routes.includes('onnx') ? `--option weights=./${recipe.name}.onnx` : `--option worker="python3 ${recipe.name}_worker.py"`;
  return `zoo:${recipe.name} needs weights: ${how}. Run "semibench zoo show ${recipe.name}" for where to get them and how to export them.`;
}

export function zooPlugin(recipe: ZooRecipe): DetectorPlugin {
  return {
    kind: 'detector',
    meta: {
      name: `zoo:${recipe.name}`,
      version: '1.0.0',
      apiVersion: 1,
      description: `${recipe.title}: the paper's recipe, with your weights (${recipe.routes.join(' or ')}).`,
      homepage: recipe.code,
      // The mask-aware crop of both pipelines reads the row's mask.
      needsMask: true,
      ...(recipe.needsColumns ? { needsColumns: recipe.needsColumns } : {}),
      ...(recipe.trainedOn ? { trainedOn: recipe.trainedOn } : {}),
      batchSize: 16,
    },
    async create(options: PluginOptions, context) {
      const parity = truthy(options.parity);
      const mode = parity ? 'parity' : 'default';
      const preprocessing = recipe.preprocessing[mode];
      const identity: Record<string, OptionValue> = { recipe: recipe.name, mode };
      if (typeof options.worker === 'string' || Array.isArray(options.worker)) {
        if (!recipe.routes.includes('worker')) throw new Error(`zoo:${recipe.name} has no worker route`);
        const forwarded: Record<string, OptionValue> = { recipe: recipe.name, parity, preprocessing: preprocessing as unknown as OptionValue };
        for (const [k, v] of Object.entries(options)) if (k !== 'worker' && k !== 'parity') forwarded[k] = v;
        const instance = await createPythonInstance({ ...forwarded, command: options.worker }, context);
        const wanted: DetectorInput = { kind: 'tensor', preprocess: preprocessing };
        if (instance.input && instance.input.kind !== 'path' && describeInput(instance.input) !== describeInput(wanted)) {
          context.logger.warn(`zoo:${recipe.name}: the worker declares "${describeInput(instance.input)}", not the recipe's ${mode} "${describeInput(wanted)}"`);
        }
        return { ...instance, identity: { ...identity, ...(instance.identity ?? {}) } };
      }
      if (typeof options.weights !== 'string' || options.weights === '') throw new Error(guide(recipe));
      if (!recipe.routes.includes('onnx')) throw new Error(`zoo:${recipe.name} runs only as a Python worker. ${guide(recipe)}`);
      if (!/\.onnx$/i.test(options.weights)) throw new Error(`zoo:${recipe.name}: weights=${options.weights} is not an .onnx file; export it first (semibench zoo show ${recipe.name})`);
      for (const k of Object.keys(options)) {
        if (!ONNX_OPTIONS.includes(k)) throw new Error(`zoo:${recipe.name}: unknown option "${k}" for the ONNX route; options: ${ONNX_OPTIONS.join(', ')}, or worker=...`);
      }
      const config: OnnxConfig = {
        modelPath: isAbsolute(options.weights) ? options.weights : resolve(context.baseDir, options.weights),
        preprocessing,
        output: recipe.output,
        inProcess: truthy(options.inProcess),
        sidecar: {},
      };
      for (const k of ['intraOpNumThreads', 'interOpNumThreads', 'batchSize'] as const) {
        const v = options[k];
        if (v !== undefined && v !== null) {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0) throw new Error(`zoo:${recipe.name}: option ${k} must be a non-negative integer`);
          config[k] = n;
        }
      }
      if (typeof options.inputName === 'string') config.inputName = options.inputName;
      return createOnnxInstance(config, identity);
    },
  };
}

/** The plugin registered as `zoo:<name>`, for the built-in table's lazy loaders. */
export function zooModule(name: string): { default: DetectorPlugin } {
  const recipe = findRecipe(name);
  if (!recipe) throw new Error(`no zoo detector "${name}"; known: ${RECIPES.map((r) => r.name).join(', ')}`);
  return { default: zooPlugin(recipe) };
}

function block(title: string, lines: readonly string[]): string[] {
  return [title, ...lines.map((l) => `  ${l}`), ''];
}

/** The full recipe as text, for `semibench zoo show`. */
export function formatRecipe(recipe: ZooRecipe): string {
  const out = [
    `zoo:${recipe.name} - ${recipe.title}`,
    `  paper: ${recipe.paper}`,
    `  code:  ${recipe.code}`,
    '',
    ...block('Architecture', [recipe.architecture]),
    ...block('Weights (not shipped; bring your own)', [...recipe.weights.files.map((f) => `- ${f}`), `source: ${recipe.weights.source}`]),
    ...block('Model contract', [`inputs:  ${recipe.modelInputs}`, `outputs: ${recipe.modelOutputs}`]),
    ...block('Decision rule', [recipe.decision, `semibench output interpretation: ${recipe.output.kind}${recipe.output.index !== undefined ? `:${recipe.output.index}` : ''}`]),
    ...block('Preprocessing', [
      `default (as published, fixed): ${describeInput({ kind: 'tensor', preprocess: recipe.preprocessing.default })}`,
      `parity  (as the paper ran it, --option parity=true): ${describeInput({ kind: 'tensor', preprocess: recipe.preprocessing.parity })}`,
    ]),
  ];
  if (recipe.needsColumns?.length) out.push(...block('Extra inputs', [`metadata columns passed with each image: ${recipe.needsColumns.join(', ')}`]));
  out.push(...block(recipe.routes.includes('onnx') ? 'Export to ONNX' : 'Run as a Python worker', recipe.export));
  const usage = recipe.routes.map((r) =>
    r === 'onnx'
      ? `semibench eval --detector zoo:${recipe.name} --option weights=./${recipe.name}.onnx [--option parity=true]`
      : `semibench eval --detector zoo:${recipe.name} --option worker="python3 ${recipe.name}_worker.py" --option weights=...`,
  );
  out.push(...block('Run', usage));
  out.push(...block('Notes', recipe.notes.map((n) => `- ${n}`)));
  if (recipe.trainedOn?.length) out.push(...block('Trained on', [recipe.trainedOn.join(', ') + ' (scores on these generators are flagged)']));
  return out.join('\n').trimEnd() + '\n';
}
