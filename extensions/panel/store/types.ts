import type { DeliveryProfile, Finding, FrameRate, NamingConvention, Report, Severity, SpecEvaluation, Waiver } from '@picturelock/core';
import type { Host, HostError, HostErrorCode, HostInfo, HostTimeline, RenderJobStatus, RenderPreset, TimelineRef } from '@picturelock/host-bridge/browser';

/** A message the panel shows until dismissed: every action that cannot run says why here. */
export interface PanelNotice {
  readonly id: number;
  readonly level: 'error' | 'warning' | 'info' | 'success';
  readonly title: string;
  readonly message: string;
  /** What the editor can do about it. */
  readonly action?: string;
  readonly code?: HostErrorCode | 'NOTHING_TO_DO' | 'MEDIA_OFFLINE' | 'OFFLINE_UNREADABLE' | 'OFFLINE_RATE_ASSUMED' | 'OFFLINE_DIFFERS';
}

export type NoticeInput = Omit<PanelNotice, 'id'>;

export interface HostSlice {
  readonly hostStatus: 'idle' | 'connecting' | 'ready' | 'error';
  readonly hostInfo?: HostInfo;
  readonly hostError?: HostError;
  readonly notices: readonly PanelNotice[];
  /** Asks the host who it is; false (with a notice) when it is not ready. */
  connect(): Promise<boolean>;
  notify(n: NoticeInput): void;
  dismissNotice(id: number): void;
}

export interface TimelineSlice {
  readonly timelines: readonly TimelineRef[];
  readonly current?: HostTimeline;
  readonly timelineStatus: 'empty' | 'loading' | 'ready' | 'error';
  readonly timelineError?: HostError;
  /** Record frame from the timeline start where the panel last put the host's playhead. */
  readonly playhead?: number;
  /** Reads the host's active timeline again. */
  refresh(): Promise<void>;
  openTimeline(id: string): Promise<void>;
  /** Moves the host's playhead to a record frame from the timeline start. */
  seek(frame: number): Promise<boolean>;
}

export type SeverityFilter = Readonly<Record<Severity, boolean>>;

export interface ChecksSlice {
  /** Every finding of the last run (host read findings, timeline lint, conform), unfiltered and unwaived. */
  readonly checkFindings: readonly Finding[];
  readonly checksStatus: 'idle' | 'running' | 'done';
  /** The timeline id and version (the HostTimeline object) the findings (checks and comparison) belong to. */
  readonly checkedTimeline?: HostTimeline;
  /**
   * Findings of the last comparison of the timeline with its offline list (DIFF_*, plus the
   * reader's warnings and errors about the list), shown in the same list as the checks.
   */
  readonly compareFindings: readonly Finding[];
  /** The offline list last compared: its file name and format, for the view's summary line. */
  readonly compareList?: { readonly name: string; readonly format: string; readonly timelineId: string };
  readonly checksRun: readonly { readonly id: string; readonly version: number; readonly findings: number }[];
  /** Handles asked for on each side, in source frames. */
  readonly handles: number;
  /** Events shorter than this many record frames are flash frames. */
  readonly flashFrames: number;
  readonly severityFilter: SeverityFilter;
  /** One finding code, or '' for every code. */
  readonly codeFilter: string;
  readonly waivers: readonly Waiver[];
  /** Index into the visible (filtered, unwaived) list of the finding the list cursor is on. */
  readonly activeFinding: number;
  setCheckOptions(o: { readonly handles?: number; readonly flashFrames?: number }): void;
  runChecks(): Promise<void>;
  /**
   * Reads an offline list (EDL, FCP7 XML, FCPXML, OTIO, AAF) and compares the active timeline
   * with it shot by shot: slips, wrong clips, missing and extra events, changed durations. An
   * EDL states no rate: without `rate` it is read at the timeline's rate (and a notice says so).
   * False, with a notice, when the list cannot be read or compared.
   */
  compareWithOffline(bytes: Uint8Array, fileName: string, rate?: FrameRate): Promise<boolean>;
  toggleSeverity(s: Severity): void;
  setCodeFilter(code: string): void;
  setActiveFinding(index: number): void;
  /** Moves the host's playhead to the finding's first frame. */
  goToFinding(f: Finding): Promise<boolean>;
  /** Writes every visible finding that has a timeline position as a host marker coloured by severity. */
  markAll(): Promise<void>;
  /** Records a client-approved exception; a reason is required. */
  waive(f: Finding, reason: string): boolean;
  unwaive(index: number): void;
}

