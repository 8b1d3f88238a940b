/**
 * Slice columns the tables derive from the metadata: the Table 4 pair of every fake, and the
 * paper's "as written" 3-bin split (below P25 / P25–P75 / above P75) of area ratio, DreamSim and
 * SSIM, with edges computed over this frame's fakes that have the metric (numpy percentiles).
 */
import { assignBin, percentiles } from '../columns/index.js';
import { AS_WRITTEN_SOURCES } from './definitions.js';
import { PAIR_SLICE, pairKey } from './table4.js';

export interface DerivedColumns {
  /** Derived column → [P25, P75] edges used, for the table notes. */
  readonly edges: Readonly<Record<string, readonly number[]>>;
  /** Adds the derived columns to one row's columns. */
  readonly derive: (columns: Readonly<Record<string, string>>) => Record<string, string>;
}

export function derivedColumns(frame: ReadonlyArray<Readonly<Record<string, string>>>): DerivedColumns {
  const fakes = frame.filter((c) => (c.label ?? '').toLowerCase() === 'fake' || c.label === '1');
  const edges: Record<string, number[]> = {};
  for (const [derived, source] of Object.entries(AS_WRITTEN_SOURCES)) {
    const { edges: e } = percentiles(
      fakes.map((c) => c[source]),
      [25, 75],
    );
    if (e.length === 2) edges[derived] = e;
  }
  return {
    edges,
    derive: (columns) => {
      const out: Record<string, string> = { ...columns, [PAIR_SLICE]: pairKey(columns) };
      for (const [derived, source] of Object.entries(AS_WRITTEN_SOURCES)) {
        const e = edges[derived];
        out[derived] = e ? (assignBin(columns[source], e, ['small', 'medium', 'large']) ?? '') : '';
      }
      return out;
    },
  };
}
