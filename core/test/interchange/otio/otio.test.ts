import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RATE_MATRIX, range, rt, type FrameRate } from '../../../time/index.ts';
import { clip, gap, stack, timeline, track, transition, type Timeline } from '../../../timeline/index.ts';
import { ratioFromFloat, readOtio, readOtioTimelines } from '../../../interchange/otio/read.ts';
import { writeOtio } from '../../../interchange/otio/write.ts';
import { readOtioJson } from '../../../interchange/otio/json.ts';

const RT = (rate: number, value: number) => ({ OTIO_SCHEMA: 'RationalTime.1', rate, value });
const TR = (rate: number, start: number, duration: number) => ({ OTIO_SCHEMA: 'TimeRange.1', start_time: RT(rate, start), duration: RT(rate, duration) });
const otioClip = (name: string, sr: object | null, extra: object = {}) => ({ OTIO_SCHEMA: 'Clip.1', name, source_range: sr, media_reference: null, metadata: {}, ...extra });
const doc = (children: object[], extra: object = {}) =>
  JSON.stringify({ OTIO_SCHEMA: 'Timeline.1', name: 'T', metadata: {}, tracks: { OTIO_SCHEMA: 'Stack.1', name: 'tracks', children: [{ OTIO_SCHEMA: 'Track.1', name: 'V1', kind: 'Video', children }] }, ...extra });

