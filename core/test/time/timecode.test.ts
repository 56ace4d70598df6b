import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatFrameRate,
  formatTimecode,
  framesOf,
  framesPerDay,
  nominalFps,
  parseTimecode,
  RATE_MATRIX,
  timecodeOf,
  type FrameRate,
} from '../../time/index.ts';

const DF2997: FrameRate = { num: 30000, den: 1001, dropFrame: true };
const NDF2997: FrameRate = { num: 30000, den: 1001, dropFrame: false };
const DF5994: FrameRate = { num: 60000, den: 1001, dropFrame: true };
const NDF5994: FrameRate = { num: 60000, den: 1001, dropFrame: false };
const R23976: FrameRate = { num: 24000, den: 1001, dropFrame: false };
const R24: FrameRate = { num: 24, den: 1, dropFrame: false };
const R25: FrameRate = { num: 25, den: 1, dropFrame: false };
const R30: FrameRate = { num: 30, den: 1, dropFrame: false };
const R50: FrameRate = { num: 50, den: 1, dropFrame: false };
const R60: FrameRate = { num: 60, den: 1, dropFrame: false };

/**
 * Reference tables, computed by hand. 29.97 DF: 1800 labels in minute 0 of every ten,
 * 1798 in the nine others, so 17982 frames every ten minutes and 107892 an hour.
 * 59.94 DF: 3600 and 3596, so 35964 every ten minutes and 215784 an hour.
 */
type Row = readonly [frames: number, label: string];

function checkTable(r: FrameRate, rows: readonly Row[]): void {
  for (const [frames, label] of rows) {
    expect(formatTimecode(frames, r), `${frames} at ${formatFrameRate(r)}`).toEqual({ ok: true, value: label });
    expect(parseTimecode(label, r), `${label} at ${formatFrameRate(r)}`).toEqual({ ok: true, value: frames });
  }
}

describe('29.97 DF reference table', () => {
  it('minute rollover skips ;00 and ;01', () => {
    checkTable(DF2997, [
      [0, '00:00:00;00'],
      [1, '00:00:00;01'],
      [29, '00:00:00;29'],
      [30, '00:00:01;00'],
      [1799, '00:00:59;29'],
      [1800, '00:01:00;02'],
      [1801, '00:01:00;03'],
      [3597, '00:01:59;29'],
      [3598, '00:02:00;02'],
      [16184, '00:09:00;02'],
    ]);
  });
  it('every tenth minute keeps all its labels', () => {
    checkTable(DF2997, [
      [17981, '00:09:59;29'],
      [17982, '00:10:00;00'],
      [17983, '00:10:00;01'],
      [17984, '00:10:00;02'],
      [19781, '00:10:59;29'],
      [19782, '00:11:00;02'],
      [35964, '00:20:00;00'],
      [53946, '00:30:00;00'],
    ]);
  });
  it('hour boundaries', () => {
    checkTable(DF2997, [
      [107891, '00:59:59;29'],
      [107892, '01:00:00;00'],
      [107893, '01:00:00;01'],
      [109692, '01:01:00;02'],
      [1078920, '10:00:00;00'],
      [2481515, '22:59:59;29'],
      [2481516, '23:00:00;00'],
    ]);
  });
  it('24-hour wrap', () => {
    expect(framesPerDay(DF2997)).toBe(2589408);
    checkTable(DF2997, [[2589407, '23:59:59;29']]);
    expect(formatTimecode(2589408, DF2997)).toMatchObject({ ok: false, error: { code: 'TC_PAST_24H' } });
    expect(formatTimecode(2589408, DF2997, { wrap24h: true })).toEqual({ ok: true, value: '00:00:00;00' });
    expect(formatTimecode(2589409 + 1800, DF2997, { wrap24h: true })).toEqual({ ok: true, value: '00:01:00;03' });
    expect(formatTimecode(-1, DF2997, { wrap24h: true })).toEqual({ ok: true, value: '23:59:59;29' });
  });
});

