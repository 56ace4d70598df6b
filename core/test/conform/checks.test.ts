import { describe, expect, it } from 'vitest';
import { range, type FrameRate } from '../../time/index.ts';
import { clip, gap, stack, timeline, track, transition, type Clip, type MediaRecord, type Timeline, type TrackItem } from '../../timeline/index.ts';
import { CONFORM_CHECKS, conformCheckTimeline, conformTimeline } from '../../conform/index.ts';

/**
 * Ground truth per check, the way MediaConch tests its policies: each case is a small list
 * that must raise exactly the codes listed (one check's finding, plus the companion info a
 * check always reports with it), and the clean cut must raise nothing at all.
 */

const R: FrameRate = { num: 24, den: 1, dropFrame: false };
const HOUR = 86400;

/** A clip of `frames` from source frame `src` (timecode frames at 24). */
function shot(reel: string, src: number, frames: number, extra: Partial<Parameters<typeof clip>[0]> = {}): Clip {
  return clip({ name: `${reel}-take`, reel, sourceRange: range(src, frames, R), ...extra });
}

function cut(v1: TrackItem[], more: { v2?: TrackItem[]; a1?: TrackItem[]; v2Enabled?: boolean } = {}): Timeline {
  const tracks = [track({ name: 'V1', trackKind: 'video', children: v1 })];
  if (more.v2) tracks.push(track({ name: 'V2', trackKind: 'video', children: more.v2, enabled: more.v2Enabled ?? true }));
  if (more.a1) tracks.push(track({ name: 'A1', trackKind: 'audio', children: more.a1 }));
  return timeline({ name: 'GT', rate: R, startFrame: HOUR, tracks });
}

// Source frames: 10:00:00:00 at 24 fps.
const S = 10 * HOUR;
const CLEAN = cut([shot('A001C001', S + 100, 48), shot('A001C002', S + 200, 48), shot('A001C003', S + 300, 48)], { a1: [shot('SR001', S + 100, 144)] });

/** Media for the clean cut: every clip with 100 frames of handle each side. */
const MEDIA: MediaRecord[] = [
  { fileName: 'A001C001_250101_R1AB.mov', reel: 'A001C001', availableRange: range(S, 300, R), rate: R, width: 3840, height: 2160, extra: {} },
  { fileName: 'A001C002_250101_R1AB.mov', reel: 'A001C002', availableRange: range(S + 100, 300, R), rate: R, width: 3840, height: 2160, extra: {} },
  { fileName: 'A001C003_250101_R1AB.mov', reel: 'A001C003', availableRange: range(S + 200, 300, R), rate: R, width: 3840, height: 2160, extra: {} },
  { fileName: 'SR001_1.wav', reel: 'SR001', availableRange: range(S, 500, R), rate: R, audioChannels: 2, extra: {} },
];

const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code);

