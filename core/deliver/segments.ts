import { range, rescaledTo, rt, timecodeOf, type Rate } from '../time/index.ts';
import {
  clip as clipOf,
  consumedSourceRange,
  flattened,
  itemDurationFrames,
  speedOf,
  trackTrimmedToRange,
  type Clip,
  type Timeline,
  type Track,
  type TrackItem,
  type Transition,
} from '../timeline/index.ts';
import type { DeliverDissolveSide, DeliverMediaSegment, DeliverSegment, DeliverSource } from './model.ts';

/**
 * A cut as runs of source frames: what a renderer that can cut, retime, freeze and dissolve
 * reads, frame by frame. Record frames are at the timeline rate from the timeline's first frame.
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
  /** Edits it cannot make (wipes and other non-dissolve transitions, nested sequences, generators): what and where. */
  readonly unsupported: { what: string; recordIn: string }[];
}

/**
 * While a track is flattened, a dissolve stands in it as a generator clip of this kind (a
 * value private to this module) whose source range counts frames of the dissolve, so that
 * trimming to a range or covering by a higher track cuts it like any clip.
 */
const DISSOLVE_MARK = 'picturelock.deliver.dissolve';

/** One dissolve of a track, resolved: its sides as clips covering the whole dissolve. */
interface DissolveInfo {
  readonly transition: Transition;
  readonly trackName: string;
  /** Record frame (from the timeline start) of its first frame, and its length. */
  readonly start: number;
  readonly length: number;
  /** Each side over the whole dissolve; undefined = nothing there (a gap, the track's start or end). */
  readonly from?: { readonly clip: Clip; readonly clipStart: number };
  readonly to?: { readonly clip: Clip; readonly clipStart: number };
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
  readonly dissolves: DissolveInfo[];
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
  if (c.media.kind === 'generator' && c.media.generatorKind === DISSOLVE_MARK) return dissolveSegment(ctx, c, frames, audio);
  const s = sourceSegment(ctx, c, frames, at, audio);
  if (s.outside) {
    const o = s.outside;
    ctx.out.blockers.push(`${o.label} at ${o.recordIn} reads source frames ${o.start} to ${o.end} of ${o.path}, which holds ${o.length ?? '?'} frames`);
  }
  return s.segment;
}

interface SourceSegment {
  readonly segment: DeliverSegment;
  /** Set when the frames read lie outside the media: source frames from the file's first, and its length. */
  readonly outside?: { readonly label: string; readonly recordIn: string; readonly path: string; readonly start: number; readonly end: number; readonly length: number | undefined; readonly fileStart: number; readonly rate: Rate; readonly dropFrame: boolean };
}

