import {
  finding,
  formatTimecode,
  isDropFrameCapable,
  nearestStandardRate,
  parseFrameRate,
  parseTimecode,
  range,
  rangesInTrack,
  readEdl,
  rescaledTo,
  rt,
  clip as buildClip,
  gap as buildGap,
  timeline as buildTimeline,
  track as buildTrack,
  transition as buildTransition,
  type Effect,
  type Finding,
  type FrameRate,
  type MarkerColor,
  type MediaRecord,
  type Rate,
  type Ratio,
  type Timeline,
  type TrackItem,
  type TrackKind,
} from '@picturelock/core';
import {
  hostErr,
  hostOk,
  type Host,
  type HostCapabilities,
  type HostError,
  type HostErrorCode,
  type HostExportFormat,
  type HostInfo,
  type HostMarker,
  type HostResult,
  type HostTimeline,
  type RenderJobSpec,
  type RenderJobState,
  type RenderJobStatus,
  type RenderPreset,
  type TimelineRef,
} from '../host.ts';
import { isResolveHandle, ResolveTransportError, type ResolveCall, type ResolveHandle, type ResolveTransport, type ResolveValue } from './api.ts';

/**
 * The Resolve adapter: one implementation of `Host` over Resolve's scripting object graph,
 * reached through a `ResolveTransport` (the Workflow Integration object in the panel, the
 * Python bridge from the CLI). Quirks it honours, from docs/hosts/resolve.md:
 *
 * - timeline item positions are absolute frames (`GetStartFrame()` is 107892 for a
 *   01:00:00;00 29.97 DF timeline); the Host interface counts from the timeline start, so the
 *   start frame is subtracted exactly once, here. Marker frame ids are already offsets.
 * - track, timeline indices are 1-based;
 * - failures come back as `None`/`False`/`''`/`{}` and are mapped to typed errors;
 * - the API gives neither clip speed nor transitions: the timeline is exported as an EDL
 *   through `Timeline.Export` and read with core's `readEdl`, speeds and dissolves are taken
 *   from it and a HOST_SPEED_FROM_EDL finding says so;
 * - `GetSourceEndFrame()` is the last source frame used (inclusive), like the `End` clip property;
 * - render settings inherit the loaded preset: after `AddRenderJob` the job list is read back
 *   and compared with what was set; a mismatch removes the job and is a finding;
 * - render status only by polling `GetRenderJobStatus`; `StopRendering()` stops every job
 *   in the shared queue, so cancelling a running job is refused when others are rendering.
 */

/** Files the adapter needs for the EDL it has Resolve export (Node in the panel's Electron and the CLI). */
export interface ResolveFiles {
  /** A fresh path, in a temporary folder, for a file with this extension. */
  tempPath(extension: string): string;
  readText(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
  remove(path: string): Promise<void>;
}

export interface ResolveHostOptions {
  /** Without it, speeds are derived from source frames and transitions are missing (a finding says so). */
  readonly files?: ResolveFiles;
}

export interface ResolveHost extends Host {
  /** Findings from render queueing (preset-inherited settings that did not take), oldest first. */
  renderFindings(): readonly Finding[];
}

/** Resolve's 16 marker colours (host doc section 3) and the core colour each reads back as. */
const RESOLVE_TO_CORE: Readonly<Record<string, MarkerColor>> = {
  Blue: 'blue',
  Cyan: 'cyan',
  Green: 'green',
  Yellow: 'yellow',
  Red: 'red',
  Pink: 'pink',
  Purple: 'purple',
  Fuchsia: 'magenta',
  Rose: 'pink',
  Lavender: 'purple',
  Sky: 'cyan',
  Mint: 'green',
  Lemon: 'yellow',
  Sand: 'orange',
  Cocoa: 'black',
  Cream: 'white',
};

/** The Resolve colour each core colour is written as; each reads back as itself. */
const CORE_TO_RESOLVE: Readonly<Record<MarkerColor, string>> = {
  red: 'Red',
  pink: 'Pink',
  orange: 'Sand',
  yellow: 'Yellow',
  green: 'Green',
  cyan: 'Cyan',
  blue: 'Blue',
  purple: 'Purple',
  magenta: 'Fuchsia',
  black: 'Cocoa',
  white: 'Cream',
};

const EXPORT_TYPES: Readonly<Record<HostExportFormat, { type: string; subtype?: string; extension: string }>> = {
  edl: { type: 'EXPORT_EDL', subtype: 'EXPORT_NONE', extension: 'edl' },
  fcp7xml: { type: 'EXPORT_FCP_7_XML', extension: 'xml' },
  fcpxml: { type: 'EXPORT_FCPXML_1_10', extension: 'fcpxml' },
  otio: { type: 'EXPORT_OTIO', extension: 'otio' },
  aaf: { type: 'EXPORT_AAF', subtype: 'EXPORT_AAF_NEW', extension: 'aaf' },
};

/** Thrown inside the adapter and turned into a result at the public boundary. */
class Fail extends Error {
  constructor(readonly error: HostError) {
    super(error.message);
  }
}

function fail(code: HostErrorCode, message: string, detail?: string): never {
  throw new Fail({ code, message, host: 'resolve', ...(detail !== undefined ? { detail } : {}) });
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x || 1;
}

function reduced(num: number, den: number): Ratio {
  const g = gcd(num, den);
  const sign = den < 0 ? -1 : 1;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

function str(v: ResolveValue | undefined): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function int(v: ResolveValue | undefined, what: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v);
  if (typeof v === 'string' && /^-?\d+(\.0+)?$/.test(v.trim())) return Math.round(Number(v));
  return fail('BAD_RESPONSE', `Resolve answered ${JSON.stringify(v)} for ${what}, not a frame number`);
}

function dict(v: ResolveValue | undefined): Readonly<Record<string, ResolveValue>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isResolveHandle(v) ? (v as Record<string, ResolveValue>) : {};
}

