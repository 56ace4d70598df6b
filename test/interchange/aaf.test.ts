import { flattened, rangesInTrack, readAaf, readInterchange, timecodeOf, timelineDuration, type Clip, type Effect, type Stack, type Timeline, type TrackItem } from '@picturelock/core';
import { describeFixtures, readFixtureBytes, readFixtureText, runCli } from '@picturelock/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Facts from ../shared/fixtures/interchange/CATALOG.md (`otio-aaf`, `pyaaf2`), `T:` rows first. */

function read(rel: string): { timelines: Timeline[]; codes: string[] } {
  const r = readAaf(readFixtureBytes(rel), { file: rel });
  return { timelines: r.value ?? [], codes: r.findings.map((f) => f.code) };
}

const clips = (items: readonly TrackItem[]) => items.filter((c): c is Clip => c.kind === 'clip');
const ranges = (items: readonly TrackItem[]) => items.filter((c) => c.kind !== 'transition').map((c) => (c.kind === 'clip' || c.kind === 'gap' ? [c.sourceRange.start.value, c.sourceRange.duration.value] : null));
function effectLabel(e: Effect | undefined): string {
  if (!e) return 'none';
  if (e.kind === 'freezeFrame') return 'freeze';
  if (e.kind === 'linearTimeWarp') return `${e.timeScalar.num}/${e.timeScalar.den}`;
  return e.effectName;
}

