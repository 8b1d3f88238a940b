/**
 * Parser for the Python list-of-string literals that Semi-Truths stores in its `entities` and
 * `class` columns (spec §2.1), e.g. `['sky', 'grass']` or `["driver's seat", 'road']`.
 *
 * They are not JSON (single quotes, Python escapes), and splitting on `', '` is wrong because a label
 * may itself contain a comma or a quote. This is a small tokenizer for exactly the subset the
 * reference data uses: a list (or tuple) of string literals, single- or double-quoted, with backslash
 * escapes, optional trailing comma. Anything else is an error that quotes the offending text.
 */

export class PyListSyntaxError extends Error {
  constructor(
    message: string,
    readonly text: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position} of ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text)}`);
    this.name = 'PyListSyntaxError';
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** Parse a Python list (or tuple) literal whose items are all string literals. */
export function parsePyList(text: string): string[] {
  return new PyListReader(text).list();
}

/** A cursor over one literal: each read starts at `i` and leaves it just past what it consumed. */
class PyListReader {
  private i = 0;

  constructor(private readonly text: string) {}

  list(): string[] {
    const { text } = this;
    this.skipSpace();
    const open = text[this.i];
    if (open !== '[' && open !== '(') throw new PyListSyntaxError("expected '[' or '('", text, this.i);
    const close = open === '[' ? ']' : ')';
    this.i++;
    const items: string[] = [];
    for (;;) {
      this.skipSpace();
      if (text[this.i] === close) {
        this.i++;
        break;
      }
      items.push(this.item());
      if (text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (text[this.i] === close) {
        this.i++;
        break;
      }
      throw new PyListSyntaxError(this.i >= text.length ? `unterminated list, expected '${close}'` : `expected ',' or '${close}'`, text, this.i);
    }
    this.skipSpace();
    if (this.i < text.length) throw new PyListSyntaxError('unexpected text after the list', text, this.i);
    return items;
  }

  private skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] as string)) this.i++;
  }

  /** One item, and the space after it. Adjacent literals concatenate in Python ('a' 'b' == 'ab'); supported for completeness. */
  private item(): string {
    let item = this.string();
    this.skipSpace();
    while (this.text[this.i] === "'" || this.text[this.i] === '"') {
      item += this.string();
      this.skipSpace();
    }
    return item;
  }

  private string(): string {
    const { text } = this;
    // Optional string prefixes that do not change the value of plain text (u'', r'' handled below).
    let raw = false;
    const prefix = text[this.i]?.toLowerCase();
    if ((prefix === 'u' || prefix === 'r') && (text[this.i + 1] === "'" || text[this.i + 1] === '"')) {
      raw = prefix === 'r';
      this.i++;
    }
    const quote = text[this.i];
    if (quote !== "'" && quote !== '"') throw new PyListSyntaxError('expected a quoted string', text, this.i);
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= text.length) throw new PyListSyntaxError('unterminated string', text, start);
      const c = text[this.i] as string;
      if (c === quote) {
        this.i++;
        return out;
      }
      if (c === '\n') throw new PyListSyntaxError('newline inside a string', text, this.i);
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      out += this.escape(quote, raw, start);
    }
  }

  /** The value of the backslash escape at `i` (inside the string that opened at `start`). */
  private escape(quote: string, raw: boolean, start: number): string {
    const { text, i } = this;
    const e = text[i + 1];
    if (e === undefined) throw new PyListSyntaxError('unterminated string', text, start);
    this.i += 2;
    if (raw) return e === quote ? e : `\\${e}`;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) return simple;
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = text.slice(i + 2, i + 2 + hexLen);
      if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) throw new PyListSyntaxError(`bad \\${e} escape`, text, i);
      this.i += hexLen;
      return String.fromCodePoint(Number.parseInt(hex, 16));
    }
    if (e === '\n') return ''; // line continuation
    // Python keeps unknown escapes verbatim (with a warning).
    return `\\${e}`;
  }
}

/**
 * Parse a list column that may also hold a plain string (`class` is `['a', 'b']` for some datasets
 * and `person` / `living_room` for others). A plain string becomes a one-item list; an empty cell
 * becomes an empty list.
 */
export function parsePyListOrString(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[') || trimmed.startsWith('(')) return parsePyList(trimmed);
  return [trimmed];
}

/** Write a list back as Python's repr would (single quotes unless the item contains one). */
export function formatPyList(items: readonly string[]): string {
  return `[${items.map(pyRepr).join(', ')}]`;
}

function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return out + quote;
}
