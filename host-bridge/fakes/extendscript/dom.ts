import {
  consumedSourceRange,
  rangesInTrack,
  rescaledTo,
  speedOf,
  TICKS_PER_SECOND,
  ticksPerFrame,
  writeFcp7Xml,
  type FrameRate,
  type MediaReference,
  type Rate,
  type Timeline,
} from '@picturelock/core';
import { writeFileSync } from 'node:fs';

/**
 * A fake of Premiere Pro's ExtendScript DOM, written from docs/hosts/premiere-extendscript.md
 * (section 9, "fake-fidelity checklist"): collections with `numTracks`/`numItems`/
 * `numMarkers` and indexed access (not arrays); `Time` with string `ticks` and numeric
 * `seconds`; sequence `timebase`, `zeroPoint`, `end` as tick strings; settings'
 * `videoFrameRate` as a Time; markers iterated first/next until `undefined`, created from
 * seconds and truncated to the frame, coloured by a one-argument setter; a tape name only in
 * the item's private XMP; `app.encoder` with job-id strings, a queue shared with other
 * panels' jobs, and events that may never arrive.
 *
 * Assumptions the adapter shares (both marked UNCONFIRMED in the docs): TrackItem
 * `inPoint`/`outPoint` count from the media's first frame (add `projectItem.startTime()` for
 * source timecode); marker and TrackItem times count from the sequence start, not the zero
 * point.
 */

const TPS = TICKS_PER_SECOND;

export class FakeTime {
  private t = 0n;
  constructor(init?: unknown) {
    // `new Time("0.5s")` silently yields 0 ticks in Premiere (third-party report); so here.
    if (typeof init === 'bigint') this.t = init;
  }
  get ticks(): string {
    return this.t.toString();
  }
  set ticks(v: string) {
    this.t = BigInt(String(v));
  }
  get seconds(): number {
    return Number(this.t) / Number(TPS);
  }
  set seconds(v: number) {
    this.t = BigInt(Math.round(Number(v) * Number(TPS)));
  }
  /** Internal: exact ticks. */
  get exact(): bigint {
    return this.t;
  }
}

function time(ticks: bigint): FakeTime {
  return new FakeTime(ticks);
}

/** An array-like DOM collection: `[i]` plus one count property. */
function collection<T>(items: readonly T[], countName: string): Record<string | number, unknown> {
  const c: Record<string | number, unknown> = { [countName]: items.length };
  items.forEach((it, i) => {
    c[i] = it;
  });
  return c;
}

export class FakeProjectItem {
  readonly type = 1;
  constructor(
    readonly name: string,
    readonly nodeId: string,
    private readonly mediaPath: string,
    private readonly offline: boolean,
    private readonly startTicks: bigint,
    /** Ticks per frame of the media's interpreted rate, as [DTS] declares it. */
    readonly interpretedTimebase: string,
    private readonly fps: number,
    private readonly tape: string | undefined,
  ) {}
  getMediaPath(): string {
    return this.mediaPath;
  }
  isOffline(): boolean {
    return this.offline;
  }
  startTime(): FakeTime {
    return time(this.startTicks);
  }
  getFootageInterpretation(): { frameRate: number; pixelAspectRatio: number; fieldType: number } {
    return { frameRate: this.fps, pixelAspectRatio: 1, fieldType: 0 };
  }
  /** Premiere private project metadata, an XMP packet; the tape name is `Column.Intrinsic.TapeName`. */
  getProjectMetadata(): string {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const tape = this.tape !== undefined ? `<premierePrivateProjectMetaData:Column.Intrinsic.TapeName>${esc(this.tape)}</premierePrivateProjectMetaData:Column.Intrinsic.TapeName>` : '';
    return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:premierePrivateProjectMetaData="http://ns.adobe.com/premierePrivateProjectMetaData/1.0/"><premierePrivateProjectMetaData:Column.Intrinsic.Name>${esc(this.name)}</premierePrivateProjectMetaData:Column.Intrinsic.Name>${tape}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  }
}