describe('timeline checks: ground truth', () => {
  it('the clean cut raises nothing', () => {
    expect(conformCheckTimeline(CLEAN).findings).toEqual([]);
    expect(conformTimeline(CLEAN, MEDIA, { handles: 8, lint: true }).findings).toEqual([]);
  });

  it('CHECK_GAP: 10 empty frames between two shots, placed to the frame', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 48), gap(10, R), shot('A001C002', S + 200, 48)])).findings;
    expect(codes(f)).toEqual(['CHECK_GAP']);
    expect(f[0]!.params).toEqual({ track: 'the picture', frames: 10, from: '01:00:02:00', to: '01:00:02:10' });
    expect(f[0]!.where.frames).toEqual({ start: 48, end: 58 });
  });

  it('CHECK_GAP is not raised for a hole in V2 that V1 covers', () => {
    expect(codes(conformCheckTimeline(cut([shot('A001C001', S + 100, 96)], { v2: [gap(24, R)] })).findings)).toEqual([]);
  });

  it('CHECK_FLASH_FRAME: a 1-frame event under the default limit of 3', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 48), shot('A001C002', S + 200, 1), shot('A001C003', S + 300, 48)])).findings;
    expect(codes(f)).toEqual(['CHECK_FLASH_FRAME']);
    expect(f[0]!.params).toEqual({ event: '002', frames: 1, limit: 3 });
    expect(f[0]!.where.record).toEqual({ in: '01:00:02:00', out: '01:00:02:01' });
  });

  it('CHECK_FLASH_FRAME follows the limit given: 2 frames pass at 2, fail at 3', () => {
    const tl = cut([shot('A001C001', S + 100, 48), shot('A001C002', S + 200, 2), shot('A001C003', S + 300, 48)]);
    expect(codes(conformCheckTimeline(tl, { flashFrames: 2 }).findings)).toEqual([]);
    expect(codes(conformCheckTimeline(tl, { flashFrames: 3 }).findings)).toEqual(['CHECK_FLASH_FRAME']);
  });

  it('CHECK_OVERLAP: a V2 shot over V1', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 48), shot('A001C002', S + 200, 48)], { v2: [gap(36, R), shot('A001C003', S + 300, 24)] })).findings;
    expect(codes(f)).toEqual(['CHECK_OVERLAP', 'CHECK_OVERLAP']);
    expect(f.map((x) => x.params)).toEqual([
      { event: '002', track: 'V2', under: '001', underTrack: 'V1', frames: 12 },
      { event: '002', track: 'V2', under: '003', underTrack: 'V1', frames: 12 },
    ]);
  });

  it('CHECK_ITEM_DISABLED: a disabled shot on V2 and a disabled track', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 96)], { v2: [shot('A001C003', S + 300, 24, { enabled: false })] })).findings;
    expect(codes(f)).toEqual(['CHECK_ITEM_DISABLED']);
    expect(f[0]!.params).toEqual({ what: 'event 002', name: 'A001C003-take' });
    const t = conformCheckTimeline(cut([shot('A001C001', S + 100, 96)], { v2: [shot('A001C003', S + 300, 24)], v2Enabled: false })).findings;
    expect(t.map((x) => [x.code, x.params])).toEqual([['CHECK_ITEM_DISABLED', { what: 'track', name: 'V2' }]]);
  });

  it('CHECK_MEDIA_OFFLINE: one clip of a list that carries media has none', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 48, { media: { kind: 'external', url: '/media/A001C001.mov' } }), shot('A001C002', S + 200, 48)])).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_MEDIA_OFFLINE', { event: '002', clip: 'A001C002-take' }]]);
  });

  it('CHECK_NESTED_SEQUENCE: a nest on V1', () => {
    const nest = stack({ name: 'NEST 1', children: [track({ name: 'V1', trackKind: 'video', children: [shot('A001C003', S + 300, 48)] })] });
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 48), nest])).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_NESTED_SEQUENCE', { name: 'NEST 1', track: 'V1', tracks: 1 }]]);
    expect(f[0]!.where.frames).toEqual({ start: 48, end: 96 });
  });

  it('CHECK_EFFECT_UNSUPPORTED: a resize on a shot', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 48, { effects: [{ kind: 'effect', name: 'Resize', effectName: 'AVX2 Resize' }] })])).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_EFFECT_UNSUPPORTED', { event: '001', effect: 'AVX2 Resize' }]]);
  });

  it('CHECK_RATE_MIXED: a 25 fps source in a 24 fps timeline', () => {
    const f = conformCheckTimeline(cut([clip({ name: 'pal', reel: 'PAL01', sourceRange: range(25 * 3600, 50, { num: 25, den: 1 }) })])).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_RATE_MIXED', { event: '001', source: '25', timeline: '24' }]]);
  });

  it('CHECK_SPEED_CHANGE: 200% reads twice the record length', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 24, { effects: [{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: { num: 2, den: 1 } }] })])).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_SPEED_CHANGE', { event: '001', percent: '200%', recordFrames: 24, sourceFrames: 48, sourceIn: '10:00:04:04', sourceOut: '10:00:06:04' }]]);
  });

  it('CHECK_REVERSE: -100% reads backwards from the source in', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 24, { effects: [{ kind: 'linearTimeWarp', name: 'Reverse', timeScalar: { num: -1, den: 1 } }] })])).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_REVERSE', { event: '001', percent: '100%', sourceIn: '10:00:03:05', sourceOut: '10:00:04:05' }]]);
  });

  it('CHECK_FREEZE_FRAME: one source frame held', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 24, { effects: [{ kind: 'freezeFrame', name: 'Freeze' }] })])).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_FREEZE_FRAME', { event: '001', frames: 24, sourceFrame: '10:00:04:04' }]]);
  });

  it('CHECK_SOURCE_REUSED: the same 12 frames twice', () => {
    const f = conformCheckTimeline(cut([shot('A001C001', S + 100, 48), shot('A001C002', S + 200, 48), shot('A001C001', S + 136, 48)])).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_SOURCE_REUSED', { event: '003', other: '001', source: 'A001C001', frames: 12, sourceIn: '10:00:05:16', sourceOut: '10:00:06:04' }]]);
  });

  it('CHECK_TRANSITION: a dissolve with media both sides is information only', () => {
    const avail = (start: number) => ({ kind: 'external' as const, url: `/m/${start}.mov`, availableRange: range(start, 400, R) });
    const tl = cut([shot('A001C001', S + 100, 48, { media: avail(S) }), transition({ transitionType: 'dissolve', inFrames: 0, outFrames: 12, rate: R }), shot('A001C002', S + 200, 48, { media: avail(S) })]);
    const f = conformCheckTimeline(tl).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([['CHECK_TRANSITION', { event: '002', type: 'dissolve', frames: 12, from: 'A001C001-take', to: 'A001C002-take' }]]);
  });

  it('CHECK_TRANSITION_MEDIA_SHORT: the outgoing clip ends 5 frames after its out point, the dissolve needs 12', () => {
    const tl = cut([
      shot('A001C001', S + 100, 48, { media: { kind: 'external', url: '/m/a.mov', availableRange: range(S, 153, R) } }),
      transition({ transitionType: 'dissolve', inFrames: 0, outFrames: 12, rate: R }),
      shot('A001C002', S + 200, 48, { media: { kind: 'external', url: '/m/b.mov', availableRange: range(S, 400, R) } }),
    ]);
    const f = conformCheckTimeline(tl).findings;
    expect(f.map((x) => [x.code, x.params])).toEqual([
      ['CHECK_TRANSITION', { event: '002', type: 'dissolve', frames: 12, from: 'A001C001-take', to: 'A001C002-take' }],
      ['CHECK_TRANSITION_MEDIA_SHORT', { event: '002', type: 'dissolve', side: 'outgoing', needed: 12, available: 5 }],
    ]);
  });
});

