import { finding, type Finding, type FindingCode, type ParamsOf, type Where } from '../../findings/index.ts';
import {
  formatRate,
  frameRate,
  nearestStandardRate,
  parseTimecode,
  range,
  rescaledExactly,
  rescaledTo,
  rt,
  timeFromTicks,
  type FrameRate,
  type Rate,
} from '../../time/index.ts';
import type { Clip, Effect, Marker, MediaReference, Stack, Timeline, Track, TrackItem, TrackKind, Transition } from '../../timeline/index.ts';
import type { ReadOptions, ReadResult } from '../types.ts';
import { parseXmlSafely, xmlChild, xmlChildren, xmlText, type XmlNode, type XmlReadOptions } from '../xml.ts';
import { XMEML_DEFAULT_MARKER_COLOR, dfCapable, markerColorFromPpro, markerColorFromRgb, pathFromFileUrl, reduced, xmemlRate } from './common.ts';

/**
 * Reads Final Cut Pro 7 XML (xmeml v4/v5, as FCP7, Premiere Pro, Resolve and Hiero write it).
 *
 * Result shape: `ReadResult<Timeline[]>`, one Timeline per top-level `<sequence>` (directly under
 * `<xmeml>`, or inside `<project>`/`<bin>` `<children>`), in document order. Sequences that only
 * appear nested inside a clipitem become Stacks, not timelines. `value` is undefined only when
 * the XML could not be read at all; a well-formed xmeml without sequences gives `[]`.
 *
 * Time: record positions (`start`/`end`) are frames at the sequence rate counted from the
 * sequence start; `in`/`out` are frames at the clipitem's rate counted from the first frame of
 * the media (not its timecode). A Clip's `sourceRange.start` is the source TIMECODE frame:
 * the file's `<timecode><frame>` plus `in` (plus the frames a leading transition borrows).
 * `-1` as `start`/`end` means "at the neighbouring transition": the clip then spans the whole
 * transition in the XML, and the cut point comes from `cutPointTicks` (Premiere) or the
 * transition's `<alignment>`.
 *
 * Premiere writes a stereo track as two "exploded" channel tracks (`currentExplodedTrackIndex`
 * 0 and 1); the pair reads as one model track (metadata `fcp7xml.channelTracks: 2`) when the
 * second is a mirror of the first, otherwise both are kept (FCP7_STEREO_PAIR_DIFFERS).
 */

export interface Fcp7ReadOptions extends ReadOptions, Pick<XmlReadOptions, 'maxChars' | 'maxDepth' | 'maxElements'> {}

interface Ctx {
  readonly findings: Finding[];
  readonly file: string | undefined;
  readonly positionOf: (offset: number) => { line: number; column: number };
  readonly files: Map<string, XmlNode>;
  readonly sequences: Map<string, XmlNode>;
  readonly nesting: Set<string>;
  /** Media read once per `<file>` definition (its findings are reported once, too). */
  readonly media: Map<XmlNode, { media: MediaReference; tc: SourceTimecode | undefined }>;
  readonly fallbackRate: FrameRate | undefined;
}

function whereOf(ctx: Ctx, node: XmlNode | undefined, extra: Where = {}): Where {
  const p = node ? ctx.positionOf(node.offset) : undefined;
  return { ...(ctx.file !== undefined ? { file: ctx.file } : {}), ...(p ? { line: p.line, column: p.column } : {}), ...extra };
}

function report<C extends FindingCode>(ctx: Ctx, node: XmlNode | undefined, code: C, params: ParamsOf<C>, extra: Where = {}): void {
  ctx.findings.push(finding(code, params, { where: whereOf(ctx, node, extra) }));
}

export function readFcp7Xml(text: string, options: Fcp7ReadOptions = {}): ReadResult<Timeline[]> {
  const parsed = parseXmlSafely(text, {
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.maxChars !== undefined ? { maxChars: options.maxChars } : {}),
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    ...(options.maxElements !== undefined ? { maxElements: options.maxElements } : {}),
  });
  const findings: Finding[] = [...parsed.findings];
  const doc = parsed.value;
  if (!doc) return { value: undefined, findings };
  const ctx: Ctx = {
    findings,
    file: options.file,
    positionOf: doc.positionOf,
    files: new Map(),
    sequences: new Map(),
    nesting: new Set(),
    media: new Map(),
    fallbackRate: options.rate,
  };
  const root = doc.root;
  if (root.name !== 'xmeml') {
    report(ctx, root, 'FCP7_ROOT_NOT_XMEML', { root: root.name });
    return { value: undefined, findings };
  }
  indexDefinitions(root, ctx);
  const top: XmlNode[] = [];
  collectTopSequences(root, top);
  if (top.length === 0) report(ctx, root, 'FCP7_NO_SEQUENCE', {});
  const version = root.attrs['version'];
  const timelines = top.map((s) => readSequence(s, ctx, version));
  return { value: timelines, findings };
}

