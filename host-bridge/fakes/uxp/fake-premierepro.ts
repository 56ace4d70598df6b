import { writeFileSync } from 'node:fs';
import type { premierepro } from '@adobe/premierepro';
import {
  consumedSourceRange,
  rangesInTrack,
  rescaledTo,
  ticksFromTime,
  ticksPerFrame,
  TICKS_PER_SECOND,
  rt,
  type Rate,
  type Timeline,
} from '@picturelock/core';

/**
 * A fake of Premiere's UXP `premierepro` module, written from docs/hosts/premiere-uxp.md, with
 * the behaviour a permissive fake hides:
 *
 * - getters that touch the model are async, `getTrackItems` and every Marker getter are
 *   sync, `isSpeedReversed()` answers a number;
 * - track indices are 0-based; times are TickTime objects whose `ticks` is a STRING (tick
 *   counts pass 2^53 after ~9.85 h, so a 10:00:00:00 source start is past it);
 * - actions go stale outside the lock: an action created outside `project.lockedAccess()` (or
 *   in an earlier lock) makes `executeTransaction` answer false and change nothing
 *   (`staleActionFailures` counts them); a callback returning a Promise throws;
 * - markers are added by an action, get the default colour, and are recoloured by a second
 *   action on the Marker object that only exists after the first transaction;
 * - `EncoderManager.exportSequence` answers a bare boolean: for AME the job id arrives only
 *   in EVENT_RENDER_QUEUE; in-app exports (IMMEDIATELY) answer when the render ends; AME's
 *   queue is shared and holds someone else's job, which `startBatchEncode` would start too;
 * - constants are opaque values (not 0,1,2…), so code comparing with literals fails;
 * - version gating: 25.6 lacks `ProjectConverter` (26.2), `SequenceSettings.getVideoFrameRate`
 *   (26.2) and `EncoderManager.startBatchEncode` (26.3).
 *
 * Every call on the module's objects counts (`calls`).
 */

export type FakeUxpVersion = '25.6' | '26.2' | '26.3';

export interface FakeUxpState {
  calls: number;
  readonly callsByMethod: Map<string, number>;
  staleActionFailures: number;
  /** Scope id of the lock being held, or 0. */
  lock: number;
  nextLock: number;
}

const CONSTANTS = {
  TrackItemType: { EMPTY: 701, CLIP: 703, TRANSITION: 705, PREVIEW: 707, FEEDBACK: 709 },
  MarkerColor: { GREEN: 31, RED: 37, MAGNETA: 41, ORANGE: 43, YELLOW: 47, BLUE: 53, CYAN: 59 },
  ExportType: { QUEUE_TO_AME: 811, QUEUE_TO_APP: 813, IMMEDIATELY: 817 },
  VideoDisplayFormatType: { FPS_23_976: 901, FPS_25: 902, FPS_29_97: 903, FPS_29_97_NON_DROP: 904, FEET_FRAME_16mm: 905, FEET_FRAME_35mm: 906, FRAMES: 907 },
  MediaType: { ANY: 951, DATA: 952, VIDEO: 953, AUDIO: 954 },
} as const;

const EVENTS = {
  EVENT_RENDER_COMPLETE: 'evt.render.complete',
  EVENT_RENDER_ERROR: 'evt.render.error',
  EVENT_RENDER_CANCEL: 'evt.render.cancel',
  EVENT_RENDER_QUEUE: 'evt.render.queue',
  EVENT_RENDER_PROGRESS: 'evt.render.progress',
} as const;

class Counter {
  constructor(protected readonly st: FakeUxpState) {}
  protected hit(method: string): void {
    this.st.calls++;
    this.st.callsByMethod.set(method, (this.st.callsByMethod.get(method) ?? 0) + 1);
  }
}

export class FakeUxpTickTime {
  constructor(readonly ticks: string) {}
  get ticksNumber(): number {
    return Number(this.ticks);
  }
  get seconds(): number {
    return Number(this.ticks) / Number(TICKS_PER_SECOND);
  }
  equals(o: FakeUxpTickTime): boolean {
    return o.ticks === this.ticks;
  }
}

const tick = (t: bigint): FakeUxpTickTime => new FakeUxpTickTime(t.toString());

