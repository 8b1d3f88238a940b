/**
 * The leaderboard's dataset: a local directory, or `hf:OWNER/NAME[@REV]` of which only the
 * metadata is fetched (the leaderboard scores predictions; it never opens an image).
 */
import { loadDataset, type Dataset } from '../dataset.js';
import { materializeHubDataset, parseHubSpec } from '../hub/index.js';
import { fingerprintOf } from './fingerprint.js';

export interface LeaderboardDataset {
  dataset: Dataset;
  fingerprint: string;
  /** `hf:OWNER/NAME@COMMIT` for a hub dataset. */
  hf: string | null;
}

export async function loadLeaderboardDataset(spec: string, options: { offline?: boolean } = {}): Promise<LeaderboardDataset> {
  const hub = parseHubSpec(spec);
  if (!hub) {
    const dataset = await loadDataset(spec, { lazyPaths: true });
    return { dataset, fingerprint: fingerprintOf(dataset), hf: null };
  }
  // No row selected: only metadata.csv is downloaded, the same file `eval` reads for the whole dataset.
  const result = await materializeHubDataset(hub, { selectRows: async () => new Set<string>(), ...(options.offline ? { offline: true } : {}) });
  const dataset = await loadDataset(result.metadataPath, { lazyPaths: true });
  const pinned = `hf:${result.repo}@${result.commitSha}`;
  return { dataset, fingerprint: fingerprintOf(dataset, { pinned }), hf: pinned };
}
