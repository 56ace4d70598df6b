import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RATE_MATRIX } from '../../../time/index.ts';
import {
  formatFcpxmlTime,
  formatFramesAsFcpxmlTime,
  framesAt,
  frameDurationOf,
  parseFcpxmlTime,
  rateFromFrameDuration,
  secondsToTime,
} from '../../../interchange/fcpxml/time.ts';

describe('FCPXML time values', () => {
  it('parses rational seconds exactly, reduced', () => {
    expect(parseFcpxmlTime('1001/24000s')).toEqual({ ok: true, value: { n: 1001n, d: 24000n } });
    expect(parseFcpxmlTime('3600s')).toEqual({ ok: true, value: { n: 3600n, d: 1n } });
    expect(parseFcpxmlTime('0s')).toEqual({ ok: true, value: { n: 0n, d: 1n } });
    expect(parseFcpxmlTime('8648640000/2400000s')).toEqual({ ok: true, value: { n: 18018n, d: 5n } });
    expect(parseFcpxmlTime('-100/2400s')).toEqual({ ok: true, value: { n: -1n, d: 24n } });
  });

  it('refuses what is not N/Ds or Ns, never guessing a float', () => {
    expect(parseFcpxmlTime('1.5s')).toEqual({ ok: false, error: 'syntax' });
    expect(parseFcpxmlTime('1001/24000')).toEqual({ ok: false, error: 'syntax' });
    expect(parseFcpxmlTime('00:00:01:00')).toEqual({ ok: false, error: 'syntax' });
    expect(parseFcpxmlTime('1/0s')).toEqual({ ok: false, error: 'zero-denominator' });
    expect(parseFcpxmlTime('99999999999999999999999/1s')).toEqual({ ok: false, error: 'out-of-range' });
    expect(parseFcpxmlTime('1/99999999999s')).toEqual({ ok: false, error: 'out-of-range' });
  });

  it('format(parse(x)) is the reduced fraction, and parse(format(t)) == t', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), fc.bigInt({ min: 1n, max: 2n ** 31n }), (n, d) => {
        const p = parseFcpxmlTime(`${n}/${d}s`);
        expect(p.ok).toBe(true);
        if (!p.ok) return;
        // Same value: cross-multiplied.
        expect(p.value.n * d).toBe(n * p.value.d);
        const again = parseFcpxmlTime(formatFcpxmlTime(p.value));
        expect(again).toEqual(p);
      }),
    );
  });

  it('frame durations across the rate matrix are the strings FCP writes, and read back to the exact rate', () => {
    const expected: Record<string, string> = {
      '24000/1001': '1001/24000s',
      '24/1': '100/2400s',
      '25/1': '100/2500s',
      '30000/1001': '1001/30000s',
      '30/1': '100/3000s',
      '50/1': '100/5000s',
      '60000/1001': '1001/60000s',
      '60/1': '100/6000s',
    };
    for (const r of RATE_MATRIX) {
      const fd = frameDurationOf(r);
      expect(fd).toBe(expected[`${r.num}/${r.den}`]);
      const p = parseFcpxmlTime(fd);
      expect(p.ok && rateFromFrameDuration(p.value)).toEqual({ num: r.num, den: r.den });
    }
    // 25i writes a field pair as 200/5000s: still 25 frames a second.
    const i = parseFcpxmlTime('200/5000s');
    expect(i.ok && rateFromFrameDuration(i.value)).toEqual({ num: 25, den: 1 });
  });

  it('23.976 is 24000/1001, never 23: an hour of frames is 86486400/24000s and lands on frame 86400', () => {
    const r = { num: 24000, den: 1001 };
    expect(formatFramesAsFcpxmlTime(86400, r)).toBe('86486400/24000s');
    const p = parseFcpxmlTime('86486400/24000s');
    expect(p.ok && framesAt(p.value, r)).toBe(86400);
    // A truncated 23 fps reading would put this 3,600 frames early (86486.4 s x 23 is not even whole).
    expect(p.ok && framesAt(p.value, { num: 23, den: 1 })).toBeUndefined();
    const one = parseFcpxmlTime('1001/24000s');
    expect(one.ok && secondsToTime(one.value, r)).toEqual({ time: { value: 1, rate: r }, onGrid: true });
  });

  it('keeps a time between frames exact instead of rounding it', () => {
    const p = parseFcpxmlTime('648176909/180000s');
    expect(p.ok && secondsToTime(p.value, { num: 30, den: 1 })).toEqual({ time: { value: 648176909, rate: { num: 180000, den: 1 } }, onGrid: false });
  });

  it('frames written over the rate denominator for every matrix rate round-trip to the same count', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RATE_MATRIX), fc.integer({ min: -1_000_000, max: 10_000_000 }), (r, frames) => {
        const p = parseFcpxmlTime(formatFramesAsFcpxmlTime(frames, r));
        expect(p.ok && framesAt(p.value, r)).toBe(frames);
      }),
    );
  });
});
