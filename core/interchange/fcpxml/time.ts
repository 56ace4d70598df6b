import { rate, rt, type Rate, type RationalTime } from '../../time/index.ts';

/**
 * FCPXML time values: a rational number of seconds written `N/Ds` or `Ns` (`1001/24000s`,
 * `3600s`, `0s`), a 64-bit numerator over a 32-bit denominator (Core Media's CMTime). They
 * are held here as exact BigInt fractions and never pass through a float: 1001/24000 s is
 * one frame at 24000/1001, not 0.0417 s.
 */
export interface Seconds {
  /** Numerator, any sign. */
  readonly n: bigint;
  /** Denominator, always > 0. */
  readonly d: bigint;
}

export const ZERO_SECONDS: Seconds = { n: 0n, d: 1n };

function bigGcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The fraction reduced to lowest terms with a positive denominator. */
export function reducedSeconds(n: bigint, d: bigint): Seconds {
  if (d === 0n) throw new RangeError('a time fraction needs a non-zero denominator');
  if (d === 1n) return { n, d };
  const sign = d < 0n ? -1n : 1n;
  const g = bigGcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

const TIME_RE = /^\s*(-?[0-9]{1,30})(?:\/([0-9]{1,20}))?s\s*$/;

/** Largest numerator / denominator the format allows (int64 / int32); past that a value is refused. */
const MAX_NUMERATOR = 2n ** 63n - 1n;
const MAX_DENOMINATOR = 2n ** 32n - 1n;

/** Why a time string was refused. */
export type SecondsError = 'syntax' | 'zero-denominator' | 'out-of-range';

/** Parses `1001/24000s`, `3600s` or `0s` into an exact fraction; anything else is an error, never a guess. */
export function parseFcpxmlTime(text: string): { ok: true; value: Seconds } | { ok: false; error: SecondsError } {
  const m = TIME_RE.exec(text);
  if (!m) return { ok: false, error: 'syntax' };
  const n = BigInt(m[1]!);
  const d = m[2] === undefined ? 1n : BigInt(m[2]);
  if (d === 0n) return { ok: false, error: 'zero-denominator' };
  if ((n < 0n ? -n : n) > MAX_NUMERATOR || d > MAX_DENOMINATOR) return { ok: false, error: 'out-of-range' };
  return { ok: true, value: reducedSeconds(n, d) };
}

/** `N/Ds`, or `Ns` when the value is a whole number of seconds, as FCP itself writes them. */
export function formatFcpxmlTime(s: Seconds): string {
  const r = reducedSeconds(s.n, s.d);
  return r.d === 1n ? `${r.n}s` : `${r.n}/${r.d}s`;
}

/**
 * A frame-aligned time written the way FCP and Resolve write it: frames × frame duration over
 * the rate's own denominator (`2002/24000s` for 2 frames at 23.976, `48/24s` reduced to `2s`).
 */
export function formatFramesAsFcpxmlTime(frames: number, r: Rate): string {
  if (frames === 0) return '0s';
  const n = BigInt(frames) * BigInt(r.den);
  const d = BigInt(r.num);
  if (n % d === 0n) return `${n / d}s`;
  return `${n}/${d}s`;
}

export function addedSeconds(a: Seconds, b: Seconds): Seconds {
  return reducedSeconds(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function subtractedSeconds(a: Seconds, b: Seconds): Seconds {
  return reducedSeconds(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function multipliedSeconds(a: Seconds, num: bigint, den: bigint): Seconds {
  return reducedSeconds(a.n * num, a.d * den);
}

export function compareSeconds(a: Seconds, b: Seconds): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The frame rate a `frameDuration` stands for: `1001/24000s` -> 24000/1001, `200/5000s` (25i) -> 25. */
export function rateFromFrameDuration(fd: Seconds): Rate | undefined {
  if (fd.n <= 0n) return undefined;
  const num = Number(fd.d);
  const den = Number(fd.n);
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return undefined;
  return rate(num, den);
}

/** The frame duration FCP writes for a rate: 1001/24000s, 100/2400s, 100/2500s, 1001/30000s, 100/5000s, 1001/60000s. */
export function frameDurationOf(r: Rate): string {
  if (r.den === 1001) return `1001/${r.num}s`;
  if (r.den === 1) return `100/${r.num * 100}s`;
  return `${r.den}/${r.num}s`;
}

/** Whole frames at `r` when the time falls on a frame boundary, else undefined. */
export function framesAt(s: Seconds, r: Rate): number | undefined {
  const n = s.n * BigInt(r.num);
  const d = s.d * BigInt(r.den);
  if (n % d !== 0n) return undefined;
  const v = n / d;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

/** Frames at `r`, rounded half away from zero, for places that must land on the grid. */
export function framesRoundedAt(s: Seconds, r: Rate): number {
  const n = s.n * BigInt(r.num);
  const d = s.d * BigInt(r.den);
  const twice = (n < 0n ? -n : n) * 2n;
  const q = (n < 0n ? -n : n) / d;
  const rounded = twice % (2n * d) >= d ? q + 1n : q;
  return Number(n < 0n ? -rounded : rounded);
}

/**
 * The time as a RationalTime at `r` when it lands on a frame; otherwise exactly, as a count
 * of 1/D seconds (D = the reduced denominator), so no sub-frame offset is rounded away.
 * `exact` is false in the second case so the reader can say so.
 */
export function secondsToTime(s: Seconds, r: Rate): { time: RationalTime; onGrid: boolean } {
  const f = framesAt(s, r);
  if (f !== undefined) return { time: rt(f, r), onGrid: true };
  const value = Number(s.n);
  const den = Number(s.d);
  if (Number.isSafeInteger(value) && Number.isSafeInteger(den)) return { time: rt(value, rate(den, 1)), onGrid: false };
  return { time: rt(framesRoundedAt(s, r), r), onGrid: false };
}

/** A RationalTime back to exact seconds. */
export function timeToSeconds(t: RationalTime): Seconds {
  return reducedSeconds(BigInt(t.value) * BigInt(t.rate.den), BigInt(t.rate.num));
}
