import {
  isDropFrameCapable,
  nominalFps,
  range,
  rescaledTo,
  rt,
  timecodeOf,
  type FrameRate,
  type Rate,
  type RationalTime,
  type TimeRange,
} from '../time/index.ts';
import type { Clip, Ratio, Stack, Timeline, Track, TrackItem } from './model.ts';

/**
 * Pure algorithms over the model. Record positions are whole frames at the rate passed in
 * (normally the timeline's), counted from the start of the track (0 = first frame), and
 * every range is half-open.
 */

/** Length of an item in its track, in frames at `r`; transitions take none. */
export function itemDurationFrames(item: TrackItem, r: Rate): number {
  if (item.kind === 'transition') return 0;
  if (item.sourceRange) return rescaledTo(item.sourceRange.duration, r, 'round');
  // Only a stack may lack a trim: it then plays all of its tracks.
  if (item.kind !== 'stack') return 0;
  return Math.max(0, ...item.children.map((t) => trackDurationFrames(t, r)));
}

/** Each child's range in its track, in frames at `r` (transitions get an empty range at the cut). */
export function rangesInTrack(t: Track, r: Rate): TimeRange[] {
  const out: TimeRange[] = [];
  let at = 0;
  for (const child of t.children) {
    const d = itemDurationFrames(child, r);
    out.push(range(at, d, r));
    at += d;
  }
  return out;
}

/** The range of child `index` in its track. */
export function rangeInParent(t: Track, index: number, r: Rate): TimeRange {
  const ranges = rangesInTrack(t, r);
  const found = ranges[index];
  if (!found) throw new RangeError(`track ${t.name} has no child ${index}`);
  return found;
}

export function trackDurationFrames(t: Track, r: Rate): number {
  let total = 0;
  for (const child of t.children) total += itemDurationFrames(child, r);
  return total;
}

/** The timeline's length: its longest track, at the timeline rate. */
export function timelineDuration(tl: Timeline): RationalTime {
  return rt(Math.max(0, ...tl.tracks.map((t) => trackDurationFrames(t, tl.rate))), tl.rate);
}

/** The item (not a transition) covering record frame `frame` of the track, with its index and range. */
export function itemAtFrame(t: Track, frame: number, r: Rate): { index: number; item: TrackItem; range: TimeRange } | undefined {
  let at = 0;
  for (let i = 0; i < t.children.length; i++) {
    const child = t.children[i]!;
    const d = itemDurationFrames(child, r);
    if (child.kind !== 'transition' && frame >= at && frame < at + d) return { index: i, item: child, range: range(at, d, r) };
    at += d;
  }
  return undefined;
}

/** Source frames consumed per record frame: 1 normally, 0 for a freeze, negative in reverse. */
export function speedOf(item: Clip | Stack): Ratio {
  for (const e of item.effects) {
    if (e.kind === 'freezeFrame') return { num: 0, den: 1 };
    if (e.kind === 'linearTimeWarp') return e.timeScalar;
  }
  return { num: 1, den: 1 };
}

/**
 * The source range a clip really reads, at the source rate, with speed applied: a 2x clip of
 * 24 record frames reads 48 source frames; a freeze reads 1; a reverse clip reads backwards
 * from its source start, so the range ends (exclusive) one past `sourceRange.start`.
 */
export function consumedSourceRange(c: Clip): TimeRange {
  const s = speedOf(c);
  const start = c.sourceRange.start;
  const len = c.sourceRange.duration.value;
  if (s.num === 0) return range(start.value, 1, start.rate);
  const frames = Math.max(1, Math.ceil((Math.abs(s.num) * len) / s.den));
  if (s.num > 0) return range(start.value, frames, start.rate);
  return range(start.value - frames + 1, frames, start.rate);
}