/** The XMP toolkit's `XMPMeta`, enough for `getProperty(ns, name).value`; defined once `lib:AdobeXMPScript` is loaded. */
export class FakeXMPMeta {
  constructor(private readonly packet: string) {}
  getProperty(ns: string, name: string): { value: string } | undefined {
    const prefix = /xmlns:([A-Za-z0-9]+)="([^"]*)"/g;
    let m: RegExpExecArray | null;
    while ((m = prefix.exec(this.packet))) {
      if (m[2] !== ns) continue;
      const tag = `${m[1]}:${name}`;
      const open = this.packet.indexOf(`<${tag}>`);
      if (open < 0) return undefined;
      const close = this.packet.indexOf(`</${tag}>`, open);
      const raw = this.packet.slice(open + tag.length + 2, close);
      return { value: raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') };
    }
    return undefined;
  }
}

export class FakeTrackItem {
  readonly type: number;
  readonly components = collection([], 'numItems');
  constructor(
    readonly name: string,
    readonly nodeId: string,
    readonly mediaType: 'Video' | 'Audio',
    readonly start: FakeTime,
    readonly end: FakeTime,
    readonly inPoint: FakeTime,
    readonly outPoint: FakeTime,
    readonly projectItem: FakeProjectItem | undefined,
    private readonly speed: number,
    private readonly reversed: boolean,
    readonly disabled: boolean,
  ) {
    this.type = mediaType === 'Video' ? 1 : 2;
  }
  get duration(): FakeTime {
    return time(this.end.exact - this.start.exact);
  }
  getSpeed(): number {
    return this.speed;
  }
  /** [SG] documents 1/0, not a Boolean. */
  isSpeedReversed(): number {
    return this.reversed ? 1 : 0;
  }
}

export class FakeTransitionItem {
  constructor(
    readonly name: string,
    readonly start: FakeTime,
    readonly end: FakeTime,
  ) {}
}

export class FakeTrack {
  readonly clips: Record<string | number, unknown>;
  readonly transitions: Record<string | number, unknown>;
  constructor(
    readonly name: string,
    readonly id: number,
    readonly mediaType: 'Video' | 'Audio',
    clips: readonly FakeTrackItem[],
    transitions: readonly FakeTransitionItem[],
  ) {
    this.clips = collection(clips, 'numItems');
    this.transitions = collection(transitions, 'numItems');
  }
  isMuted(): boolean {
    return false;
  }
}

/** Premiere's marker colour index (0 Green, 1 Red, 2 Purple, 3 Orange, 4 Yellow, 5 White, 6 Blue, 7 Cyan). */
export class FakeMarker {
  name = '';
  comments = '';
  type = 'Comment';
  private colorIndex = 0;
  private endTicks: bigint;
  constructor(
    readonly guid: string,
    private startTicks: bigint,
    private readonly frameTicks: bigint,
  ) {
    this.endTicks = startTicks;
  }
  get start(): FakeTime {
    return time(this.startTicks);
  }
  get end(): FakeTime {
    return time(this.endTicks);
  }
  /** A duration is set by assigning seconds (CEP-Resources issue #262); Premiere truncates to the frame. */
  set end(v: unknown) {
    if (typeof v !== 'number') throw new Error('marker.end takes seconds (a Number)');
    this.endTicks = truncatedToFrame(v, this.frameTicks);
  }
  getColorByIndex(): number {
    return this.colorIndex;
  }
  /** One argument, as Adobe's sample calls it; clamped at 7 like the sample. */
  setColorByIndex(index: number): void {
    this.colorIndex = Math.max(0, Math.min(7, Math.trunc(Number(index))));
  }
  /** Internal, for ordering. */
  get startExact(): bigint {
    return this.startTicks;
  }
}

/** Seconds to ticks, truncated to the frame that holds them (Premiere truncates, CEP-Resources issue #314). */
function truncatedToFrame(seconds: number, frameTicks: bigint): bigint {
  const ticks = BigInt(Math.floor(seconds * Number(TPS)));
  return (ticks / frameTicks) * frameTicks;
}

export class FakeMarkerCollection {
  private list: FakeMarker[] = [];
  private next = 1;
  constructor(
    private readonly frameTicks: bigint,
    private readonly guidPrefix: string,
  ) {}
  get numMarkers(): number {
    return this.list.length;
  }
  createMarker(seconds: number): FakeMarker {
    if (typeof seconds !== 'number') throw new Error('createMarker takes seconds (a Number)');
    const m = new FakeMarker(`${this.guidPrefix}-${this.next++}`, truncatedToFrame(seconds, this.frameTicks), this.frameTicks);
    this.list.push(m);
    this.list.sort((a, b) => (a.startExact < b.startExact ? -1 : a.startExact > b.startExact ? 1 : 0));
    return m;
  }
  deleteMarker(m: FakeMarker): void {
    this.list = this.list.filter((x) => x !== m);
  }
  getFirstMarker(): FakeMarker | undefined {
    return this.list[0];
  }
  getNextMarker(m: FakeMarker): FakeMarker | undefined {
    const i = this.list.indexOf(m);
    return i >= 0 ? this.list[i + 1] : undefined;
  }
}

