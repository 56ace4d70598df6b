import type { FrameRate, Rate } from '../time/index.ts';

/**
 * Normalised facts about one media file, as a prober (ffprobe in host-bridge) reads them.
 * Everything is exact: rates are fractions, durations are integer frames (video) or samples
 * (audio). A fact the file does not state is `undefined`, never guessed; the rule engine
 * reports an undefined fact as "not stated" rather than as a pass.
 *
 * Colour tags use ffprobe's / ITU-T H.273 names (`bt709`, `bt2020`, `smpte2084`,
 * `arib-std-b67`, `bt2020nc`...), lower-case. Range is `limited` (16-235 at 8 bit,
 * "tv"/"mpeg") or `full` (0-255, "pc"/"jpeg").
 */
export interface MediaInfo {
  /** The path as given to the prober (display only). */
  readonly path: string;
  /** Container as ffprobe's format short name, first of its comma list (`mov`, `mxf`, `wav`, `mpegts`). */
  readonly container: string;
  /** ffprobe's full comma list (`mov,mp4,m4a,3gp,3g2,mj2`) and long name, for display. */
  readonly containerNames: string;
  readonly containerLongName?: string;
  /** Brand for ISO/QuickTime files (`qt  `, `isom`), trimmed. */
  readonly majorBrand?: string;
  /** File size in bytes. */
  readonly sizeBytes: number;
  /**
   * Programme duration in frames of `durationRate`: the first video stream's rate when there
   * is video, else the first audio stream's sample rate (so audio-only files count samples).
   */
  readonly durationFrames?: number;
  readonly durationRate?: Rate;
  readonly video: readonly MediaVideoStream[];
  readonly audio: readonly MediaAudioStream[];
  /** Subtitle / caption / data streams, by codec name (`eia_608`, `mov_text`, `timed_id3`...). */
  readonly otherStreams: readonly MediaOtherStream[];
  /**
   * Start timecode of the programme, when the file carries one and its rate is known (the
   * video rate, or a timecode track's rate).
   */
  readonly startTimecode?: MediaTimecode;
  /** The start timecode as written, also when no rate is known to count it (audio-only MXF). */
  readonly startTimecodeText?: string;
  /** Tape / reel name from container tags (`reel_name`, `tape`, `reel`), when present. */
  readonly reel?: string;
  /** Container-level tags as read, lower-case keys (for display and custom rules). */
  readonly tags: Readonly<Record<string, string>>;
}

export type MediaScanType = 'progressive' | 'interlaced';
/** `tff`: top field first; `bff`: bottom field first (ffprobe `tt`/`tb` and `bb`/`bt`). */
export type MediaFieldOrder = 'progressive' | 'tff' | 'bff';
export type MediaColourRange = 'limited' | 'full';

export interface MediaVideoStream {
  /** Stream index in the container. */
  readonly index: number;
  /** Codec short name (`prores`, `h264`, `hevc`, `dnxhd`, `jpeg2000`). */
  readonly codec: string;
  /** Codec profile as ffprobe names it (`HQ`, `4444`, `High 4:2:2 Intra`, `Main 10`, `DNXHR HQX`). */
  readonly profile?: string;
  /** Four-character code (`apch`, `avc1`), when the container stores one. */
  readonly codecTag?: string;
  readonly width: number;
  readonly height: number;
  /** Sample (pixel) aspect ratio; `{num:1,den:1}` for square pixels. */
  readonly sampleAspectRatio?: Rate;
  readonly displayAspectRatio?: Rate;
  /**
   * The exact frame rate (from r_frame_rate, or avg_frame_rate when that is unset). Its
   * `dropFrame` flag comes from the file's timecode (`;` separator); a 29.97 file without
   * timecode is non-drop.
   */
  readonly frameRate?: FrameRate;
  /** avg_frame_rate as read: differs from frameRate for variable-rate files. */
  readonly averageFrameRate?: Rate;
  /** Pixel format (`yuv422p10le`, `yuv420p`, `yuva444p12le`). */
  readonly pixelFormat?: string;
  /** Bits per component, from bits_per_raw_sample or the pixel format. */
  readonly bitDepth?: number;
  /** Chroma subsampling (`4:2:0`, `4:2:2`, `4:4:4`, `4:4:4:4` with alpha), from the pixel format. */
  readonly chroma?: string;
  readonly scan?: MediaScanType;
  readonly fieldOrder?: MediaFieldOrder;
  readonly colourPrimaries?: string;
  readonly colourTransfer?: string;
  readonly colourMatrix?: string;
  readonly colourRange?: MediaColourRange;
  /** Frames in this stream (nb_frames, or its duration at its rate rounded). */
  readonly durationFrames?: number;
  /** Bits per second, when stated. */
  readonly bitRate?: number;
  /** True when the decoder sees CEA-608/708 captions carried in the video (H.264/MPEG-2 user data). */
  readonly closedCaptions?: boolean;
}

