import { finding, type Finding, type FindingCode, type Where } from '../findings/index.ts';
import { formatFrameRate, formatRate, ratesEqual, timecodeOf, type FrameRate } from '../time/index.ts';
import { flattened, rangesInTrack, speedOf, type MediaRecord, type Timeline, type Track } from '../timeline/index.ts';
import { conformFramesAt, conformSourceLabel, conformTrackLabel, conformWhereOf, type ConformEvent } from './events.ts';
import { conformNeededRange, type ConformMatch } from './match.ts';
import { conformNameKey, conformReelKeys } from './names.ts';

/**
 * Checks: each a pure function with a stable id (the code it reports), a version bumped when
 * its behaviour changes, and the rule it enforces. `CONFORM_CHECKS` is the one registry.
 */

export interface ConformCheckContext {
  readonly timeline: Timeline;
  readonly events: readonly ConformEvent[];
  /** Events shorter than this many record frames are flash frames. */
  readonly flashFrames: number;
  /** Handles asked for on each side, in source frames. */
  readonly handles: number;
  /** One match per event (same order as `events`); only conform checks read it. */
  readonly matches?: readonly ConformMatch[];
  /** The online raster; else the timeline's own when its format carries one. */
  readonly raster?: { readonly width: number; readonly height: number };
  readonly file?: string;
}

export interface ConformCheck {
  readonly id: string;
  readonly version: number;
  /** The rule or spec clause enforced, shown with every finding. */
  readonly spec: string;
  /** `timeline`: lint on the list alone (`check`); `conform`: needs the matched media (`conform`). */
  readonly scope: 'timeline' | 'conform';
  /** Every code the check can report. */
  readonly codes: readonly FindingCode[];
  readonly run: (ctx: ConformCheckContext) => Finding[];
}

/** Declares a check; the identity function that gives the registry its type. */
export function defineCheck(check: ConformCheck): ConformCheck {
  return check;
}

const s = (n: number) => (n === 1 ? '' : 's');

function whereOf(ctx: ConformCheckContext, e: ConformEvent): Where {
  return conformWhereOf(ctx.timeline, e, ctx.file);
}

function recordLabel(tl: Timeline, frame: number): string {
  return timecodeOf(tl.globalStart.value + frame, tl.rate);
}

function percentOf(num: number, den: number): string {
  const p = (Math.abs(num) * 100) / den;
  return `${Number.isInteger(p) ? p : p.toFixed(2)}%`;
}

/** The identity of an event's source: its reel, else its file, else its clip name (folded). */
function sourceKey(e: ConformEvent): string {
  const c = e.clip;
  if (c.reel) return `R:${c.reel.trim().toUpperCase()}`;
  if (c.media.kind === 'external') return `F:${conformNameKey(c.media.url)}`;
  if (c.sourceFile) return `F:${conformNameKey(c.sourceFile)}`;
  return `N:${conformNameKey(c.name)}`;
}

const checkGap = defineCheck({
  id: 'CHECK_GAP',
  version: 1,
  spec: 'Turnover practice: the picture is continuous from first to last frame (no black holes)',
  scope: 'timeline',
  codes: ['CHECK_GAP'],
  run(ctx) {
    const tl = ctx.timeline;
    const picture = flattened(tl.tracks, tl.rate, 'picture');
    const ranges = rangesInTrack(picture, tl.rate);
    const out: Finding[] = [];
    picture.children.forEach((child, i) => {
      if (child.kind !== 'gap') return;
      const r = ranges[i]!;
      const start = r.start.value;
      const end = start + r.duration.value;
      out.push(
        finding('CHECK_GAP', { track: 'the picture', frames: end - start, from: recordLabel(tl, start), to: recordLabel(tl, end) }, {
          where: { ...(ctx.file ? { file: ctx.file } : {}), timeline: tl.name, track: 'picture', record: { in: recordLabel(tl, start), out: recordLabel(tl, end) }, frames: { start, end } },
          fix: 'fill the hole or close it up before turnover',
        }),
      );
    });
    return out;
  },
});

