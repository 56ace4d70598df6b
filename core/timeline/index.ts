export type {
  Metadata,
  MarkerColor,
  Marker,
  MediaReference,
  Ratio,
  Effect,
  Clip,
  Gap,
  Transition,
  Stack,
  TrackKind,
  TrackItem,
  Track,
  Timeline,
  MediaRecord,
} from './model.ts';
export { MARKER_COLORS } from './model.ts';
export { clip, gap, transition, track, stack, timeline } from './build.ts';
export type { EventRow } from './algorithms.ts';
export {
  itemDurationFrames,
  rangesInTrack,
  rangeInParent,
  trackDurationFrames,
  timelineDuration,
  itemAtFrame,
  speedOf,
  consumedSourceRange,
  trackTrimmedToRange,
  flattened,
  sourceFrameRate,
  eventsOf,
} from './algorithms.ts';
