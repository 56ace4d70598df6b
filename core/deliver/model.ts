import type { DeliveryProfile } from '../spec/index.ts';
import type { Finding, Waiver } from '../findings/index.ts';
import type { FrameRate, Rate } from '../time/index.ts';
import type { Ratio, Timeline } from '../timeline/index.ts';

/**
 * The delivery plan (`picturelock.deliver-plan/1`): one JSON file holding what to render,
 * where, with which settings, from which source frames, and the state of every job.
 *
 * Conventions:
 * - Record positions (`range`) are frames at the timeline rate counted from the timeline's
 *   first frame (0 = `globalStart`), half-open `[start, end)`.
 * - Source positions in segments (`trim`) are frames at the source's own rate counted from
 *   the source file's first frame (0 = the file's start timecode), half-open.
 * - Paths of outputs are relative to the package folder, `/`-separated; the package folder
 *   is relative to the folder holding the plan file.
 * - Nothing in a plan depends on a clock or a random number: ids are indices and content
 *   hashes, so planning the same inputs twice writes byte-identical JSON.
 */
export const DELIVER_PLAN_SCHEMA = 'picturelock.deliver-plan/1';
export const DELIVER_REPORT_SCHEMA = 'picturelock.deliver-report/1';

export const DELIVER_JOB_KINDS = ['master', 'mezzanine', 'review', 'web', 'social', 'stem'] as const;
export type DeliverJobKind = (typeof DELIVER_JOB_KINDS)[number];

export const DELIVER_JOB_STATES = ['planned', 'running', 'rendered', 'verified', 'failed'] as const;
/**
 * `planned`: not started (or reset for a re-render); `running`: an encoder is writing its
 * temporary file; `rendered`: the output carries its final name but has not been checked;
 * `verified`: probed and every rule of its checks passed; `failed`: with `reason`.
 */
export type DeliverJobState = (typeof DELIVER_JOB_STATES)[number];

export type DeliverContainer = 'mov' | 'mp4' | 'mxf' | 'wav';
export type DeliverVideoCodec = 'prores' | 'dnxhd' | 'h264' | 'hevc';
export type DeliverSocialAspect = '9:16' | '1:1' | '4:5';
export type DeliverFit = 'crop' | 'pad';

export interface DeliverColour {
  /** ITU-T H.273 names as ffmpeg spells them (`bt709`). */
  readonly primaries: string;
  readonly transfer: string;
  readonly matrix: string;
  readonly range: 'limited' | 'full';
}

export interface DeliverVideoSettings {
  readonly codec: DeliverVideoCodec;
  /** Codec profile in the spec module's spelling (`422hq`, `4444xq`, `dnxhr-hqx`, `high`, `main`). */
  readonly profile: string;
  /** The four-character code the container must carry (`apch`, `hvc1`), when it is fixed. */
  readonly fourcc?: string;
  readonly width: number;
  readonly height: number;
  readonly rate: FrameRate;
  /** ffmpeg pixel format of the encoded picture (`yuv422p10le`). */
  readonly pixelFormat: string;
  readonly bitDepth: number;
  readonly chroma: string;
  readonly colour: DeliverColour;
  /** For a change of aspect (social): how the timeline's picture fills the frame. */
  readonly fit?: { readonly aspect: DeliverSocialAspect; readonly mode: DeliverFit };
  /** Constant-quality factor for H.264/HEVC (lower is better). */
  readonly crf?: number;
}

export interface DeliverAudioSettings {
  readonly codec: 'pcm' | 'aac';
  /** Samples per second. */
  readonly sampleRate: number;
  /** PCM bits per sample. */
  readonly bitDepth?: number;
  /** AAC bits per second. */
  readonly bitRate?: number;
  readonly channels: number;
  /** ffmpeg channel layout name (`mono`, `stereo`, `5.1`, `7.1`) or `<n>c` for discrete channels. */
  readonly layout: string;
  /** Timeline track indices, one channel each, in channel order. */
  readonly tracks: readonly number[];
}

/** Source frames of one file filling record frames. */
export interface DeliverMediaSegment {
  readonly kind: 'media';
  /** Record frames this segment fills. */
  readonly frames: number;
  /** Index into `plan.sources`. */
  readonly source: number;
  /** Source frames read, from the file's first frame, `[start, end)` at `rate`. */
  readonly trim: { readonly start: number; readonly end: number };
  readonly rate: Rate;
  /** Source frames per record frame: 1 normal, 1/2 for 50 %, 0 freeze, negative reverse. */
  readonly speed: Ratio;
  /** Event id and clip name, for messages. */
  readonly event: string;
  readonly clip: string;
}

/** One side of a dissolve over its whole length: a run of source frames, or black (picture) / silence (sound). */
export type DeliverDissolveSide = DeliverMediaSegment | { readonly kind: 'black'; readonly frames: number } | { readonly kind: 'silence'; readonly frames: number };

/**
 * A dissolve (a linear mix, ffmpeg `xfade=fade` / `acrossfade` with a triangular curve) between
 * the outgoing and the incoming side. The dissolve covers `length` record frames: it starts
 * `inOffset` frames before the cut and ends `outOffset` frames after it, so the outgoing side
 * reads `outOffset` frames of tail handle past its source out and the incoming side `inOffset`
 * frames of head handle before its source in. A segment may hold part of it (a delivery range
 * or a higher track cutting into it): `frames` record frames from frame `offset` of the dissolve.
 */
