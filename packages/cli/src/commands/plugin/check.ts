import { Args, Command, Flags } from '@oclif/core';
import {
  checkPlugin,
  DEFAULT_BUDGETS,
  DEFAULT_CHECK_TIMEOUT_MS,
  formatCheck,
  formatSummary,
  parseOptionAssignments,
  PLUGIN_KINDS,
  recordCheck,
  type OptionValue,
  type PluginKind,
} from '@semibench/harness';
import { pluginLoader } from '../../support/builtins.js';
import { cacheDir, stderrLogger } from '../../support/output.js';
import { conformanceBudgets, parseImageSize } from '../../support/plugin-check.js';

export default class PluginCheck extends Command {
  static override summary = 'Run the conformance suite on a plugin and report what passes and what to fix.';

  static override description = `Loads SPEC the way eval and generate do (built-in name, path to a file or package directory, or installed npm package) and runs it on images made for the purpose. Checks: contract shape and meta; create(); output count, type and range; determinism (a repeated call, and a fresh instance with the same seed); batch of 1 vs. many and item order (detectors); greyscale, RGBA, tiny and large images; time and memory per item, and memory growth across calls; dispose() releasing timers, sockets, processes and memory. Detectors get their input exactly as eval prepares it.

Exits 1 when a check fails. The result is remembered by name, version and file hash, and \`semibench plugins list\` marks the plugins that passed. See docs/plugin-authors.md.`;

  static override examples = [
    '<%= config.bin %> plugin check ./semibench-plugin-foo',
    '<%= config.bin %> plugin check ./my-detector.mjs --option weights=./model.onnx',
    '<%= config.bin %> plugin check noise-inconsistency --json',
    '<%= config.bin %> plugin check foo --max-ms-per-item 200 --large 4000x3000',
  ];

  static override args = {
    spec: Args.string({ required: true, description: 'Plugin to check: built-in name, path (file or package directory), or installed npm package name.' }),
  };

  static override flags = {
    kind: Flags.string({ summary: 'Expected kind (default: whatever the plugin declares).', options: [...PLUGIN_KINDS] }),
    option: Flags.string({ multiple: true, summary: 'Plugin option key=value (JSON values allowed), as eval --option.' }),
    seed: Flags.integer({ summary: 'Seed for the test images and context.seed.', default: 0 }),
    timeout: Flags.integer({ summary: `Seconds one call (create, predict, edit, ...) may take (default ${DEFAULT_CHECK_TIMEOUT_MS / 1000}).` }),
    'max-ms-per-item': Flags.integer({ summary: `Time budget per item, steady state (default ${DEFAULT_BUDGETS.msPerItem}).` }),
    'max-mb-per-item': Flags.integer({ summary: `Peak memory budget per item in MB (default ${DEFAULT_BUDGETS.peakMbPerItem}).` }),
    'max-leak-kb-per-item': Flags.integer({ summary: `Memory growth allowed per repeated item in KB (default ${DEFAULT_BUDGETS.leakKbPerItem}).` }),
    'max-retained-mb': Flags.integer({ summary: `Memory allowed to stay reachable after dispose() in MB (default ${DEFAULT_BUDGETS.retainedMbAfterDispose}).` }),
    large: Flags.string({ summary: 'Size of the large test image, WIDTHxHEIGHT (default 3000x2000).' }),
    json: Flags.boolean({ summary: 'Print the report as JSON.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PluginCheck);
    const options: Record<string, OptionValue> = {};
    for (const { target, key, value } of parseOptionAssignments(flags.option ?? [])) {
      if (target !== undefined) this.error(`--option ${target}.${key}: plugin check takes plain key=value options (there is only one plugin).`);
      options[key] = value;
    }
    const cache = cacheDir();
    const report = await checkPlugin(args.spec, {
      loader: pluginLoader(process.cwd()),
      ...(flags.kind ? { kind: flags.kind as PluginKind } : {}),
      options,
      seed: flags.seed,
      cacheDir: cache,
      logger: stderrLogger(),
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout * 1000 } : {}),
      budgets: conformanceBudgets(flags),
      ...(flags.large ? { largeSize: this.largeSize(flags.large) } : {}),
      ...(flags.json ? {} : { onCheck: (result) => this.log(formatCheck(result)) }),
    });
    try {
      await recordCheck(cache, report);
    } catch (error) {
      this.warn(`could not remember the result in ${cache}: ${(error as Error).message}`);
    }
    if (flags.json) this.log(JSON.stringify(report, null, 2));
    else this.log(`\n${formatSummary(report)}`);
    // Exit explicitly: a plugin that leaks a timer (reported above) would otherwise keep the process alive.
    this.exit(report.passed ? 0 : 1);
  }

  /** `--large WIDTHxHEIGHT` → [height, width]. */
  private largeSize(text: string): [number, number] {
    return parseImageSize(text) ?? this.error(`--large ${text}: expected WIDTHxHEIGHT, e.g. 3000x2000`);
  }
}
