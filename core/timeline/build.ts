import { range, rt, type FrameRate, type Rate, type TimeRange } from '../time/index.ts';
import type { Clip, Effect, Gap, MediaReference, Marker, Metadata, Stack, Timeline, Track, TrackItem, TrackKind, Transition } from './model.ts';

/** Constructors with the model's defaults (enabled, no markers, no effects, empty metadata). */

export function clip(fields: {
  name: string;
  sourceRange: TimeRange;
  media?: MediaReference;
  reel?: string;
  sourceFile?: string;
  enabled?: boolean;
  markers?: readonly Marker[];
  effects?: readonly Effect[];
  metadata?: Metadata;
}): Clip {
  const out: Clip = {
    kind: 'clip',
    name: fields.name,
    sourceRange: fields.sourceRange,
    media: fields.media ?? { kind: 'missing', name: fields.name },
    enabled: fields.enabled ?? true,
    markers: fields.markers ?? [],
    effects: fields.effects ?? [],
    metadata: fields.metadata ?? {},
    ...(fields.reel !== undefined ? { reel: fields.reel } : {}),
    ...(fields.sourceFile !== undefined ? { sourceFile: fields.sourceFile } : {}),
  };
  return out;
}

/** A gap of `frames` at `r`. */
export function gap(frames: number, r: Rate, fields: { name?: string; markers?: readonly Marker[]; metadata?: Metadata } = {}): Gap {
  return { kind: 'gap', name: fields.name ?? '', sourceRange: range(0, frames, r), markers: fields.markers ?? [], metadata: fields.metadata ?? {} };
}

export function transition(fields: { name?: string; transitionType: string; inFrames: number; outFrames: number; rate: Rate; metadata?: Metadata }): Transition {
  return {
    kind: 'transition',
    name: fields.name ?? fields.transitionType,
    transitionType: fields.transitionType,
    inOffset: rt(fields.inFrames, fields.rate),
    outOffset: rt(fields.outFrames, fields.rate),
    metadata: fields.metadata ?? {},
  };
}

export function track(fields: {
  name: string;
  trackKind: TrackKind;
  children: readonly TrackItem[];
  enabled?: boolean;
  markers?: readonly Marker[];
  metadata?: Metadata;
}): Track {
  return {
    kind: 'track',
    name: fields.name,
    trackKind: fields.trackKind,
    children: fields.children,
    enabled: fields.enabled ?? true,
    markers: fields.markers ?? [],
    metadata: fields.metadata ?? {},
  };
}

export function stack(fields: { name: string; children: readonly Track[]; sourceRange?: TimeRange; enabled?: boolean; markers?: readonly Marker[]; effects?: readonly Effect[]; metadata?: Metadata }): Stack {
  return {
    kind: 'stack',
    name: fields.name,
    children: fields.children,
    enabled: fields.enabled ?? true,
    markers: fields.markers ?? [],
    effects: fields.effects ?? [],
    metadata: fields.metadata ?? {},
    ...(fields.sourceRange ? { sourceRange: fields.sourceRange } : {}),
  };
}

/** A timeline; `startFrame` is the record frame of its first frame at `rate` (e.g. 86400 for 01:00:00:00 at 24). */
export function timeline(fields: { name: string; rate: FrameRate; startFrame?: number; tracks: readonly Track[]; markers?: readonly Marker[]; metadata?: Metadata }): Timeline {
  return {
    kind: 'timeline',
    name: fields.name,
    rate: fields.rate,
    globalStart: rt(fields.startFrame ?? 0, fields.rate),
    tracks: fields.tracks,
    markers: fields.markers ?? [],
    metadata: fields.metadata ?? {},
  };
}
