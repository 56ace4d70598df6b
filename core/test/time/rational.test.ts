import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addedTime,
  compareTime,
  endExclusive,
  endInclusive,
  formatFrameRate,
  framesPerDay,
  parseTicks,
  range,
  rangeContains,
  rangeRescaledTo,
  rangesOverlap,
  rate,
  RATE_MATRIX,
  rescaled,
  rescaledExactly,
  rescaledTo,
  rt,
  samples,
  subtractedTime,
  TICKS_PER_SECOND,
  ticksFromTime,
  ticksPerFrame,
  timeFromTicks,
  timesEqual,
  timesStrictlyEqual,
  toSecondsString,
} from '../../time/index.ts';

const R23976 = rate(24000, 1001);
const R2997 = rate(30000, 1001);
const R24 = rate(24);
const R48 = rate(48);
const A48K = rate(48000);

describe('rescaling', () => {
  it('is exact where the units line up', () => {
    expect(rescaledExactly(rt(48, R24), R48)).toBe(96);
    expect(rescaledExactly(rt(1, R24), A48K)).toBe(2000);
    // One 23.976 frame is 1001/24000 s: exactly 2002 samples at 48 kHz; a second of frames is 48048.
    expect(rescaledExactly(rt(1, R23976), A48K)).toBe(2002);
    expect(rescaledExactly(rt(24, R23976), A48K)).toBe(48048);
    expect(rescaledExactly(rt(86400, R23976), rate(24000))).toBe(86486400);
    expect(rescaled(rt(2, R48), R24)).toEqual({ ok: true, value: rt(1, R24) });
  });

  it('says a rounding is needed where they do not', () => {
    // One 29.97 frame is 1601.6 samples at 48 kHz.
    expect(rescaledExactly(rt(1, R2997), A48K)).toBeUndefined();
    expect(rescaled(rt(1, R2997), A48K)).toEqual({
      ok: false,
      error: '1 at 30000/1001 is not a whole number of units at 48000/1; choose floor, ceil or round',
    });
  });

  it.each([
    // value, from, to, floor, ceil, round ('round' is half away from zero)
    [1, R2997, A48K, 1601, 1602, 1602],
    [-1, R2997, A48K, -1602, -1601, -1602],
    [1, R48, R24, 0, 1, 1],
    [-1, R48, R24, -1, 0, -1],
    [3, R48, R24, 1, 2, 2],
    [-3, R48, R24, -2, -1, -2],
    [1, rate(72), R24, 0, 1, 0],
    [2, rate(72), R24, 0, 1, 1],
    [-1, rate(72), R24, -1, 0, 0],
    [-2, rate(72), R24, -1, 0, -1],
    [1001, rate(30), R2997, 1000, 1000, 1000],
    [1000, rate(30), R2997, 999, 1000, 999],
  ] as const)('rescales %i at %o to %o as floor %i, ceil %i, round %i', (value, from, to, floor, ceil, round) => {
    const t = rt(value, from);
    expect(rescaledTo(t, to, 'floor')).toBe(floor);
    expect(rescaledTo(t, to, 'ceil')).toBe(ceil);
    expect(rescaledTo(t, to, 'round')).toBe(round);
  });

  it('property: floor <= exact <= ceil, one apart unless exact, round is one of them', () => {
    const rates = [...RATE_MATRIX.map((r) => rate(r.num, r.den)), A48K, rate(96000), rate(120000, 1001)];
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(...rates), fc.constantFrom(...rates), (value, from, to) => {
        const t = rt(value, from);
        const lo = rescaledTo(t, to, 'floor');
        const hi = rescaledTo(t, to, 'ceil');
        const r = rescaledTo(t, to, 'round');
        const exact = rescaledExactly(t, to);
        if (exact !== undefined) return lo === exact && hi === exact && r === exact;
        return hi === lo + 1 && (r === lo || r === hi) && compareTime(rt(lo, to), t) < 0 && compareTime(rt(hi, to), t) > 0;
      }),
    );
  });

  it('property: rescaling to a multiple rate and back is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e8, max: 1e8 }), fc.constantFrom(...RATE_MATRIX), fc.integer({ min: 1, max: 8 }), (value, r, k) => {
        const up = rescaledExactly(rt(value, r), rate(r.num * k, r.den));
        return up === value * k && rescaledExactly(rt(up, rate(r.num * k, r.den)), r) === value;
      }),
    );
  });
});

