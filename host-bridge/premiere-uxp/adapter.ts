import type { AudioClipTrackItem, Constants, EncoderManager, Marker, Markers, premierepro, Project, ProjectConverterStatic, Sequence, TickTime, VideoClipTrackItem } from '@adobe/premierepro';
import {
  clip as buildClip,
  gap as buildGap,
  isDropFrameCapable,
  nearestStandardRate,
  parseTicks,
  range,
  rescaledTo,
  rt,
  ticksFromTime,
  timeFromTicks,
  timeline as buildTimeline,
  track as buildTrack,
  transition as buildTransition,
  TICKS_PER_SECOND,
  type FrameRate,
  type MarkerColor,
  type MediaRecord,
  type Rate,
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
  type HostMarker,
  type HostResult,
  type HostTimeline,
  type RenderJobSpec,
  type RenderJobStatus,
  type RenderPreset,
  type TimelineRef,
} from '../host.ts';
import { premiereModule } from './module.ts';

/**
 * The Premiere Pro UXP adapter (Premiere 25.6+), typed by Adobe's `@adobe/premierepro`.
 * Facts from docs/hosts/premiere-uxp.md:
 *
 * - reads batch their awaits: every getter of every clip goes into one `Promise.all`, media
 *   facts are read once per project item (bounded calls per clip, see `UXP_CALLS_PER_CLIP`);
 * - TickTime `ticks` are strings (past 2^53 after ~9.85 h): they become exact frames through
 *   core's `parseTicks` + `timeFromTicks`. Track-item and marker times count from the
 *   sequence start (0 = first frame), so they are record frames already; the zero point
 *   gives the start timecode;
 * - writes go through `project.lockedAccess()` + `executeTransaction()`, with every action
 *   created INSIDE the locked scope (26.3 rule; an action from outside is stale);
 * - renders: `EncoderManager.exportSequence` answers only a boolean. AME's queue is shared and
 *   `startBatchEncode` (26.3) would start everyone's jobs, so each job is exported in-app
 *   (`ExportType.IMMEDIATELY`, one at a time, in the background) and its boolean is matched
 *   to the job by its output name, then the file is confirmed on disk;
 * - version gating by feature detection: `ProjectConverter` exports are 26.2+ (AAF 26.3).
 */

export interface PremiereUxpOptions {
  /** The `premierepro` module; the panel leaves it out and `module.ts` loads it. */
  readonly ppro?: premierepro;
  /** Export presets (.epr paths) the panel offers: UXP has no API to list Media Encoder presets. */
  readonly presets?: readonly RenderPreset[];
  /** Confirms a rendered file exists (UXP `fs` in the panel, Node `fs` in tests). */
  readonly fileExists?: (path: string) => Promise<boolean>;
  /** Premiere's version as UXP reports it (`require('uxp').host.version`). */
  readonly hostVersion?: string;
}

/** Host calls a clip may cost in `readTimeline`: 9 per clip, 7 per distinct media item (see the read). */
export const UXP_CALLS_PER_CLIP = 9;
export const UXP_CALLS_PER_MEDIA = 7;

type ClipItem = VideoClipTrackItem | AudioClipTrackItem;

class Fail extends Error {
  constructor(readonly error: HostError) {
    super(error.message);
  }
}

function fail(code: HostErrorCode, message: string, detail?: string): never {
  throw new Fail({ code, message, host: 'premiere-uxp', ...(detail !== undefined ? { detail } : {}) });
}

function bgcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}

function ticksOf(t: TickTime, what: string): bigint {
  const r = parseTicks(t.ticks);
  if (!r.ok) return fail('BAD_RESPONSE', `Premiere gave ${what} as "${t.ticks}", not a tick count`, r.error);
  return r.value;
}

/** Exact frames at `r`; a time between frames (sub-frame audio edits) rounds down and keeps going. */
function framesOf(ticks: bigint, r: Rate): number {
  const exact = timeFromTicks(ticks, r);
  if (exact.ok) return exact.value.value;
  const floor = timeFromTicks(ticks, r, 'floor');
  return floor.ok ? floor.value.value : 0;
}

