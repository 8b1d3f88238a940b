/**
 * Scored cells → the paper's tables (rows = detectors, columns = slice values), each cell with its
 * interval, and optionally the paper's and notebook's numbers beside ours with the differences.
 */
import { isPerturbedName } from '../perturb/index.js';
import { DEFAULT_MIN_N, type ScoreRecord } from '../scoring/types.js';
import { SLICE_TABLES, type SliceTable, type TableColumn } from './definitions.js';
import { referenceFor, withinTolerance } from './paper.js';
import { isPaperDetector } from '../scoring/io.js';
import { buildTable4, type Table4 } from './table4.js';

export interface TableCell {
  detector: string;
  column: string;
  metric: string;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
  /** Fewer rows than minN: the interval is unreliable. */
  small: boolean;
  notebook?: number;
  paper?: number;
  notebook_ok?: boolean;
  paper_ok?: boolean;
}

export interface BuiltTable {
  id: string;
  title: string;
  note?: string;
  paperFormat: SliceTable['paperFormat'];
  columns: readonly TableColumn[];
  detectors: string[];
  cells: TableCell[];
}

export interface BuiltTables {
  tables: BuiltTable[];
  table4: Table4[];
  /** What the reader should know but the tables cannot show (e.g. no detector matched the paper's). */
  warnings: string[];
}

export interface BuildOptions {
  minN?: number;
  /** Attach paper/notebook values and tolerance checks. */
  compare?: boolean;
  /** Candidate pairs (count > 10) with their frame counts; Table 4 is skipped without them. */
  pairs?: ReadonlyMap<string, number>;
  /** Notes per table id (e.g. the P25/P75 edges used). */
  notes?: Readonly<Record<string, string>>;
}

export function buildTables(records: readonly ScoreRecord[], options: BuildOptions = {}): BuiltTables {
  const minN = options.minN ?? DEFAULT_MIN_N;
  const detectors = [...new Set(records.map((r) => r.detector))];
  const index = new Map(records.map((r) => [`${r.detector}\u0000${r.slice}\u0000${r.group}\u0000${r.metric}`, r]));
  const tables: BuiltTable[] = [];
  for (const spec of SLICE_TABLES) {
    if (spec.slice !== 'overall' && !records.some((r) => r.slice === spec.slice)) continue;
    if (spec.onlyWithPerturbations && !detectors.some((d) => isPerturbedName(d))) continue;
    // A per-column table none of whose metrics was scored (the localisation table without maps) is left out.
    if (spec.metric === 'per-column' && !records.some((r) => spec.columns.some((c) => c.key === r.metric))) continue;
    const columns = columnsFor(spec, records);
    const cells: TableCell[] = [];
    for (const detector of detectors) {
      for (const column of columns) {
        const metric = spec.metric === 'per-column' ? column.key : spec.metric;
        const group = spec.slice === 'overall' ? 'all' : column.key;
        const rec = index.get(`${detector}\u0000${spec.slice}\u0000${group}\u0000${metric}`);
        const cell: TableCell = {
          detector,
          column: column.key,
          metric,
          value: rec?.value ?? null,
          ci_low: rec?.ci_low ?? null,
          ci_high: rec?.ci_high ?? null,
          n: rec?.n ?? 0,
          small: (rec?.n ?? 0) < minN,
        };
        if (options.compare) {
          const ref = referenceFor(spec.reference, detector, group, metric);
          if (ref.notebook !== undefined) cell.notebook = ref.notebook;
          if (ref.paper !== undefined) cell.paper = ref.paper;
          if (cell.value !== null) {
            const ok = withinTolerance(cell.value, ref, spec.paperFormat);
            if (ok.notebook !== undefined) cell.notebook_ok = ok.notebook;
            if (ok.paper !== undefined) cell.paper_ok = ok.paper;
          }
        }
        cells.push(cell);
      }
    }
    const note = [spec.note, options.notes?.[spec.id]].filter(Boolean).join('; ');
    tables.push({ id: spec.id, title: spec.title, ...(note ? { note } : {}), paperFormat: spec.paperFormat, columns, detectors, cells });
  }
  const table4 = options.pairs ? buildTable4(records, options.pairs, detectors) : [];
  return { tables, table4, warnings: options.compare ? compareWarnings(detectors) : [] };
}

/**
 * The paper's columns, unless the data holds values of an open attribute the paper does not have
 * (a generated dataset's own models): then the paper's values that occur, followed by the data's.
 */
function columnsFor(spec: SliceTable, records: readonly ScoreRecord[]): readonly TableColumn[] {
  if (!spec.openColumns) return spec.columns;
  const metric = spec.metric === 'per-column' ? undefined : spec.metric;
  const seen = new Set(records.filter((r) => r.slice === spec.slice && (metric === undefined || r.metric === metric)).map((r) => r.group));
  const paper = new Set(spec.columns.map((c) => c.key));
  const own = [...seen].filter((g) => !paper.has(g)).sort();
  if (own.length === 0) return spec.columns;
  return [...spec.columns.filter((c) => seen.has(c.key)), ...own.map((g) => ({ key: g, label: g }))];
}

/** --compare paper with detectors the paper does not have: say so instead of leaving the columns silently empty. */
function compareWarnings(detectors: readonly string[]): string[] {
  const unmatched = detectors.filter((d) => !isPaperDetector(d));
  if (unmatched.length === 0) return [];
  const known = 'UnivFD/UniversalFakeDetect (zoo:univfd), CNNSpot/CNNDetection (zoo:cnnspot), DE-FAKE (zoo:defake), DIRE (zoo:dire), CrossEfficientViT (zoo:crossefficientvit), DINOv2 (zoo:dinov2)';
  const which = unmatched.length === detectors.length ? `no detector matches one of the paper's (${unmatched.join(', ')})` : `${unmatched.join(', ')} match${unmatched.length === 1 ? 'es' : ''} none of the paper's detectors`;
  return [`--compare paper: ${which}, so there are no reference numbers beside them. The paper's detectors: ${known}; name a detector after one with --detector NAME=SPEC when it is one of them.`];
}
