/** A Hugging Face dataset repository at a revision (branch, tag or commit sha). */
export interface HubDatasetSpec {
    /** `owner/name`. */
    repo: string;
    /** Branch, tag or 40-hex commit sha; `main` when the spec names none. */
    revision: string;
}
/** A full git commit sha: the only revision that can be used without asking the hub. */
export declare const COMMIT_SHA_RE: RegExp;
/**
 * Parse `hf:owner/name[@revision]` (or `hf://datasets/owner/name[@revision]`, the form used by
 * Python's HfFileSystem). Returns null when the string is not an `hf:` spec at all, so callers can
 * fall back to treating it as a local directory; throws when it is one but malformed.
 */
export declare function parseHubSpec(spec: string): HubDatasetSpec | null;
/** Canonical text form of a spec, as recorded in manifests: `hf:owner/name@revision`. */
export declare function formatHubSpec(spec: HubDatasetSpec): string;
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
export declare function resolveHubSettings(input?: HubSettingsInput, env?: NodeJS.ProcessEnv): HubSettings;
//# sourceMappingURL=spec.d.ts.map