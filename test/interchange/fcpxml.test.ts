import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatTimecode,
  parseFcpxmlTime,
  readFcpxml,
  timelineDuration,
  writeFcpxml,
  type Clip,
  type FrameRate,
  type Marker,
  type Stack,
  type Timeline,
  type Track,
  type TrackItem,
} from '@picturelock/core';
import { describeFixtures, fixturePath, readFixtureText } from '@picturelock/test';

/**
 * Every FCPXML in ../shared/fixtures/interchange, with the facts CATALOG.md marks `T:`
 * (asserted upstream by OpenTimelineIO's FCPX adapter tests and swift-fcpxml's file tests).
 */

const DIR = 'interchange';

function read(rel: string): Timeline[] {
  const r = readFcpxml(readFixtureText(`${DIR}/${rel}`), { file: rel });
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(r.value).toBeDefined();
  return r.value!;
}

function one(rel: string): Timeline {
  return read(rel)[0]!;
}

function tc(frames: number, r: FrameRate): string {
  const t = formatTimecode(frames, r);
  if (!t.ok) throw new Error(t.error.message);
  return t.value;
}

/** Item names as OTIO's FCPX adapter lists them: transitions left out, a run of gaps is one unnamed gap. */
function otioNames(t: Track): string[] {
  const out: string[] = [];
  for (const c of t.children) {
    if (c.kind === 'transition') continue;
    if (c.kind === 'gap') {
      if (out[out.length - 1] !== '') out.push('');
      continue;
    }
    out.push(c.name);
  }
  return out;
}

/** Whole frames at `r` of an exact time (throws when it is off the grid: the test then says so). */
function frames(t: { value: number; rate: { num: number; den: number } }, r: { num: number; den: number }): number {
  const n = BigInt(t.value) * BigInt(t.rate.den) * BigInt(r.num);
  const d = BigInt(t.rate.num) * BigInt(r.den);
  if (n % d !== 0n) throw new Error(`${t.value}@${t.rate.num}/${t.rate.den} is not on the ${r.num}/${r.den} grid`);
  return Number(n / d);
}

/**
 * Each non-transition item of a track with its record start frame at `r`. Connected audio can
 * sit between frames (sample-accurate), so the start is the exact sum rounded to a frame.
 */
function placed(t: Track, r: FrameRate): { item: TrackItem; at: number }[] {
  const out: { item: TrackItem; at: number }[] = [];
  let n = 0n;
  let d = 1n;
  for (const c of t.children) {
    if (c.kind === 'transition') continue;
    // n/d is the start in seconds; frames = n/d * r.num/r.den, rounded half up.
    const fn = n * BigInt(r.num);
    const fd = d * BigInt(r.den);
    out.push({ item: c, at: Number((fn * 2n + fd) / (2n * fd)) });
    const dur = c.sourceRange!.duration;
    n = n * BigInt(dur.rate.num) + BigInt(dur.value) * BigInt(dur.rate.den) * d;
    d = d * BigInt(dur.rate.num);
  }
  return out;
}

/**
 * A marker's record frame: the owner's record start plus its offset into the owner, counted
 * in the owner's source frames (FCP plays conformed media frame for frame).
 */
function markerFrame(m: Marker, owner: Clip | Stack, at: number): number {
  const src = owner.sourceRange!.start;
  const offset = BigInt(m.markedRange.start.value) * BigInt(m.markedRange.start.rate.den) * BigInt(src.rate.num) - BigInt(src.value) * BigInt(src.rate.den) * BigInt(m.markedRange.start.rate.num);
  const d = BigInt(m.markedRange.start.rate.num) * BigInt(src.rate.den);
  // Rounded to the nearest frame of the owner's rate, then counted as record frames.
  return at + Number((offset * 2n + d) / (2n * d));
}

/** Markers on the main timeline: on every item of every top-level track (not inside compounds). */
function mainMarkers(tl: Timeline): { name: string; frame: number }[] {
  const out: { name: string; frame: number }[] = [];
  for (const t of tl.tracks) {
    for (const { item, at } of placed(t, tl.rate)) {
      if (item.kind === 'gap') {
        for (const m of item.markers) out.push({ name: m.name, frame: tl.globalStart.value + at + frames(m.markedRange.start, tl.rate) });
        continue;
      }
      if (item.kind !== 'clip' && item.kind !== 'stack') continue;
      for (const m of item.markers) out.push({ name: m.name, frame: tl.globalStart.value + markerFrame(m, item, at) });
    }
  }
  return out;
}

