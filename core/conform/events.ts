import { nominalFps, ratesEqual, rescaledTo, rt, timecodeOf, type FrameRate, type Rate, type TimeRange } from '../time/index.ts';
import { consumedSourceRange, eventsOf, sourceFrameRate, type Clip, type EventRow, type Timeline, type TrackKind } from '../timeline/index.ts';
import type { Where } from '../findings/index.ts';

/**
 * One clip of a timeline seen as a conform event. Record positions are frames at the timeline
 * rate counted from the timeline's first frame (0 = `globalStart`), `[start, end)`. Source
 * frames are at the clip's source rate, as timecode frame counts.
 */
export interface ConformEvent {
  /** The event as the list names it: the EDL event number (`007`), else the record-order number. */
  readonly id: string;
  readonly row: EventRow;
  readonly clip: Clip;
  readonly trackIndex: number;
  readonly trackName: string;
  readonly trackKind: TrackKind;
  readonly recordStart: number;
  readonly recordEnd: number;
  /** The source frames the clip really reads (speed, reverse and freeze applied). */
  readonly consumed: TimeRange;
  /** Extra source frames a transition reads before `consumed` (incoming side) and after it (outgoing side). */
  readonly transitionHead: number;
  readonly transitionTail: number;
  /** The source timecode counting (the timeline's when the rates match). */
  readonly sourceRate: FrameRate;
}

function eventLabel(row: EventRow): string {
  const edl = row.clip.metadata['edl'] as { event?: unknown } | undefined;
  const n = typeof edl?.event === 'number' ? edl.event : row.number;
  return String(n).padStart(3, '0');
}

/** A track's name, or `V2` / `A1` (counted within its kind) when the list leaves it unnamed (FCP7 XML). */
export function conformTrackLabel(tl: Timeline, trackIndex: number): string {
  const t = tl.tracks[trackIndex];
  if (!t) return '';
  if (t.name) return t.name;
  const n = tl.tracks.slice(0, trackIndex + 1).filter((x) => x.trackKind === t.trackKind).length;
  return `${t.trackKind === 'video' ? 'V' : 'A'}${n}`;
}

/** Every clip of the timeline as a conform event, in record order. */
export function conformEventsOf(tl: Timeline): ConformEvent[] {
  const rows = eventsOf(tl);
  const start = rescaledTo(tl.globalStart, tl.rate, 'round');
  // Transition needs, keyed by `track:item`: a transition borrows frames from both neighbours.
  const head = new Map<string, number>();
  const tail = new Map<string, number>();
  tl.tracks.forEach((t, ti) => {
    t.children.forEach((child, i) => {
      if (child.kind !== 'transition') return;
      const prev = t.children[i - 1];
      const next = t.children[i + 1];
      if (prev?.kind === 'clip') {
        const n = rescaledTo(child.outOffset, prev.sourceRange.start.rate, 'ceil');
        tail.set(`${ti}:${i - 1}`, (tail.get(`${ti}:${i - 1}`) ?? 0) + n);
      }
      if (next?.kind === 'clip') {
        const n = rescaledTo(child.inOffset, next.sourceRange.start.rate, 'ceil');
        head.set(`${ti}:${i + 1}`, (head.get(`${ti}:${i + 1}`) ?? 0) + n);
      }
    });
  });
  return rows.map((row) => {
    const track = tl.tracks[row.trackIndex]!;
    const key = `${row.trackIndex}:${row.itemIndex}`;
    return {
      id: eventLabel(row),
      row,
      clip: row.clip,
      trackIndex: row.trackIndex,
      trackName: conformTrackLabel(tl, row.trackIndex),
      trackKind: track.trackKind,
      recordStart: row.record.start.value - start,
      recordEnd: row.record.start.value - start + row.record.duration.value,
      consumed: consumedSourceRange(row.clip),
      transitionHead: head.get(key) ?? 0,
      transitionTail: tail.get(key) ?? 0,
      sourceRate: sourceFrameRate(row.clip, tl),
    };
  });
}

/**
 * Frames at `from` counted as frames at `to`. Timecode-based lists count labels, so two rates
 * with the same timecode base (24 and 23.976, both 24 labels a second) count the same frames;
 * other pairs are rescaled in real time, rounding down.
 */
export function conformFramesAt(frames: number, from: Rate, to: Rate): number {
  if (ratesEqual(from, to) || nominalFps(from) === nominalFps(to)) return frames;
  return rescaledTo(rt(frames, from), to, 'floor');
}

/** A source frame as a label, or the bare count when it is before 00:00:00:00. */
export function conformSourceLabel(frames: number, r: FrameRate): string {
  return frames >= 0 ? timecodeOf(frames, r) : String(frames);
}

/** Where a finding about the event is: track, event, clip, record and source labels, and record frames for the strip. */
export function conformWhereOf(tl: Timeline, e: ConformEvent, file?: string): Where {
  const endConsumed = e.consumed.start.value + e.consumed.duration.value;
  return {
    ...(file !== undefined ? { file } : {}),
    timeline: tl.name,
    track: e.trackName,
    trackIndex: e.trackIndex,
    itemIndex: e.row.itemIndex,
    event: e.id,
    clip: e.clip.name,
    record: { in: e.row.recordIn, out: e.row.recordOut },
    source: { in: conformSourceLabel(e.consumed.start.value, e.sourceRate), out: conformSourceLabel(endConsumed, e.sourceRate) },
    frames: { start: e.recordStart, end: e.recordEnd },
  };
}