const checkFlash = defineCheck({
  id: 'CHECK_FLASH_FRAME',
  version: 1,
  spec: 'Turnover practice: no picture event shorter than the flash-frame limit',
  scope: 'timeline',
  codes: ['CHECK_FLASH_FRAME'],
  run(ctx) {
    return ctx.events
      .filter((e) => e.trackKind === 'video' && e.recordEnd - e.recordStart > 0 && e.recordEnd - e.recordStart < ctx.flashFrames)
      .map((e) =>
        finding('CHECK_FLASH_FRAME', { event: e.id, frames: e.recordEnd - e.recordStart, limit: ctx.flashFrames }, {
          where: whereOf(ctx, e),
          expected: `at least ${ctx.flashFrames} frames`,
          actual: `${e.recordEnd - e.recordStart} frame${s(e.recordEnd - e.recordStart)}`,
          fix: 'extend a neighbour over it or delete it, unless it is wanted',
        }),
      );
  },
});

const checkOverlap = defineCheck({
  id: 'CHECK_OVERLAP',
  version: 1,
  spec: 'Conform: an event on a higher video track covers the picture below it',
  scope: 'timeline',
  codes: ['CHECK_OVERLAP'],
  run(ctx) {
    const byTrack = new Map<number, ConformEvent[]>();
    const enabled = (e: ConformEvent) => e.clip.enabled && ctx.timeline.tracks[e.trackIndex]?.enabled !== false;
    for (const e of ctx.events) if (e.trackKind === 'video' && enabled(e)) (byTrack.get(e.trackIndex) ?? byTrack.set(e.trackIndex, []).get(e.trackIndex)!).push(e);
    const trackIds = [...byTrack.keys()].sort((a, b) => a - b);
    for (const list of byTrack.values()) list.sort((a, b) => a.recordStart - b.recordStart);
    const out: Finding[] = [];
    trackIds.forEach((ti, k) => {
      if (k === 0) return;
      for (const upper of byTrack.get(ti)!) {
        for (const lowerId of trackIds.slice(0, k)) {
          const lower = byTrack.get(lowerId)!;
          // First lower event ending after the upper one starts (events on a track do not overlap, so ends are sorted too).
          let lo = 0;
          let hi = lower.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (lower[mid]!.recordEnd <= upper.recordStart) lo = mid + 1;
            else hi = mid;
          }
          for (let i = lo; i < lower.length && lower[i]!.recordStart < upper.recordEnd; i++) {
            const l = lower[i]!;
            const frames = Math.min(l.recordEnd, upper.recordEnd) - Math.max(l.recordStart, upper.recordStart);
            if (frames <= 0) continue;
            out.push(finding('CHECK_OVERLAP', { event: upper.id, track: upper.trackName, under: l.id, underTrack: l.trackName, frames }, { where: whereOf(ctx, upper) }));
          }
        }
      }
    });
    return out;
  },
});

const checkDisabled = defineCheck({
  id: 'CHECK_ITEM_DISABLED',
  version: 1,
  spec: 'Turnover practice: what is not in the picture is not in the list',
  scope: 'timeline',
  codes: ['CHECK_ITEM_DISABLED'],
  run(ctx) {
    const out: Finding[] = [];
    ctx.timeline.tracks.forEach((t, ti) => {
      const name = conformTrackLabel(ctx.timeline, ti);
      if (!t.enabled) out.push(finding('CHECK_ITEM_DISABLED', { what: 'track', name }, { where: { ...(ctx.file ? { file: ctx.file } : {}), timeline: ctx.timeline.name, track: name, trackIndex: ti } }));
    });
    for (const e of ctx.events) {
      if (!e.clip.enabled) out.push(finding('CHECK_ITEM_DISABLED', { what: `event ${e.id}`, name: e.clip.name }, { where: whereOf(ctx, e), fix: 'delete it or enable it' }));
    }
    return out;
  },
});

