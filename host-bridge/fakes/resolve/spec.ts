import {
  consumedSourceRange,
  formatTimecode,
  isDropFrameCapable,
  rangesInTrack,
  rescaledTo,
  writeEdl,
  type Clip,
  type FrameRate,
  type Timeline,
} from '@picturelock/core';

/**
 * A Resolve project as Resolve's scripting API shows it, as plain JSON: the one description
 * both fakes load (the TypeScript fake in-process, and the Python `DaVinciResolveScript`
 * fake the bridge test runs under python3). Every number here is in Resolve's own spaces:
 *
 * - item `start`/`end`: absolute timeline frames (a 01:00:00;00 timeline at 29.97 DF starts at
 *   107892), `end` exclusive, so `GetDuration() == end - start`;
 * - `sourceStart`/`sourceEndInclusive`: frame indexes into the media file (0 = its first
 *   frame, as the clip property `Start` "0" counts), the end being the LAST frame used. The
 *   clip properties dump in the host doc (Start "0", End "1204", Frames "1205") shows
 *   Resolve's frame ends as inclusive; the adapter treats `GetSourceEndFrame()` the same way;
 * - markers: keyed by frame offset from the timeline start (not absolute), as `GetMarkers()` does.
 */

export interface FakeResolveItemSpec {
  readonly name: string;
  readonly uniqueId: string;
  readonly start: number;
  readonly end: number;
  readonly sourceStart: number;
  readonly sourceEndInclusive: number;
  readonly enabled: boolean;
  /** Key into `mediaPool`. */
  readonly media: string;
}

export interface FakeResolveMarkerSpec {
  readonly color: string;
  readonly duration: number;
  readonly note: string;
  readonly name: string;
  readonly customData: string;
}

export interface FakeResolveTimelineSpec {
  readonly name: string;
  readonly uniqueId: string;
  readonly startFrame: number;
  readonly startTimecode: string;
  /** `timelineFrameRate` as Resolve writes it ("29.97", "24"). */
  readonly frameRate: string;
  /** `timelineDropFrameTimecode`: "1" or "0". */
  readonly dropFrame: string;
  readonly video: readonly (readonly FakeResolveItemSpec[])[];
  readonly audio: readonly (readonly FakeResolveItemSpec[])[];
  readonly markers: Readonly<Record<string, FakeResolveMarkerSpec>>;
  /** What `Timeline.Export(path, EXPORT_EDL, EXPORT_NONE)` writes. */
  readonly edl: string;
}

export interface FakeResolvePresetSpec {
  readonly name: string;
  /** Every render setting the preset carries; a loaded preset's values stay unless set afterwards. */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  readonly extension: string;
}

export interface FakeResolveJobSpec {
  readonly jobId: string;
  readonly name: string;
  readonly timelineName: string;
  readonly status: 'Ready' | 'Rendering' | 'Complete' | 'Failed' | 'Cancelled';
  readonly targetDir: string;
  readonly outputFilename: string;
}

export interface FakeResolveSpec {
  readonly productName: string;
  /** `GetVersion()`: [major, minor, patch, build, suffix]. */
  readonly version: readonly [number, number, number, number, string];
  readonly projectName: string;
  readonly timelines: readonly FakeResolveTimelineSpec[];
  /** 1-based index of the current timeline; 0 = none open. */
  readonly currentTimeline: number;
  readonly mediaPool: Readonly<Record<string, { readonly name: string; readonly properties: Readonly<Record<string, string | number>> }>>;
  readonly presets: readonly FakeResolvePresetSpec[];
  /** Jobs someone else put in the shared render queue. */
  readonly otherJobs: readonly FakeResolveJobSpec[];
}

