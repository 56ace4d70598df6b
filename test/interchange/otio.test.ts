import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import fc from 'fast-check';
import {
  nearestStandardRate,
  rangesInTrack,
  readOtio,
  readOtioJson,
  timecodeOf,
  writeOtio,
  type Clip,
  type OtioJsonValue,
  type Stack,
  type Timeline,
  type TrackItem,
} from '@picturelock/core';
import { describeFixtures, fixturePath, HAVE_FIXTURES, readFixtureText } from '@picturelock/test';

/** Every OTIO JSON file of the corpus: the .otio files and AYON's single-object .json files. */
function corpusFiles(): string[] {
  if (!HAVE_FIXTURES) return [];
  const out: string[] = [];
  for (const dir of readdirSync(fixturePath('interchange'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(fixturePath(`interchange/${dir.name}`))) {
      if (f.endsWith('.otio') || (dir.name === 'ayon-core' && f.endsWith('.json'))) out.push(`interchange/${dir.name}/${f}`);
    }
  }
  return out.sort();
}

function read(rel: string): { tl: Timeline; codes: string[] } {
  const r = readOtio(readFixtureText(rel), { file: rel });
  if (!r.value) throw new Error(`${rel} read nothing: ${r.findings.map((f) => f.message).join('; ')}`);
  return { tl: r.value, codes: r.findings.map((f) => f.code) };
}

const clips = (items: readonly TrackItem[]) => items.filter((c): c is Clip => c.kind === 'clip');
const tc24 = (frames: number) => timecodeOf(frames, { num: 24, den: 1, dropFrame: false });

/**
 * The golden comparison: a fixture and our re-written file, both parsed, must hold the same
 * tree once these documented differences are normalised on the fixture side:
 * Clip.1 -> Clip.2 (`media_reference` becomes `media_references.DEFAULT_MEDIA`), the legacy
 * `Sequence.1` -> `Track.1`, Marker.3's Color object -> its name (we write Marker.2), a clip
 * without source_range -> its media's available_range, float rates -> the exact rate's
 * double, values rounded to whole frames, `global_start_time: null` -> 0 at the timeline
 * rate, zero lengths compared without their rate, time scalars to 6 decimals, null fields,
 * empty names and comments and OTIO's default `[]`/`{}`/`true` values dropped, and our own
 * `metadata.picturelock` removed from our side.
 */
function normalised(v: OtioJsonValue | undefined, ours: boolean, timelineRate: number): OtioJsonValue | undefined {
  if (Array.isArray(v)) return v.map((x) => normalised(x, ours, timelineRate)!);
  if (typeof v !== 'object' || v === null) return v;
  const o: Record<string, OtioJsonValue> = { ...v };
  const schema = typeof o['OTIO_SCHEMA'] === 'string' ? o['OTIO_SCHEMA'] : '';
  if (schema === 'RationalTime.1') {
    const rate = o['rate'] as number;
    const exact = Number.isInteger(rate) ? rate : (() => { const r = nearestStandardRate(rate)!; return r.num / r.den; })();
    const value = Math.round(o['value'] as number);
    // A zero length is the same at every rate (OTIO's EDL adapter writes marker durations as 0@1).
    return value === 0 ? { value } : { rate: exact, value };
  }
  if (schema === 'Sequence.1') o['OTIO_SCHEMA'] = 'Track.1';
  // We write the exact ratio (47/55) where the file had a float with noise.
  if (typeof o['time_scalar'] === 'number') o['time_scalar'] = Math.round(o['time_scalar'] * 1e6) / 1e6;
  if (schema === 'Clip.1') {
    o['OTIO_SCHEMA'] = 'Clip.2';
    o['media_references'] = { DEFAULT_MEDIA: o['media_reference'] ?? { OTIO_SCHEMA: 'MissingReference.1' } };
    o['active_media_reference_key'] = 'DEFAULT_MEDIA';
    delete o['media_reference'];
  }
  if (schema.startsWith('Clip.') && (o['source_range'] === null || o['source_range'] === undefined)) {
    const refs = o['media_references'] as Record<string, Record<string, OtioJsonValue>>;
    o['source_range'] = refs['DEFAULT_MEDIA']!['available_range']!;
  }
  if (schema === 'Marker.3') {
    o['OTIO_SCHEMA'] = 'Marker.2';
    o['color'] = (o['color'] as Record<string, OtioJsonValue>)['name']!;
  }
  if (schema.startsWith('Timeline.') && (o['global_start_time'] === null || o['global_start_time'] === undefined)) {
    o['global_start_time'] = { OTIO_SCHEMA: 'RationalTime.1', rate: timelineRate, value: 0 };
  }
  if (ours && o['metadata'] && typeof o['metadata'] === 'object') {
    const m = { ...(o['metadata'] as Record<string, OtioJsonValue>) };
    delete m['picturelock'];
    o['metadata'] = m;
  }
  const out: Record<string, OtioJsonValue> = {};
  for (const [k, x] of Object.entries(o)) {
    const n = normalised(x, ours, timelineRate);
    const empty = n === undefined || n === null || (n === true && k === 'enabled') || (n === '' && (k === 'name' || k === 'comment')) || (Array.isArray(n) && n.length === 0) || (typeof n === 'object' && n !== null && !Array.isArray(n) && Object.keys(n).length === 0);
    if (!empty) out[k] = n!;
  }
  return out;
}

describeFixtures('OTIO JSON: the corpus', () => {
  const files = corpusFiles();

  it('finds every OTIO file the catalog lists (12 .otio, 5 AYON .json)', () => {
    expect(files.filter((f) => f.endsWith('.otio'))).toHaveLength(12);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(5);
  });

  it.each(files)('%s: read -> write -> read gives the same timeline', (rel) => {
    const first = read(rel).tl;
    const written = writeOtio(first);
    const again = readOtio(written.text);
    expect(again.value).toEqual(first);
    // Our own output is plain: no rate to snap, no frame to round, no legacy name.
    expect(again.findings.map((f) => f.code).filter((c) => /SNAPPED|ROUNDED|LEGACY|SYNTAX/.test(c))).toEqual([]);
  });

  it.each(files.filter((f) => f.endsWith('.otio')))('%s: our OTIO has the structure of the fixture (golden comparison)', (rel) => {
    const text = readFixtureText(rel);
    const tl = read(rel).tl;
    const ours = writeOtio(tl).text;
    const rate = tl.rate.num / tl.rate.den;
    expect(normalised(readOtioJson(ours).value, true, rate)).toEqual(normalised(readOtioJson(text).value, false, rate));
  });

  it('screening_example.otio: the 9 clips of the screening EDL with reels, source files and coloured markers', () => {
    const { tl } = read('interchange/otio-core/screening_example.otio');
    expect(tl.name).toBe('Example_Screening.01');
    expect(tl.tracks).toHaveLength(1);
    const cs = clips(tl.tracks[0]!.children);
    expect(cs.map((c) => c.name)).toEqual([
      'ZZ100_501 (LAY3)', 'ZZ100_502A (LAY3)', 'ZZ100_503A (LAY1)', 'ZZ100_504C (LAY1)', 'ZZ100_504B (LAY1)',
      'ZZ100_507C (LAY2)', 'ZZ100_508 (LAY2)', 'ZZ100_510 (LAY1)', 'ZZ100_510B (LAY1)',
    ]);
    expect(cs.map((c) => tc24(c.sourceRange.duration.value))).toEqual([
      '00:00:01:07', '00:00:02:02', '00:00:01:04', '00:00:04:19', '00:00:04:05', '00:00:06:17', '00:00:07:02', '00:00:05:16', '00:00:10:17',
    ]);
    expect(cs[0]!.reel).toBe('ZZ100_50');
    expect(cs[0]!.sourceFile).toBe('ZZ100_501.LAY3.01');
    expect(cs[0]!.metadata).toEqual({ cmx_3600: { comments: ['SOURCE FILE: ZZ100_501.LAY3.01'] } });
    expect(cs[0]!.media.kind).toBe('missing');
    const m = cs[3]!.markers;
    expect(m).toHaveLength(2);
    expect(m[0]).toMatchObject({ name: 'ANIM FIX NEEDED', color: 'red' });
    expect(tc24(m[0]!.markedRange.start.value)).toBe('01:00:01:14');
    expect(m[1]!.color).toBe('pink');
    expect(cs[6]!.markers[0]).toMatchObject({ name: '', color: 'green' });
  });

  it('screening_example.otio written back keeps reels where OTIO\'s EDL adapter looks for them', () => {
    const out = readOtioJson(writeOtio(read('interchange/otio-core/screening_example.otio').tl).text).value as { tracks: { children: { children: Record<string, Record<string, unknown>>[] }[] } };
    const clip0 = out.tracks.children[0]!.children[0]!;
    expect(clip0['metadata']).toEqual({ cmx_3600: { comments: ['SOURCE FILE: ZZ100_501.LAY3.01'], reel: 'ZZ100_50' }, picturelock: { sourceFile: 'ZZ100_501.LAY3.01' } });
    expect(clip0['OTIO_SCHEMA']).toBe('Clip.2');
    expect(Object.keys(clip0['media_references']!)).toEqual(['DEFAULT_MEDIA']);
  });

  it('multitrack.otio: 3 video tracks; track 1 is clip 720, gap 83, clip 722, gap 432, clip 720, gap 605', () => {
    const { tl } = read('interchange/otio-core/multitrack.otio');
    expect(tl.name).toBe('OTIO TEST - multitrack.Exported.01');
    expect(tl.tracks.map((t) => `${t.name}/${t.trackKind}`)).toEqual(['Sequence/video', 'Sequence 2/video', 'Sequence 3/video']);
    expect(tl.tracks[0]!.children.map((c) => `${c.kind} ${rangesInTrack(tl.tracks[0]!, tl.rate)[tl.tracks[0]!.children.indexOf(c)]!.duration.value}`)).toEqual([
      'clip 720', 'gap 83', 'clip 722', 'gap 432', 'clip 720', 'gap 605',
    ]);
    expect(tl.tracks.flatMap((t) => clips(t.children).map((c) => c.name))).toEqual([
      'tech.fux (loop)-HD.mp4', 'out-b (loop)-HD.mp4', 'brokchrd (loop)-HD.mp4', 't-hawk (loop)-HD.mp4', 'KOLL-HD.mp4',
    ]);
  });

  it('simple_cut.otio: clips 3+3, 2+6, 0+4 and Clip-004 playing its whole media, external URLs kept', () => {
    const { tl, codes } = read('interchange/otio-core/simple_cut.otio');
    expect(tl.name).toBe('Figure 1 - Simple Cut List');
    const cs = clips(tl.tracks[0]!.children);
    expect(cs.slice(0, 3).map((c) => [c.name, c.sourceRange.start.value, c.sourceRange.duration.value])).toEqual([
      ['Clip-001', 3, 3], ['Clip-002', 2, 6], ['Clip-003', 0, 4],
    ]);
    expect(cs.map((c) => (c.media.kind === 'external' ? c.media.url : ''))).toContain('file:///folder/wind-up.mov');
    expect(cs[3]!.media).toMatchObject({ kind: 'external', url: 'file:///folder/credits.mov' });
    expect(cs[3]!.sourceRange).toEqual(cs[3]!.media.availableRange);
    expect(codes).toContain('OTIO_CLIP_RANGE_FROM_MEDIA');
  });

  it('clip_example.otio: gap 8, clip 3+3 at 8 in the track, transition in 2 / out 1, track 19 frames', () => {
    const { tl } = read('interchange/otio-core/clip_example.otio');
    const t = tl.tracks[0]!;
    const ranges = rangesInTrack(t, tl.rate);
    expect(t.children.map((c) => c.kind)).toEqual(['gap', 'clip', 'transition', 'gap']);
    expect([ranges[1]!.start.value, ranges[1]!.duration.value]).toEqual([8, 3]);
    const c = t.children[1] as Clip;
    expect([c.sourceRange.start.value, c.sourceRange.duration.value]).toEqual([3, 3]);
    expect([c.media.availableRange!.start.value, c.media.availableRange!.duration.value]).toEqual([0, 8]);
    const tr = t.children[2]!;
    expect(tr.kind === 'transition' && [tr.inOffset.value, tr.outOffset.value, tr.transitionType]).toEqual([2, 1, 'SMPTE_Dissolve']);
    expect(ranges.reduce((n, r) => n + r.duration.value, 0)).toBe(19);
  });

  it('transition_test.otio: [t0, A, t1, B, C, t3], clips 50 frames, transitions 10 in / 10 out', () => {
    const t = read('interchange/otio-core/transition_test.otio').tl.tracks[0]!;
    expect(t.children.map((c) => (c.kind === 'transition' ? 't' : c.name))).toEqual(['t', 'A', 't', 'B', 'C', 't']);
    for (const c of t.children) {
      if (c.kind === 'clip') expect(c.sourceRange.duration.value).toBe(50);
      if (c.kind === 'transition') expect([c.inOffset.value, c.outOffset.value]).toEqual([10, 10]);
    }
  });

  it('transition.otio: 4 clips and 1 transition', () => {
    const t = read('interchange/otio-core/transition.otio').tl.tracks[0]!;
    expect(t.children.filter((c) => c.kind === 'clip')).toHaveLength(4);
    expect(t.children.filter((c) => c.kind === 'transition')).toHaveLength(1);
  });

  it('nested_example.otio: nested stacks with a 47/55 time warp and a nested track with a freeze frame', () => {
    const { tl, codes } = read('interchange/otio-core/nested_example.otio');
    const items = tl.tracks[0]!.children;
    expect(items.map((c) => c.name)).toEqual(['Normal Clip 1', 'Nested Stack 1', 'Normal Clip 2', 'Nested Stack 2 (with effects)', 'Normal Clip 3', 'Nested Track', 'Normal Clip 4']);
    const sr = (c: TrackItem) => ('sourceRange' in c && c.sourceRange ? [c.sourceRange.start.value, c.sourceRange.duration.value] : undefined);
    expect(items.map(sr)).toEqual([[135, 238], [0, 31], [101, 33], [0, 29], [179, 63], [0, 4], [135, 238]]);
    const s1 = items[1] as Stack;
    expect(sr(s1.children[0]!.children[0]!)).toEqual([373, 37]);
    const s2 = items[3] as Stack;
    expect(s2.effects[0]).toMatchObject({ kind: 'linearTimeWarp', timeScalar: { num: 47, den: 55 } });
    expect(sr(s2.children[0]!.children[0]!)).toEqual([429, 24]);
    const nested = items[5] as Stack;
    expect(nested.effects[0]!.kind).toBe('freezeFrame');
    expect(sr(nested.children[0]!.children[0]!)).toEqual([471, 1]);
    expect(codes.filter((c) => c === 'OTIO_CHILD_WRAPPED')).toHaveLength(3);
    expect(codes).toContain('OTIO_SPEED_SNAPPED');
  });

  it('generator_reference_test.otio: the legacy Sequence.1 is a track and the bars are a generator', () => {
    const { tl, codes } = read('interchange/otio-core/generator_reference_test.otio');
    expect(codes).toContain('OTIO_SCHEMA_LEGACY');
    const c = tl.tracks[0]!.children[0] as Clip;
    expect(c.media).toMatchObject({ kind: 'generator', generatorKind: 'SMPTEBars', name: 'bars' });
  });

  it('big_int.otio: Inf, -Infinity, NaN and 128/256-bit integers are read with findings, metadata kept', () => {
    const r = readOtio(readFixtureText('interchange/otio-core/big_int.otio'), { file: 'big_int.otio' });
    const c = r.value!.tracks[0]!.children[0] as Clip;
    expect(c.metadata['int_test']).toMatchObject({
      maxint32: 2147483647, smallest_int64: 2147483648, verybig: 3450100000, minint32: -2147483647, neg_smallest_int64: -2147483648, negverybig: -3450100000,
    });
    expect((c.metadata['unicode'] as Record<string, string>)['utf8']).toBe('Viel glück und hab spaß!');
    const floats = c.metadata['float'] as Record<string, number>;
    expect([floats['floatinf'], floats['floatneginf'], Number.isNaN(floats['floatnan'])]).toEqual([Infinity, -Infinity, true]);
    const nonstd = r.findings.filter((f) => f.code === 'OTIO_JSON_NONSTANDARD_NUMBER');
    expect(nonstd.map((f) => [f.params['token'], f.where.line])).toEqual([['Inf', 39], ['-Infinity', 40], ['NaN', 41]]);
    const big = r.findings.filter((f) => f.code === 'OTIO_JSON_INTEGER_UNSAFE');
    expect(big.map((f) => [f.where.line, f.params['exact']])).toEqual([[34, true], [35, true]]);
    expect(c.sourceRange).toEqual({ start: { value: 1, rate: { num: 24, den: 1 } }, duration: { value: 24, rate: { num: 24, den: 1 } } });
    const written = writeOtio(r.value!);
    expect(written.text).toContain('"floatinf": Infinity');
    expect(written.text).toContain('"floatnan": NaN');
    expect(written.findings.map((f) => f.code)).toEqual(['OTIO_NONSTANDARD_NUMBER_WRITTEN', 'OTIO_NONSTANDARD_NUMBER_WRITTEN', 'OTIO_NONSTANDARD_NUMBER_WRITTEN']);
  });

  it('enabled.otio: two tracks, Clip001/Clip002 reels read from cmx_3600 metadata', () => {
    const { tl } = read('interchange/otio-cmx3600/enabled.otio');
    expect(tl.tracks).toHaveLength(2);
    const cs = clips(tl.tracks[0]!.children);
    expect(cs.map((c) => c.name)).toEqual(['Clip-001', 'Clip-002']);
    expect(cs.map((c) => c.sourceRange.duration.value)).toEqual([3, 3]);
  });

  it('img_seq_media_reference.otio: source 900000 + 159, global start 86400, the frame sequence written back as ImageSequenceReference', () => {
    const { tl } = read('interchange/otio-fcp/img_seq_media_reference.otio');
    expect(tl.globalStart.value).toBe(86400);
    const c = tl.tracks[0]!.children[0] as Clip;
    expect(c.name).toBe('PREGRADE MIXDOWN');
    expect([c.sourceRange.start.value, c.sourceRange.duration.value]).toEqual([900000, 159]);
    expect(c.media).toMatchObject({ kind: 'external', url: '/tmp/PREGRADE MIXDOWN.#.exr' });
    expect(writeOtio(tl).text).toContain('"OTIO_SCHEMA": "ImageSequenceReference.1"');
  });

  it('ayon-core: single Clip/Track objects read as timelines, float rates snapped to 24000/1001', () => {
    const frozen = read('interchange/ayon-core/qt_freeze_frame.json');
    expect(frozen.codes).toEqual(expect.arrayContaining(['OTIO_TOP_LEVEL_WRAPPED', 'OTIO_RATE_SNAPPED', 'OTIO_TIME_ROUNDED']));
    const c = frozen.tl.tracks[0]!.children[0] as Clip;
    expect(c.name).toBe('sh010');
    expect(frozen.tl.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
    // 29.970030784606934 + 11 @23.976024627685547 -> 30 + 11 @24000/1001; media 0 + 101 @24.
    expect(c.sourceRange).toEqual({ start: { value: 30, rate: { num: 24000, den: 1001 } }, duration: { value: 11, rate: { num: 24000, den: 1001 } } });
    expect(c.media.availableRange).toEqual({ start: { value: 0, rate: { num: 24, den: 1 } }, duration: { value: 101, rate: { num: 24, den: 1 } } });
    expect(c.effects.map((e) => e.kind)).toContain('freezeFrame');

    const reverse = read('interchange/ayon-core/qt_reverse_speed_0_7.json').tl.tracks[0]!.children[0] as Clip;
    expect(reverse.effects.find((e) => e.kind === 'linearTimeWarp')).toMatchObject({ timeScalar: { num: -7, den: 10 } });

    const resolve = read('interchange/ayon-core/img_seq_2x_speed_resolve.json').tl.tracks[0]!.children[0] as Clip;
    expect([resolve.sourceRange.start.value, resolve.sourceRange.duration.value]).toEqual([39, 11]);
    expect([resolve.media.availableRange!.start.value, resolve.media.availableRange!.duration.value]).toEqual([0, 99]);
    expect(resolve.effects.find((e) => e.kind === 'linearTimeWarp')).toMatchObject({ timeScalar: { num: 2, den: 1 } });

    const longTc = read('interchange/ayon-core/qt_23.976_embedded_long_tc.json').tl.tracks[0]!.children[0] as Clip;
    expect(longTc.name).toBe('Main088sh110');
    expect([longTc.sourceRange.start.value, longTc.sourceRange.duration.value]).toEqual([1937906, 82]);
    expect([longTc.media.availableRange!.start.value, longTc.media.availableRange!.duration.value]).toEqual([1937896, 98]);

    const gapTrack = read('interchange/ayon-core/multiple_review_clips_gap.json').tl.tracks[0]!;
    expect(gapTrack.name).toBe('Video 2');
    expect(gapTrack.children.map((c) => `${c.kind} ${c.name} ${'sourceRange' in c ? `${c.sourceRange!.start.value}+${c.sourceRange!.duration.value}` : ''}`)).toEqual([
      'gap  0+2', 'clip output 0+88', 'clip output 0+11',
    ]);
  });

  it('mutated corpus files never throw, always return findings, and read what came before the damage', () => {
    const texts = files.map((f) => readFixtureText(f));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 4 }), (k, at, op, junk) => {
        const t = texts[k]!;
        const p = at % t.length;
        const mutated = op === 0 ? t.slice(0, p) : op === 1 ? t.slice(0, p) + junk + t.slice(p + 1) : op === 2 ? t.slice(0, p) + t.slice(p, p + 200) + t.slice(p) : t.slice(0, p) + '99999999999999999999999' + t.slice(p);
        const r = readOtio(mutated);
        if (mutated === t) return true;
        // A change that keeps valid OTIO (inside a name, say) may read cleanly; otherwise say why.
        return r.value !== undefined || r.findings.length > 0;
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('truncated screening_example.otio still gives the clips read before the cut, and a finding with its line', () => {
    const t = readFixtureText('interchange/otio-core/screening_example.otio');
    const cut = t.slice(0, t.indexOf('ZZ100_504B'));
    const r = readOtio(cut);
    const syntax = r.findings.find((f) => f.code === 'OTIO_JSON_SYNTAX')!;
    expect(syntax.where.line).toBe(cut.split('\n').length);
    expect(clips(r.value!.tracks[0]!.children).map((c) => c.name)).toEqual(['ZZ100_501 (LAY3)', 'ZZ100_502A (LAY3)', 'ZZ100_503A (LAY1)', 'ZZ100_504C (LAY1)', '']);
  });
});
