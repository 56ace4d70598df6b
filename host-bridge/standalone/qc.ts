import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFfmpegProgress } from './ffmpeg-progress.ts';
import {
  err,
  ok,
  ratesEqual,
  rescaledTo,
  rt,
  toSecondsString,
  type DeliveryProfile,
  type FrameRate,
  type MediaInfo,
  type QcEvent,
  type QcInterlace,
  type QcLoudness,
  type QcMeasurement,
  type Rate,
  type Result,
  type SpecDuration,
} from '@picturelock/core';

/** Progress of one QC pass: media time done, how fast, and an estimate of the rest. */
export interface QcProgress {
  /** 0..100 of the programme decoded. */
  readonly percent: number;
  /** Multiple of real time ffmpeg reports (`35x` -> 35). */
  readonly speed: number;
  /** Wall-clock seconds left at the current speed (display only), when known. */
  readonly secondsLeft?: number;
}

export interface QcOptions {
  /** ffmpeg executable: this, else PICTURELOCK_FFMPEG, else `ffmpeg` on PATH. */
  readonly ffmpeg?: string;
  /** Stops ffmpeg (SIGINT, then SIGKILL after 3 s); the result is then an error, never a partial measurement. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: QcProgress) => void;
  /** Detection settings from the profile (`qc`); ffmpeg-style defaults otherwise. */
  readonly settings?: DeliveryProfile['qc'];
}

/** Detection defaults (loudness-qc.md §5), tuned for masters: events of half a second or more. */
const DEFAULTS = {
  blackMin: { seconds: 0.5 } as SpecDuration,
  blackPixelThreshold: 0.1,
  freezeMin: { seconds: 2 } as SpecDuration,
  freezeNoiseDb: -60,
  silenceMin: { seconds: 2 } as SpecDuration,
  silenceNoiseDb: -60,
  // signalstats BRNG is the fraction of pixels outside 16-235 (scaled for 10-bit); a few
  // percent is normal for synthetic and graphics content, so the default flags 5 % or more.
  levelsMaxFraction: 0.05,
};

/** The units QC events are counted in: the video rate, else the timecode rate, else milliseconds. */
function qcRates(m: MediaInfo): { rate: Rate; timecodeRate?: FrameRate; startFrames: number } {
  const v = m.video[0]?.frameRate;
  const tc = m.startTimecode;
  if (v) {
    const tcRate = tc && ratesEqual(tc.rate, v) ? tc.rate : v;
    return { rate: { num: v.num, den: v.den }, timecodeRate: tcRate, startFrames: tc && ratesEqual(tc.rate, v) ? tc.frames : 0 };
  }
  if (tc) return { rate: { num: tc.rate.num, den: tc.rate.den }, timecodeRate: tc.rate, startFrames: tc.frames };
  return { rate: { num: 1000, den: 1 }, startFrames: 0 };
}

/** A spec duration as seconds text for an ffmpeg option (the float edge). */
function secondsArg(d: SpecDuration, rate: Rate): string {
  return 'seconds' in d ? String(d.seconds) : toSecondsString(rt(d.frames, rate));
}

/** A decimal seconds string from ffmpeg ("2.002") as frames at `rate`, rounded to the nearest frame. */
export function framesFromSecondsText(text: string, rate: Rate): number | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const n = BigInt(m[2]! + frac) * (m[1] === '-' ? -1n : 1n);
  const d = 10n ** BigInt(frac.length);
  const num = n * BigInt(rate.num);
  const den = d * BigInt(rate.den);
  // Round half away from zero.
  const q = (2n * (num < 0n ? -num : num) + den) / (2n * den);
  return Number(num < 0n ? -q : q);
}

/**
 * The ffmpeg arguments for one decoding pass over `m` with every QC filter, and the settings
 * in words for the report. Exported so the benchmark can run plain ffmpeg with the same graph.
 */