/** A copy of the track holding only record frames `[from, to)`; clips are cut (retimed ones at the source frame their speed reaches), transitions outside dropped. */
export function trackTrimmedToRange(t: Track, from: number, to: number, r: Rate): Track {
  const children: TrackItem[] = [];
  let at = 0;
  for (const child of t.children) {
    const d = itemDurationFrames(child, r);
    const start = at;
    const end = at + d;
    at = end;
    if (child.kind === 'transition') {
      if (start > from && start < to) children.push(child);
      continue;
    }
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e <= s) continue;
    if (s === start && e === end) {
      children.push(child);
      continue;
    }
    if (child.kind === 'stack' && !child.sourceRange) {
      children.push({ ...child, sourceRange: range(s - start, e - s, r) });
      continue;
    }
    const sr = child.sourceRange!;
    const headCut = rescaledTo(rt(s - start, r), sr.start.rate, 'round');
    const newLen = rescaledTo(rt(e - s, r), sr.start.rate, 'round');
    // The head cut is in record frames; a retimed item reads `speed` source frames for each
    // (twice as many at 2x, none for a freeze, backwards in reverse), whole frames floored.
    const speed = child.kind === 'gap' ? { num: 1, den: 1 } : speedOf(child);
    const sourceCut = Math.sign(speed.num) * Math.floor((Math.abs(speed.num) * headCut) / speed.den);
    // A gap's range always starts at 0 (model.ts); only its length changes.
    const newStart = child.kind === 'gap' ? 0 : sr.start.value + sourceCut;
    children.push({ ...child, sourceRange: range(newStart, newLen, sr.start.rate) } as TrackItem);
  }
  return { ...t, children };
}

/** One entry of a flattened track: a piece of a clip seen from the top. */
interface Piece {
  readonly start: number;
  readonly end: number;
  readonly item: TrackItem;
  readonly itemStart: number;
}

/**
 * The picture as seen: for every record frame, the topmost enabled video item (later tracks
 * are on top; gaps and disabled items let lower tracks through). Returns one video track.
 */
export function flattened(tracks: readonly Track[], r: Rate, name = 'Flattened'): Track {
  const video = tracks.filter((t) => t.trackKind === 'video' && t.enabled);
  const cuts = new Set<number>([0]);
  const pieces: Piece[][] = video.map((t) => {
    const list: Piece[] = [];
    let at = 0;
    for (const child of t.children) {
      const d = itemDurationFrames(child, r);
      if (child.kind !== 'transition' && child.kind !== 'gap' && child.enabled && d > 0) {
        list.push({ start: at, end: at + d, item: child, itemStart: at });
        cuts.add(at);
        cuts.add(at + d);
      }
      at += d;
    }
    cuts.add(at);
    return list;
  });
  const points = [...cuts].sort((a, b) => a - b);
  const children: TrackItem[] = [];
  let lastItem: TrackItem | undefined;
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    let top: Piece | undefined;
    for (let ti = pieces.length - 1; ti >= 0 && !top; ti--) top = pieces[ti]!.find((p) => p.start <= s && p.end >= e);
    if (!top) {
      const prev = children[children.length - 1];
      if (prev && prev.kind === 'gap') children[children.length - 1] = { ...prev, sourceRange: range(0, prev.sourceRange.duration.value + (e - s), r) };
      else children.push({ kind: 'gap', name: '', sourceRange: range(0, e - s, r), markers: [], metadata: {} });
      lastItem = undefined;
      continue;
    }
    const piece = trackTrimmedToRange({ kind: 'track', name, trackKind: 'video', children: [top.item], enabled: true, markers: [], metadata: {} }, s - top.itemStart, e - top.itemStart, r).children[0]!;
    const prev = children[children.length - 1];
    if (prev && lastItem === top.item && prev.kind === piece.kind && 'sourceRange' in prev && prev.sourceRange && 'sourceRange' in piece && piece.sourceRange) {
      const merged = { ...prev, sourceRange: { start: prev.sourceRange.start, duration: rt(prev.sourceRange.duration.value + piece.sourceRange.duration.value, prev.sourceRange.duration.rate) } };
      children[children.length - 1] = merged as TrackItem;
    } else {
      children.push(piece);
    }
    lastItem = top.item;
  }
  while (children.length && children[children.length - 1]!.kind === 'gap') children.pop();
  return { kind: 'track', name, trackKind: 'video', children, enabled: true, markers: [], metadata: {} };
}