/** Every full `<file id>` and `<sequence id>` definition (the first one wins; later uses refer back by id). */
function indexDefinitions(root: XmlNode, ctx: Ctx): void {
  const stack: XmlNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i]!;
      if (c.children.length > 0) {
        const id = c.attrs['id'];
        if (id !== undefined) {
          if (c.name === 'file' && !ctx.files.has(id)) ctx.files.set(id, c);
          else if (c.name === 'sequence' && !ctx.sequences.has(id)) ctx.sequences.set(id, c);
        }
        stack.push(c);
      }
    }
  }
}

function collectTopSequences(node: XmlNode, out: XmlNode[]): void {
  for (const c of node.children) {
    if (c.name === 'sequence') out.push(c);
    else if (c.name === 'project' || c.name === 'bin' || c.name === 'children') collectTopSequences(c, out);
  }
}

// ---------------------------------------------------------------- numbers, rates, timecode

const INT = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A frame count; `1055.0` (Hiero) is accepted as 1055, other fractions are rounded with a finding. */
function intIn(ctx: Ctx, parent: XmlNode | undefined, name: string): number | undefined {
  const el = xmlChild(parent, name);
  if (!el) return undefined;
  const t = el.text.trim();
  if (INT.test(t)) return safeInt(ctx, el, name, Number(t));
  if (DECIMAL.test(t)) {
    const v = Math.round(Number(t));
    if (Number(t) !== v) report(ctx, el, 'FCP7_NUMBER_ROUNDED', { element: name, text: t, used: v });
    return safeInt(ctx, el, name, v);
  }
  report(ctx, el, 'FCP7_NUMBER_INVALID', { element: name, text: t.slice(0, 40) });
  return undefined;
}

function safeInt(ctx: Ctx, el: XmlNode, name: string, v: number): number | undefined {
  // Frame counts beyond 2^40 (more than a thousand years at 30 fps) are corrupt input.
  if (Math.abs(v) > 2 ** 40) {
    report(ctx, el, 'FCP7_NUMBER_INVALID', { element: name, text: el.text.trim().slice(0, 40) });
    return undefined;
  }
  return v;
}

function isTrue(text: string | undefined): boolean {
  return text !== undefined && /^(true|1|yes)$/i.test(text);
}

/** The `<rate>` child of an element as an exact rate, or undefined when absent or unusable. */
function rateIn(ctx: Ctx, parent: XmlNode | undefined): Rate | undefined {
  const rateEl = xmlChild(parent, 'rate');
  if (!rateEl) return undefined;
  const tbText = xmlText(rateEl, 'timebase');
  if (tbText === undefined) return undefined;
  const ntscText = xmlText(rateEl, 'ntsc') ?? 'FALSE';
  const ntsc = isTrue(ntscText);
  const tb = Number(tbText);
  if (INT.test(tbText) && tb > 0 && tb <= 1000) return xmemlRate(tb, ntsc);
  // Some writers put the decimal rate in <timebase> (23.976, 29.97): snap once, here.
  const snapped = Number.isFinite(tb) && tb > 0 ? nearestStandardRate(tb) : undefined;
  if (snapped) return snapped;
  report(ctx, rateEl, 'FCP7_RATE_INVALID', { timebase: tbText.slice(0, 20), ntsc: ntscText.slice(0, 10) });
  return undefined;
}

interface SourceTimecode {
  /** Frame of the first media frame, at `rate`. */
  readonly frame: number;
  readonly rate: Rate;
  readonly dropFrame: boolean;
  readonly reel?: string;
}

function readTimecode(ctx: Ctx, tcEl: XmlNode | undefined, fallback: Rate | undefined): SourceTimecode | undefined {
  if (!tcEl) return undefined;
  const r = rateIn(ctx, tcEl) ?? fallback;
  if (!r) return undefined;
  const df = (xmlText(tcEl, 'displayformat') ?? '').toUpperCase() === 'DF';
  const label = xmlText(tcEl, 'string');
  const reel = xmlText(tcEl, 'reel', 'name');
  const capable = dfCapable(r);
  if (df && !capable && label !== undefined) {
    report(ctx, tcEl, 'FCP7_TIMECODE_DF_NON_NTSC', { label, rate: formatRate(r) });
  }
  let frame = intIn(ctx, tcEl, 'frame');
  if (frame === undefined && label !== undefined) {
    const parsed = parseTimecode(label, frameRate(r.num, r.den, df && capable));
    if (parsed.ok) frame = parsed.value;
    else report(ctx, tcEl, 'FCP7_TIMECODE_INVALID', { text: label.slice(0, 40), reason: parsed.error.message });
  }
  return { frame: frame ?? 0, rate: r, dropFrame: df && capable, ...(reel ? { reel } : {}) };
}

