import { writeFileSync } from 'node:fs';
import { formatTimecode, parseFrameRate, parseTimecode } from '@picturelock/core';
import type { FakeResolveItemSpec, FakeResolveJobSpec, FakeResolveMarkerSpec, FakeResolveSpec, FakeResolveTimelineSpec } from './spec.ts';

/**
 * A fake of Resolve's scripting object graph, written from docs/hosts/resolve.md, with the
 * behaviour a permissive fake would hide:
 *
 * - failures are silent: `None` (null here) or `False`, never an exception;
 * - indices are 1-based (`GetTimelineByIndex(1)`, `GetItemListInTrack("video", 1)`); index 0
 *   or past the end gives None / an empty list;
 * - timeline item positions are absolute frames (`GetStart()` of the first frame of a
 *   01:00:00;00 29.97 DF timeline is 107892), marker frame ids are offsets from the start,
 *   and the marker dict's keys are float-like strings ("96.0");
 * - `GetSourceEndFrame()` is the last source frame used (inclusive);
 * - no clip speed and no transitions anywhere in the API;
 * - render settings inherit the loaded preset: `LoadRenderPreset` replaces every setting
 *   with the preset's, `SetRenderSettings` answers True even for a key it did not apply
 *   (see `ignoreRenderSetting`), and a job snapshots the settings when added;
 * - render status only by polling `GetRenderJobStatus`; no events; the queue is shared and
 *   holds someone else's job; `StartRendering()` with no ids starts every job in it;
 * - `AddMarker` answers False when a marker already sits on that frame.
 *
 * Every method call counts (`calls`), per method too (`callsByMethod`).
 */

export interface FakeResolveState {
  calls: number;
  readonly callsByMethod: Map<string, number>;
}

type Settings = Record<string, string | number | boolean>;

interface FakeJob {
  readonly jobId: string;
  readonly name: string;
  readonly timelineName: string;
  status: FakeResolveJobSpec['status'];
  percent: number;
  error?: string;
  readonly settings: Settings;
  readonly presetName: string;
  readonly extension: string;
  readonly foreign: boolean;
}

const MARKER_COLORS = ['Blue', 'Cyan', 'Green', 'Yellow', 'Red', 'Pink', 'Purple', 'Fuchsia', 'Rose', 'Lavender', 'Sky', 'Mint', 'Lemon', 'Sand', 'Cocoa', 'Cream'];

/** Distinct opaque values, as the doc asks: code must read them from the live object. */
const EXPORT_CONSTANTS = {
  EXPORT_AAF: 9001,
  EXPORT_DRT: 9002,
  EXPORT_EDL: 9003,
  EXPORT_FCP_7_XML: 9004,
  EXPORT_FCPXML_1_10: 9005,
  EXPORT_OTIO: 9006,
  EXPORT_NONE: 9101,
  EXPORT_AAF_NEW: 9102,
  EXPORT_AAF_EXISTING: 9103,
  EXPORT_CDL: 9104,
  EXPORT_SDL: 9105,
  EXPORT_MISSING_CLIPS: 9106,
} as const;

class Counted {
  constructor(protected readonly state: FakeResolveState) {}
  protected hit(method: string): void {
    this.state.calls++;
    this.state.callsByMethod.set(method, (this.state.callsByMethod.get(method) ?? 0) + 1);
  }
}

export class FakeResolveMediaPoolItem extends Counted {
  constructor(
    state: FakeResolveState,
    private readonly id: string,
    private readonly spec: { readonly name: string; readonly properties: Readonly<Record<string, string | number>> },
  ) {
    super(state);
  }
  GetName(): string {
    this.hit('GetName');
    return this.spec.name;
  }
  GetMediaId(): string {
    this.hit('GetMediaId');
    return this.id;
  }
  /** All properties as a dict without a key; a missing key gives the "trivial result" ''. */
  GetClipProperty(key?: string): string | number | Record<string, string | number> {
    this.hit('GetClipProperty');
    if (key === undefined) return { ...this.spec.properties };
    return this.spec.properties[key] ?? '';
  }
}

