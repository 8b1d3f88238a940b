import { resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { PredictionStore, defaultStorePath } from '@semibench/harness';
import { cacheDir } from './output.js';

/** `--store PATH`, shared by eval and the store commands. */
export const storeFlag = Flags.string({
  summary: 'Prediction store (SQLite file) to recall and record predictions.',
  description: 'Default: predictions.sqlite in the semibench cache directory (SEMIBENCH_CACHE, else $XDG_CACHE_HOME/semibench or ~/.cache/semibench). Keep it on a local disk: SQLite must not be shared over NFS.',
  env: 'SEMIBENCH_STORE',
});

/** The store path the flags select (the default one when none is given). */
export function storePath(flag: string | undefined): string {
  return resolve(flag ?? defaultStorePath(cacheDir()));
}

/** Opens the store for reading, with a message that says where it looked when it is missing. */
export function openStoreReadonly(flag: string | undefined): PredictionStore {
  return PredictionStore.open(storePath(flag), { readonly: true });
}
