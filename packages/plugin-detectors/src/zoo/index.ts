/**
 * `zoo:<name>` detectors: the paper's recipes (recipes.ts) bound to user-supplied weights.
 *
 *   --detector zoo:cnnspot --option weights=models/cnnspot.onnx [--option preprocess=semi-truths]
 *   --detector zoo:defake --option worker="python3 .../zoo/defake/worker.py" --option weights=./de-fake/
 *
 * With `weights` ending in .onnx (written by `semibench zoo export`) the built-in ONNX runner is
 * used with the recipe's preprocessing and output rule; with `worker` the Python bridge starts the
 * command and forwards every other option (weights, the mode as `preprocess`, its pipeline as
 * `preprocessing`) in its hello.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeInput, type DetectorInput, type DetectorPlugin, type OptionValue, type PluginOptions } from '@semibench/harness/plugin';
import { createOnnxInstance, type OnnxConfig } from '../onnx.js';
import { createPythonInstance } from '../python.js';
import { DEFAULT_PREPROCESS, findRecipe, PREPROCESS_MODES, RECIPES, type PreprocessMode, type ZooPreprocess, type ZooRecipe } from './recipes.js';

export { RECIPES, findRecipe, DEFAULT_PREPROCESS, PREPROCESS_MODES, type PreprocessMode, type ZooRecipe } from './recipes.js';

const ONNX_OPTIONS = ['weights', 'preprocess', 'parity', 'intraOpNumThreads', 'interOpNumThreads', 'batchSize', 'inProcess', 'inputName'];

/** The package's zoo/ directory (export scripts, workers, requirements), next to dist/ and src/. */
export const ZOO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../zoo');

/** Absolute path of one of a recipe's committed files. */
export function zooFile(recipe: ZooRecipe, which: keyof ZooRecipe['files']): string {
  const rel = recipe.files[which];
  if (!rel) throw new Error(`zoo:${recipe.name} has no ${which} file (it has: ${Object.keys(recipe.files).join(', ')})`);
  const path = join(ZOO_DIR, rel);
  if (!existsSync(path)) throw new Error(`zoo:${recipe.name}: ${path} is missing from this installation of @semibench/plugin-detectors`);
  return path;
}

function truthy(v: OptionValue | undefined): boolean {
  return v === true || v === 'true' || v === '1';
}

/** The preprocessing mode chosen by the options (`preprocess=`, or the older `parity=true`). */
export function preprocessMode(options: PluginOptions, who: string): PreprocessMode {
  const raw = options.preprocess ?? (truthy(options.parity) ? 'semi-truths' : undefined);
  if (raw === undefined) return DEFAULT_PREPROCESS;
  if (typeof raw === 'string' && (PREPROCESS_MODES as readonly string[]).includes(raw)) return raw as PreprocessMode;
  throw new Error(`${who}: preprocess=${JSON.stringify(raw)} is not a mode; use ${PREPROCESS_MODES.join(' or ')} (default ${DEFAULT_PREPROCESS})`);
}

function guide(recipe: ZooRecipe): string {
  const how = recipe.routes.includes('onnx')
    ? `semibench zoo export ${recipe.name} --checkpoint FILE --out models/, then --option weights=models/${recipe.name}.onnx`
    : recipe.routes.includes('worker')
      ? `--option worker="python3 $(semibench zoo show ${recipe.name} --path worker)"`
      : `semibench train probe on its exported backbone, then --detector PROBE_DIR`;
  return `zoo:${recipe.name} needs weights: ${how}. Run "semibench zoo show ${recipe.name}" for where to get them.`;
}

/** What the run records about the mode: name, whether it is blind, and where it comes from. */
function modeIdentity(recipe: ZooRecipe, mode: PreprocessMode, pre: ZooPreprocess): Record<string, OptionValue> {
  return { recipe: recipe.name, preprocess: mode, classDependent: pre.classDependent, preprocessSource: pre.source };
}

async function workerInstance(recipe: ZooRecipe, options: PluginOptions, context: Parameters<DetectorPlugin['create']>[1], mode: PreprocessMode) {
  if (!recipe.routes.includes('worker')) throw new Error(`zoo:${recipe.name} has no worker route. ${guide(recipe)}`);
  const pre = recipe.preprocess[mode];
  const forwarded: Record<string, OptionValue> = { recipe: recipe.name, preprocess: mode };
  if (pre.input.kind === 'tensor') forwarded.preprocessing = pre.input.preprocess as unknown as OptionValue;
  for (const [k, v] of Object.entries(options)) if (k !== 'worker' && k !== 'parity' && k !== 'preprocess') forwarded[k] = v;
  const instance = await createPythonInstance({ ...forwarded, command: options.worker as OptionValue }, context);
  const wanted: DetectorInput = pre.input;
  if (instance.input && describeInput(instance.input) !== describeInput(wanted)) {
    context.logger.warn(`zoo:${recipe.name}: the worker declares "${describeInput(instance.input)}", not the recipe's ${mode} "${describeInput(wanted)}"`);
  }
  return { ...instance, identity: { ...modeIdentity(recipe, mode, pre), ...(instance.identity ?? {}) } };
}

