/**
 * Text <-> bytes without TextEncoder/TextDecoder (core touches no host global). UTF-8, UTF-16
 * and UTF-32 are decoded here; any other legacy encoding (EUC-JP, Windows-1251, ISO-8859-15 …)
 * goes through the decoder the host injects.
 */

/** A host-supplied decoder for labels core does not decode itself; `undefined` when it cannot. */
export type ChecksumTextDecoder = (bytes: Uint8Array, encoding: string) => string | undefined;

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD, as the WHATWG encoder does). */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function fromCodePoints(points: number[]): string {
  let s = '';
  // String.fromCodePoint takes arguments; chunk so huge files do not overflow the call stack.
  for (let i = 0; i < points.length; i += 8192) s += String.fromCodePoint(...points.slice(i, i + 8192));
  return s;
}

/** Decodes UTF-8; malformed sequences become U+FFFD. A leading BOM is dropped. */
export function utf8Text(bytes: Uint8Array): string {
  const points: number[] = [];
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let cp = 0;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b < 0xe0) {
      need = 1;
      cp = b & 31;
    } else if (b >= 0xe0 && b < 0xf0) {
      need = 2;
      cp = b & 15;
    } else if (b >= 0xf0 && b < 0xf5) {
      need = 3;
      cp = b & 7;
    } else {
      points.push(0xfffd);
      i++;
      continue;
    }
    let ok = true;
    for (let k = 1; ok && k <= need; k++) {
      const n = bytes[i + k];
      if (n === undefined || (n & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (n & 63);
    }
    if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (need === 2 && cp < 0x800) || (need === 3 && cp < 0x10000)) {
      points.push(0xfffd);
      i++;
      continue;
    }
    points.push(cp);
    i += need + 1;
  }
  return fromCodePoints(points);
}

function utf16Text(bytes: Uint8Array, littleEndian: boolean, start: number): string {
  let s = '';
  const units: number[] = [];
  for (let i = start; i + 1 < bytes.length; i += 2) {
    units.push(littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
    if (units.length === 8192) {
      s += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return s + String.fromCharCode(...units);
}

function utf32Text(bytes: Uint8Array, littleEndian: boolean, start: number): string {
  const points: number[] = [];
  for (let i = start; i + 3 < bytes.length; i += 4) {
    const cp = littleEndian
      ? (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0
      : ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    points.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
  }
  return fromCodePoints(points);
}

function latin1Text(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

export type DecodedXml = { ok: true; text: string; encoding: string } | { ok: false; encoding: string };

/**
 * Decodes an XML file's bytes (XML 1.0 Appendix F): a byte-order mark first, then the byte
 * pattern of `<?xml`, then the `encoding` of the XML declaration; UTF-8 when nothing says.
 */
export function decodedXml(bytes: Uint8Array, decoder?: ChecksumTextDecoder): DecodedXml {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) return { ok: true, text: utf32Text(bytes, true, 4), encoding: 'UTF-32LE' };
  if (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff) return { ok: true, text: utf32Text(bytes, false, 4), encoding: 'UTF-32BE' };
  if (b(0) === 0xff && b(1) === 0xfe) return { ok: true, text: utf16Text(bytes, true, 2), encoding: 'UTF-16LE' };
  if (b(0) === 0xfe && b(1) === 0xff) return { ok: true, text: utf16Text(bytes, false, 2), encoding: 'UTF-16BE' };
  if (b(0) === 0x3c && b(1) === 0 && b(2) === 0 && b(3) === 0) return { ok: true, text: utf32Text(bytes, true, 0), encoding: 'UTF-32LE' };
  if (b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) === 0x3c) return { ok: true, text: utf32Text(bytes, false, 0), encoding: 'UTF-32BE' };
  if (b(0) === 0x3c && b(1) === 0 && b(2) === 0x3f && b(3) === 0) return { ok: true, text: utf16Text(bytes, true, 0), encoding: 'UTF-16LE' };
  if (b(0) === 0 && b(1) === 0x3c && b(2) === 0 && b(3) === 0x3f) return { ok: true, text: utf16Text(bytes, false, 0), encoding: 'UTF-16BE' };
  // ASCII-compatible: read the declaration's encoding from its first bytes.
  const head = latin1Text(bytes.subarray(0, Math.min(bytes.length, 200)));
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
  const label = (declared ?? 'UTF-8').toUpperCase();
  if (label === 'UTF-8' || label === 'UTF8') return { ok: true, text: utf8Text(bytes), encoding: 'UTF-8' };
  if (label === 'US-ASCII' || label === 'ASCII' || label === 'ISO-8859-1' || label === 'LATIN1') return { ok: true, text: latin1Text(bytes), encoding: label };
  const text = decoder?.(bytes, label);
  return text === undefined ? { ok: false, encoding: label } : { ok: true, text, encoding: label };
}