export class FakeResolveTimelineItem extends Counted {
  constructor(
    state: FakeResolveState,
    private readonly spec: FakeResolveItemSpec,
    private readonly mpi: FakeResolveMediaPoolItem | null,
  ) {
    super(state);
  }
  GetName(): string {
    this.hit('GetName');
    return this.spec.name;
  }
  GetUniqueId(): string {
    this.hit('GetUniqueId');
    return this.spec.uniqueId;
  }
  GetStart(): number {
    this.hit('GetStart');
    return this.spec.start;
  }
  GetEnd(): number {
    this.hit('GetEnd');
    return this.spec.end;
  }
  GetDuration(): number {
    this.hit('GetDuration');
    return this.spec.end - this.spec.start;
  }
  GetSourceStartFrame(): number {
    this.hit('GetSourceStartFrame');
    return this.spec.sourceStart;
  }
  GetSourceEndFrame(): number {
    this.hit('GetSourceEndFrame');
    return this.spec.sourceEndInclusive;
  }
  GetClipEnabled(): boolean {
    this.hit('GetClipEnabled');
    return this.spec.enabled;
  }
  GetMediaPoolItem(): FakeResolveMediaPoolItem | null {
    this.hit('GetMediaPoolItem');
    return this.mpi;
  }
}

export class FakeResolveTimeline extends Counted {
  readonly markers = new Map<number, FakeResolveMarkerSpec>();
  private readonly items: { video: FakeResolveTimelineItem[][]; audio: FakeResolveTimelineItem[][] };
  currentFrame: number;

  constructor(
    state: FakeResolveState,
    readonly spec: FakeResolveTimelineSpec,
    media: (key: string) => FakeResolveMediaPoolItem | null,
  ) {
    super(state);
    const build = (tracks: readonly (readonly FakeResolveItemSpec[])[]) => tracks.map((t) => t.map((i) => new FakeResolveTimelineItem(state, i, media(i.media))));
    this.items = { video: build(spec.video), audio: build(spec.audio) };
    for (const [k, m] of Object.entries(spec.markers)) this.markers.set(Number(k), m);
    this.currentFrame = spec.startFrame;
  }
  private endFrame(): number {
    let end = this.spec.startFrame;
    for (const t of [...this.items.video, ...this.items.audio]) for (const i of t) end = Math.max(end, i.GetEnd());
    return end;
  }
  GetName(): string {
    this.hit('GetName');
    return this.spec.name;
  }
  GetUniqueId(): string {
    this.hit('GetUniqueId');
    return this.spec.uniqueId;
  }
  GetStartFrame(): number {
    this.hit('GetStartFrame');
    return this.spec.startFrame;
  }
  GetEndFrame(): number {
    this.hit('GetEndFrame');
    return this.endFrame();
  }
  GetStartTimecode(): string {
    this.hit('GetStartTimecode');
    return this.spec.startTimecode;
  }
  GetSetting(name?: string): string | Record<string, string> {
    this.hit('GetSetting');
    const all: Record<string, string> = { timelineFrameRate: this.spec.frameRate, timelineDropFrameTimecode: this.spec.dropFrame, timelineResolutionWidth: '1920', timelineResolutionHeight: '1080' };
    if (name === undefined) return all;
    return all[name] ?? '';
  }
  GetTrackCount(trackType: string): number {
    this.hit('GetTrackCount');
    if (trackType === 'video') return this.items.video.length;
    if (trackType === 'audio') return this.items.audio.length;
    return 0;
  }
  /** 1-based; a bad index gives an empty list, not an error. */
  GetItemListInTrack(trackType: string, index: number): FakeResolveTimelineItem[] {
    this.hit('GetItemListInTrack');
    const tracks = trackType === 'video' ? this.items.video : trackType === 'audio' ? this.items.audio : [];
    if (!Number.isInteger(index) || index < 1) return [];
    return [...(tracks[index - 1] ?? [])];
  }
  GetTrackName(trackType: string, index: number): string {
    this.hit('GetTrackName');
    return index >= 1 ? `${trackType === 'video' ? 'Video' : 'Audio'} ${index}` : '';
  }
  /** Frame ids are offsets from the timeline start; Python hands them over as floats. */
  GetMarkers(): Record<string, FakeResolveMarkerSpec> {
    this.hit('GetMarkers');
    const out: Record<string, FakeResolveMarkerSpec> = {};
    for (const [f, m] of [...this.markers].sort((a, b) => a[0] - b[0])) out[`${f}.0`] = { ...m };
    return out;
  }
  AddMarker(frameId: number, color: string, name: string, note: string, duration: number, customData?: string): boolean {
    this.hit('AddMarker');
    if (!Number.isInteger(frameId) || frameId < 0 || frameId >= this.endFrame() - this.spec.startFrame) return false;
    if (!MARKER_COLORS.includes(color) || !Number.isInteger(duration) || duration < 1) return false;
    if (this.markers.has(frameId)) return false;
    this.markers.set(frameId, { color, name, note, duration, customData: customData ?? '' });
    return true;
  }
  DeleteMarkerAtFrame(frameId: number): boolean {
    this.hit('DeleteMarkerAtFrame');
    return this.markers.delete(frameId);
  }
  GetCurrentTimecode(): string {
    this.hit('GetCurrentTimecode');
    const r = parseFrameRate(`${this.spec.frameRate}${this.spec.dropFrame === '1' ? ' DF' : ''}`);
    const tc = r.ok ? formatTimecode(this.currentFrame, r.value) : undefined;
    return tc?.ok ? tc.value : '';
  }
  /** Takes a timecode label at the timeline's rate; a malformed label gives False. */
  SetCurrentTimecode(tc: string): boolean {
    this.hit('SetCurrentTimecode');
    const r = parseFrameRate(`${this.spec.frameRate}${this.spec.dropFrame === '1' ? ' DF' : ''}`);
    if (!r.ok || typeof tc !== 'string') return false;
    const f = parseTimecode(tc, r.value);
    if (!f.ok) return false;
    this.currentFrame = f.value;
    return true;
  }
  /** Writes the file for the formats the fake knows; EDL needs a subtype, as the doc says. */
  Export(fileName: string, exportType: number, exportSubtype?: number): boolean {
    this.hit('Export');
    if (exportType !== EXPORT_CONSTANTS.EXPORT_EDL) return false;
    if (exportSubtype === undefined || ![EXPORT_CONSTANTS.EXPORT_NONE, EXPORT_CONSTANTS.EXPORT_CDL, EXPORT_CONSTANTS.EXPORT_SDL, EXPORT_CONSTANTS.EXPORT_MISSING_CLIPS].includes(exportSubtype as 9101)) return false;
    try {
      writeFileSync(fileName, this.spec.edl);
      return true;
    } catch {
      return false;
    }
  }
}

