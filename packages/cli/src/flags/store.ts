import { Flags } from '@oclif/core';

/** `--store PATH`, shared by eval and the store commands. */
export const storeFlag = Flags.string({
  summary: 'Prediction store (SQLite file) to recall and record predictions.',
  description: 'Default: predictions.sqlite in the semibench cache directory (SEMIBENCH_CACHE, else $XDG_CACHE_HOME/semibench or ~/.cache/semibench). Keep it on a local disk: SQLite must not be shared over NFS.',
  env: 'SEMIBENCH_STORE',
});