export interface FakeSequenceSettings {
  readonly videoFrameRate: FakeTime;
  readonly videoFrameWidth: number;
  readonly videoFrameHeight: number;
}

export class FakeSequence {
  readonly markers: FakeMarkerCollection;
  readonly videoTracks: Record<string | number, unknown>;
  readonly audioTracks: Record<string | number, unknown>;
  readonly frameSizeHorizontal = 1920;
  readonly frameSizeVertical = 1080;
  private player = 0n;
  private inPoint: bigint;
  private outPoint: bigint;
  /** What the editor's in/out points were each time `setInPoint`/`setOutPoint` ran, for tests. */
  readonly pointHistory: string[] = [];
  constructor(
    readonly name: string,
    readonly sequenceID: string,
    readonly id: number,
    readonly timebase: string,
    readonly zeroPoint: string,
    readonly end: string,
    readonly videoDisplayFormat: number,
    video: readonly FakeTrack[],
    audio: readonly FakeTrack[],
    /** The model the sequence was built from, for FCP XML export. */
    readonly model: Timeline,
    private readonly presets: ReadonlyMap<string, string>,
  ) {
    this.markers = new FakeMarkerCollection(BigInt(timebase), `marker-${sequenceID}`);
    this.videoTracks = collection(video, 'numTracks');
    this.audioTracks = collection(audio, 'numTracks');
    this.inPoint = 0n;
    this.outPoint = BigInt(end);
  }
  getSettings(): FakeSequenceSettings {
    return { videoFrameRate: time(BigInt(this.timebase)), videoFrameWidth: this.frameSizeHorizontal, videoFrameHeight: this.frameSizeVertical };
  }
  getPlayerPosition(): FakeTime {
    return time(this.player);
  }
  setPlayerPosition(ticks: unknown): void {
    if (typeof ticks !== 'string' || !/^\d+$/.test(ticks)) throw new Error('setPlayerPosition takes a tick string');
    this.player = BigInt(ticks);
  }
  getInPointAsTime(): FakeTime {
    return time(this.inPoint);
  }
  getOutPointAsTime(): FakeTime {
    return time(this.outPoint);
  }
  setInPoint(t: unknown): void {
    this.inPoint = ticksOfArg(t);
    this.pointHistory.push(`in ${this.inPoint}`);
  }
  setOutPoint(t: unknown): void {
    this.outPoint = ticksOfArg(t);
    this.pointHistory.push(`out ${this.outPoint}`);
  }
  getExportFileExtension(presetPath: string): string {
    return this.presets.get(presetPath) ?? '';
  }
  /** Writes the sequence as FCP7 XML (from its model) and answers a Boolean, as [SG] documents. */
  exportAsFinalCutProXML(path: string, _suppressUI: number): boolean {
    try {
      writeFileSync(path, writeFcp7Xml(this.model).text);
      return true;
    } catch {
      return false;
    }
  }
}

function ticksOfArg(t: unknown): bigint {
  if (t instanceof FakeTime) return t.exact;
  if (typeof t === 'number') return BigInt(Math.round(t * Number(TPS)));
  if (t && typeof t === 'object' && 'ticks' in t) return BigInt(String((t as { ticks: unknown }).ticks));
  throw new Error('expected a Time or seconds');
}

// ---------------------------------------------------------------- the encoder (AME)

export interface FakeAmeJob {
  readonly hostJobId: string;
  readonly owner: 'picturelock' | 'other';
  readonly outputPath: string;
  readonly presetPath: string;
  readonly workArea: number;
  /** The sequence's in/out points when the job was queued (ticks), for ENCODE_IN_TO_OUT. */
  readonly inTicks?: string;
  readonly outTicks?: string;
  state: 'queued' | 'encoding' | 'done' | 'failed';
  /** Set by a test: this job errors with the message. */
  failWith?: string;
  /** Set by a test: this job's events never arrive (AME crashed, the bind was taken). */
  silent?: boolean;
}

