import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import {
  err,
  formatTimecode,
  isDropFrameCapable,
  mediaBitDepthOfPixelFormat,
  nearestStandardRate,
  mediaChromaOfPixelFormat,
  ok,
  parseTimecode,
  rate,
  type FrameRate,
  type MediaAudioStream,
  type MediaColourRange,
  type MediaFieldOrder,
  type MediaInfo,
  type MediaOtherStream,
  type MediaTimecode,
  type MediaVideoStream,
  type Rate,
  type Result,
} from '@picturelock/core';

/** How to run ffprobe; defaults to `ffprobe` on PATH (or PICTURELOCK_FFPROBE). */
export interface ProbeOptions {
  readonly ffprobe?: string;
  readonly signal?: AbortSignal;
  /**
   * The frame rate to label a sound file's BWF time reference at (normally the cut's). Without
   * it, the rate the file states (iXML TIMECODE_RATE, or the bext description's `sSPEED=`);
   * without either, the label is the time of day (`14:20:58.000`).
   */
  readonly timecodeRate?: FrameRate;
}

/** The part of ffprobe's `-show_format -show_streams` JSON we read. Every field may be absent. */
interface FfprobeStream {
  index?: number;
  codec_name?: string;
  codec_type?: string;
  profile?: string;
  codec_tag_string?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  display_aspect_ratio?: string;
  pix_fmt?: string;
  color_range?: string;
  color_space?: string;
  color_transfer?: string;
  color_primaries?: string;
  field_order?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  time_base?: string;
  duration_ts?: number;
  duration?: string;
  bit_rate?: string;
  bits_per_raw_sample?: string;
  bits_per_sample?: number;
  nb_frames?: string;
  sample_rate?: string;
  channels?: number;
  channel_layout?: string;
  closed_captions?: number;
  tags?: Record<string, string>;
}
interface FfprobeFormat {
  format_name?: string;
  format_long_name?: string;
  duration?: string;
  size?: string;
  tags?: Record<string, string>;
}
interface FfprobeJson {
  streams?: FfprobeStream[];
  format?: FfprobeFormat;
}

/** The ffprobe executable: the option, else PICTURELOCK_FFPROBE, else `ffprobe` on PATH. */
export function ffprobeCommand(options: ProbeOptions = {}): string {
  return options.ffprobe ?? process.env.PICTURELOCK_FFPROBE ?? 'ffprobe';
}

/**
 * Probes one file with ffprobe and normalises its facts into exact values (see `MediaInfo`).
 * Never throws: an unreadable path, a file ffprobe cannot open, or an abort is an error
 * message naming the file and the reason.
 */
export async function probeMedia(path: string, options: ProbeOptions = {}): Promise<Result<MediaInfo, string>> {
  let size: number;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) return err(`${path}: not a regular file`);
    size = st.size;
    await fs.access(path, fs.constants.R_OK);
  } catch (e) {
    return err(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (size === 0) return err(`${path}: empty file (0 bytes), not media`);
  const run = await runFfprobe(path, options);
  if (!run.ok) return run;
  let parsed: FfprobeJson;
  try {
    parsed = JSON.parse(run.value) as FfprobeJson;
  } catch {
    return err(`${path}: ffprobe returned output that is not JSON`);
  }
  return mediaInfoFromFfprobe(path, size, parsed, options.timecodeRate ? { timecodeRate: options.timecodeRate } : {});
}

function runFfprobe(path: string, options: ProbeOptions): Promise<Result<string, string>> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', path];
  return new Promise((resolve) => {
    execFile(
      ffprobeCommand(options),
      args,
      { maxBuffer: 64 * 1024 * 1024, signal: options.signal, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          if (error.name === 'AbortError') return resolve(err(`${path}: probe aborted`));
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            return resolve(err(`ffprobe not found (${ffprobeCommand(options)}); install ffmpeg or set PICTURELOCK_FFPROBE`));
          }
          const reason = lastLine(stderr) ?? error.message;
          return resolve(err(`${path}: not readable as media (ffprobe: ${reason})`));
        }
        resolve(ok(stdout));
      },
    );
  });
}

function lastLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.at(-1);
}

/** "24000/1001" or "16:9" -> a reduced Rate; "0/0", "N/A" and junk -> undefined. */
function fraction(text: string | undefined): Rate | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\s*[/:]\s*(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const d = Number(m[2]);
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || n <= 0 || d <= 0) return undefined;
  return rate(n, d);
}

function positiveInt(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = typeof text === 'number' ? text : Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** A decimal seconds string ("2.002000") as an exact fraction of seconds. */
function decimalSeconds(text: string | undefined): { n: bigint; d: bigint } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[2] ?? '';
  return { n: BigInt(m[1]! + frac), d: 10n ** BigInt(frac.length) };
}

/** n/d rounded half-up (both non-negative). */
function roundedDiv(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}

/** Count of units at `r` in `ticks` of `timeBase` seconds each, rounded to the nearest unit. */
function unitsFromTicks(ticks: number, timeBase: Rate, r: Rate): number {
  return roundedDiv(BigInt(ticks) * BigInt(timeBase.num) * BigInt(r.num), BigInt(timeBase.den) * BigInt(r.den));
}

function unitsFromSeconds(seconds: { n: bigint; d: bigint }, r: Rate): number {
  return roundedDiv(seconds.n * BigInt(r.num), seconds.d * BigInt(r.den));
}

