import { finding, type Finding } from '../findings/index.ts';
import { rt, type Rate, type RationalTime } from '../time/index.ts';

/** Milliseconds: the unit of SRT and WebVTT times. */
export const CAPTION_MS: Rate = { num: 1000, den: 1 };

/**
 * `t` in whole milliseconds for writing SRT / WebVTT; an exact half rounds to even, so a
 * 29.97 frame like 114255 (3812.3085 s) writes as .308, as ttconv and the catalog do.
 */
export function captionMsOf(t: RationalTime): number {
  const n = BigInt(t.value) * BigInt(t.rate.den) * 1000n;
  const d = BigInt(t.rate.num);
  let q = n / d;
  let r = n % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  if (2n * r > d || (2n * r === d && q % 2n !== 0n)) q += 1n;
  return Number(q);
}

/** `HH:MM:SS<sep>mmm` from milliseconds; hours grow past two digits when needed. */
export function formatClockMs(ms: number, sep: ',' | '.'): string {
  const neg = ms < 0;
  let v = Math.abs(ms);
  const milli = v % 1000;
  v = (v - milli) / 1000;
  const s = v % 60;
  v = (v - s) / 60;
  const m = v % 60;
  const h = (v - m) / 60;
  return `${neg ? '-' : ''}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${sep}${String(milli).padStart(3, '0')}`;
}

/**
 * A WebVTT timestamp as the W3C parsing rules read it: `[hours:]mm:ss.ttt` where hours are
 * one or more digits (required when the first field is not two digits or is above 59),
 * minutes and seconds exactly two digits up to 59 and exactly three fraction digits.
 * Returns milliseconds and the number of characters read, or undefined.
 */
export function scanVttTimestamp(text: string, from: number): { ms: number; end: number } | undefined {
  const re = /(\d+):(\d+)(?::(\d+))?\.(\d+)/y;
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m) return undefined;
  const [, a, b, c, frac] = m;
  if (frac!.length !== 3 || b!.length !== 2) return undefined;
  let h = 0;
  let mi: number;
  let s: number;
  if (c !== undefined) {
    if (c.length !== 2) return undefined;
    h = Number(a);
    mi = Number(b);
    s = Number(c);
  } else {
    if (a!.length !== 2 || Number(a) > 59) return undefined;
    mi = Number(a);
    s = Number(b);
  }
  if (mi > 59 || s > 59) return undefined;
  return { ms: ((h * 60 + mi) * 60 + s) * 1000 + Number(frac), end: re.lastIndex };
}

/**
 * An SRT timestamp, read leniently: `HH:MM:SS,mmm` is the form; a `.` separator, one- or
 * two-digit fields, a short fraction or missing hours are read with an info finding.
 */
export function parseSrtTimestamp(text: string, where: Finding['where']): { ms?: number; findings: Finding[] } {
  const t = text.trim();
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:([,.:])(\d{1,3}))?$/.exec(t);
  if (!m) return { findings: [finding('CAPTION_TIMESTAMP_INVALID', { text: t, reason: 'write HH:MM:SS,mmm' }, { where })] };
  const [, h, mi, s, sep, frac] = m;
  if (Number(mi) > 59 || Number(s) > 59) {
    return { findings: [finding('CAPTION_TIMESTAMP_INVALID', { text: t, reason: `${Number(mi) > 59 ? 'minutes' : 'seconds'} past 59` }, { where })] };
  }
  const findings: Finding[] = [];
  const loose: string[] = [];
  if (h === undefined) loose.push('has no hours');
  if (sep !== undefined && sep !== ',') loose.push(`uses "${sep}" before the milliseconds instead of ","`);
  if (frac === undefined) loose.push('has no milliseconds');
  else if (frac.length < 3) loose.push(`has ${frac.length} fraction digit(s), read as ${frac.padEnd(3, '0')} ms`);
  if (loose.length) findings.push(finding('CAPTION_TIMESTAMP_LENIENT', { text: t, reason: loose.join(', ') }, { where }));
  const ms = ((Number(h ?? 0) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + Number((frac ?? '0').padEnd(3, '0'));
  return { ms, findings };
}

export function msTime(ms: number): RationalTime {
  return rt(ms, CAPTION_MS);
}

/** Lines of a text with their 1-based numbers; CRLF, CR and LF all end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Drops NUL and C0/C1 control characters a text caption cannot hold (tab, LF, CR stay),
 * with one finding naming how many and where the first was.
 */
export function strippedOfBinary(text: string, file: string | undefined): { text: string; findings: Finding[] } {
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0080-\u009F\uFFFD]/g;
  let count = 0;
  let firstAt = -1;
  let first = '';
  const cleaned = text.replace(bad, (c, offset: number) => {
    count++;
    if (firstAt < 0) {
      firstAt = offset;
      first = c === '\uFFFD' ? 'U+FFFD (undecodable byte)' : `0x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
    return '';
  });
  if (!count) return { text, findings: [] };
  const before = text.slice(0, firstAt);
  const line = splitLines(before).length;
  const column = before.length - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) ;
  return {
    text: cleaned,
    findings: [finding('CAPTION_BINARY_DATA', { count, first: `${first} at line ${line}` }, { where: { ...(file !== undefined ? { file } : {}), line, column } })],
  };
}
