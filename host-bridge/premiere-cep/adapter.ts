import {
  finding,
  formatRate,
  frameRate,
  isDropFrameCapable,
  nearestStandardRate,
  range,
  rescaledExactly,
  rescaledTo,
  rt,
  TICKS_PER_SECOND,
  timeFromTicks,
  ticksPerFrame,
  writeInterchange,
  type Clip,
  type Effect,
  type Finding,
  type FrameRate,
  type MarkerColor,
  type MediaRecord,
  type MediaReference,
  type Rate,
  type Timeline,
  type Track,
  type TrackItem,
} from '@picturelock/core';
import {
  hostErr,
  hostOk,
  type Host,
  type HostCapabilities,
  type HostErrorCode,
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
 * Premiere Pro through CEP: every call is one `evalScript` into `jsx/picturelock.jsx`, whose
 * one entry point takes one argument, a string literal holding the JSON request. The literal
 * is built by `es3StringLiteral` (every character outside printable ASCII, plus `"` and `\`,
 * escaped), so data never becomes code. Answers are JSON strings; `"EvalScript error."`
 * (CSInterface's constant for a script that threw) becomes HOST_CALL_FAILED.
 *
 * Time: Premiere hands ticks (254016000000 a second) as decimal strings; they become exact
 * frames here with BigInt (`timeFromTicks`), once. TrackItem `start`/`end` count from the
 * sequence start (not its zero point); `inPoint`/`outPoint` count from the media's first
 * frame, and the item's `startTime()` (its source timecode) is added to give source
 * timecode frames (the docs mark that origin UNCONFIRMED; the fake follows the same reading).
 * Audio clips are read at the sequence rate, as Premiere's own FCP7 XML export writes them.
 *
 * Media Encoder: jobs are queued with `app.encoder.encodeSequence` and followed through its
 * events, relayed by the host script as CSXSEvents of type `com.picturelock.encoder`. AME's
 * queue is shared; events of other jobs are ignored, and `startRender` refuses with
 * RENDER_QUEUE_BUSY while another job is known to wait (`startBatch` starts the whole queue).
 * A job whose events stop for `encoderSilenceMs` is reported failed with a TIMEOUT message.
 */

export const PREMIERE_CEP_ENCODER_EVENT = 'com.picturelock.encoder';

export interface CepEventLike {
  readonly type?: string;
  /** A string, or the object CEP (6.1+) parsed from a JSON string. */
  readonly data: unknown;
}

/** What the adapter needs from CSInterface. */
export interface CepBridge {
  evalScript(code: string, callback: (result: string) => void): void;
  addEventListener(type: string, listener: (event: CepEventLike) => void): void;
}

export interface PremiereCepPreset extends RenderPreset {
  /** The Media Encoder preset file (.epr) on the editor's machine. */
  readonly path: string;
}

export interface PremiereCepOptions {
  readonly bridge: CepBridge;
  /** Presets offered for renders (ExtendScript cannot list AME's presets). */
  readonly presets?: readonly PremiereCepPreset[];
  /** Writes a file (the panel's Node `fs`); enables EDL/FCPXML/OTIO exports written from the read timeline. */
  readonly writeFile?: (path: string, text: string) => Promise<void>;
  /** Milliseconds an evalScript may take before the call is reported as TIMEOUT (a modal dialog blocks them all). */
  readonly callTimeoutMs?: number;
  /** Milliseconds without an encoder event after which a started job is reported failed. */
  readonly encoderSilenceMs?: number;
  readonly now?: () => number;
}

/** A JS string literal valid in ES3 for any text: quotes, backslashes and everything outside printable ASCII escaped. */
export function es3StringLiteral(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += text[i];
  }
  return `${out}"`;
}

/** The one script shape ever sent: a fixed call around one escaped literal. */
export function cepCallScript(fn: string, args: unknown): string {
  const literal = es3StringLiteral(JSON.stringify({ fn, args }));
  return `(typeof $ !== 'undefined' && $.picturelock && $.picturelock.call) ? $.picturelock.call(${literal}) : '{"ok":false,"error":{"code":"HOST_NOT_READY","message":"picturelock.jsx is not loaded in Premiere yet."}}'`;
}

// ---------------------------------------------------------------- DTOs from picturelock.jsx

interface ItemDto {
  name: string;
  nodeId: string;
  path: string;
  offline: boolean;
  startTicks: string | null;
  timebase: string | null;
  frameRate: number | null;
  tape: string | null;
}
interface ClipDto {
  name: string;
  nodeId: string;
  start: string;
  end: string;
  inPoint: string;
  outPoint: string;
  speed: number;
  reversed: boolean;
  disabled: boolean;
  item: string | null;
}
interface TransitionDto {
  name: string;
  start: string;
  end: string;
  matchName: string | null;
}
interface TrackDto {
  kind: 'video' | 'audio';
  index: number;
  name: string;
  muted: boolean;
  clips: ClipDto[];
  transitions: TransitionDto[];
}
interface MarkerDto {
  guid: string;
  name: string;
  comments: string;
  start: string;
  end: string;
  type: string;
  color: number;
}
interface SequenceDto {
  id: string;
  name: string;
  timebase: string;
  zeroPoint: string;
  end: string;
  videoDisplayFormat: number;
  width: number;
  height: number;
  frameDurationTicks: string | null;
  playerPosition: string | null;
  tracks: TrackDto[];
  items: Record<string, ItemDto>;
  markers: MarkerDto[];
}
interface QueuedDto {
  jobId: string;
  hostJobId: string | null;
  outputPath: string;
}

const HOST_ERROR_CODES: readonly HostErrorCode[] = [
  'HOST_NOT_READY',
  'NO_ACTIVE_TIMELINE',
  'TIMELINE_NOT_FOUND',
  'NOT_SUPPORTED',
  'MEDIA_OFFLINE',
  'RENDER_QUEUE_BUSY',
  'RENDER_JOB_NOT_FOUND',
  'EXPORT_FAILED',
  'HOST_CALL_FAILED',
  'BAD_RESPONSE',
  'TIMEOUT',
  'CANCELLED',
];

// ---------------------------------------------------------------- time

function gcdBig(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}

/** The rate whose frame lasts `tpf` ticks (8475667200 ticks is 30000/1001). */
export function rateFromTicksPerFrame(tpf: bigint): Rate | undefined {
  if (tpf <= 0n) return undefined;
  const g = gcdBig(TICKS_PER_SECOND, tpf);
  return { num: Number(TICKS_PER_SECOND / g), den: Number(tpf / g) };
}

/** Drop-frame comes only from the display format: 102 (29.97 drop) and 106 (59.94 drop). */
function sequenceFrameRate(dto: SequenceDto): FrameRate | undefined {
  const r = rateFromTicksPerFrame(BigInt(dto.timebase));
  if (!r) return undefined;
  const df = (dto.videoDisplayFormat === 102 || dto.videoDisplayFormat === 106) && isDropFrameCapable(r);
  return frameRate(r.num, r.den, df);
}

const MARKER_INDEX: Record<MarkerColor, number> = {
  green: 0,
  red: 1,
  purple: 2,
  orange: 3,
  yellow: 4,
  white: 5,
  blue: 6,
  cyan: 7,
  // Premiere has eight marker colours; the others go to the closest of them.
  pink: 1,
  magenta: 2,
  black: 5,
};
const INDEX_MARKER: readonly MarkerColor[] = ['green', 'red', 'purple', 'orange', 'yellow', 'white', 'blue', 'cyan'];

interface JobState {
  readonly spec: RenderJobSpec;
  hostJobId?: string;
  expectedPath: string;
  state: RenderJobState;
  percent: number;
  outputPath?: string;
  error?: string;
  started: boolean;
  lastHeard: number;
}

interface EncoderEvent {
  event: 'queued' | 'progress' | 'complete' | 'error' | 'cancelled';
  hostJobId: string;
  progress?: number;
  outputPath?: string;
  message?: string;
}

export function createPremiereCepHost(options: PremiereCepOptions): Host & { readonly kind: 'premiere-cep' } {
  const bridge = options.bridge;
  const now = options.now ?? (() => Date.now());
  const callTimeoutMs = options.callTimeoutMs ?? 120_000;
  const silenceMs = options.encoderSilenceMs ?? 15 * 60_000;
  const presets = options.presets ?? [];
  const jobs = new Map<string, JobState>();
  const byHostId = new Map<string, string>();
  /** Events of jobs not (yet) known as ours, by host job id: ours arrive before queueJobs answers. */
  const unclaimed = new Map<string, EncoderEvent[]>();
  const timebases = new Map<string, string>();
  const K = 'premiere-cep' as const;

  bridge.addEventListener(PREMIERE_CEP_ENCODER_EVENT, (event) => {
    const e = encoderEventOf(event.data);
    if (!e) return;
    const jobId = byHostId.get(e.hostJobId);
    if (jobId === undefined) {
      unclaimed.set(e.hostJobId, [...(unclaimed.get(e.hostJobId) ?? []), e]);
      return;
    }
    applyEvent(jobs.get(jobId)!, e);
  });

  function applyEvent(job: JobState, e: EncoderEvent): void {
    job.lastHeard = now();
    if (job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled') return;
    switch (e.event) {
      case 'queued':
        return;
      case 'progress': {
        // The unit is not documented (UXP reports 0..1): a value above 1 is read as percent.
        const p = e.progress ?? 0;
        job.state = 'running';
        job.percent = Math.max(job.percent, Math.min(99, Math.floor(p > 1 ? p : p * 100)));
        return;
      }
      case 'complete':
        job.state = 'completed';
        job.percent = 100;
        job.outputPath = e.outputPath || job.expectedPath;
        return;
      case 'error':
        job.state = 'failed';
        job.error = e.message || 'Media Encoder reported an error without a message';
        return;
      case 'cancelled':
        job.state = 'cancelled';
        return;
    }
  }

  function call<T>(fn: string, args: unknown): Promise<HostResult<T>> {
    return new Promise((resolve) => {
      let done = false;
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        resolve(hostErr(K, 'TIMEOUT', `Premiere did not answer within ${Math.round(callTimeoutMs / 1000)} s. A dialog may be open in Premiere; close it and try again.`, fn));
      }, callTimeoutMs);
      bridge.evalScript(cepCallScript(fn, args), (answer) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(answerOf<T>(fn, answer));
      });
    });
  }

  function answerOf<T>(fn: string, answer: string): HostResult<T> {
    if (answer === 'EvalScript error.') {
      return hostErr(K, 'HOST_CALL_FAILED', 'Premiere could not run the Picturelock script. Reload the panel; if it persists, restart Premiere.', `${fn}: EvalScript error.`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer);
    } catch {
      return hostErr(K, 'BAD_RESPONSE', 'Premiere answered something the panel cannot read.', `${fn}: ${answer.slice(0, 200)}`);
    }
    if (!parsed || typeof parsed !== 'object' || typeof (parsed as { ok?: unknown }).ok !== 'boolean') {
      return hostErr(K, 'BAD_RESPONSE', 'Premiere answered something the panel cannot read.', `${fn}: ${answer.slice(0, 200)}`);
    }
    const env = parsed as { ok: boolean; value?: T; error?: { code?: string; message?: string } };
    if (env.ok) return hostOk(env.value as T);
    const code = HOST_ERROR_CODES.find((c) => c === env.error?.code) ?? 'HOST_CALL_FAILED';
    return hostErr(K, code, env.error?.message ?? 'Premiere reported an error.', fn);
  }

  const capabilities: HostCapabilities = {
    readTimeline: true,
    setPlayhead: true,
    readMarkers: true,
    writeMarkers: true,
    exportFormats: options.writeFile ? ['fcp7xml', 'edl', 'fcpxml', 'otio'] : ['fcp7xml'],
    renderQueue: true,
    cancelRender: false,
    clipSpeedInApi: true,
  };

  async function timebaseOf(id: string): Promise<HostResult<bigint>> {
    let tb = timebases.get(id);
    if (tb === undefined) {
      const list = await call<{ sequences: { id: string; name: string; timebase: string }[]; active: string | null }>('listSequences', {});
      if (!list.ok) return list;
      for (const s of list.value.sequences) timebases.set(s.id, s.timebase);
      tb = timebases.get(id);
      if (tb === undefined) return hostErr(K, 'TIMELINE_NOT_FOUND', `No sequence with id ${id} in this project.`);
    }
    return hostOk(BigInt(tb));
  }

  async function readSequence(id?: string): Promise<HostResult<HostTimeline>> {
    const r = await call<SequenceDto>('readSequence', { id: id ?? null });
    if (!r.ok) return r;
    timebases.set(r.value.id, r.value.timebase);
    return timelineFromDto(r.value);
  }

  return {
    kind: K,
    async info() {
      const r = await call<{ version: string; build: string; projectOpen: boolean; encoder: boolean }>('info', {});
      if (!r.ok) return r;
      const caps = r.value.encoder ? capabilities : { ...capabilities, renderQueue: false };
      return hostOk({ kind: K, name: 'Adobe Premiere Pro', version: r.value.build ? `${r.value.version} (build ${r.value.build})` : r.value.version, capabilities: caps });
    },
    async listTimelines() {
      const r = await call<{ sequences: { id: string; name: string; timebase: string }[]; active: string | null }>('listSequences', {});
      if (!r.ok) return r;
      for (const s of r.value.sequences) timebases.set(s.id, s.timebase);
      return hostOk(r.value.sequences.map((s): TimelineRef => ({ id: s.id, name: s.name })));
    },
    async activeTimeline() {
      const r = await call<{ sequences: { id: string; name: string; timebase: string }[]; active: string | null }>('listSequences', {});
      if (!r.ok) return r;
      const active = r.value.sequences.find((s) => s.id === r.value.active);
      if (!active) return hostErr(K, 'NO_ACTIVE_TIMELINE', 'No sequence is open in the Timeline panel.');
      return hostOk({ id: active.id, name: active.name });
    },
    readTimeline: readSequence,
    async setPlayhead(timelineId, frame) {
      const tb = await timebaseOf(timelineId);
      if (!tb.ok) return tb;
      const r = await call<null>('setPlayhead', { id: timelineId, ticks: (BigInt(frame) * tb.value).toString() });
      return r.ok ? hostOk(undefined) : r;
    },
    async readMarkers(timelineId) {
      const tb = await timebaseOf(timelineId);
      if (!tb.ok) return tb;
      const r = await call<MarkerDto[]>('readMarkers', { id: timelineId });
      if (!r.ok) return r;
      return hostOk(r.value.map((m) => hostMarkerOf(m, tb.value)));
    },
    async writeMarkers(timelineId, markers) {
      const tb = await timebaseOf(timelineId);
      if (!tb.ok) return tb;
      const r = await call<{ written: number }>('writeMarkers', { id: timelineId, markers: markers.map((m) => markerDtoOf(m, tb.value)) });
      return r.ok ? hostOk({ written: r.value.written }) : r;
    },
    async exportTimeline(timelineId, format, path) {
      if (format === 'fcp7xml') return call<{ path: string }>('exportFcp7Xml', { id: timelineId, path });
      if (format === 'aaf') return hostErr(K, 'NOT_SUPPORTED', 'AAF export from the CEP panel is not offered: exportAAF\'s argument order differs between Adobe\'s documents. Export AAF from File > Export > AAF.');
      if (!options.writeFile) return hostErr(K, 'NOT_SUPPORTED', `Premiere's scripting cannot export ${format.toUpperCase()}; this panel has no file access to write it from the read timeline.`);
      const read = await readSequence(timelineId);
      if (!read.ok) return read;
      const written = writeInterchange(read.value.timeline, format);
      try {
        await options.writeFile(path, written.text);
      } catch (e) {
        return hostErr(K, 'EXPORT_FAILED', `Could not write ${path}.`, e instanceof Error ? e.message : String(e));
      }
      return hostOk({ path });
    },
    async listRenderPresets() {
      return hostOk(presets.map((p): RenderPreset => ({ id: p.id, name: p.name, ...(p.extension ? { extension: p.extension } : {}) })));
    },
    async queueRenderJobs(specs) {
      const dtos: unknown[] = [];
      for (const spec of specs) {
        const preset = presets.find((p) => p.id === spec.presetId);
        if (!preset) return hostErr(K, 'NOT_SUPPORTED', `No render preset "${spec.presetId}" is configured for this panel.`);
        if (jobs.has(spec.jobId)) return hostErr(K, 'HOST_CALL_FAILED', `Render job ${spec.jobId} is already queued.`);
        let inTicks: string | null = null;
        let outTicks: string | null = null;
        if (spec.frames) {
          const tb = await timebaseOf(spec.timelineId);
          if (!tb.ok) return tb;
          // In and out as times on the sequence: the out point is the end of the last frame.
          inTicks = (BigInt(spec.frames.start) * tb.value).toString();
          outTicks = (BigInt(spec.frames.end) * tb.value).toString();
        }
        dtos.push({ jobId: spec.jobId, sequenceId: spec.timelineId, presetPath: preset.path, outputFolder: spec.outputFolder, outputName: spec.outputName, inTicks, outTicks });
      }
      const r = await call<QueuedDto[]>('queueJobs', { jobs: dtos });
      if (!r.ok) return r;
      const out: RenderJobStatus[] = [];
      for (const q of r.value) {
        const spec = specs.find((s) => s.jobId === q.jobId);
        if (!spec) continue;
        const job: JobState = { spec, expectedPath: q.outputPath, state: 'queued', percent: 0, started: false, lastHeard: now() };
        if (q.hostJobId === null) {
          job.state = 'failed';
          job.error = 'Media Encoder refused the job (encodeSequence returned 0): check the preset and the output folder.';
        } else {
          job.hostJobId = q.hostJobId;
          byHostId.set(q.hostJobId, spec.jobId);
          for (const e of unclaimed.get(q.hostJobId) ?? []) applyEvent(job, e);
          unclaimed.delete(q.hostJobId);
        }
        jobs.set(spec.jobId, job);
        out.push(statusOf(job));
      }
      return hostOk(out);
    },
    async startRender(jobIds) {
      const mine: JobState[] = [];
      for (const id of jobIds) {
        const job = jobs.get(id);
        if (!job) return hostErr(K, 'RENDER_JOB_NOT_FOUND', `No render job ${id} was queued from this panel.`);
        mine.push(job);
      }
      const waiting = [...unclaimed.entries()].filter(([, events]) => !events.some((e) => e.event === 'complete' || e.event === 'error' || e.event === 'cancelled'));
      if (waiting.length > 0) {
        return hostErr(
          K,
          'RENDER_QUEUE_BUSY',
          `Media Encoder's queue holds ${waiting.length} job(s) that are not Picturelock's; starting it would render them too. Start the queue in Media Encoder yourself, or remove them first.`,
          waiting.map(([id]) => id).join(', '),
        );
      }
      const toStart = mine.filter((j) => j.state === 'queued');
      if (toStart.length === 0) return hostOk(undefined);
      const r = await call<null>('startBatch', {});
      if (!r.ok) return r;
      for (const j of toStart) {
        j.started = true;
        j.lastHeard = now();
      }
      return hostOk(undefined);
    },
    async pollRenderJobs(jobIds) {
      const out: RenderJobStatus[] = [];
      for (const id of jobIds) {
        const job = jobs.get(id);
        if (!job) return hostErr(K, 'RENDER_JOB_NOT_FOUND', `No render job ${id} was queued from this panel.`);
        if (job.started && (job.state === 'queued' || job.state === 'running') && now() - job.lastHeard > silenceMs) {
          job.state = 'failed';
          job.error = `TIMEOUT: Media Encoder sent no word about this job for ${Math.round(silenceMs / 1000)} s; check its queue (the job may still be there, or AME may have quit). Expected output: ${job.expectedPath}`;
        }
        out.push(statusOf(job));
      }
      return hostOk(out);
    },
    async cancelRender() {
      return hostErr(K, 'NOT_SUPPORTED', "Premiere's scripting cannot cancel a Media Encoder job; cancel it in Media Encoder's queue.");
    },
  };

  function statusOf(job: JobState): RenderJobStatus {
    return {
      jobId: job.spec.jobId,
      ...(job.hostJobId !== undefined ? { hostJobId: job.hostJobId } : {}),
      state: job.state,
      percent: job.percent,
      ...(job.outputPath !== undefined ? { outputPath: job.outputPath } : {}),
      ...(job.error !== undefined ? { error: job.error } : {}),
    };
  }

  function hostMarkerOf(m: MarkerDto, tpf: bigint): HostMarker {
    const start = Number(BigInt(m.start) / tpf);
    const endTicks = BigInt(m.end);
    // A marker without duration reports end == start: a one-frame marker here.
    const end = endTicks > BigInt(m.start) ? Number((endTicks + tpf - 1n) / tpf) : start + 1;
    return {
      id: m.guid,
      name: m.name,
      ...(m.comments ? { note: m.comments } : {}),
      color: INDEX_MARKER[m.color] ?? 'green',
      frames: { start, end },
    };
  }

  function markerDtoOf(m: MarkerSpec, tpf: bigint): unknown {
    // Seconds half a frame into the wanted frame: Premiere truncates seconds to the frame, so
    // the truncation lands on the frame itself whatever the float rounding.
    const secondsAt = (frame: number) => (Number(BigInt(frame) * tpf + tpf / 2n) / Number(TICKS_PER_SECOND));
    const point = m.frames.end <= m.frames.start + 1;
    return {
      name: m.name,
      comments: m.note ?? '',
      colorIndex: MARKER_INDEX[m.color],
      startSeconds: secondsAt(m.frames.start),
      endSeconds: point ? null : secondsAt(m.frames.end),
    };
  }
}

