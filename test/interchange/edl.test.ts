import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeTextBytes,
  framesOf,
  rangesInTrack,
  readEdl,
  timecodeOf,
  writeEdl,
  type Clip,
  type EdlDialect,
  type Finding,
  type FrameRate,
  type Timeline,
  type Track,
  type Transition,
} from '@picturelock/core';
import { describeFixtures, fixturePath, readFixtureBytes, readFixtureText } from '@picturelock/test';

const R24: FrameRate = { num: 24, den: 1, dropFrame: false };
const R25: FrameRate = { num: 25, den: 1, dropFrame: false };

function read(rel: string, rate?: FrameRate): { tl: Timeline; findings: readonly Finding[] } {
  const decoded = decodeTextBytes(readFixtureBytes(`interchange/${rel}`));
  const res = readEdl(decoded.text, { file: rel, ...(rate ? { rate } : {}) });
  if (!res.value) throw new Error(`${rel} gave no timeline: ${res.findings.map((f) => f.message).join('; ')}`);
  return { tl: res.value, findings: res.findings };
}

function clips(t: Track): Clip[] {
  return t.children.filter((c): c is Clip => c.kind === 'clip');
}

function trackNamed(tl: Timeline, name: string): Track {
  const t = tl.tracks.find((x) => x.name === name);
  if (!t) throw new Error(`no track ${name} in ${tl.tracks.map((x) => x.name).join(', ')}`);
  return t;
}

function eventNumber(item: { metadata: Readonly<Record<string, unknown>> }): number | undefined {
  return (item.metadata['edl'] as { event?: number } | undefined)?.event;
}

/** Distinct event numbers over every clip and transition of the timeline. */
function eventCount(tl: Timeline): number {
  const seen = new Set<number>();
  for (const t of tl.tracks) for (const c of t.children) if (c.kind === 'clip' || c.kind === 'transition') seen.add(eventNumber(c) ?? -1);
  return seen.size;
}

/** Record in/out labels of item `index` of a track (absolute, list rate). */
function recordOf(tl: Timeline, t: Track, index: number): [string, string] {
  const r = rangesInTrack(t, tl.rate)[index]!;
  const s = tl.globalStart.value + r.start.value;
  return [timecodeOf(s, tl.rate), timecodeOf(s + r.duration.value, tl.rate)];
}

function clipWithEvent(tl: Timeline, n: number): { clip: Clip; track: Track; index: number } {
  for (const t of tl.tracks) {
    const index = t.children.findIndex((c) => c.kind === 'clip' && eventNumber(c) === n);
    if (index >= 0) return { clip: t.children[index] as Clip, track: t, index };
  }
  throw new Error(`no clip of event ${n}`);
}

const codes = (fs: readonly Finding[]) => fs.map((f) => f.code);