const checkOffline = defineCheck({
  id: 'CHECK_MEDIA_OFFLINE',
  version: 1,
  spec: 'Conform: every event of a list that carries media references points at media',
  scope: 'timeline',
  codes: ['CHECK_MEDIA_OFFLINE'],
  run(ctx) {
    // A list that never names media (a CMX EDL) is not offline: it identifies sources by reel.
    if (!ctx.events.some((e) => e.clip.media.kind === 'external')) return [];
    return ctx.events
      .filter((e) => e.clip.media.kind === 'missing')
      .map((e) => finding('CHECK_MEDIA_OFFLINE', { event: e.id, clip: e.clip.name }, { where: whereOf(ctx, e), fix: 'relink the clip in the offline project and export again' }));
  },
});

const checkNested = defineCheck({
  id: 'CHECK_NESTED_SEQUENCE',
  version: 1,
  spec: 'Interchange: CMX 3600 and most conforms read one flat layer of clips per track',
  scope: 'timeline',
  codes: ['CHECK_NESTED_SEQUENCE'],
  run(ctx) {
    const out: Finding[] = [];
    const tl = ctx.timeline;
    const visit = (tracks: readonly Track[], path: string) =>
      tracks.forEach((t, ti) => {
        const name = path ? t.name || String(ti + 1) : conformTrackLabel(tl, ti);
        const ranges = rangesInTrack(t, tl.rate);
        t.children.forEach((item, i) => {
          if (item.kind !== 'stack') return;
          const r = ranges[i]!;
          const start = r.start.value;
          const end = start + r.duration.value;
          const where: Where = path
            ? { ...(ctx.file ? { file: ctx.file } : {}), timeline: tl.name, track: `${path} > ${name}` }
            : { ...(ctx.file ? { file: ctx.file } : {}), timeline: tl.name, track: name, trackIndex: ti, itemIndex: i, clip: item.name, record: { in: recordLabel(tl, start), out: recordLabel(tl, end) }, frames: { start, end } };
          out.push(finding('CHECK_NESTED_SEQUENCE', { name: item.name, track: name, tracks: item.children.length }, { where, fix: 'flatten the nest (or export its contents as their own list)' }));
          visit(item.children, path ? `${path} > ${item.name}` : item.name);
        });
      });
    visit(tl.tracks, '');
    return out;
  },
});

const checkEffects = defineCheck({
  id: 'CHECK_EFFECT_UNSUPPORTED',
  version: 1,
  spec: 'Conform: only cuts, dissolves and constant speed changes carry over; other effects are rebuilt in the online',
  scope: 'timeline',
  codes: ['CHECK_EFFECT_UNSUPPORTED'],
  run(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.events) {
      for (const fx of e.clip.effects) if (fx.kind === 'effect') out.push(finding('CHECK_EFFECT_UNSUPPORTED', { event: e.id, effect: fx.effectName || fx.name }, { where: whereOf(ctx, e) }));
      const edl = e.clip.metadata['edl'] as { avx?: readonly string[]; effectName?: string } | undefined;
      for (const avx of edl?.avx ?? []) out.push(finding('CHECK_EFFECT_UNSUPPORTED', { event: e.id, effect: avx }, { where: whereOf(ctx, e) }));
      if (edl?.effectName) out.push(finding('CHECK_EFFECT_UNSUPPORTED', { event: e.id, effect: edl.effectName }, { where: whereOf(ctx, e) }));
    }
    return out;
  },
});

const checkRates = defineCheck({
  id: 'CHECK_RATE_MIXED',
  version: 1,
  spec: 'Conform: sources at another rate are retimed by the host, frame for frame or in real time',
  scope: 'timeline',
  codes: ['CHECK_RATE_MIXED'],
  run(ctx) {
    const tl = ctx.timeline;
    const out: Finding[] = [];
    for (const e of ctx.events) {
      if (e.clip.media.kind === 'generator') continue;
      const r = e.clip.media.availableRange?.start.rate ?? e.clip.sourceRange.start.rate;
      if (ratesEqual(r, tl.rate)) continue;
      out.push(finding('CHECK_RATE_MIXED', { event: e.id, source: formatRate(r), timeline: formatFrameRate(tl.rate) }, { where: whereOf(ctx, e), expected: formatRate(tl.rate), actual: formatRate(r) }));
    }
    return out;
  },
});

