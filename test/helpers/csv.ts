/**
 * CSV for tests, read and written with csv-parse / csv-stringify rather than split by hand, so a
 * quoted comma or newline in a cell cannot shift a test's columns.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type CsvRow = Record<string, string>;

/** Rows keyed by the header's column names. */
export const parseCsv = (text: string | Buffer): CsvRow[] => parse(text, { columns: true }) as CsvRow[];

export const readCsv = (file: string): CsvRow[] => parseCsv(readFileSync(file));

/** Every record as its cells, the header first: for editing a file cell by cell and writing it back with formatCsv. */
export const parseCsvRecords = (text: string | Buffer): string[][] => parse(text) as string[][];

/** The header's column names alone. */
export const csvHeader = (text: string | Buffer): string[] => (parse(text, { to_line: 1 }) as string[][])[0] ?? [];

/** Records as CSV text, one '\n'-terminated line each (as semibench writes them). */
export const formatCsv = (records: readonly (readonly unknown[])[]): string => stringify(records as unknown[][], { record_delimiter: '\n' });