export function qcFfmpegArgs(m: MediaInfo, settings: DeliveryProfile['qc'] = {}): { args: string[]; described: string[] } {
  const { rate } = qcRates(m);
  const s = { ...DEFAULTS, ...settings };
  const chains: string[] = [];
  const maps: string[] = [];
  const described: string[] = [];
  if (m.video.length > 0) {
    const blackD = secondsArg(s.blackMin, rate);
    const freezeD = secondsArg(s.freezeMin, rate);
    chains.push(
      `[0:v:0]idet,blackdetect=d=${blackD}:pix_th=${s.blackPixelThreshold},freezedetect=n=${s.freezeNoiseDb}dB:d=${freezeD},` +
        `signalstats=stat=brng,metadata=mode=select:key=lavfi.signalstats.BRNG:value=${s.levelsMaxFraction}:function=greater,` +
        `metadata=mode=print:key=lavfi.signalstats.BRNG[qcv]`,
    );
    maps.push('-map', '[qcv]');
    described.push(`blackdetect d=${blackD} s pix_th=${s.blackPixelThreshold}`, `freezedetect n=${s.freezeNoiseDb} dB d=${freezeD} s`, `signalstats BRNG > ${s.levelsMaxFraction}`, 'idet');
  }
  if (m.audio.length > 0) {
    const silenceD = secondsArg(s.silenceMin, rate);
    chains.push(
      `[0:a:0]ebur128=peak=true:metadata=1,silencedetect=n=${s.silenceNoiseDb}dB:d=${silenceD},` +
        `ametadata=mode=print:key=lavfi.r128.M,ametadata=mode=print:key=lavfi.r128.S[qca]`,
    );
    maps.push('-map', '[qca]');
    described.push('ebur128 peak=true (BS.1770, 4x oversampled true peak)', `silencedetect n=${s.silenceNoiseDb} dB d=${silenceD} s`);
  }
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-progress', 'pipe:1', '-i', m.path, '-filter_complex', chains.join(';'), ...maps, '-f', 'null', '-'];
  return { args, described };
}

interface Parsed {
  black: { start?: string; end?: string }[];
  freeze: { start?: string; end?: string }[];
  silence: { start?: string; end?: string }[];
  levels: { t: string; v: number }[];
  momentary: number[];
  shortTerm: number[];
  summary: { I?: number; LRA?: number; TP?: number };
  interlace?: QcInterlace;
  lastLines: string[];
}

const NUM = '(-?\\d+(?:\\.\\d+)?|-?inf|nan)';
const RE = {
  black: new RegExp(`black_start:${NUM}\\s+black_end:${NUM}`),
  freezeStart: new RegExp(`freezedetect\\.freeze_start: ${NUM}`),
  freezeEnd: new RegExp(`freezedetect\\.freeze_end: ${NUM}`),
  silenceStart: new RegExp(`silence_start: ${NUM}`),
  silenceEnd: new RegExp(`silence_end: ${NUM}`),
  ptsTime: new RegExp(`pts_time:${NUM}`),
  brng: new RegExp(`lavfi\\.signalstats\\.BRNG=${NUM}`),
  M: new RegExp(`lavfi\\.r128\\.M=${NUM}`),
  S: new RegExp(`lavfi\\.r128\\.S=${NUM}`),
  idet: /Multi frame detection: TFF:\s*(\d+)\s+BFF:\s*(\d+)\s+Progressive:\s*(\d+)\s+Undetermined:\s*(\d+)/,
  I: new RegExp(`^\\s*I:\\s+${NUM} LUFS`),
  LRA: new RegExp(`^\\s*LRA:\\s+${NUM} LU`),
  peak: new RegExp(`^\\s*Peak:\\s+${NUM} dBFS`),
};

/** ebur128 prints -inf (or -120.7 before its window fills) for silence; the series floors at -120 LUFS. */
function lufs(text: string): number {
  const v = Number(text);
  return Number.isFinite(v) ? Math.max(-120, v) : -120;
}

