import { describe, expect, it } from 'vitest';
import { readEdl } from '../../../interchange/edl/read.ts';
import type { Clip, Track, Transition } from '../../../timeline/index.ts';
import type { FrameRate } from '../../../time/index.ts';

const R24: FrameRate = { num: 24, den: 1, dropFrame: false };
const NDF2997: FrameRate = { num: 30000, den: 1001, dropFrame: false };
const lines = (...l: string[]) => l.join('\n');
const clipsOf = (t: Track) => t.children.filter((c): c is Clip => c.kind === 'clip');

describe('readEdl units', () => {
  it('reads M2 lines with ; timecodes in a drop-frame list and makes exact speeds (reverse negative)', () => {
    const res = readEdl(
      lines(
        'FCM: DROP FRAME',
        '001  R1       V     C        01:00:00;02 01:00:02;02 01:00:00;00 01:00:01;00',
        'M2   R1              060.0                01:00:00;02',
        '002  R2       V     C        02:00:10;00 02:00:09;29 01:00:01;00 01:00:02;00',
        'M2   R2             -015.0                02:00:10;00',
      ),
      { rate: { num: 30000, den: 1001, dropFrame: true } },
    );
    expect(res.findings).toEqual([]);
    const [a, b] = clipsOf(res.value!.tracks[0]!);
    expect(a!.effects).toEqual([{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: { num: 2, den: 1 } }]);
    expect(b!.effects).toEqual([{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: { num: -1, den: 2 } }]);
    expect((b!.metadata['edl'] as { sourceOut: number }).sourceOut).toBe(b!.sourceRange.start.value - 1);
  });

  it('follows FCM lines inside the list for the source counting of the events after them', () => {
    const res = readEdl(
      lines(
        'FCM: NON-DROP FRAME',
        '001  R1       V     C        00:01:00:02 00:01:00:12 01:00:00:00 01:00:00:10',
        'FCM: DROP FRAME',
        '002  R2       V     C        00:01:00;02 00:01:00;12 01:00:00:10 01:00:00:20',
      ),
      { rate: NDF2997 },
    );
    expect(res.findings).toEqual([]);
    const [a, b] = clipsOf(res.value!.tracks[0]!);
    expect([a!.sourceRange.start.value, b!.sourceRange.start.value]).toEqual([1802, 1800]);
    expect((b!.metadata['edl'] as { sourceFcm: string }).sourceFcm).toBe('DROP FRAME');
    expect(res.value!.rate).toEqual(NDF2997);
  });

  it('infers 29.97 NDF from frame 29 and says how to choose 30', () => {
    const res = readEdl('001  R1       V     C        00:00:00:29 00:00:01:00 01:00:00:00 01:00:00:01');
    expect(res.value!.rate).toEqual(NDF2997);
    expect(res.findings.map((f) => f.message)).toEqual([
      'no frame rate was given; read as 29.97 NDF because the largest frame number in the list is 29 (29.97 and 30 lists look the same; pass the rate if it is 30)',
    ]);
  });

  it('reports FCM: DROP FRAME at a rate without drop-frame, and reads non-drop', () => {
    const res = readEdl(lines('FCM: DROP FRAME', '001  R1       V     C        00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00'), { rate: R24 });
    expect(res.findings.map((f) => [f.code, f.where.line])).toEqual([['EDL_FCM_CONFLICT', 1]]);
    expect(res.value!.rate).toEqual(R24);
  });

  it('keeps unknown lines as comments with a finding at their line and column', () => {
    const res = readEdl(lines('001  R1       V     C        00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00', '   GARBAGE HERE', '002  R2 V X 00:00:00:00 00:00:01:00 01:00:01:00 01:00:02:00'), { rate: R24, file: 'x.edl' });
    expect(res.findings.map((f) => [f.code, f.where])).toEqual([
      ['EDL_LINE_UNPARSEABLE', { file: 'x.edl', line: 2, column: 4 }],
      ['EDL_LINE_UNPARSEABLE', { file: 'x.edl', line: 3, column: 1 }],
    ]);
    expect((clipsOf(res.value!.tracks[0]!)[0]!.metadata['edl'] as { comments: string[] }).comments).toEqual(['GARBAGE HERE']);
  });

  it('reads key events: the background on V1, the keyed foreground stacked on V2 with its code', () => {
    const res = readEdl(
      lines(
        '001  BG       V     K    B   00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00',
        '001  FG       V     K    010 00:00:10:00 00:00:12:00 01:00:00:00 01:00:02:00',
      ),
      { rate: R24 },
    );
    const [v1, v2] = res.value!.tracks;
    expect([v1!.name, clipsOf(v1!)[0]!.reel, (clipsOf(v1!)[0]!.metadata['edl'] as { key: unknown }).key]).toEqual(['V1', 'BG', { code: 'KB', frames: 0 }]);
    expect([v2!.name, clipsOf(v2!)[0]!.reel, (clipsOf(v2!)[0]!.metadata['edl'] as { key: unknown }).key]).toEqual(['V2', 'FG', { code: 'K', frames: 10 }]);
    expect(res.findings.map((f) => f.code)).toEqual(['EDL_EVENT_STACKED']);
  });

  it('clamps a transition longer than its incoming clip and says so', () => {
    const res = readEdl(
      lines(
        '001  A        V     C        00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00',
        '002  A        V     C        00:00:01:00 00:00:01:00 01:00:01:00 01:00:01:00',
        '002  B        V     D    999 00:00:00:00 00:00:00:10 01:00:01:00 01:00:01:10',
      ),
      { rate: R24 },
    );
    const tr = res.value!.tracks[0]!.children[1] as Transition;
    expect([tr.outOffset.value, tr.name]).toEqual([10, 'SMPTE_Dissolve from A to B']);
    expect(res.findings.map((f) => f.message)).toEqual(['event 002: the transition runs 999 frames but the incoming clip only 10; it was shortened to 10']);
  });

  it('reads LOC colours as Avid, OTIO and Resolve spell them, and LOC without a colour', () => {
    const res = readEdl(
      lines(
        '001  A        V     C        00:00:00:00 00:00:10:00 01:00:00:00 01:00:10:00',
        '* LOC: 01:00:01:00 ResolveColorBlue note one',
        '*LOC: 01:00:02:00 Fuchsia',
        '* LOC: 01:00:03:00 JUST TEXT',
      ),
      { rate: R24 },
    );
    expect(clipsOf(res.value!.tracks[0]!)[0]!.markers.map((m) => [m.name, m.color, m.markedRange.start.value])).toEqual([
      ['note one', 'blue', 24],
      ['', 'magenta', 48],
      ['JUST TEXT', 'red', 72],
    ]);
  });

  it('returns no timeline for empty text, with a finding', () => {
    expect(readEdl('').value).toBeUndefined();
    expect(readEdl('\n\n').findings.map((f) => f.code)).toEqual(['RATE_INFERRED', 'EDL_NO_EVENTS']);
  });
});