describeFixtures('edl: otio-cmx3600 corpus (CATALOG T facts)', () => {
  const screeningNames = [
    'ZZ100_501 (LAY3)',
    'ZZ100_502A (LAY3)',
    'ZZ100_503A (LAY1)',
    'ZZ100_504C (LAY1)',
    'ZZ100_504B (LAY1)',
    'ZZ100_507C (LAY2)',
    'ZZ100_508 (LAY2)',
    'ZZ100_510 (LAY1)',
    'ZZ100_510B (LAY1)',
  ];
  const screeningDurations = ['00:00:01:07', '00:00:02:02', '00:00:01:04', '00:00:04:19', '00:00:04:05', '00:00:06:17', '00:00:07:02', '00:00:05:16', '00:00:10:17'];

  it('screening_example.edl: 1 track of 9 clips with the catalog names, durations, reels and markers', () => {
    const { tl, findings } = read('otio-cmx3600/screening_example.edl');
    expect(tl.name).toBe('Example_Screening.01');
    expect(tl.tracks.map((t) => t.name)).toEqual(['V1']);
    const cs = clips(tl.tracks[0]!);
    expect(cs.map((c) => c.name)).toEqual(screeningNames);
    expect(cs.map((c) => timecodeOf(c.sourceRange.duration.value, R24))).toEqual(screeningDurations);
    expect(cs.map((c) => c.reel)).toEqual(['ZZ100_50', 'ZZ100_50', 'ZZ100_50', 'ZZ100_50', 'ZZ100_50', 'ZZ100_50', 'ZZ100_50', 'ZZ100_51', 'ZZ100_51']);
    expect(cs[0]!.sourceFile).toBe('ZZ100_501.LAY3.01');
    expect(timecodeOf(tl.globalStart.value, R24)).toBe('00:59:53:11');
    expect(timecodeOf(cs[0]!.sourceRange.start.value, R24)).toBe('01:00:04:05');
    const c4 = cs[3]!;
    expect(c4.markers.map((m) => [m.name, m.color])).toEqual([
      ['ANIM FIX NEEDED', 'red'],
      ['ANIM FIX NEEDED', 'pink'],
    ]);
    // LOC timecodes are record timecodes; the marker sits at the same offset in the clip's source time.
    const [recIn] = recordOf(tl, tl.tracks[0]!, 3);
    const offset = c4.markers[0]!.markedRange.start.value - c4.sourceRange.start.value;
    expect(timecodeOf(framesOf(recIn, R24) + offset, R24)).toBe('01:00:01:14');
    expect(cs[6]!.markers.map((m) => [m.name, m.color])).toEqual([['', 'green']]);
    expect((cs[8]!.metadata['edl'] as { avx: string[] }).avx).toEqual(['AVX2 EFFECT, RESIZE']);
    expect(codes(findings)).toEqual(['RATE_INFERRED']);
  });

  it('no_spaces_test.edl reads to the same tracks as screening_example.edl', () => {
    expect(read('otio-cmx3600/no_spaces_test.edl').tl.tracks).toEqual(read('otio-cmx3600/screening_example.edl').tl.tracks);
  });

  it('avid_example.edl and nucoda_example.edl: take_1 / take_2 with the Windows paths as external media', () => {
    for (const [file, comment] of [
      ['otio-cmx3600/avid_example.edl', 'FROM CLIP'],
      ['otio-cmx3600/nucoda_example.edl', 'FROM FILE'],
    ] as const) {
      const cs = clips(read(file).tl.tracks[0]!);
      expect(cs.map((c) => c.name)).toEqual(['take_1', 'take_2']);
      expect(cs.map((c) => timecodeOf(c.sourceRange.duration.value, R24))).toEqual(['00:00:01:07', '00:00:02:02']);
      expect(cs.map((c) => c.media)).toEqual([
        { kind: 'external', url: 'S:\\path\\to\\ZZ100_501.take_1.0001.exr', name: 'take_1' },
        { kind: 'external', url: 'S:\\path\\to\\ZZ100_502A.take_2.0101.exr', name: 'take_2' },
      ]);
      expect((cs[0]!.metadata['edl'] as { pathComment: string }).pathComment).toBe(comment);
    }
  });

  it('premiere_example.edl: clip names are the file names, reel AX, media missing', () => {
    const cs = clips(read('otio-cmx3600/premiere_example.edl').tl.tracks[0]!);
    expect(cs.map((c) => c.name)).toEqual(['ZZ100_501.take_1.0001.exr', 'ZZ100_502A.take_2.0101.exr']);
    expect(cs.map((c) => c.sourceRange.duration.value)).toEqual([31, 50]);
    expect(cs.map((c) => c.media.kind)).toEqual(['missing', 'missing']);
    expect(cs.map((c) => c.reel)).toEqual([undefined, undefined]);
  });

  it('25fps.edl: at rate 25 (given or inferred from frame :24) the durations are 161, 200, 86, 49', () => {
    for (const rate of [R25, undefined]) {
      const { tl, findings } = read('otio-cmx3600/25fps.edl', rate);
      expect(tl.rate).toEqual(R25);
      expect(clips(tl.tracks[0]!).map((c) => c.sourceRange.duration.value)).toEqual([161, 200, 86, 49]);
      expect(codes(findings)).toEqual(rate ? [] : ['RATE_INFERRED']);
    }
    const inferred = read('otio-cmx3600/25fps.edl').findings[0]!;
    expect(inferred.message).toBe('no frame rate was given; read as 25 because the largest frame number in the list is 24, which only exists at 25 fps and above');
  });

  it('cdl.edl: both ASC_SOP / ASC_SAT spellings give the same CDL', () => {
    const cs = clips(read('otio-cmx3600/cdl.edl').tl.tracks[0]!);
    expect(cs.map((c) => [c.name, c.sourceRange.duration.value])).toEqual([
      ['ZZ100_501 (LAY3)', 31],
      ['ZZ100_501 (LAY3)', 31],
    ]);
    for (const c of cs) {
      expect((c.metadata['edl'] as { cdl: unknown }).cdl).toEqual({ slope: [0.1, 0.2, 0.3], offset: [1.0, -0.0122, 0.0305], power: [1.0, 0.0, 1.0], saturation: 0.9 });
    }
  });

  function transitionAt(t: Track, i: number): Transition {
    const x = t.children[i]!;
    if (x.kind !== 'transition') throw new Error(`item ${i} is a ${x.kind}`);
    return x;
  }

  it('dissolve_test.edl: clip, transition, clip, clip; A 9 (visible 19), transition 10, B 10, last 1', () => {
    const t = read('otio-cmx3600/dissolve_test.edl').tl.tracks[0]!;
    expect(t.children.map((c) => c.kind)).toEqual(['clip', 'transition', 'clip', 'clip']);
    const tr = transitionAt(t, 1);
    expect([tr.name, tr.transitionType, tr.inOffset.value, tr.outOffset.value]).toEqual(['SMPTE_Dissolve from clip_A to clip_B', 'dissolve', 0, 10]);
    const [a, b, c] = clips(t);
    expect(a!.sourceRange.duration.value + tr.outOffset.value).toBe(19);
    expect([a!.sourceRange.duration.value, b!.sourceRange.duration.value, c!.sourceRange.duration.value]).toEqual([9, 10, 1]);
    expect(b!.name).toBe('clip_B');
  });

  it('dissolve_test_2.edl: dissolve into the middle of clip_B (source 01:00:08:04)', () => {
    const t = read('otio-cmx3600/dissolve_test_2.edl').tl.tracks[0]!;
    expect(t.children).toHaveLength(4);
    const [a, b] = clips(t);
    expect(a!.sourceRange.duration.value + transitionAt(t, 1).outOffset.value).toBe(15);
    expect(a!.sourceRange.duration.value).toBe(5);
    expect(transitionAt(t, 1).outOffset.value).toBe(10);
    expect([timecodeOf(b!.sourceRange.start.value, R24), b!.sourceRange.duration.value]).toEqual(['01:00:08:04', 10]);
  });

  it('dissolve_test_3.edl (CRLF, FCM inside the event): full-clip dissolve named from the list comments', () => {
    const t = read('otio-cmx3600/dissolve_test_3.edl').tl.tracks[0]!;
    expect(t.children).toHaveLength(4);
    const tr = transitionAt(t, 1);
    expect([tr.name, tr.inOffset.value, tr.outOffset.value]).toEqual(['SMPTE_Dissolve from Clip_B.mov to Clip_C.mov', 0, 30]);
    expect((tr.metadata['edl'] as { effectName: string }).effectName).toBe('CROSS DISSOLVE');
    const [a, c, d] = clips(t);
    expect([a!.name, a!.sourceRange.duration.value, a!.sourceRange.duration.value + tr.outOffset.value]).toEqual(['Clip_A.mov', 61, 91]);
    expect([c!.name, c!.sourceRange.start.value, c!.sourceRange.duration.value]).toEqual(['Clip_C.mov', 86400 + 33 * 24 + 22, 30]);
    expect([d!.name, d!.sourceRange.start.value, d!.sourceRange.duration.value]).toEqual(['Clip_D.mov', 86400, 46]);
  });

  it('dissolve_test_fail.edl: "transition and event id mismatch" with its line, and the list is still read', () => {
    const { tl, findings } = read('otio-cmx3600/dissolve_test_fail.edl');
    const f = findings.find((x) => x.code === 'EDL_TRANSITION_ID_MISMATCH')!;
    expect(f.message).toContain('transition and event id mismatch');
    expect(f.where).toEqual({ file: 'otio-cmx3600/dissolve_test_fail.edl', line: 6, event: '002' });
    expect(f.severity).toBe('error');
    expect(tl.tracks[0]!.children.map((c) => c.kind)).toEqual(['clip', 'transition', 'clip', 'clip']);
  });

  it('gap_test.edl: clip, gap, clip, gap, clip at (0,24) (24,16) (40,24) (64,38) (102,24)', () => {
    const t = read('otio-cmx3600/gap_test.edl').tl.tracks[0]!;
    expect(t.children.map((c) => c.kind)).toEqual(['clip', 'gap', 'clip', 'gap', 'clip']);
    expect(rangesInTrack(t, R24).map((r) => [r.start.value, r.duration.value])).toEqual([
      [0, 24],
      [24, 16],
      [40, 24],
      [64, 38],
      [102, 24],
    ]);
    expect(clips(t).map((c) => c.name)).toEqual(['shot1', 'shot2', 'shot3']);
  });

  it('multi_audio.edl: A1 and A2 each hold AX at 0 + 00:56:55:22; the AUD 3 line adds A3 (OTIO drops it)', () => {
    const { tl } = read('otio-cmx3600/multi_audio.edl');
    expect(tl.tracks.map((t) => [t.name, t.trackKind])).toEqual([
      ['A1', 'audio'],
      ['A2', 'audio'],
      ['A3', 'audio'],
    ]);
    for (const t of tl.tracks) {
      const [c] = clips(t);
      expect([c!.name, c!.sourceRange.start.value, timecodeOf(c!.sourceRange.duration.value, R24)]).toEqual(['AX', 0, '00:56:55:22']);
    }
  });

  it('speed_effects_small.edl: two freezes at the catalog record times, M2 047.6 is exactly 119/60', () => {
    const { tl } = read('otio-cmx3600/speed_effects_small.edl');
    const t = tl.tracks[0]!;
    expect(eventCount(tl)).toBe(5);
    const c2 = clipWithEvent(tl, 2);
    const c3 = clipWithEvent(tl, 3);
    expect(c2.clip.effects).toEqual([{ kind: 'freezeFrame', name: 'Freeze Frame' }]);
    expect(c3.clip.effects).toEqual([{ kind: 'freezeFrame', name: 'Freeze Frame' }]);
    expect(recordOf(tl, t, c2.index)).toEqual(['01:08:30:00', '01:08:30:17']);
    expect(recordOf(tl, t, c3.index)).toEqual(['01:08:30:17', '01:08:30:18']);
    const c5 = clipWithEvent(tl, 5).clip;
    expect(c5.effects).toEqual([{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: { num: 119, den: 60 } }]);
    expect(timecodeOf(c5.sourceRange.start.value, R24)).toBe('01:00:06:00');
    expect(clipWithEvent(tl, 1).clip.effects).toEqual([]);
  });

  it('timecode_mismatch.edl at 24: frame 24 is illegal, each such event is an error with its line, the rest is read', () => {
    const { tl, findings } = read('otio-cmx3600/timecode_mismatch.edl', R24);
    const bad = findings.filter((f) => f.code === 'EDL_EVENT_TIMECODE_INVALID');
    expect(bad.map((f) => [f.where.line, f.where.event])).toEqual([
      [13, '004'],
      [34, '011'],
    ]);
    expect(bad[0]!.message).toContain('01:00:01:24');
    expect(clips(tl.tracks[0]!)).toHaveLength(18);
  });

  it('timecode_mismatch.edl at 25: duration mismatches are warnings with lines; item 4 sits at 00:00:17:22', () => {
    const { tl, findings } = read('otio-cmx3600/timecode_mismatch.edl', R25);
    const mism = findings.filter((f) => f.code === 'EDL_EVENT_DURATION_MISMATCH');
    expect(mism.map((f) => [f.where.line, f.params])).toEqual([
      [13, { event: '004', source: 49, record: 47 }],
      [16, { event: '005', source: 31, record: 56 }],
      [28, { event: '009', source: 51, record: 55 }],
      [31, { event: '010', source: 95, record: 91 }],
    ]);
    const t = tl.tracks[0]!;
    expect(recordOf(tl, t, 3)[0]).toBe('00:00:17:22');
    expect(eventCount(tl)).toBe(20);
  });

  it('wipe_test.edl: a wipe keeps its raw code W001', () => {
    const t = read('otio-cmx3600/wipe_test.edl').tl.tracks[0]!;
    expect(t.children).toHaveLength(4);
    const tr = transitionAt(t, 1);
    expect([tr.transitionType, (tr.metadata['edl'] as { code: string }).code, tr.name]).toEqual(['wipe', 'W001', 'SMPTE_Wipe from clip_A to clip_B']);
    expect(clips(t).map((c) => c.sourceRange.duration.value)).toEqual([9, 10, 1]);
    expect(clips(t)[0]!.sourceRange.duration.value + tr.outOffset.value).toBe(19);
  });
});