class FakeUxpGuid {
  constructor(private readonly s: string) {}
  toString(): string {
    return this.s;
  }
}

/** An Action: valid only in the lock scope that created it (0 = created outside any lock). */
export class FakeUxpAction {
  constructor(
    readonly scope: number,
    readonly apply: () => void,
    readonly label: string,
  ) {}
}

class Actions extends Counter {
  protected action(label: string, apply: () => void): FakeUxpAction {
    this.hit(label);
    return new FakeUxpAction(this.st.lock, apply, label);
  }
}

interface MediaSpec {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  /** Media start (its source timecode) in ticks. */
  readonly startTicks: bigint;
  readonly durationTicks: bigint;
  /** Footage frame rate as Premiere reports it: a float (29.97), or the sample rate for audio. */
  readonly fps: number;
  readonly tape: string | undefined;
}

export class FakeUxpProjectItem extends Counter {
  readonly type = 1;
  constructor(
    st: FakeUxpState,
    readonly media: MediaSpec,
  ) {
    super(st);
  }
  get name(): string {
    return this.media.name;
  }
  getId(): string {
    this.hit('ProjectItem.getId');
    return this.media.id;
  }
  async getMediaFilePath(): Promise<string> {
    this.hit('getMediaFilePath');
    return this.media.path;
  }
  async isOffline(): Promise<boolean> {
    this.hit('isOffline');
    return false;
  }
  async getMedia(): Promise<{ start: FakeUxpTickTime; duration: FakeUxpTickTime }> {
    this.hit('getMedia');
    return { start: tick(this.media.startTicks), duration: tick(this.media.durationTicks) };
  }
  async getFootageInterpretation(): Promise<{ getFrameRate(): number }> {
    this.hit('getFootageInterpretation');
    const fps = this.media.fps;
    return {
      getFrameRate: () => {
        this.hit('FootageInterpretation.getFrameRate');
        return fps;
      },
    };
  }
}

interface ItemSpec {
  readonly kind: 'clip' | 'transition';
  readonly name: string;
  readonly start: bigint;
  readonly end: bigint;
  readonly inPoint: bigint;
  readonly outPoint: bigint;
  readonly speed: number;
  readonly reversed: boolean;
  readonly disabled: boolean;
  readonly matchName: string;
  readonly item: FakeUxpProjectItem | undefined;
}

export class FakeUxpTrackItem extends Counter {
  constructor(
    st: FakeUxpState,
    readonly spec: ItemSpec,
  ) {
    super(st);
  }
  async getName(): Promise<string> {
    this.hit('getName');
    return this.spec.name;
  }
  async getStartTime(): Promise<FakeUxpTickTime> {
    this.hit('getStartTime');
    return tick(this.spec.start);
  }
  async getEndTime(): Promise<FakeUxpTickTime> {
    this.hit('getEndTime');
    return tick(this.spec.end);
  }
  async getDuration(): Promise<FakeUxpTickTime> {
    this.hit('getDuration');
    return tick(this.spec.end - this.spec.start);
  }
  async getInPoint(): Promise<FakeUxpTickTime> {
    this.hit('getInPoint');
    return tick(this.spec.inPoint);
  }
  async getOutPoint(): Promise<FakeUxpTickTime> {
    this.hit('getOutPoint');
    return tick(this.spec.outPoint);
  }
  async getSpeed(): Promise<number> {
    this.hit('getSpeed');
    return this.spec.speed;
  }
  /** A number, not a boolean (host doc 3.5). */
  async isSpeedReversed(): Promise<number> {
    this.hit('isSpeedReversed');
    return this.spec.reversed ? 1 : 0;
  }
  async isDisabled(): Promise<boolean> {
    this.hit('isDisabled');
    return this.spec.disabled;
  }
  async getMatchName(): Promise<string> {
    this.hit('getMatchName');
    return this.spec.matchName;
  }
  async getProjectItem(): Promise<FakeUxpProjectItem | undefined> {
    this.hit('getProjectItem');
    return this.spec.item;
  }
}