/** Frames at `from` as frames at `to`, exact when possible, else rounded with a finding. */
function framesAt(ctx: Ctx, node: XmlNode | undefined, frames: number, from: Rate, to: Rate, what: string): number {
  if (from.num === to.num && from.den === to.den) return frames;
  const exact = rescaledExactly(rt(frames, from), to);
  if (exact !== undefined) return exact;
  report(ctx, node, 'FCP7_RATE_RESCALED', { what, from: formatRate(from), to: formatRate(to) });
  return rescaledTo(rt(frames, from), to, 'round');
}

/** A Premiere tick count (254016000000 a second) as the nearest frame at `r`. */
function ticksAt(text: string | undefined, r: Rate): number | undefined {
  if (text === undefined || !/^-?\d{1,20}$/.test(text)) return undefined;
  const t = timeFromTicks(BigInt(text), r, 'round');
  return t.ok ? t.value.value : undefined;
}

// ---------------------------------------------------------------- sequences and tracks

function attrsRecord(node: XmlNode, omit: readonly string[] = []): Record<string, string> | undefined {
  const keys = Object.keys(node.attrs).filter((k) => k !== 'id' && !omit.includes(k));
  if (keys.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = node.attrs[k]!;
  return out;
}

function labelsOf(node: XmlNode): Record<string, string> | undefined {
  const labels = xmlChild(node, 'labels');
  if (!labels) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const c of labels.children) {
    const v = c.text.trim();
    if (v !== '') {
      out[c.name] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out;
}

function sequenceRate(ctx: Ctx, seq: XmlNode): Rate {
  const r = rateIn(ctx, seq) ?? rateIn(ctx, xmlChild(seq, 'timecode'));
  if (r) return r;
  const used = ctx.fallbackRate ?? { num: 24, den: 1 };
  report(ctx, seq, 'FCP7_RATE_MISSING', { element: 'sequence', used: formatRate(used) });
  return used;
}

function readSequence(seq: XmlNode, ctx: Ctx, version: string | undefined): Timeline {
  const r = sequenceRate(ctx, seq);
  const tc = readTimecode(ctx, xmlChild(seq, 'timecode'), r);
  const dropFrame = tc?.dropFrame === true && dfCapable(r);
  const rate = frameRate(r.num, r.den, dropFrame);
  const startFrame = tc ? framesAt(ctx, seq, tc.frame, tc.rate, r, 'the sequence timecode') : 0;
  const tracks = readSequenceTracks(seq, r, ctx);
  const markers = readMarkers(ctx, seq, r, 0);
  const format = xmlChild(xmlChild(xmlChild(xmlChild(seq, 'media'), 'video'), 'format'), 'samplecharacteristics');
  const width = Number(xmlText(format, 'width'));
  const height = Number(xmlText(format, 'height'));
  const meta = compact({
    width: Number.isInteger(width) && width > 0 ? width : undefined,
    height: Number.isInteger(height) && height > 0 ? height : undefined,
    version,
    sequenceId: seq.attrs['id'],
    uuid: xmlText(seq, 'uuid'),
    attributes: attrsRecord(seq),
    labels: labelsOf(seq),
  });
  return {
    kind: 'timeline',
    name: xmlText(seq, 'name') ?? '',
    rate,
    globalStart: rt(startFrame, rate),
    tracks,
    markers,
    metadata: Object.keys(meta).length > 0 ? { fcp7xml: meta } : {},
  };
}

function readSequenceTracks(seq: XmlNode, r: Rate, ctx: Ctx): Track[] {
  const media = xmlChild(seq, 'media');
  const video = xmlChildren(xmlChild(media, 'video'), 'track').map((t) => readTrack(t, 'video', r, ctx));
  const audioRaw = xmlChildren(xmlChild(media, 'audio'), 'track').map((t) => readTrack(t, 'audio', r, ctx));
  return [...video.map((t) => t.track), ...mergedExplodedPairs(audioRaw, ctx)];
}

interface ReadTrack {
  readonly node: XmlNode;
  readonly track: Track;
  /** Name and record span of each clip, to tell a channel companion track from an unrelated one. */
  readonly spans: readonly { readonly name: string; readonly start: number; readonly end: number }[];
}

/** True when every clip of `other` has a same-named clip on `primary` whose record span overlaps it. */
function isChannelCompanion(primary: ReadTrack, other: ReadTrack): boolean {
  return other.spans.every((s) => primary.spans.some((p) => p.name === s.name && p.start < s.end && s.start < p.end));
}

function mergedExplodedPairs(tracks: readonly ReadTrack[], ctx: Ctx): Track[] {
  const out: Track[] = [];
  let i = 0;
  while (i < tracks.length) {
    const first = tracks[i]!;
    const total = Number(first.node.attrs['totalExplodedTrackCount'] ?? '1');
    const index = Number(first.node.attrs['currentExplodedTrackIndex'] ?? '0');
    if (!(total > 1 && index === 0)) {
      const meta = { ...((first.track.metadata['fcp7xml'] as Record<string, unknown> | undefined) ?? {}), channelTracks: 1 };
      out.push({ ...first.track, metadata: { ...first.track.metadata, fcp7xml: meta } });
      i++;
      continue;
    }
    let n = 1;
    const kept: Track[] = [];
    while (n < total && i + n < tracks.length) {
      const t = tracks[i + n]!;
      if (Number(t.node.attrs['currentExplodedTrackIndex'] ?? '-1') !== n) break;
      if (!isChannelCompanion(first, t)) {
        report(ctx, t.node, 'FCP7_STEREO_PAIR_DIFFERS', { track: `A${i + n + 1}` });
        kept.push({ ...t.track, metadata: { ...t.track.metadata, fcp7xml: { ...((t.track.metadata['fcp7xml'] as Record<string, unknown> | undefined) ?? {}), channelTracks: 1 } } });
      }
      n++;
    }
    const meta = { ...((first.track.metadata['fcp7xml'] as Record<string, unknown> | undefined) ?? {}), channelTracks: n - kept.length };
    out.push({ ...first.track, metadata: { ...first.track.metadata, fcp7xml: meta } });
    out.push(...kept);
    i += n;
  }
  return out;
}

const EXPLODED_ATTRS = ['currentExplodedTrackIndex', 'totalExplodedTrackCount'];

interface TransitionInfo {
  readonly start: number;
  readonly end: number;
  readonly cut: number;
  readonly item: Transition;
}

function readTrack(node: XmlNode, kind: TrackKind, r: Rate, ctx: Ctx): ReadTrack {
  const elements = node.children.filter((c) => c.name === 'clipitem' || c.name === 'transitionitem' || c.name === 'generatoritem');
  const transitions = new Map<XmlNode, TransitionInfo>();
  for (const el of elements) if (el.name === 'transitionitem') {
    const t = readTransition(el, r, ctx);
    if (t) transitions.set(el, t);
  }
  const children: TrackItem[] = [];
  const spans: { name: string; start: number; end: number }[] = [];
  let cursor = 0;
  const pushGap = (upTo: number): void => {
    if (upTo > cursor) children.push({ kind: 'gap', name: '', sourceRange: range(0, upTo - cursor, r), markers: [], metadata: {} });
  };
  elements.forEach((el, i) => {
    if (el.name === 'transitionitem') {
      const t = transitions.get(el);
      if (!t) return;
      pushGap(t.cut);
      cursor = Math.max(cursor, t.cut);
      children.push(t.item);
      return;
    }
    const prevEl = elements[i - 1];
    const nextEl = elements[i + 1];
    const prevT = prevEl?.name === 'transitionitem' ? transitions.get(prevEl) : undefined;
    const nextT = nextEl?.name === 'transitionitem' ? transitions.get(nextEl) : undefined;
    const read = readItem(el, kind, r, prevT, nextT, ctx);
    if (!read) return;
    let { recStart } = read;
    if (recStart < cursor) {
      // Premiere writes overlapping clips on an exploded channel track (the outgoing clip runs
      // on under a video dissolve). The later clip's start is kept, as it plays there; the
      // earlier clip's tail is cut, or when that is a transition, the later clip's head.
      report(ctx, el, 'FCP7_ITEM_OVERLAP', { name: read.item.name, start: recStart, previousEnd: cursor });
      const last = children[children.length - 1];
      if (last && (last.kind === 'clip' || last.kind === 'stack') && last.sourceRange && cursor - recStart < rescaledTo(last.sourceRange.duration, r, 'round')) {
        children[children.length - 1] = trimmedTail(last, cursor - recStart, r);
        cursor = recStart;
      } else recStart = cursor;
    }
    if (read.recEnd <= recStart) return;
    pushGap(recStart);
    const item = recStart === read.recStart ? read.item : trimmedHead(read.item, recStart - read.recStart, r);
    children.push(item);
    cursor = read.recEnd;
    spans.push({ name: read.item.name, start: recStart, end: read.recEnd });
  });
  const name = xmlText(node, 'name');
  const meta = compact({ attributes: attrsRecord(node, EXPLODED_ATTRS), locked: isTrue(xmlText(node, 'locked')) ? true : undefined });
  const track: Track = {
    kind: 'track',
    name: name ?? '',
    trackKind: kind,
    children,
    enabled: xmlText(node, 'enabled') === undefined || isTrue(xmlText(node, 'enabled')),
    markers: [],
    metadata: Object.keys(meta).length > 0 ? { fcp7xml: meta } : {},
  };
  return { node, track, spans };
}

/** The item with `frames` record frames removed from its tail. */
function trimmedTail(item: Clip | Stack, frames: number, r: Rate): Clip | Stack {
  const sr = item.sourceRange;
  if (!sr) return item;
  const f = rescaledTo(rt(frames, r), sr.start.rate, 'round');
  return { ...item, sourceRange: range(sr.start.value, Math.max(0, sr.duration.value - f), sr.start.rate) };
}

/** The item with `frames` record frames removed from its head (after an overlap finding). */
function trimmedHead(item: Clip | Stack, frames: number, r: Rate): Clip | Stack {
  const sr = item.sourceRange;
  if (!sr) return item;
  const f = rescaledTo(rt(frames, r), sr.start.rate, 'round');
  return { ...item, sourceRange: range(sr.start.value + f, Math.max(0, sr.duration.value - f), sr.start.rate) };
}

function readTransition(el: XmlNode, r: Rate, ctx: Ctx): TransitionInfo | undefined {
  const start = intIn(ctx, el, 'start');
  const end = intIn(ctx, el, 'end');
  if (start === undefined || end === undefined || end < start) {
    report(ctx, el, 'FCP7_ITEM_BOUNDS_MISSING', { name: 'transitionitem', reason: 'its <start>/<end> are missing or reversed' });
    return undefined;
  }
  const len = end - start;
  const alignment = (xmlText(el, 'alignment') ?? 'center').toLowerCase();
  let inFrames: number | undefined;
  const ticksText = xmlText(el, 'cutPointTicks');
  if (ticksText !== undefined && /^\d+$/.test(ticksText)) {
    const t = timeFromTicks(BigInt(ticksText), r, 'round');
    if (t.ok && t.value.value >= 0 && t.value.value <= len) inFrames = t.value.value;
  }
  if (inFrames === undefined) {
    if (alignment.startsWith('start')) inFrames = 0;
    else if (alignment.startsWith('end')) inFrames = len;
    else inFrames = Math.floor(len / 2);
  }
  const effect = xmlChild(el, 'effect');
  const effectName = xmlText(effect, 'name') ?? 'Cross Dissolve';
  const effectId = xmlText(effect, 'effectid');
  const category = xmlText(effect, 'effectcategory');
  const wipecode = xmlText(effect, 'wipecode');
  const isWipe = /wipe/i.test(category ?? '') || (wipecode !== undefined && wipecode !== '0');
  const isDissolve = /dissolve/i.test(`${category ?? ''} ${effectId ?? ''} ${effectName}`);
  const transitionType = isWipe ? 'wipe' : isDissolve ? 'dissolve' : effectName;
  const item: Transition = {
    kind: 'transition',
    name: effectName,
    transitionType,
    inOffset: rt(inFrames, r),
    outOffset: rt(len - inFrames, r),
    metadata: {
      fcp7xml: compact({
        alignment,
        effectId,
        effectCategory: category,
        effectType: xmlText(effect, 'effecttype'),
        mediaType: xmlText(effect, 'mediatype'),
        wipeCode: wipecode,
      }),
    },
  };
  return { start, end, cut: start + inFrames, item };
}

// ---------------------------------------------------------------- clip items

interface ReadItem {
  readonly item: Clip | Stack;
  readonly recStart: number;
  readonly recEnd: number;
}

function readItem(el: XmlNode, kind: TrackKind, r: Rate, prevT: TransitionInfo | undefined, nextT: TransitionInfo | undefined, ctx: Ctx): ReadItem | undefined {
  const name = xmlText(el, 'name') ?? '';
  const clipRate = rateIn(ctx, el) ?? r;
  const start = intIn(ctx, el, 'start');
  const end = intIn(ctx, el, 'end');
  // Premiere writes pproTicksIn/Out beside in/out; they stand in when in/out are missing.
  const inF = intIn(ctx, el, 'in') ?? ticksAt(xmlText(el, 'pproTicksIn'), clipRate);
  const outF = intIn(ctx, el, 'out') ?? ticksAt(xmlText(el, 'pproTicksOut'), clipRate);
  // The span the XML gives the item, including the frames a transition overlaps.
  const fullStart = start !== undefined && start !== -1 ? start : prevT?.start;
  const fullEnd = end !== undefined && end !== -1 ? end : nextT?.end;
  let recStart = start !== undefined && start !== -1 ? start : prevT?.cut;
  let recEnd = end !== undefined && end !== -1 ? end : nextT?.cut;
  const srcLen = inF !== undefined && outF !== undefined ? outF - inF : undefined;
  const srcLenRec = srcLen !== undefined ? framesAt(ctx, el, srcLen, clipRate, r, `"${name}" in/out`) : undefined;
  if (recStart === undefined && recEnd !== undefined && srcLenRec !== undefined) recStart = recEnd - srcLenRec;
  if (recEnd === undefined && recStart !== undefined && srcLenRec !== undefined) recEnd = recStart + srcLenRec;
  if (recStart === undefined || recEnd === undefined) {
    report(ctx, el, 'FCP7_ITEM_BOUNDS_MISSING', { name, reason: 'its record <start>/<end> are missing and no transition or in/out places it' });
    return undefined;
  }
  const spanStart = fullStart ?? recStart;
  const spanEnd = fullEnd ?? recEnd;

  const { effects, speed, reverse } = readFilters(el, name, srcLen, spanEnd - spanStart, clipRate, r, ctx);
  const markers = readMarkers(ctx, el, clipRate, 0);
  const enabled = xmlText(el, 'enabled') === undefined || isTrue(xmlText(el, 'enabled'));

  // Frames the item borrows before its cut, in source frames at the clip rate (speed applied).
  const headRec = recStart - spanStart;
  const headSrc = Math.round(framesAt(ctx, el, headRec, r, clipRate, `"${name}" transition head`) * Math.abs(speed.num / speed.den));
  const duration = framesAt(ctx, el, recEnd - recStart, r, clipRate, `"${name}" record length`);

  const meta: Record<string, unknown> = compact({
    clipitemId: el.attrs['id'],
    masterClipId: xmlText(el, 'masterclipid'),
    attributes: attrsRecord(el, ['premiereChannelType']),
    labels: labelsOf(el),
  });

  const nestedRef = xmlChild(el, 'sequence');
  if (nestedRef) {
    const stack = readNested(nestedRef, name, ctx);
    const startInNested = (inF ?? 0) + headSrc;
    const out: Stack = {
      ...stack,
      sourceRange: range(startInNested, duration, clipRate),
      enabled,
      markers,
      effects,
      metadata: Object.keys(meta).length > 0 ? { fcp7xml: meta } : {},
    };
    return { item: out, recStart, recEnd };
  }

  const { media, tc } = readMedia(el, name, kind, ctx);
  const tcFrames = tc ? framesAt(ctx, el, tc.frame, tc.rate, clipRate, `"${name}" source timecode`) : 0;
  const first = reverse ? tcFrames + (outF ?? 0) - 1 - headSrc : tcFrames + (inF ?? 0) + headSrc;
  const markersInSource = markers.map((m) => ({ ...m, markedRange: range(m.markedRange.start.value + tcFrames, m.markedRange.duration.value, clipRate) }));
  const sourceFile = media.kind === 'external' ? media.name : undefined;
  const clip: Clip = {
    kind: 'clip',
    name,
    sourceRange: range(first, duration, clipRate),
    media,
    ...(tc?.reel ? { reel: tc.reel } : {}),
    ...(sourceFile ? { sourceFile } : {}),
    enabled,
    markers: markersInSource,
    effects,
    metadata: Object.keys(meta).length > 0 ? { fcp7xml: meta } : {},
  };
  return { item: clip, recStart, recEnd };
}

function readNested(ref: XmlNode, name: string, ctx: Ctx): Stack {
  const id = ref.attrs['id'];
  const def = ref.children.length > 0 ? ref : id !== undefined ? ctx.sequences.get(id) : undefined;
  const base = { kind: 'stack' as const, name, children: [] as Track[], enabled: true, markers: [] as Marker[], effects: [] as Effect[], metadata: {} };
  if (!def) {
    report(ctx, ref, 'FCP7_REFERENCE_UNKNOWN', { element: 'sequence', id: id ?? '' });
    return base;
  }
  const key = id ?? `@${def.offset}`;
  if (ctx.nesting.has(key)) {
    report(ctx, ref, 'FCP7_NESTING_CYCLE', { id: key });
    return base;
  }
  ctx.nesting.add(key);
  const r = sequenceRate(ctx, def);
  const children = readSequenceTracks(def, r, ctx);
  ctx.nesting.delete(key);
  return { ...base, children };
}

function readMedia(el: XmlNode, name: string, kind: TrackKind, ctx: Ctx): { media: MediaReference; tc: SourceTimecode | undefined } {
  if (el.name === 'generatoritem') {
    const effect = xmlChild(el, 'effect');
    const generatorKind = xmlText(effect, 'effectid') ?? xmlText(effect, 'name') ?? 'generator';
    const parameters: Record<string, unknown> = {};
    for (const p of xmlChildren(effect, 'parameter')) {
      const pid = xmlText(p, 'parameterid') ?? xmlText(p, 'name');
      const value = xmlChild(p, 'value');
      if (pid === undefined || !value) continue;
      parameters[pid] = value.children.length > 0 ? Object.fromEntries(value.children.map((c) => [c.name, c.text.trim()])) : value.text.trim();
    }
    const meta = compact({ effectName: xmlText(effect, 'name'), effectCategory: xmlText(effect, 'effectcategory'), mediaType: xmlText(effect, 'mediatype') ?? kind });
    return {
      media: { kind: 'generator', generatorKind, name, ...(Object.keys(parameters).length > 0 ? { parameters } : {}), metadata: { fcp7xml: meta } },
      tc: undefined,
    };
  }
  const ref = xmlChild(el, 'file');
  if (!ref) return { media: { kind: 'missing', name }, tc: undefined };
  const id = ref.attrs['id'];
  const def = ref.children.length > 0 ? ref : id !== undefined ? ctx.files.get(id) : undefined;
  if (!def) {
    report(ctx, ref, 'FCP7_REFERENCE_UNKNOWN', { element: 'file', id: id ?? '' });
    return { media: { kind: 'missing', name }, tc: undefined };
  }
  const cached = ctx.media.get(def);
  if (cached) return cached;
  const read = readFileMedia(def, id, ctx);
  ctx.media.set(def, read);
  return read;
}

function readFileMedia(def: XmlNode, id: string | undefined, ctx: Ctx): { media: MediaReference; tc: SourceTimecode | undefined } {
  const fileRate = rateIn(ctx, def);
  const tc = readTimecode(ctx, xmlChild(def, 'timecode'), fileRate);
  const fileName = xmlText(def, 'name');
  const durationFrames = intIn(ctx, def, 'duration');
  const availRate = tc?.rate ?? fileRate;
  const available =
    availRate && durationFrames !== undefined && fileRate
      ? range(tc?.frame ?? 0, framesAt(ctx, def, durationFrames, fileRate, availRate, `file "${fileName ?? ''}" duration`), availRate)
      : undefined;
  const url = xmlText(def, 'pathurl');
  const mediaSource = xmlText(def, 'mediaSource');
  const audio = xmlChild(xmlChild(def, 'media'), 'audio');
  const video = xmlPathSample(def);
  const meta = compact({
    fileId: id,
    path: url ? pathFromFileUrl(url) : undefined,
    rate: fileRate && (!availRate || fileRate.num !== availRate.num || fileRate.den !== availRate.den) ? fileRate : undefined,
    dropFrame: tc?.dropFrame ? true : undefined,
    sourceTimecode: tc && !available ? { frame: tc.frame, rate: tc.rate } : undefined,
    width: video.width,
    height: video.height,
    audioChannels: audio ? intIn(ctx, audio, 'channelcount') : undefined,
  });
  const common = { ...(fileName !== undefined ? { name: fileName } : {}), ...(available ? { availableRange: available } : {}) };
  if (url) return { media: { kind: 'external', url, ...common, metadata: { fcp7xml: meta, ...(tc?.dropFrame ? { dropFrame: true } : {}) } }, tc };
  if (mediaSource) return { media: { kind: 'generator', generatorKind: mediaSource, ...common, metadata: { fcp7xml: meta } }, tc };
  return { media: { kind: 'missing', ...common, metadata: { fcp7xml: meta } }, tc };
}

function xmlPathSample(file: XmlNode): { width?: number; height?: number } {
  const sc = xmlChild(xmlChild(xmlChild(file, 'media'), 'video'), 'samplecharacteristics');
  const w = Number(xmlText(sc, 'width'));
  const h = Number(xmlText(sc, 'height'));
  return { ...(Number.isInteger(w) && w > 0 ? { width: w } : {}), ...(Number.isInteger(h) && h > 0 ? { height: h } : {}) };
}

/**
 * Filters: the Time Remap filter (`effectid` timeremap; parameters `speed` in percent,
 * `reverse`, `variablespeed`) becomes a linearTimeWarp whose exact scalar is measured from the
 * frames themselves: (out - in) source frames over the record span, both as time. The `speed`
 * parameter is cross-checked against it. Other filters are kept as named effects.
 */
function readFilters(
  el: XmlNode,
  name: string,
  srcLen: number | undefined,
  recLen: number,
  clipRate: Rate,
  r: Rate,
  ctx: Ctx,
): { effects: Effect[]; speed: { num: number; den: number }; reverse: boolean } {
  const effects: Effect[] = [];
  let speed = { num: 1, den: 1 };
  let reverse = false;
  for (const filter of xmlChildren(el, 'filter')) {
    const effect = xmlChild(filter, 'effect');
    if (!effect) continue;
    const effectId = xmlText(effect, 'effectid') ?? '';
    const effectName = xmlText(effect, 'name') ?? effectId;
    if (effectId.toLowerCase() !== 'timeremap') {
      effects.push({
        kind: 'effect',
        name: effectName,
        effectName: effectId,
        metadata: { fcp7xml: compact({ effectCategory: xmlText(effect, 'effectcategory'), effectType: xmlText(effect, 'effecttype'), mediaType: xmlText(effect, 'mediatype'), enabled: filterEnabled(filter) }) },
      });
      continue;
    }
    const param = (id: string): string | undefined => {
      const p = xmlChildren(effect, 'parameter').find((x) => (xmlText(x, 'parameterid') ?? xmlText(x, 'name')) === id);
      return p ? xmlText(p, 'value') : undefined;
    };
    reverse = isTrue(param('reverse'));
    if (param('variablespeed') === '1') report(ctx, effect, 'FCP7_SPEED_VARIABLE', { name });
    const pct = Number(param('speed') ?? '100');
    let magnitude: { num: number; den: number };
    if (pct === 0) magnitude = { num: 0, den: 1 };
    else if (srcLen !== undefined && recLen > 0) {
      // (srcLen / clipRate) / (recLen / r), reduced.
      magnitude = reducedBig(BigInt(srcLen) * BigInt(clipRate.den) * BigInt(r.num), BigInt(recLen) * BigInt(clipRate.num) * BigInt(r.den));
      const measuredPct = (100 * magnitude.num) / magnitude.den;
      if (Number.isFinite(pct) && Math.abs(Math.abs(pct) - measuredPct) > Math.max(0.5, Math.abs(pct) * 0.01)) {
        report(ctx, effect, 'FCP7_SPEED_MISMATCH', { name, parameter: String(pct), measured: measuredPct.toFixed(2) });
      }
    } else {
      magnitude = decimalRatio(Math.abs(pct) / 100);
    }
    speed = reverse ? { num: -magnitude.num, den: magnitude.den } : magnitude;
    const meta = { fcp7xml: compact({ speedParameter: param('speed'), enabled: filterEnabled(filter) }) };
    if (magnitude.num === 0) effects.unshift({ kind: 'freezeFrame', name: effectName, metadata: meta });
    else if (speed.num !== speed.den) effects.unshift({ kind: 'linearTimeWarp', name: effectName, timeScalar: speed, metadata: meta });
  }
  return { effects, speed: speed.num === 0 ? { num: 1, den: 1 } : speed, reverse };
}

function filterEnabled(filter: XmlNode): boolean | undefined {
  const t = xmlText(filter, 'enabled');
  return t === undefined ? undefined : isTrue(t);
}

function reducedBig(n: bigint, d: bigint): { num: number; den: number } {
  let a = n < 0n ? -n : n;
  let b = d < 0n ? -d : d;
  while (b) [a, b] = [b, a % b];
  const g = a || 1n;
  return { num: Number(n / g), den: Number(d / g) };
}

/** A decimal (from a percent parameter) as an exact fraction of its written digits. */
function decimalRatio(v: number): { num: number; den: number } {
  if (!Number.isFinite(v)) return { num: 1, den: 1 };
  let den = 1;
  while (den < 1e6 && Math.round(v * den) !== v * den) den *= 10;
  return reduced(Math.round(v * den), den);
}

// ---------------------------------------------------------------- markers

/** Markers of an element; `in`/`out` are frames at `r` (out -1 = a point marker), shifted by `offset`. */
function readMarkers(ctx: Ctx, parent: XmlNode, r: Rate, offset: number): Marker[] {
  const out: Marker[] = [];
  for (const m of xmlChildren(parent, 'marker')) {
    const inF = intIn(ctx, m, 'in');
    if (inF === undefined) continue;
    const outF = intIn(ctx, m, 'out');
    const duration = outF !== undefined && outF > inF ? outF - inF : 0;
    const comment = xmlText(m, 'comment');
    const ppro = xmlText(m, 'pproColor');
    const colorEl = xmlChild(m, 'color');
    let color = XMEML_DEFAULT_MARKER_COLOR;
    const meta: Record<string, unknown> = {};
    if (ppro !== undefined && /^\d+$/.test(ppro)) {
      color = markerColorFromPpro(Number(ppro));
      meta['pproColor'] = ppro;
    } else if (colorEl) {
      const c = (k: string): number => Number(xmlText(colorEl, k) ?? '0') || 0;
      color = markerColorFromRgb(c('red'), c('green'), c('blue'));
      meta['rgb'] = [c('red'), c('green'), c('blue')];
    }
    out.push({
      name: xmlText(m, 'name') ?? '',
      color,
      markedRange: range(inF + offset, duration, r),
      ...(comment ? { note: comment } : {}),
      ...(Object.keys(meta).length > 0 ? { metadata: { fcp7xml: meta } } : {}),
    });
  }
  return out;
}
