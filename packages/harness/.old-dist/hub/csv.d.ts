/** Stream a CSV file as header names plus one object per data row (values as strings). */
export declare function readCsvRows(path: string): AsyncGenerator<Record<string, string>>;
/** Just the header line of a CSV file. */
export declare function readCsvHeader(path: string): Promise<string[]>;
/** Write every row of `rows` to `path` (atomically; nothing is left behind on failure). */
export declare function writeCsvFile(path: string, header: readonly string[], rows: AsyncIterable<Readonly<Record<string, string | undefined>>>): Promise<void>;
//# sourceMappingURL=csv.d.ts.map