describe('readOtio: time', () => {
  it('snaps float rates to the exact rate once per float, and rounds values off a whole frame', () => {
    const r = readOtio(doc([otioClip('a', TR(23.976024627685547, 29.970030784606934, 11)), otioClip('b', TR(23.976024627685547, 5, 5))]));
    const c = r.value!.tracks[0]!.children[0]!;
    expect(c.kind === 'clip' && c.sourceRange).toEqual(range(30, 11, { num: 24000, den: 1001 }));
    expect(r.findings.map((f) => f.code)).toEqual(['OTIO_RATE_SNAPPED', 'RATE_INFERRED', 'OTIO_TIME_ROUNDED']);
    expect(r.findings[2]!.params).toEqual({ field: 'Clip source_range.start_time', value: '29.970030784606934', frames: 30, rate: '23.976' });
  });

  it('takes 24000/1001 written as a double (as OTIO writes it) without a finding', () => {
    const r = readOtio(doc([otioClip('a', TR(24000 / 1001, 0, 10))], { global_start_time: RT(24000 / 1001, 86314) }));
    expect(r.findings).toEqual([]);
    expect(r.value!.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
    expect(r.value!.globalStart.value).toBe(86314);
  });

  it('a rate that is no standard rate becomes the nearest small fraction with a warning; a zero rate is an error', () => {
    const r = readOtio(doc([otioClip('a', TR(12.5, 0, 10)), otioClip('b', TR(0, 0, 10))]));
    expect(r.value!.tracks[0]!.children.map((c) => (c.kind === 'clip' ? c.sourceRange.start.rate : undefined))).toEqual([{ num: 25, den: 2 }, { num: 24, den: 1 }]);
    expect(r.findings.map((f) => f.code)).toEqual(['OTIO_RATE_SNAPPED', 'RATE_INFERRED', 'OTIO_FIELD_INVALID', 'OTIO_FIELD_INVALID', 'OTIO_CLIP_RANGE_MISSING']);
  });

  it('ratioFromFloat reads float32 speeds as the ratio meant', () => {
    expect([-0.699999988079071, 0.8545454551724138, 47.6 / 24, 2, 0.5, 1 / 3].map((x) => ratioFromFloat(x))).toEqual([
      { num: -7, den: 10 }, { num: 47, den: 55 }, { num: 119, den: 60 }, { num: 2, den: 1 }, { num: 1, den: 2 }, { num: 1, den: 3 },
    ]);
  });
});

describe('readOtio: structure', () => {
  it('a SerializableCollection gives its first timeline and names the others; readOtioTimelines gives all', () => {
    const tl = (name: string) => ({ OTIO_SCHEMA: 'Timeline.1', name, tracks: { OTIO_SCHEMA: 'Stack.1', children: [] } });
    const text = JSON.stringify({ OTIO_SCHEMA: 'SerializableCollection.1', name: 'bin', children: [tl('A'), { OTIO_SCHEMA: 'SerializableCollection.1', children: [tl('B')] }] });
    const one = readOtio(text);
    expect(one.value!.name).toBe('A');
    expect(one.findings.find((f) => f.code === 'OTIO_COLLECTION_TIMELINES')!.message).toBe('the collection holds 2 timelines ("A", "B"); the first, "A", was read');
    expect(readOtioTimelines(text).value!.map((t) => t.name)).toEqual(['A', 'B']);
  });

  it('unknown schemas are findings; one with a length is kept as a gap and written back whole', () => {
    const odd = { OTIO_SCHEMA: 'FancyItem.3', name: 'odd', source_range: TR(24, 0, 12), knob: 7 };
    const r = readOtio(doc([otioClip('a', TR(24, 0, 5)), odd, { OTIO_SCHEMA: 'Nothing.1' }]));
    expect(r.value!.tracks[0]!.children.map((c) => c.kind)).toEqual(['clip', 'gap']);
    expect(r.findings.filter((f) => f.code === 'OTIO_SCHEMA_UNKNOWN').map((f) => f.params['schema'])).toEqual(['FancyItem.3', 'Nothing.1']);
    const back = readOtioJson(writeOtio(r.value!).text).value as { tracks: { children: { children: unknown[] }[] } };
    expect(back.tracks.children[0]!.children[1]).toEqual(odd);
  });

  it('a newer schema version is read as the known one with a finding', () => {
    const r = readOtio(doc([{ ...otioClip('a', TR(24, 0, 5)), OTIO_SCHEMA: 'Clip.9' }]));
    expect(r.findings.filter((f) => f.code === 'OTIO_SCHEMA_VERSION_UNKNOWN').map((f) => f.params)).toEqual([{ schema: 'Clip.9', known: 'Clip.2' }]);
  });

  it('audio tracks placed before video are put after them, with a finding', () => {
    const text = JSON.stringify({
      OTIO_SCHEMA: 'Timeline.1', name: 'T', tracks: { OTIO_SCHEMA: 'Stack.1', children: [
        { OTIO_SCHEMA: 'Track.1', name: 'A1', kind: 'Audio', children: [] },
        { OTIO_SCHEMA: 'Track.1', name: 'V1', kind: 'Video', children: [] },
      ] },
    });
    const r = readOtio(text, { rate: { num: 25, den: 1, dropFrame: false } });
    expect(r.value!.tracks.map((t) => t.name)).toEqual(['V1', 'A1']);
    expect(r.findings.map((f) => f.code)).toEqual(['OTIO_TRACKS_REORDERED']);
  });

  it('reel and source file come from cmx_3600.reel and picturelock.sourceFile, and go back there', () => {
    const r = readOtio(doc([otioClip('a', TR(24, 0, 5), { metadata: { cmx_3600: { reel: 'A001' }, picturelock: { sourceFile: 'A001C003.mov' }, other: 1 } })]));
    const c = r.value!.tracks[0]!.children[0]!;
    expect(c.kind === 'clip' && [c.reel, c.sourceFile, c.metadata]).toEqual(['A001', 'A001C003.mov', { other: 1 }]);
    const back = readOtioJson(writeOtio(r.value!).text).value as { tracks: { children: { children: { metadata: unknown }[] }[] } };
    expect(back.tracks.children[0]!.children[0]!.metadata).toEqual({ other: 1, cmx_3600: { reel: 'A001' }, picturelock: { sourceFile: 'A001C003.mov' } });
  });

  it('Clip.2 with several media references reads the active one and writes the others back', () => {
    const refs = {
      high: { OTIO_SCHEMA: 'ExternalReference.1', target_url: 'file:///hi.mov', name: 'hi' },
      proxy: { OTIO_SCHEMA: 'ExternalReference.1', target_url: 'file:///lo.mov', name: 'lo' },
    };
    const c2 = { OTIO_SCHEMA: 'Clip.2', name: 'a', source_range: TR(24, 0, 5), media_references: refs, active_media_reference_key: 'proxy' };
    const r = readOtio(doc([c2]));
    const c = r.value!.tracks[0]!.children[0]!;
    expect(c.kind === 'clip' && c.media).toEqual({ kind: 'external', url: 'file:///lo.mov', name: 'lo' });
    const back = readOtioJson(writeOtio(r.value!).text).value as { tracks: { children: { children: Record<string, unknown>[] }[] } };
    const written = back.tracks.children[0]!.children[0]!;
    expect(written['active_media_reference_key']).toBe('proxy');
    expect(Object.keys(written['media_references'] as object)).toEqual(['high', 'proxy']);
    expect(readOtio(writeOtio(r.value!).text).value).toEqual(r.value);
  });
});

describe('writeOtio', () => {
  const v = (r: FrameRate) =>
    timeline({
      name: 'cut',
      rate: r,
      startFrame: 3600 * Math.round(r.num / r.den),
      tracks: [
        track({ name: 'V1', trackKind: 'video', children: [clip({ name: 'a', sourceRange: range(100, 48, r), reel: 'R1' }), transition({ transitionType: 'dissolve', inFrames: 12, outFrames: 12, rate: r }), clip({ name: 'b', sourceRange: range(5, 24, r), effects: [{ kind: 'linearTimeWarp', name: 'speed', timeScalar: { num: -1, den: 2 } }] }), gap(10, r)] }),
        track({ name: 'A1', trackKind: 'audio', children: [clip({ name: 'snd', sourceRange: range(0, 96, r), media: { kind: 'external', url: 'file:///snd.wav' } })] }),
      ],
      markers: [{ name: 'note', color: 'yellow', markedRange: range(12, 1, r), note: 'fix' }],
    });

  it.each(RATE_MATRIX.map((r) => [`${r.num}/${r.den}${r.dropFrame ? ' DF' : ''}`, r] as const))('model -> OTIO -> model is identical at %s', (_, r) => {
    const tl = v(r);
    const back = readOtio(writeOtio(tl).text);
    expect(back.findings).toEqual([]);
    const expected: Timeline = {
      ...tl,
      tracks: tl.tracks.map((t) => ({ ...t, children: t.children.map((c) => (c.kind === 'transition' ? { ...c, transitionType: 'SMPTE_Dissolve' } : c)) })),
    };
    expect(back.value).toEqual(expected);
  });

  it('writes the OTIO 0.15-0.17 schema set: Clip.2, Marker.2, everything else .1, and the rate in global_start_time', () => {
    const text = writeOtio(v({ num: 30000, den: 1001, dropFrame: true })).text;
    const schemas = [...text.matchAll(/"OTIO_SCHEMA": "([^"]+)"/g)].map((m) => m[1]);
    expect([...new Set(schemas)].sort()).toEqual(['Clip.2', 'ExternalReference.1', 'Gap.1', 'LinearTimeWarp.1', 'Marker.2', 'MissingReference.1', 'RationalTime.1', 'Stack.1', 'TimeRange.1', 'Timeline.1', 'Track.1', 'Transition.1']);
    expect(text).toContain('"global_start_time": {\n        "OTIO_SCHEMA": "RationalTime.1",\n        "rate": 29.97002997002997,\n        "value": 108000.0\n    }');
    expect(text).toContain('"metadata": {\n        "picturelock": {\n            "dropFrame": true\n        }\n    }');
    expect(text).toContain('"time_scalar": -0.5');
  });

  it('nested stacks survive a round trip', () => {
    const r = { num: 25, den: 1, dropFrame: false };
    const inner = track({ name: 'in', trackKind: 'video', children: [clip({ name: 'x', sourceRange: range(0, 10, r) })] });
    const tl = timeline({ name: 'n', rate: r, tracks: [track({ name: 'V1', trackKind: 'video', children: [stack({ name: 's', children: [inner], sourceRange: range(2, 5, r) })] })] });
    expect(readOtio(writeOtio(tl).text).value).toEqual(tl);
  });

  it('unwritable metadata values become null with a finding', () => {
    const r = { num: 25, den: 1, dropFrame: false };
    const tl = timeline({ name: 'm', rate: r, tracks: [], metadata: { f: () => 1, ok: 'yes' } });
    const out = writeOtio(tl);
    expect(out.findings.map((f) => [f.code, f.params['path']])).toEqual([['OTIO_VALUE_NOT_WRITABLE', 'timeline.metadata.f']]);
    expect(out.text).toContain('"f": null');
  });

  // Names are non-empty: OTIO does not tell an empty media name from none, and reads both as none.
  it('any generated single-track cut round-trips at any matrix rate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RATE_MATRIX),
        fc.array(fc.record({ kind: fc.constantFrom('clip', 'gap'), start: fc.integer({ min: 0, max: 3_000_000 }), len: fc.integer({ min: 1, max: 5000 }), name: fc.string({ minLength: 1, maxLength: 8 }) }), { maxLength: 12 }),
        (r, items) => {
          const tl = timeline({
            name: 'p',
            rate: r,
            tracks: [track({ name: 'V1', trackKind: 'video', children: items.map((i) => (i.kind === 'clip' ? clip({ name: i.name, sourceRange: { start: rt(i.start, r), duration: rt(i.len, r) } }) : gap(i.len, r, { name: i.name }))) })],
          });
          const back = readOtio(writeOtio(tl).text);
          expect(back.value).toEqual(tl);
        },
      ),
      { numRuns: 100, seed: 9 },
    );
  });
});