describe('59.94 DF reference table', () => {
  it('minute rollover skips ;00 to ;03', () => {
    checkTable(DF5994, [
      [0, '00:00:00;00'],
      [59, '00:00:00;59'],
      [60, '00:00:01;00'],
      [3599, '00:00:59;59'],
      [3600, '00:01:00;04'],
      [3601, '00:01:00;05'],
      [7195, '00:01:59;59'],
      [7196, '00:02:00;04'],
    ]);
  });
  it('every tenth minute keeps all its labels', () => {
    checkTable(DF5994, [
      [35963, '00:09:59;59'],
      [35964, '00:10:00;00'],
      [35967, '00:10:00;03'],
      [39564, '00:11:00;04'],
    ]);
  });
  it('hour boundaries', () => {
    checkTable(DF5994, [
      [215783, '00:59:59;59'],
      [215784, '01:00:00;00'],
      [219384, '01:01:00;04'],
      [2157840, '10:00:00;00'],
    ]);
  });
  it('24-hour wrap', () => {
    expect(framesPerDay(DF5994)).toBe(5178816);
    checkTable(DF5994, [[5178815, '23:59:59;59']]);
    expect(formatTimecode(5178816, DF5994)).toMatchObject({ ok: false, error: { code: 'TC_PAST_24H' } });
    expect(formatTimecode(5178816 + 3600, DF5994, { wrap24h: true })).toEqual({ ok: true, value: '00:01:00;04' });
  });
});

describe('non-drop reference tables', () => {
  it('minute rollover', () => {
    checkTable(R23976, [[1439, '00:00:59:23'], [1440, '00:01:00:00']]);
    checkTable(R24, [[1439, '00:00:59:23'], [1440, '00:01:00:00']]);
    checkTable(R25, [[1499, '00:00:59:24'], [1500, '00:01:00:00']]);
    checkTable(NDF2997, [[1799, '00:00:59:29'], [1800, '00:01:00:00'], [1801, '00:01:00:01']]);
    checkTable(R30, [[1800, '00:01:00:00']]);
    checkTable(R50, [[2999, '00:00:59:49'], [3000, '00:01:00:00']]);
    checkTable(NDF5994, [[3599, '00:00:59:59'], [3600, '00:01:00:00']]);
    checkTable(R60, [[3600, '00:01:00:00']]);
  });
  it('tenth minute', () => {
    checkTable(R23976, [[14399, '00:09:59:23'], [14400, '00:10:00:00']]);
    checkTable(R25, [[15000, '00:10:00:00']]);
    checkTable(NDF2997, [[18000, '00:10:00:00']]);
    checkTable(NDF5994, [[36000, '00:10:00:00']]);
  });
  it('hour', () => {
    checkTable(R23976, [[86399, '00:59:59:23'], [86400, '01:00:00:00'], [864000, '10:00:00:00']]);
    checkTable(R24, [[86400, '01:00:00:00']]);
    checkTable(R25, [[89999, '00:59:59:24'], [90000, '01:00:00:00']]);
    checkTable(NDF2997, [[108000, '01:00:00:00']]);
    checkTable(R30, [[108000, '01:00:00:00']]);
    checkTable(R50, [[180000, '01:00:00:00']]);
    checkTable(NDF5994, [[216000, '01:00:00:00']]);
    checkTable(R60, [[216000, '01:00:00:00']]);
  });
  it('24-hour wrap', () => {
    expect(RATE_MATRIX.map(framesPerDay)).toEqual([2073600, 2073600, 2160000, 2589408, 2592000, 2592000, 4320000, 5178816, 5184000, 5184000]);
    checkTable(R23976, [[2073599, '23:59:59:23']]);
    checkTable(R25, [[2159999, '23:59:59:24']]);
    expect(formatTimecode(2073600, R23976)).toMatchObject({ ok: false, error: { code: 'TC_PAST_24H' } });
    expect(formatTimecode(2073600 + 86400, R23976, { wrap24h: true })).toEqual({ ok: true, value: '01:00:00:00' });
    expect(formatTimecode(-24, R24, { wrap24h: true })).toEqual({ ok: true, value: '23:59:59:00' });
  });
});

