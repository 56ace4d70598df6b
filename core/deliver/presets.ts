import type { DeliverContainer, DeliverFit, DeliverJobKind, DeliverSocialAspect, DeliverVideoCodec } from './model.ts';

/**
 * Deliverable presets: what each kind of file is, as codec facts (not encoder flags; the
 * renderer maps them to its own options). Profiles and pixel formats follow the codecs'
 * published families: ProRes 422 HQ is 4:2:2 10-bit (`apch`), 4444 and 4444 XQ are 4:4:4
 * 12-bit (`ap4h`, `ap4x`; the bitstream states 12 bits whatever the encoder was fed); DNxHR HQX is 4:2:2 10-bit, DNxHR 444 is 4:4:4 10-bit; review and web
 * files are 4:2:0 8-bit for player compatibility.
 */
export interface DeliverPreset {
  readonly id: string;
  readonly kind: DeliverJobKind;
  readonly label: string;
  /** Short element code used in file names (`MASTER-PRORES422HQ`). */
  readonly element: string;
  readonly container: DeliverContainer;
  readonly video?: {
    readonly codec: DeliverVideoCodec;
    readonly profile: string;
    readonly fourcc?: string;
    readonly pixelFormat: string;
    readonly bitDepth: number;
    readonly chroma: string;
    readonly crf?: number;
    /** A fixed output raster (social); absent = the timeline's (or the profile's). */
    readonly raster?: { readonly width: number; readonly height: number };
    readonly aspect?: DeliverSocialAspect;
  };
  readonly audio?: { readonly codec: 'pcm' | 'aac'; readonly bitDepth?: number; readonly bitRate?: number };
  /** Package sub-folder. */
  readonly folder: string;
}

const PCM24 = { codec: 'pcm', bitDepth: 24 } as const;
const AAC = { codec: 'aac', bitRate: 320000 } as const;

function social(aspect: DeliverSocialAspect, width: number, height: number): DeliverPreset {
  const tag = aspect.replace(':', 'x');
  return {
    id: `social-${tag}`,
    kind: 'social',
    label: `Social ${aspect} (H.264)`,
    element: `SOCIAL-${tag}`,
    container: 'mp4',
    video: { codec: 'h264', profile: 'high', pixelFormat: 'yuv420p', bitDepth: 8, chroma: '4:2:0', crf: 20, raster: { width, height }, aspect },
    audio: AAC,
    folder: 'social',
  };
}