/** A clip's frames as a segment, with blockers for missing media and unsupported edits; frames outside the media are returned, not blocked. */
function sourceSegment(ctx: Ctx, c: Clip, frames: number, at: number, audio: boolean): SourceSegment {
  const event = eventIdOf(c);
  const recordIn = recordLabel(ctx, at);
  const label = `${event ? `event ${event} ` : ''}(${c.name})`;
  if (c.media.kind === 'missing') {
    ctx.out.missing.push({ event: event || c.name, clip: c.name, recordIn });
    ctx.out.blockers.push(`${label} at ${recordIn} has no media${c.reel ? ` (reel ${c.reel})` : ''}`);
    return { segment: { kind: 'missing', frames, event: event || c.name, clip: c.name, ...(c.reel !== undefined ? { reel: c.reel } : {}), recordIn } };
  }
  if (c.media.kind === 'generator') {
    if (/^(black|slug)$/i.test(c.media.generatorKind)) return { segment: { kind: audio ? 'silence' : 'black', frames } };
    ctx.out.unsupported.push({ what: `${c.media.generatorKind} generator ${label}`, recordIn });
    ctx.out.blockers.push(`${label} at ${recordIn} is a ${c.media.generatorKind} generator`);
    return { segment: { kind: audio ? 'silence' : 'black', frames } };
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
  const dropFrame = c.media.metadata?.['dropFrame'] === true;
  const startFrame = avail ? rescaledTo(avail.start, srcRate, 'round') : undefined;
  const fileTc = avail ? timecodeOf(startFrame!, { ...srcRate, dropFrame }) : undefined;
  const source = ctx.sources.indexOf(path, c, startFrame, srcRate, fileTc);
  if (startFrame === undefined) {
    ctx.out.blockers.push(`${label} at ${recordIn}: the start timecode of ${path} is not known, so its frames cannot be found`);
    return { segment: { kind: 'media', frames, source, trim: { start: consumed.start.value, end: consumed.start.value + consumed.duration.value }, rate: srcRate, speed, event, clip: c.name } };
  }
  const start = consumed.start.value - startFrame;
  const end = start + consumed.duration.value;
  const length = avail ? rescaledTo(avail.duration, srcRate, 'floor') : undefined;
  const segment: DeliverMediaSegment = { kind: 'media', frames, source, trim: { start, end }, rate: { num: srcRate.num, den: srcRate.den }, speed, event, clip: c.name };
  if (start < 0 || (length !== undefined && end > length)) {
    return { segment, outside: { label, recordIn, path, start, end, length, fileStart: startFrame, rate: srcRate, dropFrame } };
  }
  return { segment };
}

/** Whether the standalone renderer mixes this transition: a dissolve (a linear cross-fade). */
function isDissolve(t: Transition): boolean {
  return /^(smpte_)?dissolve$|^cross dissolve$/i.test(t.transitionType.trim());
}

/** `24-frame dissolve on V1`: a transition for messages. */
function transitionWhat(t: Transition, frames: number, trackLabel: string): string {
  return `${frames}-frame ${t.transitionType.toLowerCase().replace(/^smpte_/, '')} on ${trackLabel}`;
}

function oneItemTrack(item: TrackItem, t: Track): Track {
  return { ...t, children: [item] };
}

/** Record frames `[from, to)` of a clip (0 = its first frame); frames past its ends read its handles. */
function clipPart(c: Clip, from: number, to: number, r: Rate): Clip {
  const sr = c.sourceRange;
  const speed = speedOf(c);
  const recordLen = rescaledTo(sr.duration, r, 'round');
  // Extend the clip at its head by `-from` record frames and at its tail by `to - recordLen`:
  // the source moves `speed` source frames for each record frame, whole frames floored.
  const head = Math.max(0, -from);
  const headSrc = rescaledTo(rt(head, r), sr.start.rate, 'round');
  const headCut = Math.sign(speed.num) * Math.floor((Math.abs(speed.num) * headSrc) / speed.den);
  const extendedLen = rescaledTo(rt(Math.max(recordLen, to) + head, r), sr.start.rate, 'round');
  const extended: Clip = { ...c, sourceRange: range(sr.start.value - headCut, extendedLen, sr.start.rate) };
  const t: Track = { kind: 'track', name: '', trackKind: 'video', children: [extended], enabled: true, markers: [], metadata: {} };
  return trackTrimmedToRange(t, from + head, to + head, r).children[0] as Clip;
}

/**
 * The track with every dissolve in it replaced by a stand-in clip (see `DISSOLVE_MARK`) and
 * its neighbours shortened by the frames the dissolve takes from them: `inOffset` from the
 * tail of the outgoing item, `outOffset` from the head of the incoming one. Other transitions,
 * and dissolves the renderer cannot mix, that touch record frames `[from, to)` are blockers.
 */
function withDissolves(ctx: Ctx, t: Track, from: number, to: number): Track {
  const r = ctx.tl.rate;
  if (!t.children.some((c) => c.kind === 'transition')) return t;
  const starts: number[] = [];
  let at = 0;
  for (const child of t.children) {
    starts.push(at);
    at += itemDurationFrames(child, r);
  }
  // First pass: which transitions are mixed, and the frames each neighbour gives up.
  const mixed = new Map<number, { inN: number; outN: number }>();
  const giveTail = new Map<number, number>();
  const giveHead = new Map<number, number>();
  t.children.forEach((child, i) => {
    if (child.kind !== 'transition') return;
    const inN = rescaledTo(child.inOffset, r, 'round');
    const outN = rescaledTo(child.outOffset, r, 'round');
    const length = inN + outN;
    const cut = starts[i]!;
    if (length === 0) return;
    const touches = cut + outN > from && cut - inN < to;
    const what = transitionWhat(child, length, t.name || t.trackKind);
    const recordIn = recordLabel(ctx, cut - inN);
    const block = (why: string, unsupported: string) => {
      if (!touches) return;
      ctx.out.unsupported.push({ what: unsupported, recordIn });
      ctx.out.blockers.push(`${what} at ${recordIn}${why}`);
    };
    if (!isDissolve(child)) return block('', what);
    const prev = t.children[i - 1];
    const next = t.children[i + 1];
    for (const n of [prev, next]) if (n?.kind === 'stack') return block(` mixes nested sequence ${n.name}`, `${what} with nested sequence ${n.name}`);
    if (next?.kind === 'transition' || prev?.kind === 'transition') return block(' touches another transition', `${what} next to another transition`);
    const prevLen = prev ? itemDurationFrames(prev, r) : 0;
    const nextLen = next ? itemDurationFrames(next, r) : 0;
    if (inN > prevLen || outN > nextLen) return block(` is longer than the ${inN > prevLen ? 'outgoing' : 'incoming'} item beside it`, `${what} longer than the item beside it`);
    mixed.set(i, { inN, outN });
    giveTail.set(i - 1, inN);
    giveHead.set(i + 1, outN);
  });
  // Second pass: the shortened items and the stand-ins.
  const out: TrackItem[] = [];
  t.children.forEach((child, i) => {
    if (child.kind === 'transition') {
      const m = mixed.get(i);
      if (!m) return;
      const sideOf = (item: TrackItem | undefined, itemStart: number, incoming: boolean): DissolveInfo['from'] => {
        if (!item || item.kind !== 'clip' || !item.enabled) return undefined;
        const len = itemDurationFrames(item, r);
        // The clip's frames under the dissolve, counted from its own first frame (past its ends: its handles).
        const part = incoming ? clipPart(item, -m.inN, m.outN, r) : clipPart(item, len - m.inN, len + m.outN, r);
        return { clip: part, clipStart: itemStart };
      };
      const a = sideOf(t.children[i - 1], i > 0 ? starts[i - 1]! : 0, false);
      const b = sideOf(t.children[i + 1], starts[i]!, true);
      const index = ctx.dissolves.length;
      const length = m.inN + m.outN;
      ctx.dissolves.push({ transition: child, trackName: t.name || t.trackKind, start: starts[i]! - m.inN, length, ...(a ? { from: a } : {}), ...(b ? { to: b } : {}) });
      out.push(clipOf({ name: child.name, sourceRange: range(0, length, r), media: { kind: 'generator', generatorKind: DISSOLVE_MARK, parameters: { index } } }));
      return;
    }
    const len = itemDurationFrames(child, r);
    const keepFrom = giveHead.get(i) ?? 0;
    const keepTo = len - (giveTail.get(i) ?? 0);
    if (keepTo < keepFrom) {
      // Two dissolves take more frames from this item than it has: no honest mix exists.
      const recordIn = recordLabel(ctx, starts[i]!);
      ctx.out.unsupported.push({ what: `overlapping dissolves on ${t.name || t.trackKind}`, recordIn });
      ctx.out.blockers.push(`the dissolves on both sides of the item at ${recordIn} on ${t.name || t.trackKind} overlap`);
    } else if (keepFrom === 0 && keepTo === len) out.push(child);
    else if (keepTo > keepFrom) out.push(trackTrimmedToRange(oneItemTrack(child, t), keepFrom, keepTo, r).children[0]!);
  });
  return { ...t, children: out };
}

/** `frames` record frames of a dissolve from the stand-in clip `c` (its source start is the offset into the dissolve). */
function dissolveSegment(ctx: Ctx, c: Clip, frames: number, audio: boolean): DeliverSegment {
  const params = c.media.kind === 'generator' ? c.media.parameters : undefined;
  const d = ctx.dissolves[Number(params?.['index'])]!;
  const offset = c.sourceRange.start.value;
  const recordIn = recordLabel(ctx, d.start);
  const what = transitionWhat(d.transition, d.length, d.trackName);
  const sideOf = (s: DissolveInfo['from'], role: 'outgoing' | 'incoming'): DeliverDissolveSide => {
    if (!s) return { kind: audio ? 'silence' : 'black', frames: d.length };
    const got = sourceSegment(ctx, s.clip, d.length, s.clipStart, audio);
    if (got.outside) {
      const o = got.outside;
      const tc = (f: number) => (f + o.fileStart >= 0 ? timecodeOf(f + o.fileStart, { ...o.rate, dropFrame: o.dropFrame }) : String(f + o.fileStart));
      const short = o.start < 0 ? -o.start : o.end - (o.length ?? o.end);
      const handle = role === 'outgoing' ? 'tail' : 'head';
      ctx.out.blockers.push(
        `${what} at ${recordIn}: the ${role} side ${o.label} reads source frames ${o.start} to ${o.end} (${tc(o.start)} to ${tc(o.end)}) of ${o.path}, which holds ${o.length ?? '?'} frames (${tc(0)} to ${o.length !== undefined ? tc(o.length) : '?'}): ${short} frame${short === 1 ? '' : 's'} of ${handle} handle missing for the dissolve`,
      );
    }
    const seg = got.segment;
    if (seg.kind === 'media' || seg.kind === 'black' || seg.kind === 'silence') return seg;
    return { kind: audio ? 'silence' : 'black', frames: d.length };
  };
  return { kind: 'dissolve', frames, offset, length: d.length, transition: d.transition.transitionType, recordIn, from: sideOf(d.from, 'outgoing'), to: sideOf(d.to, 'incoming') };
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
  const ctx: Ctx = { tl, origin: rescaledTo(tl.globalStart, tl.rate, 'round'), sources, out, dissolves: [] };
  if (what.picture) pictureSegments(ctx, from, to);
  for (const ti of what.audioTracks) {
    const t = withDissolves(ctx, tl.tracks[ti]!, from, to);
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
  const video = tl.tracks.filter((t) => t.trackKind === 'video' && t.enabled).map((t) => withDissolves(ctx, t, from, to));
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

/** Every run of source frames in a list of segments, the sides of dissolves included. */
export function deliverMediaSegmentsOf(list: readonly DeliverSegment[]): DeliverMediaSegment[] {
  const out: DeliverMediaSegment[] = [];
  for (const s of list) {
    if (s.kind === 'media') out.push(s);
    else if (s.kind === 'dissolve') for (const side of [s.from, s.to]) if (side.kind === 'media') out.push(side);
  }
  return out;
}
