import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  flattened,
  MARKER_COLORS,
  rangesInTrack,
  readInterchange,
  rescaledExactly,
  rescaledTo,
  rt,
  speedOf,
  timelineDuration,
  toSecondsString,
  trackTrimmedToRange,
  writeInterchange,
  type MarkerColor,
  type MediaInfo,
  type MediaRecord,
  type Rate,
  type Result,
  type Timeline,
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
  type RenderJobStatus,
  type RenderPreset,
  type TimelineRef,
} from '../host.ts';
import { probeMedia } from './probe.ts';

/**
 * The standalone host: timelines are list files on disk (EDL, FCP7 XML, FCPXML, OTIO), a
 * timeline id is the file's path (`path#2` for a file's second timeline), media facts come
 * from ffprobe, markers live in a sidecar `<list>.markers.json` beside the list, exports are
 * written by core's writers, and renders run ffmpeg.
 *
 * Renders are kept honest and small: picture only (the preset names say so), one ffmpeg run
 * per job, from the flattened picture (topmost clip per frame) when every frame of the range
 * comes from a file on disk at normal speed with no transition over the range. Anything else
 * (a gap, a speed change, a dissolve, a generator, media offline, a file without a start
 * timecode) is refused with NOT_SUPPORTED and the reason, before anything is queued.
 * Outputs are written under a temporary name and renamed when ffmpeg succeeds; an existing
 * output is never overwritten.
 */

export const STANDALONE_MARKERS_SCHEMA = 'HostMarkers.1';

export interface StandalonePreset extends RenderPreset {
  /** ffmpeg output arguments (codec and options), between the inputs and the output path. */
  readonly args: readonly string[];
}

export const STANDALONE_PRESETS: readonly StandalonePreset[] = [
  { id: 'ffv1-picture', name: 'FFV1 lossless check copy, picture only (Matroska)', extension: 'mkv', args: ['-c:v', 'ffv1', '-level', '3'] },
  { id: 'prores-proxy-picture', name: 'Apple ProRes 422 Proxy, picture only', extension: 'mov', args: ['-c:v', 'prores_ks', '-profile:v', '0'] },
  { id: 'h264-review-picture', name: 'H.264 review copy, picture only', extension: 'mp4', args: ['-c:v', 'libx264', '-crf', '20', '-pix_fmt', 'yuv420p'] },
];

export interface StandaloneHostOptions {
  /** The timeline list files this host offers; the first is active. */
  readonly files: readonly string[];
  readonly ffmpeg?: string;
  readonly probe?: (path: string) => Promise<Result<MediaInfo, string>>;
  readonly version?: string;
}

export interface StandaloneHost extends Host {
  /** Resolves once every started render has finished. */
  whenIdle(): Promise<void>;
}

interface Segment {
  readonly path: string;
  /** First frame in the file (0 = its first frame) and frame count, at `rate`. */
  readonly offset: number;
  readonly frames: number;
  readonly rate: Rate;
}

interface Job {
  readonly spec: RenderJobSpec;
  readonly preset: StandalonePreset;
  readonly segments: readonly Segment[];
  readonly totalFrames: number;
  readonly timelineRate: Rate;
  state: RenderJobStatus['state'];
  percent: number;
  outputPath?: string;
  error?: string;
  child?: ChildProcess;
}

const K = 'standalone' as const;

