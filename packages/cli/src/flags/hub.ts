import { Args, Flags } from '@oclif/core';

/** Connection flags shared by the `dataset` commands. The token is read from HF_TOKEN only, never from a flag (shell history, ps). */
export const hubFlags = {
  endpoint: Flags.string({ summary: 'Hub URL (default: env HF_ENDPOINT, else https://huggingface.co).' }),
  'cache-dir': Flags.string({ summary: 'Hugging Face cache (default: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub).' }),
  offline: Flags.boolean({ summary: 'Use only the cache; send no request (also: HF_HUB_OFFLINE=1).', default: false }),
  json: Flags.boolean({ summary: 'Print the result as JSON on stdout.', default: false }),
};

export const specArg = Args.string({ required: true, description: 'A local dataset directory, or hf:OWNER/NAME[@REVISION], e.g. hf:semi-truths/Semi-Truths-Evalset' });
