import {
  MARKER_COLORS,
  readAle,
  readInterchange,
  rescaledTo,
  timelineDuration,
  writeInterchange,
  type Finding,
  type MarkerColor,
  type MediaRecord,
  type Timeline,
  type WritableTimelineFormat,
} from '@picturelock/core';
import {
  hostErr,
  hostOk,
  type Host,
  type HostCapabilities,
  type HostMarker,
  type HostResult,
  type HostTimeline,
  type MarkerSpec,
  type RenderJobSpec,
  type RenderJobState,
  type RenderJobStatus,
  type RenderPreset,
  type TimelineRef,
} from '../host.ts';

/**
 * The demo host: an in-memory project for the browser demo and the panel's tests. It holds
 * timelines read from interchange text (the `examples/` lists, handed in as strings so this
 * module stays free of `node:*`), an ALE inventory for media facts, a playhead per timeline,
 * markers, exports kept in memory, and a render queue that advances with a clock.
 *
 * Render simulation: jobs run one after another from `startRender`; a job renders
 * `framesPerSecond` record frames per second of clock time. State is computed from the clock
 * at each poll, so an injected clock makes it deterministic. `failJob` makes a job fail
 * halfway, as a full disk would.
 */

export interface DemoFile {
  /** A file name (`scene-v1.xml`): the timeline id is the name, plus `#n` for a file's later timelines. */
  readonly name: string;
  readonly text: string;
}

export interface DemoClock {
  now(): number;
}

export interface DemoHostOptions {
  /** Timeline lists (EDL, FCP7 XML, FCPXML, OTIO) as text; the first timeline is active. */
  readonly files: readonly DemoFile[];
  /** Timelines built in code (a conformed online made from an example cut), listed after the files' timelines. */
  readonly timelines?: readonly { readonly id: string; readonly timeline: Timeline }[];
  /** An ALE inventory as text: the media facts handed out with each timeline. */
  readonly inventory?: string;
  readonly clock?: DemoClock;
  /** Record frames rendered per second of clock time (default 240). */
  readonly framesPerSecond?: number;
  readonly version?: string;
}

export type DemoHostEvent =
  | { readonly type: 'playhead'; readonly timelineId: string; readonly frame: number }
  | { readonly type: 'markers'; readonly timelineId: string }
  | { readonly type: 'render'; readonly jobIds: readonly string[] };

export interface DemoHost extends Host {
  /** Findings from reading the project files at construction. */
  readonly loadFindings: readonly Finding[];
  playhead(timelineId: string): number | undefined;
  /** Text written by `exportTimeline`, by path. */
  exported(path: string): string | undefined;
  /** Makes a queued job fail halfway with `message`. */
  failJob(jobId: string, message?: string): void;
  /** Calls made to the Host interface so far. */
  callCount(): number;
  /** Listens for playhead, marker and render changes; returns the unsubscribe function. */
  subscribe(listener: (event: DemoHostEvent) => void): () => void;
}

export const DEMO_PRESETS: readonly RenderPreset[] = [
  { id: 'demo-prores-hq', name: 'Apple ProRes 422 HQ, 1920x1080 (demo)', extension: 'mov' },
  { id: 'demo-h264-review', name: 'H.264 review copy with burn-in (demo)', extension: 'mp4' },
  { id: 'demo-wav-stems', name: 'Broadcast WAV 48 kHz 24-bit (demo)', extension: 'wav' },
];

interface DemoJob {
  readonly spec: RenderJobSpec;
  readonly frames: number;
  readonly extension: string;
  /** Clock time the job starts rendering, once the queue is started. */
  startAt?: number;
  failure?: string;
  cancelled: boolean;
}

const FORMATS: readonly WritableTimelineFormat[] = ['edl', 'fcp7xml', 'fcpxml', 'otio'];