describeFixtures('edl: pycmx corpus (CATALOG T facts)', () => {
  it('TEST.edl: title, 120 events, event 1 on A2 only, event 3 on A7, event 43 has a cut then a dissolve', () => {
    const { tl } = read('pycmx/TEST.edl');
    expect(tl.name).toBe('DC7 R1_v8.2');
    expect(eventCount(tl)).toBe(120);
    const e1 = clipWithEvent(tl, 1);
    expect([e1.track.name, e1.clip.reel, e1.clip.name, e1.clip.sourceFile]).toEqual(['A2', 'OY_HEAD_', 'HEAD LEADER MONO', 'OY_HEAD_LEADER.MOV']);
    expect(recordOf(tl, e1.track, e1.index)).toEqual(['01:00:00:00', '01:00:08:00']);
    expect(tl.tracks.filter((t) => clips(t).some((c) => eventNumber(c) === 1)).map((t) => t.name)).toEqual(['A2']);
    expect(clipWithEvent(tl, 3).track.name).toBe('A7');
    const e43 = clipWithEvent(tl, 43);
    expect([e43.clip.reel, e43.clip.name]).toEqual(['TC_R1_V6', 'TC R1 V6 TEMP2 ST FX.WAV']);
    expect(recordOf(tl, e43.track, e43.index)).toEqual(['01:08:56:09', '01:08:56:11']);
    const before = e43.track.children[e43.index - 1] as Transition;
    expect([before.kind, before.transitionType, before.name]).toEqual(['transition', 'dissolve', 'SMPTE_Dissolve from TC R1 V1.2 TEMP1 FX ST.WAV to TC R1 V6 TEMP2 ST FX.WAV']);
  });

  it('ToD_R4_LOCK3.1_030618_Video.edl (UTF-8): 376 events, leader first, non-ASCII names, 3 M2 speeds', () => {
    const bytes = readFixtureBytes('interchange/pycmx/ToD_R4_LOCK3.1_030618_Video.edl');
    expect(decodeTextBytes(bytes).encoding).toBe('utf-8');
    const { tl } = read('pycmx/ToD_R4_LOCK3.1_030618_Video.edl');
    expect(eventCount(tl)).toBe(376);
    const e1 = clipWithEvent(tl, 1);
    expect([e1.clip.reel, e1.clip.name, ...recordOf(tl, e1.track, e1.index)]).toEqual(['START_LE', 'START LEADER 1920X1080 2398', '04:00:00:00', '04:00:08:00']);
    expect(clipWithEvent(tl, 14).clip.name).toBe('\u202292PT-5*');
    const speeds = clips(tl.tracks[0]!).flatMap((c) => c.effects.map((e) => [eventNumber(c), e.kind === 'linearTimeWarp' ? e.timeScalar : e.kind]));
    expect(speeds).toEqual([
      [14, { num: -1, den: 1 }],
      [154, { num: 5, den: 4 }],
      [199, { num: 3, den: 4 }],
    ]);
  });

  it('ToD: line numbers are 1-based (pycmx counts event 15 at 0-based line 45)', () => {
    const text = readFixtureText('interchange/pycmx/ToD_R4_LOCK3.1_030618_Video.edl').split('\r\n');
    expect(text[45]!.startsWith('015')).toBe(true);
    text[45] = text[45]!.replace('04:00:47:12 04:00:49:01', '04:00:47:12 04:00:49:99');
    const res = readEdl(text.join('\r\n'), { rate: R24 });
    const invalid = res.findings.filter((f) => f.code === 'EDL_EVENT_TIMECODE_INVALID');
    expect(invalid.map((f) => [f.where.line, f.where.column, f.where.event])).toEqual([[46, 66, '015']]);
  });

  it('INS4_R1_010417.edl (File128 style): 6-digit events, 32-character reels, 11 M2 lines, the source table kept', () => {
    const { tl } = read('pycmx/INS4_R1_010417.edl');
    expect(tl.name).toBe('INS4_R1_010417');
    expect(eventCount(tl)).toBe(287);
    expect(clipWithEvent(tl, 2).clip.reel).toBe('UNILOGO_2012_S235_MONO_DNX175X.M');
    expect(clipWithEvent(tl, 4).clip.effects).toEqual([{ kind: 'freezeFrame', name: 'Freeze Frame' }]);
    expect(clips(tl.tracks[0]!).filter((c) => c.effects.length > 0)).toHaveLength(11);
    const table = (tl.metadata['edl'] as { sourceTable: string[] }).sourceTable;
    expect(table[0]).toMatch(/^>>> SOURCE A008C013_140711ZJ/);
    expect(clips(tl.tracks[0]!).filter((c) => c.sourceFile !== undefined).length + table.filter((l) => l.startsWith('*SOURCE FILE')).length).toBe(445);
  });

  it('cdl_example01.edl: event 1 CDL values, 39 events, 37 LOC markers with mixed-case colours', () => {
    const { tl } = read('pycmx/cdl_example01.edl');
    expect(eventCount(tl)).toBe(39);
    const e1 = clipWithEvent(tl, 1).clip;
    const cdl = (e1.metadata['edl'] as { cdl: { slope: number[]; offset: number[]; saturation: number } }).cdl;
    expect([cdl.slope[0], cdl.offset[1], cdl.saturation]).toEqual([0.9405, -0.0276, 0.964]);
    expect(e1.markers.map((m) => [m.name, m.color])).toEqual([['Sc 117 INTERCUT', 'green']]);
    expect(clips(tl.tracks[0]!).reduce((n, c) => n + c.markers.length, 0)).toBe(37);
    expect(timecodeOf(tl.globalStart.value, R24)).toBe('02:13:08:12');
  });

  it('cdl_frmc_example02.edl: FRMC comments kept on event 6; 25 events, 23 with ASC_SOP', () => {
    const { tl } = read('pycmx/cdl_frmc_example02.edl');
    expect(eventCount(tl)).toBe(25);
    expect((clipWithEvent(tl, 6).clip.metadata['edl'] as { comments: string[] }).comments).toEqual(['FRMC start: 1001    FRMC end: 1486    FRMC duration:486']);
    expect(clips(tl.tracks[0]!).filter((c) => (c.metadata['edl'] as { cdl?: { slope?: unknown } }).cdl?.slope)).toHaveLength(23);
  });

  it('test_edl_cdl.edl: 3 events, a LOC with a one-digit hour, YELLOW', () => {
    const { tl } = read('pycmx/test_edl_cdl.edl');
    expect(tl.name).toBe('test_edl_cdl');
    const cs = clips(tl.tracks[0]!);
    expect(cs.map((c) => c.markers.map((m) => [m.name, m.color]))).toEqual([[['DRA_001_0001', 'yellow']], [['DRA_001_0002', 'yellow']], [['DRA_001_0003', 'yellow']]]);
    expect(cs.map((c) => (c.metadata['edl'] as { cdl: { saturation: number } }).cdl.saturation)).toEqual([0.91, 0.82, 0.73]);
  });

  it('ISSUE_19_unusual01.edl: 4-digit events, 20-character reels, extra spaces; event 1 as pycmx reads it', () => {
    const { tl } = read('pycmx/ISSUE_19_unusual01.edl');
    expect(eventCount(tl)).toBe(38);
    const e1 = clipWithEvent(tl, 1);
    expect([e1.track.name, e1.clip.reel, timecodeOf(e1.clip.sourceRange.start.value, R24), recordOf(tl, e1.track, e1.index)[1]]).toEqual([
      'V1',
      'Z125C001_220217_ROLX',
      '15:51:58:10',
      '00:00:04:06',
    ]);
  });

  it('ISSUE_14_conform_edl_issue_03.edl: numbering from 002, event 42 source in 18:44:20:12', () => {
    const { tl } = read('pycmx/ISSUE_14_conform_edl_issue_03.edl');
    expect(eventCount(tl)).toBe(42);
    const e42 = clipWithEvent(tl, 42).clip;
    expect([e42.reel, timecodeOf(e42.sourceRange.start.value, R24)]).toEqual(['M018C0005_240925_1F4L13', '18:44:20:12']);
  });

  it('test_25.edl (Premiere): CROSS DISSOLVE name, AUD 3 4, fade to BL, reverse M2', () => {
    const { tl } = read('pycmx/test_25.edl');
    expect(tl.rate).toEqual(R25);
    expect(eventCount(tl)).toBe(11);
    const v1 = trackNamed(tl, 'V1');
    const dissolve = v1.children.find((c): c is Transition => c.kind === 'transition' && eventNumber(c) === 5)!;
    expect((dissolve.metadata['edl'] as { effectName: string }).effectName).toBe('CROSS DISSOLVE');
    expect([dissolve.outOffset.value, dissolve.name]).toEqual([70, 'SMPTE_Dissolve from Test rename to Jellyfish.jpg']);
    for (const a of ['A3', 'A4']) expect(clips(trackNamed(tl, a)).map((c) => eventNumber(c))).toEqual([3]);
    const wipe = trackNamed(tl, 'A1').children.find((c): c is Transition => c.kind === 'transition')!;
    expect([wipe.transitionType, (wipe.metadata['edl'] as { effectName: string }).effectName, wipe.outOffset.value]).toEqual(['wipe', 'Constant Power', 25]);
    const black = clipWithEvent(tl, 7).clip;
    expect(black.media).toEqual({ kind: 'generator', generatorKind: 'black', name: 'BL' });
    expect(clipWithEvent(tl, 10).clip.effects).toEqual([{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: { num: -1, den: 1 } }]);
  });
});