describe('parseTimecode accepts and refuses', () => {
  it('reads a DF label written with colons or other DF separators', () => {
    expect(parseTimecode('01:00:00:00', DF2997)).toEqual({ ok: true, value: 107892 });
    expect(parseTimecode('01:00:00.00', DF2997)).toEqual({ ok: true, value: 107892 });
    expect(parseTimecode('01;00;00;00', DF2997)).toEqual({ ok: true, value: 107892 });
    expect(parseTimecode(' 01:00:00;00 ', DF2997)).toEqual({ ok: true, value: 107892 });
  });

  it('refuses a DF separator at a non-drop rate, hinting at DF where it exists', () => {
    const at25 = parseTimecode('01:00:00;00', R25);
    expect(at25).toEqual({ ok: false, error: { code: 'TC_DF_INVALID_RATE', message: '"01:00:00;00" uses a drop-frame separator but the rate is 25' } });
    const atNdf = parseTimecode('01:00:00;00', NDF2997);
    expect(atNdf).toEqual({
      ok: false,
      error: { code: 'TC_DF_INVALID_RATE', message: '"01:00:00;00" uses a drop-frame separator but the rate is 29.97 NDF; if the list is drop-frame, use the rate 29.97 DF' },
    });
  });

  it('refuses negative labels and frame counts', () => {
    expect(parseTimecode('-00:00:01:00', R24)).toMatchObject({ ok: false, error: { code: 'TC_NEGATIVE' } });
    expect(formatTimecode(-1, R24)).toEqual({ ok: false, error: { code: 'TC_NEGATIVE', message: 'frame -1 is before 00:00:00:00; timecode has no negative labels' } });
  });

  it('refuses fields out of range and hours past 23 unless asked', () => {
    expect(parseTimecode('00:60:00:00', R24)).toEqual({ ok: false, error: { code: 'TC_FIELD_RANGE', message: '"00:60:00:00": minutes 60 is past 59' } });
    expect(parseTimecode('00:00:60:00', R24)).toEqual({ ok: false, error: { code: 'TC_FIELD_RANGE', message: '"00:00:60:00": seconds 60 is past 59' } });
    expect(parseTimecode('24:00:00:00', R24)).toMatchObject({ ok: false, error: { code: 'TC_PAST_24H' } });
    expect(parseTimecode('24:00:00:00', R24, { allowPast24h: true })).toEqual({ ok: true, value: 2073600 });
    expect(parseTimecode('1:00:00', R24)).toMatchObject({ ok: false, error: { code: 'TC_SYNTAX' } });
    expect(parseTimecode('ab:cd:ef:gh', R24)).toMatchObject({ ok: false, error: { code: 'TC_SYNTAX' } });
  });

  it('names the nearest valid labels for a skipped drop-frame label', () => {
    expect(parseTimecode('00:01:00;00', DF2997)).toEqual({
      ok: false,
      error: {
        code: 'TC_DF_LABEL_SKIPPED',
        message:
          '"00:01:00;00" does not exist at 29.97 DF: drop-frame skips frames 00 to 01 at the start of minute 1 (every minute not divisible by ten); nearest valid labels are 00:00:59;29 and 00:01:00;02',
        nearest: ['00:00:59;29', '00:01:00;02'],
      },
    });
    expect(parseTimecode('00:01:00;01', DF2997)).toMatchObject({ ok: false, error: { nearest: ['00:00:59;29', '00:01:00;02'] } });
    expect(parseTimecode('01:01:00;00', DF2997)).toMatchObject({ ok: false, error: { nearest: ['01:00:59;29', '01:01:00;02'] } });
    expect(parseTimecode('00:01:00;03', DF5994)).toMatchObject({
      ok: false,
      error: { code: 'TC_DF_LABEL_SKIPPED', nearest: ['00:00:59;59', '00:01:00;04'] },
    });
    expect(parseTimecode('00:01:00;03', DF5994).ok).toBe(false);
    expect(parseTimecode('00:10:00;00', DF2997)).toEqual({ ok: true, value: 17982 });
  });

  it('says which rates make a frames field past the rate legal', () => {
    expect(parseTimecode('00:00:00:24', R24)).toEqual({
      ok: false,
      error: {
        code: 'TC_FRAMES_PAST_RATE',
        message: '"00:00:00:24": frame 24 is past the last frame (23) of a second at 24 fps; the label is legal at 25, 29.97, 30, 50, 59.94, 60',
        legalAt: ['25', '29.97', '30', '50', '59.94', '60'],
      },
    });
    expect(parseTimecode('00:00:00:24', R23976)).toMatchObject({ ok: false, error: { legalAt: ['25', '29.97', '30', '50', '59.94', '60'] } });
    expect(parseTimecode('00:00:00:25', R25)).toMatchObject({ ok: false, error: { legalAt: ['29.97', '30', '50', '59.94', '60'] } });
    expect(parseTimecode('00:00:00;30', DF2997)).toMatchObject({ ok: false, error: { code: 'TC_FRAMES_PAST_RATE', legalAt: ['50', '59.94', '60'] } });
    expect(parseTimecode('00:00:00:50', R50)).toMatchObject({ ok: false, error: { legalAt: ['59.94', '60'] } });
  });

  it('has throwing twins for trusted values', () => {
    expect(framesOf('01:00:00;00', DF2997)).toBe(107892);
    expect(timecodeOf(107892, DF2997)).toBe('01:00:00;00');
    expect(() => framesOf('00:01:00;00', DF2997)).toThrow('nearest valid labels are 00:00:59;29 and 00:01:00;02');
    expect(timecodeOf(2589408, DF2997)).toBe('00:00:00;00');
    expect(() => timecodeOf(2589408, DF2997, {})).toThrow(RangeError);
  });
});