function list(v: ResolveValue | undefined): readonly ResolveValue[] {
  return Array.isArray(v) ? (v as readonly ResolveValue[]) : [];
}

function joinPath(folder: string, name: string): string {
  if (!folder) return name;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

function statusOf(jobStatus: string): RenderJobState | undefined {
  switch (jobStatus) {
    case 'Ready':
      return 'queued';
    case 'Rendering':
      return 'running';
    case 'Complete':
      return 'completed';
    case 'Failed':
      return 'failed';
    case 'Cancelled':
      return 'cancelled';
    default:
      return undefined;
  }
}

interface RawItem {
  readonly name: string;
  /** Record frames from the timeline start, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly sourceStart: number;
  readonly sourceEndInclusive: number;
  readonly enabled: boolean;
  readonly props: Readonly<Record<string, ResolveValue>>;
}

interface OurJob {
  readonly jobId: string;
  readonly hostJobId: string;
  readonly outputPath: string;
  cancelled: boolean;
}

export function createResolveHost(transport: ResolveTransport, options: ResolveHostOptions = {}): ResolveHost {
  const jobs = new Map<string, OurJob>();
  const renderFindings: Finding[] = [];

  const call = async (target: ResolveHandle, method: string, args: readonly ResolveValue[] = []): Promise<ResolveValue> => transport.call(target, method, args);

  const guard = async <T>(what: string, body: () => Promise<T>): Promise<HostResult<T>> => {
    try {
      return hostOk(await body());
    } catch (e) {
      if (e instanceof Fail) return { ok: false, error: e.error };
      if (e instanceof ResolveTransportError) {
        const code: HostErrorCode = e.kind === 'timeout' ? 'TIMEOUT' : e.kind === 'unavailable' ? 'HOST_NOT_READY' : e.kind === 'protocol' ? 'BAD_RESPONSE' : 'HOST_CALL_FAILED';
        return hostErr('resolve', code, `${what}: the call to Resolve failed`, e.message);
      }
      throw e;
    }
  };

  const root = async (): Promise<ResolveHandle> => {
    const r = await transport.root();
    if (!r) return fail('HOST_NOT_READY', 'Resolve is not reachable: start DaVinci Resolve (Studio for external scripting) and set Preferences > System > General > External scripting using: Local');
    return r;
  };

  const project = async (): Promise<{ resolve: ResolveHandle; project: ResolveHandle }> => {
    const resolve = await root();
    const pm = await call(resolve, 'GetProjectManager');
    if (!isResolveHandle(pm)) return fail('HOST_NOT_READY', 'Resolve has no project manager yet; wait for Resolve to finish starting');
    const p = await call(pm, 'GetCurrentProject');
    if (!isResolveHandle(p)) return fail('NO_ACTIVE_TIMELINE', 'No project is open in Resolve; open one in the Project Manager');
    return { resolve, project: p };
  };

  const refOf = async (tl: ResolveHandle): Promise<TimelineRef> => {
    const [id, name] = await transport.callAll([
      { target: tl, method: 'GetUniqueId' },
      { target: tl, method: 'GetName' },
    ]);
    const uid = str(id);
    if (!uid) return fail('BAD_RESPONSE', 'Resolve gave a timeline without a unique id (GetUniqueId needs Resolve 18.5 or later)');
    return { id: uid, name: str(name) };
  };

  const allTimelines = async (p: ResolveHandle): Promise<{ handle: ResolveHandle; ref: TimelineRef }[]> => {
    const count = int(await call(p, 'GetTimelineCount'), 'GetTimelineCount');
    // Timeline indices are 1-based: GetTimelineByIndex(0) is None.
    const handles = await transport.callAll(Array.from({ length: count }, (_, i) => ({ target: p, method: 'GetTimelineByIndex', args: [i + 1] })));
    const tls = handles.filter(isResolveHandle);
    const ids = await transport.callAll(tls.flatMap((t) => [{ target: t, method: 'GetUniqueId' }, { target: t, method: 'GetName' }] as ResolveCall[]));
    return tls.map((handle, i) => ({ handle, ref: { id: str(ids[2 * i]), name: str(ids[2 * i + 1]) } }));
  };

  const timelineById = async (p: ResolveHandle, id: string | undefined): Promise<{ handle: ResolveHandle; ref: TimelineRef }> => {
    if (id === undefined) {
      const cur = await call(p, 'GetCurrentTimeline');
      if (!isResolveHandle(cur)) return fail('NO_ACTIVE_TIMELINE', 'No timeline is open in Resolve; open one on the Edit page');
      return { handle: cur, ref: await refOf(cur) };
    }
    const found = (await allTimelines(p)).find((t) => t.ref.id === id);
    if (!found) return fail('TIMELINE_NOT_FOUND', `The current Resolve project has no timeline with id ${id}`);
    return found;
  };

  const timelineRate = async (tl: ResolveHandle): Promise<{ rate: FrameRate; startFrame: number; name: string }> => {
    const [name, startFrame, startTc, fps, df] = await transport.callAll([
      { target: tl, method: 'GetName' },
      { target: tl, method: 'GetStartFrame' },
      { target: tl, method: 'GetStartTimecode' },
      { target: tl, method: 'GetSetting', args: ['timelineFrameRate'] },
      { target: tl, method: 'GetSetting', args: ['timelineDropFrameTimecode'] },
    ]);
    const fpsText = str(fps).trim();
    // Drop frame: the timeline setting "1"/"0"; a project-style "29.97 DF" rate string; else the `;` in the start timecode.
    const dropFrame = /\bDF$/i.test(fpsText) || str(df) === '1' || (str(df) === '' && str(startTc).includes(';'));
    const parsed = parseFrameRate(`${fpsText.replace(/\s*N?DF$/i, '')}${dropFrame ? ' DF' : ''}`);
    if (!parsed.ok) return fail('BAD_RESPONSE', `Resolve gave the timeline rate as "${fpsText}", which is not a frame rate`, parsed.error);
    return { rate: parsed.value, startFrame: int(startFrame, 'GetStartFrame'), name: str(name) };
  };

  const constant = async (resolve: ResolveHandle, name: string): Promise<ResolveValue> => {
    const v = await transport.attribute(resolve, name);
    if (v === null) return fail('NOT_SUPPORTED', `This Resolve version has no ${name}`);
    return v;
  };

  /** Has Resolve write the timeline as an EDL and reads it back; undefined (and a finding) when it cannot. */
  const exportedEdl = async (resolve: ResolveHandle, tl: ResolveHandle, name: string, rate: FrameRate, findings: Finding[]): Promise<Timeline | undefined> => {
    const files = options.files;
    if (!files) {
      findings.push(finding('HOST_EDL_EXPORT_FAILED', { timeline: name, detail: 'no file access was given to the adapter' }, { where: { timeline: name } }));
      return undefined;
    }
    const path = files.tempPath('edl');
    try {
      const [type, subtype] = await Promise.all([constant(resolve, 'EXPORT_EDL'), constant(resolve, 'EXPORT_NONE')]);
      const done = await call(tl, 'Export', [path, type, subtype]);
      if (done !== true) {
        findings.push(finding('HOST_EDL_EXPORT_FAILED', { timeline: name, detail: `Timeline.Export answered ${JSON.stringify(done)}` }, { where: { timeline: name } }));
        return undefined;
      }
      const read = readEdl(await files.readText(path), { rate, file: path, name });
      return read.value;
    } catch (e) {
      if (e instanceof Fail) {
        findings.push(finding('HOST_EDL_EXPORT_FAILED', { timeline: name, detail: e.error.message }, { where: { timeline: name } }));
        return undefined;
      }
      throw e;
    } finally {
      if (await files.exists(path)) await files.remove(path);
    }
  };

  const readTimeline = async (id?: string): Promise<HostTimeline> => {
    const { resolve, project: p } = await project();
    const { handle: tl, ref } = await timelineById(p, id);
    const { rate, startFrame, name } = await timelineRate(tl);
    const findings: Finding[] = [];

    const [videoCount, audioCount] = await transport.callAll([
      { target: tl, method: 'GetTrackCount', args: ['video'] },
      { target: tl, method: 'GetTrackCount', args: ['audio'] },
    ]);
    const trackKeys: { kind: TrackKind; index: number }[] = [
      ...Array.from({ length: int(videoCount, 'GetTrackCount') }, (_, i) => ({ kind: 'video' as const, index: i + 1 })),
      ...Array.from({ length: int(audioCount, 'GetTrackCount') }, (_, i) => ({ kind: 'audio' as const, index: i + 1 })),
    ];
    const lists = await transport.callAll(trackKeys.map((k) => ({ target: tl, method: 'GetItemListInTrack', args: [k.kind, k.index] })));
    const handles = lists.map((l) => list(l).filter(isResolveHandle));

    // Seven calls an item, in one batch for the whole timeline.
    const PER_ITEM = ['GetName', 'GetStart', 'GetEnd', 'GetSourceStartFrame', 'GetSourceEndFrame', 'GetClipEnabled', 'GetMediaPoolItem'] as const;
    const flat = handles.flat();
    const answers = await transport.callAll(flat.flatMap((h) => PER_ITEM.map((method) => ({ target: h, method }))));
    const mpis = flat.map((_, i) => answers[i * PER_ITEM.length + 6]);
    // One GetClipProperty() (all properties as a dict) per item with media; the same object answers once.
    const seen = new Map<string, number>();
    const propCalls: ResolveCall[] = [];
    for (const m of mpis) {
      if (isResolveHandle(m) && !seen.has(m.$handle)) {
        seen.set(m.$handle, propCalls.length);
        propCalls.push({ target: m, method: 'GetClipProperty' });
      }
    }
    const props = await transport.callAll(propCalls);

    let k = 0;
    const raw: RawItem[][] = handles.map((hs) =>
      hs.map(() => {
        const a = answers.slice(k * PER_ITEM.length, (k + 1) * PER_ITEM.length);
        const m = mpis[k];
        k++;
        return {
          name: str(a[0]),
          start: int(a[1], 'TimelineItem.GetStart') - startFrame,
          end: int(a[2], 'TimelineItem.GetEnd') - startFrame,
          sourceStart: int(a[3], 'GetSourceStartFrame'),
          sourceEndInclusive: int(a[4], 'GetSourceEndFrame'),
          enabled: a[5] !== false,
          props: isResolveHandle(m) ? dict(props[seen.get(m.$handle)!]) : {},
        };
      }),
    );

    const edl = await exportedEdl(resolve, tl, name, rate, findings);
    const media = new Map<string, MediaRecord>();
    let speedsFromEdl = 0;
    let transitionsFromEdl = 0;

    const tracks = trackKeys.map((key, ti) => {
      const items = [...raw[ti]!].sort((x, y) => x.start - y.start);
      const label = `${key.kind === 'video' ? 'V' : 'A'}${key.index}`;
      const edlClips = edl ? edlClipsOf(edl, key.kind) : [];
      const children: TrackItem[] = [];
      let at = 0;
      for (const it of items) {
        if (it.start > at) children.push(buildGap(it.start - at, rate));
        const built = clipOf(it, rate, edlClips);
        if (built.fromEdl && (built.speed.num !== built.speed.den)) speedsFromEdl++;
        if (!built.fromEdl && built.speed.num !== built.speed.den) {
          findings.push(finding('HOST_SPEED_NOT_IN_EDL', { clip: it.name, track: label, speed: `${built.speed.num}/${built.speed.den}` }, { where: { timeline: name, track: label, clip: it.name, frames: { start: it.start, end: it.end } } }));
        }
        children.push(built.clip);
        if (built.media && !media.has(built.media.path ?? built.media.clipName ?? '')) media.set(built.media.path ?? built.media.clipName ?? '', built.media);
        at = Math.max(at, it.end);
      }
      const placed = edl ? withEdlTransitions(children, edl, key, rate) : { children, count: 0 };
      transitionsFromEdl += placed.count;
      return buildTrack({ name: label, trackKind: key.kind, children: placed.children, metadata: { resolve: { trackType: key.kind, trackIndex: key.index } } });
    });
    if (edl) findings.unshift(finding('HOST_SPEED_FROM_EDL', { timeline: name, host: 'DaVinci Resolve', clips: speedsFromEdl, transitions: transitionsFromEdl }, { where: { timeline: name } }));

    const timeline = buildTimeline({ name, rate, startFrame, tracks, metadata: { resolve: { uniqueId: ref.id } } });
    return { ref, timeline, media: [...media.values()], findings };
  };

  const host: ResolveHost = {
    renderFindings: () => [...renderFindings],

    info: () =>
      guard('info', async () => {
        const resolve = await root();
        const [product, version, parts] = await transport.callAll([
          { target: resolve, method: 'GetProductName' },
          { target: resolve, method: 'GetVersionString' },
          { target: resolve, method: 'GetVersion' },
        ]);
        const major = typeof list(parts)[0] === 'number' ? (list(parts)[0] as number) : 0;
        const minor = typeof list(parts)[1] === 'number' ? (list(parts)[1] as number) : 0;
        const capabilities: HostCapabilities = {
          readTimeline: true,
          setPlayhead: true,
          readMarkers: true,
          writeMarkers: true,
          // EXPORT_OTIO is documented from 18.5.
          exportFormats: major > 18 || (major === 18 && minor >= 5) ? ['edl', 'fcp7xml', 'fcpxml', 'otio', 'aaf'] : ['edl', 'fcp7xml', 'fcpxml', 'aaf'],
          renderQueue: true,
          cancelRender: true,
          clipSpeedInApi: false,
        };
        const info: HostInfo = { kind: 'resolve', name: str(product) || 'DaVinci Resolve', version: str(version) || list(parts).join('.'), capabilities };
        return info;
      }),

    listTimelines: () =>
      guard('listTimelines', async () => {
        const { project: p } = await project();
        return (await allTimelines(p)).map((t) => t.ref);
      }),

    activeTimeline: () =>
      guard('activeTimeline', async () => {
        const { project: p } = await project();
        return (await timelineById(p, undefined)).ref;
      }),

    readTimeline: (id) => guard('readTimeline', () => readTimeline(id)),

    setPlayhead: (timelineId, frame) =>
      guard('setPlayhead', async () => {
        const { project: p } = await project();
        const { handle } = await timelineById(p, timelineId);
        const { rate, startFrame } = await timelineRate(handle);
        const tc = formatTimecode(startFrame + frame, rate);
        if (!tc.ok) return fail('BAD_RESPONSE', `Frame ${frame} is outside the timecode day`, tc.error.message);
        const done = await call(handle, 'SetCurrentTimecode', [tc.value]);
        if (done !== true) return fail('HOST_CALL_FAILED', `Resolve did not move the playhead to ${tc.value}; open the Edit, Cut or Color page with this timeline`);
      }),

    readMarkers: (timelineId) =>
      guard('readMarkers', async () => {
        const { project: p } = await project();
        const { handle } = await timelineById(p, timelineId);
        const markers = dict(await call(handle, 'GetMarkers'));
        const out: HostMarker[] = [];
        // Keys are frame offsets from the timeline start, as floats in Python ("96.0") or ints.
        for (const [key, value] of Object.entries(markers)) {
          const frame = Math.round(Number(key));
          if (!Number.isFinite(frame)) continue;
          const m = dict(value);
          const duration = Math.max(1, typeof m['duration'] === 'number' ? Math.round(m['duration']) : 1);
          const note = str(m['note']);
          out.push({
            id: String(frame),
            name: str(m['name']),
            ...(note ? { note } : {}),
            color: RESOLVE_TO_CORE[str(m['color'])] ?? 'blue',
            frames: { start: frame, end: frame + duration },
          });
        }
        return out.sort((a, b) => a.frames.start - b.frames.start);
      }),

    writeMarkers: (timelineId, markers) =>
      guard('writeMarkers', async () => {
        const { project: p } = await project();
        const { handle } = await timelineById(p, timelineId);
        const results = await transport.callAll(
          markers.map((m) => ({
            target: handle,
            method: 'AddMarker',
            // frameId is an offset from the timeline start; duration is at least one frame.
            args: [m.frames.start, CORE_TO_RESOLVE[m.color], m.name, m.note ?? '', Math.max(1, m.frames.end - m.frames.start), 'picturelock'],
          })),
        );
        const refused = markers.filter((_, i) => results[i] !== true);
        if (refused.length > 0) {
          return fail(
            'HOST_CALL_FAILED',
            `Resolve refused ${refused.length} of ${markers.length} markers (it keeps one marker per frame); ${markers.length - refused.length} were written`,
            refused.map((m) => `frame ${m.frames.start}: ${m.name}`).join('; '),
          );
        }
        return { written: markers.length };
      }),

    exportTimeline: (timelineId, format, path) =>
      guard('exportTimeline', async () => {
        const { resolve, project: p } = await project();
        const { handle } = await timelineById(p, timelineId);
        if (options.files && (await options.files.exists(path))) return fail('EXPORT_FAILED', `${path} already exists; choose another name (Picturelock never overwrites a file)`);
        const spec = EXPORT_TYPES[format];
        const type = await constant(resolve, spec.type);
        const args: ResolveValue[] = [path, type];
        if (spec.subtype) args.push(await constant(resolve, spec.subtype));
        const done = await call(handle, 'Export', args);
        if (done !== true) return fail('EXPORT_FAILED', `Resolve did not export the timeline as ${format}`, `Timeline.Export answered ${JSON.stringify(done)}`);
        return { path };
      }),

    listRenderPresets: () =>
      guard('listRenderPresets', async () => {
        const { project: p } = await project();
        const names = list(await call(p, 'GetRenderPresetList')).map(str).filter((n) => n.length > 0);
        const presets: RenderPreset[] = names.map((n) => ({ id: n, name: n }));
        return presets;
      }),

    queueRenderJobs: (specs) =>
      guard('queueRenderJobs', async () => {
        const { project: p } = await project();
        const previous = await call(p, 'GetCurrentTimeline');
        const added: { spec: RenderJobSpec; hostJobId: string; outputPath: string }[] = [];
        const undo = async () => {
          for (const a of added) await call(p, 'DeleteRenderJob', [a.hostJobId]);
        };
        try {
          for (const spec of specs) {
            if (jobs.has(spec.jobId)) return fail('HOST_CALL_FAILED', `Job ${spec.jobId} is already queued`);
            const { handle, ref } = await timelineById(p, spec.timelineId);
            const { startFrame } = await timelineRate(handle);
            if ((await call(p, 'SetCurrentTimeline', [handle])) !== true) return fail('HOST_CALL_FAILED', `Resolve did not open ${ref.name} for rendering`);
            // The preset first: loading it replaces every render setting, so ours go on top.
            if ((await call(p, 'LoadRenderPreset', [spec.presetId])) !== true) return fail('HOST_CALL_FAILED', `Resolve has no render preset "${spec.presetId}"`);
            const settings: Record<string, ResolveValue> = { SelectAllFrames: !spec.frames, TargetDir: spec.outputFolder, CustomName: spec.outputName };
            if (spec.frames) {
              // MarkIn/MarkOut are absolute frames; MarkOut is taken as the last frame rendered (inclusive, as Resolve's In/Out marks are).
              settings['MarkIn'] = startFrame + spec.frames.start;
              settings['MarkOut'] = startFrame + spec.frames.end - 1;
            }
            if ((await call(p, 'SetRenderSettings', [settings])) !== true) return fail('HOST_CALL_FAILED', `Resolve refused the render settings for ${spec.jobId}`);
            const hostJobId = str(await call(p, 'AddRenderJob'));
            if (!hostJobId) return fail('HOST_CALL_FAILED', `Resolve did not add a render job for ${spec.jobId}`);
            const row = list(await call(p, 'GetRenderJobList')).map(dict).find((j) => str(j['JobId']) === hostJobId);
            if (!row) {
              added.push({ spec, hostJobId, outputPath: '' });
              return fail('BAD_RESPONSE', `Resolve's job list does not show the job it just added for ${spec.jobId}`);
            }
            const outputFilename = str(row['OutputFilename']);
            added.push({ spec, hostJobId, outputPath: joinPath(str(row['TargetDir']), outputFilename) });
            const mismatches: { setting: string; expected: string; actual: string }[] = [];
            if (str(row['TargetDir']) !== spec.outputFolder) mismatches.push({ setting: 'TargetDir', expected: spec.outputFolder, actual: str(row['TargetDir']) });
            if (!outputFilename.startsWith(`${spec.outputName}.`) && outputFilename !== spec.outputName) mismatches.push({ setting: 'CustomName', expected: spec.outputName, actual: outputFilename });
            if (spec.frames) {
              for (const key of ['MarkIn', 'MarkOut'] as const) {
                if (row[key] !== undefined && row[key] !== settings[key]) mismatches.push({ setting: key, expected: String(settings[key]), actual: str(row[key]) });
              }
            }
            if (mismatches.length > 0) {
              for (const m of mismatches) {
                renderFindings.push(finding('HOST_RENDER_SETTING_MISMATCH', { job: spec.jobId, ...m }, { expected: m.expected, actual: m.actual, fix: `Check the "${spec.presetId}" preset on the Deliver page; a preset can hold settings that scripting cannot change` }));
              }
              return fail('HOST_CALL_FAILED', `Resolve queued ${spec.jobId} with settings other than those set (the preset's won); no job was queued`, mismatches.map((m) => `${m.setting}: set ${m.expected}, queued ${m.actual}`).join('; '));
            }
          }
        } catch (e) {
          await undo();
          throw e;
        } finally {
          if (isResolveHandle(previous)) await call(p, 'SetCurrentTimeline', [previous]);
        }
        return added.map((a) => {
          jobs.set(a.spec.jobId, { jobId: a.spec.jobId, hostJobId: a.hostJobId, outputPath: a.outputPath, cancelled: false });
          const s: RenderJobStatus = { jobId: a.spec.jobId, hostJobId: a.hostJobId, state: 'queued', percent: 0 };
          return s;
        });
      }),

    startRender: (jobIds) =>
      guard('startRender', async () => {
        const { project: p } = await project();
        const ours = jobIds.map((id) => jobs.get(id) ?? fail('RENDER_JOB_NOT_FOUND', `Job ${id} was never queued through this panel`));
        if ((await call(p, 'IsRenderingInProgress')) === true) return fail('RENDER_QUEUE_BUSY', 'Resolve is already rendering; wait for the current render to finish');
        // Only our job ids: StartRendering() without ids would start everyone's jobs in the shared queue.
        const done = await call(p, 'StartRendering', [ours.map((j) => j.hostJobId), false]);
        if (done !== true) return fail('HOST_CALL_FAILED', 'Resolve did not start rendering', `StartRendering answered ${JSON.stringify(done)}`);
      }),

    pollRenderJobs: (jobIds) =>
      guard('pollRenderJobs', async () => {
        const { project: p } = await project();
        const ours = jobIds.map((id) => jobs.get(id) ?? fail('RENDER_JOB_NOT_FOUND', `Job ${id} was never queued through this panel`));
        const live = ours.filter((j) => !j.cancelled);
        const answers = await transport.callAll(live.map((j) => ({ target: p, method: 'GetRenderJobStatus', args: [j.hostJobId] })));
        const byId = new Map(live.map((j, i) => [j.jobId, dict(answers[i])]));
        return ours.map((j): RenderJobStatus => {
          if (j.cancelled) return { jobId: j.jobId, hostJobId: j.hostJobId, state: 'cancelled', percent: 0 };
          const s = byId.get(j.jobId)!;
          const state = statusOf(str(s['JobStatus']));
          if (!state) return { jobId: j.jobId, hostJobId: j.hostJobId, state: 'failed', percent: 0, error: `Resolve no longer lists job ${j.hostJobId}; someone removed it from the render queue` };
          const percent = typeof s['CompletionPercentage'] === 'number' ? Math.max(0, Math.min(100, s['CompletionPercentage'])) : 0;
          if (state === 'completed') return { jobId: j.jobId, hostJobId: j.hostJobId, state, percent: 100, outputPath: j.outputPath };
          if (state === 'failed') return { jobId: j.jobId, hostJobId: j.hostJobId, state, percent, error: str(s['Error']) || 'Resolve reports the render failed without a reason; see the Deliver page' };
          return { jobId: j.jobId, hostJobId: j.hostJobId, state, percent };
        });
      }),

    cancelRender: (jobIds) =>
      guard('cancelRender', async () => {
        const { project: p } = await project();
        const ours = jobIds.map((id) => jobs.get(id) ?? fail('RENDER_JOB_NOT_FOUND', `Job ${id} was never queued through this panel`));
        const rows = list(await call(p, 'GetRenderJobList')).map(dict);
        const statuses = await transport.callAll(rows.map((r) => ({ target: p, method: 'GetRenderJobStatus', args: [str(r['JobId'])] })));
        const rendering = new Set(rows.filter((_, i) => str(dict(statuses[i])['JobStatus']) === 'Rendering').map((r) => str(r['JobId'])));
        const asked = new Set(ours.map((j) => j.hostJobId));
        const runningOurs = ours.filter((j) => rendering.has(j.hostJobId));
        if (runningOurs.length > 0) {
          // StopRendering() stops the whole queue: only when nothing else is rendering.
          if ([...rendering].some((id) => !asked.has(id))) return fail('RENDER_QUEUE_BUSY', 'Resolve can only stop all rendering at once, and other jobs are rendering; stop them on the Deliver page');
          await call(p, 'StopRendering');
        }
        for (const j of ours) {
          if (rendering.has(j.hostJobId)) continue;
          const s = str(dict(statuses[rows.findIndex((r) => str(r['JobId']) === j.hostJobId)])['JobStatus']);
          if (s === 'Ready') {
            if ((await call(p, 'DeleteRenderJob', [j.hostJobId])) !== true) return fail('HOST_CALL_FAILED', `Resolve did not remove job ${j.jobId} from the queue`);
            j.cancelled = true;
          }
        }
      }),
  };
  return host;
}

/** Clips of the EDL's tracks of one kind, with their record ranges (from the EDL's start) and speeds. */
function edlClipsOf(edl: Timeline, kind: TrackKind): { name: string; reel: string | undefined; start: number; end: number; speed: Ratio; freeze: boolean }[] {
  const out: { name: string; reel: string | undefined; start: number; end: number; speed: Ratio; freeze: boolean }[] = [];
  for (const t of edl.tracks) {
    if (t.trackKind !== kind) continue;
    const ranges = rangesInTrack(t, edl.rate);
    t.children.forEach((c, i) => {
      if (c.kind !== 'clip') return;
      const r = ranges[i]!;
      const warp = c.effects.find((e) => e.kind === 'linearTimeWarp' || e.kind === 'freezeFrame');
      const speed = warp?.kind === 'linearTimeWarp' ? warp.timeScalar : warp?.kind === 'freezeFrame' ? { num: 0, den: 1 } : { num: 1, den: 1 };
      out.push({ name: c.name, reel: c.reel, start: r.start.value, end: r.start.value + r.duration.value, speed, freeze: warp?.kind === 'freezeFrame' });
    });
  }
  return out;
}

function clipOf(
  it: RawItem,
  tlRate: FrameRate,
  edlClips: ReturnType<typeof edlClipsOf>,
): { clip: ReturnType<typeof buildClip>; speed: Ratio; fromEdl: boolean; media: MediaRecord | undefined } {
  const p = it.props;
  const reel = str(p['Reel Name']) || undefined;
  // Audio-only files report FPS 24 whatever the timeline (host doc 8.3): they count at the timeline rate.
  const audioOnly = str(p['Type']) === 'Audio';
  const fps = typeof p['FPS'] === 'number' ? p['FPS'] : Number(str(p['FPS']));
  const srcRate: Rate = (!audioOnly && nearestStandardRate(fps)) || { num: tlRate.num, den: tlRate.den };
  const srcFrameRate: FrameRate = { ...srcRate, dropFrame: str(p['Drop frame']) === '1' && isDropFrameCapable(srcRate) };
  const startTc = str(p['Start TC']);
  const parsedStart = startTc ? parseTimecode(startTc, srcFrameRate) : undefined;
  const mediaStart = parsedStart?.ok ? parsedStart.value : 0;
  const recordFrames = it.end - it.start;

  const match = edlClips.find((e) => (e.name === it.name || (reel !== undefined && e.reel === reel && (e.name === '' || e.name === e.reel))) && e.start < it.end && it.start < e.end);
  let speed: Ratio;
  let freeze = false;
  if (match) {
    speed = match.speed;
    freeze = match.freeze;
  } else {
    // Source frames used over record frames, at their rates: the direction cannot be known.
    const used = it.sourceEndInclusive - it.sourceStart + 1;
    speed = recordFrames > 0 ? reduced(used * srcRate.den * tlRate.num, srcRate.num * tlRate.den * recordFrames) : { num: 1, den: 1 };
  }
  const effects: Effect[] = freeze ? [{ kind: 'freezeFrame', name: 'Freeze Frame' }] : speed.num !== speed.den ? [{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: speed }] : [];
  // A reverse clip plays from its last source frame: sourceRange.start is the first frame played.
  const firstPlayed = speed.num < 0 ? it.sourceEndInclusive : it.sourceStart;
  const path = str(p['File Path']);
  const frames = Number(str(p['Frames']));
  const availableRange = Number.isInteger(frames) && frames > 0 ? range(mediaStart, frames, srcRate) : undefined;
  const sourceFile = str(p['File Name']) || undefined;
  const c = buildClip({
    name: it.name,
    sourceRange: { start: rt(mediaStart + firstPlayed, srcRate), duration: rt(rescaledTo(rt(recordFrames, tlRate), srcRate, 'round'), srcRate) },
    media: path
      ? { kind: 'external', url: path, ...(sourceFile ? { name: sourceFile } : {}), ...(availableRange ? { availableRange } : {}) }
      : { kind: 'missing', name: it.name },
    ...(reel ? { reel } : {}),
    ...(sourceFile ? { sourceFile } : {}),
    enabled: it.enabled,
    effects,
    metadata: { resolve: { sourceStartFrame: it.sourceStart, sourceEndFrameInclusive: it.sourceEndInclusive } },
  });
  const [w, h] = str(p['Resolution']).split('x').map(Number);
  const extra: Record<string, string> = {};
  for (const [key, v] of Object.entries(p)) if (typeof v === 'string' || typeof v === 'number') extra[key] = String(v);
  const media: MediaRecord | undefined = path || sourceFile
    ? {
        ...(path ? { path } : {}),
        ...(sourceFile ? { fileName: sourceFile } : {}),
        ...(reel ? { reel } : {}),
        ...(str(p['Clip Name']) ? { clipName: str(p['Clip Name']) } : {}),
        ...(availableRange ? { availableRange } : {}),
        rate: srcFrameRate,
        ...(w && h ? { width: w, height: h } : {}),
        ...(str(p['Video Codec']) ? { codec: str(p['Video Codec']) } : {}),
        extra,
      }
    : undefined;
  return { clip: c, speed, fromEdl: Boolean(match), media };
}

/**
 * Puts the EDL's dissolves back between the clips they join. The EDL places a dissolve at its
 * start (the outgoing event ends where the dissolve begins); Resolve's items abut at the cut.
 * The cut point comes from the API, the dissolve's extent from the EDL: before = cut - start.
 */
function withEdlTransitions(children: TrackItem[], edl: Timeline, key: { kind: TrackKind; index: number }, r: FrameRate): { children: TrackItem[]; count: number } {
  const edlTrack = edl.tracks.filter((t) => t.trackKind === key.kind)[key.index - 1];
  if (!edlTrack) return { children, count: 0 };
  const ranges = rangesInTrack(edlTrack, edl.rate);
  const spans: { start: number; end: number; type: string; name: string }[] = [];
  edlTrack.children.forEach((c, i) => {
    if (c.kind !== 'transition') return;
    const at = ranges[i]!.start.value;
    spans.push({ start: at - rescaledTo(c.inOffset, r, 'round'), end: at + rescaledTo(c.outOffset, r, 'round'), type: c.transitionType, name: c.name });
  });
  if (spans.length === 0) return { children, count: 0 };
  const ours = rangesInTrack(buildTrack({ name: '', trackKind: key.kind, children }), r);
  const out: TrackItem[] = [];
  let count = 0;
  children.forEach((c, i) => {
    out.push(c);
    const next = children[i + 1];
    if (c.kind !== 'clip' || next?.kind !== 'clip') return;
    const cut = ours[i + 1]!.start.value;
    const span = spans.find((s) => s.start <= cut && cut <= s.end && s.end > s.start);
    if (!span) return;
    out.push(buildTransition({ name: span.name, transitionType: span.type, inFrames: cut - span.start, outFrames: span.end - cut, rate: r }));
    count++;
  });
  return { children: out, count };
}