export class FakeResolveProject extends Counted {
  readonly timelines: FakeResolveTimeline[];
  current: FakeResolveTimeline | null;
  private settings: Settings = {};
  private loadedPreset: { name: string; extension: string } | undefined;
  readonly jobs: FakeJob[] = [];
  private nextJob = 1;
  /** Settings `SetRenderSettings` accepts with True but does not apply (a preset that locks them). */
  readonly ignoredSettings = new Set<string>();
  /** Our jobs' CustomNames that fail when rendered. */
  readonly failing = new Set<string>();

  constructor(
    state: FakeResolveState,
    private readonly spec: FakeResolveSpec,
  ) {
    super(state);
    const pool = new Map(Object.entries(spec.mediaPool).map(([k, v]) => [k, new FakeResolveMediaPoolItem(state, k, v)]));
    this.timelines = spec.timelines.map((t) => new FakeResolveTimeline(state, t, (k) => pool.get(k) ?? null));
    this.current = this.timelines[spec.currentTimeline - 1] ?? null;
    for (const j of spec.otherJobs) {
      this.jobs.push({ jobId: j.jobId, name: j.name, timelineName: j.timelineName, status: j.status, percent: j.status === 'Complete' ? 100 : 0, settings: { TargetDir: j.targetDir, CustomName: j.outputFilename.replace(/\.[^.]+$/, '') }, presetName: 'Custom', extension: j.outputFilename.slice(j.outputFilename.lastIndexOf('.') + 1), foreign: true });
    }
  }
  GetName(): string {
    this.hit('GetName');
    return this.spec.projectName;
  }
  GetTimelineCount(): number {
    this.hit('GetTimelineCount');
    return this.timelines.length;
  }
  GetTimelineByIndex(idx: number): FakeResolveTimeline | null {
    this.hit('GetTimelineByIndex');
    if (!Number.isInteger(idx) || idx < 1) return null;
    return this.timelines[idx - 1] ?? null;
  }
  GetCurrentTimeline(): FakeResolveTimeline | null {
    this.hit('GetCurrentTimeline');
    return this.current;
  }
  SetCurrentTimeline(tl: FakeResolveTimeline): boolean {
    this.hit('SetCurrentTimeline');
    if (!this.timelines.includes(tl)) return false;
    this.current = tl;
    return true;
  }
  GetRenderPresetList(): string[] {
    this.hit('GetRenderPresetList');
    return this.spec.presets.map((p) => p.name);
  }
  GetRenderFormats(): Record<string, string> {
    this.hit('GetRenderFormats');
    return { QuickTime: 'mov', MP4: 'mp4', MXF: 'mxf' };
  }
  /** Replaces every render setting with the preset's: what was set before is gone. */
  LoadRenderPreset(name: string): boolean {
    this.hit('LoadRenderPreset');
    const p = this.spec.presets.find((x) => x.name === name);
    if (!p) return false;
    this.settings = { ...p.settings };
    this.loadedPreset = { name: p.name, extension: p.extension };
    return true;
  }
  SetRenderSettings(settings: Settings): boolean {
    this.hit('SetRenderSettings');
    if (typeof settings !== 'object' || settings === null) return false;
    for (const [k, v] of Object.entries(settings)) if (!this.ignoredSettings.has(k)) this.settings[k] = v;
    return true;
  }
  /** A job id string, or '' when there is nothing to render (no current timeline). */
  AddRenderJob(): string {
    this.hit('AddRenderJob');
    if (!this.current) return '';
    const jobId = `9c1e${String(this.nextJob++).padStart(4, '0')}-5d2a-4e7b-9a61-0c3f5b7d${String(this.jobs.length).padStart(4, '0')}`;
    this.jobs.push({
      jobId,
      name: `Job ${this.jobs.length + 1}`,
      timelineName: this.current.spec.name,
      status: 'Ready',
      percent: 0,
      settings: { ...this.settings },
      presetName: this.loadedPreset?.name ?? 'Custom',
      extension: this.loadedPreset?.extension ?? 'mov',
      foreign: false,
    });
    return jobId;
  }
  DeleteRenderJob(jobId: string): boolean {
    this.hit('DeleteRenderJob');
    const i = this.jobs.findIndex((j) => j.jobId === jobId);
    if (i < 0 || this.jobs[i]!.status === 'Rendering') return false;
    this.jobs.splice(i, 1);
    return true;
  }
  GetRenderJobList(): Record<string, string | number | boolean>[] {
    this.hit('GetRenderJobList');
    return this.jobs.map((j) => ({
      JobId: j.jobId,
      RenderJobName: j.name,
      TimelineName: j.timelineName,
      TargetDir: String(j.settings['TargetDir'] ?? ''),
      OutputFilename: `${String(j.settings['CustomName'] ?? j.timelineName)}.${j.extension}`,
      MarkIn: Number(j.settings['MarkIn'] ?? 0),
      MarkOut: Number(j.settings['MarkOut'] ?? 0),
      PresetName: j.presetName,
      IsExportVideo: j.settings['ExportVideo'] !== false,
      IsExportAudio: j.settings['ExportAudio'] !== false,
    }));
  }
  /** `StartRendering(id, id…)`, `StartRendering([ids], interactive)` or `StartRendering()` = every job in the queue. */
  StartRendering(...args: unknown[]): boolean {
    this.hit('StartRendering');
    if (this.jobs.some((j) => j.status === 'Rendering')) return false;
    let ids: string[];
    if (args.length === 0 || typeof args[0] === 'boolean') ids = this.jobs.filter((j) => j.status === 'Ready').map((j) => j.jobId);
    else if (Array.isArray(args[0])) ids = args[0].map(String);
    else ids = args.filter((a): a is string => typeof a === 'string');
    const jobs = ids.map((id) => this.jobs.find((j) => j.jobId === id));
    if (jobs.some((j) => !j || j.status !== 'Ready')) return false;
    for (const j of jobs) {
      j!.status = 'Rendering';
      j!.percent = 0;
    }
    return true;
  }
  StopRendering(): null {
    this.hit('StopRendering');
    for (const j of this.jobs) if (j.status === 'Rendering') j.status = 'Cancelled';
    return null;
  }
  IsRenderingInProgress(): boolean {
    this.hit('IsRenderingInProgress');
    return this.jobs.some((j) => j.status === 'Rendering');
  }
  /** Keys come and go with the state, as third-party code observed. Unknown id: an empty dict. */
  GetRenderJobStatus(jobId: string): Record<string, string | number> {
    this.hit('GetRenderJobStatus');
    const j = this.jobs.find((x) => x.jobId === jobId);
    if (!j) return {};
    const out: Record<string, string | number> = { JobStatus: j.status, CompletionPercentage: j.percent };
    if (j.status === 'Rendering') out['EstimatedTimeRemainingInMs'] = (100 - j.percent) * 40;
    if (j.status === 'Complete') out['TimeTakenToRenderInMs'] = 4000;
    if (j.status === 'Failed' && j.error) out['Error'] = j.error;
    return out;
  }

