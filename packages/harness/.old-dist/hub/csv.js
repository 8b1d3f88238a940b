import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
/** Stream a CSV file as header names plus one object per data row (values as strings). */
export async function* readCsvRows(path) {
    let header;
    const parser = createReadStream(path).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true }));
    for await (const record of parser) {
        if (!header) {
            header = record;
            continue;
        }
        const row = {};
        for (let i = 0; i < header.length; i++)
            row[header[i]] = record[i] ?? '';
        yield row;
    }
}
/** Just the header line of a CSV file. */
export async function readCsvHeader(path) {
    const parser = createReadStream(path).pipe(parse({ bom: true, to_line: 1 }));
    for await (const record of parser)
        return record;
    return [];
}
/** Write rows (missing keys become empty cells) to `path` atomically, through a temporary file. */
class CsvFileWriter {
    path;
    header;
    tmp;
    buffer = [];
    handle;
    constructor(path, header) {
        this.path = path;
        this.header = header;
        this.tmp = `${path}.${randomUUID()}.tmp`;
    }
    async write(row) {
        this.buffer.push(this.header.map((column) => row[column] ?? ''));
        if (this.buffer.length >= 2000)
            await this.flush();
    }
    async close() {
        await this.flush();
        await this.handle?.close();
        await rename(this.tmp, this.path);
    }
    async abort() {
        await this.handle?.close();
        await rm(this.tmp, { force: true });
    }
    async flush() {
        if (!this.handle) {
            await mkdir(dirname(this.tmp), { recursive: true });
            this.handle = await open(this.tmp, 'w');
            await this.handle.writeFile(stringify([this.header]));
        }
        if (this.buffer.length === 0)
            return;
        await this.handle.writeFile(stringify(this.buffer));
        this.buffer = [];
    }
}
/** Write every row of `rows` to `path` (atomically; nothing is left behind on failure). */
export async function writeCsvFile(path, header, rows) {
    const writer = new CsvFileWriter(path, header);
    try {
        for await (const row of rows)
            await writer.write(row);
        await writer.close();
    }
    catch (error) {
        await writer.abort();
        throw error;
    }
}
//# sourceMappingURL=csv.js.map