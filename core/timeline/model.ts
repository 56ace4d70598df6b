import type { FrameRate, Rate, RationalTime, TimeRange } from '../time/index.ts';

/**
 * The timeline model: read-only plain data, close to OpenTimelineIO's schema so OTIO JSON
 * maps onto it without loss, and serialisable across host bridges and into JSON.
 *
 * Time conventions:
 * - A track's children follow each other; a child's length in the track is its duration.
 *   Transitions take no length: they overlap the neighbours by `inOffset` / `outOffset`.
 * - `Clip.sourceRange` is in the clip's own (source) time: start = first source frame used,
 *   duration = length of the clip in the track, both at the source rate.
 * - Every range is half-open.
 */

/** Host- or format-specific extras, one key per owner (`edl`, `fcp7xml`, `premiere`, `resolve` …). */
export type Metadata = Readonly<Record<string, unknown>>;

/** Marker colours as OTIO names them; hosts map theirs onto these. */
export const MARKER_COLORS = ['red', 'pink', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'magenta', 'black', 'white'] as const;
export type MarkerColor = (typeof MARKER_COLORS)[number];

export interface Marker {
  readonly name: string;
  readonly color: MarkerColor;
  /** In the owner's time: an item's source time for clip markers, record time for timeline markers. */
  readonly markedRange: TimeRange;
  readonly note?: string;
  readonly metadata?: Metadata;
}

/** Where a clip's media lives. "Missing" is a value, never null. */
export type MediaReference =
  | {
      readonly kind: 'external';
      /** A URL (`file:///…`, `https://…`) or a plain path as the source gave it. */
      readonly url: string;
      readonly name?: string;
      /** The span of the media itself, at its own rate (source timecode start, length). */
      readonly availableRange?: TimeRange;
      readonly metadata?: Metadata;
    }
  | {
      readonly kind: 'missing';
      readonly name?: string;
      readonly availableRange?: TimeRange;
      readonly metadata?: Metadata;
    }
  | {
      readonly kind: 'generator';
      /** `black`, `bars`, `color`, `slug`, `title` … as the source named it. */
      readonly generatorKind: string;
      readonly name?: string;
      readonly parameters?: Readonly<Record<string, unknown>>;
      readonly availableRange?: TimeRange;
      readonly metadata?: Metadata;
    };

/** A signed exact ratio: source frames consumed per record frame (1 = normal, -1 = reverse, 1/2 = 50%). */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

export type Effect =
  | { readonly kind: 'linearTimeWarp'; readonly name: string; readonly timeScalar: Ratio; readonly metadata?: Metadata }
  | { readonly kind: 'freezeFrame'; readonly name: string; readonly metadata?: Metadata }
  | { readonly kind: 'effect'; readonly name: string; readonly effectName: string; readonly metadata?: Metadata };

export interface Clip {
  readonly kind: 'clip';
  /** The clip name as the editor sees it. */
  readonly name: string;
  readonly sourceRange: TimeRange;
  readonly media: MediaReference;
  /** Reel / tape name (EDL reel, Avid tape, camera roll). */
  readonly reel?: string;
  /** The source file's name (`A001C003_200101_R1AB.mov`), when the list carries it. */
  readonly sourceFile?: string;
  readonly enabled: boolean;
  readonly markers: readonly Marker[];
  readonly effects: readonly Effect[];
  readonly metadata: Metadata;
}

export interface Gap {
  readonly kind: 'gap';
  readonly name: string;
  /** Start is 0 at the track's rate; duration is the length in the track. */
  readonly sourceRange: TimeRange;
  readonly markers: readonly Marker[];
  readonly metadata: Metadata;
}

export interface Transition {
  readonly kind: 'transition';
  readonly name: string;
  /** `dissolve`, `wipe`, `key` or a host's own name (SMPTE_Dissolve in OTIO). */
  readonly transitionType: string;
  /** Length before the cut point (into the outgoing item). */
  readonly inOffset: RationalTime;
  /** Length after the cut point (into the incoming item). */
  readonly outOffset: RationalTime;
  readonly metadata: Metadata;
}

/** A nested composition: an item inside a track whose children play together. */
export interface Stack {
  readonly kind: 'stack';
  readonly name: string;
  readonly children: readonly Track[];
  /** The part of the nested composition that is used, in its own time; absent = all of it. */
  readonly sourceRange?: TimeRange;
  readonly enabled: boolean;
  readonly markers: readonly Marker[];
  readonly effects: readonly Effect[];
  readonly metadata: Metadata;
}

export type TrackKind = 'video' | 'audio';

export type TrackItem = Clip | Gap | Transition | Stack;

export interface Track {
  readonly kind: 'track';
  readonly name: string;
  readonly trackKind: TrackKind;
  readonly children: readonly TrackItem[];
  readonly enabled: boolean;
  readonly markers: readonly Marker[];
  readonly metadata: Metadata;
}

export interface Timeline {
  readonly kind: 'timeline';
  readonly name: string;
  /** The sequence rate, with its timecode counting. */
  readonly rate: FrameRate;
  /** Record time of the first frame (01:00:00:00 is `rt(86400, 24)` at 24 fps). */
  readonly globalStart: RationalTime;
  /** Video tracks bottom to top (V1 first), then audio tracks (A1 first). */
  readonly tracks: readonly Track[];
  readonly markers: readonly Marker[];
  readonly metadata: Metadata;
}

/** An inventory record: one media file or clip, from a probe, an ALE, a CSV or a host's media pool. */
export interface MediaRecord {
  readonly path?: string;
  readonly fileName?: string;
  readonly reel?: string;
  readonly clipName?: string;
  readonly cameraClipName?: string;
  /** Start timecode as a frame count at `rate` and its length. */
  readonly availableRange?: TimeRange;
  readonly rate?: FrameRate;
  readonly width?: number;
  readonly height?: number;
  readonly codec?: string;
  readonly audioChannels?: number;
  /** Every other column or fact, as the source gave it. */
  readonly extra: Readonly<Record<string, string>>;
}

export type { Rate };