const checkSpeed = defineCheck({
  id: 'CHECK_SPEED_CHANGE',
  version: 1,
  spec: 'Conform: a speed change reads a different source range than its record length',
  scope: 'timeline',
  codes: ['CHECK_SPEED_CHANGE', 'CHECK_REVERSE', 'CHECK_FREEZE_FRAME'],
  run(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.events) {
      const sp = speedOf(e.clip);
      if (sp.num === sp.den) continue;
      const rec = e.recordEnd - e.recordStart;
      const first = e.consumed.start.value;
      const end = first + e.consumed.duration.value;
      const where = whereOf(ctx, e);
      if (sp.num === 0) {
        out.push(finding('CHECK_FREEZE_FRAME', { event: e.id, frames: rec, sourceFrame: conformSourceLabel(first, e.sourceRate) }, { where }));
      } else if (sp.num < 0) {
        out.push(finding('CHECK_REVERSE', { event: e.id, percent: percentOf(sp.num, sp.den), sourceIn: conformSourceLabel(first, e.sourceRate), sourceOut: conformSourceLabel(end, e.sourceRate) }, { where }));
      } else {
        out.push(
          finding('CHECK_SPEED_CHANGE', { event: e.id, percent: percentOf(sp.num, sp.den), recordFrames: rec, sourceFrames: e.consumed.duration.value, sourceIn: conformSourceLabel(first, e.sourceRate), sourceOut: conformSourceLabel(end, e.sourceRate) }, { where }),
        );
      }
    }
    return out;
  },
});

const checkReuse = defineCheck({
  id: 'CHECK_SOURCE_REUSED',
  version: 1,
  spec: 'Editorial: the same source frames appear twice in the picture',
  scope: 'timeline',
  codes: ['CHECK_SOURCE_REUSED'],
  run(ctx) {
    const groups = new Map<string, ConformEvent[]>();
    for (const e of ctx.events) {
      if (e.trackKind !== 'video' || e.clip.media.kind === 'generator') continue;
      const k = sourceKey(e);
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(e);
    }
    const out: Finding[] = [];
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      list.sort((a, b) => a.consumed.start.value - b.consumed.start.value || a.recordStart - b.recordStart);
      let reach: ConformEvent | undefined;
      for (const e of list) {
        const start = e.consumed.start.value;
        const end = start + e.consumed.duration.value;
        if (reach) {
          const reachEnd = reach.consumed.start.value + reach.consumed.duration.value;
          const frames = Math.min(reachEnd, end) - start;
          if (frames > 0) {
            const [first, later] = reach.recordStart <= e.recordStart ? [reach, e] : [e, reach];
            out.push(
              finding('CHECK_SOURCE_REUSED', { event: later.id, other: first.id, source: e.clip.reel ?? e.clip.name, frames, sourceIn: conformSourceLabel(start, e.sourceRate), sourceOut: conformSourceLabel(start + frames, e.sourceRate) }, {
                where: whereOf(ctx, later),
              }),
            );
          }
          if (end > reachEnd) reach = e;
        } else reach = e;
      }
    }
    return out;
  },
});