export function zooPlugin(recipe: ZooRecipe): DetectorPlugin {
  return {
    kind: 'detector',
    meta: {
      name: `zoo:${recipe.name}`,
      version: '2.0.0',
      apiVersion: 1,
      description: `${recipe.title}: the paper's recipe, with your weights (${recipe.routes.join(' or ')}).`,
      homepage: recipe.code,
      ...(recipe.needsColumns ? { needsColumns: recipe.needsColumns } : {}),
      ...(recipe.trainedOn ? { trainedOn: recipe.trainedOn } : {}),
      batchSize: 16,
    },
    async create(options: PluginOptions, context) {
      const who = `zoo:${recipe.name}`;
      const mode = preprocessMode(options, who);
      if (mode === 'semi-truths') context.logger.warn(`${who}: preprocess=semi-truths treats real and edited rows differently (mask-aware crop${recipe.name === 'univfd' ? ', blur on reals' : ''}): the run is not blind`);
      if (typeof options.worker === 'string' || Array.isArray(options.worker)) return workerInstance(recipe, options, context, mode);
      if (typeof options.weights !== 'string' || options.weights === '') throw new Error(guide(recipe));
      if (!recipe.routes.includes('onnx')) throw new Error(`${who} does not run from a single ONNX file. ${guide(recipe)}`);
      if (!/\.onnx$/i.test(options.weights)) throw new Error(`${who}: weights=${options.weights} is not an .onnx file; export it first: semibench zoo export ${recipe.name} --checkpoint ${options.weights}`);
      for (const k of Object.keys(options)) {
        if (!ONNX_OPTIONS.includes(k)) throw new Error(`${who}: unknown option "${k}" for the ONNX route; options: ${ONNX_OPTIONS.join(', ')}, or worker=...`);
      }
      const pre = recipe.preprocess[mode];
      if (pre.input.kind !== 'tensor') throw new Error(`${who}: preprocess=${mode} needs the worker route`);
      const config: OnnxConfig = {
        modelPath: isAbsolute(options.weights) ? options.weights : resolve(context.baseDir, options.weights),
        preprocessing: pre.input.preprocess,
        output: recipe.output,
        inProcess: truthy(options.inProcess),
        sidecar: {},
      };
      for (const k of ['intraOpNumThreads', 'interOpNumThreads', 'batchSize'] as const) {
        const v = options[k];
        if (v !== undefined && v !== null) {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0) throw new Error(`${who}: option ${k} must be a non-negative integer`);
          config[k] = n;
        }
      }
      if (typeof options.inputName === 'string') config.inputName = options.inputName;
      return createOnnxInstance(config, modeIdentity(recipe, mode, pre));
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

function modeLines(recipe: ZooRecipe, mode: PreprocessMode): string[] {
  const pre = recipe.preprocess[mode];
  const tag = `${mode}${mode === DEFAULT_PREPROCESS ? ' (default)' : ''}${pre.classDependent ? ' [class-dependent: not blind]' : ' [blind]'}`;
  return [`${tag}: ${describeInput(pre.input)}${pre.workerSteps ? `; ${pre.workerSteps}` : ''}`, `    from: ${pre.source}`];
}

/** The full recipe as text, for `semibench zoo show`. */
export function formatRecipe(recipe: ZooRecipe): string {
  const files = Object.entries(recipe.files).map(([k, rel]) => `${k}: ${join(ZOO_DIR, rel)}`);
  const out = [
    `zoo:${recipe.name} - ${recipe.title}`,
    `  paper: ${recipe.paper}`,
    `  code:  ${recipe.code}`,
    '',
    ...block('Architecture', [recipe.architecture]),
    ...block('Weights (not shipped; bring your own)', [...recipe.weights.files.map((f) => `- ${f}`), `source: ${recipe.weights.source}`]),
    ...block('Model contract', [`inputs:  ${recipe.modelInputs}`, `outputs: ${recipe.modelOutputs}`]),
    ...block('Decision rule', [recipe.decision, `semibench output interpretation: ${recipe.output.kind}${recipe.output.index !== undefined ? `:${recipe.output.index}` : ''}`]),
    ...block('Preprocessing (--option preprocess=authors|semi-truths)', PREPROCESS_MODES.flatMap((m) => modeLines(recipe, m))),
  ];
  if (recipe.needsColumns?.length) out.push(...block('Extra inputs', [`metadata columns passed with each image: ${recipe.needsColumns.join(', ')}`]));
  out.push(...block('Committed files (semibench zoo show NAME --path KIND)', files));
  out.push(...block('Steps', recipe.steps));
  out.push(...block('Notes', recipe.notes.map((n) => `- ${n}`)));
  if (recipe.trainedOn?.length) out.push(...block('Trained on', [recipe.trainedOn.join(', ') + ' (scores on these generators are flagged)']));
  return out.join('\n').trimEnd() + '\n';
}
