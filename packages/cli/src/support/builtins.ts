import { BuiltinRegistry, PluginLoader } from '@semibench/harness';
import { builtins as detectorBuiltins } from '@semibench/plugin-detectors';
import { builtins as editorBuiltins } from '@semibench/plugin-editors';
import { builtins as metricBuiltins } from '@semibench/plugin-metrics';

/** Every built-in plugin, as lazy registry entries (nothing heavy is imported here). */
export function builtinRegistry(): BuiltinRegistry {
  return new BuiltinRegistry([...detectorBuiltins, ...editorBuiltins, ...metricBuiltins]);
}

export function pluginLoader(cwd = process.cwd()): PluginLoader {
  return new PluginLoader({ builtins: builtinRegistry(), cwd });
}
