import { finding, type Finding, type Where } from '../../findings/index.ts';
import { formatFrameRate, formatRate, frameRate, isDropFrameCapable, rt, type FrameRate, type Rate, type RationalTime } from '../../time/index.ts';
import type { Clip, Effect, Gap, Marker, MarkerColor, MediaReference, Metadata, Stack, Timeline, Track, TrackItem, TrackKind, Transition } from '../../timeline/index.ts';
import type { ReadOptions, ReadResult } from '../types.ts';
import { parseXmlSafely, xmlChild, xmlChildren, type XmlDocument, type XmlNode } from '../xml.ts';
import {
  addedSeconds,
  compareSeconds,
  framesRoundedAt,
  parseFcpxmlTime,
  rateFromFrameDuration,
  reducedSeconds,
  secondsToTime,
  subtractedSeconds,
  ZERO_SECONDS,
  type Seconds,
} from './time.ts';

/**
 * Reads FCPXML 1.8 to 1.13 (Final Cut Pro 10.4 to 11, and the FCPXML DaVinci Resolve and
 * Premiere write) into timelines.
 *
 * Shape of the result: one Timeline per `<project>`, in document order, wherever it sits
 * (`fcpxml > project`, `fcpxml > event > project`, `fcpxml > library > event > project`).
 * A file without any project (a clip or compound-clip export) gives one Timeline per
 * compound clip (`resources > media > sequence`) instead, with FCPXML_PROJECT_MISSING.
 * A `.fcpxmld` bundle is a folder: pass the text of its `Info.fcpxml` (FCPXML_BUNDLE_ENTRY).
 *
 * Mapping:
 * - The primary storyline (`sequence > spine`) is V1 (A1 when every clip on it is audio only).
 * - Connected clips and secondary storylines become tracks by lane: lane N > 0 is V(N+1),
 *   lane -N is AN. Their `offset` is in the local timeline of the element they hang from,
 *   so their record position is that element's record start + (offset - its start).
 *   Two connected clips overlapping on one lane go to an extra track (FCPXML_LANE_OVERLAP).
 * - `asset-clip`, `clip`, `video`, `audio` and `title` become Clips; `ref-clip` (compound),
 *   `sync-clip` and `mc-clip` (its active video angle) become Stacks; `gap` a Gap;
 *   `transition` a Transition around the edit point it straddles; `audition` its active pick.
 * - Times are exact: `1001/24000s` is one frame at 24000/1001 (never 23 fps). A time that
 *   falls between frames (sample-accurate audio, mixed-rate media) stays an exact count of
 *   1/D seconds (FCPXML_TIME_OFF_GRID) instead of being rounded.
 * - A clip's `sourceRange.start` is its `start` in the asset's own time (so it includes the
 *   media's start timecode), at the media's frame rate (the asset's format); its duration is
 *   its length in the track (timeline rate). `timeMap` becomes a LinearTimeWarp with an exact
 *   ratio of media seconds per local second (negative when reversed) or a FreezeFrame.
 *   `conform-rate` is kept in metadata: with scaling on (FCP's default) the media plays frame
 *   for frame, so a marker N media frames into a clip sits N record frames in (24With25Media);
 *   with `scaleEnabled="0"` it plays in real time.
 * - The file carries its own rate (the sequence format's `frameDuration`); `options.rate` is
 *   not used.
 * - Markers: `marker` is blue, a to-do marker (`completed="0"`) red, a completed one green, a
 *   `chapter-marker` orange; the kind, `completed` and `posterOffset` are in
 *   `metadata.fcpxml`. Their ranges are in the owner's source time.
 * - Kept in `metadata.fcpxml`: element name, lane, roles (`audioRole`, `videoRole`, `role`),
 *   keywords (raw time strings), conform-rate, timeMap points, asset/format facts, the
 *   version, event and project names, `tcFormat`.
 */

export const FCPXML_BUNDLE_ENTRY = 'Info.fcpxml';

export const FCPXML_READ_VERSIONS = ['1.8', '1.9', '1.10', '1.11', '1.12', '1.13'] as const;

const MAX_COMPOUND_DEPTH = 32;

/** Default when a sequence format has no frameDuration (FCP's own default for new projects). */
const FALLBACK_RATE: FrameRate = { num: 24000, den: 1001, dropFrame: false };

interface Ctx {
  readonly findings: Finding[];
  readonly file: string | undefined;
  readonly doc: XmlDocument;
  readonly resources: Map<string, XmlNode>;
  readonly version: string;
  /** Per timeline being read. */
  rate: Rate;
  timelineName: string;
  offGrid: number;
  notRead: Map<string, number>;
  compoundStack: string[];
  /** Parsed time strings (a long timeline repeats a few hundred distinct values thousands of times). */
  readonly times: Map<string, Seconds>;
  /** Asset facts by asset id and format hint, built once per read. */
  readonly assetCache: Map<string, AssetFacts>;
}

/** An item built from an element, with its length in the parent's time. */
interface Built {
  readonly item: TrackItem;
  readonly duration: Seconds;
  readonly audioOnly: boolean;
}

/** Something that sits on a lane: one item or a whole secondary storyline, from `start` (record seconds from the timeline start). */
interface LaneRun {
  readonly lane: number;
  readonly start: Seconds;
  readonly items: TrackItem[];
  readonly duration: Seconds;
  readonly name: string;
  readonly order: number;
}

/** A composition being built: the primary track's items and everything on lanes. */
interface Composition {
  readonly primary: TrackItem[];
  primaryDuration: Seconds;
  primaryAudioOnly: boolean;
  readonly runs: LaneRun[];
}