const checkTransitions = defineCheck({
  id: 'CHECK_TRANSITION_MEDIA_SHORT',
  version: 1,
  spec: 'Conform: a transition reads frames past the cut from the clips on both sides (CMX 3600 dissolve); a side without a clip is a fade from or to black',
  scope: 'timeline',
  codes: ['CHECK_TRANSITION', 'CHECK_TRANSITION_MEDIA_SHORT'],
  run(ctx) {
    const tl = ctx.timeline;
    const out: Finding[] = [];
    const byItem = new Map<string, ConformEvent>();
    for (const e of ctx.events) byItem.set(`${e.trackIndex}:${e.row.itemIndex}`, e);
    tl.tracks.forEach((t, ti) => {
      const ranges = rangesInTrack(t, tl.rate);
      t.children.forEach((item, i) => {
        if (item.kind !== 'transition') return;
        const prev = byItem.get(`${ti}:${i - 1}`);
        const next = byItem.get(`${ti}:${i + 1}`);
        const at = ranges[i]!.start.value;
        const frames = item.inOffset.value + item.outOffset.value;
        const label = next?.id ?? prev?.id ?? String(i);
        const where: Where = next
          ? whereOf(ctx, next)
          : { ...(ctx.file ? { file: ctx.file } : {}), timeline: tl.name, track: conformTrackLabel(tl, ti), trackIndex: ti, itemIndex: i, record: { in: recordLabel(tl, at - item.inOffset.value), out: recordLabel(tl, at + item.outOffset.value) }, frames: { start: at - item.inOffset.value, end: at + item.outOffset.value } };
        out.push(finding('CHECK_TRANSITION', { event: label, type: item.transitionType, frames, from: prev?.clip.name ?? 'nothing', to: next?.clip.name ?? 'nothing' }, { where }));
        const short = (side: string, e: ConformEvent | undefined, needed: number, available: (ev: ConformEvent) => number | undefined) => {
          // A side with no clip is black: a fade needs no media there.
          if (needed <= 0 || !e) return;
          const have = available(e);
          if (have === undefined || have >= needed) return;
          out.push(finding('CHECK_TRANSITION_MEDIA_SHORT', { event: label, type: item.transitionType, side, needed, available: Math.max(0, have) }, { where, expected: `${needed} frames`, actual: `${Math.max(0, have)} frames`, fix: 'shorten the transition or pick a clip with media past the cut' }));
        };
        // The outgoing clip plays on past its out point; the incoming one starts before its in point.
        short('outgoing', prev, item.outOffset.value, (e) => {
          const a = e.clip.media.availableRange;
          if (!a) return undefined;
          return a.start.value + a.duration.value - conformFramesAt(e.consumed.start.value + e.consumed.duration.value, e.consumed.start.rate, a.start.rate);
        });
        short('incoming', next, item.inOffset.value, (e) => {
          const a = e.clip.media.availableRange;
          if (!a) return undefined;
          return conformFramesAt(e.consumed.start.value, e.consumed.start.rate, a.start.rate) - a.start.value;
        });
      });
    });
    return out;
  },
});

/** Head and tail handles of a matched event against its media, in media frames (negative = outside the media). */
export function conformHandlesOf(e: ConformEvent, r: MediaRecord): { head: number; tail: number } | undefined {
  const a = r.availableRange;
  if (!a) return undefined;
  const need = conformNeededRange(e, a.start.rate as FrameRate);
  return { head: need.start - a.start.value, tail: a.start.value + a.duration.value - need.end };
}

function mediaName(r: MediaRecord): string {
  return r.fileName ?? r.clipName ?? r.path ?? r.reel ?? 'the media';
}

function matched(ctx: ConformCheckContext): { e: ConformEvent; m: Extract<ConformMatch, { status: 'matched' }> }[] {
  const out: { e: ConformEvent; m: Extract<ConformMatch, { status: 'matched' }> }[] = [];
  ctx.events.forEach((e, i) => {
    const m = ctx.matches?.[i];
    if (m?.status === 'matched') out.push({ e, m });
  });
  return out;
}

const conformMissing = defineCheck({
  id: 'CONFORM_MEDIA_MISSING',
  version: 1,
  spec: 'Conform: every event finds its camera original',
  scope: 'conform',
  codes: ['CONFORM_MEDIA_MISSING'],
  run(ctx) {
    const out: Finding[] = [];
    ctx.events.forEach((e, i) => {
      const m = ctx.matches?.[i];
      if (m?.status !== 'missing' || e.clip.media.kind === 'generator') return;
      const tried = m.tried.map((r) => ({ path: 'path', file: 'file name', reel: 'reel', clip: 'clip name', timecode: 'source timecode' })[r]).join(', ');
      out.push(finding('CONFORM_MEDIA_MISSING', { event: e.id, clip: e.clip.name, reel: e.clip.reel ?? '', tried: tried || 'nothing (the event names no reel, file or clip)' }, { where: whereOf(ctx, e), fix: 'find the camera original (or ask for it) and add it to the media' }));
    });
    return out;
  },
});