describe('conform checks: ground truth', () => {
  const run = (tl: Timeline, media: MediaRecord[], opts: { handles?: number; raster?: { width: number; height: number } } = {}) => conformTimeline(tl, media, { handles: opts.handles ?? 8, ...(opts.raster ? { raster: opts.raster } : {}) }).findings;
  const one = (reel: string, src: number, frames: number, extra: Partial<Parameters<typeof clip>[0]> = {}) => cut([shot(reel, src, frames, extra)]);

  it('CONFORM_MEDIA_MISSING: a reel the inventory does not hold', () => {
    const f = run(one('C009C009', S, 48), MEDIA);
    expect(f.map((x) => [x.code, x.params])).toEqual([['CONFORM_MEDIA_MISSING', { event: '001', clip: 'C009C009-take', reel: 'C009C009', tried: 'reel, clip name, source timecode' }]]);
  });

  it('CONFORM_MATCH_AMBIGUOUS: a reused roll, both files contain the source', () => {
    const media: MediaRecord[] = [
      { fileName: 'B002C004_250315_R2C1.mov', reel: 'B002C004_250315_R2C1', availableRange: range(S, 1000, R), rate: R, extra: {} },
      { fileName: 'B002C004_250317_R2C1.mov', reel: 'B002C004_250317_R2C1', availableRange: range(S - 500, 2000, R), rate: R, extra: {} },
    ];
    const f = run(one('B002C004', S + 100, 48), media);
    expect(codes(f)).toEqual(['CONFORM_MATCH_AMBIGUOUS']);
    expect(f[0]!.params).toMatchObject({ event: '001', count: 2, candidates: 'B002C004_250315_R2C1.mov, B002C004_250317_R2C1.mov' });
  });

  it('CONFORM_SOURCE_OUT_OF_RANGE: 5 frames before the media starts', () => {
    const f = run(one('A001C002', S + 95, 48), MEDIA);
    expect(f.map((x) => [x.code, x.params])).toEqual([['CONFORM_SOURCE_OUT_OF_RANGE', { event: '001', media: 'A001C002_250101_R1AB.mov', head: 5, tail: 0 }]]);
    expect(f[0]!.actual).toBe('head -5, tail 257 frames');
  });

  it('CONFORM_HANDLES_SHORT: a head handle of 3 against 8 asked for', () => {
    const f = run(one('A001C002', S + 103, 48), MEDIA);
    expect(f.map((x) => [x.code, x.params])).toEqual([['CONFORM_HANDLES_SHORT', { event: '001', side: 'head', handle: 3, requested: 8, short: 5 }]]);
  });

  it('CONFORM_RATE_MISMATCH: the media runs at 25', () => {
    const P: FrameRate = { num: 25, den: 1, dropFrame: false };
    const f = run(one('A001C001', S + 100, 48), [{ fileName: 'A001C001.mov', reel: 'A001C001', availableRange: range(10 * 90000, 1000, P), rate: P, extra: {} }]);
    expect(f.map((x) => [x.code, x.params])).toEqual([['CONFORM_RATE_MISMATCH', { event: '001', media: 'A001C001.mov', expected: '24', actual: '25' }]]);
  });

  it('CONFORM_RASTER_MISMATCH: HD media for a UHD online', () => {
    const media = MEDIA.map((m) => (m.reel === 'A001C001' ? { ...m, width: 1920, height: 1080 } : m));
    const f = run(one('A001C001', S + 100, 48), media, { raster: { width: 3840, height: 2160 } });
    expect(f.map((x) => [x.code, x.params])).toEqual([['CONFORM_RASTER_MISMATCH', { event: '001', media: 'A001C001_250101_R1AB.mov', expected: '3840x2160', actual: '1920x1080' }]]);
  });

  it('CONFORM_REEL_DIFFERS: matched by file name, the reel says otherwise', () => {
    const f = run(one('A009C009', S + 100, 48, { sourceFile: 'A001C001_250101_R1AB.mov' }), MEDIA);
    expect(f.map((x) => [x.code, x.params])).toEqual([['CONFORM_REEL_DIFFERS', { event: '001', reel: 'A009C009', mediaReel: 'A001C001', rule: 'file' }]]);
  });
});

