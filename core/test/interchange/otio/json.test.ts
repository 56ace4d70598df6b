import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonFloat, OTIO_MAX_JSON_DEPTH, readOtioJson, writeOtioJson } from '../../../interchange/otio/json.ts';

describe('readOtioJson: the JSON OTIO writes', () => {
  it('reads NaN, Inf, Infinity, -Inf and -Infinity with one finding each, at their line and column', () => {
    const r = readOtioJson('{\n  "a": [NaN, Inf,\n Infinity, -Inf, -Infinity]\n}');
    expect(r.value).toEqual({ a: [NaN, Infinity, Infinity, -Infinity, -Infinity] });
    expect(r.findings.map((f) => [f.code, f.params['token'], f.where.line, f.where.column])).toEqual([
      ['OTIO_JSON_NONSTANDARD_NUMBER', 'NaN', 2, 9],
      ['OTIO_JSON_NONSTANDARD_NUMBER', 'Inf', 2, 14],
      ['OTIO_JSON_NONSTANDARD_NUMBER', 'Infinity', 3, 2],
      ['OTIO_JSON_NONSTANDARD_NUMBER', '-Inf', 3, 12],
      ['OTIO_JSON_NONSTANDARD_NUMBER', '-Infinity', 3, 18],
    ]);
  });

  it('keeps integers past 2^53 as the nearest float and says whether that is exact', () => {
    const r = readOtioJson('[9007199254740993, 18446744073709551616, 9007199254740991]');
    expect(r.value).toEqual([9007199254740992, 18446744073709551616, 9007199254740991]);
    expect(r.findings.map((f) => [f.params['text'], f.params['exact']])).toEqual([
      ['9007199254740993', false],
      ['18446744073709551616', true],
    ]);
  });

  it('stops at a syntax error with its line and column and keeps what came before', () => {
    const r = readOtioJson('{"a": 1,\n "b": [1, 2,, 3], "c": 4}', 'x.otio');
    expect(r.value).toEqual({ a: 1, b: [1, 2] });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: 'OTIO_JSON_SYNTAX', where: { file: 'x.otio', line: 2, column: 13 } });
  });

  it('a truncated string, an unknown escape and trailing text are findings', () => {
    expect(readOtioJson('{"a": "abc').findings[0]!.message).toContain('a string is not closed');
    expect(readOtioJson('"\\q"').findings[0]!.message).toContain('"\\q" is not a JSON escape');
    const t = readOtioJson('{} x');
    expect([t.value, t.findings[0]!.code]).toEqual([{}, 'OTIO_JSON_TRAILING_TEXT']);
  });

  it('decodes escapes and surrogate pairs, and treats "__proto__" as an ordinary key', () => {
    const r = readOtioJson('{"s": "a\\n\\t\\"\\u00e9\\ud83c\\udfac", "__proto__": {"x": 1}}');
    const v = r.value as Record<string, unknown>;
    expect(v['s']).toBe('a\n\t"é🎬');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')!.value).toEqual({ x: 1 });
  });

  it('refuses nesting past the limit with INPUT_LIMIT_EXCEEDED instead of overflowing', () => {
    const deep = '['.repeat(OTIO_MAX_JSON_DEPTH + 10) + ']'.repeat(OTIO_MAX_JSON_DEPTH + 10);
    const r = readOtioJson(deep);
    expect(r.findings.map((f) => f.code)).toEqual(['INPUT_LIMIT_EXCEEDED']);
  });

  it('reads whatever JSON.stringify writes exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        const r = readOtioJson(text);
        // Integers past 2^53 (which fast-check generates) are reported, and read as JSON.parse reads them.
        return r.findings.every((f) => f.code === 'OTIO_JSON_INTEGER_UNSAFE') && JSON.stringify(r.value) === JSON.stringify(JSON.parse(text));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const r = readOtioJson(s);
        return r.value !== undefined || r.findings.length > 0 || s.trim() === '';
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});

describe('writeOtioJson', () => {
  it('writes OTIO style: 4-space indents, floats with a decimal point, NaN and Infinity bare, empty containers inline', () => {
    const text = writeOtioJson({ OTIO_SCHEMA: 'RationalTime.1', rate: new JsonFloat(24), value: new JsonFloat(86400), n: 3, e: [], o: {}, x: [NaN, new JsonFloat(-Infinity)], big: 12345678901234567890n });
    expect(text).toBe(
      '{\n    "OTIO_SCHEMA": "RationalTime.1",\n    "rate": 24.0,\n    "value": 86400.0,\n    "n": 3,\n    "e": [],\n    "o": {},\n    "x": [\n        NaN,\n        -Infinity\n    ],\n    "big": 12345678901234567890\n}\n',
    );
  });

  it('writes 24000/1001 as the double OTIO itself computes for it', () => {
    expect(writeOtioJson(new JsonFloat(24000 / 1001))).toBe('23.976023976023978\n');
  });
});
