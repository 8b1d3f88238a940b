/**
 * "Did you mean" for the CLI's own surface: misspelt commands (the command_not_found hook) and
 * misspelt flags (oclif's parse error, which otherwise prints the whole help, ~60 lines, after
 * one line of error). Plugin names have their own suggestions in the harness's plugin loader.
 */
import { editDistance } from '@semibench/harness';

/** The candidate nearest to `word`, when it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const d = editDistance(w, name.toLowerCase());
    if (!best || d < best.d || (d === best.d && name < best.name)) best = { name, d };
  }
  // Short words tolerate two edits, longer ones a third of their length (as the plugin loader does).
  return best && best.d <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/**
 * A usage error printed as one line (oclif's handler wraps long messages at 80 columns and, for
 * parse errors, appends the help). bin/run.js prints it and exits with `exitCode`.
 */
export class OneLineError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'OneLineError';
  }
}

/**
 * By name, not instanceof: under a test runner oclif may load the hook from src/ through its
 * TypeScript path mapping, so the hook's class is not the one bin/run.js imports from dist/.
 */
export function isOneLineError(error: unknown): error is OneLineError {
  return error instanceof Error && error.name === 'OneLineError' && typeof (error as Partial<OneLineError>).exitCode === 'number';
}

/** Shape of oclif's NonExistentFlagsError (its class is not exported by name). */
interface UnknownFlagsError extends Error {
  flags: string[];
  parse: { input: { flags: Record<string, { char?: string; aliases?: string[] }> } };
}

function isUnknownFlagsError(error: unknown): error is UnknownFlagsError {
  if (!(error instanceof Error) || !Array.isArray((error as Partial<UnknownFlagsError>).flags)) return false;
  const parse = (error as Partial<UnknownFlagsError>).parse;
  return typeof parse?.input?.flags === 'object';
}

/** The command words of an argv (everything before the first flag), e.g. `store export`. */
function commandWords(argv: readonly string[]): string {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
  }
  return words.join(' ');
}

/**
 * One line per unknown flag, with the nearest real flag when there is one, instead of oclif's
 * message followed by the full help. Any other error is returned unchanged.
 */
export function explainParseError(error: unknown, argv: readonly string[], bin: string): unknown {
  if (!isUnknownFlagsError(error)) return error;
  const defs = error.parse.input.flags;
  const names = [...Object.keys(defs), ...Object.values(defs).flatMap((f) => f.aliases ?? []), 'help'];
  const command = commandWords(argv);
  const parts = error.flags.map((raw) => {
    const flag = raw.replace(/=.*$/, '');
    const suggestion = flag.startsWith('--') ? closest(flag.slice(2), names) : undefined;
    return `unknown flag ${flag}${suggestion ? `; did you mean --${suggestion}?` : ''}`;
  });
  const help = `${bin}${command ? ` ${command}` : ''} --help`;
  return new OneLineError(`${parts.join('; ')} (${help} lists every flag)`);
}

/**
 * The nearest command to a misspelt id (`store:exprt`, or `zoo:shw:univfd` whose trailing words
 * are arguments): over every prefix of the id, the command nearest to one, with that prefix.
 */
export function closestCommand(id: string, ids: readonly string[]): { given: string; suggestion: string } | undefined {
  const words = id.split(':');
  let best: { given: string; suggestion: string; d: number } | undefined;
  for (let n = words.length; n > 0; n--) {
    const given = words.slice(0, n).join(':');
    const suggestion = closest(given, ids);
    if (!suggestion) continue;
    const d = editDistance(given.toLowerCase(), suggestion.toLowerCase());
    if (!best || d < best.d) best = { given, suggestion, d };
  }
  return best && { given: best.given, suggestion: best.suggestion };
}