export class FakeEncoder {
  readonly ENCODE_ENTIRE = 0;
  readonly ENCODE_IN_TO_OUT = 1;
  readonly ENCODE_WORKAREA = 2;
  private readonly handlers = new Map<string, (...args: unknown[]) => void>();
  /** AME's queue: shared by every panel and by the editor's own File > Export > Media. */
  readonly queue: FakeAmeJob[] = [];
  private nextId = 1001;
  launched = 0;
  batchStarted = false;

  bind(name: string, fn: (...args: unknown[]) => void): void {
    this.handlers.set(name, fn);
  }
  launchEncoder(): boolean {
    this.launched++;
    return true;
  }
  /** Returns a job id string, or "0" when AME refuses (an unknown preset). */
  encodeSequence(seq: FakeSequence, outputPath: string, presetPath: string, workArea: number, _removeOnCompletion: number, _startNow?: number): string {
    if (seq.getExportFileExtension(presetPath) === '') return '0';
    const job: FakeAmeJob = {
      hostJobId: String(this.nextId++),
      owner: 'picturelock',
      outputPath,
      presetPath,
      workArea,
      ...(workArea === this.ENCODE_IN_TO_OUT ? { inTicks: seq.getInPointAsTime().ticks, outTicks: seq.getOutPointAsTime().ticks } : {}),
      state: 'queued',
    };
    this.queue.push(job);
    this.fire('onEncoderJobQueued', job, job.hostJobId);
    return job.hostJobId;
  }
  startBatch(): void {
    this.batchStarted = true;
  }

  /** Someone else queues a job (another panel, or the editor). */
  addOtherJob(outputPath: string): FakeAmeJob {
    const job: FakeAmeJob = { hostJobId: String(this.nextId++), owner: 'other', outputPath, presetPath: 'other.epr', workArea: 0, state: 'queued' };
    this.queue.push(job);
    this.fire('onEncoderJobQueued', job, job.hostJobId);
    return job;
  }

  /** Runs AME's queue once started: each job sends progress, then complete or error, in order. */
  runQueue(): void {
    if (!this.batchStarted) return;
    for (const job of this.queue) {
      if (job.state !== 'queued') continue;
      job.state = 'encoding';
      this.fire('onEncoderJobProgress', job, job.hostJobId, 0.5);
      if (job.failWith !== undefined) {
        job.state = 'failed';
        this.fire('onEncoderJobError', job, job.hostJobId, job.failWith);
      } else {
        job.state = 'done';
        this.fire('onEncoderJobComplete', job, job.hostJobId, job.outputPath);
      }
    }
  }

  private fire(event: string, job: FakeAmeJob, ...args: unknown[]): void {
    if (job.silent) return;
    const h = this.handlers.get(event);
    if (!h) return;
    try {
      h(...args);
    } catch {
      // An ExtendScript handler that throws is logged by the host and forgotten.
    }
  }
}

// ---------------------------------------------------------------- app

export interface FakeApp {
  readonly version: string;
  readonly build: string;
  project: FakeProject | undefined;
  encoder: FakeEncoder | undefined;
}

export interface FakeProject {
  readonly name: string;
  readonly path: string;
  activeSequence: FakeSequence | 0;
  readonly sequences: Record<string | number, unknown>;
  /** Internal: the sequences as a list. */
  readonly list: readonly FakeSequence[];
}

/** Premiere's display format code for a rate (docs section 2.3); 109 (frames) when it has none. */
export function displayFormatOf(r: FrameRate): number {
  const key = `${r.num}/${r.den}`;
  const table: Record<string, number> = {
    '24/1': 100,
    '25/1': 101,
    '30000/1001': r.dropFrame ? 102 : 103,
    '30/1': 104,
    '50/1': 105,
    '60000/1001': r.dropFrame ? 106 : 107,
    '60/1': 108,
    '24000/1001': 110,
    '48/1': 113,
  };
  return table[key] ?? 109;
}

function tpfOf(r: Rate): bigint {
  const t = ticksPerFrame(r);
  if (t === undefined) throw new Error(`${r.num}/${r.den} is not a whole number of ticks a frame`);
  return t;
}

function pathOf(media: MediaReference): string {
  if (media.kind !== 'external') return '';
  const u = media.url;
  if (!u.startsWith('file:')) return u;
  return decodeURIComponent(u.replace(/^file:\/\/(localhost)?/, ''));
}

export interface FakePremiereOptions {
  readonly version?: string;
  /** Preset paths (.epr) Media Encoder knows, with the extension each writes. */
  readonly presets?: ReadonlyMap<string, string>;
  /** Leave `app.encoder` out (macOS Premiere 14.3.1 to 15.x). */
  readonly noEncoder?: boolean;
}

