import type { Rate } from './rate.ts';
import type { RationalTime, Rounding } from './rational.ts';
import { dividedRounded, rt } from './rational.ts';
import { err, ok, type Result } from './result.ts';

/**
 * Premiere Pro measures time in ticks: 254016000000 a second, chosen so that every common
 * frame and sample rate is a whole number of ticks. Tick counts pass 2^53 after about ten
 * hours, so they are BigInt here and strings at the host boundary.
 */
export const TICKS_PER_SECOND = 254016000000n;

/** Ticks for a time (`value * den / num` seconds); exact for every rate whose unit is a whole tick count. */
export function ticksFromTime(t: RationalTime): Result<bigint, string> {
  const n = BigInt(t.value) * BigInt(t.rate.den) * TICKS_PER_SECOND;
  const d = BigInt(t.rate.num);
  if (n % d !== 0n) return err(`${t.value} units at ${t.rate.num}/${t.rate.den} is not a whole number of Premiere ticks`);
  return ok(n / d);
}

/** Ticks per frame at `r` (10594584000 at 23.976), when whole. */
export function ticksPerFrame(r: Rate): bigint | undefined {
  const n = BigInt(r.den) * TICKS_PER_SECOND;
  const d = BigInt(r.num);
  return n % d === 0n ? n / d : undefined;
}

/** Parses a tick count as Premiere hands it over: a decimal string (ticks past 2^53 are why). */
export function parseTicks(text: string): Result<bigint, string> {
  const s = text.trim();
  if (!/^-?\d+$/.test(s)) return err(`"${text}" is not a tick count (a whole number of 1/254016000000 s)`);
  return ok(BigInt(s));
}

/**
 * Ticks as whole units at `r`. A tick count between two frames is an error unless a
 * rounding is named; the error says how far off the nearest frame it is.
 */
export function timeFromTicks(ticks: bigint, r: Rate, rounding?: Rounding): Result<RationalTime, string> {
  const n = ticks * BigInt(r.num);
  const d = BigInt(r.den) * TICKS_PER_SECOND;
  const q = n / d;
  const rem = n % d;
  if (rem === 0n) return ok(rt(Number(q), r));
  if (!rounding) {
    return err(`${ticks} ticks is not on a frame boundary at ${r.num}/${r.den} (${rem < 0n ? -rem : rem}/${d} of a frame past frame ${q}); name a rounding`);
  }
  return ok(rt(Number(dividedRounded(n, d, rounding)), r));
}