export class FakeUxpTrack extends Counter {
  constructor(
    st: FakeUxpState,
    readonly name: string,
    readonly id: number,
    private readonly items: readonly FakeUxpTrackItem[],
  ) {
    super(st);
  }
  /** Synchronous, unlike almost everything else. */
  getTrackItems(type: number, includeEmpty: boolean): FakeUxpTrackItem[] {
    this.hit('getTrackItems');
    void includeEmpty;
    if (type === CONSTANTS.TrackItemType.CLIP) return this.items.filter((i) => i.spec.kind === 'clip');
    if (type === CONSTANTS.TrackItemType.TRANSITION) return this.items.filter((i) => i.spec.kind === 'transition');
    return [];
  }
  async getIndex(): Promise<number> {
    this.hit('getIndex');
    return this.id;
  }
}

export class FakeUxpMarker extends Actions {
  readonly guid: FakeUxpGuid;
  constructor(
    st: FakeUxpState,
    id: string,
    public name: string,
    public comments: string,
    public start: bigint,
    public duration: bigint,
    public colorIndex: number,
  ) {
    super(st);
    this.guid = new FakeUxpGuid(id);
  }
  getName(): string {
    this.hit('Marker.getName');
    return this.name;
  }
  getComments(): string {
    this.hit('Marker.getComments');
    return this.comments;
  }
  getStart(): FakeUxpTickTime {
    this.hit('Marker.getStart');
    return tick(this.start);
  }
  getDuration(): FakeUxpTickTime {
    this.hit('Marker.getDuration');
    return tick(this.duration);
  }
  getColorIndex(): number {
    this.hit('Marker.getColorIndex');
    return this.colorIndex;
  }
  getType(): string {
    this.hit('Marker.getType');
    return 'Comment';
  }
  createSetColorByIndexAction(index: number): FakeUxpAction {
    return this.action('createSetColorByIndexAction', () => {
      this.colorIndex = index;
    });
  }
}

export class FakeUxpMarkers extends Actions {
  constructor(
    st: FakeUxpState,
    private readonly list: FakeUxpMarker[],
  ) {
    super(st);
  }
  getMarkers(): FakeUxpMarker[] {
    this.hit('Markers.getMarkers');
    return [...this.list];
  }
  createAddMarkerAction(name: string, markerType?: string, startTime?: FakeUxpTickTime, duration?: FakeUxpTickTime, comments?: string): FakeUxpAction {
    void markerType;
    return this.action('createAddMarkerAction', () => {
      this.list.push(new FakeUxpMarker(this.st, `mk-${this.list.length + 1}-${name.length}`, name, comments ?? '', BigInt(startTime?.ticks ?? '0'), BigInt(duration?.ticks ?? '0'), CONSTANTS.MarkerColor.GREEN));
    });
  }
}