function deepMarkerCount(tracks: readonly Track[]): number {
  let n = 0;
  for (const t of tracks) {
    for (const c of t.children) {
      if (c.kind === 'transition') continue;
      n += c.markers.length;
      if (c.kind === 'stack') n += deepMarkerCount(c.children);
    }
  }
  return n;
}

function fcpxmlMeta(x: { metadata?: Readonly<Record<string, unknown>> }): Record<string, unknown> {
  return (x.metadata?.['fcpxml'] ?? {}) as Record<string, unknown>;
}

/** The model without metadata: what a round trip through our own writer must keep exactly. */
function withoutMetadata(tl: Timeline): unknown {
  return JSON.parse(JSON.stringify(tl, (k, v: unknown) => (k === 'metadata' ? undefined : v)));
}

function allFcpxmlFiles(): string[] {
  const root = fixturePath(DIR);
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(full).isDirectory()) {
        if (name.endsWith('.fcpxmld')) out.push(`${r}/Info.fcpxml`);
        else walk(full, r);
      } else if (name.endsWith('.fcpxml')) out.push(r);
    }
  };
  walk(root, '');
  return out;
}

describeFixtures('FCPXML corpus: every file reads, writes and reads back the same', () => {
  const files = allFcpxmlFiles();
  it('finds the 24 FCPXML files the catalog lists', () => {
    expect(files.length).toBe(24);
  });
  for (const rel of files) {
    it(`${rel}: read -> write -> read gives the same timeline, and a second write is byte-identical`, () => {
      for (const tl of read(rel)) {
        const w1 = writeFcpxml(tl);
        const again = readFcpxml(w1.text);
        expect(again.findings.filter((f) => f.severity !== 'info')).toEqual([]);
        const back = again.value![0]!;
        const expected = withoutMetadata(tl) as { tracks: unknown };
        const actual = withoutMetadata(back) as { tracks: unknown };
        expect(actual).toEqual(expected);
        expect(w1.findings).toEqual([]);
        expect(writeFcpxml(back).text).toBe(w1.text);
        expect(back.rate).toEqual(tl.rate);
        expect(back.globalStart).toEqual(tl.globalStart);
      }
    });
  }
});

describeFixtures('FCPXML 1.8 from OpenTimelineIO (otio-fcpx)', () => {
  const videoNames = [
    ['IMG_0715', '', 'compound_clip_1', 'IMG_0233', 'IMG_0687', 'IMG_0268', 'compound_clip_1'],
    ['', 'IMG_0513', '', 'IMG_0268', 'IMG_0740'],
    ['', 'IMG_0857'],
  ];
  it('fcpx_project: 3 video tracks and 1 audio track with the item names the OTIO test asserts', () => {
    const tl = one('otio-fcpx/fcpx_project.fcpxml');
    expect(tl.name).toBe('OpenTimeline_Project');
    expect(tl.tracks.map((t) => `${t.name}:${t.trackKind}`)).toEqual(['V1:video', 'V2:video', 'V3:video', 'A1:audio']);
    expect(tl.tracks.slice(0, 3).map(otioNames)).toEqual(videoNames);
    expect(tl.rate).toEqual({ num: 30, den: 1, dropFrame: false });
    // 3 ref-clips (compound clips) become Stacks; 3 transitions; 8 markers in all.
    const all = tl.tracks.flatMap((t) => t.children);
    expect(all.filter((c) => c.kind === 'stack').map((c) => c.name)).toEqual(['compound_clip_1', 'compound_clip_1', 'compound_clip_1']);
    expect(all.filter((c) => c.kind === 'transition')).toHaveLength(3);
    expect(deepMarkerCount(tl.tracks)).toBe(8);
    // Connected clip on lane 2 inside the gap at 60 s: offset 108137/30 s in the gap's local time (start 3600 s) = 64.5667 s = frame 1937.
    const v3 = placed(tl.tracks[2]!, tl.rate);
    expect(v3[1]).toMatchObject({ at: 1937, item: { name: 'IMG_0857' } });
    // To-do markers: Marker 5 incomplete (red), Marker 7 completed (green).
    const markers = all.flatMap((c) => (c.kind === 'transition' ? [] : c.markers));
    expect(markers.find((m) => m.name === 'Marker 5')?.color).toBe('red');
    expect(markers.find((m) => m.name === 'Marker 7')?.color).toBe('green');
  });

  it('fcpx_event: two projects; the first has the same tracks and names as fcpx_project', () => {
    const tls = read('otio-fcpx/fcpx_event.fcpxml');
    expect(tls.map((t) => t.name)).toEqual(['OpenTimeline_Project', 'OpenTimeline_Project 1']);
    expect(tls[0]!.tracks.map((t) => t.trackKind)).toEqual(['video', 'video', 'video', 'audio']);
    expect(tls[0]!.tracks.slice(0, 3).map(otioNames)).toEqual(videoNames);
  });

  it('fcpx_clips: no project, so the compound clip (80 s) is read as the timeline and the finding says so', () => {
    const r = readFcpxml(readFixtureText(`${DIR}/otio-fcpx/fcpx_clips.fcpxml`));
    expect(r.findings.map((f) => f.code)).toContain('FCPXML_PROJECT_MISSING');
    expect(r.value!.map((t) => t.name)).toEqual(['compound_clip_1']);
    expect(timelineDuration(r.value![0]!)).toMatchObject({ value: 2400, rate: { num: 30, den: 1 } });
  });
});

