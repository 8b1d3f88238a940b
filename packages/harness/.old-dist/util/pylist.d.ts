/**
 * Parser for the Python list-of-string literals that Semi-Truths stores in its `entities` and
 * `class` columns (spec §2.1), e.g. `['sky', 'grass']` or `["driver's seat", 'road']`.
 *
 * They are not JSON (single quotes, Python escapes), and splitting on `', '` is wrong because a label
 * may itself contain a comma or a quote. This is a small tokenizer for exactly the subset the
 * reference data uses: a list (or tuple) of string literals, single- or double-quoted, with backslash
 * escapes, optional trailing comma. Anything else is an error that quotes the offending text.
 */
export declare class PyListSyntaxError extends Error {
    readonly text: string;
    readonly position: number;
    constructor(message: string, text: string, position: number);
}
/** Parse a Python list (or tuple) literal whose items are all string literals. */
export declare function parsePyList(text: string): string[];
/**
 * Parse a list column that may also hold a plain string (`class` is `['a', 'b']` for some datasets
 * and `person` / `living_room` for others). A plain string becomes a one-item list; an empty cell
 * becomes an empty list.
 */
export declare function parsePyListOrString(text: string): string[];
/** Write a list back as Python's repr would (single quotes unless the item contains one). */
export declare function formatPyList(items: readonly string[]): string;
//# sourceMappingURL=pylist.d.ts.map