describeFixtures('AAF fixtures (otio-aaf, pyaaf2)', () => {
  it('simple.aaf: the sequence, its 1 video + 2 audio tracks, clip names, durations, start and the UNC-path URL', () => {
    const { timelines } = read('interchange/otio-aaf/simple.aaf');
    expect(timelines).toHaveLength(1);
    const tl = timelines[0]!;
    expect(tl.name).toBe('OTIO TEST 1.Exported.01');
    expect(tl.rate).toEqual({ num: 24, den: 1, dropFrame: false });
    expect(tl.globalStart.value).toBe(86400);
    expect(timecodeOf(timelineDuration(tl).value, tl.rate)).toBe('00:02:16:18');
    expect(tl.tracks.map((t) => t.trackKind)).toEqual(['video', 'audio', 'audio']);
    const v = tl.tracks[0]!.children;
    expect(v).toHaveLength(5);
    expect(clips(v).map((c) => c.name)).toEqual(['tech.fux (loop)-HD.mp4', 't-hawk (loop)-HD.mp4', 'out-b (loop)-HD.mp4', 'KOLL-HD.mp4', 'brokchrd (loop)-HD.mp4']);
    expect(clips(v).map((c) => timecodeOf(c.sourceRange.start.value, tl.rate))).toEqual(Array(5).fill('01:00:00:00'));
    expect(clips(v).map((c) => timecodeOf(c.sourceRange.duration.value, tl.rate))).toEqual(['00:00:30:00', '00:00:20:00', '00:00:30:02', '00:00:26:16', '00:00:30:00']);
    const first = clips(v)[0]!;
    expect(first.media).toMatchObject({ kind: 'external', url: 'file:///Users/joshm/Desktop/DemoClips/tech.fux (loop)-HD.mp4' });
    // Source chain: master clip -> MXF file mob -> import mob (original file, timecode 01:00:00:00).
    expect(first.reel).toBe('tech.fux (loop)-HD.mp4');
    expect(first.sourceFile).toBe('tech.fux (loop)-HD.mp4');
    expect((first.metadata['aaf'] as { originalFile: string }).originalFile).toBe('file:///reverb/Users/joshm/Desktop/DemoClips/tech.fux%20(loop)-HD.mp4');
  });

  it('trims.aaf: 6 items with their source ranges and positions, and the master clips\' CustomTest comments', () => {
    const tl = read('interchange/otio-aaf/trims.aaf').timelines[0]!;
    expect(tl.name).toBe('OTIO TEST 1.Exported.01 - trims.Exported.02');
    const v = tl.tracks.find((t) => t.trackKind === 'video')!;
    expect(v.children.map((c) => c.kind)).toEqual(['clip', 'clip', 'clip', 'clip', 'gap', 'clip']);
    expect(v.children[4]!.name).toBe('Filler');
    expect(ranges(v.children)).toEqual([[86400, 720], [86521, 359], [86523, 400], [0, 559], [0, 108], [86469, 651]]);
    const pos = rangesInTrack(v, tl.rate).map((r) => `${timecodeOf(r.start.value, tl.rate)}+${timecodeOf(r.duration.value, tl.rate)}`);
    expect(pos).toEqual(['00:00:00:00+00:00:30:00', '00:00:30:00+00:00:14:23', '00:00:44:23+00:00:16:16', '00:01:01:15+00:00:23:07', '00:01:24:22+00:00:04:12', '00:01:29:10+00:00:27:03']);
    expect(timecodeOf(timelineDuration(tl).value, tl.rate)).toBe('00:01:56:13');
    const custom = v.children.map((c) => (c.kind === 'clip' ? ((c.metadata['aaf'] as { userComments?: Record<string, unknown> }).userComments?.['CustomTest'] ?? null) : null));
    expect(custom.slice(0, 3)).toEqual(['test1', 'testing 1 2 3', 'Eyjafjallajökull']);
    expect(custom[3]).toMatch(/'s'.*"d".*`b`/);
    expect(custom.slice(4)).toEqual([null, null]);
  });

  it('multitrack.aaf: 3 video tracks (a NestedScope) and 2 audio; flattened video equals preflattened.aaf\'s video track', () => {
    const multi = read('interchange/otio-aaf/multitrack.aaf').timelines[0]!;
    expect(multi.tracks.filter((t) => t.trackKind === 'video')).toHaveLength(3);
    expect(multi.tracks.filter((t) => t.trackKind === 'audio')).toHaveLength(2);
    const flat = flattened(multi.tracks.filter((t) => t.trackKind === 'video'), multi.rate);
    const pre = read('interchange/otio-aaf/preflattened.aaf').timelines[0]!;
    expect(pre.tracks.map((t) => t.trackKind)).toEqual(['video', 'audio', 'audio']);
    const preV = pre.tracks[0]!;
    expect(preV.children).toHaveLength(7);
    const shape = (items: readonly TrackItem[]) => items.map((c) => (c.kind === 'clip' ? `${c.name} ${c.sourceRange.start.value}+${c.sourceRange.duration.value}` : c.kind === 'gap' ? `gap ${c.sourceRange.duration.value}` : c.kind));
    // Flattening stops at the last picture; Avid's preflattened track keeps the trailing filler.
    expect(shape(flat.children)).toEqual(shape(preV.children).slice(0, -1));
    expect(shape(preV.children)).toEqual([
      'tech.fux (loop)-HD.mp4 86400+482',
      't-hawk (loop)-HD.mp4 86400+480',
      'out-b (loop)-HD.mp4 86559+236',
      'KOLL-HD.mp4 86400+640',
      'gap 119',
      'brokchrd (loop)-HD.mp4 86400+720',
      'gap 605',
    ]);
  });

  it('nesting_test.aaf: [clip, nested track of 2 clips, clip] with the catalog\'s trimmed ranges', () => {
    const v = read('interchange/otio-aaf/nesting_test.aaf').timelines[0]!.tracks[0]!;
    expect(v.children.map((c) => c.kind)).toEqual(['clip', 'stack', 'clip']);
    const nested = (v.children[1] as Stack).children;
    expect(nested).toHaveLength(1);
    expect(ranges(v.children.filter((c) => c.kind === 'clip'))).toEqual([[24, 16], [86432, 16]]);
    expect(ranges(nested[0]!.children)).toEqual([[40, 8], [86424, 8]]);
  });

  it('misc_speed_effects.aaf: freeze, exact speeds from the offset map, reverse and a speed bump kept as a TimeEffect', () => {
    const { timelines, codes } = read('interchange/otio-aaf/misc_speed_effects.aaf');
    const c = clips(timelines[0]!.tracks[0]!.children);
    expect(c.map((x) => x.sourceRange.duration.value)).toEqual([8, 8, 8, 8, 8, 8, 8, 8, 8, 16]);
    expect(c.map((x) => effectLabel(x.effects[0]))).toEqual(['none', 'freeze', '2/1', '1/2', '3/1', '3/8', '115/8', '3/8', '-1/1', 'TimeEffect']);
    expect(codes).toContain('AAF_SPEED_NOT_LINEAR');
  });

  it('linear_speed_effects.aaf: 20 clips; the motion effects\' percents, exact', () => {
    const c = clips(read('interchange/otio-aaf/linear_speed_effects.aaf').timelines[0]!.tracks[0]!.children);
    expect(c).toHaveLength(20);
    expect(c[0]!.effects).toEqual([]);
    const pct = c.slice(1).map((x) => {
      const e = x.effects[0]!;
      return e.kind === 'linearTimeWarp' ? Math.round((e.timeScalar.num * 10000) / e.timeScalar.den) / 100 : NaN;
    });
    expect(pct).toEqual([50, 33.33, 25, 200, 100, 66.67, 50, 300, 150, 100, 75, 400, 200, 133.33, 100, 500, 250, 166.67, 125]);
  });

  it('2997fps.aaf: 30000/1001 non-drop', () => {
    const tl = read('interchange/otio-aaf/2997fps.aaf').timelines[0]!;
    expect(tl.name).toBe('OTIO_2997fps_test.Exported.01');
    expect(tl.rate).toEqual({ num: 30000, den: 1001, dropFrame: false });
    expect(timelineDuration(tl).rate).toEqual({ num: 30000, den: 1001 });
    expect(tl.globalStart.value).toBe(0);
  });

  it('test_muted_clip.aaf: one disabled clip (Avid\'s muted Selector)', () => {
    const tl = read('interchange/otio-aaf/test_muted_clip.aaf').timelines[0]!;
    expect(tl.tracks).toHaveLength(1);
    expect(tl.tracks[0]!.children.map((c) => (c.kind === 'clip' ? [c.name, c.enabled] : c.kind))).toEqual([['Frame Debugger 0h.mov', false]]);
  });

  it('marker-over-audio.aaf: a master-clip AAF; 3 coloured markers over its one clip', () => {
    const { timelines, codes } = read('interchange/otio-aaf/marker-over-audio.aaf');
    expect(codes).toEqual(expect.arrayContaining(['AAF_NO_COMPOSITION', 'AAF_ESSENCE_EMBEDDED']));
    const tl = timelines[0]!;
    expect(tl.tracks).toHaveLength(1);
    expect(tl.markers.map((m) => [m.name, m.color, m.markedRange.start.value])).toEqual([
      ['m1', 'red', 50],
      ['m2', 'green', 103],
      ['m3', 'blue', 166],
    ]);
    expect(tl.markers.map((m) => (m.metadata?.['aaf'] as { user: string }).user)).toEqual(['m1', 'm2', 'm3']);
    const first = rangesInTrack(tl.tracks[0]!, tl.rate)[0]!;
    expect(tl.markers.every((m) => m.markedRange.start.value < first.start.value + first.duration.value)).toBe(true);
  });

  it('multiple_top_level_mobs.aaf: two top-level compositions, two timelines', () => {
    const { timelines } = read('interchange/otio-aaf/multiple_top_level_mobs.aaf');
    expect(timelines.map((t) => t.name)).toEqual(['nestTest2', 'testNest30_2']);
    expect(timelines.map((t) => t.rate)).toEqual([{ num: 30000, den: 1001, dropFrame: false }, { num: 30000, den: 1001, dropFrame: false }]);
  });

  it('composite.aaf: UNC paths to other AAFs, an Avid MXF and an OMFI audio file as URLs', () => {
    const tl = read('interchange/otio-aaf/composite.aaf').timelines[0]!;
    const url = (c: Clip) => (c.media.kind === 'external' ? c.media.url : '');
    const video = tl.tracks.filter((t) => t.trackKind === 'video');
    expect(clips(video[0]!.children).map(url)).toEqual(['1', '2', '3'].map((n) => `file:////animation/root/work/editorial/jburnell/700/${n}.aaf`));
    expect(clips(video[1]!.children).map(url)).toEqual(['file:///C%3A/Avid%20MediaFiles/MXF/1/700.Exported.03_Vi48896FA0V.mxf']);
    expect(clips(tl.tracks.find((t) => t.trackKind === 'audio')!.children).map(url)).toEqual(['file:///C%3A/OMFI%20MediaFiles/700.ExportA01.5D8A14612890A.aif']);
  });

  it('timecode_test.aaf: the two clips of the same media start at different source timecode; clip 2 at 86424', () => {
    const c = clips(read('interchange/otio-aaf/timecode_test.aaf').timelines[0]!.tracks[0]!.children);
    expect(c.map((x) => x.sourceRange.start.value)).toEqual([24, 86424]);
  });

  it('multiple-markers-over-transitions.aaf: each marker\'s name is its clip-relative frame in Avid\'s marker list', () => {
    const tl = read('interchange/otio-aaf/multiple-markers-over-transitions.aaf').timelines[0]!;
    const rows = readFixtureText('interchange/otio-aaf/multiple-markers-over-transitions.txt')
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l) => l.split('\t'));
    const relativeAt = new Map(rows.map((r) => [Number(r[1]), r[4]!]));
    expect(tl.markers.length).toBeGreaterThan(50);
    for (const m of tl.markers) {
      expect([m.markedRange.start.value, relativeAt.get(m.markedRange.start.value)]).toEqual([m.markedRange.start.value, m.name]);
      expect(m.color).toBe('red');
      expect((m.metadata?.['aaf'] as { tracks: string[] }).tracks).toEqual(['V1']);
    }
    const v = tl.tracks[0]!;
    const t = v.children.find((c) => c.kind === 'transition')!;
    expect(t).toMatchObject({ transitionType: 'SMPTE_Dissolve', name: 'Dissolve', inOffset: { value: 23 }, outOffset: { value: 25 } });
  });

  it('pyaaf2 linear01.aaf / bezier01.aaf: 23.976 compositions whose Timewarp keeps its speed map as a TimeEffect', () => {
    for (const [file, name] of [['linear01', 'spline01.Exported.03'], ['bezier01', 'spline01.Exported.02']] as const) {
      const tl = read(`interchange/pyaaf2/${file}.aaf`).timelines[0]!;
      expect(tl.name).toBe(name);
      expect(tl.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
      const c = clips(tl.tracks[0]!.children)[0]!;
      const warp = c.effects.find((e) => e.kind === 'effect' && e.effectName === 'TimeEffect')!;
      const meta = warp.metadata?.['aaf'] as { speedMap: string[]; offsetMap: string[] };
      expect(meta.speedMap.length).toBeGreaterThan(1);
      expect(meta.offsetMap.length).toBeGreaterThan(1);
    }
  });

  it('pyaaf2 sector_size_512.aaf: 512-byte sectors, Pro Tools; 2 sound tracks at 48 kHz under a 24 fps timecode', () => {
    const { timelines, codes } = read('interchange/pyaaf2/sector_size_512.aaf');
    expect(codes.filter((c) => c !== 'AAF_REFERENCE_UNRESOLVED')).toEqual([]);
    const tl = timelines[0]!;
    expect(tl.name).toBe('aaf_2trks_4clips');
    expect(tl.rate).toEqual({ num: 24, den: 1, dropFrame: false });
    expect(tl.globalStart.value).toBe(86400);
    expect(tl.tracks.map((t) => [t.trackKind, t.children[0]!.kind === 'gap' ? t.children[0]!.sourceRange.start.rate : null])).toEqual([
      ['audio', { num: 48000, den: 1 }],
      ['audio', { num: 48000, den: 1 }],
    ]);
    expect(clips(tl.tracks.flatMap((t) => t.children)).map((c) => [c.name, c.sourceFile])).toEqual([
      ['clip1_trk1', 'Track1-SigGen_01.wav'],
      ['clip2_trk1', 'Track1-SigGen_02.wav'],
      ['clip1_trk2', 'Track2-SigGen_01.wav'],
      ['clip2_trk2', 'Track2-SigGen_02.wav'],
    ]);
  });

  it('readInterchange detects AAF by content and reads it with readAaf', () => {
    const r = readInterchange(readFixtureBytes('interchange/otio-aaf/nesting_test.aaf'), { file: 'n.aaf' });
    expect(r.format).toBe('aaf');
    expect(r.timelines.map((t) => t.name)).toEqual(['OTIO_Nesting_Test.Exported.01']);
  });
});

