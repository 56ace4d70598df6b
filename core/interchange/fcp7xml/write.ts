import { escapeXml, finding, type Finding } from '../../findings/index.ts';
import {
  formatTimecode,
  frameRate,
  rescaledExactly,
  rescaledTo,
  rt,
  ticksFromTime,
  type Rate,
  type TimeRange,
} from '../../time/index.ts';
import {
  itemDurationFrames,
  timelineDuration,
  type Clip,
  type Effect,
  type Marker,
  type MarkerColor,
  type MediaReference,
  type Stack,
  type Timeline,
  type Track,
  type TrackItem,
} from '../../timeline/index.ts';
import type { WriteResult } from '../types.ts';
import { XMEML_DEFAULT_MARKER_COLOR, dfCapable, fileUrlFromPath, pproColorOf, xmemlTimebase } from './common.ts';

/**
 * Writes a Timeline as FCP7 XML in the structure Premiere Pro's own "Export > Final Cut Pro
 * XML" uses (the otio-fcp fixtures are Premiere exports), which Premiere and Resolve both import:
 * `<!DOCTYPE xmeml>`, `<xmeml version="4">`, one `<sequence>` with `<media><video>` (a `<format>`
 * then one `<track>` per video track) and `<media><audio>` (an output bus, then each audio
 * track exploded into its channel tracks: a stereo track is two `<track>`s with
 * `currentExplodedTrackIndex` 0/1, clipitems with `premiereChannelType="stereo"` and
 * `<sourcetrack><trackindex>` 1/2, `<outputchannelindex>` 1/2), the sequence `<timecode>`,
 * markers and labels.
 *
 * Each media file is written in full at its first use (`<file id="file-N">` with pathurl,
 * rate, duration, timecode and reel) and by id only afterwards. Clips next to a transition get
 * `-1` as their `start`/`end` and in/out that span the whole transition, with the transition's
 * `cutPointTicks` and `<alignment>`. Speed is the Time Remap filter. Premiere ticks
 * (`pproTicksIn`/`pproTicksOut`) are written wherever the time is a whole number of ticks.
 *
 * Format extras read by readFcp7Xml (`metadata.fcp7xml`: ids, attributes, labels, channel
 * tracks, colours) are written back, so read -> write -> read gives the same timeline.
 */

export interface Fcp7WriteOptions {
  /** The xmeml version attribute. Default: the version the timeline was read from, else 4 (Premiere's). */
  readonly version?: '4' | '5';
  /** Sequence frame size when the timeline does not carry one (`metadata.fcp7xml.width/height`); without either none is written and the host uses its default. */
  readonly width?: number;
  readonly height?: number;
  /** Channel tracks per audio track when the track does not say (`metadata.fcp7xml.channelTracks`). Default 2 (stereo). */
  readonly audioChannelTracks?: 1 | 2;
}

type Rec = Readonly<Record<string, unknown>>;

function fcp(meta: Rec | undefined): Rec {
  const v = meta?.['fcp7xml'];
  return v && typeof v === 'object' ? (v as Rec) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function rec(v: unknown): Readonly<Record<string, string>> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out[k] = x;
  return out;
}

const XML_NAME = /^[A-Za-z_:][-\w.:]*$/;

