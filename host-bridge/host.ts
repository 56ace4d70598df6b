import type { Finding, MarkerColor, MediaRecord, Timeline } from '@picturelock/core';

/**
 * The one interface every host adapter implements: Premiere UXP, Premiere CEP/ExtendScript,
 * Resolve (Workflow Integration or the Python bridge), standalone (files, ffprobe, ffmpeg) and
 * the in-memory demo. An adapter says what it can do in `capabilities`; the panel hides the
 * rest. Every call resolves to a result envelope; none throws and none returns a string the
 * caller would have to sniff.
 *
 * Positions on a timeline are whole frames at the timeline's rate counted from its first
 * frame (0 = the frame at the timeline's start timecode), ranges half-open `[start, end)`.
 * Adapters convert from ticks (Premiere) or absolute frame numbers (Resolve) exactly once.
 */

export type HostKind = 'premiere-uxp' | 'premiere-cep' | 'resolve' | 'standalone' | 'demo';

export type HostErrorCode =
  /** The host or its scripting object is not there yet (panel opened before a project). */
  | 'HOST_NOT_READY'
  /** No project or no active sequence/timeline. */
  | 'NO_ACTIVE_TIMELINE'
  | 'TIMELINE_NOT_FOUND'
  /** The adapter cannot do this on this host or version. */
  | 'NOT_SUPPORTED'
  | 'MEDIA_OFFLINE'
  /** The render queue is rendering someone else's jobs. */
  | 'RENDER_QUEUE_BUSY'
  | 'RENDER_JOB_NOT_FOUND'
  | 'EXPORT_FAILED'
  /** The host call itself failed (ExtendScript's `EvalScript error.`, Resolve's `None`). */
  | 'HOST_CALL_FAILED'
  /** The host answered something the adapter cannot read. */
  | 'BAD_RESPONSE'
  | 'TIMEOUT'
  | 'CANCELLED';

export interface HostError {
  readonly code: HostErrorCode;
  /** Written for the editor: what happened and what to do. */
  readonly message: string;
  readonly host: HostKind;
  /** The host's own words, when it gave any. */
  readonly detail?: string;
}

export type HostResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HostError };

export type HostExportFormat = 'edl' | 'fcp7xml' | 'fcpxml' | 'otio' | 'aaf';

export interface HostCapabilities {
  readonly readTimeline: boolean;
  readonly setPlayhead: boolean;
  readonly readMarkers: boolean;
  readonly writeMarkers: boolean;
  /** Formats the host itself can export the timeline to. */
  readonly exportFormats: readonly HostExportFormat[];
  readonly renderQueue: boolean;
  readonly cancelRender: boolean;
  /** False where the scripting API does not expose clip speed (Resolve): speeds then come from an exported EDL. */
  readonly clipSpeedInApi: boolean;
}

export interface HostInfo {
  readonly kind: HostKind;
  /** `Adobe Premiere Pro`, `DaVinci Resolve Studio` … */
  readonly name: string;
  readonly version: string;
  readonly capabilities: HostCapabilities;
}

export interface TimelineRef {
  /** The host's stable id (Premiere sequence GUID / sequenceID, Resolve unique id, a path). */
  readonly id: string;
  readonly name: string;
}

export interface HostTimeline {
  readonly ref: TimelineRef;
  readonly timeline: Timeline;
  /** Facts of every media file the timeline uses, as the host reports them. */
  readonly media: readonly MediaRecord[];
  /** What the adapter could not read exactly (e.g. speed taken from an EDL export). */
  readonly findings: readonly Finding[];
}

export interface MarkerSpec {
  readonly name: string;
  readonly note?: string;
  readonly color: MarkerColor;
  /** Record frames from the timeline start, `[start, end)`; `end === start + 1` for a one-frame marker. */
  readonly frames: { readonly start: number; readonly end: number };
}

export interface HostMarker extends MarkerSpec {
  /** The host's id for the marker, when it has one. */
  readonly id?: string;
}

export interface RenderPreset {
  readonly id: string;
  readonly name: string;
  /** Container extension the preset writes (`mov`, `mxf`, `mp4`, `wav`), when known. */
  readonly extension?: string;
}

/** One render, as a deliver plan asks for it. */
export interface RenderJobSpec {
  /** The plan's job id: results are matched back to the plan by it. */
  readonly jobId: string;
  readonly timelineId: string;
  readonly presetId: string;
  /** Folder and file name without extension where the host writes the output. */
  readonly outputFolder: string;
  readonly outputName: string;
  /** Record frames from the timeline start, `[start, end)`; the whole timeline when absent. */
  readonly frames?: { readonly start: number; readonly end: number };
}

export type RenderJobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface RenderJobStatus {
  readonly jobId: string;
  /** The host's own job id (Resolve job id, AME job id). */
  readonly hostJobId?: string;
  readonly state: RenderJobState;
  /** 0 to 100. */
  readonly percent: number;
  /** The file the host wrote, once known. */
  readonly outputPath?: string;
  readonly error?: string;
}

export interface Host {
  info(): Promise<HostResult<HostInfo>>;
  listTimelines(): Promise<HostResult<readonly TimelineRef[]>>;
  activeTimeline(): Promise<HostResult<TimelineRef>>;
  /** Reads a timeline (the active one when `id` is absent) into the core model. */
  readTimeline(id?: string): Promise<HostResult<HostTimeline>>;
  /** Moves the playhead to a record frame (from the timeline start). */
  setPlayhead(timelineId: string, frame: number): Promise<HostResult<void>>;
  readMarkers(timelineId: string): Promise<HostResult<readonly HostMarker[]>>;
  writeMarkers(timelineId: string, markers: readonly MarkerSpec[]): Promise<HostResult<{ readonly written: number }>>;
  /** Has the host export the timeline; resolves with the path written. */
  exportTimeline(timelineId: string, format: HostExportFormat, path: string): Promise<HostResult<{ readonly path: string }>>;
  listRenderPresets(): Promise<HostResult<readonly RenderPreset[]>>;
  queueRenderJobs(jobs: readonly RenderJobSpec[]): Promise<HostResult<readonly RenderJobStatus[]>>;
  /** Starts the queued jobs of ours (never someone else's). */
  startRender(jobIds: readonly string[]): Promise<HostResult<void>>;
  pollRenderJobs(jobIds: readonly string[]): Promise<HostResult<readonly RenderJobStatus[]>>;
  cancelRender(jobIds: readonly string[]): Promise<HostResult<void>>;
}

/** Helpers for adapters: one way to build both envelopes. */
export function hostOk<T>(value: T): HostResult<T> {
  return { ok: true, value };
}

export function hostErr<T = never>(host: HostKind, code: HostErrorCode, message: string, detail?: string): HostResult<T> {
  return { ok: false, error: { code, message, host, ...(detail !== undefined ? { detail } : {}) } };
}