describeFixtures('picturelock inspect / convert on AAF', () => {
  it('inspect trims.aaf prints each track\'s events with reel and source timecode', async () => {
    const r = await runCli('inspect', '../shared/fixtures/interchange/otio-aaf/trims.aaf');
    expect(r.code).toBe(0);
    expect(r.out).toContain('OTIO TEST 1.Exported.01 - trims.Exported.02  rate 24  start 01:00:00:00  duration 00:01:56:13 (2797 frames)');
    expect(r.out).toContain('  004  t-hawk (loop)-HD.mp4    01:00:05:01  01:00:20:00  01:00:30:00  01:00:44:23  359            t-hawk (loop)-HD.mp4');
    expect(r.out).toContain('  010  KOLL-HD.mp4             00:00:00:00  00:00:23:07  01:01:01:15  01:01:24:22  559            KOLL-HD.mp4');
  });

  it('inspect misc_speed_effects.aaf shows the speeds and timecode_test.aaf the two source timecodes', async () => {
    const speed = await runCli('inspect', '../shared/fixtures/interchange/otio-aaf/misc_speed_effects.aaf');
    expect(speed.out).toMatch(/01:00:00:08 +01:00:00:16 +8 +freeze +Frame Debugger 0h\.mov/);
    expect(speed.out).toMatch(/01:00:02:00 +01:00:02:08 +8 +1437\.50% +Frame Debugger 1h\.mov/);
    const tc = await runCli('inspect', '../shared/fixtures/interchange/otio-aaf/timecode_test.aaf');
    expect(tc.out).toMatch(/001 +Frame Debugger 0h\.mov +00:00:01:00 +00:00:02:00 +01:00:00:00/);
    expect(tc.out).toMatch(/002 +Frame Debugger 1h\.mov +01:00:01:00 +01:00:02:00 +01:00:01:00 +01:00:02:00 +24/);
  });

  it('convert simple.aaf --to edl writes the events with their source timecode', async () => {
    const r = await runCli('convert', '../shared/fixtures/interchange/otio-aaf/simple.aaf', '--to', 'edl');
    expect(r.code).toBe(0);
    expect(r.out).toContain('TITLE: OTIO TEST 1.Exported.01');
    expect(r.out).toMatch(/001 +tech\.fux +AA\/V +C +01:00:00:00 01:00:30:00 01:00:00:00 01:00:30:00/);
  });
});

