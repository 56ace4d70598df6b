import { describe, expect, it } from 'vitest';
import { writeEdl } from '../../../interchange/edl/write.ts';
import { readEdl } from '../../../interchange/edl/read.ts';
import { clip, gap, timeline, track, transition } from '../../../timeline/index.ts';
import { range } from '../../../time/index.ts';

const R24 = { num: 24, den: 1, dropFrame: false };

const sample = timeline({
  name: 'GOLDEN',
  rate: R24,
  startFrame: 86400,
  tracks: [
    track({
      name: 'V1',
      trackKind: 'video',
      children: [
        clip({ name: 'shot one', reel: 'A001C003_200101_R1AB', sourceFile: 'A001C003_200101_R1AB.mov', sourceRange: range(360000, 48, R24), markers: [{ name: 'fix sky', color: 'yellow', markedRange: range(360010, 1, R24) }] }),
        transition({ transitionType: 'dissolve', inFrames: 0, outFrames: 12, rate: R24 }),
        clip({ name: 'shot two', reel: 'B002', sourceRange: range(720000, 36, R24), effects: [{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: { num: 1, den: 2 } }] }),
        gap(24, R24),
        clip({ name: 'black', media: { kind: 'generator', generatorKind: 'black' }, sourceRange: range(0, 24, R24) }),
      ],
    }),
    track({ name: 'V2', trackKind: 'video', children: [clip({ name: 'title', sourceRange: range(0, 24, R24) })] }),
    track({ name: 'A1', trackKind: 'audio', children: [clip({ name: 'shot one', reel: 'A001C003_200101_R1AB', sourceFile: 'A001C003_200101_R1AB.mov', sourceRange: range(360000, 48, R24) })] }),
  ],
});

describe('writeEdl', () => {
  it('cmx3600 golden: 8-character reels with the full name in a comment, dissolve pair, M2, LOC, BL, B channel', () => {
    const w = writeEdl(sample, { dialect: 'cmx3600' });
    expect(w.text).toBe(
      [
        'TITLE: GOLDEN',
        'FCM: NON-DROP FRAME',
        '001  A001C003 B     C        04:10:00:00 04:10:02:00 01:00:00:00 01:00:02:00',
        '* FROM CLIP NAME: shot one',
        '* REEL: A001C003_200101_R1AB',
        '* LOC: 01:00:00:10 YELLOW  fix sky',
        '* SOURCE FILE: A001C003_200101_R1AB.mov',
        '002  A001C003 V     C        04:10:02:00 04:10:02:00 01:00:02:00 01:00:02:00',
        '002  B002     V     D    012 08:20:00:00 08:20:00:18 01:00:02:00 01:00:03:12',
        'M2   B002           012.0                08:20:00:00',
        '* FROM CLIP NAME: shot one',
        '* TO CLIP NAME: shot two',
        '003  BL       V     C        00:00:00:00 00:00:01:00 01:00:04:12 01:00:05:12',
        '* FROM CLIP NAME: black',
        '',
      ].join('\n'),
    );
    expect(w.findings.map((f) => f.message)).toEqual([
      'track V2 not written: cmx3600 carries one video track; write it on its own with track "V2", or merge the tracks',
      'reel "A001C003_200101_R1AB" written as "A001C003" (cmx3600 reels hold 8 characters); the full name is kept in a * REEL: comment',
    ]);
  });

  it('model→text→model keeps names, reels, speed, markers, the transition and the gap', () => {
    const back = readEdl(writeEdl(sample, { dialect: 'cmx3600' }).text, { rate: R24 }).value!;
    const v1 = back.tracks[0]!;
    expect(v1.children.map((c) => c.kind)).toEqual(['clip', 'transition', 'clip', 'gap', 'clip']);
    expect(v1.children.map((c) => c.name)).toEqual(['shot one', 'SMPTE_Dissolve from shot one to shot two', 'shot two', '', 'black']);
    const [one, , two] = v1.children;
    expect(one?.kind === 'clip' && [one.reel, one.sourceFile, one.markers[0]!.markedRange.start.value]).toEqual(['A001C003_200101_R1AB', 'A001C003_200101_R1AB.mov', 360010]);
    expect(two?.kind === 'clip' && two.effects).toEqual([{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: { num: 1, den: 2 } }]);
    expect(back.tracks.map((t) => t.name)).toEqual(['V1', 'A1']);
  });

  it('file32 merges all tracks: V2 carries a TRACK comment; premiere writes blank lines and bare EFFECTS NAME IS', () => {
    const merged = writeEdl(sample, { dialect: 'file32', mergeTracks: true });
    expect(merged.text).toContain('000002  AX                               V     C        00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n* FROM CLIP NAME:  title\n* TRACK: V2\n');
    expect(readEdl(merged.text, { rate: R24 }).value!.tracks.map((t) => t.name)).toEqual(['V1', 'V2', 'A1']);
    const onlyV2 = writeEdl(sample, { dialect: 'premiere', track: 'V2' });
    expect(onlyV2.text).toBe('TITLE: GOLDEN\nFCM: NON-DROP FRAME\n\n001  AX       V     C        00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n* FROM CLIP NAME: title\n\n');
  });

  it('reports what it cannot carry: a transition that starts before its cut, a speed M2 cannot say, a stack', () => {
    const tl = timeline({
      name: 'LOSSY',
      rate: R24,
      tracks: [
        track({
          name: 'V1',
          trackKind: 'video',
          children: [
            clip({ name: 'a', sourceRange: range(0, 24, R24) }),
            transition({ transitionType: 'dissolve', inFrames: 6, outFrames: 6, rate: R24 }),
            clip({ name: 'b', sourceRange: range(100, 24, R24), effects: [{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: { num: 1, den: 7 } }] }),
            { kind: 'stack', name: 'nest', children: [], sourceRange: range(0, 10, R24), enabled: true, markers: [], effects: [], metadata: {} },
          ],
        }),
      ],
    });
    const w = writeEdl(tl, { dialect: 'resolve' });
    expect(w.findings.map((f) => f.code)).toEqual(['EDL_WRITE_TRANSITION_MOVED', 'EDL_WRITE_ITEM_OMITTED', 'EDL_WRITE_SPEED_ROUNDED']);
    // a loses the 6 frames before the cut; b starts 6 source frames earlier (94) and reads 30 x 1/7 = 4 frames.
    expect(w.text).toContain('001  AX       V     C        00:00:00:00 00:00:00:18 00:00:00:00 00:00:00:18');
    expect(w.text).toContain('002  AX       V     C        00:00:00:18 00:00:00:18 00:00:00:18 00:00:00:18');
    expect(w.text).toContain('002  AX       V     D    012 00:00:03:22 00:00:04:02 00:00:00:18 00:00:02:00');
    expect(w.text).toContain('M2   AX             003.4                00:00:03:22');
  });
});
