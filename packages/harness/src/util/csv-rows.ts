/**
 * CSV rows as `Record<string, string>` objects that stay cheap at millions of rows (the dataset
 * loader's rows, prediction files' rows):
 *
 * - every row's object is a copy of one template, so all rows share one hidden class with fast
 *   properties. Filled key by key with the parser's (non-internalised) header strings, V8 turned
 *   each row into a dictionary: ~1.8 KB a row, 2.7 GB for a 1.5M-row predictions.csv, and most
 *   of `semibench score`'s time went to the garbage collector marking it;
 * - the values of each column are interned while the column has few distinct values (slice
 *   columns, image ids): CSV parsing makes a new string for every field.
 */

/** Distinct values a column may intern before it is taken for a high-cardinality one (paths, scores). */
const INTERN_LIMIT = 1 << 16;

export interface RowShape {
  readonly template: Readonly<Record<string, string>>;
  /** The row's keys, and the field each one is read from (a name given twice keeps its last field). */
  readonly keys: readonly string[];
  readonly from: readonly number[];
  /** One map per field while it is interned; null once it has too many distinct values. */
  readonly seen: Array<Map<string, string> | null>;
}

/** The shape of rows under `names` (the header, trimmed); empty names are left out. */
export function rowShape(names: readonly string[]): RowShape {
  const named = names.filter((h) => h !== '');
  // JSON.parse builds one fast-properties object whose keys are internalised strings.
  const template = JSON.parse(JSON.stringify(Object.fromEntries(named.map((h) => [h, ''])))) as Record<string, string>;
  const keys = Object.keys(template);
  return { template, keys, from: keys.map((k) => names.lastIndexOf(k)), seen: names.map(() => new Map<string, string>()) };
}

/** The value of field j, one string object per distinct value while the field has few of them. */
export function internField(shape: RowShape, j: number, value: string): string {
  const map = shape.seen[j];
  if (!map) return value;
  const known = map.get(value);
  if (known !== undefined) return known;
  if (map.size < INTERN_LIMIT) map.set(value, value);
  else shape.seen[j] = null; // (nearly) unique values: interning them saves nothing
  return value;
}

/** One record as a row object of `shape` (missing fields are ''). */
export function rowColumns(shape: RowShape, fields: readonly string[]): Record<string, string> {
  const columns = { ...shape.template };
  const { keys, from } = shape;
  for (let k = 0; k < keys.length; k++) columns[keys[k]!] = internField(shape, from[k]!, fields[from[k]!] ?? '');
  return columns;
}
