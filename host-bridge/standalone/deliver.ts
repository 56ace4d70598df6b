import { spawn } from 'node:child_process';
import { constants as fsc, promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  captionProfile,
  captionsCheck,
  captionsTimelineFacts,
  ChecksumHasherPool,
  finding,
  readCaptions,
  writeCaptions,
  createMhlGeneration,
  deliverJobTransitioned,
  deliverMediaSegmentsOf,
  deliverReportHtml,
  deliverReportOf,
  deliverSamplesAt,
  evaluateSpec,
  framesOf,
  hashedFiles,
  isMhlAlgorithm,
  readDeliverPlan,
  specFactsOfMedia,
  verifyMhl,
  writeInterchange,
  type DeliverCheckRow,
  type DeliverJob,
  type DeliverJobResult,
  type DeliverPlan,
  type DeliverSegment,
  type DeliverSidecar,
  type DeliverTransition,
  type Finding,
  type MhlAlgorithm,
  type Result,
} from '@picturelock/core';
import type { RenderJobSpec } from '../host.ts';
import { nodeChecksumFs } from './checksum-fs.ts';
import { readFfmpegProgress } from './ffmpeg-progress.ts';
import { probeMedia } from './probe.ts';

/**
 * Executes a delivery plan with ffmpeg: each job's picture is the cut's segments trimmed by
 * exact frame numbers (`trim=start_frame:end_frame` on the source's own frames, retimed with
 * `setpts` + `fps` for speed changes, held with `tpad` for freezes), dissolves mixed with
 * `xfade=fade` over their whole length from frame 0, scaled into the job's raster and
 * concatenated; each audio track is trimmed by exact sample numbers (cross-fades with
 * `acrossfade` over exactly the dissolve's samples) and joined into the job's channel layout. Outputs are written under a hidden temporary name and renamed when
 * ffmpeg has finished; then probed and checked against the job's expectation (and the plan's
 * profile for its primary job). The plan file is rewritten atomically after every state change,
 * so a killed run resumes where it stopped.
 */

/** The ffmpeg executable: the option, else PICTURELOCK_FFMPEG, else `ffmpeg` on PATH. */
export function ffmpegCommand(given?: string): string {
  return given ?? process.env.PICTURELOCK_FFMPEG ?? 'ffmpeg';
}

/** The plan file's package folder, absolute. */
export function deliverPackageDir(planPath: string, plan: DeliverPlan): string {
  return resolve(dirname(planPath), plan.packageFolder);
}