export class FakeUxpSequence extends Actions {
  readonly guid: FakeUxpGuid;
  readonly markers: FakeUxpMarker[] = [];
  player = 0n;
  inPoint: bigint;
  outPoint: bigint;
  constructor(
    st: FakeUxpState,
    id: string,
    readonly name: string,
    readonly rate: Rate,
    readonly dropFrame: boolean,
    readonly zeroPoint: bigint,
    readonly endTicks: bigint,
    readonly videoTracks: FakeUxpTrack[],
    readonly audioTracks: FakeUxpTrack[],
    private readonly version: FakeUxpVersion,
  ) {
    super(st);
    this.guid = new FakeUxpGuid(id);
    this.inPoint = 0n;
    this.outPoint = endTicks;
  }
  async getVideoTrackCount(): Promise<number> {
    this.hit('getVideoTrackCount');
    return this.videoTracks.length;
  }
  async getAudioTrackCount(): Promise<number> {
    this.hit('getAudioTrackCount');
    return this.audioTracks.length;
  }
  /** 0-based, as Adobe's sample uses it. */
  async getVideoTrack(i: number): Promise<FakeUxpTrack | undefined> {
    this.hit('getVideoTrack');
    return this.videoTracks[i];
  }
  async getAudioTrack(i: number): Promise<FakeUxpTrack | undefined> {
    this.hit('getAudioTrack');
    return this.audioTracks[i];
  }
  async getZeroPoint(): Promise<FakeUxpTickTime> {
    this.hit('getZeroPoint');
    return tick(this.zeroPoint);
  }
  async getEndTime(): Promise<FakeUxpTickTime> {
    this.hit('getEndTime');
    return tick(this.endTicks);
  }
  /** Ticks per frame, as a string. */
  async getTimebase(): Promise<string> {
    this.hit('getTimebase');
    return String(ticksPerFrame(this.rate));
  }
  async getSequenceVideoTimeDisplayFormat(): Promise<{ type: number }> {
    this.hit('getSequenceVideoTimeDisplayFormat');
    const f = CONSTANTS.VideoDisplayFormatType;
    const fps = this.rate.num / this.rate.den;
    if (Math.abs(fps - 29.97) < 0.01) return { type: this.dropFrame ? f.FPS_29_97 : f.FPS_29_97_NON_DROP };
    if (Math.abs(fps - 23.976) < 0.01) return { type: f.FPS_23_976 };
    if (fps === 25) return { type: f.FPS_25 };
    return { type: f.FRAMES };
  }
  async getSettings(): Promise<Record<string, unknown>> {
    this.hit('getSettings');
    const settings: Record<string, unknown> = {};
    if (this.version !== '25.6') {
      settings['getVideoFrameRate'] = () => {
        this.hit('getVideoFrameRate');
        return { value: this.rate.num / this.rate.den, ticksPerFrame: Number(ticksPerFrame(this.rate)) };
      };
    }
    return settings;
  }
  async getPlayerPosition(): Promise<FakeUxpTickTime> {
    this.hit('getPlayerPosition');
    return tick(this.player);
  }
  async setPlayerPosition(t?: FakeUxpTickTime): Promise<boolean> {
    this.hit('setPlayerPosition');
    if (!t) return false;
    this.player = BigInt(t.ticks);
    return true;
  }
  async getInPoint(): Promise<FakeUxpTickTime> {
    this.hit('Sequence.getInPoint');
    return tick(this.inPoint);
  }
  async getOutPoint(): Promise<FakeUxpTickTime> {
    this.hit('Sequence.getOutPoint');
    return tick(this.outPoint);
  }
  createSetInPointAction(t: FakeUxpTickTime): FakeUxpAction {
    return this.action('Sequence.createSetInPointAction', () => {
      this.inPoint = BigInt(t.ticks);
    });
  }
  createSetOutPointAction(t: FakeUxpTickTime): FakeUxpAction {
    return this.action('Sequence.createSetOutPointAction', () => {
      this.outPoint = BigInt(t.ticks);
    });
  }
}

export class FakeUxpProject extends Counter {
  readonly guid = new FakeUxpGuid('proj-0001');
  readonly name = 'PL Contract.prproj';
  readonly path = '/Volumes/Projects/PL Contract.prproj';
  active: FakeUxpSequence | undefined;
  constructor(
    st: FakeUxpState,
    readonly sequences: FakeUxpSequence[],
  ) {
    super(st);
    this.active = sequences[sequences.length - 1];
  }
  async getActiveSequence(): Promise<FakeUxpSequence | undefined> {
    this.hit('getActiveSequence');
    return this.active;
  }
  async getSequences(): Promise<FakeUxpSequence[]> {
    this.hit('getSequences');
    return [...this.sequences];
  }
  /** The callback runs synchronously under the lock; a Promise-returning callback is a programming error. */
  lockedAccess(callback: () => void): void {
    this.hit('lockedAccess');
    if (this.st.lock) throw new Error('lockedAccess is not re-entrant');
    this.st.lock = ++this.st.nextLock;
    try {
      const r = callback() as unknown;
      if (r && typeof (r as { then?: unknown }).then === 'function') throw new Error('lockedAccess callbacks must be synchronous (no async, no await)');
    } finally {
      this.st.lock = 0;
    }
  }
  /** One undoable step. False, with nothing changed, when an action is stale (made outside this lock scope). */
  executeTransaction(callback: (compound: { addAction(a: FakeUxpAction): boolean; readonly empty: boolean }) => void, undoString?: string): boolean {
    this.hit('executeTransaction');
    void undoString;
    const actions: FakeUxpAction[] = [];
    const r = callback({
      addAction: (a) => {
        actions.push(a);
        return true;
      },
      get empty() {
        return actions.length === 0;
      },
    }) as unknown;
    if (r && typeof (r as { then?: unknown }).then === 'function') throw new Error('executeTransaction callbacks must be synchronous');
    if (!this.st.lock || actions.some((a) => a.scope !== this.st.lock)) {
      this.st.staleActionFailures++;
      return false;
    }
    for (const a of actions) a.apply();
    return true;
  }
}