describe('comparison and arithmetic', () => {
  it('compares instants across rates exactly', () => {
    expect(compareTime(rt(24, R24), rt(25, rate(25)))).toBe(0);
    expect(compareTime(rt(24, R23976), rt(24, R24))).toBe(1);
    expect(compareTime(rt(1000, rate(30)), rt(1000, R2997))).toBe(-1);
    expect(timesEqual(rt(2, R48), rt(1, R24))).toBe(true);
    expect(timesStrictlyEqual(rt(2, R48), rt(1, R24))).toBe(false);
    expect(timesStrictlyEqual(rt(1, R24), rt(1, rate(48, 2)))).toBe(true);
  });

  it('adds and subtracts on a shared grid, and refuses otherwise', () => {
    expect(addedTime(rt(86400, R24), rt(48, R48))).toEqual(rt(86424, R24));
    expect(subtractedTime(rt(86400, R24), rt(24, R24))).toEqual(rt(86376, R24));
    expect(() => addedTime(rt(0, R24), rt(1, R48))).toThrow('addedTime: operands do not share a unit grid');
  });

  it('keeps ranges half-open', () => {
    const r = range(86400, 48, R24);
    expect(endExclusive(r)).toEqual(rt(86448, R24));
    expect(endInclusive(r)).toEqual(rt(86447, R24));
    expect(rangeContains(r, rt(86400, R24))).toBe(true);
    expect(rangeContains(r, rt(86447, R24))).toBe(true);
    expect(rangeContains(r, rt(86448, R24))).toBe(false);
    expect(rangesOverlap(r, range(86448, 10, R24))).toBe(false);
    expect(rangesOverlap(r, range(86447, 10, R24))).toBe(true);
    // A 48 fps range of 3 frames from 1: [0.5, 2) at 24 never shrinks: [0, 2).
    expect(rangeRescaledTo(range(1, 3, R48), R24)).toEqual(range(0, 2, R24));
  });

  it('prints seconds as an exact decimal, marking a cut with ~', () => {
    expect(toSecondsString(rt(86400, R23976))).toBe('3603.6');
    expect(toSecondsString(rt(1, R2997))).toBe('~0.033366');
    expect(toSecondsString(rt(1, R2997), 10)).toBe('~0.0333666666');
    expect(toSecondsString(rt(-12, R24))).toBe('-0.5');
    expect(toSecondsString(rt(0, R24))).toBe('0');
    expect(samples(48048, 48000)).toEqual(rt(48048, A48K));
  });

  it('refuses a non-integer value (programmer error)', () => {
    expect(() => rt(1.5, R24)).toThrow(RangeError);
  });
});

describe('Premiere ticks', () => {
  it('is 254016000000 a second', () => {
    expect(TICKS_PER_SECOND).toBe(254016000000n);
  });

  it('has a whole number of ticks a frame at every rate of the matrix', () => {
    expect(RATE_MATRIX.map((r) => ticksPerFrame(r))).toEqual([
      10594584000n,
      10584000000n,
      10160640000n,
      8475667200n,
      8475667200n,
      8467200000n,
      5080320000n,
      4237833600n,
      4237833600n,
      4233600000n,
    ]);
    expect(ticksPerFrame(A48K)).toBe(5292000n);
    expect(ticksPerFrame(rate(44100))).toBe(5760000n);
  });

  it('01:00:00:00 at 23.976 is 915372057600000 ticks', () => {
    expect(ticksFromTime(rt(86400, R23976))).toEqual({ ok: true, value: 915372057600000n });
    expect(timeFromTicks(915372057600000n, R23976)).toEqual({ ok: true, value: rt(86400, R23976) });
  });

  it('stays exact past 2^53 ticks (24 h at 23.976)', () => {
    const ticks = ticksFromTime(rt(2073600, R23976));
    expect(ticks).toEqual({ ok: true, value: 21968929382400000n });
    expect(Number.MAX_SAFE_INTEGER < 21968929382400000).toBe(true);
    expect(timeFromTicks(21968929382400000n, R23976)).toEqual({ ok: true, value: rt(2073600, R23976) });
  });

  for (const r of RATE_MATRIX) {
    it(`round-trips frames through ticks at ${formatFrameRate(r)}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: -framesPerDay(r), max: 10 * framesPerDay(r) }), (frames) => {
          const t = ticksFromTime(rt(frames, r));
          if (!t.ok) return false;
          const back = timeFromTicks(t.value, r);
          return back.ok && back.value.value === frames && t.value === BigInt(frames) * ticksPerFrame(r)!;
        }),
      );
    });
  }

  it('refuses ticks between frames unless a rounding is named', () => {
    const tpf = 10594584000n;
    const off = 86400n * tpf + 1n;
    const res = timeFromTicks(off, R23976);
    expect(res).toEqual({
      ok: false,
      error: '915372057600001 ticks is not on a frame boundary at 24000/1001 (24000/254270016000000 of a frame past frame 86400); name a rounding',
    });
    expect(timeFromTicks(off, R23976, 'floor')).toEqual({ ok: true, value: rt(86400, R23976) });
    expect(timeFromTicks(off, R23976, 'ceil')).toEqual({ ok: true, value: rt(86401, R23976) });
    expect(timeFromTicks(off, R23976, 'round')).toEqual({ ok: true, value: rt(86400, R23976) });
    expect(timeFromTicks(86400n * tpf + tpf / 2n, R23976, 'round')).toEqual({ ok: true, value: rt(86401, R23976) });
    expect(timeFromTicks(-(86400n * tpf + 1n), R23976, 'floor')).toEqual({ ok: true, value: rt(-86401, R23976) });
    expect(timeFromTicks(-(86400n * tpf + 1n), R23976, 'ceil')).toEqual({ ok: true, value: rt(-86400, R23976) });
    expect(timeFromTicks(-(86400n * tpf + tpf / 2n), R23976, 'round')).toEqual({ ok: true, value: rt(-86401, R23976) });
  });

  it('reports a time that is not a whole tick count', () => {
    // 254016000000 = 2^12 * 3^4 * 5^6 * 7^2: 11 does not divide it.
    expect(ticksFromTime(rt(1, rate(11)))).toEqual({ ok: false, error: '1 units at 11/1 is not a whole number of Premiere ticks' });
  });

  it('parses tick counts as Premiere hands them over', () => {
    expect(parseTicks('915372057600000')).toEqual({ ok: true, value: 915372057600000n });
    expect(parseTicks(' 21968929382400000 ')).toEqual({ ok: true, value: 21968929382400000n });
    expect(parseTicks('-10594584000')).toEqual({ ok: true, value: -10594584000n });
    expect(parseTicks('1.5')).toEqual({ ok: false, error: '"1.5" is not a tick count (a whole number of 1/254016000000 s)' });
  });
});