/** The label as a nominal count: what the frame number would be if no label were ever skipped. */
function nominalOf(label: string, r: FrameRate): number {
  const [h, m, s, f] = label.split(/[:;]/).map(Number) as [number, number, number, number];
  return ((h * 60 + m) * 60 + s) * nominalFps(r) + f;
}

/** How many labels the step onto `next` skips: `drop` at the first frame of a minute not divisible by ten, else 0. */
function expectedSkip(next: string, r: FrameRate): number {
  if (!r.dropFrame) return 0;
  const [, m, s, f] = next.split(/[:;]/).map(Number) as [number, number, number, number];
  const drop = nominalFps(r) === 30 ? 2 : 4;
  return s === 0 && f === drop && m % 10 !== 0 ? drop : 0;
}

describe('properties over the frame-rate matrix', () => {
  for (const r of RATE_MATRIX) {
    const day = framesPerDay(r);
    it(`frames -> timecode -> frames is the identity over 24 h at ${formatFrameRate(r)}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: day - 1 }), (frames) => {
          const label = formatTimecode(frames, r);
          if (!label.ok) return false;
          return parseTimecode(label.value, r).ok && framesOf(label.value, r) === frames;
        }),
        { numRuns: 2000 },
      );
      // The ends of the day, exactly.
      for (const frames of [0, 1, day - 2, day - 1]) expect(framesOf(timecodeOf(frames, r, {}), r)).toBe(frames);
    });

    it(`consecutive frames give strictly increasing labels with exactly the documented skips at ${formatFrameRate(r)}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: day - 2 }), (frames) => {
          const a = timecodeOf(frames, r, {});
          const b = timecodeOf(frames + 1, r, {});
          return nominalOf(b, r) - nominalOf(a, r) === 1 + expectedSkip(b, r);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('walks every frame of the first eleven minutes at 29.97 DF and 59.94 DF: no label skipped twice or repeated', () => {
    for (const r of [DF2997, DF5994]) {
      let prev = timecodeOf(0, r, {});
      let skips = 0;
      const end = framesOf(r === DF2997 ? '00:11:00;02' : '00:11:00;04', r) + 1;
      for (let frames = 1; frames < end; frames++) {
        const next = timecodeOf(frames, r, {});
        const step = nominalOf(next, r) - nominalOf(prev, r);
        expect(step).toBe(1 + expectedSkip(next, r));
        if (step > 1) skips++;
        prev = next;
      }
      // Minutes 1-9 and 11 skip; minute 10 does not.
      expect(skips).toBe(10);
    }
  });

  it('every skipped DF label names the two labels either side of the gap', () => {
    for (const r of [DF2997, DF5994]) {
      const drop = nominalFps(r) === 30 ? 2 : 4;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }).filter((m) => m % 10 !== 0), fc.integer({ min: 0, max: drop - 1 }), (h, m, f) => {
          const label = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00;${String(f).padStart(2, '0')}`;
          const res = parseTimecode(label, r);
          if (res.ok || res.error.code !== 'TC_DF_LABEL_SKIPPED' || !res.error.nearest) return false;
          const [before, after] = res.error.nearest;
          return framesOf(after, r) === framesOf(before, r) + 1 && after.endsWith(`;${String(drop).padStart(2, '0')}`);
        }),
      );
    }
  });
});