export const DELIVER_PRESETS: readonly DeliverPreset[] = [
  {
    id: 'prores-422hq',
    kind: 'master',
    label: 'Picture master, Apple ProRes 422 HQ',
    element: 'MASTER-PRORES422HQ',
    container: 'mov',
    video: { codec: 'prores', profile: '422hq', fourcc: 'apch', pixelFormat: 'yuv422p10le', bitDepth: 10, chroma: '4:2:2' },
    audio: PCM24,
    folder: 'masters',
  },
  {
    id: 'prores-4444',
    kind: 'master',
    label: 'Picture master, Apple ProRes 4444',
    element: 'MASTER-PRORES4444',
    container: 'mov',
    video: { codec: 'prores', profile: '4444', fourcc: 'ap4h', pixelFormat: 'yuv444p10le', bitDepth: 12, chroma: '4:4:4' },
    audio: PCM24,
    folder: 'masters',
  },
  {
    id: 'prores-4444xq',
    kind: 'master',
    label: 'Picture master, Apple ProRes 4444 XQ',
    element: 'MASTER-PRORES4444XQ',
    container: 'mov',
    video: { codec: 'prores', profile: '4444xq', fourcc: 'ap4x', pixelFormat: 'yuv444p10le', bitDepth: 12, chroma: '4:4:4' },
    audio: PCM24,
    folder: 'masters',
  },
  {
    id: 'dnxhr-hqx',
    kind: 'master',
    label: 'Picture master, Avid DNxHR HQX',
    element: 'MASTER-DNXHRHQX',
    container: 'mov',
    video: { codec: 'dnxhd', profile: 'dnxhr-hqx', pixelFormat: 'yuv422p10le', bitDepth: 10, chroma: '4:2:2' },
    audio: PCM24,
    folder: 'masters',
  },
  {
    id: 'dnxhr-444',
    kind: 'master',
    label: 'Picture master, Avid DNxHR 444',
    element: 'MASTER-DNXHR444',
    container: 'mov',
    video: { codec: 'dnxhd', profile: 'dnxhr-444', pixelFormat: 'yuv444p10le', bitDepth: 10, chroma: '4:4:4' },
    audio: PCM24,
    folder: 'masters',
  },
  {
    id: 'mezzanine',
    kind: 'mezzanine',
    label: 'Mezzanine, Apple ProRes 422 HQ',
    element: 'MEZZ-PRORES422HQ',
    container: 'mov',
    video: { codec: 'prores', profile: '422hq', fourcc: 'apch', pixelFormat: 'yuv422p10le', bitDepth: 10, chroma: '4:2:2' },
    audio: PCM24,
    folder: 'mezzanine',
  },
  {
    id: 'review-h264',
    kind: 'review',
    label: 'Review copy, H.264 High',
    element: 'REVIEW-H264',
    container: 'mp4',
    video: { codec: 'h264', profile: 'high', pixelFormat: 'yuv420p', bitDepth: 8, chroma: '4:2:0', crf: 18 },
    audio: AAC,
    folder: 'review',
  },
  {
    id: 'web-h264',
    kind: 'web',
    label: 'Web file, H.264 High',
    element: 'WEB-H264',
    container: 'mp4',
    video: { codec: 'h264', profile: 'high', pixelFormat: 'yuv420p', bitDepth: 8, chroma: '4:2:0', crf: 21 },
    audio: AAC,
    folder: 'web',
  },
  {
    id: 'web-hevc',
    kind: 'web',
    label: 'Web file, HEVC Main',
    element: 'WEB-HEVC',
    container: 'mp4',
    video: { codec: 'hevc', profile: 'main', fourcc: 'hvc1', pixelFormat: 'yuv420p', bitDepth: 8, chroma: '4:2:0', crf: 24 },
    audio: AAC,
    folder: 'web',
  },
  social('9:16', 1080, 1920),
  social('1:1', 1080, 1080),
  social('4:5', 1080, 1350),
  { id: 'stems', kind: 'stem', label: 'WAV stem', element: 'STEM', container: 'wav', audio: PCM24, folder: 'stems' },
];

/** A preset request as written on the command line: `social-9x16:pad`, `stems`, `prores-4444xq`. */
export interface DeliverPresetRequest {
  readonly preset: DeliverPreset;
  readonly fit?: DeliverFit;
  /** The request as written, with its variant: the job id's stable part. */
  readonly text: string;
}

/** Looks up `id[:variant]`; the variant of a social preset is `crop` or `pad` (default `pad`). */
export function deliverPresetRequest(text: string): DeliverPresetRequest | undefined {
  const [id, variant] = text.split(':') as [string, string?];
  const preset = DELIVER_PRESETS.find((p) => p.id === id);
  if (!preset) return undefined;
  if (preset.kind === 'social') {
    const fit: DeliverFit | undefined = variant === undefined ? 'pad' : variant === 'crop' || variant === 'pad' ? variant : undefined;
    return fit ? { preset, fit, text: `${preset.id}:${fit}` } : undefined;
  }
  return variant === undefined ? { preset, text: preset.id } : undefined;
}

/** ffmpeg's layout name for `n` discrete channels in track order. */
export function deliverLayoutOf(channels: number): string {
  return ({ 1: 'mono', 2: 'stereo', 6: '5.1', 8: '7.1' } as Record<number, string>)[channels] ?? `${channels}c`;
}
