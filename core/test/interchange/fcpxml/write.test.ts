import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RATE_MATRIX, range, rt, type FrameRate } from '../../../time/index.ts';
import { clip, gap, stack, timeline, track, transition, type Clip, type Marker, type Timeline, type TrackItem } from '../../../timeline/index.ts';
import { readFcpxml } from '../../../interchange/fcpxml/read.ts';
import { writeFcpxml } from '../../../interchange/fcpxml/write.ts';

const R24: FrameRate = { num: 24000, den: 1001, dropFrame: false };

function media(name: string): Clip['media'] {
  return { kind: 'external', url: `file:///Volumes/Media/${name}.mov`, name, availableRange: range(86400, 2400, R24) };
}

function marker(name: string, color: Marker['color'], at: number, r = R24): Marker {
  return { name, color, markedRange: range(at, 1, r) };
}

/** A small cut: two clips with a dissolve, a gap, a 2x clip; a connected clip above and an audio clip below. */
function sample(r: FrameRate = R24): Timeline {
  return timeline({
    name: 'Reel 1',
    rate: r,
    startFrame: 3600 * Math.round(r.num / r.den),
    tracks: [
      track({
        name: 'V1',
        trackKind: 'video',
        children: [
          clip({ name: 'A', sourceRange: range(86400, 48, r), media: { ...media('A'), availableRange: range(86400, 2400, r) }, markers: [marker('check', 'red', 86410, r)] }),
          transition({ transitionType: 'dissolve', name: 'Cross Dissolve', inFrames: 6, outFrames: 6, rate: r }),
          clip({ name: 'B', sourceRange: range(86500, 24, r), media: { ...media('B'), availableRange: range(86400, 2400, r) } }),
          gap(12, r),
          clip({
            name: 'C',
            sourceRange: range(86600, 24, r),
            media: { ...media('C'), availableRange: range(86400, 2400, r) },
            effects: [{ kind: 'linearTimeWarp', name: 'speed', timeScalar: { num: 2, den: 1 } }],
          }),
        ],
      }),
      track({ name: 'V2', trackKind: 'video', children: [gap(10, r), clip({ name: 'D', sourceRange: range(86400, 20, r), media: { ...media('D'), availableRange: range(86400, 2400, r) } })] }),
      track({ name: 'A1', trackKind: 'audio', children: [clip({ name: 'A', sourceRange: range(86400, 72, r), media: { ...media('A'), availableRange: range(86400, 2400, r) } })] }),
    ],
  });
}

/** What a write -> read must keep: everything but the format's own metadata, the file names it derives and the asset spans it had to invent. */
function shape(tl: Timeline): unknown {
  const item = (c: TrackItem): unknown => {
    if (c.kind === 'transition') return { kind: c.kind, name: c.name, type: c.transitionType, in: c.inOffset, out: c.outOffset };
    if (c.kind === 'gap') return { kind: c.kind, duration: c.sourceRange.duration, markers: c.markers.map((m) => [m.name, m.color, m.markedRange]) };
    const base = {
      kind: c.kind,
      name: c.name,
      sourceRange: c.sourceRange,
      enabled: c.enabled,
      markers: c.markers.map((m) => [m.name, m.color, m.markedRange, m.note]),
      effects: c.effects.map((e) => (e.kind === 'linearTimeWarp' ? [e.kind, e.timeScalar] : [e.kind])),
    };
    if (c.kind === 'stack') return { ...base, children: c.children.map((t) => ({ name: t.name, kind: t.trackKind, items: t.children.map(item) })) };
    return { ...base, url: c.media.kind === 'external' ? c.media.url : c.media.kind };
  };
  return { name: tl.name, rate: tl.rate, start: tl.globalStart, tracks: tl.tracks.map((t) => ({ name: t.name, kind: t.trackKind, items: t.children.map(item) })) };
}