function baseName(url: string): string {
  const path = url.replace(/^file:\/\/(localhost)?/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

function filePath(url: string): string {
  return decodeURIComponent(url.replace(/^file:\/\/(localhost)?/, ''));
}

/** Resolve's `FPS` clip property: a float (29.97, 23.976, 25.0). */
function fpsFloat(r: { num: number; den: number }): number {
  return Math.round((r.num / r.den) * 1000) / 1000;
}

/**
 * The Resolve project a core timeline becomes when Resolve conforms it: the reference cut
 * for the contract, or a generated 2,000-clip cut for the bench.
 */
export function fakeResolveSpecFromTimeline(tl: Timeline, options: { uniqueId?: string; extraTimelines?: readonly string[] } = {}): FakeResolveSpec {
  const r = tl.rate;
  const startFrame = rescaledTo(tl.globalStart, r, 'round');
  const mediaPool: Record<string, { name: string; properties: Record<string, string | number> }> = {};
  const mediaKeys = new Map<string, string>();
  const video: FakeResolveItemSpec[][] = [];
  const audio: FakeResolveItemSpec[][] = [];
  let itemNo = 0;

  const mediaFor = (c: Clip, audioOnly: boolean): { key: string; start: number } => {
    const url = c.media.kind === 'external' ? c.media.url : (c.media.name ?? c.name);
    const avail = c.media.availableRange;
    const srcRate = c.sourceRange.start.rate;
    const start = avail ? rescaledTo(avail.start, srcRate, 'round') : 0;
    const id = `${url}|${c.reel ?? ''}`;
    let key = mediaKeys.get(id);
    if (!key) {
      key = `mpi-${mediaKeys.size + 1}`;
      mediaKeys.set(id, key);
      const dfMeta = (c.media.metadata as { dropFrame?: unknown } | undefined)?.dropFrame;
      const df = isDropFrameCapable(srcRate) && (typeof dfMeta === 'boolean' ? dfMeta : r.dropFrame);
      const srcFrameRate: FrameRate = { ...srcRate, dropFrame: df };
      const tc = formatTimecode(start, srcFrameRate, { wrap24h: true });
      const frames = avail ? rescaledTo(avail.duration, srcRate, 'round') : 0;
      mediaPool[key] = {
        name: baseName(url),
        properties: {
          'Clip Name': baseName(url),
          'File Name': c.sourceFile ?? baseName(url),
          'File Path': filePath(url),
          'Reel Name': c.reel ?? '',
          'Start TC': tc.ok ? tc.value : '00:00:00:00',
          // Audio-only files report FPS 24 whatever the timeline (host doc section 8.3).
          FPS: audioOnly ? 24.0 : fpsFloat(srcRate),
          'Drop frame': df ? '1' : '0',
          Start: '0',
          End: String(Math.max(0, frames - 1)),
          Frames: String(frames),
          Type: audioOnly ? 'Audio' : 'Video + Audio',
          Resolution: audioOnly ? '' : '1920x1080',
        },
      };
    }
    return { key, start };
  };

  for (const t of tl.tracks) {
    const items: FakeResolveItemSpec[] = [];
    const ranges = rangesInTrack(t, r);
    t.children.forEach((child, i) => {
      if (child.kind !== 'clip') return;
      const rr = ranges[i]!;
      const media = mediaFor(child, t.trackKind === 'audio');
      const used = consumedSourceRange(child);
      items.push({
        name: child.name,
        uniqueId: `ti-${++itemNo}`,
        start: startFrame + rr.start.value,
        end: startFrame + rr.start.value + rr.duration.value,
        sourceStart: used.start.value - media.start,
        sourceEndInclusive: used.start.value + used.duration.value - 1 - media.start,
        enabled: child.enabled,
        media: media.key,
      });
    });
    (t.trackKind === 'video' ? video : audio).push(items);
  }

  const startTc = formatTimecode(startFrame, r, { wrap24h: true });
  const main: FakeResolveTimelineSpec = {
    name: tl.name,
    uniqueId: options.uniqueId ?? 'a1f2c3d4-0000-4000-8000-00000000tl01',
    startFrame,
    startTimecode: startTc.ok ? startTc.value : '00:00:00:00',
    frameRate: String(fpsFloat(r)),
    dropFrame: r.dropFrame ? '1' : '0',
    video,
    audio,
    markers: {},
    edl: writeEdl(tl, { dialect: 'resolve' }).text,
  };
  const extras: FakeResolveTimelineSpec[] = (options.extraTimelines ?? []).map((name, i) => ({
    name,
    uniqueId: `a1f2c3d4-0000-4000-8000-00000000tl${String(i + 2).padStart(2, '0')}`,
    startFrame: 86400,
    startTimecode: '01:00:00:00',
    frameRate: '24',
    dropFrame: '0',
    video: [[]],
    audio: [[]],
    markers: {},
    edl: 'TITLE: empty\nFCM: NON-DROP FRAME\n',
  }));
  return {
    productName: 'DaVinci Resolve Studio',
    version: [19, 1, 4, 11, ''],
    projectName: 'PL Contract',
    timelines: [...extras, main],
    currentTimeline: extras.length + 1,
    mediaPool,
    presets: [
      {
        name: 'H.264 Master',
        extension: 'mp4',
        settings: { TargetDir: '/Volumes/Renders/preset-default', CustomName: 'preset-name', SelectAllFrames: true, MarkIn: 0, MarkOut: 0, ExportVideo: true, ExportAudio: true, FormatWidth: 1920, FormatHeight: 1080, VideoQuality: 'Best' },
      },
      {
        name: 'ProRes 422 HQ',
        extension: 'mov',
        settings: { TargetDir: '/Volumes/Renders/prores', CustomName: 'prores', SelectAllFrames: true, MarkIn: 0, MarkOut: 0, ExportVideo: true, ExportAudio: true, FormatWidth: 1920, FormatHeight: 1080 },
      },
    ],
    otherJobs: [{ jobId: 'foreign-job-0001', name: 'Client review (colourist)', timelineName: 'GRADE_v12', status: 'Ready', targetDir: '/Volumes/Renders/review', outputFilename: 'GRADE_v12_review.mov' }],
  };
}
