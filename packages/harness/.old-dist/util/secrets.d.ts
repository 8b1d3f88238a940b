import type { OptionValue, PluginOptions } from '../contract.js';
/**
 * Options whose values are secrets are replaced before anything is hashed or recorded, at any
 * depth (e.g. `headers.Authorization`). Secret names: the plugin's `secretOptions`, and any name
 * that looks like a token, key, password or credential.
 */
export declare function redactOptions(options: PluginOptions, secretNames?: readonly string[]): Record<string, OptionValue>;
/** The secret values `redactOptions` hides (strings, at any depth), so they can be scrubbed from free text too. */
export declare function secretValues(options: PluginOptions, secretNames?: readonly string[]): string[];
/** Secret-looking environment variables (HF_TOKEN, OPENAI_API_KEY, ...): their values never reach a file or log either. */
export declare function secretEnvValues(env?: NodeJS.ProcessEnv): string[];
/**
 * Replaces every occurrence of a secret in `text` with [redacted]. Values shorter than 6
 * characters are left alone: they are not credentials, and replacing them would garble text.
 */
export declare function scrubSecrets(text: string, secrets: readonly string[]): string;
//# sourceMappingURL=secrets.d.ts.map