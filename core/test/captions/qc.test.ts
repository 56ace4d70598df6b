import { describe, expect, it } from 'vitest';
import { frameRate, range, rt, rescaledTo } from '../../time/index.ts';
import { clip, timeline, track } from '../../timeline/index.ts';
import {
  captionLinesRebalanced,
  captionProfile,
  captionsCheck,
  captionsFixed,
  captionsOffset,
  captionsRateConverted,
  captionsRelabeled,
  captionsRetimed,
  captionsTimelineFacts,
  captionText,
  captionPlainLines,
  type CaptionDocument,
  type CaptionEvent,
} from '../../captions/index.ts';

const R24 = frameRate(24);
const f24 = (frames: number) => rt(frames, R24);
const event = (s: number, e: number, text: string, id?: string): CaptionEvent => ({ ...(id ? { id } : {}), start: f24(s), end: f24(e), lines: captionPlainLines(text), sourceLine: s });
const doc = (events: CaptionEvent[]): CaptionDocument => ({ format: 'srt', timeBase: 'media', events });
const profile = captionProfile('netflix-en')!;

/** A 24 fps cut starting at 01:00:00:00 with shots of the given lengths, reels A, B, C... */
function cut(lengths: number[], srcStarts?: number[]) {
  const children = lengths.map((len, i) => clip({ name: `shot${i}`, reel: String.fromCharCode(65 + i), sourceRange: range(srcStarts?.[i] ?? 1000 * i, len, R24) }));
  return timeline({ name: 'cut', rate: R24, startFrame: 86400, tracks: [track({ name: 'V1', trackKind: 'video', children })] });
}

describe('captionsCheck (Netflix English at 24 fps)', () => {
  it('finds a 1-frame gap and proposes closing it to 2 frames', () => {
    const r = captionsCheck(doc([event(24, 72, 'One caption here.'), event(73, 120, 'The next one.')]), { profile, rate: R24 });
    expect(r.findings.map((f) => [f.code, f.fix])).toEqual([['CAPTION_GAP_SHORT', 'end event 1 at 00:00:02:23 (00:00:02,958), 2 frames before event 2 starts at 00:00:03:01 (00:00:03,042)']]);
    expect(r.fixes).toEqual([{ event: 0, kind: 'setEnd', frame: 71, safe: true }]);
  });

  it('applies limits from the profile: lines, characters, durations, overlap, reading speed, empty', () => {
    const r = captionsCheck(
      doc([
        event(0, 10, 'Too short'),
        event(48, 300, 'Way too long on screen'),
        event(290, 340, 'Overlaps the one before'),
        event(400, 430, 'Reading this many characters in little more than a second is hard'),
        event(500, 560, ''),
        event(600, 660, 'one\ntwo\nthree'),
      ]),
      { profile, rate: R24 },
    );
    expect(r.findings.map((f) => f.code)).toEqual([
      'CAPTION_DURATION_SHORT',
      'CAPTION_READING_SPEED_HIGH',
      'CAPTION_OVERLAP',
      'CAPTION_DURATION_LONG',
      'CAPTION_LINE_TOO_LONG',
      'CAPTION_READING_SPEED_HIGH',
      'CAPTION_EMPTY',
      'CAPTION_TOO_MANY_LINES',
    ]);
    expect(r.findings[4]!.fix).toBe('break the text as "Reading this many characters in" / "little more than a second is hard"');
    expect(r.findings[7]!.fix).toBe('break the text as "one two three"');
  });

  it('checks shot changes from the timeline: in after a cut snaps to it, out near a cut ends 2 frames before', () => {
    const tl = cut([240, 240, 240]);
    const facts = captionsTimelineFacts(tl);
    expect(facts).toEqual({ cuts: [86640, 86880], programme: { start: 86400, end: 87120 }, recordStart: 86400 });
    // Media time: record = 86400 + frame. Cut at media frame 240.
    const d = doc([event(100, 236, 'Ends four frames before the cut.'), event(243, 330, 'Starts three frames after.'), event(469, 500, 'x')]);
    const r = captionsCheck(d, { profile, rate: R24, ...facts });
    const shot = r.findings.filter((f) => f.code === 'CAPTION_IN_NEAR_CUT' || f.code === 'CAPTION_OUT_NEAR_CUT');
    expect(shot.map((f) => [f.code, f.where.event, f.fix])).toEqual([
      ['CAPTION_OUT_NEAR_CUT', '1', 'end the event at 01:00:09:22, 2 frames before the cut at 01:00:10:00'],
      ['CAPTION_IN_NEAR_CUT', '2', 'snap the in to the cut at 01:00:10:00'],
      ['CAPTION_IN_NEAR_CUT', '3', 'move the in to 01:00:19:12, 12 frames before the cut at 01:00:20:00'],
    ]);
    const fixed = captionsFixed(d, { profile, rate: R24, ...facts });
    expect(fixed.value.events.slice(0, 2).map((e) => [rescaledTo(e.start, R24, 'round'), rescaledTo(e.end, R24, 'round')])).toEqual([
      [100, 238],
      [240, 330],
    ]);
    expect(fixed.remaining.filter((f) => f.code === 'CAPTION_IN_NEAR_CUT' || f.code === 'CAPTION_OUT_NEAR_CUT').map((f) => f.where.event)).toEqual([]);
    expect(rescaledTo(fixed.value.events[2]!.start, R24, 'round')).toBe(468);
  });

  it('flags events outside the programme and never applies an unsafe fix', () => {
    const tl = cut([48]);
    const d = doc([event(30, 70, 'Runs past the end of the programme')]);
    const r = captionsCheck(d, { profile, rate: R24, ...captionsTimelineFacts(tl) });
    expect(r.findings.find((f) => f.code === 'CAPTION_OUTSIDE_PROGRAMME')!.message).toBe('event 1 ends after the programme end 01:00:02:00');
  });
});

