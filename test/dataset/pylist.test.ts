/** Python list-literal parsing (spec §2.1). Expected values are what Python's ast.literal_eval returns. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatPyList, parsePyList, parsePyListOrString, PyListSyntaxError } from '@semibench/harness';

describe('parsePyList', () => {
  it('single and double quotes, commas and quotes inside labels', () => {
    expect(parsePyList("['sky', 'grass']")).toEqual(['sky', 'grass']);
    expect(parsePyList(`["driver's seat", 'a, b', 'say "hi"']`)).toEqual(["driver's seat", 'a, b', 'say "hi"']);
    expect(parsePyList("['it\\'s', 'back\\\\slash']")).toEqual(["it's", 'back\\slash']);
  });

  it('escapes, empty lists, trailing commas, tuples, whitespace', () => {
    expect(parsePyList("['\\x41\\u00e9\\n', '\\q']")).toEqual(['Aé\n', '\\q']);
    expect(parsePyList('[]')).toEqual([]);
    expect(parsePyList("  [ 'a' , ] ")).toEqual(['a']);
    expect(parsePyList("('a', 'b')")).toEqual(['a', 'b']);
    expect(parsePyList("['a' 'b']")).toEqual(['ab']);
    expect(parsePyList("[u'a', r'\\d']")).toEqual(['a', '\\d']);
  });

  it('rejects malformed input with the position and text', () => {
    expect(() => parsePyList("['a', 'b'")).toThrow(PyListSyntaxError);
    expect(() => parsePyList("['a' , 3]")).toThrow(/expected a quoted string at position 7/);
    expect(() => parsePyList('sky')).toThrow(/expected '\[' or '\('/);
    expect(() => parsePyList("['a'] x")).toThrow(/unexpected text after the list/);
    expect(() => parsePyList("['unterminated]")).toThrow(/unterminated string/);
  });

  it('round-trips through formatPyList like Python repr', () => {
    const items = ['sky', "driver's seat", 'a\\b', 'x, y'];
    expect(formatPyList(items)).toBe(`['sky', "driver's seat", 'a\\\\b', 'x, y']`);
    expect(parsePyList(formatPyList(items))).toEqual(items);
  });
});

describe('parsePyListOrString on the sample', () => {
  it('`class` may be a plain string; every sample cell parses', () => {
    const rows = parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'semi-truths-sample', 'input', 'metadata.csv')), { columns: true }) as Record<string, string>[];
    const byId = new Map(rows.map((r) => [r.image_id as string, r]));
    expect(parsePyListOrString(byId.get('img_05093')?.class ?? '')).toEqual(['person']);
    expect(parsePyListOrString(byId.get('e16d9f29e2462eea')?.class ?? '')).toEqual(['doughnut', 'bagel']);
    expect(parsePyListOrString(byId.get('CelebA_20046')?.entities ?? '')[0]).toBe('r');
    expect(rows.map((r) => parsePyListOrString(r.entities as string).length)).toEqual([9, 14, 8, 12, 10, 10, 12, 15, 2, 7]);
    expect(parsePyListOrString('')).toEqual([]);
  });
});