describeFixtures('AAF fuzzing: damaged files never throw or hang', () => {
  const base = readFixtureBytes('interchange/otio-aaf/nesting_test.aaf');
  const sector = 4096;
  const safe = (bytes: Uint8Array) => {
    const r = readAaf(bytes, { file: 'fuzz.aaf' });
    for (const f of r.findings) expect(f.code.startsWith('AAF_')).toBe(true);
    return r;
  };

  it('flipped bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 64 }), (flips) => {
        const b = base.slice();
        for (const [at, x] of flips) b[at] = b[at]! ^ x;
        safe(b);
      }),
      { numRuns: 40 },
    );
  });

  it('truncated files', () => {
    fc.assert(
      fc.property(fc.nat(base.length - 1), (n) => {
        const r = safe(base.subarray(0, n));
        if (n < 512) expect(r.findings.map((f) => f.code)).toEqual(['AAF_CONTAINER_UNREADABLE']);
      }),
      { numRuns: 30 },
    );
  });

  it('swapped sectors', () => {
    const sectors = Math.floor(base.length / sector) - 1;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: sectors }), fc.integer({ min: 1, max: sectors })), { minLength: 1, maxLength: 8 }), (swaps) => {
        const b = base.slice();
        for (const [i, j] of swaps) {
          const a = b.slice(i * sector, (i + 1) * sector);
          b.copyWithin(i * sector, j * sector, (j + 1) * sector);
          b.set(a, j * sector);
        }
        safe(b);
      }),
      { numRuns: 30 },
    );
  });
});

describe('AAF: not a container', () => {
  it('random bytes are one AAF_CONTAINER_UNREADABLE finding and no timeline', () => {
    const r = readAaf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]), { file: 'x.aaf' });
    expect(r.value).toBeUndefined();
    expect(r.findings.map((f) => [f.code, f.severity, f.where.file])).toEqual([['AAF_CONTAINER_UNREADABLE', 'error', 'x.aaf']]);
  });
});
