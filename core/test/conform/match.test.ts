import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { range, type FrameRate } from '../../time/index.ts';
import { clip, timeline, track, type MediaRecord } from '../../timeline/index.ts';
import {
  conformCameraClipId,
  conformEventsOf,
  conformIndexOf,
  conformInventoryFromCsv,
  conformMatchEvent,
  conformNameKey,
  conformParseMatchRules,
  conformPathKey,
  conformReelKeys,
  conformVfxVersion,
} from '../../conform/index.ts';

const R: FrameRate = { num: 24, den: 1, dropFrame: false };
const S = 10 * 86400;

describe('name normalisation', () => {
  it.each([
    ['A001C003_200101_R1AB.mov', 'A001C003_200101_R1AB'],
    ['a001c003_200101_r1ab.MOV', 'A001C003_200101_R1AB'],
    ['42A-1.01', '42A-1'],
    ['42A-1.new.01', '42A-1'],
    ['/Volumes/RAID/OCF/A001C003.mxf', 'A001C003'],
    ['SH010_comp_v011.mov', 'SH010_COMP_V011'],
  ])('name key of %s is %s', (name, key) => expect(conformNameKey(name)).toBe(key));

  it('8-character reel truncation and camera clip ids give the CMX reel', () => {
    expect(conformReelKeys('A001C003_200101_R1AB')).toEqual(['A001C003_200101_R1AB', 'A001C003']);
    expect(conformCameraClipId('A001_C003_0314XY_001.R3D')).toBe('A001C003');
    expect(conformCameraClipId('B002C004_250317_R2C1')).toBe('B002C004');
    expect(conformCameraClipId('42A-1')).toBeUndefined();
  });

  it('paths compare as decoded, slash-separated, case-folded keys', () => {
    expect(conformPathKey('file://localhost/D%3a/media/sc01.mov')).toBe('D:/MEDIA/SC01.MOV');
    expect(conformPathKey('D:\\media\\SC01.mov')).toBe('D:/MEDIA/SC01.MOV');
    expect(conformPathKey('file:///Volumes/RAID/a%20b.mov')).toBe('/VOLUMES/RAID/A B.MOV');
  });

  it('VFX versions split into shot and number', () => {
    expect(conformVfxVersion('SH010_comp_v011')).toEqual({ shot: 'SH010_COMP', version: 11 });
    expect(conformVfxVersion('SH010_comp_v012.mov')).toEqual({ shot: 'SH010_COMP', version: 12 });
    expect(conformVfxVersion('42A-1')).toBeUndefined();
  });

  it('property: case and extension never change a name key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.constantFrom('', '.mov', '.MXF', '.wav'), (name, ext) => {
        expect(conformNameKey(`${name.toLowerCase()}${ext}`)).toBe(conformNameKey(name.toUpperCase()));
      }),
    );
  });
});

function eventFor(fields: { reel?: string; name?: string; sourceFile?: string; url?: string; src?: number; frames?: number; trackKind?: 'video' | 'audio' }) {
  const c = clip({
    name: fields.name ?? 'clip',
    sourceRange: range(fields.src ?? S + 100, fields.frames ?? 48, R),
    ...(fields.reel ? { reel: fields.reel } : {}),
    ...(fields.sourceFile ? { sourceFile: fields.sourceFile } : {}),
    ...(fields.url ? { media: { kind: 'external', url: fields.url } } : {}),
  });
  const tl = timeline({ name: 't', rate: R, tracks: [track({ name: fields.trackKind === 'audio' ? 'A1' : 'V1', trackKind: fields.trackKind ?? 'video', children: [c] })] });
  return conformEventsOf(tl)[0]!;
}

const rec = (f: Partial<MediaRecord>): MediaRecord => ({ extra: {}, rate: R, width: 1920, height: 1080, ...f });