  /** Test control, not Resolve API: moves every rendering job on to its end. */
  finishRendering(): void {
    for (const j of this.jobs) {
      if (j.status !== 'Rendering') continue;
      if (this.failing.has(String(j.settings['CustomName'] ?? ''))) {
        j.status = 'Failed';
        j.percent = 37;
        j.error = 'Render Job failed: the codec could not be initialised (media offline at 01:00:00;12)';
      } else {
        j.status = 'Complete';
        j.percent = 100;
      }
    }
  }
  /** Test control: someone else starts their job in the shared queue. */
  startForeignJob(): void {
    const j = this.jobs.find((x) => x.foreign && x.status === 'Ready');
    if (j) j.status = 'Rendering';
  }
}

export class FakeResolveProjectManager extends Counted {
  constructor(
    state: FakeResolveState,
    private readonly project: FakeResolveProject | null,
  ) {
    super(state);
  }
  GetCurrentProject(): FakeResolveProject | null {
    this.hit('GetCurrentProject');
    return this.project;
  }
}

export class FakeResolve extends Counted {
  readonly EXPORT_AAF = EXPORT_CONSTANTS.EXPORT_AAF;
  readonly EXPORT_DRT = EXPORT_CONSTANTS.EXPORT_DRT;
  readonly EXPORT_EDL = EXPORT_CONSTANTS.EXPORT_EDL;
  readonly EXPORT_FCP_7_XML = EXPORT_CONSTANTS.EXPORT_FCP_7_XML;
  readonly EXPORT_FCPXML_1_10 = EXPORT_CONSTANTS.EXPORT_FCPXML_1_10;
  readonly EXPORT_OTIO = EXPORT_CONSTANTS.EXPORT_OTIO;
  readonly EXPORT_NONE = EXPORT_CONSTANTS.EXPORT_NONE;
  readonly EXPORT_AAF_NEW = EXPORT_CONSTANTS.EXPORT_AAF_NEW;
  readonly EXPORT_AAF_EXISTING = EXPORT_CONSTANTS.EXPORT_AAF_EXISTING;
  readonly EXPORT_CDL = EXPORT_CONSTANTS.EXPORT_CDL;
  readonly EXPORT_SDL = EXPORT_CONSTANTS.EXPORT_SDL;
  readonly EXPORT_MISSING_CLIPS = EXPORT_CONSTANTS.EXPORT_MISSING_CLIPS;
  readonly project: FakeResolveProject | null;
  private readonly pm: FakeResolveProjectManager;
  page = 'edit';