export function readFcpxml(text: string, options: ReadOptions = {}): ReadResult<Timeline[]> {
  const parsed = parseXmlSafely(text, options.file !== undefined ? { file: options.file } : {});
  const findings: Finding[] = [...parsed.findings];
  const doc = parsed.value;
  if (!doc) return { value: undefined, findings };
  const fileWhere: Where = options.file !== undefined ? { file: options.file } : {};
  if (doc.root.name !== 'fcpxml') {
    findings.push(finding('FCPXML_ROOT_NOT_FCPXML', { root: doc.root.name }, { where: { ...fileWhere, ...lineOf(doc, doc.root) } }));
    return { value: undefined, findings };
  }
  const version = doc.root.attrs['version'] ?? '';
  if (!(FCPXML_READ_VERSIONS as readonly string[]).includes(version)) {
    findings.push(finding('FCPXML_VERSION_UNSUPPORTED', { version }, { where: { ...fileWhere, ...lineOf(doc, doc.root) } }));
  }
  const resources = new Map<string, XmlNode>();
  for (const res of xmlChildren(doc.root, 'resources')) {
    for (const r of res.children) {
      const id = r.attrs['id'];
      if (id !== undefined && !resources.has(id)) resources.set(id, r);
    }
  }
  const ctx: Ctx = {
    findings,
    file: options.file,
    doc,
    resources,
    version,
    rate: FALLBACK_RATE,
    timelineName: '',
    offGrid: 0,
    notRead: new Map(),
    compoundStack: [],
    times: new Map(),
    assetCache: new Map(),
  };

  const timelines: Timeline[] = [];
  const visit = (node: XmlNode, event: string | undefined, library: string | undefined): void => {
    for (const child of node.children) {
      if (child.name === 'project') {
        const tl = timelineFromProject(child, event, library, ctx);
        if (tl) timelines.push(tl);
      } else if (child.name === 'event') {
        visit(child, child.attrs['name'] ?? '', library);
      } else if (child.name === 'library') {
        visit(child, event, child.attrs['location'] ?? '');
      }
    }
  };
  visit(doc.root, undefined, undefined);

  if (timelines.length === 0) {
    const media = [...resources.values()].filter((r) => r.name === 'media' && xmlChild(r, 'sequence'));
    for (const m of media) {
      const tl = timelineFromSequence(xmlChild(m, 'sequence')!, m.attrs['name'] ?? '', { source: 'media', mediaId: m.attrs['id'] ?? '' }, ctx);
      if (tl) timelines.push(tl);
    }
    if (timelines.length > 0) findings.push(finding('FCPXML_PROJECT_MISSING', { sequences: timelines.length }, { where: fileWhere }));
    else findings.push(finding('FCPXML_NOTHING_TO_READ', {}, { where: fileWhere }));
  }
  return { value: timelines.length > 0 ? timelines : undefined, findings };
}

function lineOf(doc: XmlDocument, node: XmlNode): { line: number; column: number } {
  const p = doc.positionOf(node.offset);
  return { line: p.line, column: p.column };
}

function whereOf(ctx: Ctx, node: XmlNode, extra: Where = {}): Where {
  return { ...(ctx.file !== undefined ? { file: ctx.file } : {}), ...lineOf(ctx.doc, node), ...(ctx.timelineName ? { timeline: ctx.timelineName } : {}), ...extra };
}

/** A time attribute as exact seconds; absent gives `fallback`, malformed gives 0s with a finding. */
function timeAttr(ctx: Ctx, node: XmlNode, attr: string, fallback: Seconds = ZERO_SECONDS): Seconds {
  const raw = node.attrs[attr];
  if (raw === undefined) return fallback;
  const cached = ctx.times.get(raw);
  if (cached) return cached;
  const p = parseFcpxmlTime(raw);
  if (p.ok) {
    ctx.times.set(raw, p.value);
    return p.value;
  }
  ctx.findings.push(finding('FCPXML_TIME_NOT_RATIONAL', { element: node.name, attribute: attr, text: raw }, { where: whereOf(ctx, node) }));
  return ZERO_SECONDS;
}

/** Seconds to a RationalTime at `r`, counting the ones that fall between frames. */
function toTime(ctx: Ctx, s: Seconds, r: Rate): RationalTime {
  const { time, onGrid } = secondsToTime(s, r);
  if (!onGrid) ctx.offGrid++;
  return time;
}

function formatRateOf(ctx: Ctx, formatId: string | undefined): Rate | undefined {
  if (formatId === undefined) return undefined;
  const f = ctx.resources.get(formatId);
  if (!f || f.name !== 'format') return undefined;
  const fd = f.attrs['frameDuration'];
  if (fd === undefined) return undefined;
  const p = parseFcpxmlTime(fd);
  return p.ok ? rateFromFrameDuration(p.value) : undefined;
}

