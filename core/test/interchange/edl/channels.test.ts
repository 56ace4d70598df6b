import { describe, expect, it } from 'vitest';
import { formatChannels, parseAudLine, parseChannels } from '../../../interchange/edl/channels.ts';

describe('EDL channel field', () => {
  it.each([
    ['V', 1, false, []],
    ['A', 0, false, [1]],
    ['A2', 0, false, [2]],
    ['AA', 0, false, [1, 2]],
    ['B', 1, false, [1]],
    ['AA/V', 1, false, [1, 2]],
    ['A/V', 1, false, [1]],
    ['A2/V', 1, false, [2]],
    ['NONE', 0, false, []],
    ['A7', 0, false, [7]],
    ['a12', 0, false, [12]],
    ['V2', 2, true, []],
  ])('%s', (token, video, explicit, audio) => {
    expect(parseChannels(token)).toEqual({ video, videoExplicit: explicit, audio });
  });

  it('refuses what is not a channel, and channel numbers past 99', () => {
    for (const t of ['X', 'C', 'A0', 'A100', 'V/Q', '']) expect(parseChannels(t)).toBeUndefined();
  });

  it('reads AUD lines with any spacing', () => {
    expect(parseAudLine('  3    4')).toEqual([3, 4]);
    expect(parseAudLine('3   ')).toEqual([3]);
    expect(parseAudLine('x')).toBeUndefined();
    expect(parseAudLine('')).toBeUndefined();
  });

  it('writes the token and the AUD channels, or nothing past channel 4', () => {
    expect(formatChannels(true, [1, 2])).toEqual({ token: 'AA/V', aud: [] });
    expect(formatChannels(true, [1])).toEqual({ token: 'B', aud: [] });
    expect(formatChannels(true, [3, 4])).toEqual({ token: 'V', aud: [3, 4] });
    expect(formatChannels(false, [3])).toEqual({ token: 'NONE', aud: [3] });
    expect(formatChannels(false, [2])).toEqual({ token: 'A2', aud: [] });
    expect(formatChannels(false, [5])).toBeUndefined();
  });
});
