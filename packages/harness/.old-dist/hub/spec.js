import { getHFHubCachePath } from '@huggingface/hub';
const REPO_RE = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
/** A full git commit sha: the only revision that can be used without asking the hub. */
export const COMMIT_SHA_RE = /^[0-9a-f]{40}$/;
/**
 * Parse `hf:owner/name[@revision]` (or `hf://datasets/owner/name[@revision]`, the form used by
 * Python's HfFileSystem). Returns null when the string is not an `hf:` spec at all, so callers can
 * fall back to treating it as a local directory; throws when it is one but malformed.
 */
export function parseHubSpec(spec) {
    if (!spec.startsWith('hf:'))
        return null;
    let body = spec.slice(3);
    if (body.startsWith('//')) {
        body = body.slice(2);
        if (!body.startsWith('datasets/')) {
            throw new Error(`'${spec}': only dataset repositories are supported (expected hf://datasets/OWNER/NAME[@REV])`);
        }
        body = body.slice('datasets/'.length);
    }
    const at = body.indexOf('@');
    const repo = at < 0 ? body : body.slice(0, at);
    const revision = at < 0 ? 'main' : body.slice(at + 1);
    if (!REPO_RE.test(repo) || repo.includes('..')) {
        throw new Error(`'${spec}' is not a valid Hugging Face dataset spec: expected hf:OWNER/NAME[@REVISION], e.g. hf:semi-truths/Semi-Truths-Evalset@main`);
    }
    if (revision === '' || revision.split('/').some((part) => part === '' || part === '.' || part === '..')) {
        throw new Error(`'${spec}': the revision after '@' must be a branch, tag or commit sha`);
    }
    return { repo, revision };
}
/** Canonical text form of a spec, as recorded in manifests: `hf:owner/name@revision`. */
export function formatHubSpec(spec) {
    return `hf:${spec.repo}@${spec.revision}`;
}
const TRUTHY = new Set(['1', 'true', 'yes', 'on']);
export function resolveHubSettings(input = {}, env = process.env) {
    const endpoint = (input.endpoint ?? env['HF_ENDPOINT'] ?? 'https://huggingface.co').replace(/\/+$/, '');
    if (!/^https?:\/\//.test(endpoint))
        throw new Error(`HF endpoint '${endpoint}' must start with http:// or https://`);
    const token = input.token ?? nonEmpty(env['HF_TOKEN']) ?? nonEmpty(env['HUGGING_FACE_HUB_TOKEN']);
    // The client rejects other tokens with a message that quotes nothing useful; say what is wrong
    // here without echoing the value.
    if (token !== undefined && !token.startsWith('hf_')) {
        throw new Error('the Hugging Face token (HF_TOKEN) must start with "hf_"; create a read token at https://huggingface.co/settings/tokens');
    }
    const cacheDir = input.cacheDir ?? getHFHubCachePath();
    const offline = input.offline ?? TRUTHY.has((env['HF_HUB_OFFLINE'] ?? '').trim().toLowerCase());
    return { endpoint, token, cacheDir, offline };
}
function nonEmpty(value) {
    return value === undefined || value.trim() === '' ? undefined : value.trim();
}
//# sourceMappingURL=spec.js.map