import type { OptionValue, PluginOptions } from '../contract.js';

/**
 * Secrets (tokens, API keys, passwords) in plugin options and the environment: hidden from
 * hashes, manifests, logs, errors and reports. One place, so every writer scrubs the same way.
 */

/**
 * Names whose values are secrets: tokens, passwords, API and access keys, credentials, `auth`
 * options and headers, `*_key` and camel-case `*Key` names. Matched case-insensitively except the
 * camel-case rule, which needs the capital to tell `accessKey` from `monkey`.
 */
const SECRET_NAME = /token|secret|password|passwd|api[-_]?key|access[-_]?key|authorization|credential|private[-_]?key|(^|[-_.])auth($|[-_.]|header|token)|[-_]key$/;
const CAMEL_KEY = /[a-z0-9]Key$/;

function isSecretName(name: string, declared: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  return declared.has(lower) || SECRET_NAME.test(lower) || CAMEL_KEY.test(name);
}

/** True for option, header and query names whose values semibench never writes in clear. */
export function looksSecretName(name: string): boolean {
  return isSecretName(name, new Set());
}

const REDACTED = '[redacted]';
/** URL userinfo (`scheme://user:pass@`), whatever the scheme. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@"'<>]+@/gi;
/** Query (or fragment) parameters with a secret-looking name, e.g. `?api_key=...&token=...`. */
const SECRET_QUERY_WORD = '[a-z0-9_.-]*(?:key|token|secret|password|passwd|pwd|auth|signature|credential|session)[a-z0-9_.-]*';
const SECRET_QUERY = new RegExp(`([?&#;])(${SECRET_QUERY_WORD})=([^&#\\s"'<>]*)`, 'gi');
const SECRET_QUERY_NAME = new RegExp(`^${SECRET_QUERY_WORD}$`, 'i');
/** An authorization header written out as text, or a bearer/basic credential on its own. */
const AUTH_TEXT = /\b(authorization|x-api-key|api-key)(["']?\s*[:=]\s*["']?)((?:bearer|basic|token)\s+)?[^\s"',;}]+/gi;
const SCHEME_TOKEN = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi;

/**
 * Redaction by shape, for secrets semibench was never told about: URL userinfo, secret-looking
 * query values and authorization headers in any text.
 */
function redactShapes(text: string): string {
  return text
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(SECRET_QUERY, (_m, sep: string, name: string) => `${sep}${name}=${REDACTED}`)
    .replace(AUTH_TEXT, (_m, name: string, eq: string, scheme: string | undefined) => `${name}${eq}${scheme ?? ''}${REDACTED}`)
    .replace(SCHEME_TOKEN, (_m, scheme: string) => `${scheme} ${REDACTED}`);
}

/**
 * The parts of one secret value that may show up alone: the token of an `Authorization`-style
 * value (`Bearer abc` -> `abc`), the user:password of a URL, and the value itself.
 */
function secretParts(value: string): string[] {
  const parts = [value];
  const scheme = /^\s*[A-Za-z][A-Za-z0-9_-]*\s+(\S+)\s*$/.exec(value);
  if (scheme) parts.push(scheme[1] as string);
  parts.push(...urlSecrets(value));
  return parts;
}

/** Userinfo parts and secret-looking query values of every URL in `text`. */
function urlSecrets(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi)) {
    let url: URL;
    try {
      url = new URL(match[0]);
    } catch {
      continue;
    }
    if (url.username) out.push(decodeURIComponent(url.username), url.username);
    if (url.password) out.push(decodeURIComponent(url.password), url.password);
    for (const [name, value] of url.searchParams) if (looksSecretName(name) || SECRET_QUERY_NAME.test(name)) out.push(value);
  }
  return out;
}

/**
 * Options whose values are secrets are replaced before anything is hashed or recorded, at any
 * depth (e.g. `headers.Authorization`). Secret names: the plugin's `secretOptions`, and any name
 * that looks like a token, key, password or credential.
 */
export function redactOptions(options: PluginOptions, secretNames: readonly string[] = []): Record<string, OptionValue> {
  const declared = new Set(secretNames.map((s) => s.toLowerCase()));
  const walk = (value: OptionValue): OptionValue => {
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, OptionValue> = {};
      for (const [k, v] of Object.entries(value)) out[k] = isSecretName(k, declared) ? REDACTED : walk(v);
      return out;
    }
    return typeof value === 'string' ? redactShapes(value) : value;
  };
  return walk(options as Record<string, OptionValue>) as Record<string, OptionValue>;
}

/** The secret values `redactOptions` hides (strings, at any depth), so they can be scrubbed from free text too. */
export function secretValues(options: PluginOptions, secretNames: readonly string[] = []): string[] {
  const declared = new Set(secretNames.map((s) => s.toLowerCase()));
  const found: string[] = [];
  const collect = (value: OptionValue): void => {
    if (typeof value === 'string') found.push(...secretParts(value));
    else if (typeof value === 'number') found.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const walk = (value: OptionValue): void => {
    if (typeof value === 'string') found.push(...urlSecrets(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) (isSecretName(k, declared) ? collect : walk)(v);
    }
  };
  walk(options as Record<string, OptionValue>);
  return found;
}

/** Secret-looking environment variables (HF_TOKEN, OPENAI_API_KEY, ...): their values never reach a file or log either. */
export function secretEnvValues(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value !== undefined && SECRET_NAME.test(name.toLowerCase()))
    .flatMap(([, value]) => secretParts(value as string));
}

/**
 * THE redaction of free text (messages, logs, files about to be written): every occurrence of a
 * known secret value (also in its JSON-escaped and URL-encoded forms) becomes [redacted], then
 * secrets recognisable by shape (URL userinfo, secret query values, authorization headers) do.
 * Values shorter than 6 characters are left alone: they are not credentials, and replacing them
 * would garble text.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 6) continue;
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1));
    forms.add(encodeURIComponent(s));
  }
  for (const s of [...forms].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  return redactShapes(out);
}

/**
 * Collects the secret values of one command (environment, plugin options) and redacts them from
 * everything it writes or prints. One instance per command, shared by its manifest writer, its
 * logger, its errors and its reports.
 */
export class Redactor {
  private readonly values: string[];

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.values = secretEnvValues(env);
  }

  /** Adds the secret values in a plugin's options (declared names, secret-looking names, URLs). */
  addOptions(options: PluginOptions, secretNames: readonly string[] = []): void {
    this.values.push(...secretValues(options, secretNames));
  }

  addValues(values: readonly string[]): void {
    for (const value of values) this.values.push(...secretParts(value));
  }

  get secrets(): readonly string[] {
    return this.values;
  }

  redact = (text: string): string => scrubSecrets(text, this.values);

  /** An error whose message (and stack) no longer carry a secret. */
  redactError(error: unknown): unknown {
    if (error instanceof Error) {
      error.message = this.redact(error.message);
      if (error.stack) error.stack = this.redact(error.stack);
    }
    return error;
  }
}


/**
 * A command line as recorded in a manifest: the value of every `NAME=VALUE` argument whose name
 * (or its last dotted part, as in `http.token=...`) looks secret is hidden, then the text passes
 * through the same redaction as everything else.
 */
export function redactArgv(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets = secretEnvValues(env);
  return argv.map((arg) => {
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq).replace(/^-+/, '') : '';
    const last = name.slice(name.lastIndexOf('.') + 1);
    const hidden = name !== '' && (looksSecretName(last) || looksSecretName(name)) ? `${arg.slice(0, eq + 1)}${REDACTED}` : arg;
    return scrubSecrets(hidden, secrets);
  });
}