function formatFacts(ctx: Ctx, formatId: string | undefined): Metadata | undefined {
  if (formatId === undefined) return undefined;
  const f = ctx.resources.get(formatId);
  if (!f || f.name !== 'format') return undefined;
  const out: Record<string, string> = { id: formatId };
  for (const k of ['name', 'frameDuration', 'width', 'height', 'colorSpace', 'fieldOrder', 'paspH', 'paspV']) {
    const v = f.attrs[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function timelineFromProject(project: XmlNode, event: string | undefined, library: string | undefined, ctx: Ctx): Timeline | undefined {
  const seq = xmlChild(project, 'sequence');
  const name = project.attrs['name'] ?? '';
  if (!seq) {
    ctx.findings.push(finding('FCPXML_ELEMENT_NOT_READ', { timeline: name, element: 'project without sequence', count: 1 }, { where: whereOf(ctx, project) }));
    return undefined;
  }
  const extra: Record<string, string> = { source: 'project' };
  if (event !== undefined) extra['event'] = event;
  if (library !== undefined) extra['library'] = library;
  const uid = project.attrs['uid'];
  if (uid !== undefined) extra['projectUid'] = uid;
  return timelineFromSequence(seq, name, extra, ctx);
}

function timelineFromSequence(seq: XmlNode, name: string, extra: Record<string, string>, ctx: Ctx): Timeline | undefined {
  ctx.timelineName = name;
  ctx.offGrid = 0;
  ctx.notRead = new Map();
  const formatId = seq.attrs['format'];
  let base = formatRateOf(ctx, formatId);
  if (!base) {
    ctx.findings.push(finding('FCPXML_FORMAT_RATE_MISSING', { format: formatId ?? '(none)', assumed: formatRate(FALLBACK_RATE) }, { where: whereOf(ctx, seq) }));
    base = FALLBACK_RATE;
  }
  const tcFormat = seq.attrs['tcFormat'];
  let dropFrame = tcFormat === 'DF';
  if (dropFrame && !isDropFrameCapable(base)) {
    ctx.findings.push(finding('FCPXML_DROP_FRAME_INVALID', { rate: formatRate(base) }, { where: whereOf(ctx, seq) }));
    dropFrame = false;
  }
  const tlRate: FrameRate = frameRate(base.num, base.den, dropFrame);
  ctx.rate = tlRate;
  const tcStart = timeAttr(ctx, seq, 'tcStart');
  const startTime = toTime(ctx, tcStart, tlRate);
  // A start between frames (never seen from FCP) is rounded to the nearest frame; the off-grid count above says so.
  const globalStart = startTime.rate.num === tlRate.num && startTime.rate.den === tlRate.den ? startTime : rt(framesRoundedAt(tcStart, tlRate), tlRate);

  const spine = xmlChild(seq, 'spine');
  const comp = compositionOf(spine ? spine.children : [], tcStart, ctx);
  const tracks = tracksOf(comp, ctx);

  const roles = new Set<string>();
  collectRoles(tracks, roles);
  const meta: Record<string, unknown> = {
    version: ctx.version,
    ...extra,
    ...(tcFormat !== undefined ? { tcFormat } : {}),
    ...(seq.attrs['audioLayout'] !== undefined ? { audioLayout: seq.attrs['audioLayout'] } : {}),
    ...(seq.attrs['audioRate'] !== undefined ? { audioRate: seq.attrs['audioRate'] } : {}),
    ...(seq.attrs['tcStart'] !== undefined ? { tcStart: seq.attrs['tcStart'] } : {}),
    ...(seq.attrs['duration'] !== undefined ? { duration: seq.attrs['duration'] } : {}),
    roles: [...roles].sort(),
  };
  const fmt = formatFacts(ctx, formatId);
  if (fmt) meta['format'] = fmt;

  for (const [element, count] of ctx.notRead) {
    ctx.findings.push(finding('FCPXML_ELEMENT_NOT_READ', { timeline: name, element, count }, { where: whereOf(ctx, seq) }));
  }
  if (ctx.offGrid > 0) {
    ctx.findings.push(finding('FCPXML_TIME_OFF_GRID', { timeline: name, count: ctx.offGrid, rate: formatFrameRate(tlRate) }, { where: whereOf(ctx, seq) }));
  }
  return {
    kind: 'timeline',
    name,
    rate: tlRate,
    globalStart,
    tracks,
    markers: [],
    metadata: { fcpxml: meta },
  };
}

function collectRoles(tracks: readonly Track[], into: Set<string>): void {
  for (const t of tracks) {
    for (const c of t.children) {
      if (c.kind === 'stack') collectRoles(c.children, into);
      if (c.kind !== 'clip' && c.kind !== 'stack') continue;
      const f = (c.metadata['fcpxml'] ?? {}) as Record<string, unknown>;
      for (const k of ['audioRole', 'videoRole', 'role']) {
        const v = f[k];
        if (typeof v === 'string') into.add(`${k === 'videoRole' ? 'video' : 'audio'}:${v}`);
      }
      // Channel-level roles (`audio-channel-source role=`) are audio roles the mix uses too.
      const channels = f['audioChannelSources'];
      if (Array.isArray(channels)) for (const c of channels as Record<string, string>[]) if (c['role'] !== undefined) into.add(`audio:${c['role']}`);
    }
  }
}

const STORY_ELEMENTS = new Set(['asset-clip', 'clip', 'ref-clip', 'sync-clip', 'mc-clip', 'gap', 'title', 'video', 'audio', 'audition', 'transition', 'spine']);
const IGNORED_CHILDREN = new Set([
  'marker', 'chapter-marker', 'rating', 'keyword', 'analysis-marker', 'note', 'metadata', 'conform-rate', 'timeMap', 'adjust-crop', 'adjust-corners',
  'adjust-conform', 'adjust-transform', 'adjust-blend', 'adjust-stabilization', 'adjust-rollingShutter', 'adjust-360-transform', 'adjust-reorient',
  'adjust-orientation', 'adjust-cinematic', 'adjust-colorConform', 'adjust-volume', 'adjust-panner', 'adjust-EQ', 'adjust-matchEQ', 'adjust-color',
  'adjust-voiceIsolation', 'adjust-loudness', 'adjust-noiseReduction', 'adjust-humReduction', 'filter-video', 'filter-audio', 'filter-video-mask',
  'mc-source', 'audio-channel-source', 'audio-role-source', 'sync-source', 'text', 'text-style-def', 'param', 'video-role-source', 'hidden-clip-marker',
]);

/**
 * Builds a composition from storyline children whose offsets are in a local timeline
 * starting at `origin` (the sequence's tcStart, the compound's tcStart, the container's start).
 */
function compositionOf(children: readonly XmlNode[], origin: Seconds, ctx: Ctx): Composition {
  const comp: Composition = { primary: [], primaryDuration: ZERO_SECONDS, primaryAudioOnly: true, runs: [] };
  let sawClip = false;
  const pending: XmlNode[] = [];
  const isPrimary = (c: XmlNode): boolean => c.attrs['lane'] === undefined || c.attrs['lane'] === '0';
  for (const child of children) {
    if (isPrimary(child)) continue;
    if (STORY_ELEMENTS.has(child.name)) anchored(child, origin, ZERO_SECONDS, 0, comp, ctx);
    else noteNotRead(ctx, child.name);
  }
  for (const child of children) {
    if (!isPrimary(child)) continue;
    if (child.name === 'transition') {
      pending.push(child);
      continue;
    }
    if (!STORY_ELEMENTS.has(child.name) || child.name === 'spine') {
      if (!IGNORED_CHILDREN.has(child.name)) noteNotRead(ctx, child.name);
      continue;
    }
    const offset = subtractedSeconds(timeAttr(ctx, child, 'offset', addedSeconds(origin, comp.primaryDuration)), origin);
    placeOnPrimary(child, offset, comp, ctx);
    const recordStart = comp.primaryDuration;
    // A transition straddles the edit point in front of the item that follows it.
    for (const t of pending.splice(0)) comp.primary.push(transitionOf(t, origin, recordStart, ctx));
    const built = builtOf(child, ctx);
    if (!built) continue;
    if (built.item.kind !== 'gap') {
      sawClip = true;
      if (!built.audioOnly) comp.primaryAudioOnly = false;
    }
    comp.primary.push(built.item);
    comp.primaryDuration = addedSeconds(comp.primaryDuration, built.duration);
    anchoredChildrenOf(child, recordStart, 0, comp, ctx);
  }
  for (const t of pending) comp.primary.push(transitionOf(t, origin, comp.primaryDuration, ctx));
  if (!sawClip) comp.primaryAudioOnly = false;
  return comp;
}

/** Checks a primary item's offset against where the storyline has reached; a forward jump becomes a gap. */
function placeOnPrimary(child: XmlNode, offset: Seconds, comp: Composition, ctx: Ctx): void {
  const cmp = compareSeconds(offset, comp.primaryDuration);
  if (cmp === 0) return;
  const expected = secondsText(comp.primaryDuration);
  const actual = secondsText(offset);
  if (cmp > 0) {
    const d = subtractedSeconds(offset, comp.primaryDuration);
    comp.primary.push(gapOf('', d, [], {}, ctx));
    comp.primaryDuration = offset;
    ctx.findings.push(finding('FCPXML_SPINE_OFFSET_MISMATCH', { element: child.name, expected, actual, repair: 'a gap was inserted before it' }, { where: whereOf(ctx, child) }));
  } else {
    ctx.findings.push(finding('FCPXML_SPINE_OFFSET_MISMATCH', { element: child.name, expected, actual, repair: 'it was placed after the item before it' }, { where: whereOf(ctx, child) }));
  }
}

function secondsText(s: Seconds): string {
  return s.d === 1n ? `${s.n}s` : `${s.n}/${s.d}s`;
}

function noteNotRead(ctx: Ctx, element: string): void {
  ctx.notRead.set(element, (ctx.notRead.get(element) ?? 0) + 1);
}

/**
 * The anchored (lane) children of an element placed at `recordStart` (record seconds from
 * the composition's origin) whose local timeline starts at its `start`.
 */
function anchoredChildrenOf(node: XmlNode, recordStart: Seconds, parentLane: number, comp: Composition, ctx: Ctx): void {
  const local = timeAttr(ctx, node, 'start');
  for (const c of node.children) {
    if (c.attrs['lane'] === undefined) continue;
    if (STORY_ELEMENTS.has(c.name)) anchored(c, local, recordStart, parentLane, comp, ctx);
    else noteNotRead(ctx, c.name);
  }
}

/** Lane of an anchored item as a track lane, given the lane of the item it hangs from. */
function effectiveLane(parentLane: number, lane: number): number {
  if (parentLane === 0) return lane;
  if (Math.sign(parentLane) === Math.sign(lane)) return parentLane + lane;
  return lane;
}

/** An anchored element (or a secondary storyline) whose offset is in a parent-local timeline starting at `parentLocal`, the parent placed at `parentRecord`. */
function anchored(node: XmlNode, parentLocal: Seconds, parentRecord: Seconds, parentLane: number, comp: Composition, ctx: Ctx): void {
  const laneRaw = Number(node.attrs['lane'] ?? '0');
  const lane = effectiveLane(parentLane, Number.isSafeInteger(laneRaw) ? laneRaw : 0);
  const start = addedSeconds(parentRecord, subtractedSeconds(timeAttr(ctx, node, 'offset'), parentLocal));
  if (node.name === 'spine') {
    // A secondary storyline: its items follow each other from the storyline's own start.
    const inner = compositionOf(node.children, timeAttr(ctx, node, 'start'), ctx);
    comp.runs.push({ lane, start, items: inner.primary, duration: inner.primaryDuration, name: node.attrs['name'] ?? '', order: comp.runs.length });
    for (const r of inner.runs) comp.runs.push({ ...r, lane: effectiveLane(lane, r.lane), start: addedSeconds(start, r.start), order: comp.runs.length });
    return;
  }
  if (node.name === 'transition') {
    noteNotRead(ctx, 'transition outside a storyline');
    return;
  }
  const built = builtOf(node, ctx);
  if (!built) return;
  comp.runs.push({ lane, start, items: [built.item], duration: built.duration, name: built.item.name, order: comp.runs.length });
  anchoredChildrenOf(node, start, lane, comp, ctx);
}

/** A transition whose edit point is `editPoint` (composition seconds). */
function transitionOf(node: XmlNode, origin: Seconds, editPoint: Seconds, ctx: Ctx): Transition {
  const offset = subtractedSeconds(timeAttr(ctx, node, 'offset', addedSeconds(origin, editPoint)), origin);
  const duration = timeAttr(ctx, node, 'duration');
  let inS = subtractedSeconds(editPoint, offset);
  if (compareSeconds(inS, ZERO_SECONDS) < 0) inS = ZERO_SECONDS;
  if (compareSeconds(inS, duration) > 0) inS = duration;
  const outS = subtractedSeconds(duration, inS);
  const name = node.attrs['name'] ?? '';
  const fv = xmlChild(node, 'filter-video');
  const effect = fv?.attrs['ref'] !== undefined ? ctx.resources.get(fv.attrs['ref']) : undefined;
  const meta: Record<string, unknown> = {};
  if (effect) {
    meta['effect'] = effect.attrs['name'] ?? '';
    if (effect.attrs['uid'] !== undefined) meta['effectUid'] = effect.attrs['uid'];
  }
  // Markers inside a transition are in the storyline's time; the model's Transition has none, so they are kept as written.
  const markers = node.children.filter((m) => m.name === 'marker' || m.name === 'chapter-marker').map((m) => ({ element: m.name, ...m.attrs }));
  if (markers.length > 0) meta['markers'] = markers;
  const effectName = (effect?.attrs['name'] ?? name).toLowerCase();
  return {
    kind: 'transition',
    name,
    transitionType: effectName.includes('dissolve') ? 'dissolve' : effectName.includes('wipe') ? 'wipe' : (effect?.attrs['name'] ?? name),
    inOffset: toTime(ctx, inS, ctx.rate),
    outOffset: toTime(ctx, outS, ctx.rate),
    metadata: { fcpxml: meta },
  };
}

function gapOf(name: string, duration: Seconds, markers: readonly Marker[], fcpxml: Metadata, ctx: Ctx): Gap {
  const d = toTime(ctx, duration, ctx.rate);
  return { kind: 'gap', name, sourceRange: { start: rt(0, d.rate), duration: d }, markers, metadata: Object.keys(fcpxml).length > 0 ? { fcpxml } : {} };
}

/** The item an element stands for, or undefined for elements that are not items. */
function builtOf(node: XmlNode, ctx: Ctx): Built | undefined {
  switch (node.name) {
    case 'gap':
      return builtGap(node, ctx);
    case 'asset-clip':
    case 'video':
    case 'audio':
      return builtMediaClip(node, node, ctx);
    case 'clip':
      return builtClip(node, ctx);
    case 'title':
      return builtTitle(node, ctx);
    case 'ref-clip':
      return builtRefClip(node, ctx);
    case 'sync-clip':
      return builtSyncClip(node, ctx);
    case 'mc-clip':
      return builtMcClip(node, ctx);
    case 'audition':
      return builtAudition(node, ctx);
    default:
      noteNotRead(ctx, node.name);
      return undefined;
  }
}

function builtGap(node: XmlNode, ctx: Ctx): Built {
  const duration = timeAttr(ctx, node, 'duration');
  const local = timeAttr(ctx, node, 'start');
  const meta: Record<string, unknown> = {};
  if (node.attrs['start'] !== undefined) meta['start'] = node.attrs['start'];
  const markers = markersOf(node, (s) => subtractedSeconds(s, local), ctx.rate, ctx);
  return { item: gapOf(node.attrs['name'] ?? '', duration, markers, meta, ctx), duration, audioOnly: false };
}

interface AssetFacts {
  readonly media: MediaReference;
  readonly rate: Rate;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
}

function assetFacts(ref: string | undefined, from: XmlNode, formatHint: string | undefined, ctx: Ctx): AssetFacts {
  const key = `${ref ?? ''}\u0000${formatHint ?? ''}\u0000${from.name === 'audio' ? 'a' : 'v'}\u0000${ctx.rate.num}/${ctx.rate.den}`;
  const cached = ref !== undefined && ctx.resources.has(ref) ? ctx.assetCache.get(key) : undefined;
  if (cached) return cached;
  const facts = assetFactsUncached(ref, from, formatHint, ctx);
  if (ref !== undefined && ctx.resources.has(ref)) ctx.assetCache.set(key, facts);
  return facts;
}

function assetFactsUncached(ref: string | undefined, from: XmlNode, formatHint: string | undefined, ctx: Ctx): AssetFacts {
  const asset = ref !== undefined ? ctx.resources.get(ref) : undefined;
  if (asset && asset.name === 'effect') {
    // A `video` of an effect is an FCP generator (Clouds, Solids, Custom): a generator reference.
    const uid = asset.attrs['uid'];
    const media: MediaReference = {
      kind: 'generator',
      generatorKind: 'generator',
      name: asset.attrs['name'] ?? '',
      parameters: uid !== undefined ? { effectUid: uid } : {},
      metadata: { fcpxml: { effectId: ref } },
    };
    return { media, rate: ctx.rate, hasVideo: true, hasAudio: false };
  }
  if (!asset || asset.name !== 'asset') {
    if (ref !== undefined && !asset) ctx.findings.push(finding('FCPXML_RESOURCE_MISSING', { element: from.name, ref }, { where: whereOf(ctx, from) }));
    const r = formatRateOf(ctx, formatHint) ?? ctx.rate;
    return { media: { kind: 'missing', name: from.attrs['name'] ?? ref ?? '' }, rate: r, hasVideo: from.name !== 'audio', hasAudio: from.name === 'audio' };
  }
  const hasVideo = asset.attrs['hasVideo'] === '1';
  const hasAudio = asset.attrs['hasAudio'] === '1';
  const mediaRate = (hasVideo ? formatRateOf(ctx, asset.attrs['format']) : undefined) ?? formatRateOf(ctx, formatHint) ?? ctx.rate;
  // FCPXML 1.8 puts the URL on the asset; 1.9+ in <media-rep kind="original-media"> (a proxy rep may follow).
  const reps = xmlChildren(asset, 'media-rep');
  const original = reps.find((r) => r.attrs['kind'] === 'original-media') ?? reps[0];
  const src = asset.attrs['src'] ?? original?.attrs['src'];
  const start = timeAttr(ctx, asset, 'start');
  const duration = timeAttr(ctx, asset, 'duration');
  const availableRange = { start: toTime(ctx, start, mediaRate), duration: toTime(ctx, duration, mediaRate) };
  const facts: Record<string, unknown> = { assetId: ref };
  for (const k of ['uid', 'hasVideo', 'hasAudio', 'audioSources', 'audioChannels', 'audioRate', 'videoSources', 'format', 'start', 'duration']) {
    const v = asset.attrs[k];
    if (v !== undefined) facts[k] = v;
  }
  const fmt = formatFacts(ctx, asset.attrs['format']);
  if (fmt) facts['formatFacts'] = fmt;
  const proxy = reps.find((r) => r.attrs['kind'] === 'proxy-media');
  if (proxy?.attrs['src'] !== undefined) facts['proxySrc'] = proxy.attrs['src'];
  const name = asset.attrs['name'] ?? '';
  const media: MediaReference =
    src !== undefined && src !== ''
      ? { kind: 'external', url: src, name, availableRange, metadata: { fcpxml: facts } }
      : { kind: 'missing', name, availableRange, metadata: { fcpxml: facts } };
  return { media, rate: mediaRate, hasVideo, hasAudio };
}

/** Speed from a timeMap: exact slope of its segments; the source time of a local time. */
interface Retime {
  readonly effect: Effect | undefined;
  readonly sourceOf: (local: Seconds) => Seconds;
  readonly meta: Metadata | undefined;
}

function retimeOf(node: XmlNode, ctx: Ctx): Retime {
  const map = xmlChild(node, 'timeMap');
  const identity: Retime = { effect: undefined, sourceOf: (s) => s, meta: undefined };
  if (!map) return identity;
  const pts = xmlChildren(map, 'timept').map((p) => ({ time: timeAttr(ctx, p, 'time'), value: timeAttr(ctx, p, 'value'), node: p }));
  if (pts.length === 0) return identity;
  const meta = {
    timeMap: pts.map((p) => ({ time: p.node.attrs['time'] ?? '0s', value: p.node.attrs['value'] ?? '0s', ...(p.node.attrs['interp'] !== undefined ? { interp: p.node.attrs['interp'] } : {}) })),
  };
  const slopes: Seconds[] = [];
  for (let i = 1; i < pts.length; i++) {
    const dt = subtractedSeconds(pts[i]!.time, pts[i - 1]!.time);
    if (dt.n === 0n) continue;
    const dv = subtractedSeconds(pts[i]!.value, pts[i - 1]!.value);
    slopes.push(reducedSeconds(dv.n * dt.d, dv.d * dt.n));
  }
  const first = pts[0]!;
  if (slopes.length === 0) {
    return { effect: { kind: 'freezeFrame', name: 'timeMap', metadata: { fcpxml: meta } }, sourceOf: () => first.value, meta };
  }
  const slope = slopes[0]!;
  const constant = slopes.every((s) => s.n === slope.n && s.d === slope.d);
  const name = node.attrs['name'] ?? '';
  if (!constant) {
    ctx.findings.push(finding('FCPXML_TIMEMAP_VARIABLE', { clip: name, speed: `${slope.n}/${slope.d}` }, { where: whereOf(ctx, map) }));
  }
  const sourceOf = (local: Seconds): Seconds => {
    // Linear through the segment holding `local` (the first or last segment beyond the ends).
    let i = 1;
    while (i < pts.length - 1 && compareSeconds(local, pts[i]!.time) >= 0) i++;
    const a = pts[i - 1]!;
    const b = pts[i] ?? a;
    const dt = subtractedSeconds(b.time, a.time);
    if (dt.n === 0n) return a.value;
    const dv = subtractedSeconds(b.value, a.value);
    const off = subtractedSeconds(local, a.time);
    return addedSeconds(a.value, reducedSeconds(off.n * dv.n * dt.d, off.d * dv.d * dt.n));
  };
  let effect: Effect;
  if (slope.n === 0n) effect = { kind: 'freezeFrame', name: 'timeMap', metadata: { fcpxml: meta } };
  else if (Number.isSafeInteger(Number(slope.n)) && Number.isSafeInteger(Number(slope.d))) {
    effect = { kind: 'linearTimeWarp', name: 'timeMap', timeScalar: { num: Number(slope.n), den: Number(slope.d) }, metadata: { fcpxml: meta } };
  } else {
    // A ratio too large for exact safe integers: kept to a millionth (integer division, no float) and said so.
    const approx = { num: Number((slope.n * 1_000_000n) / slope.d), den: 1_000_000 };
    ctx.findings.push(finding('FCPXML_SPEED_APPROXIMATED', { clip: name, exact: `${slope.n}/${slope.d}`, written: `${approx.num}/${approx.den}` }, { where: whereOf(ctx, map) }));
    effect = { kind: 'linearTimeWarp', name: 'timeMap', timeScalar: approx, metadata: { fcpxml: meta } };
  }
  if (slope.n === 1n && slope.d === 1n) return { effect: undefined, sourceOf, meta };
  return { effect, sourceOf, meta };
}

/** Keys of an element kept in `metadata.fcpxml`. */
function commonMeta(node: XmlNode): Record<string, unknown> {
  const meta: Record<string, unknown> = { element: node.name };
  for (const k of ['lane', 'audioRole', 'videoRole', 'role', 'srcEnable', 'tcFormat', 'format', 'srcCh', 'uid']) {
    const v = node.attrs[k];
    if (v !== undefined) meta[k] = v;
  }
  const cr = xmlChild(node, 'conform-rate');
  if (cr) meta['conformRate'] = { ...cr.attrs };
  const channels = xmlChildren(node, 'audio-channel-source').map((c) => ({ ...c.attrs }));
  if (channels.length > 0) meta['audioChannelSources'] = channels;
  const kws = xmlChildren(node, 'keyword').map((k) => ({ ...k.attrs }));
  if (kws.length > 0) meta['keywords'] = kws;
  const note = xmlChild(node, 'note');
  if (note && note.text.trim() !== '') meta['note'] = note.text.trim();
  return meta;
}

function effectsOf(node: XmlNode, ctx: Ctx): Effect[] {
  const out: Effect[] = [];
  for (const f of [...xmlChildren(node, 'filter-video'), ...xmlChildren(node, 'filter-audio')]) {
    const ref = f.attrs['ref'];
    const res = ref !== undefined ? ctx.resources.get(ref) : undefined;
    const uid = res?.attrs['uid'];
    out.push({
      kind: 'effect',
      name: f.attrs['name'] ?? res?.attrs['name'] ?? '',
      effectName: res?.attrs['name'] ?? f.attrs['name'] ?? '',
      metadata: { fcpxml: { element: f.name, ...(uid !== undefined ? { uid } : {}), ...(f.attrs['enabled'] === '0' ? { enabled: '0' } : {}) } },
    });
  }
  return out;
}

const MARKER_COLOR: Readonly<Record<string, MarkerColor>> = { standard: 'blue', todo: 'red', completed: 'green', chapter: 'orange' };

/** Markers of an element; `toOwner` maps the element's local time to its owner time. */
function markersOf(node: XmlNode, toOwner: (local: Seconds) => Seconds, r: Rate, ctx: Ctx): Marker[] {
  const out: Marker[] = [];
  for (const m of node.children) {
    if (m.name !== 'marker' && m.name !== 'chapter-marker') continue;
    const kind = m.name === 'chapter-marker' ? 'chapter' : m.attrs['completed'] === '1' ? 'completed' : m.attrs['completed'] === '0' ? 'todo' : 'standard';
    const start = toTime(ctx, toOwner(timeAttr(ctx, m, 'start')), r);
    const duration = toTime(ctx, timeAttr(ctx, m, 'duration', reducedSeconds(BigInt(r.den), BigInt(r.num))), r);
    const meta: Record<string, unknown> = { kind };
    if (m.attrs['completed'] !== undefined) meta['completed'] = m.attrs['completed'];
    if (m.attrs['posterOffset'] !== undefined) meta['posterOffset'] = m.attrs['posterOffset'];
    const mdNode = xmlChild(m, 'metadata');
    if (mdNode) meta['md'] = xmlChildren(mdNode, 'md').map((d) => ({ ...d.attrs }));
    const note = m.attrs['note'];
    out.push({
      name: m.attrs['value'] ?? '',
      color: MARKER_COLOR[kind]!,
      markedRange: { start, duration },
      ...(note !== undefined ? { note } : {}),
      metadata: { fcpxml: meta },
    });
  }
  return out;
}

/** An element that refers to an asset (`asset-clip`, `video`, `audio`), read with the timing of `timing` (itself, or the `clip` wrapping it). */
function builtMediaClip(node: XmlNode, timing: XmlNode, ctx: Ctx, mapLocal: (s: Seconds) => Seconds = (s) => s): Built {
  const facts = assetFacts(node.attrs['ref'], node, timing.attrs['format'] ?? node.attrs['format'], ctx);
  const retime = retimeOf(timing, ctx);
  const duration = timeAttr(ctx, timing, 'duration');
  const localStart = timeAttr(ctx, timing, 'start');
  const sourceStart = mapLocal(retime.sourceOf(localStart));
  const meta = commonMeta(timing);
  if (timing !== node) {
    meta['component'] = node.name;
    for (const k of ['role', 'srcCh']) if (node.attrs[k] !== undefined) meta[k] = node.attrs[k];
  }
  if (retime.meta) Object.assign(meta, retime.meta);
  const effects: Effect[] = [...(retime.effect ? [retime.effect] : []), ...effectsOf(timing, ctx)];
  const audioOnly = node.name === 'audio' || timing.attrs['srcEnable'] === 'audio' || (!facts.hasVideo && facts.hasAudio);
  const name = timing.attrs['name'] ?? node.attrs['name'] ?? (facts.media.name ?? '');
  const sourceFile = fileNameOf(facts.media);
  const clip: Clip = {
    kind: 'clip',
    name,
    // The start is a media time (media rate); the duration is the length in the track (timeline rate).
    sourceRange: { start: toTime(ctx, sourceStart, facts.rate), duration: toTime(ctx, duration, ctx.rate) },
    media: facts.media,
    ...(sourceFile !== '' ? { sourceFile } : {}),
    enabled: timing.attrs['enabled'] !== '0',
    markers: markersOf(timing, (s) => mapLocal(retime.sourceOf(s)), facts.rate, ctx),
    effects,
    metadata: { fcpxml: meta },
  };
  return { item: clip, duration, audioOnly };
}

function fileNameOf(media: MediaReference): string {
  if (media.kind !== 'external') return '';
  const path = media.url.split(/[?#]/)[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A `clip`: its video (else audio, else nested asset element) component carries the media; its local time maps onto the component's. */
function builtClip(node: XmlNode, ctx: Ctx): Built | undefined {
  const components = node.children.filter((c) => c.attrs['lane'] === undefined);
  const found = mediaComponentOf(components, ctx);
  if (found) {
    const built = builtMediaClip(found.node, node, ctx, found.map);
    return { ...built, audioOnly: found.video ? built.audioOnly : true };
  }
  const titleComp = components.find((c) => c.name === 'title');
  if (titleComp) return builtTitle(node, ctx, titleComp);
  // A clip wrapping a storyline or several items: a nested composition.
  return builtContainerStack(node, node.children, timeAttr(ctx, node, 'start'), ctx);
}

/**
 * The component of a `clip` that carries its media: a `video` (else `audio`, else
 * `asset-clip`) child, or one hanging from a `gap` child (FCP 10.4 writes a detached audio
 * part as `clip > gap > audio lane="-1"`). `map` takes clip-local time to the media's time:
 * a child's local time is the parent's time - child offset + child start.
 */
function mediaComponentOf(components: readonly XmlNode[], ctx: Ctx): { node: XmlNode; map: (s: Seconds) => Seconds; video: boolean } | undefined {
  const step = (c: XmlNode) => {
    const off = timeAttr(ctx, c, 'offset');
    const st = timeAttr(ctx, c, 'start');
    return (s: Seconds): Seconds => addedSeconds(subtractedSeconds(s, off), st);
  };
  const direct = components.find((c) => c.name === 'video') ?? components.find((c) => c.name === 'audio') ?? components.find((c) => c.name === 'asset-clip');
  if (direct) return { node: direct, map: step(direct), video: direct.name !== 'audio' && components.some((c) => c.name === 'video' || c.name === 'asset-clip') };
  for (const g of components) {
    if (g.name !== 'gap') continue;
    const inner = g.children.find((c) => c.name === 'video') ?? g.children.find((c) => c.name === 'audio');
    if (!inner) continue;
    const outer = step(g);
    const innerMap = step(inner);
    return { node: inner, map: (s) => innerMap(outer(s)), video: inner.name === 'video' };
  }
  return undefined;
}

function builtTitle(node: XmlNode, ctx: Ctx, effectNode: XmlNode = node): Built {
  const ref = effectNode.attrs['ref'];
  const effect = ref !== undefined ? ctx.resources.get(ref) : undefined;
  if (ref !== undefined && !effect) ctx.findings.push(finding('FCPXML_RESOURCE_MISSING', { element: effectNode.name, ref }, { where: whereOf(ctx, effectNode) }));
  const duration = timeAttr(ctx, node, 'duration');
  const local = timeAttr(ctx, node, 'start');
  const meta = commonMeta(node);
  const texts = xmlChildren(node, 'text').map((t) => t.children.map((s) => s.text).join('') || t.text);
  if (texts.length > 0) meta['text'] = texts.join('\n');
  const media: MediaReference = {
    kind: 'generator',
    generatorKind: 'title',
    name: effect?.attrs['name'] ?? '',
    parameters: effect?.attrs['uid'] !== undefined ? { effectUid: effect.attrs['uid'] } : {},
    ...(ref !== undefined ? { metadata: { fcpxml: { effectId: ref } } } : {}),
  };
  const clip: Clip = {
    kind: 'clip',
    name: node.attrs['name'] ?? '',
    sourceRange: { start: toTime(ctx, local, ctx.rate), duration: toTime(ctx, duration, ctx.rate) },
    media,
    enabled: node.attrs['enabled'] !== '0',
    markers: markersOf(node, (s) => s, ctx.rate, ctx),
    effects: effectsOf(node, ctx),
    metadata: { fcpxml: meta },
  };
  return { item: clip, duration, audioOnly: false };
}

/** A Stack over a container's children (a sync-clip, a clip holding a storyline, an angle, a compound's spine). */
function builtContainerStack(node: XmlNode, children: readonly XmlNode[], origin: Seconds, ctx: Ctx, extraMeta: Record<string, unknown> = {}, innerRate: Rate = ctx.rate): Built {
  const outerRate = ctx.rate;
  const duration = timeAttr(ctx, node, 'duration');
  const local = timeAttr(ctx, node, 'start', origin);
  const primaryChildren = children.filter((c) => STORY_ELEMENTS.has(c.name) || c.name === 'spine');
  // A nested storyline (`spine` without lane) is the container's primary storyline.
  const flat = primaryChildren.flatMap((c) => (c.name === 'spine' && c.attrs['lane'] === undefined ? c.children : [c]));
  ctx.rate = innerRate;
  const inner = compositionOf(flat, origin, ctx);
  const tracks = tracksOf(inner, ctx);
  ctx.rate = outerRate;
  const meta = { ...commonMeta(node), ...extraMeta };
  const retime = retimeOf(node, ctx);
  if (retime.meta) Object.assign(meta, retime.meta);
  const stack: Stack = {
    kind: 'stack',
    name: node.attrs['name'] ?? '',
    children: tracks,
    sourceRange: { start: toTime(ctx, subtractedSeconds(retime.sourceOf(local), origin), innerRate), duration: toTime(ctx, duration, outerRate) },
    enabled: node.attrs['enabled'] !== '0',
    markers: markersOf(node, (s) => subtractedSeconds(retime.sourceOf(s), origin), innerRate, ctx),
    effects: [...(retime.effect ? [retime.effect] : []), ...effectsOf(node, ctx)],
    metadata: { fcpxml: meta },
  };
  const audioOnly = tracks.length > 0 && tracks.every((t) => t.trackKind === 'audio');
  return { item: stack, duration, audioOnly };
}

function builtRefClip(node: XmlNode, ctx: Ctx): Built {
  const ref = node.attrs['ref'] ?? '';
  const media = ctx.resources.get(ref);
  const seq = media ? xmlChild(media, 'sequence') : undefined;
  if (!media || !seq) {
    ctx.findings.push(finding('FCPXML_RESOURCE_MISSING', { element: node.name, ref }, { where: whereOf(ctx, node) }));
    return emptyStack(node, ctx, { mediaId: ref });
  }
  if (ctx.compoundStack.includes(ref) || ctx.compoundStack.length >= MAX_COMPOUND_DEPTH) {
    const reason = ctx.compoundStack.includes(ref) ? 'it contains itself' : `compound clips nest deeper than ${MAX_COMPOUND_DEPTH}`;
    ctx.findings.push(finding('FCPXML_NESTING_TOO_DEEP', { ref, reason }, { where: whereOf(ctx, node) }));
    return emptyStack(node, ctx, { mediaId: ref });
  }
  ctx.compoundStack.push(ref);
  const outerRate = ctx.rate;
  try {
    // The compound's own storyline is laid out at its own format's rate.
    const innerRate = formatRateOf(ctx, seq.attrs['format']) ?? outerRate;
    const spine = xmlChild(seq, 'spine');
    const origin = timeAttr(ctx, seq, 'tcStart');
    const extra: Record<string, unknown> = { mediaId: ref, mediaName: media.attrs['name'] ?? '' };
    if (media.attrs['uid'] !== undefined) extra['mediaUid'] = media.attrs['uid'];
    if (seq.attrs['tcStart'] !== undefined) extra['mediaTcStart'] = seq.attrs['tcStart'];
    if (seq.attrs['format'] !== undefined) extra['mediaFormat'] = seq.attrs['format'];
    if (node.attrs['useAudioSubroles'] !== undefined) extra['useAudioSubroles'] = node.attrs['useAudioSubroles'];
    // The compound's own metadata (reel, scene, take, camera) describes everything inside it.
    const md = xmlChildren(xmlChild(seq, 'metadata'), 'md').map((d) => ({ ...d.attrs }));
    if (md.length > 0) extra['mediaMetadata'] = md;
    return builtContainerStack(node, spine ? spine.children : [], origin, ctx, extra, innerRate);
  } finally {
    ctx.compoundStack.pop();
    ctx.rate = outerRate;
  }
}

function emptyStack(node: XmlNode, ctx: Ctx, extra: Record<string, unknown>): Built {
  const duration = timeAttr(ctx, node, 'duration');
  const stack: Stack = {
    kind: 'stack',
    name: node.attrs['name'] ?? '',
    children: [],
    sourceRange: { start: toTime(ctx, timeAttr(ctx, node, 'start'), ctx.rate), duration: toTime(ctx, duration, ctx.rate) },
    enabled: node.attrs['enabled'] !== '0',
    markers: [],
    effects: [],
    metadata: { fcpxml: { ...commonMeta(node), ...extra } },
  };
  return { item: stack, duration, audioOnly: false };
}

function builtSyncClip(node: XmlNode, ctx: Ctx): Built {
  // A sync-clip's children sit in its own local timeline, which starts at 0 unless `start` says otherwise.
  return builtContainerStack(node, node.children, ZERO_SECONDS, ctx);
}

function builtMcClip(node: XmlNode, ctx: Ctx): Built {
  const ref = node.attrs['ref'] ?? '';
  const media = ctx.resources.get(ref);
  const multicam = media ? xmlChild(media, 'multicam') : undefined;
  if (!media || !multicam) {
    ctx.findings.push(finding('FCPXML_RESOURCE_MISSING', { element: node.name, ref }, { where: whereOf(ctx, node) }));
    return emptyStack(node, ctx, { mediaId: ref });
  }
  const sources = xmlChildren(node, 'mc-source');
  const videoSource = sources.find((s) => s.attrs['srcEnable'] === 'video' || s.attrs['srcEnable'] === 'all' || s.attrs['srcEnable'] === undefined);
  const audioSource = sources.find((s) => s.attrs['srcEnable'] === 'audio' || s.attrs['srcEnable'] === 'all' || s.attrs['srcEnable'] === undefined);
  const angles = xmlChildren(multicam, 'mc-angle');
  const angle = angles.find((a) => a.attrs['angleID'] === videoSource?.attrs['angleID']) ?? angles[0];
  const extra: Record<string, unknown> = {
    mediaId: ref,
    mediaName: media.attrs['name'] ?? '',
    videoAngle: angle?.attrs['name'] ?? '',
    ...(audioSource ? { audioAngle: angles.find((a) => a.attrs['angleID'] === audioSource.attrs['angleID'])?.attrs['name'] ?? '' } : {}),
    angles: angles.length,
  };
  return builtContainerStack(node, angle ? angle.children : [], timeAttr(ctx, multicam, 'tcStart'), ctx, extra);
}

function builtAudition(node: XmlNode, ctx: Ctx): Built | undefined {
  const picks = node.children.filter((c) => STORY_ELEMENTS.has(c.name) && c.name !== 'transition' && c.name !== 'spine');
  const active = picks[0];
  if (!active) return undefined;
  if (picks.length > 1) {
    ctx.findings.push(finding('FCPXML_AUDITION_ALTERNATIVES', { clip: active.attrs['name'] ?? '', alternatives: picks.length - 1 }, { where: whereOf(ctx, node) }));
  }
  const built = builtOf(active, ctx);
  if (!built) return undefined;
  const item = built.item;
  if (item.kind === 'clip' || item.kind === 'stack') {
    const prev = (item.metadata['fcpxml'] ?? {}) as Record<string, unknown>;
    const meta = { ...prev, audition: picks.slice(1).map((p) => p.attrs['name'] ?? '') };
    return { ...built, item: { ...item, metadata: { ...item.metadata, fcpxml: meta } } };
  }
  return built;
}

/** Lays out the composition: the primary track, then one track per lane (extra tracks where clips on one lane overlap). */
function tracksOf(comp: Composition, ctx: Ctx): Track[] {
  const primaryKind: TrackKind = comp.primaryAudioOnly ? 'audio' : 'video';
  const lanes = new Map<number, LaneRun[]>();
  for (const run of comp.runs) {
    const list = lanes.get(run.lane) ?? [];
    list.push(run);
    lanes.set(run.lane, list);
  }
  interface Lane {
    readonly lane: number;
    readonly items: TrackItem[];
    cursor: Seconds;
  }
  const placed: Lane[] = [];
  const byLane = [...lanes.keys()].sort((a, b) => (a > 0 && b > 0 ? a - b : a < 0 && b < 0 ? b - a : b - a));
  for (const lane of byLane) {
    const runs = lanes.get(lane)!.sort((a, b) => compareSeconds(a.start, b.start) || a.order - b.order);
    const mine: Lane[] = [];
    for (const run of runs) {
      let target = mine.find((l) => compareSeconds(l.cursor, run.start) <= 0);
      if (!target) {
        target = { lane, items: [], cursor: ZERO_SECONDS };
        if (mine.length > 0) {
          ctx.findings.push(finding('FCPXML_LANE_OVERLAP', { lane, clip: run.name, track: `lane ${lane} #${mine.length + 1}` }, { where: { ...(ctx.file !== undefined ? { file: ctx.file } : {}), timeline: ctx.timelineName } }));
        }
        mine.push(target);
      }
      const lead = subtractedSeconds(run.start, target.cursor);
      if (compareSeconds(lead, ZERO_SECONDS) > 0) target.items.push(gapOf('', lead, [], {}, ctx));
      target.items.push(...run.items);
      target.cursor = addedSeconds(run.start, run.duration);
    }
    placed.push(...mine);
  }
  const video: Track[] = [];
  const audio: Track[] = [];
  const primaryTrack = (name: string): Track => ({
    kind: 'track',
    name,
    trackKind: primaryKind,
    children: comp.primary,
    enabled: true,
    markers: [],
    metadata: { fcpxml: { lane: 0 } },
  });
  if (primaryKind === 'video') video.push(primaryTrack('V1'));
  else audio.push(primaryTrack('A1'));
  for (const l of placed) {
    const kind: TrackKind = l.lane > 0 ? 'video' : 'audio';
    const list = kind === 'video' ? video : audio;
    list.push({
      kind: 'track',
      name: `${kind === 'video' ? 'V' : 'A'}${list.length + 1}`,
      trackKind: kind,
      children: l.items,
      enabled: true,
      markers: [],
      metadata: { fcpxml: { lane: l.lane } },
    });
  }
  return [...video, ...audio];
}
