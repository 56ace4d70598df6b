import { rescaledTo, timecodeOf, type Rate } from '../time/index.ts';
import {
  consumedSourceRange,
  flattened,
  itemDurationFrames,
  speedOf,
  trackTrimmedToRange,
  type Clip,
  type Timeline,
  type Track,
} from '../timeline/index.ts';
import type { DeliverSegment, DeliverSource } from './model.ts';

/**
 * A cut as runs of source frames: what a renderer that can only cut, retime and freeze reads,
 * frame by frame. Record frames are at the timeline rate from the timeline's first frame.
 */

/** A `file://` URL (with or without `localhost`, percent-encoded) as a path; other strings as given. */
export function deliverPathOfUrl(url: string): string {
  const m = /^file:\/\/(?:localhost)?(\/.*)$/i.exec(url);
  if (!m) return url;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}

/** The sources a plan reads, numbered in the order first used (so the numbering is repeatable). */
export class DeliverSourceTable {
  readonly list: DeliverSource[] = [];
  private readonly byPath = new Map<string, number>();

  indexOf(path: string, clip: Clip, startFrame: number | undefined, rate: Rate | undefined, startTimecode: string | undefined): number {
    const found = this.byPath.get(path);
    if (found !== undefined) return found;
    const entry: DeliverSource = {
      path,
      ...(clip.reel !== undefined ? { reel: clip.reel } : {}),
      clip: clip.name,
      ...(startTimecode !== undefined ? { startTimecode } : {}),
      ...(startFrame !== undefined ? { startFrame } : {}),
      ...(rate ? { rate: { num: rate.num, den: rate.den } } : {}),
    };
    this.list.push(entry);
    this.byPath.set(path, this.list.length - 1);
    return this.list.length - 1;
  }
}

export interface DeliverSegmentsResult {
  readonly video: DeliverSegment[];
  readonly audio: DeliverSegment[][];
  /** Why a renderer of cuts cannot make these frames honestly. */
  readonly blockers: string[];
  /** Clips without media: event, clip, reel and record in. */
  readonly missing: { event: string; clip: string; recordIn: string }[];
  /** Edits it cannot make (transitions, nested sequences, generators): what and where. */
  readonly unsupported: { what: string; recordIn: string }[];
}

function eventIdOf(c: Clip): string {
  const edl = c.metadata['edl'] as { event?: unknown } | undefined;
  return typeof edl?.event === 'number' ? String(edl.event).padStart(3, '0') : typeof edl?.event === 'string' ? edl.event : '';
}

interface Ctx {
  readonly tl: Timeline;
  readonly origin: number;
  readonly sources: DeliverSourceTable;
  readonly out: DeliverSegmentsResult;
}

function recordLabel(ctx: Ctx, frame: number): string {
  return timecodeOf(ctx.origin + frame, ctx.tl.rate);
}

function pushMerged(list: DeliverSegment[], s: DeliverSegment): void {
  const prev = list[list.length - 1];
  if (prev && (prev.kind === 'black' || prev.kind === 'silence') && prev.kind === s.kind) list[list.length - 1] = { kind: s.kind, frames: prev.frames + s.frames };
  else list.push(s);
}

/** One clip as a segment; `at` is its record frame (from the timeline start) for messages. */
function clipSegment(ctx: Ctx, c: Clip, frames: number, at: number, audio: boolean): DeliverSegment | undefined {
  const event = eventIdOf(c);
  const recordIn = recordLabel(ctx, at);
  const label = `${event ? `event ${event} ` : ''}(${c.name})`;
  if (c.media.kind === 'missing') {
    ctx.out.missing.push({ event: event || c.name, clip: c.name, recordIn });
    ctx.out.blockers.push(`${label} at ${recordIn} has no media${c.reel ? ` (reel ${c.reel})` : ''}`);
    return { kind: 'missing', frames, event: event || c.name, clip: c.name, ...(c.reel !== undefined ? { reel: c.reel } : {}), recordIn };
  }
  if (c.media.kind === 'generator') {
    if (/^(black|slug)$/i.test(c.media.generatorKind)) return { kind: audio ? 'silence' : 'black', frames };
    ctx.out.unsupported.push({ what: `${c.media.generatorKind} generator ${label}`, recordIn });
    ctx.out.blockers.push(`${label} at ${recordIn} is a ${c.media.generatorKind} generator`);
    return { kind: audio ? 'silence' : 'black', frames };
  }
  const speed = speedOf(c);
  if (audio && !(speed.num === speed.den)) {
    ctx.out.unsupported.push({ what: `speed change on audio ${label}`, recordIn });
    ctx.out.blockers.push(`${label} at ${recordIn} changes the speed of audio`);
  }
  const consumed = consumedSourceRange(c);
  const path = deliverPathOfUrl(c.media.url);
  const avail = c.media.availableRange;
  const srcRate = consumed.start.rate;
  const startFrame = avail ? rescaledTo(avail.start, srcRate, 'round') : undefined;
  const fileTc = avail ? timecodeOf(startFrame!, { ...srcRate, dropFrame: c.media.metadata?.['dropFrame'] === true }) : undefined;
  const source = ctx.sources.indexOf(path, c, startFrame, srcRate, fileTc);
  if (startFrame === undefined) {
    ctx.out.blockers.push(`${label} at ${recordIn}: the start timecode of ${path} is not known, so its frames cannot be found`);
    return { kind: 'media', frames, source, trim: { start: consumed.start.value, end: consumed.start.value + consumed.duration.value }, rate: srcRate, speed, event, clip: c.name };
  }
  const start = consumed.start.value - startFrame;
  const end = start + consumed.duration.value;
  const length = avail ? rescaledTo(avail.duration, srcRate, 'floor') : undefined;
  if (start < 0 || (length !== undefined && end > length)) {
    ctx.out.blockers.push(`${label} at ${recordIn} reads source frames ${start} to ${end} of ${path}, which holds ${length ?? '?'} frames`);
  }
  return { kind: 'media', frames, source, trim: { start, end }, rate: { num: srcRate.num, den: srcRate.den }, speed, event, clip: c.name };
}