const EDL_FILES = (() => {
  const out: string[] = [];
  for (const dir of ['otio-cmx3600', 'pycmx']) {
    try {
      for (const f of readdirSync(fixturePath(`interchange/${dir}`))) if (f.endsWith('.edl')) out.push(`${dir}/${f}`);
    } catch {
      // Without the shared fixtures the block below is skipped.
    }
  }
  return out.sort();
})();

describeFixtures('edl round trips over every corpus EDL', () => {
  it('the corpus holds the 25 EDLs the catalog lists', () => {
    expect(EDL_FILES).toHaveLength(25);
  });

  for (const file of EDL_FILES) {
    for (const dialect of ['avid', 'file128'] as EdlDialect[]) {
      it(`${file}: edl text→model→text→model (${dialect}, merged) gives the same timeline`, () => {
        const first = read(file).tl;
        const written = writeEdl(first, { dialect, mergeTracks: true });
        const again = readEdl(written.text, { rate: first.rate });
        expect(again.value).toEqual(first);
      });
    }
    it(`${file}: model→text→model→text (cmx3600) writes the same text twice`, () => {
      const first = read(file).tl;
      const a = writeEdl(first, { dialect: 'cmx3600' });
      const b = writeEdl(readEdl(a.text, { rate: first.rate }).value!, { dialect: 'cmx3600' });
      expect(b.text).toBe(a.text);
    });
  }

  it('TEST.edl written as cmx3600 reports every audio track past A4', () => {
    const w = writeEdl(read('pycmx/TEST.edl').tl, { dialect: 'cmx3600' });
    expect(w.findings.map((f) => f.message)).toEqual(
      ['A5', 'A7', 'A8', 'A10', 'A11', 'A12'].map((t) => `track ${t} not written: cmx3600 carries audio channels 1-4`),
    );
  });
});