describe('writeFcpxml', () => {
  it('writes the structure FCP and Resolve export: resources, library > event > project > sequence > spine', () => {
    const w = writeFcpxml(timeline({ name: 'One', rate: R24, startFrame: 86400, tracks: [track({ name: 'V1', trackKind: 'video', children: [clip({ name: 'A', sourceRange: range(86400, 48, R24), media: media('A'), markers: [marker('m', 'blue', 86410)] })] })] }));
    expect(w.findings).toEqual([]);
    expect(w.text).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE fcpxml>

<fcpxml version="1.10">
    <resources>
        <format id="r1" name="FFVideoFormat1080p2398" frameDuration="1001/24000s" width="1920" height="1080"/>
        <asset id="r2" name="A" start="86486400/24000s" duration="2402400/24000s" hasVideo="1" format="r1">
            <media-rep kind="original-media" src="file:///Volumes/Media/A.mov"/>
        </asset>
    </resources>
    <library>
        <event name="Picturelock">
            <project name="One">
                <sequence format="r1" duration="48048/24000s" tcStart="86486400/24000s" tcFormat="NDF" audioLayout="stereo" audioRate="48k">
                    <spine>
                        <asset-clip ref="r2" offset="86486400/24000s" name="A" start="86486400/24000s" duration="48048/24000s">
                            <marker start="86496410/24000s" duration="1001/24000s" value="m"/>
                        </asset-clip>
                    </spine>
                </sequence>
            </project>
        </event>
    </library>
</fcpxml>
`);
  });

  it('version 1.8 puts the URL on the asset (no media-rep); 1.9 and later use media-rep', () => {
    const v18 = writeFcpxml(sample(), { version: '1.8' }).text;
    expect(v18).toContain('<fcpxml version="1.8">');
    expect(v18).toContain('src="file:///Volumes/Media/A.mov"/>');
    expect(v18).not.toContain('media-rep');
    for (const version of ['1.9', '1.10', '1.11', '1.12', '1.13'] as const) {
      const t = writeFcpxml(sample(), { version }).text;
      expect(t).toContain(`<fcpxml version="${version}">`);
      expect(t).toContain('<media-rep kind="original-media" src="file:///Volumes/Media/A.mov"/>');
    }
  });

  it('anchors connected clips to the primary element that covers them, in its local time, with lanes by track', () => {
    const t = writeFcpxml(sample()).text;
    // D (V2) starts at record frame 10, inside A (local start 86400 frames): offset 86410 frames = 86496410/24000 s.
    expect(t).toMatch(/<asset-clip ref="r\d+" lane="1" offset="86496410\/24000s" name="D" start="86486400\/24000s" duration="20020\/24000s"\/>/);
    expect(t).toContain('lane="-1"');
    expect(t).toContain('srcEnable="audio"');
    expect(t).toContain('<transition name="Cross Dissolve"');
    expect(t).toContain('<timeMap>');
  });

  it('read(write(t)) keeps every clip, gap, transition, marker and speed, across the rate matrix', () => {
    for (const r of RATE_MATRIX) {
      const tl = sample(r);
      const w = writeFcpxml(tl);
      const back = readFcpxml(w.text);
      expect(back.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      const tl2 = back.value![0]!;
      expect(shape(tl2)).toEqual(shape(tl));
      // Written times are exact: the frame duration is the rate's own.
      expect(w.text).toContain(`frameDuration="${r.den === 1001 ? `1001/${r.num}s` : `100/${r.num * 100}s`}"`);
      expect(w.text).toContain(`tcFormat="${r.dropFrame ? 'DF' : 'NDF'}"`);
    }
  });

  it('reverse and freeze frames survive a round trip', () => {
    const tl = timeline({
      name: 'Speed',
      rate: R24,
      tracks: [
        track({
          name: 'V1',
          trackKind: 'video',
          children: [
            clip({ name: 'rev', sourceRange: range(86500, 24, R24), media: media('A'), effects: [{ kind: 'linearTimeWarp', name: 'reverse', timeScalar: { num: -1, den: 1 } }] }),
            clip({ name: 'freeze', sourceRange: range(86450, 12, R24), media: media('A'), effects: [{ kind: 'freezeFrame', name: 'hold' }] }),
            clip({ name: 'slow', sourceRange: range(86400, 30, R24), media: media('A'), effects: [{ kind: 'linearTimeWarp', name: 'slow', timeScalar: { num: 2, den: 5 } }] }),
          ],
        }),
      ],
    });
    const back = readFcpxml(writeFcpxml(tl).text).value![0]!;
    expect(shape(back)).toEqual(shape(tl));
  });

  it('writes a Stack as a ref-clip of a compound clip', () => {
    const inner = track({ name: 'V1', trackKind: 'video', children: [clip({ name: 'In', sourceRange: range(86400, 48, R24), media: media('A') })] });
    const tl = timeline({ name: 'Nest', rate: R24, tracks: [track({ name: 'V1', trackKind: 'video', children: [stack({ name: 'Comp', children: [inner], sourceRange: range(12, 24, R24) })] })] });
    const w = writeFcpxml(tl);
    expect(w.text).toMatch(/<media id="r\d+" name="Comp">/);
    expect(w.text).toMatch(/<ref-clip ref="r\d+" offset="0s" name="Comp" start="12012\/24000s" duration="24024\/24000s"\/>/);
    expect(shape(readFcpxml(w.text).value![0]!)).toEqual(shape(tl));
  });

  it('says what FCPXML cannot carry', () => {
    const tl = timeline({
      name: 'Lossy',
      rate: R24,
      markers: [marker('seq', 'blue', 0)],
      tracks: [
        track({
          name: 'V1',
          trackKind: 'video',
          children: [
            clip({ name: 'bars', sourceRange: range(0, 24, R24), media: { kind: 'generator', generatorKind: 'bars' } }),
            clip({ name: 'A', sourceRange: range(86400, 24, R24), media: { kind: 'missing', name: 'A' }, markers: [marker('y', 'yellow', 86401)] }),
          ],
        }),
      ],
    });
    const w = writeFcpxml(tl);
    expect(w.findings.map((f) => f.message)).toEqual([
      'timeline marker "seq" (FCPXML markers live on clips) (Lossy) was not written: FCPXML cannot carry it',
      'generator "bars" (written as a gap) (Lossy: "bars") was not written: FCPXML cannot carry it',
      'marker colour yellow (FCP markers are standard, to-do or chapter) (Lossy: "A") was not written: FCPXML cannot carry it',
      'a missing media reference (no URL; the asset is written offline) (A) was not written: FCPXML cannot carry it',
    ]);
    const bad = writeFcpxml(tl, { version: '2.0' as '1.10' });
    expect(bad.findings[0]!.code).toBe('FCPXML_WRITE_VERSION_UNKNOWN');
    expect(bad.text).toContain('<fcpxml version="1.10">');
  });

  it('escapes names and keeps line breaks in attributes', () => {
    const tl = timeline({ name: 'A & B <"q">', rate: R24, tracks: [track({ name: 'V1', trackKind: 'video', children: [clip({ name: "it's\nTwo", sourceRange: range(0, 24, R24), media: media('x') })] })] });
    const w = writeFcpxml(tl);
    expect(w.text).toContain('<project name="A &amp; B &lt;&quot;q&quot;&gt;">');
    const back = readFcpxml(w.text).value![0]!;
    expect(back.name).toBe('A & B <"q">');
    expect(back.tracks[0]!.children[0]!.name).toBe("it's\nTwo");
  });

  it('property: random cuts with gaps and connected clips round-trip exactly at every matrix rate', () => {
    const itemArb = fc.record({ gap: fc.boolean(), len: fc.integer({ min: 1, max: 500 }), src: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.constantFrom(...RATE_MATRIX), fc.array(itemArb, { minLength: 1, maxLength: 12 }), fc.array(itemArb, { maxLength: 6 }), fc.integer({ min: 0, max: 200_000 }), (r, v1, v2, start) => {
        const items = (list: typeof v1, tag: string): TrackItem[] =>
          list.map((x, i) => (x.gap ? gap(x.len, r) : clip({ name: `${tag}${i}`, sourceRange: range(x.src, x.len, r), media: { kind: 'external', url: `file:///m/${tag}${i}.mov`, name: `${tag}${i}` } })));
        const primary = items(v1, 'a');
        // Trailing gaps on the primary are kept; a connected track's trailing gaps are not content.
        const upper = items(v2, 'b');
        while (upper.length > 0 && upper[upper.length - 1]!.kind === 'gap') upper.pop();
        const tracks = [track({ name: 'V1', trackKind: 'video', children: primary })];
        if (upper.some((x) => x.kind === 'clip')) tracks.push(track({ name: 'V2', trackKind: 'video', children: upper }));
        const tl = timeline({ name: 'P', rate: r, startFrame: start, tracks });
        const back = readFcpxml(writeFcpxml(tl).text).value![0]!;
        const norm = (t: Timeline): unknown => {
          // Adjacent gaps on a connected track merge into one; compare their total.
          const s = shape(t) as { tracks: { items: { kind: string; duration?: { value: number } }[] }[] };
          // A connected clip past the storyline's end needs the storyline extended to anchor it (a trailing gap on V1).
          const v1 = s.tracks[0]!.items;
          while (v1.length > 0 && v1[v1.length - 1]!.kind === 'gap') v1.pop();
          for (const tr of s.tracks.slice(1)) {
            const merged: typeof tr.items = [];
            for (const it of tr.items) {
              const prev = merged[merged.length - 1];
              if (it.kind === 'gap' && prev?.kind === 'gap') prev.duration = { ...prev.duration!, value: prev.duration!.value + it.duration!.value };
              else merged.push(JSON.parse(JSON.stringify(it)) as (typeof tr.items)[number]);
            }
            tr.items = merged;
          }
          return s;
        };
        expect(norm(back)).toEqual(norm(tl));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps times exact (no float seconds): a 23.976 source in of 01:00:00:00 is 86486400/24000s', () => {
    const tl = timeline({ name: 'T', rate: R24, tracks: [track({ name: 'V1', trackKind: 'video', children: [clip({ name: 'A', sourceRange: { start: rt(86400, R24), duration: rt(1, R24) }, media: media('A') })] })] });
    expect(writeFcpxml(tl).text).toContain('<asset-clip ref="r2" offset="0s" name="A" start="86486400/24000s" duration="1001/24000s"/>');
  });
});