describe('matching', () => {
  const media = [
    rec({ path: '/RAID/DAY1/A001C003_200101_R1AB.mov', fileName: 'A001C003_200101_R1AB.mov', reel: 'A001C003_200101_R1AB', clipName: 'A001C003_200101_R1AB', availableRange: range(S, 500, R) }),
    rec({ path: '/RAID/DAY4/A001C003_200104_R1AB.mov', fileName: 'A001C003_200104_R1AB.mov', reel: 'A001C003_200104_R1AB', clipName: 'A001C003_200104_R1AB', availableRange: range(S + 1000, 500, R) }),
    rec({ path: '/RAID/SOUND/42A-1.wav', fileName: '42A-1.wav', clipName: '42A-1', reel: 'SR004', availableRange: range(S, 5000, R), width: undefined, height: undefined, audioChannels: 2 }),
  ];
  const index = conformIndexOf(media);

  it('path wins first, whatever the reel says', () => {
    expect(conformMatchEvent(eventFor({ reel: 'A001C003', url: 'file:///RAID/DAY4/A001C003_200104_R1AB.mov', src: S + 1100 }), index)).toMatchObject({ status: 'matched', recordIndex: 1, rule: 'path' });
  });

  it('a truncated reel matching two files is decided by source timecode containment', () => {
    const m = conformMatchEvent(eventFor({ reel: 'A001C003', src: S + 1100 }), index);
    expect(m).toMatchObject({ status: 'matched', recordIndex: 1, rule: 'reel+timecode' });
  });

  it('without the timecode rule the same event is ambiguous, with the candidates and why', () => {
    const m = conformMatchEvent(eventFor({ reel: 'A001C003', name: '42B-9', src: S + 1100 }), index, ['reel', 'clip']);
    expect(m.status).toBe('ambiguous');
    if (m.status === 'ambiguous') {
      expect(m.candidates.map((c) => c.recordIndex)).toEqual([0, 1]);
      expect(m.why).toBe('2 share reel A001C003; clip name "42B-9" matches none of them: no rule can choose between A001C003_200101_R1AB.mov and A001C003_200104_R1AB.mov');
    }
  });

  it('rule order is the user\'s: clip name first picks the sound file for an audio event', () => {
    expect(conformMatchEvent(eventFor({ reel: 'A001C003', name: '42A-1', trackKind: 'audio' }), index, ['clip', 'reel'])).toMatchObject({ status: 'matched', recordIndex: 2, rule: 'clip' });
  });

  it('a picture event never matches a sound-only file', () => {
    expect(conformMatchEvent(eventFor({ name: '42A-1' }), index)).toEqual({ status: 'missing', tried: ['clip', 'timecode'] });
  });

  it('Avid .new.01 clip names match the camera clip', () => {
    expect(conformMatchEvent(eventFor({ name: 'A001C003_200101_R1AB.new.01' }), index, ['clip'])).toMatchObject({ status: 'matched', recordIndex: 0, rule: 'clip' });
  });

  it('parses --match lists and refuses unknown or repeated rules', () => {
    expect(conformParseMatchRules('reel, tc,clipname')).toEqual({ ok: true, value: ['reel', 'timecode', 'clip'] });
    expect(conformParseMatchRules('reel,size')).toEqual({ ok: false, error: '"size" is not a match rule; use path, file, reel, clip, timecode' });
    expect(conformParseMatchRules('reel,tape')).toEqual({ ok: false, error: 'match rule "reel" is listed twice' });
  });
});

describe('inventory from CSV', () => {
  it('maps columns by header name, counts end timecodes exclusive across midnight, keeps the rest', () => {
    const csv = '\uFEFFTape,File,TC In,TC Out,FPS,Resolution,Notes\r\nA001C001,"A001C001,x.mov",23:59:59:00,00:00:01:00,25,1920x1080,"said ""hi"""\r\n';
    const r = conformInventoryFromCsv(csv, { mapping: { fileName: 'File', start: 'TC In', end: 'TC Out' } });
    expect(r.findings).toEqual([]);
    expect(r.value).toEqual([
      {
        fileName: 'A001C001,x.mov',
        reel: 'A001C001',
        availableRange: range(25 * 86399, 50, { num: 25, den: 1 }),
        rate: { num: 25, den: 1, dropFrame: false },
        width: 1920,
        height: 1080,
        extra: { Notes: 'said "hi"' },
      },
    ]);
  });

  it('reports a mapped column that is not there and a value it cannot read, with line and column', () => {
    const r = conformInventoryFromCsv('reel,start_tc,rate\nA,10:00:00:99,24\n', { mapping: { path: 'Full Path' } });
    expect(r.findings.map((f) => [f.code, f.params, f.where.line, f.where.column])).toEqual([
      ['CONFORM_CSV_COLUMN_MISSING', { field: 'path', column: 'Full Path' }, 1, undefined],
      ['CONFORM_CSV_VALUE_INVALID', { column: 'start_tc', value: '10:00:00:99', reason: '"10:00:00:99": frame 99 is past the last frame (23) of a second at 24 fps; the label is legal at no standard rate' }, 2, 2],
    ]);
  });
});