describeFixtures('edl fuzzing: mutated corpus files never throw, never hang, always report', () => {
  const sources = EDL_FILES.map((f) => readFixtureBytes(`interchange/${f}`));
  const mutate = (bytes: Uint8Array, kind: number, a: number, b: number): Uint8Array => {
    const n = bytes.length;
    if (kind === 0) return bytes.subarray(0, a % (n + 1));
    if (kind === 1) {
      const copy = bytes.slice();
      for (let k = 0; k < 8; k++) copy[(a + k * b) % n] = (copy[(a + k * b) % n]! ^ (1 << (b % 8))) & 0xff;
      return copy;
    }
    const text = decodeTextBytes(bytes).text;
    const lines = text.split(/\r?\n/);
    if (kind === 2) {
      for (let k = lines.length - 1; k > 0; k--) {
        const j = (a * (k + 7) + b) % (k + 1);
        [lines[k], lines[j]] = [lines[j]!, lines[k]!];
      }
    } else if (kind === 3) {
      const at = a % lines.length;
      lines.splice(at, 0, ...lines.slice(at, at + 1 + (b % 5)));
    } else {
      let count = 0;
      return new TextEncoder().encode(text.replace(/\d+/g, (m) => (count++ % (1 + (b % 7)) === 0 ? '9'.repeat(12 + (a % 30)) : m)));
    }
    return new TextEncoder().encode(lines.join('\n'));
  };
  it('truncated, flipped, shuffled, duplicated and huge-number lists', () => {
    fc.assert(
      fc.property(fc.nat(sources.length - 1), fc.nat(4), fc.nat(1_000_000), fc.nat(1_000), (which, kind, a, b) => {
        const mutated = mutate(sources[which]!, kind, a, b);
        const decoded = decodeTextBytes(mutated);
        const res = readEdl(decoded.text);
        expect(res.findings.length).toBeGreaterThan(0);
        for (const t of res.value?.tracks ?? []) for (const c of t.children) if (c.kind === 'clip' || c.kind === 'gap') expect(c.sourceRange.duration.value).toBeGreaterThanOrEqual(0);
        if (res.value) writeEdl(res.value, { dialect: 'file128', mergeTracks: true });
      }),
      { numRuns: 300, seed: 3600 },
    );
  });
});