interface AmeJob {
  readonly jobID: string;
  readonly outputFile: string;
  readonly foreign: boolean;
  state: 'queued' | 'rendering' | 'done' | 'failed';
}

interface InAppExport {
  readonly outputFile: string;
  readonly sequence: FakeUxpSequence;
  /** The sequence in/out when the export was asked for (what it renders with exportFull false). */
  readonly range: readonly [bigint, bigint] | undefined;
  readonly done: (ok: boolean) => void;
}

type Listener = (event: Record<string, unknown>) => void;

export class FakeUxpEncoderManager extends Counter {
  readonly isAMEInstalled = true;
  /** AME's shared queue; someone else's job is already in it. */
  readonly queue: AmeJob[] = [];
  /** In-app exports (ExportType.IMMEDIATELY) waiting for `finish()`. */
  readonly rendering: InAppExport[] = [];
  /** Every in-app export asked for, in order, with the range it was asked with. */
  readonly exported: { readonly outputFile: string; readonly range: readonly [bigint, bigint] | undefined }[] = [];
  readonly failing = new Set<string>();
  private next = 1;
  constructor(
    st: FakeUxpState,
    private readonly emit: (event: string, payload: Record<string, unknown>) => void,
    version: FakeUxpVersion,
  ) {
    super(st);
    this.queue.push({ jobID: 'ame-foreign-1', outputFile: '/Volumes/Renders/review/GRADE_v12_review.mp4', foreign: true, state: 'queued' });
    if (version === '26.3') {
      Object.assign(this, {
        startBatchEncode: async () => {
          this.hit('startBatchEncode');
          // AME's queue is shared: starting the batch starts everything in it.
          for (const j of this.queue) if (j.state === 'queued') j.state = 'rendering';
          return true;
        },
        launchEncoder: async () => {
          this.hit('launchEncoder');
          return true;
        },
      });
    }
  }
  /**
   * A bare boolean. QUEUE_TO_AME answers at once (the job id comes only with EVENT_RENDER_QUEUE);
   * IMMEDIATELY renders inside Premiere and answers when done (here: at `finish()`).
   */
  exportSequence(sequence: FakeUxpSequence, exportType: number, outputFile?: string, presetFile?: string, exportFull?: boolean): Promise<boolean> {
    this.hit('exportSequence');
    if (!outputFile || !presetFile?.endsWith('.epr') || !sequence) return Promise.resolve(false);
    if (exportType === CONSTANTS.ExportType.QUEUE_TO_AME) {
      const jobID = `ame-${this.next++}`;
      this.queue.push({ jobID, outputFile, foreign: false, state: 'queued' });
      this.emit(EVENTS.EVENT_RENDER_QUEUE, { jobID });
      return Promise.resolve(true);
    }
    if (exportType !== CONSTANTS.ExportType.IMMEDIATELY) return Promise.resolve(false);
    const range = exportFull === false ? ([sequence.inPoint, sequence.outPoint] as const) : undefined;
    this.exported.push({ outputFile, range });
    return new Promise((resolve) => this.rendering.push({ outputFile, sequence, range, done: resolve }));
  }
  /** Test control: ends every in-app export now waiting, writing the files of those that succeed. */
  finish(): number {
    const now = this.rendering.splice(0);
    for (const r of now) {
      if ([...this.failing].some((name) => r.outputFile.includes(name))) {
        r.done(false);
      } else {
        writeFileSync(r.outputFile, '');
        r.done(true);
      }
    }
    return now.length;
  }
}

/** Ticks of `frames` at `r`; the fake's timelines are always on whole ticks. */
function ticksOf(frames: number, r: Rate): bigint {
  const t = ticksFromTime(rt(frames, r));
  if (!t.ok) throw new RangeError(t.error);
  return t.value;
}