/** Transitions of `t` whose cut lies inside `[from, to)`: each one blocks a renderer of cuts. */
function transitionsIn(ctx: Ctx, t: Track, from: number, to: number): void {
  let at = 0;
  for (const child of t.children) {
    if (child.kind === 'transition') {
      const frames = rescaledTo(child.inOffset, ctx.tl.rate, 'round') + rescaledTo(child.outOffset, ctx.tl.rate, 'round');
      const start = at - rescaledTo(child.inOffset, ctx.tl.rate, 'round');
      if (at + rescaledTo(child.outOffset, ctx.tl.rate, 'round') > from && start < to) {
        const recordIn = recordLabel(ctx, start);
        const what = `${frames}-frame ${child.transitionType.toLowerCase().replace(/^smpte_/, '')} on ${t.name || t.trackKind}`;
        ctx.out.unsupported.push({ what, recordIn });
        ctx.out.blockers.push(`${what} at ${recordIn}`);
      }
    }
    at += itemDurationFrames(child, ctx.tl.rate);
  }
}

/**
 * The picture (topmost enabled video item per frame, gaps black) and each listed audio track
 * of record frames `[from, to)`, as segments.
 */
export function deliverSegmentsOf(
  tl: Timeline,
  from: number,
  to: number,
  what: { readonly picture: boolean; readonly audioTracks: readonly number[] },
  sources: DeliverSourceTable,
): DeliverSegmentsResult {
  const out: DeliverSegmentsResult = { video: [], audio: [], blockers: [], missing: [], unsupported: [] };
  const ctx: Ctx = { tl, origin: rescaledTo(tl.globalStart, tl.rate, 'round'), sources, out };
  if (what.picture) pictureSegments(ctx, from, to);
  for (const ti of what.audioTracks) {
    const t = tl.tracks[ti]!;
    transitionsIn(ctx, t, from, to);
    const list: DeliverSegment[] = [];
    let pos = 0;
    for (const child of trackTrimmedToRange(t, from, to, tl.rate).children) {
      const frames = itemDurationFrames(child, tl.rate);
      if (child.kind === 'gap' || (child.kind === 'clip' && !child.enabled)) pushMerged(list, { kind: 'silence', frames });
      else if (child.kind === 'clip') {
        const s = clipSegment(ctx, child, frames, from + pos, true);
        if (s) pushMerged(list, s);
      } else if (child.kind === 'stack') {
        const recordIn = recordLabel(ctx, from + pos);
        out.unsupported.push({ what: `nested sequence ${child.name}`, recordIn });
        out.blockers.push(`nested sequence ${child.name} at ${recordIn}`);
        pushMerged(list, { kind: 'silence', frames });
      }
      pos += frames;
    }
    if (pos < to - from) pushMerged(list, { kind: 'silence', frames: to - from - pos });
    out.audio.push(list);
  }
  return out;
}

function pictureSegments(ctx: Ctx, from: number, to: number): void {
  const { tl, out } = ctx;
  const video = tl.tracks.filter((t) => t.trackKind === 'video' && t.enabled);
  for (const t of video) transitionsIn(ctx, t, from, to);
  const picture = flattened(
    video.map((t) => trackTrimmedToRange(t, from, to, tl.rate)),
    tl.rate,
  );
  let at = 0;
  for (const child of picture.children) {
    const frames = itemDurationFrames(child, tl.rate);
    if (child.kind === 'gap') pushMerged(out.video, { kind: 'black', frames });
    else if (child.kind === 'clip') {
      const s = clipSegment(ctx, child, frames, from + at, false);
      if (s) pushMerged(out.video, s);
    } else if (child.kind === 'stack') {
      const recordIn = recordLabel(ctx, from + at);
      out.unsupported.push({ what: `nested sequence ${child.name}`, recordIn });
      out.blockers.push(`nested sequence ${child.name} at ${recordIn}`);
      pushMerged(out.video, { kind: 'black', frames });
    }
    at += frames;
  }
  if (at < to - from) pushMerged(out.video, { kind: 'black', frames: to - from - at });
}