/** Above this a rate counts samples, not frames (120 is the fastest video rate timecode labels). */
const MAX_LABEL_FPS = 240;

/** One edit event: a clip in a track with its record and source positions. */
export interface EventRow {
  /** 1-based event number in record order across the timeline's tracks. */
  readonly number: number;
  /**
   * The event's name as the editor knows it: the list's own event number when the source
   * carried one (`metadata.edl.event`, zero-padded to 3), else `number` padded the same way.
   */
  readonly id: string;
  readonly trackIndex: number;
  readonly trackName: string;
  readonly itemIndex: number;
  readonly clip: Clip;
  /** Record frames at the timeline rate, absolute (globalStart included). */
  readonly record: TimeRange;
  readonly recordIn: string;
  readonly recordOut: string;
  readonly sourceIn: string;
  readonly sourceOut: string;
  readonly speed: Ratio;
}

/** The timecode counting for a source: the timeline's when rates match, else non-drop (or DF if the source says so). */
export function sourceFrameRate(c: Clip, tl: Timeline): FrameRate {
  const r = c.sourceRange.start.rate;
  if (r.num === tl.rate.num && r.den === tl.rate.den) return tl.rate;
  const df = c.media.metadata?.['dropFrame'] === true && isDropFrameCapable(r);
  return { num: r.num, den: r.den, dropFrame: df };
}

/** Every clip of the timeline as an event with record and source timecode (out points exclusive, as EDLs write them). */
export function eventsOf(tl: Timeline): EventRow[] {
  const rows: Omit<EventRow, 'number' | 'id'>[] = [];
  const start = rescaledTo(tl.globalStart, tl.rate, 'round');
  tl.tracks.forEach((t, trackIndex) => {
    const ranges = rangesInTrack(t, tl.rate);
    t.children.forEach((child, itemIndex) => {
      if (child.kind !== 'clip') return;
      const rr = ranges[itemIndex]!;
      const rec = range(start + rr.start.value, rr.duration.value, tl.rate);
      // Audio sources counted in samples (48000/1) are labelled at the timeline rate, as
      // NLEs show them: the frame the sample falls in.
      const bySamples = nominalFps(child.sourceRange.start.rate) > MAX_LABEL_FPS;
      const sr = bySamples ? tl.rate : sourceFrameRate(child, tl);
      const srcIn = bySamples ? rescaledTo(child.sourceRange.start, tl.rate, 'floor') : child.sourceRange.start.value;
      const srcLen = bySamples ? rescaledTo(child.sourceRange.duration, tl.rate, 'round') : child.sourceRange.duration.value;
      rows.push({
        trackIndex,
        trackName: t.name,
        itemIndex,
        clip: child,
        record: rec,
        recordIn: timecodeOf(rec.start.value, tl.rate),
        recordOut: timecodeOf(rec.start.value + rec.duration.value, tl.rate),
        sourceIn: srcIn >= 0 ? timecodeOf(srcIn, sr) : String(srcIn),
        sourceOut: srcIn + srcLen >= 0 ? timecodeOf(srcIn + srcLen, sr) : String(srcIn + srcLen),
        speed: speedOf(child),
      });
    });
  });
  rows.sort((a, b) => a.record.start.value - b.record.start.value || a.trackIndex - b.trackIndex);
  return rows.map((row, i) => {
    const listed = (row.clip.metadata['edl'] as { event?: unknown } | undefined)?.event;
    const n = typeof listed === 'number' && Number.isSafeInteger(listed) ? listed : i + 1;
    return { ...row, number: i + 1, id: String(n).padStart(3, '0') };
  });
}
