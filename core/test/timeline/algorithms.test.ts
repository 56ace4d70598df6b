import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { framesOf, range, rate, type FrameRate } from '../../time/index.ts';
import {
  clip,
  consumedSourceRange,
  eventsOf,
  flattened,
  gap,
  itemAtFrame,
  rangeInParent,
  rangesInTrack,
  speedOf,
  timeline,
  timelineDuration,
  track,
  trackDurationFrames,
  trackTrimmedToRange,
  transition,
  type Clip,
  type Effect,
  type Track,
  type TrackItem,
} from '../../timeline/index.ts';

const R24 = rate(24);
const R48 = rate(48);
const R23976: FrameRate = { num: 24000, den: 1001, dropFrame: false };
const DF2997: FrameRate = { num: 30000, den: 1001, dropFrame: true };

function shot(name: string, srcStart: number, frames: number, fields: { r?: typeof R24; enabled?: boolean; effects?: Effect[]; reel?: string } = {}): Clip {
  return clip({
    name,
    sourceRange: range(srcStart, frames, fields.r ?? R24),
    ...(fields.reel !== undefined ? { reel: fields.reel } : {}),
    ...(fields.enabled !== undefined ? { enabled: fields.enabled } : {}),
    ...(fields.effects ? { effects: fields.effects } : {}),
  });
}

/** The (name, start in track, duration) of each child, for compact assertions. */
function layout(t: Track, r = R24): [string, number, number][] {
  const ranges = rangesInTrack(t, r);
  return t.children.map((c, i) => [c.kind === 'gap' ? '(gap)' : c.name, ranges[i]!.start.value, ranges[i]!.duration.value]);
}

function sourceOf(item: TrackItem | undefined): [number, number] | undefined {
  if (!item || item.kind === 'transition' || !item.sourceRange) return undefined;
  return [item.sourceRange.start.value, item.sourceRange.duration.value];
}

// A 48-frame shot, a one-second gap, a 12-frame dissolve, a 30-frame shot, then a 48 fps
// source whose 96 source frames take 48 frames of a 24 fps track.
const V1 = track({
  name: 'V1',
  trackKind: 'video',
  children: [
    shot('A', 1000, 48),
    gap(24, R24),
    transition({ transitionType: 'dissolve', inFrames: 6, outFrames: 6, rate: R24 }),
    shot('B', 2000, 30),
    shot('HFR', 500, 96, { r: R48 }),
  ],
});

describe('positions in a track', () => {
  it('rangesInTrack gives each child its half-open range; transitions take no length', () => {
    expect(layout(V1)).toEqual([
      ['A', 0, 48],
      ['(gap)', 48, 24],
      ['dissolve', 72, 0],
      ['B', 72, 30],
      ['HFR', 102, 48],
    ]);
    expect(rangeInParent(V1, 3, R24)).toEqual(range(72, 30, R24));
    expect(() => rangeInParent(V1, 5, R24)).toThrow('track V1 has no child 5');
  });

  it('trackDurationFrames and timelineDuration sum the lengths', () => {
    expect(trackDurationFrames(V1, R24)).toBe(150);
    // The same track measured at 48 fps is twice as many frames.
    expect(trackDurationFrames(V1, R48)).toBe(300);
    const tl = timeline({ name: 't', rate: { num: 24, den: 1, dropFrame: false }, tracks: [V1, track({ name: 'A1', trackKind: 'audio', children: [shot('long', 0, 200)] })] });
    expect(timelineDuration(tl)).toEqual({ value: 200, rate: R24 });
  });

  it('itemAtFrame finds the item covering a frame, never a transition', () => {
    const at = (f: number) => {
      const hit = itemAtFrame(V1, f, R24);
      return hit ? [hit.index, hit.item.kind === 'gap' ? '(gap)' : hit.item.name, hit.range.start.value, hit.range.duration.value] : undefined;
    };
    expect(at(0)).toEqual([0, 'A', 0, 48]);
    expect(at(47)).toEqual([0, 'A', 0, 48]);
    expect(at(48)).toEqual([1, '(gap)', 48, 24]);
    expect(at(72)).toEqual([3, 'B', 72, 30]);
    expect(at(101)).toEqual([3, 'B', 72, 30]);
    expect(at(102)).toEqual([4, 'HFR', 102, 48]);
    expect(at(149)).toEqual([4, 'HFR', 102, 48]);
    expect(at(150)).toBeUndefined();
    expect(at(-1)).toBeUndefined();
  });
});