const conformAmbiguous = defineCheck({
  id: 'CONFORM_MATCH_AMBIGUOUS',
  version: 1,
  spec: 'Conform: every event finds exactly one camera original',
  scope: 'conform',
  codes: ['CONFORM_MATCH_AMBIGUOUS'],
  run(ctx) {
    const out: Finding[] = [];
    ctx.events.forEach((e, i) => {
      const m = ctx.matches?.[i];
      if (m?.status !== 'ambiguous') return;
      out.push(
        finding('CONFORM_MATCH_AMBIGUOUS', { event: e.id, clip: e.clip.name, count: m.candidates.length, candidates: m.candidates.map((c) => mediaName(c.record)).join(', '), why: m.why }, {
          where: whereOf(ctx, e),
          expected: '1 candidate',
          actual: `${m.candidates.length} candidates`,
          fix: 'relink the event by hand, or add the file name or path to the list (export XML rather than EDL)',
        }),
      );
    });
    return out;
  },
});

const conformRange = defineCheck({
  id: 'CONFORM_SOURCE_OUT_OF_RANGE',
  version: 1,
  spec: 'Conform: the source range an event reads (speed and transitions included) lies inside its media',
  scope: 'conform',
  codes: ['CONFORM_SOURCE_OUT_OF_RANGE'],
  run(ctx) {
    const out: Finding[] = [];
    for (const { e, m } of matched(ctx)) {
      const h = conformHandlesOf(e, m.record);
      if (!h || (h.head >= 0 && h.tail >= 0)) continue;
      const a = m.record.availableRange!;
      const mr: FrameRate = m.record.rate ?? { ...a.start.rate, dropFrame: false };
      out.push(
        finding('CONFORM_SOURCE_OUT_OF_RANGE', { event: e.id, media: mediaName(m.record), head: Math.max(0, -h.head), tail: Math.max(0, -h.tail) }, {
          where: whereOf(ctx, e),
          expected: `inside ${timecodeOf(a.start.value, mr)}-${timecodeOf(a.start.value + a.duration.value, mr)}`,
          actual: `head ${h.head}, tail ${h.tail} frames`,
          fix: 'check the match (a wrong take?) or trim the event inside the media',
        }),
      );
    }
    return out;
  },
});

const conformHandles = defineCheck({
  id: 'CONFORM_HANDLES_SHORT',
  version: 1,
  spec: 'Turnover: the requested handles exist on each side of every event',
  scope: 'conform',
  codes: ['CONFORM_HANDLES_SHORT'],
  run(ctx) {
    const out: Finding[] = [];
    if (ctx.handles <= 0) return out;
    for (const { e, m } of matched(ctx)) {
      const h = conformHandlesOf(e, m.record);
      if (!h) continue;
      for (const [side, handle] of [['head', h.head], ['tail', h.tail]] as const) {
        if (handle < 0 || handle >= ctx.handles) continue;
        out.push(
          finding('CONFORM_HANDLES_SHORT', { event: e.id, side, handle, requested: ctx.handles, short: ctx.handles - handle }, {
            where: whereOf(ctx, e),
            expected: `${ctx.handles} frames`,
            actual: `${handle} frame${s(handle)}`,
            fix: side === 'head' ? 'move the in point later or accept the short handle' : 'move the out point earlier or accept the short handle',
          }),
        );
      }
    }
    return out;
  },
});

const conformRate = defineCheck({
  id: 'CONFORM_RATE_MISMATCH',
  version: 1,
  spec: 'Conform: the media runs at the rate the list reads it at (timecode base and pull-down)',
  scope: 'conform',
  codes: ['CONFORM_RATE_MISMATCH'],
  run(ctx) {
    const out: Finding[] = [];
    for (const { e, m } of matched(ctx)) {
      const mr = m.record.rate;
      if (!mr) continue;
      const lr = e.sourceRate;
      if (ratesEqual(mr, lr) && (mr.dropFrame === lr.dropFrame || !m.record.availableRange)) continue;
      out.push(finding('CONFORM_RATE_MISMATCH', { event: e.id, media: mediaName(m.record), expected: formatFrameRate(lr), actual: formatFrameRate(mr) }, { where: whereOf(ctx, e), expected: formatFrameRate(lr), actual: formatFrameRate(mr) }));
    }
    return out;
  },
});