function lowerTags(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** ffprobe spells "not stated" as `unknown`, `unspecified` or `reserved`; all become undefined. */
function colourTag(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  return t === '' || t === 'unknown' || t === 'unspecified' || t === 'reserved' ? undefined : t;
}

function colourRange(text: string | undefined): MediaColourRange | undefined {
  const t = colourTag(text);
  if (t === 'tv' || t === 'mpeg' || t === 'limited') return 'limited';
  if (t === 'pc' || t === 'jpeg' || t === 'full') return 'full';
  return undefined;
}

/** ffprobe field_order: `progressive`, `tt`/`tb` (top coded first -> tff), `bb`/`bt` (bff). */
function fieldOrder(text: string | undefined): MediaFieldOrder | undefined {
  switch (text) {
    case 'progressive':
      return 'progressive';
    case 'tt':
    case 'tb':
      return 'tff';
    case 'bb':
    case 'bt':
      return 'bff';
    default:
      return undefined;
  }
}

function videoStream(s: FfprobeStream, dropFrame: boolean): MediaVideoStream {
  const real = fraction(s.r_frame_rate);
  const avg = fraction(s.avg_frame_rate);
  const base = real ?? avg;
  const frameRate: FrameRate | undefined = base && { num: base.num, den: base.den, dropFrame: dropFrame && isDropFrameCapable(base) };
  const pixelFormat = s.pix_fmt;
  const order = fieldOrder(s.field_order);
  const timeBase = fraction(s.time_base);
  let durationFrames = positiveInt(s.nb_frames);
  if (durationFrames === undefined && base && timeBase && s.duration_ts !== undefined && s.duration_ts > 0) {
    durationFrames = unitsFromTicks(s.duration_ts, timeBase, base);
  }
  const seconds = decimalSeconds(s.duration);
  if (durationFrames === undefined && base && seconds) durationFrames = unitsFromSeconds(seconds, base);
  const tags = lowerTags(s.tags);
  const sar = fraction(s.sample_aspect_ratio);
  const dar = fraction(s.display_aspect_ratio);
  const bitRate = positiveInt(s.bit_rate);
  const bitDepth = positiveInt(s.bits_per_raw_sample) ?? (pixelFormat ? mediaBitDepthOfPixelFormat(pixelFormat) : undefined);
  const chroma = pixelFormat ? mediaChromaOfPixelFormat(pixelFormat) : undefined;
  return {
    index: s.index ?? 0,
    codec: s.codec_name ?? tags.codec ?? 'unknown',
    ...(s.profile !== undefined && s.profile !== 'unknown' ? { profile: s.profile } : {}),
    ...(s.codec_tag_string && !/^\[0\]/.test(s.codec_tag_string) ? { codecTag: s.codec_tag_string } : {}),
    width: s.width ?? 0,
    height: s.height ?? 0,
    ...(sar ? { sampleAspectRatio: sar } : {}),
    ...(dar ? { displayAspectRatio: dar } : {}),
    ...(frameRate ? { frameRate } : {}),
    ...(avg ? { averageFrameRate: avg } : {}),
    ...(pixelFormat ? { pixelFormat } : {}),
    ...(bitDepth !== undefined ? { bitDepth } : {}),
    ...(chroma !== undefined ? { chroma } : {}),
    ...(order ? { scan: order === 'progressive' ? ('progressive' as const) : ('interlaced' as const), fieldOrder: order } : {}),
    ...optional('colourPrimaries', colourTag(s.color_primaries)),
    ...optional('colourTransfer', colourTag(s.color_transfer)),
    ...optional('colourMatrix', colourTag(s.color_space)),
    ...optional('colourRange', colourRange(s.color_range)),
    ...(durationFrames !== undefined ? { durationFrames } : {}),
    ...(bitRate !== undefined ? { bitRate } : {}),
    ...(s.closed_captions === 1 ? { closedCaptions: true } : {}),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** PCM bit depth from the codec name (`pcm_s24le` -> 24, `pcm_f32be` -> 32). */
function pcmDepth(codec: string | undefined): number | undefined {
  const m = /^pcm_[suf](\d+)/.exec(codec ?? '');
  return m ? Number(m[1]) : undefined;
}

function audioStream(s: FfprobeStream): MediaAudioStream {
  const sampleRate = positiveInt(s.sample_rate) ?? 0;
  const tags = lowerTags(s.tags);
  const timeBase = fraction(s.time_base);
  let durationSamples: number | undefined;
  if (sampleRate > 0 && timeBase && s.duration_ts !== undefined && s.duration_ts > 0) {
    durationSamples = unitsFromTicks(s.duration_ts, timeBase, rate(sampleRate));
  } else {
    const seconds = decimalSeconds(s.duration);
    if (sampleRate > 0 && seconds) durationSamples = unitsFromSeconds(seconds, rate(sampleRate));
  }
  const bitDepth = pcmDepth(s.codec_name) ?? positiveInt(s.bits_per_raw_sample) ?? positiveInt(s.bits_per_sample);
  const language = tags.language && tags.language !== 'und' ? tags.language : undefined;
  return {
    index: s.index ?? 0,
    codec: s.codec_name ?? 'unknown',
    ...(s.profile !== undefined && s.profile !== 'unknown' ? { profile: s.profile } : {}),
    channels: s.channels ?? 0,
    ...optional('layout', s.channel_layout && s.channel_layout !== 'unknown' ? s.channel_layout : undefined),
    sampleRate,
    ...optional('bitDepth', bitDepth),
    ...optional('durationSamples', durationSamples),
    ...optional('language', language),
    ...optional('title', tags.title),
  };
}

function otherStream(s: FfprobeStream): MediaOtherStream {
  const kind = s.codec_type === 'subtitle' || s.codec_type === 'data' || s.codec_type === 'attachment' ? s.codec_type : 'unknown';
  const tags = lowerTags(s.tags);
  return {
    index: s.index ?? 0,
    kind,
    codec: s.codec_name ?? s.codec_tag_string ?? 'unknown',
    ...optional('language', tags.language && tags.language !== 'und' ? tags.language : undefined),
  };
}

const REEL_TAGS = ['reel_name', 'reel', 'tape', 'tape_name', 'reelname'] as const;

/**
 * The timecode rate a sound file states: its iXML chunk (`<TIMECODE_RATE>24000/1001</TIMECODE_RATE>`
 * with `<TIMECODE_FLAG>DF</TIMECODE_FLAG>`), else the `sSPEED=023.976-ND` line recorders write
 * in the bext description (ffprobe's `comment` tag), a nominal rate mapped to its exact one.
 */
function soundFileRate(tags: Record<string, string>): FrameRate | undefined {
  const xml = tags['ixml'];
  const r = fraction(/<TIMECODE_RATE>\s*([^<]+?)\s*<\/TIMECODE_RATE>/i.exec(xml ?? '')?.[1]);
  if (r) return { num: r.num, den: r.den, dropFrame: /<TIMECODE_FLAG>\s*DF\s*<\/TIMECODE_FLAG>/i.test(xml ?? '') && isDropFrameCapable(r) };
  const m = /(?:^|[\r\n])sSPEED=0*(\d+(?:\.\d+)?)-(ND|DF)\b/i.exec(tags['comment'] ?? tags['description'] ?? '');
  // The display edge: a nominal speed such as 023.976 names the exact rate 24000/1001.
  const exact = m ? nearestStandardRate(Number(m[1])) : undefined;
  return exact ? { num: exact.num, den: exact.den, dropFrame: m![2]!.toUpperCase() === 'DF' && isDropFrameCapable(exact) } : undefined;
}

/** The tape / reel name a sound file states: iXML `<TAPE>`, else a `sTAPE=` line of the bext description. */
function soundFileReel(tags: Record<string, string>): string | undefined {
  const x = /<TAPE>\s*([^<]*?)\s*<\/TAPE>/i.exec(tags['ixml'] ?? '')?.[1];
  if (x) return x;
  const d = /(?:^|[\r\n])sTAPE=([^\r\n]*)/.exec(tags['comment'] ?? tags['description'] ?? '')?.[1]?.trim();
  return d || undefined;
}

/**
 * A BWF `bext` time reference (samples since midnight at the file's sample rate, ffprobe's
 * format tag `time_reference`) as the file's start: exact, counted in samples at the sample
 * rate, with a label at `labelRate` (the frame its first sample falls in) or, without one, the
 * time of day to the millisecond (display only).
 */
function bwfStart(tags: Record<string, string>, sampleRate: number | undefined, labelRate: FrameRate | undefined): MediaTimecode | undefined {
  const text = tags['time_reference']?.trim();
  if (!text || !/^\d+$/.test(text) || !sampleRate) return undefined;
  const samples = BigInt(text);
  if (samples > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  let label: string | undefined;
  if (labelRate) {
    const frames = Number((samples * BigInt(labelRate.num)) / (BigInt(sampleRate) * BigInt(labelRate.den)));
    const t = formatTimecode(frames, labelRate, { wrap24h: true });
    if (t.ok) label = t.value;
  }
  if (label === undefined) {
    const ms = (samples * 1000n) / BigInt(sampleRate);
    const two = (n: bigint) => String(n).padStart(2, '0');
    label = `${two((ms / 3600000n) % 24n)}:${two((ms / 60000n) % 60n)}:${two((ms / 1000n) % 60n)}.${String(ms % 1000n).padStart(3, '0')}`;
  }
  return { frames: Number(samples), text: label, rate: { num: sampleRate, den: 1, dropFrame: false }, source: 'bwf-time-reference' };
}

/**
 * Turns ffprobe's JSON into `MediaInfo`. Pure apart from its inputs; exported so tests and
 * caches can normalise stored ffprobe output without running ffprobe. `timecodeRate` labels a
 * BWF time reference (see `ProbeOptions`).
 */
export function mediaInfoFromFfprobe(path: string, size: number, json: FfprobeJson, options: { timecodeRate?: FrameRate } = {}): Result<MediaInfo, string> {
  const format = json.format;
  const streams = json.streams ?? [];
  if (!format || streams.length === 0) return err(`${path}: ffprobe found no streams, not media`);
  const formatTags = lowerTags(format.tags);
  const tmcd = streams.find((s) => s.codec_type === 'data' && s.codec_tag_string === 'tmcd');
  const rawVideo = streams.filter((s) => s.codec_type === 'video' && !isAttachedPicture(s));

  // Timecode: a QuickTime tmcd track first, then the video stream's tag, then any stream's
  // tag, then the container's (MXF material package timecode appears there).
  const tcCandidates: { text: string; source: MediaTimecode['source'] }[] = [];
  if (tmcd?.tags?.timecode) tcCandidates.push({ text: tmcd.tags.timecode, source: 'tmcd' });
  for (const s of [...rawVideo, ...streams]) {
    const t = lowerTags(s.tags).timecode;
    if (t) tcCandidates.push({ text: t, source: 'stream-tag' });
  }
  if (formatTags.timecode) tcCandidates.push({ text: formatTags.timecode, source: 'format-tag' });
  const tc = tcCandidates[0];
  const dropFrame = tc !== undefined && /[;.,]/.test(tc.text);

  const video = rawVideo.map((s) => videoStream(s, dropFrame));
  const audio = streams.filter((s) => s.codec_type === 'audio').map(audioStream);
  const otherStreams = streams
    .filter((s) => (s.codec_type !== 'video' || isAttachedPicture(s)) && s.codec_type !== 'audio' && s !== tmcd)
    .map(otherStream);

  const firstVideo = video[0];
  const tcBase = firstVideo?.frameRate ?? fraction(tmcd?.avg_frame_rate);
  let startTimecode: MediaTimecode | undefined;
  if (tc && tcBase) {
    const tcRate: FrameRate = { num: tcBase.num, den: tcBase.den, dropFrame: dropFrame && isDropFrameCapable(tcBase) };
    const parsed = parseTimecode(tc.text, tcRate);
    if (parsed.ok) startTimecode = { frames: parsed.value, text: tc.text, rate: tcRate, source: tc.source };
  }
  // A sound file without a timecode track or tag: its BWF time reference, if it has one.
  const bwf = !tc && video.length === 0 ? bwfStart(formatTags, audio[0]?.sampleRate, options.timecodeRate ?? soundFileRate(formatTags)) : undefined;
  if (bwf) startTimecode = bwf;

  let reel: string | undefined;
  for (const tags of [lowerTags(tmcd?.tags), ...rawVideo.map((s) => lowerTags(s.tags)), formatTags]) {
    for (const key of REEL_TAGS) {
      const v = tags[key]?.trim();
      if (v && reel === undefined) reel = v;
    }
  }
  if (reel === undefined && video.length === 0) reel = soundFileReel(formatTags);

  const firstAudio = audio[0];
  const durationRate: Rate | undefined = firstVideo?.frameRate
    ? { num: firstVideo.frameRate.num, den: firstVideo.frameRate.den }
    : firstAudio && firstAudio.sampleRate > 0
      ? rate(firstAudio.sampleRate)
      : undefined;
  let durationFrames: number | undefined;
  const seconds = decimalSeconds(format.duration);
  if (durationRate && seconds) durationFrames = unitsFromSeconds(seconds, durationRate);
  else if (firstVideo?.durationFrames !== undefined) durationFrames = firstVideo.durationFrames;
  else if (firstAudio?.durationSamples !== undefined) durationFrames = firstAudio.durationSamples;

  const formatName = format.format_name ?? 'unknown';
  const brand = formatTags.major_brand?.trim();
  return ok({
    path,
    container: containerName(formatName, path),
    containerNames: formatName,
    ...optional('containerLongName', format.format_long_name),
    ...optional('majorBrand', brand === '' ? undefined : brand),
    sizeBytes: positiveInt(format.size) ?? size,
    ...(durationFrames !== undefined && durationRate ? { durationFrames, durationRate } : {}),
    video,
    audio,
    otherStreams,
    ...optional('startTimecode', startTimecode),
    ...optional('startTimecodeText', tc?.text ?? bwf?.text),
    ...optional('reel', reel),
    tags: formatTags,
  });
}

function isAttachedPicture(s: FfprobeStream & { disposition?: { attached_pic?: number } }): boolean {
  return s.disposition?.attached_pic === 1;
}

/**
 * ffprobe names the whole ISO family `mov,mp4,m4a,3gp,3g2,mj2`; the extension says which one
 * was written (`.mov` -> mov, `.mp4` -> mp4). Other formats use their first name.
 */
function containerName(formatName: string, path: string): string {
  const names = formatName.split(',');
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (names.includes('mov') && ext !== undefined) {
    if (ext === 'mov' || ext === 'qt') return 'mov';
    if (ext === 'mp4' || ext === 'm4v') return 'mp4';
    if (names.includes(ext)) return ext;
  }
  if (names.includes('wav') || formatName === 'wav') return 'wav';
  return names[0] ?? formatName;
}