export const FAKE_PRESETS: ReadonlyMap<string, string> = new Map([
  ['/Presets/ProRes 422 HQ.epr', 'mov'],
  ['/Presets/H.264 Review.epr', 'mp4'],
]);

/**
 * Builds Premiere's DOM from core timelines: each becomes a sequence (the first is active),
 * each clip a TrackItem with tick times, each distinct media a ProjectItem (tape name in its
 * XMP, media start in `startTime()`), each transition a transition item around its cut.
 * Audio media get a 48 kHz interpreted timebase, as Premiere gives WAV files.
 */
export function fakePremiere(timelines: readonly Timeline[], options: FakePremiereOptions = {}): FakeApp {
  const presets = options.presets ?? FAKE_PRESETS;
  const items = new Map<string, FakeProjectItem>();
  let node = 1;
  const sequences = timelines.map((tl, si) => {
    const tpf = tpfOf(tl.rate);
    const start = BigInt(rescaledTo(tl.globalStart, tl.rate, 'round'));
    const video: FakeTrack[] = [];
    const audio: FakeTrack[] = [];
    let endFrames = 0;
    for (const t of tl.tracks) {
      const ranges = rangesInTrack(t, tl.rate);
      const clips: FakeTrackItem[] = [];
      const transitions: FakeTransitionItem[] = [];
      const isVideo = t.trackKind === 'video';
      t.children.forEach((child, i) => {
        const rr = ranges[i]!;
        const s = BigInt(rr.start.value);
        const e = BigInt(rr.start.value + rr.duration.value);
        endFrames = Math.max(endFrames, Number(e));
        if (child.kind === 'transition') {
          const before = BigInt(rescaledTo(child.inOffset, tl.rate, 'round'));
          const after = BigInt(rescaledTo(child.outOffset, tl.rate, 'round'));
          transitions.push(new FakeTransitionItem(child.name, time((s - before) * tpf), time((s + after) * tpf)));
          return;
        }
        if (child.kind !== 'clip') return;
        // Audio clips count source frames at the sequence rate, as Premiere's XML export does.
        const srcRate = isVideo ? child.sourceRange.start.rate : tl.rate;
        const srcTpf = tpfOf(srcRate);
        const mediaStart = BigInt(child.media.availableRange?.start.value ?? 0);
        const consumed = consumedSourceRange(child);
        const inF = BigInt(consumed.start.value) - mediaStart;
        const outF = inF + BigInt(consumed.duration.value);
        const key = `${pathOf(child.media)}|${child.media.name ?? child.name}|${t.trackKind}`;
        let item = items.get(key);
        if (!item) {
          const name = child.media.name ?? child.sourceFile ?? child.name;
          const itemTimebase = isVideo ? srcTpf : TPS / 48000n;
          item = new FakeProjectItem(name, `pi-${node++}`, pathOf(child.media), child.media.kind === 'missing', mediaStart * srcTpf, itemTimebase.toString(), (srcRate.num / srcRate.den), child.reel);
          items.set(key, item);
        }
        const sp = speedOf(child);
        clips.push(
          new FakeTrackItem(child.name, `ti-${node++}`, isVideo ? 'Video' : 'Audio', time(s * tpf), time(e * tpf), time(inF * srcTpf), time(outF * srcTpf), item, Math.abs(sp.num / sp.den), sp.num < 0, !child.enabled),
        );
      });
      const list = isVideo ? video : audio;
      list.push(new FakeTrack(t.name || `${isVideo ? 'Video' : 'Audio'} ${list.length + 1}`, list.length, isVideo ? 'Video' : 'Audio', clips, transitions));
    }
    return new FakeSequence(tl.name, `seq-guid-${si + 1}`, si + 1, tpf.toString(), (start * tpf).toString(), (BigInt(endFrames) * tpf).toString(), displayFormatOf(tl.rate), video, audio, tl, presets);
  });
  const project: FakeProject = {
    name: 'Picturelock fake.prproj',
    path: '/Projects/Picturelock fake.prproj',
    activeSequence: sequences[0] ?? 0,
    sequences: collection(sequences, 'numSequences'),
    list: sequences,
  };
  return { version: options.version ?? '24.6.0', build: '7', project, encoder: options.noEncoder ? undefined : new FakeEncoder() };
}