/** The raster the online should have: the one given, else the timeline's (FCP7 XML, FCPXML). */
function rasterOf(ctx: ConformCheckContext): { width: number; height: number } | undefined {
  if (ctx.raster) return ctx.raster;
  for (const key of ['fcp7xml', 'fcpxml', 'otio']) {
    const m = ctx.timeline.metadata[key] as { width?: unknown; height?: unknown } | undefined;
    if (typeof m?.width === 'number' && typeof m.height === 'number') return { width: m.width, height: m.height };
  }
  return undefined;
}

const conformRaster = defineCheck({
  id: 'CONFORM_RASTER_MISMATCH',
  version: 1,
  spec: 'Conform: picture media has the online raster (no scaling in the conform)',
  scope: 'conform',
  codes: ['CONFORM_RASTER_MISMATCH'],
  run(ctx) {
    const want = rasterOf(ctx);
    if (!want) return [];
    const out: Finding[] = [];
    for (const { e, m } of matched(ctx)) {
      const r = m.record;
      if (e.trackKind !== 'video' || r.width === undefined || r.height === undefined) continue;
      if (r.width === want.width && r.height === want.height) continue;
      out.push(finding('CONFORM_RASTER_MISMATCH', { event: e.id, media: mediaName(r), expected: `${want.width}x${want.height}`, actual: `${r.width}x${r.height}` }, { where: whereOf(ctx, e), expected: `${want.width}x${want.height}`, actual: `${r.width}x${r.height}` }));
    }
    return out;
  },
});

const conformReel = defineCheck({
  id: 'CONFORM_REEL_DIFFERS',
  version: 1,
  spec: 'Conform: the reel the list names is the matched media\'s reel (8-character and camera-id forms agree)',
  scope: 'conform',
  codes: ['CONFORM_REEL_DIFFERS'],
  run(ctx) {
    const out: Finding[] = [];
    for (const { e, m } of matched(ctx)) {
      if (!e.clip.reel || !m.record.reel) continue;
      const mine = new Set(conformReelKeys(e.clip.reel));
      if (conformReelKeys(m.record.reel).some((k) => mine.has(k))) continue;
      out.push(finding('CONFORM_REEL_DIFFERS', { event: e.id, reel: e.clip.reel, mediaReel: m.record.reel, rule: m.rule }, { where: whereOf(ctx, e), expected: e.clip.reel, actual: m.record.reel }));
    }
    return out;
  },
});

/** Every check, in report order. Adding a check means adding it here. */
export const CONFORM_CHECKS: readonly ConformCheck[] = [
  checkGap,
  checkFlash,
  checkOverlap,
  checkDisabled,
  checkOffline,
  checkNested,
  checkEffects,
  checkRates,
  checkSpeed,
  checkReuse,
  checkTransitions,
  conformMissing,
  conformAmbiguous,
  conformRange,
  conformHandles,
  conformRate,
  conformRaster,
  conformReel,
];

/** Runs the registry's checks of the given scopes; each check's findings carry its spec in `rule`. */
export function conformRunChecks(ctx: ConformCheckContext, scopes: readonly ConformCheck['scope'][]): { findings: Finding[]; checks: { id: string; version: number; findings: number }[] } {
  const findings: Finding[] = [];
  const checks: { id: string; version: number; findings: number }[] = [];
  for (const c of CONFORM_CHECKS) {
    if (!scopes.includes(c.scope)) continue;
    // The spec reference rides on every finding as its rule.
    const got = c.run(ctx).map((f) => (f.rule ? f : { ...f, rule: c.spec }));
    findings.push(...got);
    checks.push({ id: c.id, version: c.version, findings: got.length });
  }
  return { findings, checks };
}
