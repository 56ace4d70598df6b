import { err, ok, type Result } from './result.ts';

/** An exact rate: `num / den` units per second, reduced, both positive integers. */
export interface Rate {
  readonly num: number;
  readonly den: number;
}

/**
 * A video frame rate. `dropFrame` is true only where SMPTE drop-frame counting exists
 * (30000/1001 and 60000/1001); it says how timecode labels are counted, not how fast.
 */
export interface FrameRate extends Rate {
  readonly dropFrame: boolean;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** A reduced rate; `60000/2002` becomes `30000/1001`. Throws on a non-positive or non-integer part (programmer error). */
export function rate(num: number, den = 1): Rate {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num <= 0 || den <= 0) {
    throw new RangeError(`rate needs positive integers, got ${num}/${den}`);
  }
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** True when drop-frame timecode is defined at this rate (29.97 and 59.94). */
export function isDropFrameCapable(r: Rate): boolean {
  return r.den === 1001 && (r.num === 30000 || r.num === 60000);
}

/** A frame rate; asking for drop-frame where it does not exist throws (use `parseFrameRate` for user input). */
export function frameRate(num: number, den = 1, dropFrame = false): FrameRate {
  const r = rate(num, den);
  if (dropFrame && !isDropFrameCapable(r)) {
    throw new RangeError(`drop-frame does not exist at ${formatRate(r)}`);
  }
  return { num: r.num, den: r.den, dropFrame };
}

export function ratesEqual(a: Rate, b: Rate): boolean {
  return a.num === b.num && a.den === b.den;
}

export function frameRatesEqual(a: FrameRate, b: FrameRate): boolean {
  return ratesEqual(a, b) && a.dropFrame === b.dropFrame;
}

/** Whole frames in a timecode second: 24 for 24000/1001, 30 for 30000/1001, 25 for 25. */
export function nominalFps(r: Rate): number {
  return Math.round(r.num / r.den);
}

/** The decimal names editors use for the NTSC-family rates. */
const NTSC_NAMES: Record<string, string> = {
  '24000/1001': '23.976',
  '30000/1001': '29.97',
  '48000/1001': '47.952',
  '60000/1001': '59.94',
  '120000/1001': '119.88',
};

/** `23.976`, `25`, `29.97`, or `num/den` for a rate without a common name. Display only. */
export function formatRate(r: Rate): string {
  if (r.den === 1) return String(r.num);
  return NTSC_NAMES[`${r.num}/${r.den}`] ?? `${r.num}/${r.den}`;
}

/** `29.97 DF`, `29.97 NDF`, `23.976`, `25`: NDF is only spelled out where DF exists. */
export function formatFrameRate(r: FrameRate): string {
  const base = formatRate(r);
  if (!isDropFrameCapable(r)) return base;
  return `${base} ${r.dropFrame ? 'DF' : 'NDF'}`;
}

/** Decimal spellings editors type, mapped to the exact rate they mean. */
const DECIMAL_RATES: Record<string, Rate> = {
  '23.976': { num: 24000, den: 1001 },
  '23.98': { num: 24000, den: 1001 },
  '29.97': { num: 30000, den: 1001 },
  '47.952': { num: 48000, den: 1001 },
  '47.95': { num: 48000, den: 1001 },
  '59.94': { num: 60000, den: 1001 },
  '119.88': { num: 120000, den: 1001 },
};

/** Whole-number rates accepted as typed. 23, 29, 59 and 119 are refused as ambiguous. */
const INTEGER_RATES = new Set([1, 8, 10, 12, 15, 16, 18, 20, 24, 25, 30, 48, 50, 60, 72, 90, 96, 100, 120, 240]);
const AMBIGUOUS_INTEGERS: Record<number, string> = { 23: '23.976 or 24', 29: '29.97 or 30', 47: '47.952 or 48', 59: '59.94 or 60', 119: '119.88 or 120' };

/** What `parseFrameRate` accepts, for error messages. */
export const ACCEPTED_RATE_SPELLINGS =
  '23.976 (or 23.98, 24000/1001), 24, 25, 29.97df, 29.97ndf (or 29.97), 30, 47.952, 48, 50, 59.94df, 59.94ndf (or 59.94), 60, 119.88, 120, or an exact fraction such as 30000/1001';

/**
 * Parses a frame rate as users type it: `23.976`, `24000/1001`, `29.97df`, `29.97 NDF`,
 * `59.94DF`, `25`, `25p`, `50i` (field-based spellings name the frame rate). Plain `29.97`
 * and `59.94` mean non-drop. Unknown, ambiguous or impossible input is an error that says
 * what is accepted; never throws.
 */
export function parseFrameRate(text: string): Result<FrameRate, string> {
  const raw = text.trim();
  const m = /^([0-9]+(?:\.[0-9]+)?|[0-9]+\s*\/\s*[0-9]+)\s*(fps)?\s*(df|ndf|d|nd|p|i)?$/i.exec(raw);
  if (!m) return err(`"${text}" is not a frame rate; accepted: ${ACCEPTED_RATE_SPELLINGS}`);
  const numeric = m[1]!.replace(/\s+/g, '');
  const suffix = (m[3] ?? '').toLowerCase();
  let base: Rate | undefined;
  if (numeric.includes('/')) {
    const [n, d] = numeric.split('/').map(Number) as [number, number];
    if (n > 0 && d > 0 && Number.isSafeInteger(n) && Number.isSafeInteger(d)) base = rate(n, d);
  } else if (numeric.includes('.')) {
    const [whole, frac] = numeric.split('.') as [string, string];
    const trimmed = frac.replace(/0+$/, '');
    const key = trimmed === '' ? whole : `${Number(whole)}.${trimmed}`;
    if (trimmed === '') {
      const n = Number(whole);
      if (INTEGER_RATES.has(n)) base = rate(n);
    } else {
      base = DECIMAL_RATES[key];
    }
  } else {
    const n = Number(numeric);
    const ambiguous = AMBIGUOUS_INTEGERS[n];
    if (ambiguous) return err(`"${text}" is ambiguous: did you mean ${ambiguous}? Accepted: ${ACCEPTED_RATE_SPELLINGS}`);
    if (INTEGER_RATES.has(n)) base = rate(n);
  }
  if (!base) return err(`"${text}" is not a frame rate Picturelock knows; accepted: ${ACCEPTED_RATE_SPELLINGS}`);
  const wantsDf = suffix === 'df' || suffix === 'd';
  if (wantsDf && !isDropFrameCapable(base)) {
    return err(`drop-frame does not exist at ${formatRate(base)}: only 29.97 and 59.94 have drop-frame timecode`);
  }
  return ok({ num: base.num, den: base.den, dropFrame: wantsDf });
}

/**
 * The exact rate an NTSC-family float stands for (23.976023976 or OTIO's 23.976024627685547
 * -> 24000/1001), or an integer rate; undefined when the float is not within 0.001 of one.
 * For reading formats that store rates as floats; never used for arithmetic.
 */
export function nearestStandardRate(value: number): Rate | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const candidates: Rate[] = [...Object.values(DECIMAL_RATES), ...[...INTEGER_RATES].map((n) => ({ num: n, den: 1 }))];
  let best: Rate | undefined;
  let bestDelta = Infinity;
  for (const c of candidates) {
    const delta = Math.abs(c.num / c.den - value);
    if (delta < bestDelta) {
      best = c;
      bestDelta = delta;
    }
  }
  return best && bestDelta < 0.001 ? best : undefined;
}

/** The frame-rate matrix every time-touching test runs over. */
export const RATE_MATRIX: readonly FrameRate[] = [
  { num: 24000, den: 1001, dropFrame: false },
  { num: 24, den: 1, dropFrame: false },
  { num: 25, den: 1, dropFrame: false },
  { num: 30000, den: 1001, dropFrame: true },
  { num: 30000, den: 1001, dropFrame: false },
  { num: 30, den: 1, dropFrame: false },
  { num: 50, den: 1, dropFrame: false },
  { num: 60000, den: 1001, dropFrame: true },
  { num: 60000, den: 1001, dropFrame: false },
  { num: 60, den: 1, dropFrame: false },
];
