import { createReadStream } from 'node:fs';

/**
 * Where a file stops being valid UTF-8. Decoding it anyway would turn every bad byte into U+FFFD,
 * so distinct ids or slice values could merge and Latin-1 file names would point at files that
 * do not exist; a loader refuses such a file instead, naming the line and byte offset.
 * (`TextDecoder` with `fatal` says that a file is invalid but not where; this scanner says both,
 * streaming, so a large metadata file is never held in memory twice.)
 */
export interface InvalidUtf8 {
  /** 0-based byte offset of the first byte of the bad sequence. */
  offset: number;
  /** 1-based line of that byte. */
  line: number;
  /** The bytes at that offset (up to 4), hex, for the message. */
  bytes: string;
}

export async function findInvalidUtf8(path: string): Promise<InvalidUtf8 | null> {
  let offset = 0;
  let line = 1;
  /** Continuation bytes still expected, the range of the next one, and where the sequence began. */
  let need = 0;
  let lo = 0x80;
  let hi = 0xbf;
  let start = 0;
  let startLine = 1;
  let recent: number[] = [];
  const fail = (at: number, atLine: number, bytes: number[]): InvalidUtf8 => ({ offset: at, line: atLine, bytes: bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ') });
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++, offset++) {
      const b = chunk[i] as number;
      if (need > 0) {
        recent.push(b);
        if (b < lo || b > hi) return fail(start, startLine, recent);
        need--;
        lo = 0x80;
        hi = 0xbf;
        continue;
      }
      if (b === 0x0a) line++;
      if (b < 0x80) continue;
      start = offset;
      startLine = line;
      recent = [b];
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b === 0xe0) [need, lo] = [2, 0xa0];
      else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) need = 2;
      else if (b === 0xed) [need, hi] = [2, 0x9f];
      else if (b === 0xf0) [need, lo] = [3, 0x90];
      else if (b >= 0xf1 && b <= 0xf3) need = 3;
      else if (b === 0xf4) [need, hi] = [3, 0x8f];
      else return fail(offset, line, [b]);
    }
  }
  return need > 0 ? fail(start, startLine, recent) : null;
}