function joinPath(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

/** Tape name from the project item's XMP: `Column.Intrinsic.TapeName` in Premiere's private namespace, any prefix. */
export function tapeNameFromXmp(xmp: string): string | undefined {
  const m =
    /<([\w.-]+:)?Column\.Intrinsic\.TapeName>([^<]*)<\/([\w.-]+:)?Column\.Intrinsic\.TapeName>/.exec(xmp) ??
    /\s([\w.-]+:)?Column\.Intrinsic\.TapeName="([^"]*)"/.exec(xmp);
  const raw = m?.[2];
  if (raw === undefined || raw === '') return undefined;
  return raw.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (all, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name.toLowerCase()] ?? all;
  });
}

interface MediaFacts {
  readonly path: string;
  /** Media start (source timecode) in ticks. */
  readonly start: bigint;
  /** Footage frame rate as a float (29.97), the sample rate for audio. */
  readonly fps: number;
  readonly tape: string | undefined;
}

interface OurJob {
  readonly spec: RenderJobSpec;
  readonly outputPath: string;
  status: RenderJobStatus;
}

export function createPremiereUxpHost(options: PremiereUxpOptions = {}): Host {
  const jobs = new Map<string, OurJob>();
  let renderLoop: Promise<void> = Promise.resolve();

  const mod = (): premierepro => options.ppro ?? premiereModule() ?? fail('HOST_NOT_READY', 'The premierepro module is not available: open this panel inside Premiere Pro 25.6 or later');
  const C = (): typeof Constants => mod().Constants;

  const guard = async <T>(what: string, body: () => Promise<T>): Promise<HostResult<T>> => {
    try {
      return hostOk(await body());
    } catch (e) {
      if (e instanceof Fail) return { ok: false, error: e.error };
      return hostErr('premiere-uxp', 'HOST_CALL_FAILED', `${what}: Premiere raised an error`, e instanceof Error ? e.message : String(e));
    }
  };

  const project = async (): Promise<Project> => {
    const p = await mod().Project.getActiveProject();
    if (!p) return fail('NO_ACTIVE_TIMELINE', 'No project is open in Premiere Pro');
    return p;
  };

  const sequenceById = async (p: Project, id: string | undefined): Promise<Sequence> => {
    if (id === undefined) {
      const s = await p.getActiveSequence();
      if (!s) return fail('NO_ACTIVE_TIMELINE', 'No sequence is open in Premiere Pro; open one in the Timeline panel');
      return s;
    }
    const found = (await p.getSequences()).find((s) => s.guid.toString() === id);
    if (!found) return fail('TIMELINE_NOT_FOUND', `The open project has no sequence with id ${id}`);
    return found;
  };

  const refOf = (s: Sequence): TimelineRef => ({ id: s.guid.toString(), name: s.name });

  const converter = (): Partial<ProjectConverterStatic> | undefined => (mod() as Partial<premierepro>).ProjectConverter;

  const encoder = (): EncoderManager => mod().EncoderManager.getManager();

  const capabilities = (): HostCapabilities => {
    const conv = converter();
    const formats: HostExportFormat[] = [];
    // ProjectConverter arrived in 26.2 (FCP XML, OTIO) and 26.3 (AAF); there is no EDL exporter in UXP.
    if (typeof conv?.exportAsFinalCutProXML === 'function') formats.push('fcp7xml');
    if (typeof conv?.exportAsOpenTimelineIO === 'function') formats.push('otio');
    if (typeof conv?.exportAAF === 'function') formats.push('aaf');
    return {
      readTimeline: true,
      setPlayhead: true,
      readMarkers: true,
      writeMarkers: true,
      exportFormats: formats,
      renderQueue: (options.presets?.length ?? 0) > 0,
      // No cancel call exists for in-app exports or AME jobs in UXP.
      cancelRender: false,
      clipSpeedInApi: true,
    };
  };

  /** One sync `lockedAccess` scope with one transaction; `make` creates the actions inside it. */
  const transact = (p: Project, label: string, make: () => ReturnType<Sequence['createSetInPointAction']>[]): boolean => {
    let done = false;
    p.lockedAccess(() => {
      done = p.executeTransaction((compound) => {
        for (const a of make()) compound.addAction(a);
      }, label);
    });
    return done;
  };

  const tickTime = (ticks: bigint): TickTime => mod().TickTime.createWithTicks(ticks.toString());

  const rateOf = async (s: Sequence): Promise<{ rate: FrameRate; zero: bigint }> => {
    const [tpfText, zeroTime, display] = await Promise.all([s.getTimebase(), s.getZeroPoint(), s.getSequenceVideoTimeDisplayFormat()]);
    const tpf = parseTicks(String(tpfText));
    if (!tpf.ok || tpf.value <= 0n) return fail('BAD_RESPONSE', `Premiere gave the sequence timebase as "${String(tpfText)}"`);
    // Ticks per frame -> frames per second, exactly: 254016000000 / 8475667200 = 30000/1001.
    const g = bgcd(TICKS_PER_SECOND, tpf.value);
    const rate: Rate = { num: Number(TICKS_PER_SECOND / g), den: Number(tpf.value / g) };
    // Only 29.97 has a drop-frame display member (FPS_29_97 vs FPS_29_97_NON_DROP).
    const dropFrame = isDropFrameCapable(rate) && display.type === C().VideoDisplayFormatType.FPS_29_97;
    return { rate: { ...rate, dropFrame }, zero: ticksOf(zeroTime, 'the zero point') };
  };

  const readTimeline = async (id?: string): Promise<HostTimeline> => {
    const p = await project();
    const seq = await sequenceById(p, id);
    const { rate, zero } = await rateOf(seq);
    const [vCount, aCount] = await Promise.all([seq.getVideoTrackCount(), seq.getAudioTrackCount()]);
    // Track indices are 0-based in UXP.
    const [videoTracks, audioTracks] = await Promise.all([
      Promise.all(Array.from({ length: vCount }, (_, i) => seq.getVideoTrack(i))),
      Promise.all(Array.from({ length: aCount }, (_, i) => seq.getAudioTrack(i))),
    ]);
    const T = C().TrackItemType;
    const trackList: { kind: TrackKind; clips: ClipItem[]; transitions: ClipItem[] }[] = [
      ...videoTracks.map((t) => ({ kind: 'video' as const, clips: t.getTrackItems(T.CLIP, false) as ClipItem[], transitions: t.getTrackItems(T.TRANSITION, false) as ClipItem[] })),
      ...audioTracks.map((t) => ({ kind: 'audio' as const, clips: t.getTrackItems(T.CLIP, false) as ClipItem[], transitions: t.getTrackItems(T.TRANSITION, false) as ClipItem[] })),
    ];

    // Eight awaits a clip, all in flight together, plus the sync getId() of its project item.
    const clipFacts = await Promise.all(
      trackList.flatMap((t) =>
        t.clips.map(async (c) => {
          const [name, start, end, inPoint, outPoint, reversed, disabled, item] = await Promise.all([
            c.getName(),
            c.getStartTime(),
            c.getEndTime(),
            c.getInPoint(),
            c.getOutPoint(),
            c.isSpeedReversed(),
            c.isDisabled(),
            c.getProjectItem(),
          ]);
          return { name, start: ticksOf(start, 'a clip start'), end: ticksOf(end, 'a clip end'), inPoint: ticksOf(inPoint, 'a source in'), outPoint: ticksOf(outPoint, 'a source out'), reversed: reversed !== 0, disabled, item, itemId: item ? item.getId() : '' };
        }),
      ),
    );
    const transitionFacts = await Promise.all(
      trackList.flatMap((t) =>
        t.transitions.map(async (x) => {
          const [start, end, matchName] = await Promise.all([x.getStartTime(), x.getEndTime(), x.getMatchName()]);
          return { start: framesOf(ticksOf(start, 'a transition start'), rate), end: framesOf(ticksOf(end, 'a transition end'), rate), matchName };
        }),
      ),
    );

    // Media facts once per project item: path, media start (source timecode), frame rate, tape name.
    const ppro = mod();
    const mediaFacts = new Map<string, Promise<MediaFacts>>();
    for (const f of clipFacts) {
      if (!f.item || mediaFacts.has(f.itemId)) continue;
      const item = f.item;
      mediaFacts.set(
        f.itemId,
        (async () => {
          const cpi = ppro.ClipProjectItem.cast(item);
          const [path, media, interp, xmp] = await Promise.all([cpi.getMediaFilePath(), cpi.getMedia(), cpi.getFootageInterpretation(), ppro.Metadata.getProjectMetadata(item)]);
          // Media.start is typed as a TickTime property; the docs call it a Promise: awaiting covers both.
          const start = await (media.start as TickTime | Promise<TickTime>);
          return { path, start: ticksOf(start, 'a media start'), fps: interp.getFrameRate(), tape: tapeNameFromXmp(xmp) };
        })(),
      );
    }
    const media = new Map<string, MediaFacts>();
    await Promise.all([...mediaFacts].map(async ([k, v]) => media.set(k, await v)));

    let ci = 0;
    let xi = 0;
    const records: MediaRecord[] = [];
    const recorded = new Set<string>();
    const videoNames = { video: 0, audio: 0 };
    const tracks = trackList.map((t) => {
      const label = `${t.kind === 'video' ? 'V' : 'A'}${++videoNames[t.kind]}`;
      const facts = clipFacts.slice(ci, (ci += t.clips.length)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      const transitions = transitionFacts.slice(xi, (xi += t.transitions.length));
      const children: TrackItem[] = [];
      let at = 0;
      const cuts: { index: number; frame: number }[] = [];
      let prevEnd = -1;
      for (const f of facts) {
        const start = framesOf(f.start, rate);
        const end = framesOf(f.end, rate);
        if (start > at) children.push(buildGap(start - at, rate));
        if (start === prevEnd) cuts.push({ index: children.length, frame: start });
        const m = f.item ? media.get(f.itemId) : undefined;
        // Audio sources count in the sequence's video frames (Premiere shows audio source time that way); video at the footage rate.
        const srcRate: Rate = (t.kind === 'video' && m && nearestStandardRate(m.fps)) || { num: rate.num, den: rate.den };
        const mediaStart = m ? framesOf(m.start, srcRate) : 0;
        const span = f.outPoint - f.inPoint;
        const rec = f.end - f.start;
        // Speed exactly, from ticks: source time used over record time, negative when reversed.
        const g = bgcd(span, rec);
        const speed = rec > 0n ? { num: Number(span / g) * (f.reversed ? -1 : 1), den: Number(rec / g) } : { num: 1, den: 1 };
        const inFrames = framesOf(f.inPoint, srcRate);
        const outFrames = framesOf(f.outPoint, srcRate);
        // A reverse clip plays from its last source frame: sourceRange.start is the first frame played.
        const firstPlayed = mediaStart + (f.reversed ? outFrames - 1 : inFrames);
        const fileName = m?.path ? m.path.slice(Math.max(m.path.lastIndexOf('/'), m.path.lastIndexOf('\\')) + 1) : undefined;
        children.push(
          buildClip({
            name: f.name,
            sourceRange: { start: rt(firstPlayed, srcRate), duration: rt(rescaledTo(rt(end - start, rate), srcRate, 'round'), srcRate) },
            media: m?.path ? { kind: 'external', url: m.path, ...(fileName ? { name: fileName } : {}) } : { kind: 'missing', name: f.name },
            ...(m?.tape ? { reel: m.tape } : {}),
            ...(fileName ? { sourceFile: fileName } : {}),
            enabled: !f.disabled,
            effects: speed.num !== speed.den ? [{ kind: 'linearTimeWarp', name: 'Speed', timeScalar: speed }] : [],
            metadata: { premiere: { projectItemId: f.itemId } },
          }),
        );
        if (m?.path && !recorded.has(m.path)) {
          recorded.add(m.path);
          records.push({ path: m.path, ...(fileName ? { fileName } : {}), ...(m.tape ? { reel: m.tape } : {}), rate: { ...srcRate, dropFrame: false }, availableRange: range(mediaStart, 0, srcRate), extra: {} });
        }
        at = Math.max(at, end);
        prevEnd = end;
      }
      // A transition joins the two clips whose cut lies inside it; before/after are measured from that cut.
      for (const cut of [...cuts].reverse()) {
        const x = transitions.find((tr) => tr.start <= cut.frame && cut.frame <= tr.end && tr.end > tr.start);
        if (!x) continue;
        const type = /dissolve/i.test(x.matchName) ? 'dissolve' : /wipe/i.test(x.matchName) ? 'wipe' : x.matchName;
        children.splice(cut.index, 0, buildTransition({ name: x.matchName, transitionType: type, inFrames: cut.frame - x.start, outFrames: x.end - cut.frame, rate }));
      }
      return buildTrack({ name: label, trackKind: t.kind, children });
    });
    const startFrame = framesOf(zero, rate);
    return { ref: refOf(seq), timeline: buildTimeline({ name: seq.name, rate, startFrame, tracks, metadata: { premiere: { sequenceId: seq.guid.toString() } } }), media: records, findings: [] };
  };

  const markerTable = (): [number, MarkerColor][] => {
    const M = C().MarkerColor;
    return [
      [M.RED, 'red'],
      [M.ORANGE, 'orange'],
      [M.YELLOW, 'yellow'],
      [M.GREEN, 'green'],
      [M.CYAN, 'cyan'],
      [M.BLUE, 'blue'],
      [M.MAGNETA, 'magenta'],
    ];
  };

  /** UXP has 7 marker colours: pink and purple are written as magenta, black as blue, white as yellow. */
  const colorIndexOf = (c: MarkerColor): number => {
    const alias: Partial<Record<MarkerColor, MarkerColor>> = { pink: 'magenta', purple: 'magenta', black: 'blue', white: 'yellow' };
    const want = alias[c] ?? c;
    return markerTable().find(([, name]) => name === want)![0];
  };

  const markerKey = (m: Marker): string => `${m.getName()}|${m.getStart().ticks}`;

  const host: Host = {
    info: () =>
      guard('info', async () => {
        const ppro = mod();
        const caps = capabilities();
        const detected = typeof (ppro as Partial<premierepro>).ProjectConverter?.exportAAF === 'function' ? '26.3+' : caps.exportFormats.length > 0 ? '26.2+' : '25.6+';
        return { kind: 'premiere-uxp' as const, name: 'Adobe Premiere Pro', version: options.hostVersion ?? detected, capabilities: caps };
      }),

    listTimelines: () => guard('listTimelines', async () => (await (await project()).getSequences()).map(refOf)),

    activeTimeline: () => guard('activeTimeline', async () => refOf(await sequenceById(await project(), undefined))),

    readTimeline: (id) => guard('readTimeline', () => readTimeline(id)),

    setPlayhead: (timelineId, frame) =>
      guard('setPlayhead', async () => {
        const seq = await sequenceById(await project(), timelineId);
        const { rate } = await rateOf(seq);
        const t = ticksFromTime(rt(frame, rate));
        if (!t.ok) return fail('BAD_RESPONSE', t.error);
        // Player position counts from the sequence start, like track item times.
        if ((await seq.setPlayerPosition(tickTime(t.value))) !== true) return fail('HOST_CALL_FAILED', 'Premiere did not move the playhead');
      }),

    readMarkers: (timelineId) =>
      guard('readMarkers', async () => {
        const seq = await sequenceById(await project(), timelineId);
        const { rate } = await rateOf(seq);
        const markers: Markers = await mod().Markers.getMarkers(seq);
        const table = markerTable();
        return markers.getMarkers().map((m): HostMarker => {
          const start = framesOf(ticksOf(m.getStart(), 'a marker start'), rate);
          const duration = framesOf(ticksOf(m.getDuration(), 'a marker duration'), rate);
          const note = m.getComments();
          const id = (m as Partial<Marker>).guid?.toString();
          return {
            ...(id ? { id } : {}),
            name: m.getName(),
            ...(note ? { note } : {}),
            color: table.find(([i]) => i === m.getColorIndex())?.[1] ?? 'green',
            // A point marker (duration 0) covers its one frame.
            frames: { start, end: start + Math.max(1, duration) },
          };
        });
      }),

    writeMarkers: (timelineId, specs) =>
      guard('writeMarkers', async () => {
        const p = await project();
        const seq = await sequenceById(p, timelineId);
        const { rate } = await rateOf(seq);
        const markers = await mod().Markers.getMarkers(seq);
        const before = new Map<string, number>();
        for (const m of markers.getMarkers()) before.set(markerKey(m), (before.get(markerKey(m)) ?? 0) + 1);
        const ticksAt = (frames: number): bigint => {
          const t = ticksFromTime(rt(frames, rate));
          return t.ok ? t.value : fail('BAD_RESPONSE', t.error);
        };
        const planned = specs.map((s) => ({ spec: s, start: ticksAt(s.frames.start), duration: s.frames.end - s.frames.start <= 1 ? 0n : ticksAt(s.frames.end - s.frames.start) }));
        const commentType = mod().Marker.MARKER_TYPE_COMMENT;
        // Step 1: add the markers (they come with Premiere's default colour).
        const added = transact(p, 'Picturelock: add markers', () =>
          planned.map((x) => markers.createAddMarkerAction(x.spec.name, commentType, tickTime(x.start), tickTime(x.duration), x.spec.note ?? '')),
        );
        if (!added) return fail('HOST_CALL_FAILED', 'Premiere did not add the markers (the transaction was refused)');
        // Step 2: the Marker objects exist only now; colour them in a second locked transaction.
        const fresh = markers.getMarkers().filter((m) => {
          const k = markerKey(m);
          const n = before.get(k) ?? 0;
          if (n > 0) {
            before.set(k, n - 1);
            return false;
          }
          return true;
        });
        const coloured = transact(p, 'Picturelock: colour markers', () =>
          fresh.flatMap((m) => {
            const x = planned.find((q) => q.spec.name === m.getName() && q.start.toString() === m.getStart().ticks);
            return x ? [m.createSetColorByIndexAction(colorIndexOf(x.spec.color))] : [];
          }),
        );
        if (!coloured) return fail('HOST_CALL_FAILED', `Premiere added ${fresh.length} markers but did not colour them`);
        return { written: fresh.length };
      }),

    exportTimeline: (timelineId, format, path) =>
      guard('exportTimeline', async () => {
        const seq = await sequenceById(await project(), timelineId);
        const conv = converter();
        if (options.fileExists && (await options.fileExists(path))) return fail('EXPORT_FAILED', `${path} already exists; choose another name (Picturelock never overwrites a file)`);
        let done: boolean | undefined;
        if (format === 'fcp7xml' && typeof conv?.exportAsFinalCutProXML === 'function') done = await conv.exportAsFinalCutProXML(seq, path, true);
        else if (format === 'otio' && typeof conv?.exportAsOpenTimelineIO === 'function') done = await conv.exportAsOpenTimelineIO(seq, path, true);
        else if (format === 'aaf' && typeof conv?.exportAAF === 'function') done = await conv.exportAAF(seq, path);
        else return fail('NOT_SUPPORTED', `This Premiere version cannot export ${format} from a UXP panel`);
        if (done !== true) return fail('EXPORT_FAILED', `Premiere did not export the sequence as ${format}`);
        return { path };
      }),

    listRenderPresets: () =>
      guard('listRenderPresets', async () => {
        if (!capabilities().renderQueue) return fail('NOT_SUPPORTED', 'No export presets were given to the panel (UXP cannot list Media Encoder presets)');
        return [...(options.presets ?? [])];
      }),

    queueRenderJobs: (specs) =>
      guard('queueRenderJobs', async () => {
        if (!capabilities().renderQueue) return fail('NOT_SUPPORTED', 'No export presets were given to the panel');
        const p = await project();
        const planned: OurJob[] = [];
        for (const spec of specs) {
          if (jobs.has(spec.jobId)) return fail('HOST_CALL_FAILED', `Job ${spec.jobId} is already queued`);
          if (!options.presets?.some((x) => x.id === spec.presetId)) return fail('HOST_CALL_FAILED', `No export preset ${spec.presetId}`);
          const seq = await sequenceById(p, spec.timelineId);
          const ext = (await mod().EncoderManager.getExportFileExtension(seq, spec.presetId)).replace(/^\./, '');
          const outputPath = joinPath(spec.outputFolder, ext ? `${spec.outputName}.${ext}` : spec.outputName);
          planned.push({ spec, outputPath, status: { jobId: spec.jobId, state: 'queued', percent: 0 } });
        }
        for (const j of planned) jobs.set(j.spec.jobId, j);
        return planned.map((j) => j.status);
      }),

    startRender: (jobIds) =>
      guard('startRender', async () => {
        const ours = jobIds.map((id) => jobs.get(id) ?? fail('RENDER_JOB_NOT_FOUND', `Job ${id} was never queued through this panel`));
        const p = await project();
        const enc = encoder();
        const C_ = C();
        // One in-app export at a time, in the background; pollRenderJobs reports as they end.
        for (const j of ours) {
          if (j.status.state !== 'queued') continue;
          renderLoop = renderLoop.then(async () => {
            j.status = { jobId: j.spec.jobId, state: 'running', percent: 0 };
            try {
              const seq = await sequenceById(p, j.spec.timelineId);
              const frames = j.spec.frames;
              let restore: [TickTime, TickTime] | undefined;
              if (frames) {
                const { rate } = await rateOf(seq);
                const [oldIn, oldOut] = await Promise.all([seq.getInPoint(), seq.getOutPoint()]);
                restore = [oldIn, oldOut];
                const a = ticksFromTime(rt(frames.start, rate));
                const b = ticksFromTime(rt(frames.end, rate));
                if (!a.ok || !b.ok) throw new Error('the render range is not on whole ticks');
                if (!transact(p, 'Picturelock: render range', () => [seq.createSetInPointAction(tickTime(a.value)), seq.createSetOutPointAction(tickTime(b.value))])) throw new Error('Premiere refused to set the in and out points for the render');
              }
              let ok: boolean;
              try {
                ok = await enc.exportSequence(seq, C_.ExportType.IMMEDIATELY, j.outputPath, j.spec.presetId, !frames);
              } finally {
                // Put the editor's own in and out points back.
                if (restore) {
                  const [i, o] = restore;
                  transact(p, 'Picturelock: restore in/out', () => [seq.createSetInPointAction(i), seq.createSetOutPointAction(o)]);
                }
              }
              // The boolean is all Premiere says; the file, found by the name we gave it, confirms it.
              const there = ok && (options.fileExists ? await options.fileExists(j.outputPath) : true);
              j.status = there
                ? { jobId: j.spec.jobId, state: 'completed', percent: 100, outputPath: j.outputPath }
                : { jobId: j.spec.jobId, state: 'failed', percent: 0, error: ok ? `Premiere reported the export done but ${j.outputPath} is not there` : 'Premiere reported the export failed (exportSequence answered false)' };
            } catch (e) {
              j.status = { jobId: j.spec.jobId, state: 'failed', percent: 0, error: e instanceof Error ? e.message : String(e) };
            }
          });
        }
      }),

    pollRenderJobs: (jobIds) => guard('pollRenderJobs', async () => jobIds.map((id) => (jobs.get(id) ?? fail('RENDER_JOB_NOT_FOUND', `Job ${id} was never queued through this panel`)).status)),

    cancelRender: () => guard('cancelRender', async () => fail('NOT_SUPPORTED', 'Premiere offers no way to cancel an export from a UXP panel')),
  };
  return host;
}