export interface DeliverDissolveSegment {
  readonly kind: 'dissolve';
  readonly frames: number;
  readonly offset: number;
  readonly length: number;
  /** The transition type as the cut names it (`dissolve`, `SMPTE_Dissolve`). */
  readonly transition: string;
  /** Record timecode of the dissolve's first frame, for messages. */
  readonly recordIn: string;
  /** Each side over the whole dissolve: `length` record frames. */
  readonly from: DeliverDissolveSide;
  readonly to: DeliverDissolveSide;
}

/** One run of record frames in a job's picture or in one audio track. */
export type DeliverSegment =
  | DeliverMediaSegment
  | DeliverDissolveSegment
  | { readonly kind: 'black'; readonly frames: number }
  | { readonly kind: 'silence'; readonly frames: number }
  | { readonly kind: 'missing'; readonly frames: number; readonly event: string; readonly clip: string; readonly reel?: string; readonly recordIn: string };

export interface DeliverSource {
  /** A file path (a `file://` URL is turned into a path). */
  readonly path: string;
  readonly reel?: string;
  readonly clip?: string;
  /** The file's start timecode as a label and as a frame count at `rate`. */
  readonly startTimecode?: string;
  readonly startFrame?: number;
  readonly rate?: Rate;
}

export interface DeliverJobResult {
  readonly sizeBytes: number;
  /** Frames at the video rate, or samples at the sample rate for audio-only outputs. */
  readonly durationFrames?: number;
  readonly durationRate?: Rate;
  /** One row a rule of every profile checked: `profile`, the question, requested, actual, outcome, severity. */
  readonly checks: readonly DeliverCheckRow[];
  readonly checksum?: { readonly algorithm: string; readonly value: string };
}

export interface DeliverCheckRow {
  readonly profile: string;
  readonly rule: string;
  readonly requested: string;
  readonly actual: string;
  readonly outcome: string;
  readonly severity: string;
}

export interface DeliverJob {
  /** Stable across re-plans: `<index>-<preset>` (the preset id with its variant). */
  readonly id: string;
  readonly kind: DeliverJobKind;
  /** The preset it came from (`prores-422hq`, `social-9x16:pad`, `stem`). */
  readonly preset: string;
  readonly label: string;
  /** Record frames `[start, end)` from the timeline start. */
  readonly range: { readonly start: number; readonly end: number };
  readonly container: DeliverContainer;
  readonly video?: DeliverVideoSettings;
  readonly audio?: DeliverAudioSettings;
  /** Start timecode written in the output (the record timecode of `range.start`, or the profile's programme start). */
  readonly timecode: string;
  /** Reel / tape name written in the output's timecode track. */
  readonly reel: string;
  /** Package-relative folder and file name (with extension). */
  readonly output: { readonly folder: string; readonly name: string };
  readonly segments: { readonly video: readonly DeliverSegment[]; readonly audio: readonly (readonly DeliverSegment[])[] };
  /** Why the standalone renderer cannot make this job honestly; non-empty = the job fails when run. */
  readonly blockers: readonly string[];
  /** The profile the output must meet as planned (codec, raster, rate, duration, channels...). */
  readonly expect: DeliveryProfile;
  /** Also checked against the plan's delivery profile. */
  readonly checkProfile: boolean;
  /** Content hash of everything above: a re-plan compares it to find stale jobs. */
  readonly fingerprint: string;
  readonly state: DeliverJobState;
  readonly reason?: string;
  /** How many times the job was started. */
  readonly attempts: number;
  readonly result?: DeliverJobResult;
  /** Set by a re-plan when the job's settings or sources changed after it had run. */
  readonly stale?: { readonly was: DeliverJobState };
}

export type DeliverSidecarKind = 'edl' | 'fcp7xml' | 'otio' | 'captions' | 'mhl' | 'report-html' | 'report-json';

/** Caption writers a sidecar can use (core/captions): SRT, WebVTT, TTML (IMSC 1.1 text profile) and SCC. */
export type DeliverCaptionWriter = 'srt' | 'vtt' | 'ttml' | 'scc';

export interface DeliverSidecar {
  readonly kind: DeliverSidecarKind;
  /** Package-relative path; for the MHL, the history folder. */
  readonly path: string;
  /** Captions: the file converted (as the user named it) and the writer and spec format it is written as. */
  readonly captions?: { readonly source: string; readonly writer: DeliverCaptionWriter; readonly format: string };
  readonly state: 'planned' | 'written' | 'failed';
  readonly reason?: string;
}

export interface DeliverPlan {
  readonly schema: typeof DELIVER_PLAN_SCHEMA;
  /** Content hash of the inputs (timeline, profile, naming, requests). */
  readonly id: string;
  readonly title: string;
  /** Folder of the package, relative to the plan file's folder. */
  readonly packageFolder: string;
  readonly timeline: {
    readonly name: string;
    readonly file?: string;
    /** Content hash of the timeline model: the version the package was cut from. */
    readonly version: string;
    readonly rate: FrameRate;
    readonly startTimecode: string;
    readonly durationFrames: number;
    /** The timeline itself, as planned (relinked to the media), for lists and re-checks. */
    readonly model: Timeline;
  };
  readonly profile: DeliveryProfile;
  readonly naming: { readonly convention?: string; readonly template: string };
  readonly checksum: { readonly algorithms: readonly string[] };
  readonly sources: readonly DeliverSource[];
  readonly jobs: readonly DeliverJob[];
  readonly sidecars: readonly DeliverSidecar[];
  readonly waivers: readonly Waiver[];
  /** Findings of planning (missing media, unsupported edits, naming problems). */
  readonly findings: readonly Finding[];
  /** MHL generations written into the package by runs, in order. */
  readonly mhl: readonly string[];
}