describe('captionLinesRebalanced', () => {
  it('keeps two-speaker dialogue lines as they are', () => {
    expect(captionLinesRebalanced(captionPlainLines('-Where are you going tonight with all those people?\n-Home.'), 42, 2)).toBeUndefined();
  });
  it('counts CJK half-width characters as half', () => {
    expect(captionLinesRebalanced(captionPlainLines('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 16, 1, true)!.map((l) => l[0]!.text)).toEqual(['ABCDEFGHIJKLMNOPQRSTUVWXYZ']);
  });
});

describe('timing tools', () => {
  const d = doc([event(24, 48, 'a')]);
  it('offsets exactly', () => {
    const o = captionsOffset(d, rt(-500, { num: 1000, den: 1 }));
    expect([o.events[0]!.start, o.events[0]!.end]).toEqual([rt(12, R24), rt(36, R24)]);
  });
  it('speeds 23.976 up to 25 keeping frames', () => {
    const src: CaptionDocument = { ...d, events: [{ ...d.events[0]!, start: rt(1001, { num: 1000, den: 1 }), end: rt(2002, { num: 1000, den: 1 }) }] };
    const c = captionsRateConverted(src, { num: 24000, den: 1001 }, frameRate(25));
    expect([c.events[0]!.start, c.events[0]!.end]).toEqual([rt(24, frameRate(25)), rt(48, frameRate(25))]);
  });
  it('re-reads 29.97 NDF labels as DF labels', () => {
    const ndf = frameRate(30000, 1001, false);
    const df = frameRate(30000, 1001, true);
    const src: CaptionDocument = { format: 'scc', timeBase: 'timecode', events: [{ start: rt(108000, ndf), end: rt(108030, ndf), lines: captionPlainLines('x') }] };
    const c = captionsRelabeled(src, ndf, df);
    // 01:00:00:00 NDF is frame 108000; the label 01:00:00;00 DF is frame 107892.
    expect([c.events[0]!.start.value, c.events[0]!.end.value]).toEqual([107892, 107922]);
  });
});

describe('captionsRetimed', () => {
  it('follows a recut: a removed shot drops its caption, a moved shot moves its caption', () => {
    const oldCut = cut([100, 100, 100]);
    // New cut: shot B removed, C moved first, A trimmed by 10 frames at the head.
    const newCut = timeline({
      name: 'new',
      rate: R24,
      startFrame: 86400,
      tracks: [
        track({
          name: 'V1',
          trackKind: 'video',
          children: [clip({ name: 'c', reel: 'C', sourceRange: range(2000, 100, R24) }), clip({ name: 'a', reel: 'A', sourceRange: range(10, 90, R24) })],
        }),
      ],
    });
    const d = doc([event(20, 60, 'On A', 'a'), event(120, 160, 'On B', 'b'), event(210, 250, 'On C', 'c')]);
    const r = captionsRetimed(d, oldCut, newCut);
    expect(r.value.events.map((e) => [e.id, e.start.value, e.end.value, captionText(e)])).toEqual([
      ['c', 10, 50, 'On C'],
      ['a', 110, 150, 'On A'],
    ]);
    expect(r.findings.map((f) => [f.code, f.where.event])).toEqual([['CAPTION_RETIME_DROPPED', 'b']]);
  });
});
