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
    text;
    position;
    constructor(message, text, position) {
        super(`${message} at position ${position} of ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text)}`);
        this.text = text;
        this.position = position;
        this.name = 'PyListSyntaxError';
    }
}
const SIMPLE_ESCAPES = {
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
export function parsePyList(text) {
    let i = 0;
    const n = text.length;
    const skipSpace = () => {
        while (i < n && /\s/.test(text[i]))
            i++;
    };
    skipSpace();
    const open = text[i];
    if (open !== '[' && open !== '(')
        throw new PyListSyntaxError("expected '[' or '('", text, i);
    const close = open === '[' ? ']' : ')';
    i++;
    const items = [];
    for (;;) {
        skipSpace();
        if (text[i] === close) {
            i++;
            break;
        }
        // Adjacent literals concatenate in Python ('a' 'b' == 'ab'); support it for completeness.
        let item = readString();
        skipSpace();
        while (text[i] === "'" || text[i] === '"') {
            item += readString();
            skipSpace();
        }
        items.push(item);
        if (text[i] === ',') {
            i++;
            continue;
        }
        if (text[i] === close) {
            i++;
            break;
        }
        throw new PyListSyntaxError(i >= n ? `unterminated list, expected '${close}'` : `expected ',' or '${close}'`, text, i);
    }
    skipSpace();
    if (i < n)
        throw new PyListSyntaxError('unexpected text after the list', text, i);
    return items;
    function readString() {
        // Optional string prefixes that do not change the value of plain text (u'', r'' handled below).
        let raw = false;
        const prefix = text[i]?.toLowerCase();
        if ((prefix === 'u' || prefix === 'r') && (text[i + 1] === "'" || text[i + 1] === '"')) {
            raw = prefix === 'r';
            i++;
        }
        const quote = text[i];
        if (quote !== "'" && quote !== '"')
            throw new PyListSyntaxError('expected a quoted string', text, i);
        const start = i;
        i++;
        let out = '';
        for (;;) {
            if (i >= n)
                throw new PyListSyntaxError('unterminated string', text, start);
            const c = text[i];
            if (c === quote) {
                i++;
                return out;
            }
            if (c === '\n')
                throw new PyListSyntaxError('newline inside a string', text, i);
            if (c !== '\\') {
                out += c;
                i++;
                continue;
            }
            const e = text[i + 1];
            if (e === undefined)
                throw new PyListSyntaxError('unterminated string', text, start);
            if (raw) {
                out += e === quote ? e : `\\${e}`;
                i += 2;
                continue;
            }
            const simple = SIMPLE_ESCAPES[e];
            if (simple !== undefined) {
                out += simple;
                i += 2;
                continue;
            }
            const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
            if (hexLen > 0) {
                const hex = text.slice(i + 2, i + 2 + hexLen);
                if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex))
                    throw new PyListSyntaxError(`bad \\${e} escape`, text, i);
                out += String.fromCodePoint(Number.parseInt(hex, 16));
                i += 2 + hexLen;
                continue;
            }
            if (e === '\n') {
                i += 2; // line continuation
                continue;
            }
            // Python keeps unknown escapes verbatim (with a warning).
            out += `\\${e}`;
            i += 2;
        }
    }
}
/**
 * Parse a list column that may also hold a plain string (`class` is `['a', 'b']` for some datasets
 * and `person` / `living_room` for others). A plain string becomes a one-item list; an empty cell
 * becomes an empty list.
 */
export function parsePyListOrString(text) {
    const trimmed = text.trim();
    if (trimmed === '')
        return [];
    if (trimmed.startsWith('[') || trimmed.startsWith('('))
        return parsePyList(trimmed);
    return [trimmed];
}
/** Write a list back as Python's repr would (single quotes unless the item contains one). */
export function formatPyList(items) {
    return `[${items.map(pyRepr).join(', ')}]`;
}
function pyRepr(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
        if (ch === '\\')
            out += '\\\\';
        else if (ch === quote)
            out += `\\${quote}`;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else
            out += ch;
    }
    return out + quote;
}
//# sourceMappingURL=pylist.js.map