function parseLine(line: string, p: Parsed, pending: { pts?: string }, inSummary: { on: boolean }): void {
  let m: RegExpExecArray | null;
  if ((m = RE.black.exec(line))) p.black.push({ start: m[1], end: m[2] });
  else if ((m = RE.freezeStart.exec(line))) p.freeze.push({ start: m[1] });
  else if ((m = RE.freezeEnd.exec(line))) {
    const open = p.freeze.at(-1);
    if (open && open.end === undefined) open.end = m[1];
  } else if ((m = RE.silenceStart.exec(line))) p.silence.push({ start: m[1] });
  else if ((m = RE.silenceEnd.exec(line))) {
    const open = p.silence.at(-1);
    if (open && open.end === undefined) open.end = m[1];
  } else if ((m = RE.ptsTime.exec(line))) pending.pts = m[1];
  else if ((m = RE.brng.exec(line))) {
    if (pending.pts !== undefined) p.levels.push({ t: pending.pts, v: Number(m[1]) });
  } else if ((m = RE.M.exec(line))) p.momentary.push(lufs(m[1]!));
  else if ((m = RE.S.exec(line))) p.shortTerm.push(lufs(m[1]!));
  else if ((m = RE.idet.exec(line))) p.interlace = { tff: Number(m[1]), bff: Number(m[2]), progressive: Number(m[3]), undetermined: Number(m[4]) };
  else if (line.includes('] Summary:')) inSummary.on = true;
  else if (inSummary.on && (m = RE.I.exec(line))) p.summary.I = Number(m[1]);
  else if (inSummary.on && (m = RE.LRA.exec(line))) p.summary.LRA = Number(m[1]);
  else if (inSummary.on && (m = RE.peak.exec(line))) p.summary.TP = Number(m[1]);
  else if (line.trim() !== '') {
    p.lastLines.push(line.trim());
    if (p.lastLines.length > 6) p.lastLines.shift();
  }
}

/**
 * Content QC of one probed file in ONE ffmpeg decoding pass: loudness (ebur128 with true
 * peak and the momentary/short-term series), black, freeze, silence, interlace (idet) and
 * out-of-range levels (signalstats). Event times become frame ranges at the file's rate.
 * Never throws; an abort or an ffmpeg failure is an error and no measurement.
 */
