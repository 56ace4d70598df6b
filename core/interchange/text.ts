import { finding, type Finding } from '../findings/index.ts';

/**
 * Bytes to text for every interchange reader, written by hand because core has no
 * TextDecoder. Order of decisions:
 * 1. a byte-order mark names the encoding (EF BB BF, FF FE, FE FF) and is removed;
 * 2. without a mark, a file whose first bytes alternate NUL / non-NUL is UTF-16 (LE or BE),
 *    which is reported because the guess could be wrong;
 * 3. otherwise the bytes are UTF-8 when every sequence is well-formed (RFC 3629: no overlong
 *    forms, no surrogates, nothing above U+10FFFF);
 * 4. otherwise the file is single-byte Western text: 0xA0-0xFF as ISO-8859-1, and 0x80-0x9F
 *    as Windows-1252 (the smart quotes and dashes Windows tools write; ISO-8859-1 has only
 *    invisible control codes there). That fallback is an info finding naming the first byte
 *    that was not UTF-8.
 * Line endings are left as they are: each reader splits CRLF, CR and LF itself.
 */

export type TextEncodingName = 'utf-8' | 'latin-1' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly findings: readonly Finding[];
}

/** Windows-1252 for 0x80-0x9F; the five undefined positions keep their C1 code point. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** Code units to a string in slices, so large files do not overflow the argument limit of `fromCharCode`. */
function unitsToString(units: Uint16Array, length: number): string {
  const CHUNK = 8192;
  let out = '';
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/** 1-based line and column (in bytes) of byte `offset`, for findings. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset of the first byte that breaks UTF-8, or -1 when all of `bytes[from..]` is well-formed. */
function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Well-formed UTF-8 (checked before) to a string. */
function decodeUtf8(bytes: Uint8Array, from: number): string {
  const units = new Uint16Array(bytes.length - from);
  let u = 0;
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units[u++] = b;
      i++;
    } else if (b < 0xe0) {
      units[u++] = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      units[u++] = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else {
      const cp = ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f);
      const v = cp - 0x10000;
      units[u++] = 0xd800 + (v >> 10);
      units[u++] = 0xdc00 + (v & 0x3ff);
      i += 4;
    }
  }
  return unitsToString(units, u);
}

function decodeSingleByte(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    units[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
  }
  return unitsToString(units, bytes.length);
}

function decodeUtf16(bytes: Uint8Array, from: number, littleEndian: boolean, findings: Finding[]): string {
  const count = Math.floor((bytes.length - from) / 2);
  const units = new Uint16Array(count);
  for (let k = 0; k < count; k++) {
    const a = bytes[from + 2 * k]!;
    const b = bytes[from + 2 * k + 1]!;
    units[k] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  // An unpaired surrogate cannot be shown; it becomes U+FFFD and is reported once.
  let firstBad = -1;
  for (let k = 0; k < count; k++) {
    const c = units[k]!;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = units[k + 1];
      if (next !== undefined && next >= 0xdc00 && next <= 0xdfff) {
        k++;
        continue;
      }
      units[k] = 0xfffd;
      if (firstBad < 0) firstBad = k;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      units[k] = 0xfffd;
      if (firstBad < 0) firstBad = k;
    }
  }
  const encoding = littleEndian ? 'UTF-16LE' : 'UTF-16BE';
  if (firstBad >= 0) {
    findings.push(finding('INTERCHANGE_TEXT_MALFORMED', { encoding, reason: `unpaired surrogate at byte ${from + 2 * firstBad}; shown as U+FFFD` }));
  }
  if ((bytes.length - from) % 2 === 1) {
    findings.push(finding('INTERCHANGE_TEXT_MALFORMED', { encoding, reason: 'the file ends in the middle of a character (odd byte count); the last byte was dropped' }));
  }
  return unitsToString(units, count);
}

/** Text from a file's bytes with the encoding it was read as; never throws. */
export function decodeTextBytes(bytes: Uint8Array): DecodedText {
  const findings: Finding[] = [];
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const bad = firstInvalidUtf8(bytes, 3);
    if (bad < 0) return { text: decodeUtf8(bytes, 3), encoding: 'utf-8', findings };
    const at = positionOf(bytes, bad);
    findings.push(
      finding('INTERCHANGE_TEXT_MALFORMED', { encoding: 'UTF-8', reason: `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at line ${at.line} is not UTF-8 although the file starts with a UTF-8 byte-order mark; read as Windows-1252` }, { where: at }),
    );
    return { text: decodeSingleByte(bytes.subarray(3)), encoding: 'latin-1', findings };
  }
  if (b0 === 0xff && b1 === 0xfe) return { text: decodeUtf16(bytes, 2, true, findings), encoding: 'utf-16le', findings };
  if (b0 === 0xfe && b1 === 0xff) return { text: decodeUtf16(bytes, 2, false, findings), encoding: 'utf-16be', findings };
  // UTF-16 without a mark: ASCII text in it has every other byte zero.
  if (bytes.length >= 4) {
    const [c0, c1, c2, c3] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
    if (c0 !== 0 && c1 === 0 && c2 !== 0 && c3 === 0) {
      findings.push(finding('INTERCHANGE_TEXT_ENCODING_GUESSED', { encoding: 'UTF-16LE', why: 'it has no byte-order mark but every second byte is zero' }));
      return { text: decodeUtf16(bytes, 0, true, findings), encoding: 'utf-16le', findings };
    }
    if (c0 === 0 && c1 !== 0 && c2 === 0 && c3 !== 0) {
      findings.push(finding('INTERCHANGE_TEXT_ENCODING_GUESSED', { encoding: 'UTF-16BE', why: 'it has no byte-order mark but every first byte is zero' }));
      return { text: decodeUtf16(bytes, 0, false, findings), encoding: 'utf-16be', findings };
    }
  }
  const bad = firstInvalidUtf8(bytes, 0);
  if (bad < 0) return { text: decodeUtf8(bytes, 0), encoding: 'utf-8', findings };
  const at = positionOf(bytes, bad);
  findings.push(
    finding(
      'INTERCHANGE_TEXT_ENCODING_GUESSED',
      { encoding: 'Latin-1 (Windows-1252)', why: `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at line ${at.line}, column ${at.column} is not valid UTF-8` },
      { where: at },
    ),
  );
  return { text: decodeSingleByte(bytes), encoding: 'latin-1', findings };
}