describe('trackTrimmedToRange', () => {
  it('cuts clips at both ends and keeps a transition strictly inside', () => {
    const t = trackTrimmedToRange(V1, 10, 110, R24);
    expect(layout(t)).toEqual([
      ['A', 0, 38],
      ['(gap)', 38, 24],
      ['dissolve', 62, 0],
      ['B', 62, 30],
      ['HFR', 92, 8],
    ]);
    expect(sourceOf(t.children[0])).toEqual([1010, 38]);
    expect(sourceOf(t.children[3])).toEqual([2000, 30]);
    // 8 record frames of the 48 fps source are 16 source frames, from its first frame.
    expect(sourceOf(t.children[4])).toEqual([500, 16]);
    // The original is untouched.
    expect(layout(V1)[0]).toEqual(['A', 0, 48]);
  });

  it('drops a transition at the range edge and items outside', () => {
    const t = trackTrimmedToRange(V1, 72, 90, R24);
    expect(layout(t)).toEqual([['B', 0, 18]]);
    expect(sourceOf(t.children[0])).toEqual([2000, 18]);
    expect(trackTrimmedToRange(V1, 200, 300, R24).children).toEqual([]);
  });

  it('a retimed clip cut at its head starts at the source frame its speed reaches', () => {
    const fast = shot('FAST', 1000, 40, { effects: [{ kind: 'linearTimeWarp', name: 'M2', timeScalar: { num: 2, den: 1 } }] });
    const slow = shot('SLOW', 1000, 40, { effects: [{ kind: 'linearTimeWarp', name: 'M2', timeScalar: { num: 1, den: 2 } }] });
    const back = shot('BACK', 1000, 40, { effects: [{ kind: 'linearTimeWarp', name: 'M2', timeScalar: { num: -1, den: 1 } }] });
    const hold = shot('HOLD', 1000, 40, { effects: [{ kind: 'freezeFrame', name: 'freeze' }] });
    const cut = (c: Clip) => sourceOf(trackTrimmedToRange(track({ name: 'V1', trackKind: 'video', children: [c] }), 10, 40, R24).children[0]);
    // 10 record frames cut at 2x skip 20 source frames; at 50% they skip 5; reversed, the
    // clip now starts 10 frames earlier in the source; a freeze keeps its frame.
    expect(cut(fast)).toEqual([1020, 30]);
    expect(cut(slow)).toEqual([1005, 30]);
    expect(cut(back)).toEqual([990, 30]);
    expect(cut(hold)).toEqual([1000, 30]);
  });

  it('a trimmed gap still starts at 0', () => {
    const t = trackTrimmedToRange(V1, 60, 80, R24);
    expect(layout(t)).toEqual([
      ['(gap)', 0, 12],
      ['dissolve', 12, 0],
      ['B', 12, 8],
    ]);
    expect(t.children[0]).toMatchObject({ kind: 'gap', sourceRange: range(0, 12, R24) });
  });

  it('property: never grows a track, and keeps exactly the overlap', () => {
    const item = fc.oneof(
      fc.record({ kind: fc.constant('clip' as const), frames: fc.integer({ min: 1, max: 200 }), src: fc.integer({ min: 0, max: 100000 }) }),
      fc.record({ kind: fc.constant('gap' as const), frames: fc.integer({ min: 1, max: 50 }), src: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.integer({ min: -50, max: 2500 }), fc.integer({ min: 0, max: 400 }), (items, from, len) => {
        const t = track({
          name: 'V1',
          trackKind: 'video',
          children: items.map((x, i) => (x.kind === 'clip' ? shot(`c${i}`, x.src, x.frames) : gap(x.frames, R24))),
        });
        const total = trackDurationFrames(t, R24);
        const trimmed = trackTrimmedToRange(t, from, from + len, R24);
        const d = trackDurationFrames(trimmed, R24);
        const overlap = Math.max(0, Math.min(from + len, total) - Math.max(from, 0));
        if (d > total || d > len || d !== overlap) return false;
        // Every piece reads source frames its original owned.
        return trimmed.children.every((c) => {
          if (c.kind !== 'clip') return true;
          const orig = t.children.find((o) => o.name === c.name) as Clip;
          const s = c.sourceRange.start.value;
          return s >= orig.sourceRange.start.value && s + c.sourceRange.duration.value <= orig.sourceRange.start.value + orig.sourceRange.duration.value;
        });
      }),
    );
  });
});

describe('flattened', () => {
  it('shows the topmost enabled video item; gaps, disabled clips and disabled tracks let lower ones through', () => {
    const v1 = track({ name: 'V1', trackKind: 'video', children: [shot('A', 1000, 100)] });
    const v2 = track({
      name: 'V2',
      trackKind: 'video',
      children: [gap(20, R24), shot('B', 2000, 20), shot('C', 3000, 20, { enabled: false }), gap(10, R24), shot('D', 4000, 10)],
    });
    const v3 = track({ name: 'V3', trackKind: 'video', enabled: false, children: [shot('E', 5000, 100)] });
    const a1 = track({ name: 'A1', trackKind: 'audio', children: [shot('MUSIC', 0, 100)] });
    const flat = flattened([v1, v2, v3, a1], R24);
    expect(flat.name).toBe('Flattened');
    expect(layout(flat)).toEqual([
      ['A', 0, 20],
      ['B', 20, 20],
      ['A', 40, 30],
      ['D', 70, 10],
      ['A', 80, 20],
    ]);
    expect(flat.children.map(sourceOf)).toEqual([
      [1000, 20],
      [2000, 20],
      [1040, 30],
      [4000, 10],
      [1080, 20],
    ]);
  });

  it('merges the pieces of a top clip that a cut below would split', () => {
    const v1 = track({ name: 'V1', trackKind: 'video', children: [shot('L1', 0, 25), shot('L2', 100, 35)] });
    const v2 = track({ name: 'V2', trackKind: 'video', children: [gap(10, R24), shot('A', 0, 30), gap(5, R24), shot('B', 700, 10)] });
    const flat = flattened([v1, v2], R24);
    expect(layout(flat)).toEqual([
      ['L1', 0, 10],
      ['A', 10, 30],
      ['L2', 40, 5],
      ['B', 45, 10],
      ['L2', 55, 5],
    ]);
    expect(flat.children.map(sourceOf)).toEqual([
      [0, 10],
      [0, 30],
      [115, 5],
      [700, 10],
      [130, 5],
    ]);
  });

  it('keeps holes as gaps and drops trailing black', () => {
    const v1 = track({ name: 'V1', trackKind: 'video', children: [gap(10, R24), shot('A', 0, 30)] });
    const v2 = track({ name: 'V2', trackKind: 'video', children: [gap(100, R24)] });
    expect(layout(flattened([v1, v2], R24))).toEqual([
      ['(gap)', 0, 10],
      ['A', 10, 30],
    ]);
  });

  it('a top clip over two lower clips splits neither record nor source time', () => {
    const v1 = track({ name: 'V1', trackKind: 'video', children: [shot('A', 0, 24), shot('B', 500, 24)] });
    const v2 = track({ name: 'V2', trackKind: 'video', children: [gap(12, R24), shot('TOP', 9000, 24)] });
    const flat = flattened([v1, v2], R24);
    expect(layout(flat)).toEqual([
      ['A', 0, 12],
      ['TOP', 12, 24],
      ['B', 36, 12],
    ]);
    expect(flat.children.map(sourceOf)).toEqual([
      [0, 12],
      [9000, 24],
      [512, 12],
    ]);
  });
});

describe('eventsOf', () => {
  it('gives record and source timecode from a 01:00:00:00 start at 23.976, video before audio at the same frame', () => {
    const src = framesOf('14:21:07:12', R23976);
    const tl = timeline({
      name: 'THE LOCK',
      rate: R23976,
      startFrame: 86400,
      tracks: [
        track({ name: 'V1', trackKind: 'video', children: [shot('A001C003', src, 48, { r: R23976, reel: 'A001C003' }), shot('B002C001', 7000, 30, { r: R23976 })] }),
        track({ name: 'V2', trackKind: 'video', children: [gap(24, R23976), shot('SH010_comp_v011', 86400 + 1001, 12, { r: R23976 })] }),
        track({ name: 'A1', trackKind: 'audio', children: [shot('A001C003', src, 78, { r: R23976 })] }),
      ],
    });
    const rows = eventsOf(tl).map((e) => [e.number, e.trackName, e.itemIndex, e.clip.name, e.recordIn, e.recordOut, e.sourceIn, e.sourceOut]);
    expect(rows).toEqual([
      [1, 'V1', 0, 'A001C003', '01:00:00:00', '01:00:02:00', '14:21:07:12', '14:21:09:12'],
      [2, 'A1', 0, 'A001C003', '01:00:00:00', '01:00:03:06', '14:21:07:12', '14:21:10:18'],
      [3, 'V2', 1, 'SH010_comp_v011', '01:00:01:00', '01:00:01:12', '01:00:41:17', '01:00:42:05'],
      [4, 'V1', 1, 'B002C001', '01:00:02:00', '01:00:03:06', '00:04:51:16', '00:04:52:22'],
    ]);
    expect(eventsOf(tl)[0]!.record).toEqual(range(86400, 48, R23976));
    expect(eventsOf(tl)[0]!.speed).toEqual({ num: 1, den: 1 });
  });

  it('counts drop-frame labels on a 29.97 DF timeline and non-drop for a 25 fps source', () => {
    const tl = timeline({
      name: 'DF',
      rate: DF2997,
      startFrame: 107892,
      tracks: [
        track({
          name: 'V1',
          trackKind: 'video',
          children: [shot('DFSRC', 107890, 1800, { r: rate(30000, 1001) }), shot('PAL', 90000, 25, { r: rate(25) })],
        }),
      ],
    });
    const rows = eventsOf(tl).map((e) => [e.recordIn, e.recordOut, e.sourceIn, e.sourceOut, e.record.duration.value]);
    expect(rows).toEqual([
      ['01:00:00;00', '01:01:00;02', '00:59:59;28', '01:00:59;28', 1800],
      // 25 frames at 25 fps last 1 s: 29.97 frames, rounded to 30 on the record side.
      ['01:01:00;02', '01:01:01;02', '01:00:00:00', '01:00:01:00', 30],
    ]);
  });

  it('labels a 29.97 source DF in a 23.976 timeline when its media says so', () => {
    const df = clip({
      name: 'DF_CAM',
      sourceRange: range(107892, 24, rate(30000, 1001)),
      media: { kind: 'external', url: 'file:///media/DF_CAM.mov', metadata: { dropFrame: true } },
    });
    const ndf = clip({ name: 'NDF_CAM', sourceRange: range(108000, 24, rate(30000, 1001)) });
    const tl = timeline({ name: 'mix', rate: R23976, startFrame: 86400, tracks: [track({ name: 'V1', trackKind: 'video', children: [df, ndf] })] });
    expect(eventsOf(tl).map((e) => [e.sourceIn, e.sourceOut])).toEqual([
      ['01:00:00;00', '01:00:00;24'],
      ['01:00:00:00', '01:00:00:24'],
    ]);
  });
});

describe('speed and consumed source', () => {
  const warp = (num: number, den: number): Effect => ({ kind: 'linearTimeWarp', name: 'speed', timeScalar: { num, den } });
  it('normal speed reads the source range', () => {
    const c = shot('N', 1000, 24);
    expect(speedOf(c)).toEqual({ num: 1, den: 1 });
    expect(consumedSourceRange(c)).toEqual(range(1000, 24, R24));
  });
  it('2x reads twice the frames', () => {
    const c = shot('FAST', 1000, 24, { effects: [warp(2, 1)] });
    expect(speedOf(c)).toEqual({ num: 2, den: 1 });
    expect(consumedSourceRange(c)).toEqual(range(1000, 48, R24));
  });
  it('50% reads half, rounding a part frame up', () => {
    expect(consumedSourceRange(shot('SLOW', 1000, 24, { effects: [warp(1, 2)] }))).toEqual(range(1000, 12, R24));
    expect(consumedSourceRange(shot('SLOW', 1000, 25, { effects: [warp(1, 2)] }))).toEqual(range(1000, 13, R24));
  });
  it('reverse reads backwards from the source start', () => {
    // 24 frames at -1 from source 1000 read 1000, 999 … 977: the range [977, 1001).
    expect(consumedSourceRange(shot('REV', 1000, 24, { effects: [warp(-1, 1)] }))).toEqual(range(977, 24, R24));
    expect(consumedSourceRange(shot('REV2', 1000, 24, { effects: [warp(-2, 1)] }))).toEqual(range(953, 48, R24));
  });
  it('a freeze reads one frame', () => {
    const c = shot('FF', 1000, 17, { effects: [{ kind: 'freezeFrame', name: 'freeze' }] });
    expect(speedOf(c)).toEqual({ num: 0, den: 1 });
    expect(consumedSourceRange(c)).toEqual(range(1000, 1, R24));
  });
  it('ignores effects that are not about time', () => {
    const c = shot('BLUR', 1000, 24, { effects: [{ kind: 'effect', name: 'Gaussian Blur', effectName: 'AE.ADBE Gaussian Blur 2' }, warp(3, 2)] });
    expect(speedOf(c)).toEqual({ num: 3, den: 2 });
    expect(consumedSourceRange(c)).toEqual(range(1000, 36, R24));
  });
});
