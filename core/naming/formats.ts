import { err, ok, type Result } from '../time/index.ts';

/**
 * How a field's value is written into a name.
 * - `text`: as given.
 * - `number`: a non-negative integer, zero-padded to `width` digits behind a literal `prefix`
 *   (`{episode:02}` -> `03`, `{version:v03}` -> `v007`); wider values are written in full.
 * - `date`: a calendar date written with `YYYY`, `YY`, `MM`, `DD` and literal separators
 *   (`{date:YYYYMMDD}` -> `20261120`). `YY` reads back as 20YY.
 */
export type NamingFormat =
  | { readonly kind: 'text' }
  | { readonly kind: 'number'; readonly prefix: string; readonly width: number }
  | { readonly kind: 'date'; readonly parts: readonly DatePart[] };

type DatePart = 'YYYY' | 'YY' | 'MM' | 'DD' | { readonly literal: string };

const DATE_PART = /YYYY|YY|MM|DD/g;

/** Reads a format spec (`02`, `v03`, `YYYYMMDD`, `YYYY-MM-DD`); an error says what is accepted. */
export function parseNamingFormat(spec: string): Result<NamingFormat, string> {
  if (spec === '') return ok({ kind: 'text' });
  const num = /^([A-Za-z]*)(\d+)$/.exec(spec);
  if (num) {
    const width = Number(num[2]);
    if (width < 1 || width > 12) return err(`needs a width from 1 to 12 digits, not ${width}`);
    return ok({ kind: 'number', prefix: num[1]!, width });
  }
  if (/^(YYYY|YY|MM|DD|[^A-Za-z0-9])+$/.test(spec)) {
    const parts: DatePart[] = [];
    let last = 0;
    for (const m of spec.matchAll(DATE_PART)) {
      if (m.index > last) parts.push({ literal: spec.slice(last, m.index) });
      parts.push(m[0] as DatePart);
      last = m.index + m[0].length;
    }
    if (last < spec.length) parts.push({ literal: spec.slice(last) });
    const names = parts.filter((p): p is Exclude<DatePart, { literal: string }> => typeof p === 'string');
    const year = names.filter((p) => p === 'YYYY' || p === 'YY').length;
    if (year !== 1 || names.filter((p) => p === 'MM').length !== 1 || names.filter((p) => p === 'DD').length !== 1) {
      return err('is a date but needs exactly one year (YYYY or YY), one MM and one DD');
    }
    return ok({ kind: 'date', parts });
  }
  return err('is not known: use a zero-padded width (02, v03) or a date (YYYYMMDD, YYYY-MM-DD, YYMMDD)');
}

/** The regular-expression source a formatted value must match (no anchors, no capture groups). */
export function formatPattern(f: NamingFormat): string | undefined {
  if (f.kind === 'number') return `${escapeRegExp(f.prefix)}\\d{${f.width},}`;
  if (f.kind === 'date') return f.parts.map((p) => (typeof p === 'string' ? `\\d{${p.length}}` : escapeRegExp(p.literal))).join('');
  return undefined;
}

/** Characters a formatted value always has, or undefined when its length varies. */
export function formatFixedLength(f: NamingFormat): number | undefined {
  if (f.kind === 'date') return f.parts.reduce((n, p) => n + (typeof p === 'string' ? p.length : p.literal.length), 0);
  return undefined;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/**
 * The canonical value of a field for a format: integers without padding or prefix (`v007`,
 * `007`, `7` -> `7`), dates as ISO `YYYY-MM-DD` (from `2026-11-20` or `20261120`); text unchanged.
 */
export function canonicalFieldValue(f: NamingFormat, raw: string): Result<string, string> {
  if (f.kind === 'text') return ok(raw);
  if (f.kind === 'number') {
    const stripped = f.prefix && raw.toLowerCase().startsWith(f.prefix.toLowerCase()) ? raw.slice(f.prefix.length) : raw;
    if (!/^\d+$/.test(stripped)) return err(`is not a whole number${f.prefix ? ` (with or without the \`${f.prefix}\` prefix)` : ''}`);
    return ok(stripped.replace(/^0+(?=\d)/, ''));
  }
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw);
  if (!m) return err('is not a date; write it as YYYY-MM-DD or YYYYMMDD');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(y, mo, d)) return err('is not a calendar date');
  return ok(`${m[1]}-${m[2]}-${m[3]}`);
}

/** Writes a canonical value (see `canonicalFieldValue`) in the format. */
export function formattedFieldValue(f: NamingFormat, canonical: string): string {
  if (f.kind === 'text') return canonical;
  if (f.kind === 'number') return f.prefix + canonical.padStart(f.width, '0');
  const [y, m, d] = canonical.split('-') as [string, string, string];
  return f.parts.map((p) => (p === 'YYYY' ? y : p === 'YY' ? y.slice(2) : p === 'MM' ? m : p === 'DD' ? d : p.literal)).join('');
}

/**
 * Reads a value written in the format back to its canonical value. A value that matches the
 * pattern but is not how the format writes it (`003` for width 2, month 13) is an error.
 */
export function readFieldValue(f: NamingFormat, text: string): Result<string, string> {
  if (f.kind === 'text') return ok(text);
  if (f.kind === 'number') {
    const digits = text.slice(f.prefix.length);
    const canonical = digits.replace(/^0+(?=\d)/, '');
    if (formattedFieldValue(f, canonical) !== text) return err(`has extra leading zeros; written as \`${formattedFieldValue(f, canonical)}\``);
    return ok(canonical);
  }
  let y = '';
  let m = '';
  let d = '';
  let at = 0;
  for (const p of f.parts) {
    if (typeof p !== 'string') {
      at += p.literal.length;
      continue;
    }
    const piece = text.slice(at, at + p.length);
    at += p.length;
    if (p === 'YYYY') y = piece;
    else if (p === 'YY') y = `20${piece}`;
    else if (p === 'MM') m = piece;
    else d = piece;
  }
  if (!isRealDate(Number(y), Number(m), Number(d))) return err('is not a calendar date');
  return ok(`${y}-${m}-${d}`);
}
