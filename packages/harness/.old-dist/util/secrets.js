/**
 * Secrets (tokens, API keys, passwords) in plugin options and the environment: hidden from
 * hashes, manifests, logs, errors and reports. One place, so every writer scrubs the same way.
 */
const SECRET_NAME = /token|secret|password|passwd|api[-_]?key|authorization|credential|private[-_]?key/;
function isSecretName(name, declared) {
    const lower = name.toLowerCase();
    return declared.has(lower) || SECRET_NAME.test(lower);
}
/**
 * Options whose values are secrets are replaced before anything is hashed or recorded, at any
 * depth (e.g. `headers.Authorization`). Secret names: the plugin's `secretOptions`, and any name
 * that looks like a token, key, password or credential.
 */
export function redactOptions(options, secretNames = []) {
    const declared = new Set(secretNames.map((s) => s.toLowerCase()));
    const walk = (value) => {
        if (Array.isArray(value))
            return value.map(walk);
        if (value !== null && typeof value === 'object') {
            const out = {};
            for (const [k, v] of Object.entries(value))
                out[k] = isSecretName(k, declared) ? '[redacted]' : walk(v);
            return out;
        }
        return value;
    };
    return walk(options);
}
/** The secret values `redactOptions` hides (strings, at any depth), so they can be scrubbed from free text too. */
export function secretValues(options, secretNames = []) {
    const declared = new Set(secretNames.map((s) => s.toLowerCase()));
    const found = [];
    const collect = (value) => {
        if (typeof value === 'string')
            found.push(value);
        else if (typeof value === 'number')
            found.push(String(value));
        else if (Array.isArray(value))
            value.forEach(collect);
        else if (value !== null && typeof value === 'object')
            Object.values(value).forEach(collect);
    };
    const walk = (value) => {
        if (Array.isArray(value))
            value.forEach(walk);
        else if (value !== null && typeof value === 'object') {
            for (const [k, v] of Object.entries(value))
                (isSecretName(k, declared) ? collect : walk)(v);
        }
    };
    walk(options);
    return found;
}
/** Secret-looking environment variables (HF_TOKEN, OPENAI_API_KEY, ...): their values never reach a file or log either. */
export function secretEnvValues(env = process.env) {
    return Object.entries(env)
        .filter(([name, value]) => value !== undefined && SECRET_NAME.test(name.toLowerCase()))
        .map(([, value]) => value);
}
/**
 * Replaces every occurrence of a secret in `text` with [redacted]. Values shorter than 6
 * characters are left alone: they are not credentials, and replacing them would garble text.
 */
export function scrubSecrets(text, secrets) {
    let out = text;
    for (const s of [...new Set(secrets)].filter((v) => v.length >= 6).sort((a, b) => b.length - a.length))
        out = out.split(s).join('[redacted]');
    return out;
}
//# sourceMappingURL=secrets.js.map