export async function runContentQc(m: MediaInfo, options: QcOptions = {}): Promise<Result<QcMeasurement, string>> {
  if (m.video.length === 0 && m.audio.length === 0) return err(`${m.path}: no video or audio stream to analyse`);
  if (options.signal?.aborted) return err(`${m.path}: content QC aborted before it started`);
  const { rate, timecodeRate, startFrames } = qcRates(m);
  const { args, described } = qcFfmpegArgs(m, options.settings);
  const durationFrames =
    m.durationFrames !== undefined && m.durationRate ? rescaledTo(rt(m.durationFrames, m.durationRate), rate, 'round') : 0;
  // Display-edge float: the programme length in seconds, for percent and time left only.
  const totalSeconds = (durationFrames * rate.den) / rate.num;
  const exe = options.ffmpeg ?? process.env.PICTURELOCK_FFMPEG ?? 'ffmpeg';
  const parsed: Parsed = { black: [], freeze: [], silence: [], levels: [], momentary: [], shortTerm: [], summary: {}, lastLines: [] };

  const outcome = await new Promise<{ code: number | null; aborted: boolean; spawnError?: string }>((resolve) => {
    const child = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let aborted = false;
    let killer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      aborted = true;
      // SIGINT lets ffmpeg close its output and exit; SIGKILL only if it does not within 3 s.
      child.kill('SIGINT');
      killer = setTimeout(() => child.kill('SIGKILL'), 3000);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const pending: { pts?: string } = {};
    const inSummary = { on: false };
    const errLines = createInterface({ input: child.stderr }).on('line', (line) => parseLine(line, parsed, pending, inSummary));
    const outLines = readFfmpegProgress(child.stdout, (progress) => {
      if (!options.onProgress) return;
      const doneSeconds = Number(progress.out_time_us ?? progress.out_time_ms ?? 0) / 1e6;
      const speed = Number.parseFloat(progress.speed ?? '') || 0;
      const percent = totalSeconds > 0 ? Math.min(100, (doneSeconds / totalSeconds) * 100) : progress.progress === 'end' ? 100 : 0;
      const left = speed > 0 && totalSeconds > 0 ? Math.max(0, (totalSeconds - doneSeconds) / speed) : undefined;
      options.onProgress({ percent: progress.progress === 'end' ? 100 : percent, speed, ...(left !== undefined ? { secondsLeft: left } : {}) });
    });
    child.on('error', (e) => resolve({ code: null, aborted, spawnError: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `ffmpeg not found (${exe}); install ffmpeg or set PICTURELOCK_FFMPEG` : e.message }));
    // Resolve only when ffmpeg has exited and both line readers have delivered their last line.
    const drained = Promise.all([new Promise((r) => errLines.once('close', r)), new Promise((r) => outLines.once('close', r))]);
    child.on('close', (code) => {
      if (killer) clearTimeout(killer);
      options.signal?.removeEventListener('abort', onAbort);
      void drained.then(() => resolve({ code, aborted }));
    });
  });

  if (outcome.aborted) return err(`${m.path}: content QC aborted; no measurement was kept`);
  if (outcome.spawnError) return err(outcome.spawnError);
  if (outcome.code !== 0) return err(`${m.path}: ffmpeg failed (exit ${outcome.code}): ${parsed.lastLines.join(' / ')}`);

  const toFrames = (t: string | undefined, fallback: number) => (t === undefined ? fallback : (framesFromSecondsText(t, rate) ?? fallback));
  const events: QcEvent[] = [];
  const black = parsed.black.map((e) => ({ kind: 'black' as const, start: toFrames(e.start, 0), end: toFrames(e.end, durationFrames) }));
  events.push(...black);
  for (const e of parsed.freeze) {
    const ev = { kind: 'freeze' as const, start: toFrames(e.start, 0), end: toFrames(e.end, durationFrames) };
    // Black is frozen by definition; a freeze wholly inside a black event is not news.
    if (!black.some((b) => b.start <= ev.start && b.end >= ev.end)) events.push(ev);
  }
  for (const e of parsed.silence) events.push({ kind: 'silence', start: toFrames(e.start, 0), end: toFrames(e.end, durationFrames) });
  // Consecutive out-of-range frames become one event with the worst fraction as detail.
  let run: { start: number; end: number; worst: number } | undefined;
  const flush = () => {
    if (run) events.push({ kind: 'levels', start: run.start, end: run.end, detail: `up to ${(run.worst * 100).toFixed(1)} % of pixels out of range` });
    run = undefined;
  };
  for (const l of parsed.levels) {
    const f = toFrames(l.t, 0);
    if (run && f <= run.end) {
      run.end = f + 1;
      run.worst = Math.max(run.worst, l.v);
    } else {
      flush();
      run = { start: f, end: f + 1, worst: l.v };
    }
  }
  flush();
  events.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));

  let loudness: QcLoudness | undefined;
  const a = m.audio[0];
  if (a && parsed.summary.I !== undefined) {
    loudness = {
      stream: a.index,
      channels: a.channels,
      integrated: parsed.summary.I,
      lra: parsed.summary.LRA ?? 0,
      truePeak: parsed.summary.TP ?? -120,
      shortTermMax: parsed.shortTerm.length ? Math.max(...parsed.shortTerm) : -120,
      momentaryMax: parsed.momentary.length ? Math.max(...parsed.momentary) : -120,
      seriesRate: { num: 10, den: 1 },
      momentary: parsed.momentary,
      shortTerm: parsed.shortTerm,
    };
  }
  return ok({
    path: m.path,
    rate,
    ...(timecodeRate ? { timecodeRate } : {}),
    startFrames,
    durationFrames,
    ...(loudness ? { loudness } : {}),
    ...(parsed.interlace ? { interlace: parsed.interlace } : {}),
    events,
    settings: described,
  });
}