describeFixtures('FCPXML 1.9 to 1.13 from Final Cut Pro (swift-fcpxml)', () => {
  const rateFiles: [string, string, string, number, number, number][] = [
    // file, project, duration, story elements, main-timeline markers, deep markers
    ['24.fcpxml', '24_V1', '00:04:22:23', 17, 30, 36],
    ['29.97.fcpxml', '29.97_V1', '00:00:29:17', 7, 20, 26],
    ['50.fcpxml', '50_V1', '00:04:12:41', 16, 24, 27],
    ['59.94.fcpxml', '59.94_V1', '00:04:23:25', 17, 30, 36],
    ['25i.fcpxml', '25i_V1', '00:00:29:13', 7, 18, 24],
  ];
  for (const [file, project, duration, elements, main, deep] of rateFiles) {
    it(`${file}: project ${project}, duration ${duration}, ${elements} story elements, ${main} markers on the main timeline, ${deep} deep`, () => {
      const tl = one(`swift-fcpxml/${file}`);
      expect(tl.name).toBe(project);
      expect(tc(timelineDuration(tl).value, tl.rate)).toBe(duration);
      expect(tl.tracks[0]!.children).toHaveLength(elements);
      expect(mainMarkers(tl)).toHaveLength(main);
      expect(deepMarkerCount(tl.tracks)).toBe(deep);
    });
  }

  it('23.98.fcpxml: 23.976 stays 24000/1001 (never 23 fps), 8 elements, 12 markers on the main timeline', () => {
    const tl = one('swift-fcpxml/23.98.fcpxml');
    expect(fcpxmlMeta(tl)['version']).toBe('1.11');
    expect(tl.name).toBe('23.98_V1');
    expect(tl.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
    expect(tc(tl.globalStart.value, tl.rate)).toBe('00:00:00:00');
    expect(tc(timelineDuration(tl).value, tl.rate)).toBe('00:03:42:20');
    expect(tl.tracks[0]!.children).toHaveLength(8);
    // 13 deep counts the audition's inactive pick, which the model keeps by name only.
    expect(mainMarkers(tl)).toHaveLength(12);
    const chapter = tl.tracks.flatMap((t) => t.children).flatMap((c) => (c.kind === 'transition' ? [] : c.markers)).find((m) => m.name === 'Shot_08');
    expect(chapter?.color).toBe('orange');
    expect(fcpxmlMeta(chapter!)).toMatchObject({ kind: 'chapter', posterOffset: '11/24s' });
  });

  it('24With25Media.fcpxml: 25 fps media conformed into 24 fps; the markers land where FCP shows them', () => {
    const tl = one('swift-fcpxml/24With25Media.fcpxml');
    expect(tl.name).toBe('24With25Media');
    expect(tc(tl.globalStart.value, tl.rate)).toBe('01:00:00:00');
    expect(tc(timelineDuration(tl).value, tl.rate)).toBe('00:02:42:23');
    expect(tl.tracks[0]!.children).toHaveLength(4);
    expect(mainMarkers(tl).map((m) => `${m.name} ${tc(m.frame, tl.rate)}`)).toEqual(['Marker 1 01:00:10:01', 'Marker 2 01:02:09:17', 'Marker 3 01:02:28:18']);
    const clip = tl.tracks[0]!.children[1] as Clip;
    expect(clip.sourceRange.start).toEqual({ value: 684, rate: { num: 25, den: 1 } });
    expect(fcpxmlMeta(clip)['conformRate']).toEqual({ srcFrameRate: '25' });
  });

  it('BasicMarkers.fcpxml (1.9): the title starts at 00:10:00:00 local; standard, to-do and chapter markers at 00:50:29:14-:17', () => {
    const tl = one('swift-fcpxml/BasicMarkers.fcpxml');
    expect(fcpxmlMeta(tl)['version']).toBe('1.9');
    expect(tl.name).toBe('Test Project');
    expect(tc(timelineDuration(tl).value, tl.rate)).toBe('00:01:03:29');
    const title = tl.tracks[0]!.children[0] as Clip;
    expect(title.name).toBe('Basic Title');
    expect(title.media).toMatchObject({ kind: 'generator', generatorKind: 'title' });
    expect(tc(title.sourceRange.start.value, tl.rate)).toBe('00:10:00:00');
    expect(title.markers.map((m) => tc(m.markedRange.start.value, tl.rate))).toEqual(['01:00:29:14', '01:00:29:15', '01:00:29:16', '01:00:29:17']);
    expect(mainMarkers(tl).map((m) => tc(m.frame, tl.rate))).toEqual(['00:50:29:14', '00:50:29:15', '00:50:29:16', '00:50:29:17']);
    expect(title.markers.map((m) => m.color)).toEqual(['blue', 'red', 'green', 'orange']);
  });

  it('BasicMarkers_1HourProjectStart.fcpxml: tcStart 8648640000/2400000s is 01:00:00:00 at 29.97', () => {
    const tl = one('swift-fcpxml/BasicMarkers_1HourProjectStart.fcpxml');
    expect(tl.globalStart).toEqual({ value: 108000, rate: { num: 30000, den: 1001 } });
    expect(tc(timelineDuration(tl).value, tl.rate)).toBe('00:01:03:29');
    expect(tl.tracks[0]!.children).toHaveLength(1);
    expect(mainMarkers(tl)).toHaveLength(4);
  });

  it('CompoundClips.fcpxml: markers on the compound clips at 01:00:04:00 and 01:00:25:00, 6 deep, marker metadata kept', () => {
    const tl = one('swift-fcpxml/CompoundClips.fcpxml');
    expect(mainMarkers(tl).map((m) => `${m.name} ${tc(m.frame, tl.rate)}`)).toEqual([
      'Marker On Title Compound Clip in Main Timeline 01:00:04:00',
      'Marker On Clouds Compound Clip in Main Timeline 01:00:25:00',
    ]);
    expect(deepMarkerCount(tl.tracks)).toBe(6);
    // The marker's metadata context is its compound clip's own metadata (reel, scene, take, camera).
    const [first, second] = tl.tracks[0]!.children.filter((c) => c.kind === 'stack');
    expect(fcpxmlMeta(first!)['mediaMetadata']).toEqual([
      { key: 'com.apple.proapps.studio.reel', value: 'Title Compound Clip Reel' },
      { key: 'com.apple.proapps.studio.scene', value: 'Title Compound Clip Scene' },
      { key: 'com.apple.proapps.studio.shot', value: 'Title Compound Clip Take' },
      { key: 'com.apple.proapps.studio.angle', value: 'Title Compound Clip Camera Angle' },
      { key: 'com.apple.proapps.mio.cameraName', value: 'Title Compound Clip Camera Name' },
    ]);
    expect(fcpxmlMeta(second!)['mediaMetadata']).toBeUndefined();
  });

  it('DisabledClips.fcpxml: 4 markers with disabled clips, 2 (Marker 1, Marker 3) without', () => {
    const tl = one('swift-fcpxml/DisabledClips.fcpxml');
    const clips = tl.tracks.flatMap((t) => t.children).filter((c): c is Clip => c.kind === 'clip');
    expect(clips.flatMap((c) => c.markers.map((m) => m.name))).toEqual(['Marker 1', 'Marker 2', 'Marker 3', 'Marker 4']);
    expect(clips.filter((c) => c.enabled).flatMap((c) => c.markers.map((m) => m.name))).toEqual(['Marker 1', 'Marker 3']);
    expect(tl.rate).toEqual({ num: 24, den: 1, dropFrame: false });
  });

  it('AudioOnly.fcpxml: 10 markers; roles exactly {music.music-1, effects}; the storyline is an audio track', () => {
    const tl = one('swift-fcpxml/AudioOnly.fcpxml');
    expect(tl.name).toBe('Audio Only_01');
    expect(tl.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
    expect(deepMarkerCount(tl.tracks)).toBe(10);
    expect(fcpxmlMeta(tl)['roles']).toEqual(['audio:effects', 'audio:music.music-1']);
    expect(tl.tracks.map((t) => t.trackKind)).toEqual(['audio', 'audio']);
  });

  it('TransitionMarkers1.fcpxml (1.13): cross dissolves at 01:00:00:00, 01:00:09:12, 01:00:19:12, 01:00:29:00; titles at :00, :10, :20 with start 01:00:00:00', () => {
    const tl = one('swift-fcpxml/TransitionMarkers1.fcpxml');
    expect(fcpxmlMeta(tl)).toMatchObject({ version: '1.13', event: 'Test Event' });
    const v1 = tl.tracks[0]!;
    expect(v1.children).toHaveLength(7);
    const transitionsAt: string[] = [];
    const titlesAt: string[] = [];
    let at = tl.globalStart.value;
    for (const c of v1.children) {
      if (c.kind === 'transition') {
        transitionsAt.push(tc(at - c.inOffset.value, tl.rate));
        expect(c.inOffset.value + c.outOffset.value).toBe(24);
        continue;
      }
      titlesAt.push(tc(at, tl.rate));
      expect(tc(c.sourceRange!.start.value, tl.rate)).toBe('01:00:00:00');
      at += c.sourceRange!.duration.value;
    }
    expect(transitionsAt).toEqual(['01:00:00:00', '01:00:09:12', '01:00:19:12', '01:00:29:00']);
    expect(titlesAt).toEqual(['01:00:00:00', '01:00:10:00', '01:00:20:00']);
    // 11 markers: 3 on the titles, 8 inside the transitions (kept as written, in storyline time).
    const inTransitions = v1.children.flatMap((c) => (c.kind === 'transition' ? ((fcpxmlMeta(c)['markers'] ?? []) as Record<string, string>[]) : []));
    expect(deepMarkerCount(tl.tracks) + inTransitions.length).toBe(11);
    expect(inTransitions[0]).toMatchObject({ value: 'Marker 1', start: '3600s' });
  });

  it('MulticamMarkers.fcpxml: 2 mc-clips of 00:00:40:00 and 00:00:10:00 at 23.976, 2 markers on the main timeline', () => {
    const tl = one('swift-fcpxml/MulticamMarkers.fcpxml');
    const v1 = tl.tracks[0]!.children;
    expect(v1.map((c) => c.kind)).toEqual(['stack', 'stack']);
    expect(v1.map((c) => tc(c.kind === 'stack' ? c.sourceRange!.duration.value : 0, tl.rate))).toEqual(['00:00:40:00', '00:00:10:00']);
    expect(mainMarkers(tl)).toHaveLength(2);
    expect(fcpxmlMeta(v1[0]!)).toMatchObject({ element: 'mc-clip', angles: 5 });
  });

  it('SyncClip.fcpxml: one sync-clip at 01:00:00:00 for 00:00:29:13; its marker at 01:00:10:00; the video marker inside at 01:00:27:10', () => {
    const tl = one('swift-fcpxml/SyncClip.fcpxml');
    expect(fcpxmlMeta(tl)['event']).toBe('TestEvent');
    const sync = tl.tracks[0]!.children[0] as Stack;
    expect(sync.name).toBe('TestVideo - Synchronized Clip');
    expect(tc(tl.globalStart.value, tl.rate)).toBe('01:00:00:00');
    expect(tc(sync.sourceRange!.duration.value, tl.rate)).toBe('00:00:29:13');
    expect(mainMarkers(tl).map((m) => `${m.name} ${tc(m.frame, tl.rate)}`)).toEqual(['Marker on Sync Clip 01:00:10:00']);
    const video = sync.children[0]!.children[0] as Clip;
    expect(`${video.markers[0]!.name} ${tc(tl.globalStart.value + markerFrame(video.markers[0]!, video, 0), tl.rate)}`).toBe('Marker on TestVideo 01:00:27:10');
    expect(deepMarkerCount(tl.tracks)).toBe(3);
  });

  it('Annotations.fcpxml: format, asset and keyword facts; the 2 captions are reported as not read', () => {
    const r = readFcpxml(readFixtureText(`${DIR}/swift-fcpxml/Annotations.fcpxml`));
    const tl = r.value![0]!;
    expect(fcpxmlMeta(tl)['format']).toMatchObject({ id: 'r1', name: 'FFVideoFormat1080p25', frameDuration: '100/2500s', width: '1920', height: '1080' });
    expect(tl.name).toBe('Annotations');
    expect(tc(tl.globalStart.value, tl.rate)).toBe('01:00:00:00');
    expect(tc(timelineDuration(tl).value, tl.rate)).toBe('00:00:29:13');
    const clip = tl.tracks[0]!.children[0] as Clip;
    expect(clip.media).toMatchObject({ kind: 'external', name: 'TestVideo', availableRange: { duration: { value: 738, rate: { num: 25, den: 1 } } } });
    expect(clip.media.kind === 'external' && clip.media.url.endsWith('/Original%20Media/TestVideo.m4v')).toBe(true);
    expect(fcpxmlMeta(clip.media)).toMatchObject({ audioRate: '44100', audioChannels: '2' });
    expect(clip.markers.map((m) => m.markedRange.duration)).toEqual([1, 1, 1].map((value) => ({ value, rate: { num: 25, den: 1 } })));
    const keywords = fcpxmlMeta(clip)['keywords'] as { duration: string }[];
    expect(keywords.map((k) => {
      const p = parseFcpxmlTime(k.duration);
      return p.ok ? tc(Number((p.value.n * 25n) / p.value.d), tl.rate) : 'bad';
    })).toEqual(['00:00:29:13', '00:00:08:11']);
    expect(r.findings.find((f) => f.code === 'FCPXML_ELEMENT_NOT_READ')?.params).toEqual({ timeline: 'Annotations', element: 'caption', count: 2 });
  });

  it('AuditionMarkers.fcpxml: the active pick of 00:00:10:00 at 29.97 with its 1 marker; the alternative is a finding', () => {
    const r = readFcpxml(readFixtureText(`${DIR}/swift-fcpxml/AuditionMarkers.fcpxml`));
    const tl = r.value![0]!;
    const pick = tl.tracks[0]!.children[0] as Clip;
    expect(tc(pick.sourceRange.duration.value, tl.rate)).toBe('00:00:10:00');
    expect(pick.markers).toHaveLength(1);
    expect(r.findings.map((f) => f.code)).toEqual(['FCPXML_AUDITION_ALTERNATIVES']);
  });
});

describeFixtures('FCPXML 1.13 from Final Cut Pro 11 (openfcpxmlkit)', () => {
  it('CutSample: 29.97 NDF, duration 4438434/30000 s, 4 clips, 3 conform-rates, edit points between them', () => {
    const tl = one('openfcpxmlkit/CutSample.fcpxml');
    expect(fcpxmlMeta(tl)['version']).toBe('1.13');
    expect(tl.name).toBe('Cut-Sample');
    expect(tl.rate).toEqual({ num: 30000, den: 1001, dropFrame: false });
    // 4438434/30000 s / (1001/30000 s) = 4434 frames.
    expect(timelineDuration(tl).value).toBe(4434);
    const clips = tl.tracks[0]!.children.filter((c): c is Clip => c.kind === 'clip');
    expect(clips.map((c) => c.name)).toEqual(['Mojave desert sunrise_LYNDA_61316', 'meditate', 'meditate', 'meditate']);
    expect(clips.filter((c) => fcpxmlMeta(c)['conformRate'] !== undefined)).toHaveLength(3);
    expect(placed(tl.tracks[0]!, tl.rate).map((p) => p.at)).toEqual([0, 916, 1589, 3219]);
  });

  it('CaptionSample: 23.976, 2546544/24000 s, the 45 captions reported as not read', () => {
    const r = readFcpxml(readFixtureText(`${DIR}/openfcpxmlkit/CaptionSample.fcpxml`));
    const tl = r.value![0]!;
    expect(tl.name).toBe('Subtitle-Sample');
    expect(timelineDuration(tl).value).toBe(2544);
    expect(r.findings.find((f) => f.code === 'FCPXML_ELEMENT_NOT_READ')?.params).toMatchObject({ element: 'caption', count: 45 });
  });

  it('MulticamSampleWithCuts: 7 mc-clips as Stacks of their active video angle', () => {
    const tl = one('openfcpxmlkit/MulticamSampleWithCuts.fcpxml');
    expect(tl.name).toBe('Multicam Sample With Cuts');
    expect(tl.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
    const mc = tl.tracks.flatMap((t) => t.children).filter((c) => c.kind === 'stack' && fcpxmlMeta(c)['element'] === 'mc-clip');
    expect(mc).toHaveLength(7);
    expect(fcpxmlMeta(mc[0]!)).toMatchObject({ videoAngle: 'Day2_InterviewOwners_02_A', audioAngle: '4CH001I' });
  });

  it('ImageSample: the still asset has duration 0, video and no audio', () => {
    const tl = one('openfcpxmlkit/ImageSample.fcpxml');
    expect(tl.name).toBe('Image Sample');
    const still = tl.tracks[0]!.children.find((c): c is Clip => c.kind === 'clip')!;
    expect(still.media.kind).toBe('external');
    expect(still.media.availableRange?.duration.value).toBe(0);
    expect(fcpxmlMeta(still.media)).toMatchObject({ hasVideo: '1' });
    expect(fcpxmlMeta(still.media)['hasAudio']).toBeUndefined();
  });
});

describeFixtures('FCPXML fuzzing: mutated corpus files never throw and always answer', () => {
  const sources = ['otio-fcpx/fcpx_project.fcpxml', 'swift-fcpxml/24.fcpxml', 'swift-fcpxml/SyncClip.fcpxml'].map((f) => readFixtureText(`${DIR}/${f}`));
  it('truncations, flipped characters, duplicated or shuffled lines and huge numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sources.length - 1 }),
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
            fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), ch: fc.constantFrom('<', '>', '"', '/', '0', 's', '&', '-', ' ') }),
            fc.record({ kind: fc.constant('dup' as const), at: fc.nat() }),
            fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
            fc.record({ kind: fc.constant('huge' as const), at: fc.nat() }),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (which, edits) => {
          let text = sources[which]!;
          for (const e of edits) {
            if (e.kind === 'cut') text = text.slice(0, e.at % (text.length + 1));
            else if (e.kind === 'flip' && text.length > 0) {
              const i = e.at % text.length;
              text = text.slice(0, i) + e.ch + text.slice(i + 1);
            } else if (e.kind === 'dup' || e.kind === 'swap') {
              const lines = text.split('>');
              if (lines.length === 0) continue;
              if (e.kind === 'dup') {
                const i = e.at % lines.length;
                lines.splice(i, 0, lines[i]!);
              } else {
                const i = e.a % lines.length;
                const j = e.b % lines.length;
                [lines[i], lines[j]] = [lines[j]!, lines[i]!];
              }
              text = lines.join('>');
            } else if (e.kind === 'huge') {
              const i = text.indexOf('s"', e.at % (text.length + 1));
              if (i > 0) text = `${text.slice(0, i)}99999999999999999999999999/7${text.slice(i)}`;
            }
          }
          const r = readFcpxml(text);
          expect(r.value !== undefined || r.findings.length > 0).toBe(true);
          for (const tl of r.value ?? []) writeFcpxml(tl);
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