  constructor(
    state: FakeResolveState,
    private readonly spec: FakeResolveSpec,
    withProject = true,
  ) {
    super(state);
    this.project = withProject ? new FakeResolveProject(state, spec) : null;
    this.pm = new FakeResolveProjectManager(state, this.project);
  }
  GetProductName(): string {
    this.hit('GetProductName');
    return this.spec.productName;
  }
  GetVersion(): (number | string)[] {
    this.hit('GetVersion');
    return [...this.spec.version];
  }
  GetVersionString(): string {
    this.hit('GetVersionString');
    const [a, b, c, d, s] = this.spec.version;
    return `${a}.${b}.${c}.${d}${s ? ` ${s}` : ''}`;
  }
  GetProjectManager(): FakeResolveProjectManager {
    this.hit('GetProjectManager');
    return this.pm;
  }
  OpenPage(page: string): boolean {
    this.hit('OpenPage');
    if (!['media', 'cut', 'edit', 'fusion', 'color', 'fairlight', 'deliver'].includes(page)) return false;
    this.page = page;
    return true;
  }
  GetCurrentPage(): string {
    this.hit('GetCurrentPage');
    return this.page;
  }
}

/** A fake `resolve` object loaded with `spec`; `state.calls` counts every API call made on it. */
export function createFakeResolve(spec: FakeResolveSpec, options: { withProject?: boolean } = {}): { resolve: FakeResolve; state: FakeResolveState } {
  const state: FakeResolveState = { calls: 0, callsByMethod: new Map() };
  return { resolve: new FakeResolve(state, spec, options.withProject ?? true), state };
}