function pathOfUrl(url: string): string {
  if (url.startsWith('file:')) {
    try {
      return fileURLToPath(url.replace(/^file:\/\/localhost\//, 'file:///'));
    } catch {
      return url;
    }
  }
  return url;
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, path);
}

export function createStandaloneHost(options: StandaloneHostOptions): StandaloneHost {
  const ffmpeg = options.ffmpeg ?? process.env['PICTURELOCK_FFMPEG'] ?? 'ffmpeg';
  const probe = options.probe ?? ((p: string) => probeMedia(p));
  const jobs = new Map<string, Job>();
  const probes = new Map<string, Promise<Result<MediaInfo, string>>>();
  let chain: Promise<void> = Promise.resolve();

  const capabilities: HostCapabilities = {
    readTimeline: true,
    setPlayhead: false,
    readMarkers: true,
    writeMarkers: true,
    exportFormats: ['edl', 'fcp7xml', 'fcpxml', 'otio'],
    renderQueue: true,
    cancelRender: true,
    clipSpeedInApi: true,
  };

  const probed = (path: string) => {
    let p = probes.get(path);
    if (!p) {
      p = probe(path);
      probes.set(path, p);
    }
    return p;
  };

  async function load(id: string): Promise<HostResult<{ timeline: Timeline; findings: HostTimeline['findings']; file: string }>> {
    const hash = id.lastIndexOf('#');
    const file = hash > 0 && /^\d+$/.test(id.slice(hash + 1)) ? id.slice(0, hash) : id;
    const index = file === id ? 0 : Number(id.slice(hash + 1)) - 1;
    if (!options.files.includes(file)) return hostErr(K, 'TIMELINE_NOT_FOUND', `${id} is not one of the lists this session opened.`);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await fs.readFile(file));
    } catch (e) {
      return hostErr(K, 'TIMELINE_NOT_FOUND', `Cannot read ${file}.`, e instanceof Error ? e.message : String(e));
    }
    const r = readInterchange(bytes, { file });
    const tl = r.timelines[index];
    if (!tl) return hostErr(K, 'TIMELINE_NOT_FOUND', `${file} holds no timeline ${index + 1}.`);
    return hostOk({ timeline: tl, findings: r.findings, file });
  }

  async function refs(): Promise<TimelineRef[]> {
    const out: TimelineRef[] = [];
    for (const f of options.files) {
      try {
        const r = readInterchange(new Uint8Array(await fs.readFile(f)), { file: f });
        r.timelines.forEach((tl, i) => out.push({ id: i === 0 ? f : `${f}#${i + 1}`, name: tl.name }));
      } catch {
        // An unreadable list is left out of the list; reading it by id says why.
      }
    }
    return out;
  }

  async function mediaOf(tl: Timeline): Promise<MediaRecord[]> {
    const paths = new Set<string>();
    for (const t of tl.tracks) for (const c of t.children) if (c.kind === 'clip' && c.media.kind === 'external') paths.add(pathOfUrl(c.media.url));
    const out: MediaRecord[] = [];
    for (const path of paths) {
      if (!(await exists(path))) continue;
      const p = await probed(path);
      if (!p.ok) continue;
      const info = p.value;
      const v = info.video[0];
      const tc = info.startTimecode;
      out.push({
        path,
        fileName: basename(path),
        ...(info.reel ? { reel: info.reel } : {}),
        ...(tc && info.durationFrames !== undefined && info.durationRate && rescaledExactly(rt(info.durationFrames, info.durationRate), tc.rate) !== undefined
          ? { availableRange: { start: rt(tc.frames, tc.rate), duration: rt(rescaledExactly(rt(info.durationFrames, info.durationRate), tc.rate)!, tc.rate) } }
          : {}),
        ...(v?.frameRate ? { rate: v.frameRate } : {}),
        ...(v ? { width: v.width, height: v.height, codec: v.codec } : {}),
        ...(info.audio.length > 0 ? { audioChannels: info.audio.reduce((n, a) => n + (a.channels ?? 0), 0) } : {}),
        extra: { container: info.container },
      });
    }
    return out;
  }

  const sidecarOf = (id: string) => `${id.replace(/#(\d+)$/, '.$1')}.markers.json`;

  async function sidecarMarkers(id: string): Promise<HostMarker[]> {
    try {
      const data = JSON.parse(await fs.readFile(sidecarOf(id), 'utf8')) as { schema?: string; markers?: HostMarker[] };
      return data.schema === STANDALONE_MARKERS_SCHEMA && Array.isArray(data.markers) ? data.markers : [];
    } catch {
      return [];
    }
  }

  /** The picture of `[from, to)` as file segments, or the reason it cannot be rendered honestly. */
  async function segmentsOf(tl: Timeline, from: number, to: number): Promise<{ segments: Segment[] } | { reason: string }> {
    for (const t of tl.tracks) {
      if (t.trackKind !== 'video') continue;
      const ranges = rangesInTrack(t, tl.rate);
      for (let i = 0; i < t.children.length; i++) {
        const c = t.children[i]!;
        if (c.kind !== 'transition') continue;
        const cut = ranges[i]!.start.value;
        const s = cut - rescaledTo(c.inOffset, tl.rate, 'round');
        const e = cut + rescaledTo(c.outOffset, tl.rate, 'round');
        if (s < to && from < e) return { reason: `a ${c.transitionType} on ${t.name || 'a video track'} covers frames ${s} to ${e}; ffmpeg here renders cuts only` };
      }
    }
    const flat = trackTrimmedToRange(flattened(tl.tracks, tl.rate), from, to, tl.rate);
    const segments: Segment[] = [];
    let covered = 0;
    for (const c of flat.children) {
      if (c.kind === 'transition') continue;
      if (c.kind !== 'clip') return { reason: c.kind === 'gap' ? 'the range has frames with no picture (a gap)' : 'the range holds a nested sequence' };
      const s = speedOf(c);
      if (s.num !== s.den) return { reason: `${c.name} plays at ${s.num}/${s.den} speed; only normal speed is rendered here` };
      if (c.media.kind !== 'external') return { reason: `${c.name} has no media file (${c.media.kind})` };
      const path = pathOfUrl(c.media.url);
      if (!(await exists(path))) return { reason: `${c.name}: ${path} is offline` };
      const p = await probed(path);
      if (!p.ok) return { reason: `${c.name}: ffprobe cannot read ${path} (${p.error})` };
      const tc = p.value.startTimecode;
      const startFrame = tc ? rescaledExactly(rt(tc.frames, tc.rate), c.sourceRange.start.rate) : c.media.availableRange ? c.media.availableRange.start.value : undefined;
      if (startFrame === undefined) return { reason: `${c.name}: ${basename(path)} has no start timecode to place the source frames in it` };
      const rate = c.sourceRange.start.rate;
      const offset = c.sourceRange.start.value - startFrame;
      const frames = c.sourceRange.duration.value;
      if (offset < 0 || (p.value.durationFrames !== undefined && p.value.durationRate && offset + frames > rescaledTo(rt(p.value.durationFrames, p.value.durationRate), rate, 'floor'))) {
        return { reason: `${c.name} uses frames ${offset} to ${offset + frames} of ${basename(path)}, outside the file` };
      }
      segments.push({ path, offset, frames, rate });
      covered += rescaledTo(c.sourceRange.duration, tl.rate, 'round');
    }
    if (covered !== to - from) return { reason: 'the range has frames with no picture' };
    return { segments };
  }

  function argsOf(job: Job, output: string): string[] {
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', '-n'];
    // Seek half a frame before the wanted frame: the first frame decoded at or after that time
    // is the wanted one, whatever the decimal rounding of the seek time.
    for (const s of job.segments) args.push('-ss', s.offset === 0 ? '0' : toSecondsString(rt(2 * s.offset - 1, { num: 2 * s.rate.num, den: s.rate.den }), 9).replace(/^~/, ''), '-i', s.path);
    const n = job.segments.length;
    const r = `${job.timelineRate.num}/${job.timelineRate.den}`;
    const chains = job.segments.map((s, i) => `[${i}:v:0]trim=start_frame=0:end_frame=${s.frames},setpts=PTS-STARTPTS,fps=${r}[s${i}]`);
    const filter = `${chains.join(';')};${job.segments.map((_, i) => `[s${i}]`).join('')}concat=n=${n}:v=1:a=0[v]`;
    args.push('-filter_complex', filter, '-map', '[v]', '-frames:v', String(job.totalFrames), '-r', r, ...job.preset.args, output);
    return args;
  }

  function run(job: Job): Promise<void> {
    return new Promise((resolve) => {
      if (job.state !== 'queued') return resolve();
      const folder = job.spec.outputFolder;
      const final = join(folder, `${job.spec.outputName}.${job.preset.extension}`);
      const partial = join(folder, `.${job.spec.outputName}.partial.${job.preset.extension}`);
      void (async () => {
        if (await exists(final)) {
          job.state = 'failed';
          job.error = `${final} already exists; Picturelock does not overwrite outputs`;
          return resolve();
        }
        job.state = 'running';
        const child = spawn(ffmpeg, argsOf(job, partial), { stdio: ['ignore', 'pipe', 'pipe'] });
        job.child = child;
        let stderr = '';
        child.stdout!.on('data', (d: Buffer) => {
          const m = /frame=(\d+)\s*$/m.exec(d.toString());
          if (m) job.percent = Math.min(99, Math.floor((Number(m[1]) / job.totalFrames) * 100));
        });
        child.stderr!.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.on('error', (e) => {
          job.state = 'failed';
          job.error = `ffmpeg could not start: ${e.message}`;
          resolve();
        });
        child.on('close', (code) => {
          void (async () => {
            job.child = undefined;
            if (job.state === 'cancelled') {
              await fs.rm(partial, { force: true });
            } else if (code === 0 && !(await exists(final))) {
              await fs.rename(partial, final);
              job.state = 'completed';
              job.percent = 100;
              job.outputPath = final;
            } else {
              await fs.rm(partial, { force: true });
              job.state = 'failed';
              job.error = code === 0 ? `${final} appeared while rendering; the render was kept aside and removed` : `ffmpeg exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
            }
            resolve();
          })();
        });
      })();
    });
  }

  function statusOf(job: Job): RenderJobStatus {
    return {
      jobId: job.spec.jobId,
      state: job.state,
      percent: job.percent,
      ...(job.outputPath !== undefined ? { outputPath: job.outputPath } : {}),
      ...(job.error !== undefined ? { error: job.error } : {}),
    };
  }

  return {
    whenIdle: () => chain,
    async info() {
      return hostOk({ kind: K, name: 'Picturelock standalone (files, ffprobe, ffmpeg)', version: options.version ?? '1', capabilities });
    },
    async listTimelines() {
      return hostOk(await refs());
    },
    async activeTimeline() {
      const first = options.files[0];
      if (first === undefined) return hostErr(K, 'NO_ACTIVE_TIMELINE', 'No list was opened.');
      const r = await load(first);
      if (!r.ok) return r;
      return hostOk({ id: first, name: r.value.timeline.name });
    },
    async readTimeline(id) {
      const key = id ?? options.files[0];
      if (key === undefined) return hostErr(K, 'NO_ACTIVE_TIMELINE', 'No list was opened.');
      const r = await load(key);
      if (!r.ok) return r;
      return hostOk({ ref: { id: key, name: r.value.timeline.name }, timeline: r.value.timeline, media: await mediaOf(r.value.timeline), findings: r.value.findings });
    },
    async setPlayhead() {
      return hostErr(K, 'NOT_SUPPORTED', 'Files on disk have no playhead.');
    },
    async readMarkers(id) {
      const r = await load(id);
      if (!r.ok) return r;
      const tl = r.value.timeline;
      const own: HostMarker[] = tl.markers.map((m) => {
        const start = rescaledTo(m.markedRange.start, tl.rate, 'floor');
        return { name: m.name, ...(m.note ? { note: m.note } : {}), color: m.color, frames: { start, end: start + Math.max(1, rescaledTo(m.markedRange.duration, tl.rate, 'ceil')) } };
      });
      return hostOk([...own, ...(await sidecarMarkers(id))]);
    },
    async writeMarkers(id, specs: readonly MarkerSpec[]) {
      const r = await load(id);
      if (!r.ok) return r;
      const existing = await sidecarMarkers(id);
      const added = specs.map((s, i): HostMarker => {
        const color: MarkerColor = MARKER_COLORS.includes(s.color) ? s.color : 'red';
        return { id: `m${existing.length + i + 1}`, name: s.name, ...(s.note ? { note: s.note } : {}), color, frames: { start: s.frames.start, end: Math.max(s.frames.end, s.frames.start + 1) } };
      });
      try {
        await writeAtomic(sidecarOf(id), `${JSON.stringify({ schema: STANDALONE_MARKERS_SCHEMA, timeline: id, markers: [...existing, ...added] }, null, 2)}\n`);
      } catch (e) {
        return hostErr(K, 'HOST_CALL_FAILED', `Cannot write the marker file beside ${id}.`, e instanceof Error ? e.message : String(e));
      }
      return hostOk({ written: added.length });
    },
    async exportTimeline(id, format, path) {
      if (format === 'aaf') return hostErr(K, 'NOT_SUPPORTED', 'Picturelock reads AAF but does not write it.');
      const r = await load(id);
      if (!r.ok) return r;
      if (await exists(path)) return hostErr(K, 'EXPORT_FAILED', `${path} already exists; Picturelock does not overwrite it.`);
      try {
        await writeAtomic(path, writeInterchange(r.value.timeline, format).text);
      } catch (e) {
        return hostErr(K, 'EXPORT_FAILED', `Cannot write ${path}.`, e instanceof Error ? e.message : String(e));
      }
      return hostOk({ path });
    },
    async listRenderPresets() {
      return hostOk(STANDALONE_PRESETS.map((p): RenderPreset => ({ id: p.id, name: p.name, ...(p.extension ? { extension: p.extension } : {}) })));
    },
    async queueRenderJobs(specs) {
      const planned: Job[] = [];
      for (const spec of specs) {
        if (jobs.has(spec.jobId)) return hostErr(K, 'HOST_CALL_FAILED', `Render job ${spec.jobId} is already queued.`);
        const preset = STANDALONE_PRESETS.find((p) => p.id === spec.presetId);
        if (!preset) return hostErr(K, 'NOT_SUPPORTED', `No render preset "${spec.presetId}" here; use one of ${STANDALONE_PRESETS.map((p) => p.id).join(', ')}.`);
        const r = await load(spec.timelineId);
        if (!r.ok) return r;
        const tl = r.value.timeline;
        const from = spec.frames?.start ?? 0;
        const to = spec.frames?.end ?? timelineDuration(tl).value;
        if (to <= from) return hostErr(K, 'NOT_SUPPORTED', `Render job ${spec.jobId} asks for an empty range (${from} to ${to}).`);
        const seg = await segmentsOf(tl, from, to);
        if ('reason' in seg) return hostErr(K, 'NOT_SUPPORTED', `Render job ${spec.jobId} cannot be rendered honestly here: ${seg.reason}.`);
        planned.push({ spec, preset, segments: seg.segments, totalFrames: to - from, timelineRate: tl.rate, state: 'queued', percent: 0 });
      }
      for (const j of planned) jobs.set(j.spec.jobId, j);
      return hostOk(planned.map(statusOf));
    },
    async startRender(ids) {
      for (const id of ids) if (!jobs.has(id)) return hostErr(K, 'RENDER_JOB_NOT_FOUND', `No render job ${id} was queued.`);
      for (const id of ids) {
        const job = jobs.get(id)!;
        chain = chain.then(() => run(job));
      }
      return hostOk(undefined);
    },
    async pollRenderJobs(ids) {
      const out: RenderJobStatus[] = [];
      for (const id of ids) {
        const job = jobs.get(id);
        if (!job) return hostErr(K, 'RENDER_JOB_NOT_FOUND', `No render job ${id} was queued.`);
        out.push(statusOf(job));
      }
      return hostOk(out);
    },
    async cancelRender(ids) {
      for (const id of ids) if (!jobs.has(id)) return hostErr(K, 'RENDER_JOB_NOT_FOUND', `No render job ${id} was queued.`);
      for (const id of ids) {
        const job = jobs.get(id)!;
        if (job.state === 'queued' || job.state === 'running') {
          job.state = 'cancelled';
          job.child?.kill('SIGTERM');
        }
      }
      return hostOk(undefined);
    },
  };
}
