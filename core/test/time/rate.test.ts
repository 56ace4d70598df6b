import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_RATE_SPELLINGS,
  formatFrameRate,
  formatRate,
  frameRate,
  isDropFrameCapable,
  nearestStandardRate,
  nominalFps,
  parseFrameRate,
  rate,
  RATE_MATRIX,
} from '../../time/index.ts';

describe('parseFrameRate', () => {
  // Every spelling the foundation issue lists, with the exact fraction it must mean.
  const spellings: [string, number, number, boolean][] = [
    ['23.976', 24000, 1001, false],
    ['23.98', 24000, 1001, false],
    ['24000/1001', 24000, 1001, false],
    ['24', 24, 1, false],
    ['25', 25, 1, false],
    ['29.97', 30000, 1001, false],
    ['29.97df', 30000, 1001, true],
    ['29.97ndf', 30000, 1001, false],
    ['30', 30, 1, false],
    ['47.952', 48000, 1001, false],
    ['48', 48, 1, false],
    ['50', 50, 1, false],
    ['59.94', 60000, 1001, false],
    ['59.94df', 60000, 1001, true],
    ['60', 60, 1, false],
    ['119.88', 120000, 1001, false],
    ['120', 120, 1, false],
  ];
  it.each(spellings)('%s is %i/%i (drop-frame %s)', (text, num, den, dropFrame) => {
    expect(parseFrameRate(text)).toEqual({ ok: true, value: { num, den, dropFrame } });
  });

  it.each([
    ['29.97 DF', 30000, 1001, true],
    ['29.97 NDF', 30000, 1001, false],
    ['59.94DF', 60000, 1001, true],
    ['59.94ndf', 60000, 1001, false],
    ['30000/1001', 30000, 1001, false],
    ['60000/2002', 30000, 1001, false],
    ['  25  ', 25, 1, false],
    ['25p', 25, 1, false],
    ['50i', 50, 1, false],
    ['24fps', 24, 1, false],
    ['25.00', 25, 1, false],
    ['23.9760', 24000, 1001, false],
  ] as [string, number, number, boolean][])('also reads %j as %i/%i', (text, num, den, dropFrame) => {
    expect(parseFrameRate(text)).toEqual({ ok: true, value: { num, den, dropFrame } });
  });

  it.each([
    ['23', '23.976 or 24'],
    ['29', '29.97 or 30'],
    ['47', '47.952 or 48'],
    ['59', '59.94 or 60'],
    ['119', '119.88 or 120'],
  ])('refuses the ambiguous %s and asks whether it means %s', (text, choices) => {
    const r = parseFrameRate(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe(`"${text}" is ambiguous: did you mean ${choices}? Accepted: ${ACCEPTED_RATE_SPELLINGS}`);
  });

  it.each(['26', '23.9', '29.976', 'fast', '', '1/0', '0', '30/0'])('refuses the unknown %j and lists what is accepted', (text) => {
    const r = parseFrameRate(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(`"${text}"`);
    expect(r.error).toContain(ACCEPTED_RATE_SPELLINGS);
  });

  it.each([
    ['23.976df', '23.976'],
    ['24df', '24'],
    ['25 DF', '25'],
    ['30df', '30'],
    ['60df', '60'],
  ])('refuses drop-frame at %s: it does not exist there', (text, base) => {
    expect(parseFrameRate(text)).toEqual({
      ok: false,
      error: `drop-frame does not exist at ${base}: only 29.97 and 59.94 have drop-frame timecode`,
    });
  });

  it('lists every documented spelling in the accepted text', () => {
    for (const s of ['23.976', '23.98', '24000/1001', '24', '25', '29.97df', '29.97ndf', '30', '47.952', '48', '50', '59.94df', '60', '119.88', '120']) {
      expect(ACCEPTED_RATE_SPELLINGS).toContain(s);
    }
  });
});

describe('rate construction and display', () => {
  it('reduces by the gcd', () => {
    expect(rate(60000, 2002)).toEqual({ num: 30000, den: 1001 });
    expect(rate(48, 2)).toEqual({ num: 24, den: 1 });
  });

  it('throws on a programmer error', () => {
    expect(() => rate(0, 1)).toThrow(RangeError);
    expect(() => rate(24.5, 1)).toThrow(RangeError);
    expect(() => frameRate(24000, 1001, true)).toThrow('drop-frame does not exist at 23.976');
  });

  it('knows where drop-frame exists', () => {
    expect(isDropFrameCapable(rate(30000, 1001))).toBe(true);
    expect(isDropFrameCapable(rate(60000, 1001))).toBe(true);
    expect(isDropFrameCapable(rate(24000, 1001))).toBe(false);
    expect(isDropFrameCapable(rate(30))).toBe(false);
    expect(isDropFrameCapable(rate(120000, 1001))).toBe(false);
  });

  it('counts nominal frames a timecode second', () => {
    expect(RATE_MATRIX.map(nominalFps)).toEqual([24, 24, 25, 30, 30, 30, 50, 60, 60, 60]);
  });

  it('formats rates the way editors say them', () => {
    expect(RATE_MATRIX.map(formatFrameRate)).toEqual(['23.976', '24', '25', '29.97 DF', '29.97 NDF', '30', '50', '59.94 DF', '59.94 NDF', '60']);
    expect(formatRate(rate(48000, 1001))).toBe('47.952');
    expect(formatRate(rate(120000, 1001))).toBe('119.88');
    expect(formatRate(rate(1000, 7))).toBe('1000/7');
  });

  it('snaps float rates from other formats to the exact rate they stand for', () => {
    expect(nearestStandardRate(23.976024627685547)).toEqual({ num: 24000, den: 1001 });
    expect(nearestStandardRate(23.976023976)).toEqual({ num: 24000, den: 1001 });
    expect(nearestStandardRate(29.97002997)).toEqual({ num: 30000, den: 1001 });
    expect(nearestStandardRate(59.94005994)).toEqual({ num: 60000, den: 1001 });
    expect(nearestStandardRate(25)).toEqual({ num: 25, den: 1 });
    expect(nearestStandardRate(24.0004)).toEqual({ num: 24, den: 1 });
    expect(nearestStandardRate(23.5)).toBeUndefined();
    expect(nearestStandardRate(0)).toBeUndefined();
    expect(nearestStandardRate(Number.NaN)).toBeUndefined();
  });

  it('every rate of the matrix parses back from its display name', () => {
    for (const r of RATE_MATRIX) {
      const text = formatFrameRate(r).replace(' ', '');
      expect(parseFrameRate(text)).toEqual({ ok: true, value: r });
    }
  });
});
