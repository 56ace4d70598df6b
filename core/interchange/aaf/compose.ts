import { frameRate, isDropFrameCapable, range, rescaledTo, rt, type FrameRate, type Rate, type RationalTime } from '../../time/index.ts';
import {
  clip as makeClip,
  gap as makeGap,
  stack as makeStack,
  timeline as makeTimeline,
  track as makeTrack,
  MARKER_COLORS,
  type Effect,
  type Marker,
  type MarkerColor,
  type MediaReference,
  type Ratio,
  type Timeline,
  type Track,
  type TrackItem,
  type TrackKind,
} from '../../timeline/index.ts';
import type { AafMeta, AafValue } from './meta.ts';
import { u32At, type AafObject, type AafStore } from './store.ts';

/**
 * AAF compositions to timelines.
 *
 * - Which mobs: every CompositionMob whose UsageCode is `Usage_TopLevel` (what Media
 *   Composer and Premiere show as a sequence; a nested sequence exported with it is
 *   `Usage_LowerLevel` and is read where it is used). A file with no top-level mob falls
 *   back to compositions with no UsageCode, then to its MasterMobs (a master-clip AAF),
 *   one timeline each, with a finding.
 * - Tracks: TimelineMobSlots whose data definition is Picture (video) or Sound (audio),
 *   numbered by PhysicalTrackNumber, named by SlotName or V1/A1. Each slot keeps its own
 *   edit rate; the timeline rate is the first picture slot's (else the first sound slot's).
 *   A slot Origin > 0 drops the frames before it.
 * - Start: the timecode slot with the lowest PhysicalTrackNumber whose segment is a plain
 *   Timecode (Avid also writes pulled-down auxiliary timecode tracks); its Start, at that
 *   slot's rate, is the timeline's global start and its Drop flag the counting.
 * - Components: SourceClip -> Clip (or a Stack when it plays a CompositionMob), Filler ->
 *   Gap, Transition -> Transition with the neighbours cut at CutPoint (AAF overlaps them by
 *   the full length; the model meets them at the cut), OperationGroup -> a speed effect,
 *   a named effect, or a Stack (Submaster, nested sequence), Selector -> its selected
 *   segment, or its first alternate disabled when Avid muted the clip (`_DISABLE_CLIP_FLAG`).
 * - Sources: SourceClip -> MasterMob -> file SourceMob -> tape/import SourceMob, position
 *   carried down each hop (StartTime plus the offset inside the segment, rescaled per slot
 *   rate). Clip name = the first mob's name; reel = the TapeDescriptor mob's name, else the
 *   ImportDescriptor mob's; source start = the deepest timecode in the chain plus the
 *   position there (what Avid shows as source timecode); media URL = the master mob's
 *   "UNC Path" comment, else the first NetworkLocator down the chain.
 * - Markers: DescriptiveMarkers and CommentMarkers in event slots become timeline markers
 *   in record frames (0 = the sequence start) with the track(s) they describe.
 */

const PID = {
  ComponentDataDefinition: 0x0201,
  Length: 0x0202,
  UserComments: 0x0204,
  EventPosition: 0x0601,
  EventComment: 0x0602,
  Operation: 0x0b01,
  InputSegments: 0x0b02,
  Parameters: 0x0b03,
  NestedSlots: 0x0c01,
  Selected: 0x0f01,
  Alternates: 0x0f02,
  Components: 0x1001,
  SourceID: 0x1101,
  SourceMobSlotID: 0x1102,
  StartTime: 0x1201,
  TcStart: 0x1501,
  TcFps: 0x1502,
  TcDrop: 0x1503,
  TransitionOp: 0x1801,
  CutPoint: 0x1802,
  Mobs: 0x1901,
  EssenceData: 0x1902,
  ControlValue: 0x1a02,
  ControlTime: 0x1a03,
  DefId: 0x1b01,
  DefName: 0x1b02,
  IsTimeWarp: 0x1e02,
  DictParameterDefs: 0x2604,
  EssenceChoices: 0x0501,
  Locator: 0x2f01,
  HeaderContent: 0x3b03,
  HeaderDictionary: 0x3b04,
  UrlString: 0x4001,
  MobId: 0x4401,
  MobName: 0x4402,
  Slots: 0x4403,
  MobUserComments: 0x4406,
  UsageCode: 0x4408,
  EssenceDescription: 0x4701,
  SlotId: 0x4801,
  SlotName: 0x4802,
  Segment: 0x4803,
  PhysicalTrackNumber: 0x4804,
  EventEditRate: 0x4901,
  EditRate: 0x4b01,
  Origin: 0x4b02,
  ParamDefinition: 0x4c01,
  ConstantValue: 0x4d01,
  PointList: 0x4e02,
  TaggedName: 0x5001,
  TaggedValue: 0x5003,
  DescribedSlots: 0x6102,
} as const;

/** Nesting depth of components and nested compositions at most. */
const MAX_DEPTH = 48;
/** Mobs followed from one clip towards its source at most. */
const MAX_SOURCE_HOPS = 32;

interface Ctx {
  readonly s: AafStore;
  readonly m: AafMeta;
  readonly mobs: ReadonlyMap<string, string>;
  readonly paramNames: ReadonlyMap<string, string>;
  /** CompositionMobs being expanded right now (a composition that plays itself is a loop). */
  readonly active: Set<string>;
  /** The clip name when a MasterMob is read as a timeline (its clips are its own slots). */
  masterName?: string;
}

/** One item of a track before transitions are settled: AAF lengths, not yet cut at the cut point. */
type Raw = { readonly item: TrackItem } | { readonly transition: AafObject; readonly length: number };

function isZeroId(hex: string | undefined): boolean {
  return !hex || /^0*$/.test(hex);
}

function rateOf(r: { num: number; den: number } | undefined): Rate | undefined {
  return r && r.num > 0 && r.den > 0 ? { num: r.num, den: r.den } : undefined;
}

