import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';

/** Stream a CSV file as header names plus one object per data row (values as strings). */
export async function* readCsvRows(path: string): AsyncGenerator<Record<string, string>> {
  let header: string[] | undefined;
  const parser = createReadStream(path).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true }));
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record;
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i] as string] = record[i] ?? '';
    yield row;
  }
}

/** Just the header line of a CSV file. */
export async function readCsvHeader(path: string): Promise<string[]> {
  const parser = createReadStream(path).pipe(parse({ bom: true, to_line: 1 }));
  for await (const record of parser as AsyncIterable<string[]>) return record;
  return [];
}

/** Write rows (missing keys become empty cells) to `path` atomically, through a temporary file. */
class CsvFileWriter {
  private readonly tmp: string;
  private buffer: string[][] = [];
  private handle: Awaited<ReturnType<typeof open>> | undefined;

  constructor(
    private readonly path: string,
    private readonly header: readonly string[],
  ) {
    this.tmp = `${path}.${randomUUID()}.tmp`;
  }

  async write(row: Readonly<Record<string, string | undefined>>): Promise<void> {
    this.buffer.push(this.header.map((column) => row[column] ?? ''));
    if (this.buffer.length >= 2000) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle?.close();
    await rename(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    await this.handle?.close();
    await rm(this.tmp, { force: true });
  }

  private async flush(): Promise<void> {
    if (!this.handle) {
      await mkdir(dirname(this.tmp), { recursive: true });
      this.handle = await open(this.tmp, 'w');
      await this.handle.writeFile(stringify([this.header as string[]]));
    }
    if (this.buffer.length === 0) return;
    await this.handle.writeFile(stringify(this.buffer));
    this.buffer = [];
  }
}

/** Write every row of `rows` to `path` (atomically; nothing is left behind on failure). */
export async function writeCsvFile(path: string, header: readonly string[], rows: AsyncIterable<Readonly<Record<string, string | undefined>>>): Promise<void> {
  const writer = new CsvFileWriter(path, header);
  try {
    for await (const row of rows) await writer.write(row);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