function xmpWithTape(tape: string | undefined): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:premierePrivateProjectMetaData="http://ns.adobe.com/premierePrivateProjectMetaData/1.0/">${
    tape !== undefined ? `<premierePrivateProjectMetaData:Column.Intrinsic.TapeName>${esc(tape)}</premierePrivateProjectMetaData:Column.Intrinsic.TapeName>` : ''
  }</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

export interface FakePremiereUxp {
  /** The module as the adapter sees it (`require('premierepro')`). */
  readonly ppro: premierepro;
  readonly state: FakeUxpState;
  readonly project: FakeUxpProject;
  readonly encoder: FakeUxpEncoderManager;
  readonly version: FakeUxpVersion;
}

/** A fake `premierepro` module holding one project with a sequence per timeline (the last one active). */
export function createFakePremiereUxp(timelines: readonly Timeline[], options: { version?: FakeUxpVersion } = {}): FakePremiereUxp {
  const version = options.version ?? '26.3';
  const st: FakeUxpState = { calls: 0, callsByMethod: new Map(), staleActionFailures: 0, lock: 0, nextLock: 0 };
  const items = new Map<string, FakeUxpProjectItem>();
  const listeners = new Map<string, Listener[]>();
  const emit = (event: string, payload: Record<string, unknown>) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };

  const sequences = timelines.map((tl, si) => {
    const r = tl.rate;
    const zero = ticksOf(rescaledTo(tl.globalStart, r, 'round'), r);
    let end = 0n;
    const buildTracks = (kind: 'video' | 'audio') =>
      tl.tracks
        .filter((t) => t.trackKind === kind)
        .map((t, ti) => {
          const ranges = rangesInTrack(t, r);
          const specs: ItemSpec[] = [];
          t.children.forEach((c, i) => {
            const rr = ranges[i]!;
            const s = ticksOf(rr.start.value, r);
            const e = ticksOf(rr.start.value + rr.duration.value, r);
            if (c.kind === 'transition') {
              specs.push({ kind: 'transition', name: c.name, start: s - ticksOf(rescaledTo(c.inOffset, r, 'round'), r), end: s + ticksOf(rescaledTo(c.outOffset, r, 'round'), r), inPoint: 0n, outPoint: 0n, speed: 1, reversed: false, disabled: false, matchName: c.transitionType === 'dissolve' ? 'AE.ADBE Cross Dissolve New' : `AE.${c.transitionType}`, item: undefined });
              return;
            }
            if (c.kind !== 'clip') return;
            const src = c.sourceRange.start.rate;
            const mediaStart = c.media.availableRange ? rescaledTo(c.media.availableRange.start, src, 'round') : 0;
            const url = c.media.kind === 'external' ? c.media.url : c.name;
            const key = `${url}|${c.reel ?? ''}`;
            let item = items.get(key);
            if (!item) {
              item = new FakeUxpProjectItem(st, {
                id: `pi-${items.size + 1}`,
                name: c.sourceFile ?? c.name,
                path: decodeURIComponent(url.replace(/^file:\/\/(localhost)?/, '')),
                startTicks: ticksOf(mediaStart, src),
                durationTicks: c.media.availableRange ? ticksOf(rescaledTo(c.media.availableRange.duration, src, 'round'), src) : 0n,
                // Audio files interpret at their sample rate.
                fps: kind === 'audio' ? 48000 : Math.round((src.num / src.den) * 1000) / 1000,
                tape: c.reel,
              });
              items.set(key, item);
            }
            const used = consumedSourceRange(c);
            const speed = c.effects.find((x) => x.kind === 'linearTimeWarp');
            const scalar = speed?.kind === 'linearTimeWarp' ? speed.timeScalar : { num: 1, den: 1 };
            specs.push({
              kind: 'clip',
              name: c.name,
              start: s,
              end: e,
              inPoint: ticksOf(used.start.value - mediaStart, src),
              outPoint: ticksOf(used.start.value + used.duration.value - mediaStart, src),
              speed: Math.abs(scalar.num / scalar.den),
              reversed: scalar.num < 0,
              disabled: !c.enabled,
              matchName: 'AE.ADBE Clip',
              item,
            });
            if (e > end) end = e;
          });
          return new FakeUxpTrack(st, t.name || `${kind === 'video' ? 'Video' : 'Audio'} ${ti + 1}`, ti, specs.map((x) => new FakeUxpTrackItem(st, x)));
        });
    const video = buildTracks('video');
    const audio = buildTracks('audio');
    return new FakeUxpSequence(st, `5e9a0c3e-7f1b-4c2d-9e8f-00000000000${si + 1}`, tl.name, r, r.dropFrame, zero, end, video, audio, version);
  });

  const project = new FakeUxpProject(st, sequences);
  const encoder = new FakeUxpEncoderManager(st, emit, version);
  const markerSets = new Map<FakeUxpSequence, FakeUxpMarkers>();
  const count = (m: string) => {
    st.calls++;
    st.callsByMethod.set(m, (st.callsByMethod.get(m) ?? 0) + 1);
  };

  const module: Record<string, unknown> = {
    Constants: CONSTANTS,
    Project: {
      getActiveProject: async () => {
        count('Project.getActiveProject');
        return project;
      },
    },
    TickTime: {
      createWithTicks: (t: string) => {
        count('TickTime.createWithTicks');
        return new FakeUxpTickTime(String(BigInt(t)));
      },
      TIME_ZERO: tick(0n),
    },
    Markers: {
      getMarkers: async (owner: FakeUxpSequence) => {
        count('Markers.getMarkers');
        let m = markerSets.get(owner);
        if (!m) {
          m = new FakeUxpMarkers(st, owner.markers);
          markerSets.set(owner, m);
        }
        return m;
      },
    },
    Marker: { MARKER_TYPE_COMMENT: 'Comment', MARKER_TYPE_CHAPTER: 'Chapter', MARKER_TYPE_FLVCUEPOINT: 'FlashCuePoint', MARKER_TYPE_WEBLINK: 'WebLink' },
    ClipProjectItem: {
      cast: (pi: FakeUxpProjectItem) => {
        count('ClipProjectItem.cast');
        return pi;
      },
    },
    Metadata: {
      getProjectMetadata: async (pi: FakeUxpProjectItem) => {
        count('Metadata.getProjectMetadata');
        return xmpWithTape(pi.media.tape);
      },
    },
    EncoderManager: {
      getManager: () => {
        count('EncoderManager.getManager');
        return encoder;
      },
      getExportFileExtension: async (_seq: FakeUxpSequence, preset: string) => {
        count('EncoderManager.getExportFileExtension');
        return /h264|h\.264/i.test(preset) ? 'mp4' : 'mov';
      },
      EXPORT_QUEUE_TO_AME: 'QUEUE_TO_AME',
      EXPORT_QUEUE_TO_APP: 'QUEUE_TO_APP',
      EXPORT_IMMEDIATELY: 'IMMEDIATELY',
      ...EVENTS,
    },
    EventManager: {
      addEventListener: (_target: unknown, event: string, handler: Listener) => {
        count('EventManager.addEventListener');
        listeners.set(event, [...(listeners.get(event) ?? []), handler]);
      },
      removeEventListener: (_target: unknown, event: string, handler: Listener) => {
        count('EventManager.removeEventListener');
        listeners.set(event, (listeners.get(event) ?? []).filter((h) => h !== handler));
      },
    },
  };
  if (version !== '25.6') {
    module['ProjectConverter'] = {
      exportAsFinalCutProXML: async (_seq: FakeUxpSequence, path: string) => {
        count('ProjectConverter.exportAsFinalCutProXML');
        writeFileSync(path, '<?xml version="1.0"?><xmeml version="4"/>');
        return true;
      },
      exportAsOpenTimelineIO: async (_seq: FakeUxpSequence, path: string) => {
        count('ProjectConverter.exportAsOpenTimelineIO');
        writeFileSync(path, '{"OTIO_SCHEMA":"Timeline.1"}');
        return true;
      },
    };
  }
  // The one cast: the fake implements the part of the module the adapter uses, not all 4,000 lines of its types.
  return { ppro: module as unknown as premierepro, state: st, project, encoder, version };
}