function taggedValues(ctx: Ctx, list: readonly AafObject[]): Record<string, AafValue> {
  const out: Record<string, AafValue> = {};
  for (const tv of list) {
    const name = ctx.s.str(tv, PID.TaggedName);
    if (name === undefined) continue;
    out[name] = ctx.m.indirect(ctx.s.data(tv, PID.TaggedValue)) ?? null;
  }
  return out;
}

function attributes(ctx: Ctx, obj: AafObject, listName: string): Record<string, AafValue> {
  const pid = ctx.m.pid(listName);
  return pid === undefined ? {} : taggedValues(ctx, ctx.s.refs(obj, pid));
}

/** Baseline data definition AUIDs (as stored) for picture and sound, current and legacy. */
const PICTURE_DEFS = new Set(['0202030100010000060e2b3404010101', 'e18c3c6fef6cd211807d006008143e6f', '32a7cb05aa1dd31180ad006008143e6f']);
const SOUND_DEFS = new Set(['0202030100020000060e2b3404010101', 'e1ebe178ef6cd211807d006008143e6f']);

function dataKind(ctx: Ctx, seg: AafObject | undefined): 'video' | 'audio' | 'timecode' | 'marker' | 'other' {
  const key = ctx.s.weakKey(seg, PID.ComponentDataDefinition) ?? '';
  if (PICTURE_DEFS.has(key)) return 'video';
  if (SOUND_DEFS.has(key)) return 'audio';
  const def = ctx.s.weak(seg, PID.ComponentDataDefinition, 'the data definition');
  // Premiere spells them DataDef_Picture / DataDef_Sound.
  const name = (ctx.s.str(def, PID.DefName) ?? '').replace(/^DataDef_/i, '');
  if (/^(Picture|PictureWithMatte|LegacyPicture)$/i.test(name)) return 'video';
  if (/^(Sound|LegacySound)$/i.test(name)) return 'audio';
  if (/timecode/i.test(name)) return 'timecode';
  if (/descriptive/i.test(name)) return 'marker';
  return 'other';
}

function operationName(ctx: Ctx, op: AafObject | undefined): { name: string; timeWarp: boolean } {
  const def = ctx.s.weak(op, PID.Operation, 'the operation definition');
  const name = ctx.s.str(def, PID.DefName) ?? 'Effect';
  return { name, timeWarp: ctx.s.bool(def, PID.IsTimeWarp) ?? /motion control|timewarp|speed/i.test(name) };
}

// ---------------------------------------------------------------- sources

interface Hop {
  readonly mob: AafObject;
  readonly slot: AafObject;
  /** Position inside the slot, at the slot's edit rate. */
  readonly pos: RationalTime;
}

function slotById(ctx: Ctx, mob: AafObject, id: number): AafObject | undefined {
  return ctx.s.refs(mob, PID.Slots).find((sl) => ctx.s.u32(sl, PID.SlotId) === id);
}

/** The SourceClip under position `p` of a segment (a Sequence's component there, an effect's first input ...). */
function sourceClipAt(ctx: Ctx, seg: AafObject | undefined, p: number, depth = 0): { sc: AafObject; offset: number } | undefined {
  if (!seg || depth > 8) return undefined;
  const m = ctx.m;
  if (m.isA(seg, 'SourceClip')) return { sc: seg, offset: p };
  if (m.isA(seg, 'Sequence')) {
    let at = 0;
    for (const c of ctx.s.refs(seg, PID.Components)) {
      const len = ctx.s.i64(c, PID.Length) ?? 0;
      if (m.isA(c, 'Transition')) {
        at -= len;
        continue;
      }
      if (p < at + len) return sourceClipAt(ctx, c, p - at, depth + 1);
      at += len;
    }
    return undefined;
  }
  if (m.isA(seg, 'OperationGroup')) return sourceClipAt(ctx, ctx.s.refs(seg, PID.InputSegments)[0], p, depth + 1);
  if (m.isA(seg, 'EssenceGroup')) return sourceClipAt(ctx, ctx.s.refs(seg, PID.EssenceChoices)[0], p, depth + 1);
  if (m.isA(seg, 'Selector')) return sourceClipAt(ctx, ctx.s.ref(seg, PID.Selected), p, depth + 1);
  return undefined;
}

/** Follows a SourceClip's reference down the mob chain. */
function sourceChain(ctx: Ctx, mobId: string, slotId: number, start: RationalTime): Hop[] {
  const hops: Hop[] = [];
  const seen = new Set<string>();
  let cur: { id: string; slot: number; pos: RationalTime } | undefined = { id: mobId, slot: slotId, pos: start };
  while (cur && hops.length < MAX_SOURCE_HOPS) {
    const key = `${cur.id}:${cur.slot}`;
    const path = ctx.mobs.get(cur.id);
    if (!path) {
      // Past the first hop, a source chain ending outside the file is common (the tape or
      // the original file mob was not exported): an info, the clip keeps what was found.
      if (hops.length > 0) ctx.s.report('AAF_REFERENCE_UNRESOLVED', { from: hops[hops.length - 1]!.mob.path, what: 'the mob', key: cur.id }, 'info');
      break;
    }
    if (seen.has(key)) {
      ctx.s.report('AAF_REFERENCE_LOOP', { path });
      break;
    }
    seen.add(key);
    const mob = ctx.s.object(path);
    const slot: AafObject | undefined = mob ? slotById(ctx, mob, cur.slot) : undefined;
    if (!mob || !slot) break;
    const slotRate: Rate = rateOf(ctx.s.rational(slot, PID.EditRate)) ?? cur.pos.rate;
    const pos = rt(rescaledTo(cur.pos, slotRate, 'floor'), slotRate);
    hops.push({ mob, slot, pos });
    const hit = sourceClipAt(ctx, ctx.s.ref(slot, PID.Segment), pos.value);
    const next = hit ? ctx.s.hex(hit.sc, PID.SourceID) : undefined;
    if (!hit || isZeroId(next)) break;
    cur = { id: next!, slot: ctx.s.u32(hit.sc, PID.SourceMobSlotID) ?? 0, pos: rt((ctx.s.i64(hit.sc, PID.StartTime) ?? 0) + hit.offset, slotRate) };
  }
  return hops;
}