export interface NamingSlice {
  readonly conventionList: readonly NamingConvention[];
  /** A built-in convention id, or '' for Picturelock's default template (`{title}_{element}_{res}_{fps}`). */
  readonly conventionId: string;
  /** Today as an ISO date (`2025-03-14`): the naming `date` field when none is typed. */
  readonly today: string;
  /** Values the editor typed, by field; fields left out take the value derived from the timeline. */
  readonly namingValues: Readonly<Record<string, string>>;
  setConvention(id: string): void;
  setNamingValue(field: string, value: string): void;
}

export interface SpecSlice {
  readonly profileList: readonly DeliveryProfile[];
  readonly profileId: string;
  readonly specEvaluation?: SpecEvaluation;
  /** The timeline the evaluation was made for. */
  readonly specTimeline?: HostTimeline;
  setProfile(id: string): void;
  /** Validates the sequence settings (rate, raster, start timecode, duration) against the profile now. */
  validateSpec(): Promise<boolean>;
}

/** One render job of the delivery, as planned in the panel and as the host reports it. */
export interface PanelJob {
  readonly jobId: string;
  readonly deliverable: string;
  readonly label: string;
  readonly presetId: string;
  readonly outputFolder: string;
  readonly outputName: string;
  readonly extension: string;
  readonly status?: RenderJobStatus;
  /** Findings of the re-check of the rendered file (its name, its extension, its state). */
  readonly recheck?: readonly Finding[];
}

export interface DeliverSlice {
  /** Deliverables chosen, by id. */
  readonly deliverSelected: Readonly<Record<string, boolean>>;
  readonly hostPresets: readonly RenderPreset[];
  /** Host render preset chosen per deliverable id. */
  readonly presetChoice: Readonly<Record<string, string>>;
  readonly outputFolder: string;
  readonly deliverJobs: readonly PanelJob[];
  readonly deliverStatus: 'idle' | 'planned' | 'rendering' | 'done';
  readonly report?: Report;
  toggleDeliverable(id: string): void;
  setHostPreset(deliverable: string, presetId: string): void;
  setOutputFolder(folder: string): void;
  loadPresets(): Promise<void>;
  /** Plans the chosen deliverables from the profile and the naming convention. */
  planDelivery(): Promise<boolean>;
  /** Queues the planned jobs in the host's render queue and starts them. */
  queueDelivery(): Promise<boolean>;
  /** Polls the host once for the jobs' progress; re-checks the outputs when all have ended. */
  pollOnce(): Promise<void>;
  cancelDelivery(): Promise<void>;
  recheckDelivery(): void;
  /** Builds the report of everything the panel found (checks, spec, naming, delivery). */
  buildPanelReport(): Report;
}

export type PanelState = HostSlice & TimelineSlice & ChecksSlice & NamingSlice & SpecSlice & DeliverSlice;

export interface PanelStoreOptions {
  readonly host: Host;
  /** Wall clock for waiver dates and the naming `date` field (tests pass a fixed one). */
  readonly now?: () => Date;
  /** Milliseconds between render-progress polls (0: no timer; call `pollOnce`). Default 400. */
  readonly pollIntervalMs?: number;
  /** Name recorded with waivers. */
  readonly user?: string;
  readonly profiles?: readonly DeliveryProfile[];
  readonly conventions?: readonly NamingConvention[];
}

/** What each slice gets: the store's get/set plus the injected host and options. */
export interface SliceContext {
  readonly get: () => PanelState;
  readonly set: (partial: Partial<PanelState>) => void;
  readonly host: Host;
  readonly options: Required<Omit<PanelStoreOptions, 'host'>>;
}
