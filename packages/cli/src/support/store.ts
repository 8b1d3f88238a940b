import { resolve } from 'node:path';
import { PredictionStore, defaultStorePath } from '@semibench/harness';
import { cacheDir } from './output.js';

/** The store path `--store` selects (the default one when none is given). */
export function storePath(flag: string | undefined): string {
  return resolve(flag ?? defaultStorePath(cacheDir()));
}

/** Opens the store for reading, with a message that says where it looked when it is missing. */
export function openStoreReadonly(flag: string | undefined): PredictionStore {
  return PredictionStore.open(storePath(flag), { readonly: true });
}
