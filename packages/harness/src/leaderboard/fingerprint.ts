/**
 * A dataset's fingerprint: what a submission and a leaderboard must agree on before a bundle's
 * predictions can be scored — the sha256 of the metadata file and, for a Hugging Face dataset,
 * the commit it was pinned to. The images themselves are not hashed (a local dataset whose
 * images changed under the same metadata keeps its fingerprint); a pinned hub commit covers them.
 */
import type { OptionValue } from '../contract.js';
import type { Dataset } from '../dataset.js';
import { sha256, stableStringify } from '../util/hash.js';

/** `hf:OWNER/NAME@COMMIT` from a run's dataset provenance (see hub/source.ts), null for a local dataset. */
export function pinnedRevision(provenance: Readonly<Record<string, OptionValue>> | undefined): string | null {
  const pinned = provenance?.['pinned'];
  return typeof pinned === 'string' && pinned !== '' ? pinned : null;
}

export function datasetFingerprint(parts: { metadataSha256: string; hf: string | null }): string {
  return sha256(stableStringify({ fingerprint: 1, metadataSha256: parts.metadataSha256, hf: parts.hf }));
}

/** The fingerprint of a loaded dataset, with its hub provenance when it came from `hf:`. */
export function fingerprintOf(dataset: Pick<Dataset, 'metadataSha256'>, provenance?: Readonly<Record<string, OptionValue>>): string {
  return datasetFingerprint({ metadataSha256: dataset.metadataSha256, hf: pinnedRevision(provenance) });
}