function encoderEventOf(data: unknown): EncoderEvent | undefined {
  let v = data;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (!v || typeof v !== 'object') return undefined;
  const e = v as Partial<EncoderEvent>;
  if (typeof e.hostJobId !== 'string' || typeof e.event !== 'string') return undefined;
  return e as EncoderEvent;
}

// ---------------------------------------------------------------- the sequence as a core timeline

interface Conv {
  readonly findings: Finding[];
  readonly seq: string;
}

function framesOfTicks(ticks: string, r: Rate, what: string, conv: Conv): number {
  const t = BigInt(ticks);
  const exact = timeFromTicks(t, r);
  if (exact.ok) return exact.value.value;
  const rounded = timeFromTicks(t, r, 'round');
  const frame = rounded.ok ? rounded.value.value : 0;
  conv.findings.push(finding('HOST_TIME_OFF_FRAME', { what, ticks, rate: formatRate(r), frame }, { where: { timeline: conv.seq } }));
  return frame;
}

function sourceRateOf(item: ItemDto | undefined, track: TrackDto, seqRate: Rate): Rate {
  if (track.kind === 'audio' || !item) return seqRate;
  if (item.timebase && /^\d+$/.test(item.timebase)) {
    const r = rateFromTicksPerFrame(BigInt(item.timebase));
    if (r) return r;
  }
  if (item.frameRate && item.frameRate > 0) return nearestStandardRate(item.frameRate) ?? seqRate;
  return seqRate;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** The media a clip uses; `mediaStartFrame` (its source timecode start, at the source rate) rides in metadata: the DOM gives no length. */
function mediaOf(item: ItemDto | undefined, clipName: string, mediaStartFrame: number): MediaReference {
  if (!item) return { kind: 'missing', name: clipName };
  const meta = { premiere: { projectItemId: item.nodeId, mediaStartFrame, ...(item.path ? { path: item.path } : {}) } };
  if (item.offline) return { kind: 'missing', name: item.name, metadata: meta };
  if (!item.path) return { kind: 'generator', generatorKind: item.name, name: item.name, metadata: meta };
  return { kind: 'external', url: item.path, name: baseName(item.path), metadata: meta };
}

function timelineFromDto(dto: SequenceDto): HostResult<HostTimeline> {
  const rate = sequenceFrameRate(dto);
  if (!rate || ticksPerFrame(rate) === undefined) {
    return hostErr('premiere-cep', 'BAD_RESPONSE', `Sequence ${dto.name} has a frame duration Picturelock cannot read.`, `timebase ${dto.timebase}`);
  }
  const conv: Conv = { findings: [], seq: dto.name };
  const start = framesOfTicks(dto.zeroPoint, rate, `${dto.name}'s zero point`, conv);
  const tracks: Track[] = [];
  for (const t of dto.tracks) tracks.push(trackFromDto(t, dto, rate, conv));
  const video = tracks.filter((t) => t.trackKind === 'video');
  const audio = tracks.filter((t) => t.trackKind === 'audio');
  const tpf = ticksPerFrame(rate)!;
  const markers = dto.markers.map((m) => {
    const s = Number(BigInt(m.start) / tpf);
    const e = BigInt(m.end) > BigInt(m.start) ? Number((BigInt(m.end) + tpf - 1n) / tpf) : s;
    return { name: m.name, color: INDEX_MARKER[m.color] ?? 'green', markedRange: range(s, e - s, rate), ...(m.comments ? { note: m.comments } : {}), metadata: { premiere: { guid: m.guid, type: m.type } } };
  });
  const timeline: Timeline = {
    kind: 'timeline',
    name: dto.name,
    rate,
    globalStart: rt(start, rate),
    tracks: [...video, ...audio],
    markers,
    metadata: { premiere: { sequenceId: dto.id, width: dto.width, height: dto.height, videoDisplayFormat: dto.videoDisplayFormat } },
  };
  const media: MediaRecord[] = Object.values(dto.items).map((item) => {
    const r = item.timebase && /^\d+$/.test(item.timebase) ? rateFromTicksPerFrame(BigInt(item.timebase)) : undefined;
    return {
      ...(item.path ? { path: item.path, fileName: baseName(item.path) } : {}),
      ...(item.tape ? { reel: item.tape } : {}),
      clipName: item.name,
      ...(r ? { rate: frameRate(r.num, r.den, false) } : {}),
      extra: { offline: String(item.offline), projectItemId: item.nodeId },
    };
  });
  return hostOk({ ref: { id: dto.id, name: dto.name }, timeline, media, findings: conv.findings });
}

function trackFromDto(t: TrackDto, dto: SequenceDto, rate: FrameRate, conv: Conv): Track {
  const label = `${t.kind === 'video' ? 'V' : 'A'}${t.index + 1}`;
  interface Placed {
    readonly s: number;
    readonly e: number;
    readonly clip: Clip;
  }
  const placed: Placed[] = [];
  for (const c of t.clips) {
    const s = framesOfTicks(c.start, rate, `${c.name} on ${label} (start)`, conv);
    const e = framesOfTicks(c.end, rate, `${c.name} on ${label} (end)`, conv);
    const item = c.item !== null ? dto.items[c.item] : undefined;
    const srcRate = sourceRateOf(item, t, rate);
    const mediaStart = item?.startTicks ? framesOfTicks(item.startTicks, srcRate, `${item.name}'s start`, conv) : 0;
    const inF = framesOfTicks(c.inPoint, srcRate, `${c.name} on ${label} (in)`, conv);
    const outF = framesOfTicks(c.outPoint, srcRate, `${c.name} on ${label} (out)`, conv);
    const recLen = e - s;
    const duration = rescaledExactly(rt(recLen, rate), srcRate) ?? rescaledTo(rt(recLen, rate), srcRate, 'round');
    // Speed, exactly: source ticks used over record ticks (both whole ticks), signed by direction.
    const srcTicks = BigInt(c.outPoint) - BigInt(c.inPoint);
    const recTicks = BigInt(c.end) - BigInt(c.start);
    const effects: Effect[] = [];
    if (recTicks > 0n && srcTicks > 0n) {
      const g = gcdBig(srcTicks, recTicks);
      const num = Number(srcTicks / g) * (c.reversed ? -1 : 1);
      const den = Number(recTicks / g);
      if (num !== den) effects.push({ kind: 'linearTimeWarp', name: 'Speed/Duration', timeScalar: { num, den }, metadata: { premiere: { speed: c.speed, reversed: c.reversed } } });
    }
    const first = c.reversed ? mediaStart + outF - 1 : mediaStart + inF;
    const clip: Clip = {
      kind: 'clip',
      name: c.name,
      sourceRange: range(first, duration, srcRate),
      media: mediaOf(item, c.name, mediaStart),
      ...(item?.tape ? { reel: item.tape } : {}),
      ...(item?.path ? { sourceFile: baseName(item.path) } : {}),
      enabled: !c.disabled,
      markers: [],
      effects,
      metadata: { premiere: { nodeId: c.nodeId } },
    };
    placed.push({ s, e, clip });
  }
  placed.sort((a, b) => a.s - b.s);
  // Transitions sit over a cut: the cut is the clip boundary inside the transition's span.
  const transitions = t.transitions
    .map((tr) => {
      const s = framesOfTicks(tr.start, rate, `${tr.name} on ${label} (start)`, conv);
      const e = framesOfTicks(tr.end, rate, `${tr.name} on ${label} (end)`, conv);
      const cut = placed.find((p) => p.s >= s && p.s <= e)?.s ?? placed.find((p) => p.e >= s && p.e <= e)?.e ?? s;
      const label2 = `${tr.name} ${tr.matchName ?? ''}`;
      const transitionType = /dissolve/i.test(label2) ? 'dissolve' : /wipe/i.test(label2) ? 'wipe' : tr.name;
      return { cut, item: { kind: 'transition' as const, name: tr.name, transitionType, inOffset: rt(cut - s, rate), outOffset: rt(e - cut, rate), metadata: { premiere: { matchName: tr.matchName } } } };
    })
    .sort((a, b) => a.cut - b.cut);
  const children: TrackItem[] = [];
  let cursor = 0;
  let ti = 0;
  const gapTo = (to: number) => {
    if (to > cursor) children.push({ kind: 'gap', name: '', sourceRange: range(0, to - cursor, rate), markers: [], metadata: {} });
    cursor = Math.max(cursor, to);
  };
  for (const p of placed) {
    while (ti < transitions.length && transitions[ti]!.cut <= p.s) {
      gapTo(transitions[ti]!.cut);
      children.push(transitions[ti]!.item);
      ti++;
    }
    gapTo(p.s);
    children.push(p.clip);
    cursor = Math.max(cursor, p.e);
  }
  for (; ti < transitions.length; ti++) {
    gapTo(transitions[ti]!.cut);
    children.push(transitions[ti]!.item);
  }
  return { kind: 'track', name: t.name, trackKind: t.kind, children, enabled: !t.muted, markers: [], metadata: { premiere: { index: t.index } } };
}