describe('edl generator: drop-frame and multi-track lists checked against hand-computed frames', () => {
  it('29.97 DF: labels across the minute and ten-minute boundaries', () => {
    const text = [
      'TITLE: DF 2997',
      'FCM: DROP FRAME',
      '001  A001     V     C        00:59:59;28 01:00:00;00 01:00:59;28 01:01:00;02',
      '002  A002     V     C        00:09:59;28 00:10:00;02 01:01:00;02 01:01:00;06',
      '003  A003     V     C        12:00:00;00 12:00:01;00 01:01:00;06 01:01:01;06',
    ].join('\n');
    const res = readEdl(text, { rate: { num: 30000, den: 1001, dropFrame: true } });
    expect(res.findings).toEqual([]);
    const tl = res.value!;
    // 01:00:00;00 = 107892; 00:00:59;28 = 59*30+28 = 1798; minute 1 skips ;00 and ;01, so 01:01:00;02 = 107892 + 1800.
    expect(tl.globalStart.value).toBe(107892 + 1798);
    // 00:59:59;28: 5 ten-minute blocks (17982 each) + minutes 50-58 (1800 + 8*1798) + 59 s 28 f of a dropping minute (1798 - 2).
    const cs = clips(tl.tracks[0]!);
    expect(cs.map((c) => [c.sourceRange.start.value, c.sourceRange.duration.value])).toEqual([
      [89910 + 16184 + 1796, 2],
      [17982 - 2, 4],
      [1294704, 30],
    ]);
    const back = writeEdl(tl, { dialect: 'cmx3600' });
    expect(back.text.split('\n').slice(0, 3)).toEqual(['TITLE: DF 2997', 'FCM: DROP FRAME', '001  A001     V     C        00:59:59;28 01:00:00;00 01:00:59;28 01:01:00;02']);
  });

  it('59.94 DF: four labels skipped at the minute; inferred from FCM and frames above 29', () => {
    const text = ['FCM: DROP FRAME', '001  B001     V     C        01:00:59;58 01:01:00;04 01:00:59;58 01:01:00;04'].join('\n');
    const res = readEdl(text);
    expect(res.value!.rate).toEqual({ num: 60000, den: 1001, dropFrame: true });
    expect(res.findings.map((f) => f.code)).toEqual(['RATE_INFERRED']);
    // 01:00:00;00 = 215784; +59 s 58 f = 3598; 01:01:00;04 = 215784 + 3600.
    const [c] = clips(res.value!.tracks[0]!);
    expect([c!.sourceRange.start.value, c!.sourceRange.duration.value, res.value!.globalStart.value]).toEqual([215784 + 3598, 2, 215784 + 3598]);
  });

  it('a generated multi-track list: overlapping picture stacks, TRACK comments, AA/V and AUD channels', () => {
    const text = [
      'TITLE: MULTI',
      'FCM: NON-DROP FRAME',
      '001  R1       AA/V  C        10:00:00:00 10:00:04:00 01:00:00:00 01:00:04:00',
      '002  R2       V     C        20:00:00:00 20:00:02:00 01:00:01:00 01:00:03:00',
      '003  R3       V     C        03:00:00:00 03:00:01:00 01:00:05:00 01:00:06:00',
      '* TRACK: V3',
      '004  R4       NONE  C        04:00:00:00 04:00:01:00 01:00:04:00 01:00:05:00',
      'AUD  3    4',
    ].join('\n');
    const res = readEdl(text, { rate: R24 });
    const tl = res.value!;
    expect(tl.tracks.map((t) => t.name)).toEqual(['V1', 'V2', 'V3', 'A1', 'A2', 'A3', 'A4']);
    const layout = (t: Track) => rangesInTrack(t, R24).map((r, i) => [t.children[i]!.kind, r.start.value, r.duration.value]);
    expect(layout(trackNamed(tl, 'V1'))).toEqual([['clip', 0, 96]]);
    expect(layout(trackNamed(tl, 'V2'))).toEqual([
      ['gap', 0, 24],
      ['clip', 24, 48],
    ]);
    expect(layout(trackNamed(tl, 'V3'))).toEqual([
      ['gap', 0, 120],
      ['clip', 120, 24],
    ]);
    expect(layout(trackNamed(tl, 'A3'))).toEqual([
      ['gap', 0, 96],
      ['clip', 96, 24],
    ]);
    expect(res.findings.map((f) => [f.code, f.where.line])).toEqual([['EDL_EVENT_STACKED', 4]]);
    const merged = writeEdl(tl, { dialect: 'file32', mergeTracks: true });
    expect(merged.findings).toEqual([]);
    expect(readEdl(merged.text, { rate: R24 }).value).toEqual(tl);
    const single = writeEdl(tl, { dialect: 'cmx3600' });
    expect(single.findings.map((f) => f.message)).toEqual([
      'track V2 not written: cmx3600 carries one video track; write it on its own with track "V2", or merge the tracks',
      'track V3 not written: cmx3600 carries one video track; write it on its own with track "V3", or merge the tracks',
    ]);
  });
});
