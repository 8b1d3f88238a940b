import { getHFHubCachePath } from '@huggingface/hub';

/** A Hugging Face dataset repository at a revision (branch, tag or commit sha). */
export interface HubDatasetSpec {
  /** `owner/name`. */
  repo: string;
  /** Branch, tag or 40-hex commit sha; `main` when the spec names none. */
  revision: string;
}

const REPO_RE = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
/** A full git commit sha: the only revision that can be used without asking the hub. */
export const COMMIT_SHA_RE = /^[0-9a-f]{40}$/;

/**
 * Parse `hf:owner/name[@revision]` (or `hf://datasets/owner/name[@revision]`, the form used by
 * Python's HfFileSystem). Returns null when the string is not an `hf:` spec at all, so callers can
 * fall back to treating it as a local directory; throws when it is one but malformed.
 */
export function parseHubSpec(spec: string): HubDatasetSpec | null {
  if (!spec.startsWith('hf:')) return null;
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
export function formatHubSpec(spec: HubDatasetSpec): string {
  return `hf:${spec.repo}@${spec.revision}`;
}

/** Settings common to every hub operation, after applying the HF_* environment conventions. */
export interface HubSettings {
  endpoint: string;
  /** Bearer token; never printed, logged or recorded. */
  token: string | undefined;
  cacheDir: string;
  offline: boolean;
}

export interface HubSettingsInput {
  /** Default: env HF_ENDPOINT, else https://huggingface.co. */
  endpoint?: string;
  /** Default: env HF_TOKEN (or the older HUGGING_FACE_HUB_TOKEN). */
  token?: string;
  /** Default: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub (the Python layout). */
  cacheDir?: string;
  /** Default: env HF_HUB_OFFLINE set to 1/true/yes/on. */
  offline?: boolean;
}

const TRUTHY = new Set(['1', 'true', 'yes', 'on']);

export function resolveHubSettings(input: HubSettingsInput = {}, env: NodeJS.ProcessEnv = process.env): HubSettings {
  const endpoint = (input.endpoint ?? env['HF_ENDPOINT'] ?? 'https://huggingface.co').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(endpoint)) throw new Error(`HF endpoint '${endpoint}' must start with http:// or https://`);
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

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