/** The first plain Timecode of a mob (lowest PhysicalTrackNumber), with its slot's rate. */
function timecodeOf(ctx: Ctx, mob: AafObject): { start: RationalTime; fps: number; drop: boolean } | undefined {
  let best: { n: number; start: RationalTime; fps: number; drop: boolean } | undefined;
  for (const sl of ctx.s.refs(mob, PID.Slots)) {
    let seg = ctx.s.ref(sl, PID.Segment);
    if (ctx.m.isA(seg, 'Sequence')) seg = ctx.s.refs(seg, PID.Components).find((c) => ctx.m.isA(c, 'Timecode'));
    if (!ctx.m.isA(seg, 'Timecode')) continue;
    const r = rateOf(ctx.s.rational(sl, PID.EditRate));
    const start = ctx.s.i64(seg, PID.TcStart);
    if (!r || start === undefined) continue;
    const n = ctx.s.u32(sl, PID.PhysicalTrackNumber) ?? 0;
    if (!best || n < best.n) best = { n, start: rt(start, r), fps: ctx.s.u16(seg, PID.TcFps) ?? 0, drop: ctx.s.bool(seg, PID.TcDrop) ?? false };
  }
  return best;
}

function userComment(ctx: Ctx, mob: AafObject, name: string): string | undefined {
  const v = taggedValues(ctx, ctx.s.refs(mob, PID.MobUserComments))[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function locatorUrl(ctx: Ctx, mob: AafObject): string | undefined {
  const desc = ctx.s.ref(mob, PID.EssenceDescription);
  for (const loc of ctx.s.refs(desc, PID.Locator)) {
    const url = ctx.s.str(loc, PID.UrlString);
    if (url) return url;
  }
  return undefined;
}

function baseName(url: string): string {
  let tail = url.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? url;
  try {
    tail = decodeURIComponent(tail);
  } catch {
    // A stray % that is not an escape: the name stays as written.
  }
  return tail;
}

interface Source {
  readonly name: string;
  readonly reel?: string;
  readonly url?: string;
  readonly sourceFile?: string;
  /** Source start at the clip's rate: the source timecode of its first frame. */
  readonly start: number;
  readonly dropFrame: boolean;
  readonly metadata: Record<string, unknown>;
}

function resolveSource(ctx: Ctx, mobId: string, slotId: number, start: RationalTime, fallbackName: string): Source {
  const hops = sourceChain(ctx, mobId, slotId, start);
  const first = hops[0];
  if (!first) return { name: fallbackName, start: start.value, dropFrame: false, metadata: { mobId } };
  const r = start.rate;
  const name = fallbackName || (ctx.s.str(first.mob, PID.MobName) ?? '');
  let reel: string | undefined;
  let originalFile: string | undefined;
  let url: string | undefined;
  // Avid's "UNC Path" comment holds the file as the editing system saw it (a POSIX path or a
  // Windows \\server\share path): a file URL with forward slashes.
  const unc = userComment(ctx, first.mob, 'UNC Path');
  if (unc) url = `file://${unc.replace(/\\/g, '/')}`;
  const mobComments = taggedValues(ctx, ctx.s.refs(first.mob, PID.MobUserComments));
  let tc: { hop: Hop; tc: NonNullable<ReturnType<typeof timecodeOf>> } | undefined;
  for (const hop of hops) {
    const desc = ctx.s.ref(hop.mob, PID.EssenceDescription);
    if (ctx.m.isA(desc, 'TapeDescriptor')) reel = ctx.s.str(hop.mob, PID.MobName);
    if (ctx.m.isA(desc, 'ImportDescriptor')) {
      reel ??= ctx.s.str(hop.mob, PID.MobName);
      originalFile ??= locatorUrl(ctx, hop.mob);
    }
    url ??= locatorUrl(ctx, hop.mob);
    const t = timecodeOf(ctx, hop.mob);
    if (t) tc = { hop, tc: t };
  }
  const last = tc?.hop ?? hops[hops.length - 1]!;
  const startFrames = (tc ? rescaledTo(tc.tc.start, r, 'floor') : 0) + rescaledTo(last.pos, r, 'floor');
  const file = originalFile ?? url;
  return {
    name,
    ...(reel ? { reel } : {}),
    ...(url ? { url } : {}),
    ...(file ? { sourceFile: baseName(file) } : {}),
    start: startFrames,
    dropFrame: tc?.tc.drop ?? false,
    metadata: {
      mobId,
      ...(Object.keys(mobComments).length ? { userComments: mobComments } : {}),
      ...(originalFile ? { originalFile } : {}),
      ...(tc ? { sourceTimecode: { mob: ctx.s.str(tc.hop.mob, PID.MobName) ?? '', start: tc.tc.start.value, fps: tc.tc.fps, drop: tc.tc.drop } } : {}),
      chain: hops.map((h) => ({ mob: ctx.s.str(h.mob, PID.MobName) ?? '', kind: ctx.m.className(h.mob), descriptor: ctx.m.className(ctx.s.ref(h.mob, PID.EssenceDescription)) })),
    },
  };
}

// ---------------------------------------------------------------- components

function gapOf(frames: number, r: Rate, name = ''): TrackItem {
  return makeGap(Math.max(0, frames), r, { name });
}

function lengthOf(ctx: Ctx, c: AafObject): number {
  return Math.max(0, ctx.s.i64(c, PID.Length) ?? 0);
}

/** A SourceClip as a clip (or a Stack when it plays another composition). */
function sourceClipItem(ctx: Ctx, sc: AafObject, r: Rate, length: number, effects: readonly Effect[], enabled: boolean, depth: number): TrackItem {
  const id = ctx.s.hex(sc, PID.SourceID);
  const startTime = ctx.s.i64(sc, PID.StartTime) ?? 0;
  if (isZeroId(id)) return gapOf(length, r);
  const path = ctx.mobs.get(id!);
  const mob = path ? ctx.s.object(path) : undefined;
  if (mob && ctx.m.isA(mob, 'CompositionMob')) {
    const slotId = ctx.s.u32(sc, PID.SourceMobSlotID) ?? 0;
    const nested = compositionTracks(ctx, mob, depth + 1, slotId);
    return makeStack({
      name: ctx.s.str(mob, PID.MobName) ?? '',
      children: nested.tracks,
      sourceRange: range(startTime, length, r),
      enabled,
      effects,
      metadata: { aaf: { mobId: id } },
    });
  }
  if (!mob) ctx.s.report('AAF_SOURCE_UNRESOLVED', { clip: sc.path, mobId: id! });
  const src = resolveSource(ctx, id!, ctx.s.u32(sc, PID.SourceMobSlotID) ?? 0, rt(startTime, r), ctx.masterName ?? '');
  const media: MediaReference = src.url
    ? { kind: 'external', url: src.url, name: src.name, metadata: { dropFrame: src.dropFrame && isDropFrameCapable(r) } }
    : { kind: 'missing', name: src.name, metadata: { dropFrame: src.dropFrame && isDropFrameCapable(r) } };
  const comments = taggedValues(ctx, ctx.s.refs(sc, PID.UserComments));
  return makeClip({
    name: src.name,
    sourceRange: range(src.start, length, r),
    media,
    enabled,
    effects,
    ...(src.reel !== undefined ? { reel: src.reel } : {}),
    ...(src.sourceFile !== undefined ? { sourceFile: src.sourceFile } : {}),
    metadata: { aaf: { ...src.metadata, slotId: ctx.s.u32(sc, PID.SourceMobSlotID) ?? 0, startTime, ...(Object.keys(comments).length ? { clipComments: comments } : {}) } },
  });
}

function ratioOf(v: AafValue | undefined): Ratio | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['Numerator'] === 'number' && typeof v['Denominator'] === 'number' && v['Denominator'] !== 0) {
    return { num: v['Numerator'], den: v['Denominator'] };
  }
  return typeof v === 'number' ? { num: v, den: 1 } : undefined;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

function reduced(num: number, den: number): Ratio {
  if (den < 0) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

type Point = { readonly t: Ratio; readonly v: Ratio };

/** A VaryingValue's control points as exact fractions (time 0..1 over the effect, value). */
function pointsOf(ctx: Ctx, p: AafObject): Point[] | undefined {
  const pts = ctx.s.refs(p, PID.PointList).map((cp) => ({ t: ratioOf(ctxRational(ctx, cp, PID.ControlTime)), v: ratioOf(ctx.m.indirect(ctx.s.data(cp, PID.ControlValue))) }));
  return pts.every((x) => x.t && x.v) ? (pts as Point[]) : undefined;
}

/** The slope of a line through exact points, 'curve' when a point is off the line, undefined when it has no run. */
function slopeOf(points: readonly Point[]): Ratio | 'curve' | undefined {
  if (points.length < 2) return undefined;
  const a = points[0]!;
  const b = points[points.length - 1]!;
  // slope = (vb - va) / (tb - ta), all exact fractions.
  const dv = reduced(b.v.num * a.v.den - a.v.num * b.v.den, b.v.den * a.v.den);
  const dt = reduced(b.t.num * a.t.den - a.t.num * b.t.den, b.t.den * a.t.den);
  if (dt.num === 0) return undefined;
  const slope = reduced(dv.num * dt.den, dv.den * dt.num);
  const straight = points.every((x) => {
    const ddv = reduced(x.v.num * a.v.den - a.v.num * x.v.den, x.v.den * a.v.den);
    const ddt = reduced(x.t.num * a.t.den - a.t.num * x.t.den, x.t.den * a.t.den);
    return ddv.num * slope.den * ddt.den === slope.num * ddt.num * ddv.den;
  });
  return straight ? slope : 'curve';
}

/**
 * A timewarp's speed as an exact ratio. Avid's Motion Control carries a speed map
 * (PARAM_SPEED_MAP_U: speed against time) and an offset map (PARAM_SPEED_OFFSET_MAP_U:
 * source offset against record time). A constant speed map with a straight offset map is a
 * constant speed: the offset map's slope, from its Rational control points, is exact.
 * Without maps, the SpeedRatio parameter (output length over input length) is inverted.
 * 'curve' means the speed changes over the clip.
 */
function timeScalar(ctx: Ctx, op: AafObject): { scalar: Ratio | 'curve' | undefined; maps: Record<string, string[]> } {
  let ratio: Ratio | undefined;
  let offsets: Point[] | undefined;
  let speeds: Point[] | undefined;
  let normalised: Point[] | undefined;
  const maps: Record<string, string[]> = {};
  for (const p of ctx.s.refs(op, PID.Parameters)) {
    const name = ctx.paramNames.get(ctx.s.hex(p, PID.ParamDefinition) ?? '') ?? '';
    if (name === 'PARAM_SPEED_OFFSET_MAP_U') offsets = pointsOf(ctx, p);
    if (name === 'PARAM_SPEED_MAP_U') speeds = pointsOf(ctx, p);
    // The older offset map runs over normalised time (0..1): only its shape is used.
    if (name === 'PARAM_OFFSET_MAP_U') normalised = pointsOf(ctx, p);
    if (name === 'SpeedRatio') ratio = ratioOf(ctx.m.indirect(ctx.s.data(p, PID.ConstantValue)));
  }
  if (offsets) maps['offsetMap'] = offsets.map((x) => `${x.t.num}/${x.t.den}:${x.v.num}/${x.v.den}`);
  if (speeds) maps['speedMap'] = speeds.map((x) => `${x.t.num}/${x.t.den}:${x.v.num}/${x.v.den}`);
  if (normalised) maps['normalisedOffsetMap'] = normalised.map((x) => `${x.t.num}/${x.t.den}:${x.v.num}/${x.v.den}`);
  const eq = (x: Ratio, y: Ratio) => x.num * y.den === y.num * x.den;
  if (speeds && speeds.length > 1 && !speeds.every((x) => eq(x.v, speeds![0]!.v))) return { scalar: 'curve', maps };
  if (normalised && slopeOf(normalised) === 'curve') return { scalar: 'curve', maps };
  const slope = offsets ? slopeOf(offsets) : undefined;
  if (slope) return { scalar: slope, maps };
  if (ratio && ratio.num !== 0) return { scalar: reduced(ratio.den, ratio.num), maps };
  return { scalar: undefined, maps };
}

function ctxRational(ctx: Ctx, obj: AafObject, pid: number): AafValue | undefined {
  const r = ctx.s.rational(obj, pid);
  return r ? { Numerator: r.num, Denominator: r.den } : undefined;
}

/** The only component of a one-component Sequence, or the segment itself. */
function unwrapped(ctx: Ctx, seg: AafObject | undefined): AafObject | undefined {
  for (let i = 0; i < 8 && seg && ctx.m.isA(seg, 'Sequence'); i++) {
    const comps = ctx.s.refs(seg, PID.Components);
    if (comps.length !== 1) return seg;
    seg = comps[0];
  }
  return seg;
}

function operationItem(ctx: Ctx, op: AafObject, r: Rate, length: number, enabled: boolean, depth: number): TrackItem {
  const { name, timeWarp } = operationName(ctx, op);
  const attrs = attributes(ctx, op, 'ComponentAttributeList');
  const label = typeof attrs['_EFFECT_PLUGIN_NAME'] === 'string' && attrs['_EFFECT_PLUGIN_NAME'] ? attrs['_EFFECT_PLUGIN_NAME'] : name;
  const input = unwrapped(ctx, ctx.s.refs(op, PID.InputSegments)[0]);
  const effects: Effect[] = [];
  if (timeWarp) {
    const { scalar: ts, maps } = timeScalar(ctx, op);
    const metadata = { aaf: { operation: name, ...maps } };
    if (ts === 'curve') {
      ctx.s.report('AAF_SPEED_NOT_LINEAR', { effect: name });
      effects.push({ kind: 'effect', name: label, effectName: 'TimeEffect', metadata });
    } else if (ts && ts.num === 0) effects.push({ kind: 'freezeFrame', name: label, metadata });
    else if (ts) effects.push({ kind: 'linearTimeWarp', name: label, timeScalar: ts, metadata });
  } else if (name !== 'Submaster') {
    effects.push({ kind: 'effect', name: label, effectName: name, metadata: { aaf: { operation: name } } });
  }
  if (!input) {
    const media: MediaReference = { kind: 'generator', generatorKind: name, name: label };
    return makeClip({ name: label, sourceRange: range(0, length, r), media, enabled, effects });
  }
  if (ctx.m.isA(input, 'SourceClip')) return sourceClipItem(ctx, input, r, length, effects, enabled, depth + 1);
  // Effects over effects (a resize over a speed change): the inner item with this one's effects added.
  if (ctx.m.isA(input, 'OperationGroup') || ctx.m.isA(input, 'Selector')) {
    const inner = componentRaw(ctx, input, r, depth + 1, enabled);
    const only = inner.length === 1 ? inner[0]! : undefined;
    if (only && 'item' in only && (only.item.kind === 'clip' || only.item.kind === 'stack')) {
      const it = only.item;
      const sr = it.sourceRange ?? range(0, length, r);
      return { ...it, sourceRange: range(sr.start.value, length, sr.start.rate), effects: [...it.effects, ...effects] } as TrackItem;
    }
  }
  // A nested sequence (Avid's Submaster, an effect over several clips): a stack of one track.
  const kind = dataKind(ctx, input) === 'audio' ? 'audio' : 'video';
  const children = settled(ctx, segmentRaw(ctx, input, r, depth + 1), r);
  return makeStack({ name: label, children: [makeTrack({ name: label, trackKind: kind, children })], sourceRange: range(0, length, r), enabled, effects, metadata: { aaf: { operation: name } } });
}

/** A component as raw track items. */
function componentRaw(ctx: Ctx, c: AafObject, r: Rate, depth: number, enabled = true): Raw[] {
  const m = ctx.m;
  const length = lengthOf(ctx, c);
  if (depth > MAX_DEPTH) {
    ctx.s.report('AAF_LIMIT_EXCEEDED', { what: 'the nesting of components', limit: MAX_DEPTH });
    return [{ item: gapOf(length, r) }];
  }
  if (m.isA(c, 'Transition')) return [{ transition: c, length }];
  if (m.isA(c, 'SourceClip')) return [{ item: sourceClipItem(ctx, c, r, length, [], enabled, depth) }];
  if (m.isA(c, 'Filler')) return [{ item: gapOf(length, r, 'Filler') }];
  if (m.isA(c, 'OperationGroup')) return [{ item: operationItem(ctx, c, r, length, enabled, depth) }];
  if (m.isA(c, 'Sequence')) {
    const comps = ctx.s.refs(c, PID.Components);
    if (comps.length === 1) return componentRaw(ctx, comps[0]!, r, depth + 1, enabled);
    const children = settled(ctx, segmentRaw(ctx, c, r, depth + 1), r);
    const kind = dataKind(ctx, c) === 'audio' ? 'audio' : 'video';
    return [{ item: makeStack({ name: '', children: [makeTrack({ name: '', trackKind: kind, children })], sourceRange: range(0, length, r), enabled }) }];
  }
  if (m.isA(c, 'Selector')) {
    const attrs = attributes(ctx, c, 'ComponentAttributeList');
    const alternate = ctx.s.refs(c, PID.Alternates)[0];
    // Avid mutes a clip by selecting a pass-through and keeping the clip as the alternate.
    if (attrs['_DISABLE_CLIP_FLAG'] && alternate) return componentRaw(ctx, alternate, r, depth + 1, false);
    const selected = ctx.s.ref(c, PID.Selected);
    return selected ? componentRaw(ctx, selected, r, depth + 1, enabled) : [{ item: gapOf(length, r) }];
  }
  if (m.isA(c, 'EssenceGroup')) {
    const choice = ctx.s.refs(c, PID.EssenceChoices)[0];
    return choice ? componentRaw(ctx, choice, r, depth + 1, enabled) : [{ item: gapOf(length, r) }];
  }
  if (m.isA(c, 'NestedScope')) {
    // Layers played together (Avid's stacked video tracks): one track each, bottom first.
    const kind = dataKind(ctx, c) === 'audio' ? 'audio' : 'video';
    const children = ctx.s.refs(c, PID.NestedSlots).map((sl, i) => makeTrack({ name: `${kind === 'video' ? 'V' : 'A'}${i + 1}`, trackKind: kind, children: settled(ctx, segmentRaw(ctx, sl, r, depth + 1), r) }));
    return [{ item: makeStack({ name: '', children, sourceRange: range(0, length, r), enabled }) }];
  }
  if (m.isA(c, 'ScopeReference')) return [{ item: gapOf(length, r) }];
  ctx.s.report('AAF_COMPONENT_UNSUPPORTED', { className: m.className(c), frames: length });
  return [{ item: gapOf(length, r) }];
}

function segmentRaw(ctx: Ctx, seg: AafObject, r: Rate, depth: number): Raw[] {
  if (ctx.m.isA(seg, 'Sequence')) return ctx.s.refs(seg, PID.Components).flatMap((c) => componentRaw(ctx, c, r, depth + 1));
  return componentRaw(ctx, seg, r, depth);
}

function withDuration(item: TrackItem, delta: number, headCut: number): TrackItem {
  if (item.kind === 'transition') return item;
  const sr = item.sourceRange;
  if (!sr) return item;
  const dur = Math.max(0, sr.duration.value + delta);
  const start = item.kind === 'gap' ? 0 : sr.start.value + headCut;
  return { ...item, sourceRange: range(start, dur, sr.start.rate) } as TrackItem;
}

/**
 * Settles transitions: AAF overlaps a Transition of length L with the whole of both
 * neighbours' last/first L frames; the model meets them at the cut. The outgoing item loses
 * `L - CutPoint` frames at its tail, the incoming one `CutPoint` at its head (scaled by the
 * clip's speed for its source start), and the transition keeps in = CutPoint, out = L - CutPoint.
 */
function settled(ctx: Ctx, raw: Raw[], r: Rate): TrackItem[] {
  const items: TrackItem[] = [];
  let pendingHead = 0;
  for (const entry of raw) {
    if ('item' in entry) {
      let it = entry.item;
      if (pendingHead > 0) {
        const speed = it.kind === 'clip' ? it.effects.find((e) => e.kind === 'linearTimeWarp') : undefined;
        const head = speed && speed.kind === 'linearTimeWarp' ? Math.floor((pendingHead * speed.timeScalar.num) / speed.timeScalar.den) : pendingHead;
        it = withDuration(it, -pendingHead, head);
        pendingHead = 0;
      }
      items.push(it);
      continue;
    }
    const cut = Math.min(Math.max(0, ctx.s.i64(entry.transition, PID.CutPoint) ?? 0), entry.length);
    const prev = items[items.length - 1];
    if (prev && prev.kind !== 'transition') items[items.length - 1] = withDuration(prev, -(entry.length - cut), 0);
    const op = ctx.s.ref(entry.transition, PID.TransitionOp);
    const { name } = operationName(ctx, op);
    const attrs = op ? attributes(ctx, op, 'ComponentAttributeList') : {};
    const label = typeof attrs['_EFFECT_PLUGIN_NAME'] === 'string' && attrs['_EFFECT_PLUGIN_NAME'] ? attrs['_EFFECT_PLUGIN_NAME'] : name;
    items.push({
      kind: 'transition',
      name: label,
      transitionType: /dissolve/i.test(name) ? 'SMPTE_Dissolve' : name,
      inOffset: rt(cut, r),
      outOffset: rt(entry.length - cut, r),
      metadata: { aaf: { operation: name, length: entry.length, cutPoint: cut } },
    });
    pendingHead = cut;
  }
  return items;
}

// ---------------------------------------------------------------- markers

const AVID_COLOURS: Readonly<Record<string, MarkerColor>> = { red: 'red', green: 'green', blue: 'blue', cyan: 'cyan', magenta: 'magenta', yellow: 'yellow', black: 'black', white: 'white' };

/** Nearest model colour to a 16-bit RGB triple. */
function nearestColour(rgb: { red: number; green: number; blue: number }): MarkerColor {
  const table: Record<MarkerColor, [number, number, number]> = {
    red: [1, 0, 0], pink: [1, 0.6, 0.8], orange: [1, 0.55, 0], yellow: [1, 1, 0], green: [0, 1, 0], cyan: [0, 1, 1],
    blue: [0, 0, 1], purple: [0.5, 0, 0.8], magenta: [1, 0, 1], black: [0, 0, 0], white: [1, 1, 1],
  };
  const v = [rgb.red / 65535, rgb.green / 65535, rgb.blue / 65535];
  let best: MarkerColor = 'red';
  let bestD = Infinity;
  for (const c of MARKER_COLORS) {
    const t = table[c];
    const d = (t[0] - v[0]!) ** 2 + (t[1] - v[1]!) ** 2 + (t[2] - v[2]!) ** 2;
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function markerOf(ctx: Ctx, ev: AafObject, slotRate: Rate, tl: Rate, trackNames: ReadonlyMap<number, string>): Marker | undefined {
  const pos = ctx.s.i64(ev, PID.EventPosition);
  if (pos === undefined) return undefined;
  const comment = ctx.s.str(ev, PID.EventComment) ?? '';
  const userPid = ctx.m.pid('CommentMarkerUSer');
  const colourPid = ctx.m.pid('CommentMarkerColor');
  const user = userPid === undefined ? undefined : ctx.s.str(ev, userPid);
  const attrs = attributes(ctx, ev, 'CommentMarkerAttributeList');
  const rgb = colourPid === undefined ? undefined : ctx.m.value(ev, colourPid);
  const named = typeof attrs['_ATN_CRM_COLOR'] === 'string' ? AVID_COLOURS[attrs['_ATN_CRM_COLOR'].toLowerCase()] : undefined;
  const colour =
    named ??
    (rgb && typeof rgb === 'object' && !Array.isArray(rgb) && typeof rgb['red'] === 'number' && typeof rgb['green'] === 'number' && typeof rgb['blue'] === 'number'
      ? nearestColour({ red: rgb['red'], green: rgb['green'], blue: rgb['blue'] })
      : 'red');
  const described = ctx.s.data(ev, PID.DescribedSlots);
  const slots: number[] = [];
  for (let i = 0; described && i + 4 <= described.length; i += 4) slots.push(u32At(described, i)!);
  const len = ctx.s.i64(ev, PID.Length) ?? 0;
  return {
    name: comment || user || '',
    color: colour,
    markedRange: range(rescaledTo(rt(pos, slotRate), tl, 'floor'), rescaledTo(rt(len, slotRate), tl, 'round'), tl),
    ...(comment ? { note: comment } : {}),
    metadata: { aaf: { ...(user !== undefined ? { user } : {}), describedSlots: slots, tracks: slots.map((s) => trackNames.get(s)).filter((n): n is string => n !== undefined), ...(rgb !== undefined ? { rgb } : {}) } },
  };
}

// ---------------------------------------------------------------- compositions

interface Composed {
  readonly tracks: Track[];
  readonly rate: Rate | undefined;
  readonly hasVideo: boolean;
  readonly slotNames: Map<number, string>;
  readonly slots: AafObject[];
}

/** The picture and sound tracks of a mob; `onlySlot` keeps one slot (a nested composition played by slot). */
function compositionTracks(ctx: Ctx, mob: AafObject, depth: number, onlySlot?: number): Composed {
  const slotNames = new Map<number, string>();
  if (ctx.active.has(mob.path)) {
    ctx.s.report('AAF_REFERENCE_LOOP', { path: mob.path });
    return { tracks: [], rate: undefined, hasVideo: false, slotNames, slots: [] };
  }
  if (depth > MAX_DEPTH) {
    ctx.s.report('AAF_LIMIT_EXCEEDED', { what: 'the nesting of compositions', limit: MAX_DEPTH });
    return { tracks: [], rate: undefined, hasVideo: false, slotNames, slots: [] };
  }
  ctx.active.add(mob.path);
  const slots = ctx.s.refs(mob, PID.Slots);
  const found: { kind: TrackKind; n: number; slot: AafObject; seg: AafObject; rate: Rate }[] = [];
  for (const sl of slots) {
    if (!ctx.m.isA(sl, 'TimelineMobSlot')) continue;
    const id = ctx.s.u32(sl, PID.SlotId) ?? 0;
    if (onlySlot !== undefined && id !== onlySlot) continue;
    const seg = ctx.s.ref(sl, PID.Segment);
    const rate = rateOf(ctx.s.rational(sl, PID.EditRate));
    const kind = dataKind(ctx, seg);
    if (!seg || !rate || (kind !== 'video' && kind !== 'audio')) continue;
    found.push({ kind, n: ctx.s.u32(sl, PID.PhysicalTrackNumber) ?? found.length + 1, slot: sl, seg, rate });
  }
  found.sort((a, b) => (a.kind === b.kind ? a.n - b.n : a.kind === 'video' ? -1 : 1));
  const tracks: Track[] = [];
  for (const f of found) {
    const id = ctx.s.u32(f.slot, PID.SlotId) ?? 0;
    const slotName = ctx.s.str(f.slot, PID.SlotName) ?? '';
    slotNames.set(id, `${f.kind === 'video' ? 'V' : 'A'}${f.n}`);
    // Audio mixing effects (Avid's Audio Pan/Gain) wrap the whole track: read through them.
    let seg = f.seg;
    const wrappers: string[] = [];
    while (ctx.m.isA(seg, 'OperationGroup') && wrappers.length < 8) {
      const input = ctx.s.refs(seg, PID.InputSegments)[0];
      if (!input || !ctx.m.isA(input, 'Sequence')) break;
      wrappers.push(operationName(ctx, seg).name);
      seg = input;
    }
    // Avid writes several video tracks as one slot holding a NestedScope: layer i is track n+i.
    const layers = ctx.m.isA(seg, 'NestedScope') ? ctx.s.refs(seg, PID.NestedSlots) : [seg];
    const origin = ctx.s.i64(f.slot, PID.Origin) ?? 0;
    layers.forEach((layer, i) => {
      const label = `${f.kind === 'video' ? 'V' : 'A'}${f.n + i}`;
      const trackName = layers.length === 1 && slotName ? slotName : label;
      let t = makeTrack({
        name: trackName,
        trackKind: f.kind,
        children: settled(ctx, segmentRaw(ctx, layer, f.rate, depth), f.rate),
        metadata: { aaf: { slotId: id, physicalTrackNumber: f.n + i, slotName, editRate: `${f.rate.num}/${f.rate.den}`, ...(layers.length > 1 ? { layer: i } : {}), ...(wrappers.length ? { trackEffects: wrappers } : {}) } },
      });
      if (origin > 0) {
        ctx.s.report('AAF_TRACK_ORIGIN_TRIMMED', { track: trackName, frames: origin });
        t = trackTrimmedFrom(t, origin, f.rate);
      }
      tracks.push(t);
    });
  }
  ctx.active.delete(mob.path);
  return { tracks, rate: found[0]?.rate, hasVideo: found[0]?.kind === 'video', slotNames, slots };
}

/** The track without its first `frames` frames (before the slot's origin). */
function trackTrimmedFrom(t: Track, frames: number, r: Rate): Track {
  const children: TrackItem[] = [];
  let cut = frames;
  for (const c of t.children) {
    if (cut <= 0 || c.kind === 'transition') {
      if (cut <= 0) children.push(c);
      continue;
    }
    const d = c.sourceRange ? rescaledTo(c.sourceRange.duration, r, 'round') : 0;
    if (d <= cut) {
      cut -= d;
      continue;
    }
    children.push(withDuration(c, -cut, cut));
    cut = 0;
  }
  return { ...t, children };
}

function timelineOf(ctx: Ctx, mob: AafObject): Timeline {
  const name = ctx.s.str(mob, PID.MobName) ?? '';
  const composed = compositionTracks(ctx, mob, 0);
  const tc = timecodeOf(ctx, mob);
  // Sound-only compositions (Pro Tools) run their slots at the sample rate; the timecode slot has the frame rate.
  const base = (composed.hasVideo ? composed.rate : undefined) ?? tc?.start.rate ?? composed.rate ?? { num: 24, den: 1 };
  const drop = (tc?.drop ?? false) && isDropFrameCapable(base);
  const fr: FrameRate = frameRate(base.num, base.den, drop);
  if (!tc) ctx.s.report('AAF_TIMECODE_SLOT_MISSING', { name });
  const markers: Marker[] = [];
  for (const sl of composed.slots) {
    const seg = ctx.s.ref(sl, PID.Segment);
    if (dataKind(ctx, seg) !== 'marker' && !ctx.m.isA(sl, 'EventMobSlot')) continue;
    const r = rateOf(ctx.s.rational(sl, PID.EventEditRate)) ?? rateOf(ctx.s.rational(sl, PID.EditRate)) ?? base;
    const events = ctx.m.isA(seg, 'Sequence') ? ctx.s.refs(seg, PID.Components) : seg ? [seg] : [];
    for (const ev of events) {
      if (!ctx.m.isA(ev, 'Event')) continue;
      const mk = markerOf(ctx, ev, r, base, composed.slotNames);
      if (mk) markers.push(mk);
    }
  }
  markers.sort((a, b) => a.markedRange.start.value - b.markedRange.start.value);
  return makeTimeline({
    name,
    rate: fr,
    startFrame: tc ? rescaledTo(tc.start, base, 'floor') : 0,
    tracks: composed.tracks,
    markers,
    metadata: {
      aaf: {
        mobId: ctx.s.hex(mob, PID.MobId) ?? '',
        mobClass: ctx.m.className(mob),
        usage: (() => {
          const u = ctx.s.hex(mob, PID.UsageCode);
          return u ? (ctx.m.enumName(u) ?? u) : null;
        })(),
        attributes: attributes(ctx, mob, 'MobAttributeList'),
      },
    },
  });
}

/** Every timeline the file shows as a sequence (see the header for the choice). */
export function aafTimelines(s: AafStore, m: AafMeta): Timeline[] {
  const header = s.ref(s.root(), 0x0002);
  const content = s.ref(header, PID.HeaderContent);
  const mobs = new Map<string, string>();
  for (const e of s.strongElements(content, PID.Mobs)) mobs.set(e.key, e.path);
  const paramNames = new Map<string, string>();
  const dict = s.ref(header, PID.HeaderDictionary);
  for (const pd of s.refs(dict, PID.DictParameterDefs)) {
    const id = s.hex(pd, PID.DefId);
    const n = s.str(pd, PID.DefName);
    if (id && n) paramNames.set(id, n);
  }
  const ctx: Ctx = { s, m, mobs, paramNames, active: new Set() };
  const essence = s.strongElements(content, PID.EssenceData).length;
  if (essence > 0) s.report('AAF_ESSENCE_EMBEDDED', { count: essence });
  const all = [...mobs.values()].map((p) => s.object(p)).filter((o): o is AafObject => o !== undefined);
  const usage = (o: AafObject) => {
    const u = s.hex(o, PID.UsageCode);
    return u ? (m.enumName(u) ?? u) : undefined;
  };
  const comps = all.filter((o) => m.isA(o, 'CompositionMob'));
  let chosen = comps.filter((o) => usage(o) === 'Usage_TopLevel');
  if (chosen.length === 0) chosen = comps.filter((o) => usage(o) === undefined);
  if (chosen.length === 0) {
    const masters = all.filter((o) => m.isA(o, 'MasterMob'));
    s.report('AAF_NO_COMPOSITION', { mobs: all.length, read: masters.length ? `its ${masters.length} master clip${masters.length === 1 ? ' was' : 's were'} read as timelines` : 'nothing to read' });
    chosen = masters;
  }
  return chosen.map((mob) => {
    ctx.masterName = m.isA(mob, 'MasterMob') ? (s.str(mob, PID.MobName) ?? '') : undefined;
    return timelineOf(ctx, mob);
  });
}