export interface MediaAudioStream {
  readonly index: number;
  /** Codec short name (`pcm_s24le`, `aac`, `ac3`). */
  readonly codec: string;
  readonly profile?: string;
  readonly channels: number;
  /** Channel layout as ffprobe names it (`stereo`, `5.1`, `5.1(side)`, `mono`), when stated. */
  readonly layout?: string;
  /** Samples per second. */
  readonly sampleRate: number;
  /** Bits per sample for PCM (16, 24, 32), from bits_per_raw_sample / bits_per_sample / the codec name. */
  readonly bitDepth?: number;
  /** Samples in this stream, when stated or derivable exactly. */
  readonly durationSamples?: number;
  readonly language?: string;
  readonly title?: string;
}

export interface MediaOtherStream {
  readonly index: number;
  readonly kind: 'subtitle' | 'data' | 'attachment' | 'unknown';
  readonly codec: string;
  readonly language?: string;
}

export interface MediaTimecode {
  /** Frame count of the start timecode at `rate` (drop-frame labels already resolved). */
  readonly frames: number;
  /** The timecode as written in the file (`01:00:00:00`, `00:59:58;00`). */
  readonly text: string;
  readonly rate: FrameRate;
  /** Where it was read: a QuickTime tmcd track, a stream tag, a container tag, or BWF time_reference. */
  readonly source: 'tmcd' | 'stream-tag' | 'format-tag' | 'bwf-time-reference';
}

/** Chroma subsampling from an ffmpeg pixel-format name, or undefined for unknown formats. */
export function mediaChromaOfPixelFormat(pixelFormat: string): string | undefined {
  const pf = pixelFormat.toLowerCase();
  const alpha = /^(yuva|gbra|rgba|bgra|argb|abgr|ya)/.test(pf);
  if (/^(gbr|rgb|bgr|argb|abgr|rgba|bgra|x2rgb|x2bgr|gray|ya)/.test(pf)) {
    return pf.startsWith('gray') ? '4:0:0' : alpha ? '4:4:4:4' : '4:4:4';
  }
  const m = /^yuva?j?(4[0-4][0-4]|411|410)p/.exec(pf);
  if (m) {
    const base = `${m[1]![0]}:${m[1]![1]}:${m[1]![2]}`;
    return alpha ? `${base}:4` : base;
  }
  if (/^(nv12|nv21|p010|p016|p012)/.test(pf)) return '4:2:0';
  if (/^(nv16|p210|p216|y210|uyvy422|yuyv422|v210)/.test(pf)) return '4:2:2';
  if (/^(nv24|p410|p416|y410|v410|ayuv64|xv30|xv36)/.test(pf)) return '4:4:4';
  return undefined;
}

/** Packed and semi-planar formats whose names do not end in a bit depth. */
const PACKED_DEPTHS: Readonly<Record<string, number>> = {
  p010: 10, p012: 12, p016: 16, p210: 10, p212: 12, p216: 16, p410: 10, p412: 12, p416: 16,
  y210: 10, y212: 12, v210: 10, v410: 10, xv30: 10, xv36: 12, ayuv64: 16, nv12: 8, nv21: 8,
  nv16: 8, nv24: 8, uyvy422: 8, yuyv422: 8, rgb24: 8, bgr24: 8, rgba: 8, bgra: 8, argb: 8, abgr: 8,
};

/** Bits per component from an ffmpeg pixel-format name (`yuv422p10le` -> 10; `yuv420p` -> 8; `p010le` -> 10). */
export function mediaBitDepthOfPixelFormat(pixelFormat: string): number | undefined {
  const pf = pixelFormat.toLowerCase().replace(/(le|be)$/, '');
  const packed = PACKED_DEPTHS[pf];
  if (packed !== undefined) return packed;
  const planar = /^(?:yuva?j?4[0-4][0-4]|yuv41[01]|gbra?|gray)p?(\d+)?$/.exec(pf);
  if (planar) return planar[1] === undefined ? 8 : Number(planar[1]);
  return undefined;
}