describe('the registry', () => {
  it('lists every check once, with a version and a spec reference', () => {
    expect(CONFORM_CHECKS.map((c) => c.id)).toEqual([
      'CHECK_GAP',
      'CHECK_FLASH_FRAME',
      'CHECK_OVERLAP',
      'CHECK_ITEM_DISABLED',
      'CHECK_MEDIA_OFFLINE',
      'CHECK_NESTED_SEQUENCE',
      'CHECK_EFFECT_UNSUPPORTED',
      'CHECK_RATE_MIXED',
      'CHECK_SPEED_CHANGE',
      'CHECK_SOURCE_REUSED',
      'CHECK_TRANSITION_MEDIA_SHORT',
      'CONFORM_MEDIA_MISSING',
      'CONFORM_MATCH_AMBIGUOUS',
      'CONFORM_SOURCE_OUT_OF_RANGE',
      'CONFORM_HANDLES_SHORT',
      'CONFORM_RATE_MISMATCH',
      'CONFORM_RASTER_MISMATCH',
      'CONFORM_REEL_DIFFERS',
    ]);
    for (const c of CONFORM_CHECKS) {
      expect(c.version).toBe(1);
      expect(c.spec.length).toBeGreaterThan(20);
      expect(c.codes).toContain(c.id);
    }
  });
});
