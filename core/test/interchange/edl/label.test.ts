import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainLabelFrames } from '../../../interchange/edl/read.ts';
import { formatTimecode, framesPerDay, parseTimecode, RATE_MATRIX } from '../../../time/index.ts';

const two = (n: number) => String(n).padStart(2, '0');

describe("the EDL reader's fast label path", () => {
  it('every label it accepts has the frame count parseTimecode gives; it refuses whatever parseTimecode refuses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RATE_MATRIX),
        fc.tuple(fc.nat({ max: 29 }), fc.nat({ max: 65 }), fc.nat({ max: 65 }), fc.nat({ max: 99 })),
        fc.constantFrom(':', ';', '.'),
        (rate, [h, m, s, f], sep) => {
          const label = `${two(h)}:${two(m)}:${two(s)}${sep}${two(f)}`;
          const quick = plainLabelFrames(label, rate);
          const full = parseTimecode(label, rate);
          if (quick >= 0) expect(full).toEqual({ ok: true, value: quick });
          if (!full.ok) expect(quick).toBe(-1);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads every label formatTimecode writes, at every rate of the matrix', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RATE_MATRIX), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (rate, at) => {
        const frames = Math.floor(at * framesPerDay(rate));
        const label = formatTimecode(frames, rate);
        expect(label.ok && plainLabelFrames(label.value, rate)).toBe(frames);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves other shapes to parseTimecode: one-digit fields, a sign, spaces, 3-digit frames', () => {
    const ndf: (typeof RATE_MATRIX)[number] = { num: 24, den: 1, dropFrame: false };
    for (const label of ['1:00:00:00', '-01:00:00:00', ' 01:00:00:00', '01:00:00:000', '01.00.00.00', '01:00:00;00']) expect(plainLabelFrames(label, ndf)).toBe(-1);
    expect(plainLabelFrames('01:00:00:00', ndf)).toBe(86400);
    // 00:01:00;00 does not exist at 29.97 DF: the first label of minute 1 is 00:01:00;02 (frame 1800).
    const df = RATE_MATRIX.find((r) => r.dropFrame && r.num === 30000)!;
    expect(plainLabelFrames('00:01:00;00', df)).toBe(-1);
    expect(plainLabelFrames('00:01:00;02', df)).toBe(1800);
    expect(plainLabelFrames('00:10:00;00', df)).toBe(17982);
  });
});