/** Reads and validates a plan file; problems name the file. */
export async function loadDeliverPlan(planPath: string): Promise<Result<DeliverPlan, string>> {
  let text: string;
  try {
    text = await fs.readFile(planPath, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read ${planPath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const r = readDeliverPlan(text);
  return r.ok ? r : { ok: false, error: `${planPath}: ${r.error.join('; ')}` };
}

/** Writes the plan file atomically: a temporary file beside it, flushed, then renamed over it. */
export async function saveDeliverPlan(planPath: string, plan: DeliverPlan, json: (p: DeliverPlan) => string): Promise<void> {
  const tmp = join(dirname(planPath), `.${basename(planPath)}.${process.pid}.tmp`);
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(json(plan), 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, planPath);
}

const exists = (p: string) => fs.access(p, fsc.F_OK).then(() => true, () => false);

// ---------------------------------------------------------------------------------------
// ffmpeg command lines

const PRORES_PROFILE: Record<string, string> = { '422proxy': '0', '422lt': '1', '422': '2', '422hq': '3', '4444': '4', '4444xq': '5' };

function rateText(r: { num: number; den: number }): string {
  return `${r.num}/${r.den}`;
}

/**
 * `frames` at `r` as seconds for an ffmpeg duration option (the float edge): six decimals, so
 * ffmpeg's microsecond value rounds back to the same whole number of frames at `r`.
 */
function secondsOf(frames: number, r: { num: number; den: number }): string {
  const micro = (BigInt(frames) * BigInt(r.den) * 1000000n * 2n + BigInt(r.num)) / (2n * BigInt(r.num));
  return `${micro / 1000000n}.${String(micro % 1000000n).padStart(6, '0')}`;
}

export interface DeliverCommand {
  readonly args: string[];
  /** Frames (video) or samples (audio-only) the output must hold, for progress. */
  readonly total: number;
  readonly unit: 'frames' | 'samples';
  readonly totalSeconds: number;
}

/**
 * The ffmpeg arguments that render `job` into `outPath` (a temporary name: the muxer is named
 * with `-f`). Pure: no file system access.
 */
export function deliverFfmpegArgs(plan: DeliverPlan, job: DeliverJob, outPath: string): DeliverCommand {
  const inputs: string[] = [];
  const graph: string[] = [];
  const tlRate = plan.timeline.rate;
  const v = job.video;
  const a = job.audio;
  const inputOf = (source: number) => {
    inputs.push('-i', plan.sources[source]!.path);
    return inputs.length / 2 - 1;
  };
  const frames = job.range.end - job.range.start;
  const maps: string[] = [];
  if (v) {
    const fit =
      v.fit?.mode === 'crop'
        ? `scale=${v.width}:${v.height}:force_original_aspect_ratio=increase,crop=${v.width}:${v.height}`
        : `scale=${v.width}:${v.height}:force_original_aspect_ratio=decrease,pad=${v.width}:${v.height}:(ow-iw)/2:(oh-ih)/2`;
    const common = `${fit},setsar=1,format=${v.pixelFormat}`;
    const rateArg = rateText(tlRate);
    // `frames` record frames of one run of source frames (or black), into the job's raster, then `tail` filters.
    const chainOf = (s: DeliverSegment, frames: number, out: string, tail = '') => {
      if (s.kind === 'media') {
        const k = inputOf(s.source);
        const chain = [`[${k}:v:0]trim=start_frame=${s.trim.start}:end_frame=${s.trim.end}`, 'setpts=PTS-STARTPTS'];
        if (s.speed.num === 0) chain.push(`tpad=stop_mode=clone:stop=${frames}`, `fps=${rateArg}`);
        else {
          if (s.speed.num < 0) chain.push('reverse', 'setpts=PTS-STARTPTS');
          const n = Math.abs(s.speed.num);
          if (n !== s.speed.den) chain.push(`setpts=PTS*${s.speed.den}/${n}`);
          chain.push(`fps=${rateArg}`);
        }
        chain.push(`trim=end_frame=${frames}`, common);
        graph.push(`${chain.join(',')}${tail}[${out}]`);
      } else {
        graph.push(`color=c=black:s=${v.width}x${v.height}:r=${rateArg},trim=end_frame=${frames},${common}${tail}[${out}]`);
      }
    };
    const labels: string[] = [];
    job.segments.video.forEach((s, i) => {
      const out = `v${i}`;
      labels.push(`[${out}]`);
      if (s.kind === 'dissolve') {
        // Both sides over the whole dissolve, mixed linearly from the first frame (all outgoing)
        // to the last (1/length outgoing); then the part of it this segment holds. Each side is
        // held one frame longer (a copy of its last, never a source frame past the handle):
        // ffmpeg's xfade misplaces its last mixed frame when an input ends with the transition.
        chainOf(s.from, s.length, `${out}a`, ',tpad=stop_mode=clone:stop=1');
        chainOf(s.to, s.length, `${out}b`, ',tpad=stop_mode=clone:stop=1');
        graph.push(`[${out}a][${out}b]xfade=transition=fade:duration=${secondsOf(s.length, tlRate)}:offset=0,trim=start_frame=${s.offset}:end_frame=${s.offset + s.frames},setpts=PTS-STARTPTS[${out}]`);
      } else chainOf(s, s.frames, out);
    });
    const c = v.colour;
    const tags = `setparams=color_primaries=${c.primaries}:color_trc=${c.transfer}:colorspace=${c.matrix}:range=${c.range === 'full' ? 'pc' : 'tv'}`;
    graph.push(`${labels.join('')}concat=n=${labels.length}:v=1:a=0,${tags},format=${v.pixelFormat}[vout]`);
    maps.push('-map', '[vout]');
  }
  let totalSamples = 0;
  if (a) {
    const sr = a.sampleRate;
    const boundary = (f: number) => deliverSamplesAt(f, tlRate, sr);
    const trackLabels: string[] = [];
    job.segments.audio.forEach((list, t) => {
      const labels: string[] = [];
      let at = 0;
      list.forEach((s: DeliverSegment, i) => {
        const out = `a${t}_${i}`;
        labels.push(`[${out}]`);
        const count = boundary(at + s.frames) - boundary(at);
        at += s.frames;
        // `samples` samples of one run of source frames (or silence), mono.
        const chainOf = (x: DeliverSegment, samples: number, label: string) => {
          if (x.kind === 'media') {
            const k = inputOf(x.source);
            const start = deliverSamplesAt(x.trim.start, x.rate, sr);
            graph.push(`[${k}:a:0]aresample=${sr},atrim=start_sample=${start}:end_sample=${start + samples},asetpts=PTS-STARTPTS,pan=mono|c0=c0,aformat=sample_rates=${sr}:channel_layouts=mono,apad=whole_len=${samples},atrim=end_sample=${samples}[${label}]`);
          } else {
            graph.push(`anullsrc=r=${sr}:cl=mono,atrim=end_sample=${samples},aformat=sample_rates=${sr}:channel_layouts=mono[${label}]`);
          }
        };
        if (s.kind === 'dissolve') {
          // Both sides over the whole dissolve, cross-faded linearly over all of it, then this segment's part.
          const length = deliverSamplesAt(s.length, tlRate, sr);
          const from = deliverSamplesAt(s.offset, tlRate, sr);
          chainOf(s.from, length, `${out}a`);
          chainOf(s.to, length, `${out}b`);
          graph.push(`[${out}a][${out}b]acrossfade=ns=${length}:c1=tri:c2=tri,atrim=start_sample=${from}:end_sample=${from + count},asetpts=PTS-STARTPTS,apad=whole_len=${count},atrim=end_sample=${count}[${out}]`);
        } else chainOf(s, count, out);
      });
      graph.push(`${labels.join('')}concat=n=${labels.length}:v=0:a=1[at${t}]`);
      trackLabels.push(`[at${t}]`);
    });
    totalSamples = boundary(frames);
    if (trackLabels.length === 1) graph.push(`${trackLabels[0]}anull[aout]`);
    else if (/^\d+c$/.test(a.layout)) graph.push(`${trackLabels.join('')}amerge=inputs=${trackLabels.length}[aout]`);
    else graph.push(`${trackLabels.join('')}join=inputs=${trackLabels.length}:channel_layout=${a.layout}[aout]`);
    maps.push('-map', '[aout]');
  }
  const codec: string[] = [];
  if (v) {
    if (v.codec === 'prores') codec.push('-c:v', 'prores_ks', '-profile:v', PRORES_PROFILE[v.profile] ?? '3', '-vendor', 'apl0');
    else if (v.codec === 'dnxhd') codec.push('-c:v', 'dnxhd', '-profile:v', v.profile.replace('-', '_'));
    else if (v.codec === 'h264') codec.push('-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', v.profile, '-crf', String(v.crf ?? 18));
    else codec.push('-c:v', 'libx265', '-preset', 'fast', '-profile:v', v.profile, '-crf', String(v.crf ?? 24), '-x265-params', 'log-level=error');
    if (v.fourcc && v.codec === 'hevc') codec.push('-tag:v', v.fourcc);
    codec.push('-pix_fmt', v.pixelFormat, '-color_primaries', v.colour.primaries, '-color_trc', v.colour.transfer, '-colorspace', v.colour.matrix, '-color_range', v.colour.range === 'full' ? 'pc' : 'tv');
  }
  if (a) {
    if (a.codec === 'pcm') codec.push('-c:a', a.bitDepth === 16 ? 'pcm_s16le' : a.bitDepth === 32 ? 'pcm_s32le' : 'pcm_s24le');
    else codec.push('-c:a', 'aac', '-b:a', String(a.bitRate ?? 320000));
    codec.push('-ar', String(a.sampleRate));
  }
  const meta: string[] = [];
  if (v && job.container !== 'wav') {
    meta.push('-timecode', job.timecode);
    if (job.container === 'mov') meta.push('-metadata:s:v:0', `reel_name=${job.reel}`);
  }
  if (job.container === 'mp4') meta.push('-movflags', '+faststart');
  if (job.container === 'wav' && a) {
    // BWF bext: time reference = samples since midnight of the start timecode.
    const tcFrames = framesOf(job.timecode, tlRate);
    meta.push('-write_bext', '1', '-rf64', 'auto', '-metadata', `time_reference=${deliverSamplesAt(tcFrames, tlRate, a.sampleRate)}`, '-metadata', `originator_reference=${job.reel}`.slice(0, 64));
  }
  const args = [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1',
    ...inputs,
    '-filter_complex', graph.join(';'),
    ...maps,
    ...codec,
    ...meta,
    '-f', job.container === 'mp4' ? 'mp4' : job.container,
    '-y', outPath,
  ];
  const totalSeconds = (frames * tlRate.den) / tlRate.num;
  return { args, total: v ? frames : totalSamples, unit: v ? 'frames' : 'samples', totalSeconds };
}

/**
 * The plan's jobs as host render-queue jobs (Premiere/AME, Resolve): the same output folder,
 * name and record range; `presetOf` names the host preset that makes each job's file. The
 * host's outputs are then checked with `deliverCheckedOutput` like ffmpeg's.
 */
export function deliverRenderJobSpecs(plan: DeliverPlan, timelineId: string, presetOf: (job: DeliverJob) => string): RenderJobSpec[] {
  return plan.jobs.map((j) => ({
    jobId: j.id,
    timelineId,
    presetId: presetOf(j),
    outputFolder: `${plan.packageFolder}/${j.output.folder}`,
    outputName: j.output.name.replace(/\.[^.]+$/, ''),
    frames: { start: j.range.start, end: j.range.end },
  }));
}

// ---------------------------------------------------------------------------------------
// Running

export interface DeliverProgress {
  readonly jobId: string;
  readonly label: string;
  /** 0 to 100. */
  readonly percent: number;
  /** Encoding speed as a multiple of real time (ffmpeg `speed=`), when known. */
  readonly speed?: number;
  /** Estimated seconds left, from the speed so far. */
  readonly secondsLeft?: number;
}

export type DeliverEvent =
  | { readonly kind: 'start'; readonly job: DeliverJob }
  | { readonly kind: 'done'; readonly job: DeliverJob }
  | { readonly kind: 'skip'; readonly job: DeliverJob; readonly why: string }
  | { readonly kind: 'sidecar'; readonly sidecar: DeliverSidecar };

export interface DeliverRunOptions {
  /** Jobs at once (default 2). */
  readonly jobs?: number;
  /** Replace outputs that exist (never without it). */
  readonly force?: boolean;
  readonly ffmpeg?: string;
  readonly ffprobe?: string;
  readonly onProgress?: (p: DeliverProgress) => void;
  readonly onEvent?: (e: DeliverEvent) => void;
  /** Serialises the plan (core `deliverPlanJson`). */
  readonly json: (p: DeliverPlan) => string;
  readonly toolVersion: string;
  readonly hostName: string;
  /** Milliseconds since 1970 for the MHL generation and the report date. */
  readonly now: () => number;
}

export interface DeliverRunSummary {
  readonly plan: DeliverPlan;
  readonly ran: readonly string[];
  readonly verified: readonly string[];
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
  readonly skipped: readonly string[];
  readonly mhlGeneration?: string;
  readonly findings: readonly Finding[];
}

/** Keeps the plan in memory and writes it after every change, one write at a time. */
class PlanStore {
  private chain: Promise<void> = Promise.resolve();
  constructor(
    readonly path: string,
    public plan: DeliverPlan,
    private readonly json: (p: DeliverPlan) => string,
  ) {}

  /** Applies a state change (illegal moves throw: they are programming errors) and saves. */
  move(jobId: string, t: DeliverTransition): Promise<void> {
    const next = deliverJobTransitioned(this.plan, jobId, t);
    if (!next.ok) throw new Error(next.error);
    this.plan = next.value;
    return this.save();
  }

  update(fn: (p: DeliverPlan) => DeliverPlan): Promise<void> {
    this.plan = fn(this.plan);
    return this.save();
  }

  job(id: string): DeliverJob {
    return this.plan.jobs.find((j) => j.id === id)!;
  }

  private save(): Promise<void> {
    const snapshot = this.plan;
    this.chain = this.chain.then(() => saveDeliverPlan(this.path, snapshot, this.json));
    return this.chain;
  }
}

/** Runs ffmpeg, reporting `-progress` lines; resolves with the exit code and the end of stderr. */
function runFfmpeg(bin: string, cmd: DeliverCommand, onProgress: (done: number, speed?: number) => void): Promise<{ code: number; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(bin, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    readFfmpegProgress(child.stdout, (fields) => {
      const x = Number.parseFloat(fields.speed ?? '');
      const speed = Number.isFinite(x) ? x : undefined;
      if (cmd.unit === 'frames' && fields.frame !== undefined) {
        onProgress(Number(fields.frame), speed);
      } else if (fields.out_time_us !== undefined) {
        const us = Number(fields.out_time_us);
        if (Number.isFinite(us) && us >= 0) onProgress((us / 1e6 / cmd.totalSeconds) * cmd.total, speed);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (e) => resolvePromise({ code: -1, stderr: `cannot start ${bin}: ${e.message}` }));
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stderr }));
  });
}

/** Moves `tmp` to `path`; without `replace` an existing `path` is never touched (link(2) fails on it). */
async function renamedIntoPlace(tmp: string, path: string, replace: boolean): Promise<void> {
  if (replace) return fs.rename(tmp, path);
  try {
    await fs.link(tmp, path);
    await fs.unlink(tmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw e;
    if (await exists(path)) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await fs.rename(tmp, path);
  }
}

/**
 * Whether an interrupted job's output reached its final name: the final file exists and the
 * temporary one is gone (renamed), or is the same file (linked into place, not yet unlinked:
 * it is unlinked now). A temporary file of its own means the run stopped before the move.
 */
async function reachedFinalName(tmp: string, finalPath: string): Promise<boolean> {
  const [t, f] = await Promise.all([fs.stat(tmp).catch(() => undefined), fs.stat(finalPath).catch(() => undefined)]);
  if (!f) return false;
  if (!t) return true;
  if (t.ino !== f.ino || t.dev !== f.dev) return false;
  await fs.unlink(tmp);
  return true;
}

function tempPathOf(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.partial`);
}

function checkRows(profile: string, rows: readonly { name: string; requested: string; actual: string; outcome: string; severity: string; group?: string }[]): DeliverCheckRow[] {
  return rows.filter((r) => !r.group).map((r) => ({ profile, rule: r.name, requested: r.requested, actual: r.actual, outcome: r.outcome, severity: r.severity }));
}

/** The hash a plan records for its outputs: its first MHL-capable algorithm (xxh64 by default). */
function planAlgorithm(plan: DeliverPlan): MhlAlgorithm {
  return plan.checksum.algorithms.find((a): a is MhlAlgorithm => isMhlAlgorithm(a)) ?? 'xxh64';
}

async function checksumOf(path: string, algorithm: MhlAlgorithm): Promise<string | undefined> {
  const st = await fs.stat(path);
  // The node file system brings native hashers (OpenSSL md5/sha1, N-API xxhash) before hash-wasm.
  const files = nodeChecksumFs();
  const [out] = await hashedFiles(files, [{ path, label: basename(path), size: st.size, algorithms: new Set([algorithm]) }], new ChecksumHasherPool(files.hashers));
  return out?.ok ? out.hashes.get(algorithm) : undefined;
}

export interface DeliverOutputCheck {
  readonly passed: boolean;
  readonly result?: DeliverJobResult;
  /** Why it failed: the probe's error or each failed rule, requested vs actual. */
  readonly reason?: string;
}

/**
 * Probes one delivered file and checks it against the job's expectation (and the plan's
 * profile for the primary job). Passing means no error-severity rule failed or went unstated.
 */
export async function deliverCheckedOutput(plan: DeliverPlan, job: DeliverJob, path: string, options: { ffprobe?: string } = {}): Promise<DeliverOutputCheck> {
  const probed = await probeMedia(path, options.ffprobe ? { ffprobe: options.ffprobe } : {});
  if (!probed.ok) return { passed: false, reason: `the output cannot be probed: ${probed.error}` };
  const info = probed.value;
  const siblings = await fs.readdir(dirname(path)).catch(() => [] as string[]);
  const facts = specFactsOfMedia(info, { siblings });
  const rel = `${job.output.folder}/${job.output.name}`;
  const evals = [evaluateSpec(job.expect, rel, facts), ...(job.checkProfile ? [evaluateSpec(plan.profile, rel, facts)] : [])];
  const checks = evals.flatMap((e) => checkRows(e.profileId, e.results));
  const failures = evals.flatMap((e) => e.findings.filter((f) => f.severity === 'error'));
  const checksum = await checksumOf(path, planAlgorithm(plan));
  const result: DeliverJobResult = {
    sizeBytes: info.sizeBytes,
    ...(info.durationFrames !== undefined && info.durationRate ? { durationFrames: info.durationFrames, durationRate: info.durationRate } : {}),
    checks,
    ...(checksum ? { checksum: { algorithm: planAlgorithm(plan), value: checksum } } : {}),
  };
  if (failures.length === 0) return { passed: true, result };
  return { passed: false, result, reason: failures.map((f) => f.message).join('; ') };
}

/** Runs one job from `planned` to `verified` or `failed`. */
async function runJob(store: PlanStore, pkgDir: string, id: string, options: DeliverRunOptions): Promise<void> {
  let job = store.job(id);
  const finalPath = join(pkgDir, job.output.folder, job.output.name);
  if (job.state === 'rendered') {
    // Rendered by an interrupted run: the file is complete (it carries its final name); check it.
    await verifyJob(store, pkgDir, id, finalPath, options);
    return;
  }
  const fail = async (reason: string) => {
    await store.move(id, { to: 'failed', reason });
    options.onEvent?.({ kind: 'done', job: store.job(id) });
  };
  // Checks before starting: a job that cannot start fails from `planned` (and `running` always
  // means its final name was free, or --force was given, when its encoder started).
  if (job.blockers.length) return fail(`cannot be rendered by ffmpeg honestly: ${job.blockers.join('; ')}`);
  const used = [...new Set(deliverMediaSegmentsOf([...job.segments.video, ...job.segments.audio.flat()]).map((s) => store.plan.sources[s.source]!.path))];
  const absent: string[] = [];
  for (const p of used) if (!(await fs.access(p, fsc.R_OK).then(() => true, () => false))) absent.push(p);
  if (absent.length) return fail(`source media missing or unreadable: ${absent.join(', ')}`);
  const force = options.force === true;
  if ((await exists(finalPath)) && !force) return fail(`${join(job.output.folder, job.output.name)} already exists; pass --force to replace it`);
  await fs.mkdir(dirname(finalPath), { recursive: true });
  const tmp = tempPathOf(finalPath);
  // The temporary file exists before the plan says `running`, so a resumed run that finds the
  // job running without it knows the finished output was moved to its final name.
  await fs.writeFile(tmp, '');
  await store.move(id, { to: 'running' });
  options.onEvent?.({ kind: 'start', job: store.job(id) });
  job = store.job(id);
  const cmd = deliverFfmpegArgs(store.plan, job, tmp);
  const started = Date.now();
  const run = await runFfmpeg(ffmpegCommand(options.ffmpeg), cmd, (done, speed) => {
    const percent = Math.max(0, Math.min(100, cmd.total ? (done / cmd.total) * 100 : 0));
    const elapsed = (Date.now() - started) / 1000;
    const secondsLeft = speed && speed > 0 ? (cmd.totalSeconds * (1 - percent / 100)) / speed : percent > 0 ? (elapsed * (100 - percent)) / percent : undefined;
    options.onProgress?.({ jobId: id, label: job.label, percent, ...(speed !== undefined ? { speed } : {}), ...(secondsLeft !== undefined ? { secondsLeft } : {}) });
  });
  if (run.code !== 0) {
    await fs.rm(tmp, { force: true });
    const last = run.stderr.trim().split('\n').slice(-3).join(' | ');
    return fail(`ffmpeg exited with code ${run.code}${last ? `: ${last}` : ''}`);
  }
  try {
    await renamedIntoPlace(tmp, finalPath, force);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    return fail(`cannot move the output into place: ${(e as Error).message}`);
  }
  options.onProgress?.({ jobId: id, label: job.label, percent: 100 });
  await store.move(id, { to: 'rendered' });
  await verifyJob(store, pkgDir, id, finalPath, options);
}

async function verifyJob(store: PlanStore, _pkgDir: string, id: string, finalPath: string, options: DeliverRunOptions): Promise<void> {
  const check = await deliverCheckedOutput(store.plan, store.job(id), finalPath, options.ffprobe ? { ffprobe: options.ffprobe } : {});
  if (check.passed) await store.move(id, { to: 'verified', ...(check.result ? { result: check.result } : {}) });
  else await store.move(id, { to: 'failed', reason: `the output does not meet its checks: ${check.reason ?? 'unknown'}`, ...(check.result ? { result: check.result } : {}) });
  options.onEvent?.({ kind: 'done', job: store.job(id) });
}

/** Writes `text` at `path` unless the same bytes are there; different bytes need `force`. */
/**
 * A caption sidecar: the user's file read (any format core/captions reads), checked against
 * the cut when the profile names a caption rules profile, and written in the format asked for.
 * Findings say what the target could not carry.
 */
async function captionsSidecar(plan: DeliverPlan, c: NonNullable<DeliverSidecar['captions']>, planDir: string): Promise<{ text?: string; problem?: string; findings: Finding[] }> {
  const path = resolve(planDir, c.source);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(path));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { problem: `${c.source}: ${reason}`, findings: [finding('DELIVER_CAPTIONS_UNREADABLE', { file: c.source, reason })] };
  }
  const read = readCaptions(bytes, { file: c.source, rate: plan.timeline.rate });
  const findings: Finding[] = [...read.findings];
  if (!read.value) {
    const reason = read.findings.find((f) => f.severity === 'error')?.message ?? 'not a caption format Picturelock reads';
    return { problem: reason, findings: [...findings, finding('DELIVER_CAPTIONS_UNREADABLE', { file: c.source, reason })] };
  }
  const rules = plan.profile.captions?.rulesProfile ? captionProfile(plan.profile.captions.rulesProfile) : undefined;
  if (rules) {
    const facts = captionsTimelineFacts(plan.timeline.model);
    const checked = captionsCheck(read.value, { profile: rules, rate: plan.timeline.rate, cuts: facts.cuts, programme: facts.programme, recordStart: facts.recordStart, file: c.source });
    findings.push(...checked.findings);
  }
  const written = writeCaptions(read.value, c.writer);
  return { text: written.text, findings: [...findings, ...written.findings] };
}

async function writtenSidecar(path: string, text: string, force: boolean): Promise<string | undefined> {
  const current = await fs.readFile(path, 'utf8').catch(() => undefined);
  if (current === text) return undefined;
  if (current !== undefined && !force) return `exists with different content; pass --force to replace it`;
  await fs.mkdir(dirname(path), { recursive: true });
  const tmp = tempPathOf(path);
  await fs.writeFile(tmp, text, 'utf8');
  if (current !== undefined) await fs.rename(tmp, path);
  else await renamedIntoPlace(tmp, path, false);
  return undefined;
}

/**
 * `deliver run`: resumes the plan at `planPath`. Jobs left `running` by an interrupted run go
 * back to `planned` (their temporary file is discarded), unless their output had already been
 * moved to its final name: those become `rendered`. `rendered` jobs are checked without
 * rendering again; `failed` jobs are tried again; `verified` jobs are left alone. Up to
 * `jobs` renders run at once and a failed job never stops the others. Then the lists of the
 * cut, the delivery report (JSON and HTML) and a new MHL generation over the package.
 */
export async function runDeliverPlan(planPath: string, options: DeliverRunOptions): Promise<Result<DeliverRunSummary, string>> {
  const loaded = await loadDeliverPlan(planPath);
  if (!loaded.ok) return loaded;
  const store = new PlanStore(planPath, loaded.value, options.json);
  const pkgDir = deliverPackageDir(planPath, store.plan);
  await fs.mkdir(pkgDir, { recursive: true });
  for (const j of store.plan.jobs) {
    if (j.state === 'running') {
      const finalPath = join(pkgDir, j.output.folder, j.output.name);
      // Killed between moving the output into place and saving the plan: the complete file
      // carries its final name; it is checked like any rendered output instead of rendered again.
      if (await reachedFinalName(tempPathOf(finalPath), finalPath)) await store.move(j.id, { to: 'rendered' });
      else {
        await fs.rm(tempPathOf(finalPath), { force: true });
        await store.move(j.id, { to: 'planned' });
      }
    } else if (j.state === 'failed') await store.move(j.id, { to: 'planned' });
  }
  const todo = store.plan.jobs.filter((j) => j.state !== 'verified').map((j) => j.id);
  const skipped = store.plan.jobs.filter((j) => j.state === 'verified').map((j) => j.id);
  for (const id of skipped) options.onEvent?.({ kind: 'skip', job: store.job(id), why: 'verified by an earlier run' });
  const width = Math.max(1, options.jobs ?? 2);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const id = todo[next++]!;
      try {
        await runJob(store, pkgDir, id, options);
      } catch (e) {
        const state = store.job(id).state;
        const reason = `internal error: ${(e as Error).message}`;
        if (state === 'running' || state === 'rendered' || state === 'planned') await store.move(id, { to: 'failed', reason });
        options.onEvent?.({ kind: 'done', job: store.job(id) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, Math.max(1, todo.length)) }, worker));

  const findings: Finding[] = [];
  const force = options.force === true;
  // Lists of the cut: written once; the same bytes are left alone.
  const formats = { edl: 'edl', fcp7xml: 'fcp7xml', otio: 'otio' } as const;
  const sidecars: DeliverSidecar[] = [];
  for (const s of store.plan.sidecars) {
    if (s.kind === 'edl' || s.kind === 'fcp7xml' || s.kind === 'otio') {
      const w = writeInterchange(store.plan.timeline.model, formats[s.kind], s.kind === 'edl' ? { mergeTracks: true } : {});
      let problem: string | undefined;
      try {
        problem = await writtenSidecar(join(pkgDir, s.path), w.text, force);
      } catch (e) {
        problem = (e as Error).message;
      }
      findings.push(...w.findings.map((f) => ({ ...f, where: { ...f.where, file: s.path } })));
      const { reason: _r, ...rest } = s;
      sidecars.push(problem ? { ...rest, state: 'failed', reason: problem } : { ...rest, state: 'written' });
    } else if (s.kind === 'captions' && s.captions) {
      const converted = await captionsSidecar(store.plan, s.captions, dirname(resolve(planPath)));
      findings.push(...converted.findings.map((f) => ({ ...f, where: { ...f.where, file: f.where.file ?? s.path } })));
      let problem = converted.problem;
      if (converted.text !== undefined) {
        try {
          problem = await writtenSidecar(join(pkgDir, s.path), converted.text, force);
        } catch (e) {
          problem = (e as Error).message;
        }
      }
      const { reason: _r, ...rest } = s;
      sidecars.push(problem ? { ...rest, state: 'failed', reason: problem } : { ...rest, state: 'written' });
    } else sidecars.push(s);
  }
  await store.update((p) => ({ ...p, sidecars }));

  // The report of this run, named by the MHL generation it goes into (earlier reports stay sealed).
  const generation = String(store.plan.mhl.length + 1).padStart(4, '0');
  const now = options.now();
  const reportSidecars = store.plan.sidecars.map((s) => {
    if (s.kind !== 'report-html' && s.kind !== 'report-json') return s;
    const ext = s.kind === 'report-html' ? 'html' : 'json';
    const path = s.path.replace(/(_\d{4})?\.(html|json)$/, `_${generation}.${ext}`);
    return { ...s, path, state: 'written' as const };
  });
  await store.update((p) => ({ ...p, sidecars: reportSidecars }));
  const { json, report } = deliverReportOf({ plan: store.plan, generatedAt: new Date(now).toISOString(), toolVersion: options.toolVersion });
  for (const s of store.plan.sidecars) {
    if (s.kind === 'report-json') await writtenSidecar(join(pkgDir, s.path), `${JSON.stringify(json, null, 2)}\n`, true);
    if (s.kind === 'report-html') await writtenSidecar(join(pkgDir, s.path), deliverReportHtml(report), true);
  }
  const algorithms = store.plan.checksum.algorithms.filter((a): a is MhlAlgorithm => isMhlAlgorithm(a));
  const mhl = await createMhlGeneration(nodeChecksumFs(), pkgDir, {
    algorithms: algorithms.length ? algorithms : ['xxh64'],
    now,
    hostName: options.hostName,
    tool: { name: 'picturelock', version: options.toolVersion },
    comment: `delivery ${store.plan.title}, plan ${store.plan.id}`,
  });
  findings.push(...mhl.findings);
  const written = mhl.written[mhl.written.length - 1];
  await store.update((p) => ({
    ...p,
    mhl: written ? [...p.mhl, written] : p.mhl,
    sidecars: p.sidecars.map((s) => {
      if (s.kind !== 'mhl') return s;
      const { reason: _r, ...rest } = s;
      return mhl.findings.some((f) => f.severity === 'error') ? { ...rest, state: 'failed', reason: mhl.findings.filter((f) => f.severity === 'error').map((f) => f.message).join('; ') } : { ...rest, state: 'written' };
    }),
  }));
  const plan = store.plan;
  return {
    ok: true,
    value: {
      plan,
      ran: todo,
      verified: plan.jobs.filter((j) => j.state === 'verified').map((j) => j.id),
      failed: plan.jobs.filter((j) => j.state === 'failed').map((j) => ({ id: j.id, reason: j.reason ?? '' })),
      skipped,
      ...(written ? { mhlGeneration: written } : {}),
      findings,
    },
  };
}

export interface DeliverVerifyFile {
  readonly path: string;
  readonly jobId?: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface DeliverVerifyResult {
  readonly files: readonly DeliverVerifyFile[];
  readonly mhlFindings: readonly Finding[];
  readonly ok: boolean;
}

/**
 * `deliver verify`: every deliverable probed and checked again, its checksum compared with
 * the one recorded when it was verified, then the package's MHL history verified. Reads only.
 */
export async function verifyDeliverPlan(planPath: string, options: { ffprobe?: string } = {}): Promise<Result<DeliverVerifyResult, string>> {
  const loaded = await loadDeliverPlan(planPath);
  if (!loaded.ok) return loaded;
  const plan = loaded.value;
  const pkgDir = deliverPackageDir(planPath, plan);
  const files: DeliverVerifyFile[] = [];
  for (const job of plan.jobs) {
    const rel = `${job.output.folder}/${job.output.name}`;
    const path = join(pkgDir, rel);
    if (job.state !== 'verified') {
      files.push({ path: rel, jobId: job.id, ok: false, problems: [job.state === 'failed' ? `failed: ${job.reason ?? ''}` : `not rendered and verified (${job.state})`] });
      continue;
    }
    if (!(await exists(path))) {
      files.push({ path: rel, jobId: job.id, ok: false, problems: ['missing from the package'] });
      continue;
    }
    const check = await deliverCheckedOutput(plan, job, path, options);
    const problems: string[] = [];
    if (!check.passed) problems.push(check.reason ?? 'checks failed');
    const before = job.result?.checksum;
    const after = check.result?.checksum;
    if (before && after && before.value !== after.value) problems.push(`${before.algorithm} ${after.value} differs from ${before.value} recorded when it was verified`);
    files.push({ path: rel, jobId: job.id, ok: problems.length === 0, problems });
  }
  const mhl = plan.mhl.length ? await verifyMhl(nodeChecksumFs(), pkgDir) : { findings: [] as Finding[] };
  const mhlErrors = mhl.findings.filter((f) => f.severity === 'error');
  const noMhl = plan.mhl.length === 0 ? ['no MHL generation has been written; run `deliver run`'] : [];
  return {
    ok: true,
    value: {
      files: [...files, ...noMhl.map((p) => ({ path: 'ascmhl', ok: false, problems: [p] }))],
      mhlFindings: mhl.findings,
      ok: files.every((f) => f.ok) && mhlErrors.length === 0 && noMhl.length === 0,
    },
  };
}
