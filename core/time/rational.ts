import { rate as makeRate, ratesEqual, type Rate } from './rate.ts';
import { err, ok, type Result } from './result.ts';

/** An instant or a length: `value` whole units at `rate` (value / rate seconds). `value` is a safe integer. */
export interface RationalTime {
  readonly value: number;
  readonly rate: Rate;
}

/** A half-open range `[start, start + duration)`; both parts at the same rate. */
export interface TimeRange {
  readonly start: RationalTime;
  readonly duration: RationalTime;
}

/** How a rescale that does not land on a whole unit is resolved. */
export type Rounding = 'floor' | 'ceil' | 'round';

export function rt(value: number, r: Rate): RationalTime {
  if (!Number.isSafeInteger(value)) throw new RangeError(`a RationalTime value must be a safe integer, got ${value}`);
  return { value, rate: { num: r.num, den: r.den } };
}

/** A range of `duration` units from `start`, both at `r`. */
export function range(start: number, duration: number, r: Rate): TimeRange {
  return { start: rt(start, r), duration: rt(duration, r) };
}

/** First unit after the range (exclusive end). */
export function endExclusive(r: TimeRange): RationalTime {
  const d = rescaledExactly(r.duration, r.start.rate);
  return rt(r.start.value + (d ?? rescaledTo(r.duration, r.start.rate, 'round')), r.start.rate);
}

/** Last unit inside the range (inclusive end); for display only. */
export function endInclusive(r: TimeRange): RationalTime {
  const end = endExclusive(r);
  return rt(end.value - 1, end.rate);
}

// value * rate.den / rate.num seconds; comparisons cross-multiply in BigInt so nothing
// overflows 2^53 (24 h of 192 kHz with a 1001 denominator does).
function scaled(t: RationalTime, to: Rate): { q: bigint; r: bigint; d: bigint } {
  const n = BigInt(t.value) * BigInt(t.rate.den) * BigInt(to.num);
  const d = BigInt(t.rate.num) * BigInt(to.den);
  return { q: n / d, r: n % d, d };
}

/** The value at another rate when it lands on a whole unit, else undefined. */
export function rescaledExactly(t: RationalTime, to: Rate): number | undefined {
  if (ratesEqual(t.rate, to)) return t.value;
  const { q, r } = scaled(t, to);
  return r === 0n ? Number(q) : undefined;
}

/** `n / d` (d > 0) as a BigInt, rounded as named; 'round' is half away from zero. */
export function dividedRounded(n: bigint, d: bigint, rounding: Rounding): bigint {
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  const down = r < 0n ? q - 1n : q;
  const up = down + 1n;
  if (rounding === 'floor') return down;
  if (rounding === 'ceil') return up;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice === d) return r < 0n ? down : up;
  return twice > d ? (r < 0n ? down : up) : q;
}

/** The value at another rate, rounded as named ('round' is half away from zero). */
export function rescaledTo(t: RationalTime, to: Rate, rounding: Rounding): number {
  if (ratesEqual(t.rate, to)) return t.value;
  const { q, r, d } = scaled(t, to);
  if (r === 0n) return Number(q);
  return Number(dividedRounded(q * d + r, d, rounding));
}

/** The rescale as a RationalTime, exact or an error that says what rounding would be needed. */
export function rescaled(t: RationalTime, to: Rate): Result<RationalTime, string> {
  const v = rescaledExactly(t, to);
  if (v === undefined) {
    return err(`${t.value} at ${t.rate.num}/${t.rate.den} is not a whole number of units at ${to.num}/${to.den}; choose floor, ceil or round`);
  }
  return ok(rt(v, to));
}

/** -1, 0 or 1, comparing instants across rates exactly. */
export function compareTime(a: RationalTime, b: RationalTime): number {
  const l = BigInt(a.value) * BigInt(a.rate.den) * BigInt(b.rate.num);
  const r = BigInt(b.value) * BigInt(b.rate.den) * BigInt(a.rate.num);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Same instant, whatever the rates. */
export function timesEqual(a: RationalTime, b: RationalTime): boolean {
  return compareTime(a, b) === 0;
}

/** Same value and same rate. */
export function timesStrictlyEqual(a: RationalTime, b: RationalTime): boolean {
  return a.value === b.value && ratesEqual(a.rate, b.rate);
}

/** Sum at `a`'s rate; `b` must land exactly on `a`'s units (else throws: a programmer error). */
export function addedTime(a: RationalTime, b: RationalTime): RationalTime {
  const v = rescaledExactly(b, a.rate);
  if (v === undefined) throw new RangeError('addedTime: operands do not share a unit grid');
  return rt(a.value + v, a.rate);
}

/** `a - b` at `a`'s rate, with the same exactness rule as addedTime. */
export function subtractedTime(a: RationalTime, b: RationalTime): RationalTime {
  const v = rescaledExactly(b, a.rate);
  if (v === undefined) throw new RangeError('subtractedTime: operands do not share a unit grid');
  return rt(a.value - v, a.rate);
}

export function rangeContains(r: TimeRange, t: RationalTime): boolean {
  return compareTime(t, r.start) >= 0 && compareTime(t, endExclusive(r)) < 0;
}

/** True when the two half-open ranges share at least one instant. */
export function rangesOverlap(a: TimeRange, b: TimeRange): boolean {
  return compareTime(a.start, endExclusive(b)) < 0 && compareTime(b.start, endExclusive(a)) < 0;
}

/** The range with both ends rescaled to `to` (start floored, end ceiled, so it never shrinks). */
export function rangeRescaledTo(r: TimeRange, to: Rate): TimeRange {
  const s = rescaledTo(r.start, to, 'floor');
  const e = rescaledTo(endExclusive(r), to, 'ceil');
  return range(s, e - s, to);
}

/**
 * Seconds as an exact decimal string (`3599.9964`), cut to `maxDecimals` places and marked
 * with a leading `~` when the cut dropped digits. Display and ffmpeg edges only.
 */
export function toSecondsString(t: RationalTime, maxDecimals = 6): string {
  const n = BigInt(t.value) * BigInt(t.rate.den);
  const d = BigInt(t.rate.num);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const whole = abs / d;
  let rem = abs % d;
  let digits = '';
  for (let i = 0; i < maxDecimals && rem !== 0n; i++) {
    rem *= 10n;
    digits += String(rem / d);
    rem %= d;
  }
  const approx = rem !== 0n ? '~' : '';
  return `${approx}${negative ? '-' : ''}${whole}${digits ? `.${digits}` : ''}`;
}

/** Seconds as a float, for ffmpeg arguments and plots only (never for arithmetic). */
export function toSecondsFloat(t: RationalTime): number {
  return (t.value * t.rate.den) / t.rate.num;
}

/** An audio or media time from a sample count at an integer sample rate (48000 -> 48000/1). */
export function samples(count: number, sampleRate: number): RationalTime {
  return rt(count, makeRate(sampleRate));
}