const NEEDS_ESCAPE = /[&<>"']/;
const INDENT: string[] = [];

function indent(depth: number): string {
  return (INDENT[depth] ??= '\t'.repeat(depth));
}

function escaped(text: string): string {
  return NEEDS_ESCAPE.test(text) ? escapeXml(text) : text;
}

/** Tab-indented element writer, one element a line, as Premiere writes xmeml. */
class Out {
  readonly parts: string[] = [];
  depth = 0;
  open(name: string, attrs?: Readonly<Record<string, string>>): void {
    this.parts.push(`${indent(this.depth)}<${name}${attrs ? attrText(attrs) : ''}>\n`);
    this.depth++;
  }
  close(name: string): void {
    this.depth--;
    this.parts.push(`${indent(this.depth)}</${name}>\n`);
  }
  leaf(name: string, value: string | number): void {
    this.parts.push(`${indent(this.depth)}<${name}>${typeof value === 'number' ? value : escaped(value)}</${name}>\n`);
  }
  empty(name: string, attrs?: Readonly<Record<string, string>>): void {
    this.parts.push(`${indent(this.depth)}<${name}${attrs ? attrText(attrs) : ''}/>\n`);
  }
}

function attrText(attrs: Readonly<Record<string, string>>): string {
  let s = '';
  for (const k in attrs) if (XML_NAME.test(k)) s += ` ${k}="${escaped(attrs[k]!)}"`;
  return s;
}

const bool = (b: boolean): string => (b ? 'TRUE' : 'FALSE');

interface State {
  readonly out: Out;
  readonly findings: Finding[];
  readonly timelineName: string;
  readonly options: Fcp7WriteOptions;
  /** Media key -> file id, for files already written in full. */
  readonly files: Map<string, string>;
  readonly fileIdsUsed: Set<string>;
  readonly clipIdsUsed: Set<string>;
  readonly sequenceIdsUsed: Set<string>;
  /** Ids the timeline carries (file and sequence ids read from a source), never handed out to others. */
  readonly reserved: Set<string>;
  /** Nested sequences already written in full, by content, so later uses refer back by id. */
  readonly nested: Map<string, string>;
  fileCounter: number;
  sequenceCounter: number;
}

function uniqueId(used: Set<string>, reserved: Set<string>, wanted: string | undefined, make: () => string): string {
  if (wanted !== undefined && wanted !== '' && !used.has(wanted)) {
    used.add(wanted);
    return wanted;
  }
  let id = make();
  while (used.has(id) || reserved.has(id)) id = make();
  used.add(id);
  return id;
}

function reservedIds(tl: Timeline): Set<string> {
  const ids = new Set<string>();
  const seqId = str(fcp(tl.metadata)['sequenceId']);
  if (seqId !== undefined) ids.add(seqId);
  const walk = (tracks: readonly Track[]): void => {
    for (const t of tracks)
      for (const c of t.children) {
        if (c.kind === 'clip') {
          const id = str(fcp(c.media.metadata)['fileId']);
          if (id !== undefined) ids.add(id);
        } else if (c.kind === 'stack') walk(c.children);
      }
  };
  walk(tl.tracks);
  return ids;
}

export function writeFcp7Xml(timeline: Timeline, options: Fcp7WriteOptions = {}): WriteResult {
  const out = new Out();
  const findings: Finding[] = [];
  const meta = fcp(timeline.metadata);
  const version = options.version ?? (str(meta['version']) === '5' ? '5' : '4');
  const st: State = {
    out,
    findings,
    timelineName: timeline.name,
    options,
    files: new Map(),
    fileIdsUsed: new Set(),
    clipIdsUsed: new Set(),
    sequenceIdsUsed: new Set(),
    reserved: reservedIds(timeline),
    nested: new Map(),
    fileCounter: 0,
    sequenceCounter: 0,
  };
  out.parts.push('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xmeml>\n');
  out.open('xmeml', { version });
  const r: Rate = timeline.rate;
  const start = rescaledTo(timeline.globalStart, r, 'round');
  const seqAttrs: Record<string, string> = { ...(rec(meta['attributes']) ?? {}) };
  if (!('explodedTracks' in seqAttrs) && timeline.tracks.some((t) => t.trackKind === 'audio' && channelTracksOf(t, st) > 1)) seqAttrs['explodedTracks'] = 'true';
  writeSequence(st, {
    id: str(meta['sequenceId']),
    attrs: seqAttrs,
    uuid: str(meta['uuid']),
    name: timeline.name,
    rate: r,
    dropFrame: timeline.rate.dropFrame,
    startFrame: start,
    duration: timelineDuration(timeline).value,
    tracks: timeline.tracks,
    markers: timeline.markers,
    labels: rec(meta['labels']),
    width: num(meta['width']) ?? options.width,
    height: num(meta['height']) ?? options.height,
  });
  out.close('xmeml');
  return { text: out.parts.join(''), findings };
}

interface SequenceSpec {
  readonly id: string | undefined;
  readonly attrs: Readonly<Record<string, string>>;
  readonly uuid: string | undefined;
  readonly name: string;
  readonly rate: Rate;
  readonly dropFrame: boolean;
  readonly startFrame: number;
  readonly duration: number;
  readonly tracks: readonly Track[];
  readonly markers: readonly Marker[];
  readonly labels: Readonly<Record<string, string>> | undefined;
  readonly width: number | undefined;
  readonly height: number | undefined;
  /** The content key of a nested sequence, so later uses of the same content refer back by id. */
  readonly nestedKey?: string;
}

function writeRate(out: Out, r: Rate): void {
  const tb = xmemlTimebase(r) ?? { timebase: Math.round(r.num / r.den), ntsc: false };
  out.open('rate');
  out.leaf('timebase', tb.timebase);
  out.leaf('ntsc', bool(tb.ntsc));
  out.close('rate');
}

function writeSequence(st: State, s: SequenceSpec): void {
  const { out } = st;
  const id = uniqueId(st.sequenceIdsUsed, st.reserved, s.id, () => `sequence-${++st.sequenceCounter}`);
  if (s.nestedKey !== undefined) st.nested.set(s.nestedKey, id);
  if (!xmemlTimebase(s.rate)) {
    st.findings.push(finding('FCP7_WRITE_TIME_ROUNDED', { clip: s.name, what: `the sequence rate ${s.rate.num}/${s.rate.den} (xmeml spells only N and N*1000/1001)` }));
  }
  out.open('sequence', { id, ...s.attrs });
  if (s.uuid) out.leaf('uuid', s.uuid);
  out.leaf('duration', s.duration);
  writeRate(out, s.rate);
  out.leaf('name', s.name);
  out.open('media');
  out.open('video');
  out.open('format');
  out.open('samplecharacteristics');
  writeRate(out, s.rate);
  if (s.width !== undefined) out.leaf('width', s.width);
  if (s.height !== undefined) out.leaf('height', s.height);
  out.leaf('anamorphic', 'FALSE');
  out.leaf('pixelaspectratio', 'square');
  out.leaf('fielddominance', 'none');
  out.close('samplecharacteristics');
  out.close('format');
  const video = s.tracks.filter((t) => t.trackKind === 'video');
  const audio = s.tracks.filter((t) => t.trackKind === 'audio');
  video.forEach((t, i) => writeTrack(st, t, s.rate, { kind: 'video', index: i + 1 }));
  out.close('video');
  out.open('audio');
  out.leaf('numOutputChannels', 2);
  out.open('format');
  out.open('samplecharacteristics');
  out.leaf('depth', 16);
  out.leaf('samplerate', 48000);
  out.close('samplecharacteristics');
  out.close('format');
  out.open('outputs');
  for (const ch of [1, 2]) {
    out.open('group');
    out.leaf('index', ch);
    out.leaf('numchannels', 1);
    out.leaf('downmix', 0);
    out.open('channel');
    out.leaf('index', ch);
    out.close('channel');
    out.close('group');
  }
  out.close('outputs');
  let xmlTrackIndex = 0;
  for (const t of audio) {
    const n = channelTracksOf(t, st);
    for (let ch = 0; ch < n; ch++) writeTrack(st, t, s.rate, { kind: 'audio', index: ++xmlTrackIndex, channel: ch, channels: n });
  }
  out.close('audio');
  out.close('media');
  writeTimecode(out, s.rate, s.startFrame, s.dropFrame && dfCapable(s.rate), undefined);
  for (const m of s.markers) writeMarker(out, m, rescaledTo(m.markedRange.start, s.rate, 'round'), rescaledTo(m.markedRange.duration, s.rate, 'round'));
  writeLabels(out, s.labels);
  out.close('sequence');
}

function channelTracksOf(t: Track, st: State): number {
  const n = num(fcp(t.metadata)['channelTracks']);
  return n !== undefined && n >= 1 && n <= 16 ? Math.floor(n) : (st.options.audioChannelTracks ?? 2);
}

function writeTimecode(out: Out, r: Rate, frame: number, df: boolean, reel: string | undefined): void {
  out.open('timecode');
  writeRate(out, r);
  const label = formatTimecode(frame, frameRate(r.num, r.den, df), { wrap24h: true });
  out.leaf('string', label.ok ? label.value : '00:00:00:00');
  out.leaf('frame', frame);
  out.leaf('displayformat', df ? 'DF' : 'NDF');
  if (reel !== undefined) {
    out.open('reel');
    out.leaf('name', reel);
    out.close('reel');
  }
  out.close('timecode');
}

function writeLabels(out: Out, labels: Readonly<Record<string, string>> | undefined): void {
  if (!labels || Object.keys(labels).length === 0) return;
  out.open('labels');
  for (const [k, v] of Object.entries(labels)) if (XML_NAME.test(k)) out.leaf(k, v);
  out.close('labels');
}

function writeMarker(out: Out, m: Marker, inFrame: number, durationFrames: number): void {
  const meta = fcp(m.metadata);
  out.open('marker');
  out.leaf('comment', m.note ?? '');
  out.leaf('name', m.name);
  out.leaf('in', inFrame);
  out.leaf('out', durationFrames > 0 ? inFrame + durationFrames : -1);
  const ppro = str(meta['pproColor']);
  const rgb = meta['rgb'];
  if (ppro !== undefined) out.leaf('pproColor', ppro);
  else if (Array.isArray(rgb) && rgb.length === 3) {
    out.open('color');
    out.leaf('alpha', 0);
    out.leaf('red', Number(rgb[0]));
    out.leaf('green', Number(rgb[1]));
    out.leaf('blue', Number(rgb[2]));
    out.close('color');
  } else if (m.color !== XMEML_DEFAULT_MARKER_COLOR) out.leaf('pproColor', pproColorOf(m.color as MarkerColor));
  out.close('marker');
}

interface TrackSpec {
  readonly kind: 'video' | 'audio';
  /** 1-based index of the XML track among its kind. */
  readonly index: number;
  /** 0-based channel of an exploded audio track. */
  readonly channel?: number;
  readonly channels?: number;
}

interface Placed {
  readonly item: Clip | Stack;
  readonly recStart: number;
  readonly recEnd: number;
  /** Record frames borrowed before the cut / after it by adjacent transitions. */
  readonly head: number;
  readonly tail: number;
}

function writeTrack(st: State, t: Track, r: Rate, spec: TrackSpec): void {
  const { out } = st;
  const meta = fcp(t.metadata);
  const attrs: Record<string, string> = { ...(rec(meta['attributes']) ?? {}) };
  if (spec.kind === 'audio') {
    attrs['currentExplodedTrackIndex'] = String(spec.channel ?? 0);
    attrs['totalExplodedTrackCount'] = String(spec.channels ?? 1);
    if (!('premiereTrackType' in attrs)) attrs['premiereTrackType'] = (spec.channels ?? 1) === 2 ? 'Stereo' : 'Mono';
  }
  out.open('track', attrs);
  if (t.name !== '') out.leaf('name', t.name);
  if (!spec.channel) for (const m of t.markers) st.findings.push(finding('FCP7_WRITE_MARKER_DROPPED', { track: t.name || `${spec.kind === 'video' ? 'V' : 'A'}${spec.index}`, marker: m.name }));
  // Record placement of every item, with the frames each transition borrows from its neighbours.
  let cursor = 0;
  const items: (Placed | { transition: TrackItem & { kind: 'transition' }; cut: number; inF: number; outF: number; prev: TrackItem | undefined; next: TrackItem | undefined })[] = [];
  t.children.forEach((child, i) => {
    if (child.kind === 'transition') {
      const inF = rescaledTo(child.inOffset, r, 'round');
      const outF = rescaledTo(child.outOffset, r, 'round');
      items.push({ transition: child, cut: cursor, inF, outF, prev: t.children[i - 1], next: t.children[i + 1] });
      return;
    }
    const d = itemDurationFrames(child, r);
    if (child.kind === 'clip' || child.kind === 'stack') {
      const prev = t.children[i - 1];
      const next = t.children[i + 1];
      const head = prev?.kind === 'transition' ? rescaledTo(prev.inOffset, r, 'round') : 0;
      const tail = next?.kind === 'transition' ? rescaledTo(next.outOffset, r, 'round') : 0;
      items.push({ item: child, recStart: cursor, recEnd: cursor + d, head, tail });
    }
    cursor += d;
  });
  for (const it of items) {
    if ('transition' in it) writeTransition(st, it.transition, r, it.cut, it.inF, it.outF, it.prev, it.next, t.name);
    else writeClipItem(st, it, r, spec);
  }
  out.leaf('enabled', bool(t.enabled));
  out.leaf('locked', bool(meta['locked'] === true));
  if (spec.kind === 'audio') out.leaf('outputchannelindex', (spec.channel ?? 0) + 1);
  out.close('track');
}

function writeTransition(
  st: State,
  tr: TrackItem & { kind: 'transition' },
  r: Rate,
  cut: number,
  inF: number,
  outF: number,
  prev: TrackItem | undefined,
  next: TrackItem | undefined,
  trackName: string,
): void {
  const { out } = st;
  if (inF < 0 || outF < 0 || inF + outF === 0) {
    st.findings.push(finding('FCP7_WRITE_TRANSITION_DROPPED', { track: trackName || 'a track', reason: 'it has no length' }));
    return;
  }
  const meta = fcp(tr.metadata);
  const prevIsMedia = prev?.kind === 'clip' || prev?.kind === 'stack';
  const nextIsMedia = next?.kind === 'clip' || next?.kind === 'stack';
  const alignment =
    str(meta['alignment']) ?? (!prevIsMedia ? 'start-black' : !nextIsMedia ? 'end-black' : inF === 0 ? 'start' : outF === 0 ? 'end' : 'center');
  out.open('transitionitem');
  out.leaf('start', cut - inF);
  out.leaf('end', cut + outF);
  out.leaf('alignment', alignment);
  const ticks = ticksFromTime(rt(inF, r));
  if (ticks.ok) out.leaf('cutPointTicks', ticks.value.toString());
  writeRate(out, r);
  const isWipe = tr.transitionType === 'wipe';
  out.open('effect');
  out.leaf('name', tr.name || (isWipe ? 'Wipe' : 'Cross Dissolve'));
  out.leaf('effectid', str(meta['effectId']) ?? (isWipe ? 'Wipe' : 'Cross Dissolve'));
  out.leaf('effectcategory', str(meta['effectCategory']) ?? (isWipe ? 'Wipe' : 'Dissolve'));
  out.leaf('effecttype', str(meta['effectType']) ?? 'transition');
  out.leaf('mediatype', str(meta['mediaType']) ?? 'video');
  out.leaf('wipecode', str(meta['wipeCode']) ?? '0');
  out.leaf('wipeaccuracy', 100);
  out.leaf('startratio', 0);
  out.leaf('endratio', 1);
  out.leaf('reverse', 'FALSE');
  out.close('effect');
  out.close('transitionitem');
}

/** Source frames per record frame as a ratio, its sign, and whether the item is a freeze. */
function speedOfItem(effects: readonly Effect[]): { num: number; den: number; freeze: boolean } {
  for (const e of effects) {
    if (e.kind === 'freezeFrame') return { num: 0, den: 1, freeze: true };
    if (e.kind === 'linearTimeWarp') return { num: e.timeScalar.num, den: e.timeScalar.den, freeze: false };
  }
  return { num: 1, den: 1, freeze: false };
}

function sourceTc(media: MediaReference): { frame: number; rate: Rate } | undefined {
  if (media.availableRange) return { frame: media.availableRange.start.value, rate: media.availableRange.start.rate };
  return storedTimecode(media);
}

/** The source timecode the reader kept for a file without a `<duration>` (so without an availableRange). */
function storedTimecode(media: MediaReference): { frame: number; rate: Rate } | undefined {
  const tc = fcp(media.metadata)['sourceTimecode'] as { frame?: unknown; rate?: { num?: unknown; den?: unknown } } | undefined;
  if (!tc || typeof tc.frame !== 'number' || typeof tc.rate?.num !== 'number' || typeof tc.rate.den !== 'number') return undefined;
  return { frame: tc.frame, rate: { num: tc.rate.num, den: tc.rate.den } };
}

function frames(st: State, clipName: string, value: number, from: Rate, to: Rate, what: string): number {
  if (from.num === to.num && from.den === to.den) return value;
  const exact = rescaledExactly(rt(value, from), to);
  if (exact !== undefined) return exact;
  st.findings.push(finding('FCP7_WRITE_TIME_ROUNDED', { clip: clipName, what }));
  return rescaledTo(rt(value, from), to, 'round');
}

function writeClipItem(st: State, p: Placed, r: Rate, spec: TrackSpec): void {
  const { out } = st;
  const item = p.item;
  const meta = fcp(item.metadata);
  const sr: TimeRange | undefined = item.sourceRange;
  const clipRate: Rate = sr ? sr.start.rate : r;
  const speed = speedOfItem(item.effects);
  const mag = Math.abs(speed.num / speed.den);
  const reverse = speed.num < 0;
  const isGeneratorItem = item.kind === 'clip' && item.media.kind === 'generator' && fcp(item.media.metadata)['fileId'] === undefined;

  const tc = item.kind === 'clip' ? sourceTc(item.media) : undefined;
  const tcFrames = tc ? frames(st, item.name, tc.frame, tc.rate, clipRate, 'the source timecode') : 0;
  const recLen = p.recEnd - p.recStart;
  const lenSrc = sr ? sr.duration.value : frames(st, item.name, recLen, r, clipRate, 'the length');
  const headSrc = Math.round(frames(st, item.name, p.head, r, clipRate, 'a transition head') * mag);
  const tailSrc = Math.round(frames(st, item.name, p.tail, r, clipRate, 'a transition tail') * mag);
  const first = sr ? sr.start.value : 0;
  // in/out count media frames from the first frame of the file (not its timecode), at the clip rate.
  let inF: number;
  let outF: number;
  if (speed.freeze) {
    inF = first - tcFrames;
    outF = inF + 1;
  } else if (reverse) {
    outF = first - tcFrames + 1 + headSrc;
    inF = outF - Math.round(lenSrc * mag) - headSrc - tailSrc;
  } else {
    inF = first - tcFrames - headSrc;
    outF = first - tcFrames + Math.round(lenSrc * mag) + tailSrc;
  }

  const elementName = isGeneratorItem ? 'generatoritem' : 'clipitem';
  // Clipitem ids are written only as the source had them (nothing refers to a clipitem here;
  // Hiero writes none and Premiere imports that), and only on the first channel of a pair.
  const wantedId = spec.channel ? undefined : str(meta['clipitemId']);
  const attrs: Record<string, string> = {
    ...(wantedId !== undefined && !st.clipIdsUsed.has(wantedId) ? { id: wantedId } : {}),
    ...(rec(meta['attributes']) ?? {}),
  };
  if (attrs['id'] !== undefined) st.clipIdsUsed.add(attrs['id']);
  if (spec.kind === 'audio' && !isGeneratorItem) attrs['premiereChannelType'] = (spec.channels ?? 1) === 2 ? 'stereo' : 'mono';
  out.open(elementName, attrs);
  const fileKey = item.kind === 'clip' ? mediaKey(item) : undefined;
  const master = str(meta['masterClipId']);
  if (master !== undefined) out.leaf('masterclipid', master);
  out.leaf('name', item.name);
  out.leaf('enabled', bool(item.enabled));
  const mediaDuration = item.kind === 'clip' && item.media.availableRange ? frames(st, item.name, item.media.availableRange.duration.value, item.media.availableRange.duration.rate, clipRate, 'the media length') : Math.max(outF, 0);
  out.leaf('duration', mediaDuration);
  writeRate(out, clipRate);
  out.leaf('start', p.head > 0 ? -1 : p.recStart);
  out.leaf('end', p.tail > 0 ? -1 : p.recEnd);
  out.leaf('in', inF);
  out.leaf('out', outF);
  const ti = ticksFromTime(rt(inF, clipRate));
  const to = ticksFromTime(rt(outF, clipRate));
  if (ti.ok && to.ok && !isGeneratorItem) {
    out.leaf('pproTicksIn', ti.value.toString());
    out.leaf('pproTicksOut', to.value.toString());
  }
  if (item.kind === 'stack') {
    const key = JSON.stringify(item.children);
    const known = st.nested.get(key);
    if (known !== undefined) out.empty('sequence', { id: known });
    else writeSequence(st, {
      id: undefined,
      attrs: {},
      uuid: undefined,
      name: item.name,
      rate: r,
      dropFrame: false,
      startFrame: 0,
      duration: Math.max(0, ...item.children.map((t) => t.children.reduce((a, c) => a + itemDurationFrames(c, r), 0))),
      tracks: item.children,
      markers: [],
      labels: undefined,
      width: st.options.width,
      height: st.options.height,
      nestedKey: key,
    });
  } else if (isGeneratorItem) {
    writeGeneratorEffect(out, item.media as MediaReference & { kind: 'generator' }, spec.kind);
  } else if (!(item.media.kind === 'missing' && !item.media.availableRange && item.media.metadata === undefined && item.reel === undefined)) {
    // A clipitem without any <file> reads as missing media named after the clip; write none back.
    writeFile(st, item, fileKey!, clipRate);
  }
  if (spec.kind === 'audio' && !isGeneratorItem) {
    out.open('sourcetrack');
    out.leaf('mediatype', 'audio');
    out.leaf('trackindex', (spec.channel ?? 0) + 1);
    out.close('sourcetrack');
  }
  writeFilters(st, item, speed, reverse, spec.kind);
  for (const m of item.markers) {
    const mIn = frames(st, item.name, m.markedRange.start.value, m.markedRange.start.rate, clipRate, `marker "${m.name}"`) - tcFrames;
    const mDur = frames(st, item.name, m.markedRange.duration.value, m.markedRange.duration.rate, clipRate, `marker "${m.name}" length`);
    writeMarker(out, m, mIn, mDur);
  }
  writeLabels(out, rec(meta['labels']));
  out.close(elementName);
}

function mediaKey(c: Clip): string {
  const m = c.media;
  const id = str(fcp(m.metadata)['fileId']);
  if (id !== undefined) return `id:${id}`;
  if (m.kind === 'external') return `url:${m.url}`;
  return `name:${m.kind}:${m.name ?? c.name}`;
}

function writeFile(st: State, c: Clip, key: string, clipRate: Rate): void {
  const { out } = st;
  const existing = st.files.get(key);
  if (existing !== undefined) {
    out.empty('file', { id: existing });
    return;
  }
  const m = c.media;
  const meta = fcp(m.metadata);
  const id = uniqueId(st.fileIdsUsed, st.reserved, str(meta['fileId']), () => `file-${++st.fileCounter}`);
  st.files.set(key, id);
  out.open('file', { id });
  out.leaf('name', m.name ?? c.sourceFile ?? c.name);
  if (m.kind === 'external') out.leaf('pathurl', /^[a-z]+:\/\//i.test(m.url) ? m.url : fileUrlFromPath(m.url));
  if (m.kind === 'generator') out.leaf('mediaSource', m.generatorKind);
  const metaRate = meta['rate'] as Rate | undefined;
  const avail = m.availableRange;
  const fileRate: Rate = metaRate && typeof metaRate.num === 'number' && typeof metaRate.den === 'number' ? metaRate : (avail?.start.rate ?? storedTimecode(m)?.rate ?? clipRate);
  writeRate(out, fileRate);
  if (avail) {
    out.leaf('duration', frames(st, c.name, avail.duration.value, avail.duration.rate, fileRate, 'the media length'));
    const df = (m.metadata?.['dropFrame'] === true || meta['dropFrame'] === true) && dfCapable(avail.start.rate);
    writeTimecode(out, avail.start.rate, avail.start.value, df, c.reel);
  } else {
    const tc = storedTimecode(m);
    const df = (m.metadata?.['dropFrame'] === true || meta['dropFrame'] === true) && tc !== undefined && dfCapable(tc.rate);
    if (tc) writeTimecode(out, tc.rate, tc.frame, df, c.reel);
    else if (c.reel !== undefined) writeTimecode(out, clipRate, 0, false, c.reel);
  }
  const width = num(meta['width']);
  const height = num(meta['height']);
  const channels = num(meta['audioChannels']);
  if (width !== undefined || height !== undefined || channels !== undefined) {
    out.open('media');
    if (width !== undefined || height !== undefined) {
      out.open('video');
      out.open('samplecharacteristics');
      writeRate(out, fileRate);
      if (width !== undefined) out.leaf('width', width);
      if (height !== undefined) out.leaf('height', height);
      out.close('samplecharacteristics');
      out.close('video');
    }
    if (channels !== undefined) {
      out.open('audio');
      out.leaf('channelcount', channels);
      out.close('audio');
    }
    out.close('media');
  }
  out.close('file');
}

function writeGeneratorEffect(out: Out, g: MediaReference & { kind: 'generator' }, kind: 'video' | 'audio'): void {
  const meta = fcp(g.metadata);
  out.open('effect');
  out.leaf('name', str(meta['effectName']) ?? g.generatorKind);
  out.leaf('effectid', g.generatorKind);
  out.leaf('effectcategory', str(meta['effectCategory']) ?? 'Matte');
  out.leaf('effecttype', 'generator');
  out.leaf('mediatype', str(meta['mediaType']) ?? kind);
  for (const [k, v] of Object.entries(g.parameters ?? {})) {
    out.open('parameter', { authoringApp: 'PremierePro' });
    out.leaf('parameterid', k);
    out.leaf('name', k);
    if (v && typeof v === 'object') {
      out.open('value');
      for (const [ck, cv] of Object.entries(v as Record<string, unknown>)) if (XML_NAME.test(ck)) out.leaf(ck, String(cv));
      out.close('value');
    } else out.leaf('value', String(v));
    out.close('parameter');
  }
  out.close('effect');
}

function writeFilters(st: State, item: Clip | Stack, speed: { num: number; den: number; freeze: boolean }, reverse: boolean, kind: 'video' | 'audio'): void {
  const { out } = st;
  for (const e of item.effects) {
    const meta = fcp(e.metadata);
    out.open('filter');
    if (meta['enabled'] === false) out.leaf('enabled', 'FALSE');
    out.open('effect');
    if (e.kind === 'linearTimeWarp' || e.kind === 'freezeFrame') {
      const pct = speed.freeze ? '0' : (str(meta['speedParameter']) ?? percent(Math.abs(speed.num), speed.den));
      out.leaf('name', e.name || 'Time Remap');
      out.leaf('effectid', 'timeremap');
      out.leaf('effectcategory', 'motion');
      out.leaf('effecttype', 'motion');
      out.leaf('mediatype', kind);
      const param = (id: string, value: string, range?: [number, number]): void => {
        out.open('parameter', { authoringApp: 'PremierePro' });
        out.leaf('parameterid', id);
        out.leaf('name', id);
        if (range) {
          out.leaf('valuemin', range[0]);
          out.leaf('valuemax', range[1]);
        }
        out.leaf('value', value);
        out.close('parameter');
      };
      param('variablespeed', '0', [0, 1]);
      param('speed', pct, [-100000, 100000]);
      param('reverse', bool(reverse));
      param('frameblending', 'FALSE');
    } else {
      out.leaf('name', e.name);
      out.leaf('effectid', e.effectName);
      out.leaf('effectcategory', str(meta['effectCategory']) ?? '');
      out.leaf('effecttype', str(meta['effectType']) ?? 'filter');
      out.leaf('mediatype', str(meta['mediaType']) ?? kind);
    }
    out.close('effect');
    out.close('filter');
  }
}

/** 100 * num / den as a decimal with up to 6 places (the Time Remap `speed` parameter is a percent). */
function percent(n: number, d: number): string {
  const scaled = Math.round((100 * n * 1e6) / d);
  const s = (scaled / 1e6).toFixed(6).replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
}