export function createDemoHost(options: DemoHostOptions): DemoHost {
  const clock = options.clock ?? { now: () => Date.now() };
  const fps = options.framesPerSecond ?? 240;
  const loadFindings: Finding[] = [];
  const timelines = new Map<string, Timeline>();
  const encoder = new TextEncoder();
  for (const f of options.files) {
    const r = readInterchange(encoder.encode(f.text), { file: f.name });
    loadFindings.push(...r.findings);
    r.timelines.forEach((tl, i) => timelines.set(i === 0 ? f.name : `${f.name}#${i + 1}`, tl));
  }
  for (const t of options.timelines ?? []) timelines.set(t.id, t.timeline);
  const inventory: readonly MediaRecord[] = options.inventory ? (readAle(options.inventory, { file: 'inventory.ale' }).value ?? []) : [];
  const markers = new Map<string, HostMarker[]>();
  for (const [id, tl] of timelines) {
    markers.set(
      id,
      tl.markers.map((m, i) => {
        const start = rescaledTo(m.markedRange.start, tl.rate, 'floor');
        const len = Math.max(1, rescaledTo(m.markedRange.duration, tl.rate, 'ceil'));
        return { id: `${id}-m${i + 1}`, name: m.name, ...(m.note ? { note: m.note } : {}), color: m.color, frames: { start, end: start + len } };
      }),
    );
  }
  const playheads = new Map<string, number>();
  const exports = new Map<string, string>();
  const jobs = new Map<string, DemoJob>();
  const listeners = new Set<(e: DemoHostEvent) => void>();
  let calls = 0;
  let markerSeq = 0;
  let queueEnd = 0;
  const active = timelines.keys().next().value;

  const emit = (e: DemoHostEvent) => {
    for (const l of listeners) l(e);
  };
  const counted = <A extends unknown[], T>(fn: (...args: A) => Promise<T>) =>
    (...args: A): Promise<T> => {
      calls++;
      return fn(...args);
    };
  const notFound = <T>(id: string): HostResult<T> => hostErr('demo', 'TIMELINE_NOT_FOUND', `The demo project has no timeline "${id}".`);

  const capabilities: HostCapabilities = {
    readTimeline: true,
    setPlayhead: true,
    readMarkers: true,
    writeMarkers: true,
    exportFormats: FORMATS,
    renderQueue: true,
    cancelRender: true,
    clipSpeedInApi: true,
  };

  function mediaFor(tl: Timeline): MediaRecord[] {
    const reels = new Set<string>();
    const files = new Set<string>();
    for (const t of tl.tracks)
      for (const c of t.children)
        if (c.kind === 'clip') {
          if (c.reel) reels.add(c.reel);
          if (c.sourceFile) files.add(c.sourceFile);
        }
    // An EDL reel is often the camera clip name cut to 8 characters (A001C003 for A001C003_250314_R1AB).
    return inventory.filter((m) => (m.reel !== undefined && (reels.has(m.reel) || reels.has(m.reel.slice(0, 8)))) || (m.fileName !== undefined && files.has(m.fileName)));
  }

  function statusOf(job: DemoJob): RenderJobStatus {
    const base = { jobId: job.spec.jobId, hostJobId: `demo-${job.spec.jobId}` };
    const duration = (job.frames / fps) * 1000;
    if (job.cancelled) return { ...base, state: 'cancelled', percent: 0 };
    if (job.startAt === undefined) return { ...base, state: 'queued', percent: 0 };
    const elapsed = clock.now() - job.startAt;
    if (elapsed < 0) return { ...base, state: 'queued', percent: 0 };
    if (job.failure !== undefined && elapsed >= duration / 2) return { ...base, state: 'failed', percent: 50, error: job.failure };
    if (elapsed >= duration) {
      const folder = job.spec.outputFolder.replace(/[\\/]+$/, '');
      return { ...base, state: 'completed', percent: 100, outputPath: `${folder}/${job.spec.outputName}.${job.extension}` };
    }
    const state: RenderJobState = 'running';
    return { ...base, state, percent: Math.min(99, Math.floor((elapsed / duration) * 100)) };
  }

  return {
    loadFindings,
    playhead: (id) => playheads.get(id),
    exported: (path) => exports.get(path),
    failJob(jobId, message = 'Render failed: the output volume is full') {
      const job = jobs.get(jobId);
      if (job) job.failure = message;
    },
    callCount: () => calls,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    info: counted(async () => hostOk({ kind: 'demo' as const, name: 'Picturelock demo project', version: options.version ?? '1', capabilities })),
    listTimelines: counted(async () => hostOk([...timelines.entries()].map(([id, tl]): TimelineRef => ({ id, name: tl.name })))),
    activeTimeline: counted(async () => {
      if (active === undefined) return hostErr('demo', 'NO_ACTIVE_TIMELINE', 'The demo project has no timeline.');
      return hostOk({ id: active, name: timelines.get(active)!.name });
    }),
    readTimeline: counted(async (id?: string): Promise<HostResult<HostTimeline>> => {
      const key = id ?? active;
      if (key === undefined) return hostErr('demo', 'NO_ACTIVE_TIMELINE', 'The demo project has no timeline.');
      const tl = timelines.get(key);
      if (!tl) return notFound(key);
      return hostOk({ ref: { id: key, name: tl.name }, timeline: tl, media: mediaFor(tl), findings: [] });
    }),
    setPlayhead: counted(async (id: string, frame: number): Promise<HostResult<void>> => {
      const tl = timelines.get(id);
      if (!tl) return notFound(id);
      const clamped = Math.max(0, Math.min(frame, Math.max(0, timelineDuration(tl).value - 1)));
      playheads.set(id, clamped);
      emit({ type: 'playhead', timelineId: id, frame: clamped });
      return hostOk(undefined);
    }),
    readMarkers: counted(async (id: string) => {
      const list = markers.get(id);
      return list ? hostOk([...list]) : notFound<readonly HostMarker[]>(id);
    }),
    writeMarkers: counted(async (id: string, specs: readonly MarkerSpec[]) => {
      const list = markers.get(id);
      if (!list) return notFound<{ written: number }>(id);
      for (const s of specs) {
        const color: MarkerColor = MARKER_COLORS.includes(s.color) ? s.color : 'red';
        list.push({ id: `demo-marker-${++markerSeq}`, name: s.name, ...(s.note ? { note: s.note } : {}), color, frames: { start: s.frames.start, end: Math.max(s.frames.end, s.frames.start + 1) } });
      }
      list.sort((a, b) => a.frames.start - b.frames.start);
      emit({ type: 'markers', timelineId: id });
      return hostOk({ written: specs.length });
    }),
    exportTimeline: counted(async (id: string, format, path: string) => {
      const tl = timelines.get(id);
      if (!tl) return notFound<{ path: string }>(id);
      if (format === 'aaf') return hostErr('demo', 'NOT_SUPPORTED', 'The demo project does not write AAF.');
      exports.set(path, writeInterchange(tl, format).text);
      return hostOk({ path });
    }),
    listRenderPresets: counted(async () => hostOk(DEMO_PRESETS)),
    queueRenderJobs: counted(async (specs: readonly RenderJobSpec[]) => {
      const out: RenderJobStatus[] = [];
      for (const spec of specs) {
        const tl = timelines.get(spec.timelineId);
        if (!tl) return notFound<readonly RenderJobStatus[]>(spec.timelineId);
        const preset = DEMO_PRESETS.find((p) => p.id === spec.presetId);
        if (!preset) return hostErr<readonly RenderJobStatus[]>('demo', 'NOT_SUPPORTED', `The demo has no render preset "${spec.presetId}".`);
        if (jobs.has(spec.jobId)) return hostErr<readonly RenderJobStatus[]>('demo', 'HOST_CALL_FAILED', `Render job ${spec.jobId} is already queued.`);
        const frames = spec.frames ? Math.max(1, spec.frames.end - spec.frames.start) : Math.max(1, timelineDuration(tl).value);
        const job: DemoJob = { spec, frames, extension: preset.extension ?? 'mov', cancelled: false };
        jobs.set(spec.jobId, job);
        out.push(statusOf(job));
      }
      return hostOk(out);
    }),
    startRender: counted(async (ids: readonly string[]): Promise<HostResult<void>> => {
      const list: DemoJob[] = [];
      for (const id of ids) {
        const job = jobs.get(id);
        if (!job) return hostErr('demo', 'RENDER_JOB_NOT_FOUND', `No render job ${id} was queued.`);
        list.push(job);
      }
      let at = Math.max(clock.now(), queueEnd);
      for (const job of list) {
        if (job.startAt !== undefined || job.cancelled) continue;
        job.startAt = at;
        at += (job.failure !== undefined ? job.frames / 2 : job.frames) * (1000 / fps);
      }
      queueEnd = at;
      emit({ type: 'render', jobIds: ids });
      return hostOk(undefined);
    }),
    pollRenderJobs: counted(async (ids: readonly string[]) => {
      const out: RenderJobStatus[] = [];
      for (const id of ids) {
        const job = jobs.get(id);
        if (!job) return hostErr<readonly RenderJobStatus[]>('demo', 'RENDER_JOB_NOT_FOUND', `No render job ${id} was queued.`);
        out.push(statusOf(job));
      }
      return hostOk(out);
    }),
    cancelRender: counted(async (ids: readonly string[]): Promise<HostResult<void>> => {
      for (const id of ids) {
        const job = jobs.get(id);
        if (!job) return hostErr('demo', 'RENDER_JOB_NOT_FOUND', `No render job ${id} was queued.`);
        const s = statusOf(job);
        if (s.state === 'queued' || s.state === 'running') job.cancelled = true;
      }
      emit({ type: 'render', jobIds: ids });
      return hostOk(undefined);
    }),
  };
}
