import { describe, expect, it } from 'vitest';
import { decodeTextBytes } from '../../../interchange/text.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('decodeTextBytes', () => {
  it('reads plain ASCII and well-formed UTF-8 (2-, 3- and 4-byte sequences) as utf-8 with no finding', () => {
    expect(decodeTextBytes(ascii('001  AX V C'))).toEqual({ text: '001  AX V C', encoding: 'utf-8', findings: [] });
    // é (C3 A9), • (E2 80 A2), 🎬 (F0 9F 8E AC)
    const res = decodeTextBytes(bytes(0x43, 0x61, 0x66, 0xc3, 0xa9, 0x20, 0xe2, 0x80, 0xa2, 0x20, 0xf0, 0x9f, 0x8e, 0xac));
    expect(res).toEqual({ text: 'Café • \u{1F3AC}', encoding: 'utf-8', findings: [] });
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeTextBytes(bytes(0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a))).toEqual({ text: 'A\r\n', encoding: 'utf-8', findings: [] });
  });

  it('falls back to Latin-1 (Windows-1252 for 0x80-0x9F) and says where the first non-UTF-8 byte is', () => {
    const res = decodeTextBytes(bytes(0x41, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x51, 0x94));
    expect(res.text).toBe('A\nCafé \u201cQ\u201d');
    expect(res.encoding).toBe('latin-1');
    expect(res.findings.map((f) => [f.code, f.severity, f.where, f.message])).toEqual([
      [
        'INTERCHANGE_TEXT_ENCODING_GUESSED',
        'info',
        { line: 2, column: 4 },
        'read as Latin-1 (Windows-1252) because byte 0xe9 at line 2, column 4 is not valid UTF-8; check accented names if they look wrong',
      ],
    ]);
  });

  it('refuses overlong forms, surrogates and code points above U+10FFFF as UTF-8', () => {
    for (const bad of [bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90, 0x80, 0x80), bytes(0x41, 0xe2, 0x80)]) {
      expect(decodeTextBytes(bad).encoding).toBe('latin-1');
    }
  });

  it('reads UTF-16 with either byte-order mark, pairs surrogates, and reports damage', () => {
    expect(decodeTextBytes(bytes(0xff, 0xfe, 0x41, 0x00, 0x3c, 0xd8, 0xac, 0xdf))).toEqual({ text: 'A\u{1F3AC}', encoding: 'utf-16le', findings: [] });
    expect(decodeTextBytes(bytes(0xfe, 0xff, 0x00, 0x41, 0x00, 0x42))).toEqual({ text: 'AB', encoding: 'utf-16be', findings: [] });
    const damaged = decodeTextBytes(bytes(0xff, 0xfe, 0x3d, 0xd8, 0x41, 0x00, 0x42));
    expect(damaged.text).toBe('\ufffdA');
    expect(damaged.findings.map((f) => f.message)).toEqual([
      'the UTF-16LE text is damaged: unpaired surrogate at byte 2; shown as U+FFFD',
      'the UTF-16LE text is damaged: the file ends in the middle of a character (odd byte count); the last byte was dropped',
    ]);
  });

  it('recognises UTF-16 without a byte-order mark from its zero bytes, with a finding', () => {
    const le = decodeTextBytes(bytes(0x30, 0x00, 0x31, 0x00));
    expect([le.text, le.encoding, le.findings.map((f) => f.code)]).toEqual(['01', 'utf-16le', ['INTERCHANGE_TEXT_ENCODING_GUESSED']]);
    const be = decodeTextBytes(bytes(0x00, 0x30, 0x00, 0x31));
    expect([be.text, be.encoding]).toEqual(['01', 'utf-16be']);
  });

  it('decodes a large file in slices (past the fromCharCode argument limit)', () => {
    const big = new Uint8Array(300_000).fill(0x41);
    expect(decodeTextBytes(big).text.length).toBe(300_000);
  });
});
