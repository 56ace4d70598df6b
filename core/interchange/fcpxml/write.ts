import { escapeXml, finding, type Finding } from '../../findings/index.ts';
import { nominalFps, type Rate, type RationalTime } from '../../time/index.ts';
import type { Clip, Effect, Gap, Marker, MediaReference, Stack, Timeline, Track, TrackItem } from '../../timeline/index.ts';
import type { WriteResult } from '../types.ts';
import {
  addedSeconds,
  compareSeconds,
  formatFcpxmlTime,
  frameDurationOf,
  multipliedSeconds,
  reducedSeconds,
  subtractedSeconds,
  timeToSeconds,
  ZERO_SECONDS,
  type Seconds,
} from './time.ts';

/**
 * Writes a timeline as FCPXML in the structure Final Cut Pro and DaVinci Resolve export:
 *
 *   fcpxml > resources (format, asset [+ media-rep from 1.9], effect, media for compounds)
 *          > library > event > project > sequence > spine
 *
 * - The primary storyline is the first video track (the first audio track when there is no
 *   video). Every other track becomes connected clips on a lane (V2 -> lane 1, V3 -> lane 2,
 *   A1 -> lane -1, ...), each anchored to the primary element that covers its record start,
 *   with its offset in that element's local time. A run of several items or with transitions
 *   on a lane is written as a secondary storyline (`spine lane=N`).
 * - Clips become `asset-clip`s of one `asset` per media (`src` on the asset in 1.8, a
 *   `media-rep` from 1.9 on); a title generator becomes `title`; a Stack becomes a `ref-clip`
 *   of a compound (`media > sequence`); a Gap a `gap`; a Transition a Cross Dissolve.
 * - Speed becomes a `timeMap` (a LinearTimeWarp as two points with the exact slope, a
 *   FreezeFrame as two points with one value); markers become `marker`, to-do markers and
 *   `chapter-marker` by their kind (or colour: red to-do, green completed, orange chapter).
 * - Times are written exactly: `N/Ds` with the rate's own denominator (`1001/24000s`).
 * What FCPXML cannot carry (other generators, marker colours, transitions on connected
 * tracks outside a storyline, missing media URLs) is listed in FCPXML_WRITE_NOT_EXPRESSIBLE.
 */

export const FCPXML_WRITE_VERSIONS = ['1.8', '1.9', '1.10', '1.11', '1.12', '1.13'] as const;
export type FcpxmlVersion = (typeof FCPXML_WRITE_VERSIONS)[number];

export interface FcpxmlWriteOptions {
  /** Default 1.10 (FCP 10.6, Resolve 18+ import it); 1.8 for Final Cut Pro 10.4 and older Resolve. */
  readonly version?: FcpxmlVersion;
  /** The event name; default the timeline's `metadata.fcpxml.event`, else "Picturelock". */
  readonly eventName?: string;
}

const DEFAULT_VERSION: FcpxmlVersion = '1.10';
const CROSS_DISSOLVE_UID = 'FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265';
const AUDIO_CROSSFADE_UID = 'FFAudioTransition';

interface El {
  readonly name: string;
  readonly attrs: [string, string][];
  readonly children: El[];
  readonly text?: string;
}

function el(name: string, attrs: Record<string, string | undefined>, children: El[] = [], text?: string): El {
  const list: [string, string][] = [];
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) list.push([k, v]);
  return { name, attrs: list, children, ...(text !== undefined ? { text } : {}) };
}

/** Attribute text: XML's five, plus line breaks and tabs as references so they survive attribute normalisation; control characters XML 1.0 forbids are dropped. */
function attrText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"'\n\r\t]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[c]!);
}

function serialize(e: El, indent: string, out: string[]): void {
  const attrs = e.attrs.map(([k, v]) => ` ${k}="${attrText(v)}"`).join('');
  if (e.text !== undefined) {
    out.push(`${indent}<${e.name}${attrs}>${escapeXml(e.text)}</${e.name}>`);
    return;
  }
  if (e.children.length === 0) {
    out.push(`${indent}<${e.name}${attrs}/>`);
    return;
  }
  out.push(`${indent}<${e.name}${attrs}>`);
  for (const c of e.children) serialize(c, `${indent}    `, out);
  out.push(`${indent}</${e.name}>`);
}

/** Exact seconds of a time value. */
function sec(t: RationalTime): Seconds {
  return timeToSeconds(t);
}

/** A time value as FCP writes it: frames over the rate's denominator when on the timeline grid (`760760/24000s`), else the reduced fraction. */
function timeText(s: Seconds, r: Rate): string {
  const n = s.n * BigInt(r.num);
  const d = s.d * BigInt(r.den);
  if (n % d === 0n && r.den !== 1) {
    const frames = n / d;
    if (frames === 0n) return '0s';
    const num = frames * BigInt(r.den);
    const den = BigInt(r.num);
    return num % den === 0n ? `${num / den}s` : `${num}/${den}s`;
  }
  return formatFcpxmlTime(s);
}

function metaOf(x: { readonly metadata?: Readonly<Record<string, unknown>> }): Record<string, unknown> {
  const m = x.metadata?.['fcpxml'];
  return m !== null && typeof m === 'object' ? (m as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

const NTSC_CODES: Readonly<Record<string, string>> = { '24000/1001': '2398', '30000/1001': '2997', '48000/1001': '4795', '60000/1001': '5994', '120000/1001': '11988' };

/** The FFVideoFormat name FCP gives a format at a rate (`FFVideoFormat1080p2398`, `FFVideoFormat1080p25`). */
function formatName(r: Rate, height: string): string {
  const code = NTSC_CODES[`${r.num}/${r.den}`] ?? String(nominalFps(r));
  return `FFVideoFormat${height}p${code}`;
}

interface AssetEntry {
  readonly id: string;
  readonly key: string;
  readonly media: MediaReference;
  readonly rate: Rate;
  start: Seconds | undefined;
  end: Seconds | undefined;
  hasVideo: boolean;
  hasAudio: boolean;
}

interface Writer {
  readonly version: FcpxmlVersion;
  readonly findings: Finding[];
  readonly resources: El[];
  readonly formats: Map<string, string>;
  readonly assets: Map<string, AssetEntry>;
  readonly effects: Map<string, string>;
  nextId: number;
  readonly timelineName: string;
  readonly lost: Map<string, { count: number; where: string }>;
}

function newId(w: Writer): string {
  return `r${w.nextId++}`;
}

function lose(w: Writer, what: string, where: string): void {
  const cur = w.lost.get(what);
  if (cur) cur.count++;
  else w.lost.set(what, { count: 1, where });
}

function formatIdFor(w: Writer, r: Rate, facts?: Record<string, unknown>): string {
  const key = `${r.num}/${r.den}`;
  const have = w.formats.get(key);
  if (have) return have;
  const id = newId(w);
  w.formats.set(key, id);
  const fdOk = facts && str(facts['frameDuration']);
  const height = str(facts?.['height']) ?? '1080';
  w.resources.push(
    el('format', {
      id,
      name: str(facts?.['name']) ?? formatName(r, height),
      frameDuration: fdOk ? str(facts!['frameDuration']) : frameDurationOf(r),
      width: str(facts?.['width']) ?? '1920',
      height,
      colorSpace: str(facts?.['colorSpace']),
    }),
  );
  return id;
}

function effectIdFor(w: Writer, name: string, uid: string): string {
  const key = `${name}\u0000${uid}`;
  const have = w.effects.get(key);
  if (have) return have;
  const id = newId(w);
  w.effects.set(key, id);
  w.resources.push(el('effect', { id, name, uid }));
  return id;
}

function assetKey(m: MediaReference, fallbackName: string): string {
  if (m.kind === 'external') return `url:${m.url}`;
  return `missing:${m.name ?? fallbackName}`;
}

/** Registers the clip's media (first use creates the asset) and widens its span to cover what the clip uses. */
function assetFor(w: Writer, c: Clip, audioTrack: boolean, tlRate: Rate): AssetEntry {
  const key = assetKey(c.media, c.name);
  let a = w.assets.get(key);
  const facts = metaOf(c.media);
  if (!a) {
    const mediaRate = mediaRateOf(c, tlRate);
    a = { id: newId(w), key, media: c.media, rate: mediaRate, start: undefined, end: undefined, hasVideo: false, hasAudio: false };
    if (c.media.availableRange) {
      a.start = sec(c.media.availableRange.start);
      a.end = addedSeconds(a.start, sec(c.media.availableRange.duration));
    }
    const hv = str(facts['hasVideo']);
    const ha = str(facts['hasAudio']);
    if (hv !== undefined || ha !== undefined) {
      a.hasVideo = hv === '1';
      a.hasAudio = ha === '1';
    }
    w.assets.set(key, a);
  }
  if (str(facts['hasVideo']) === undefined && str(facts['hasAudio']) === undefined) {
    if (audioTrack) a.hasAudio = true;
    else a.hasVideo = true;
  }
  const s = sec(c.sourceRange.start);
  if (!c.media.availableRange) {
    if (a.start === undefined || compareSeconds(s, a.start) < 0) a.start = s;
    const used = addedSeconds(s, sec(c.sourceRange.duration));
    if (a.end === undefined || compareSeconds(used, a.end) > 0) a.end = used;
  }
  return a;
}

/** Frame rates a media file can have; a rate like 200/1 is a unit of exact sub-frame seconds, not a frame rate. */
function isFrameRate(r: Rate): boolean {
  if (r.den === 1001) return [24000, 30000, 48000, 60000, 120000].includes(r.num);
  return r.den === 1 && r.num <= 120;
}

/** The media's frame rate: its FCP format when read from FCPXML, else the rate its times are counted in, else the timeline's. */
function mediaRateOf(c: Clip, tlRate: Rate): Rate {
  const ff = metaOf(c.media)['formatFacts'];
  const fd = ff !== null && typeof ff === 'object' ? str((ff as Record<string, unknown>)['frameDuration']) : undefined;
  if (fd !== undefined) {
    const t = parseTimeLoose(fd);
    if (t.n > 0n && Number.isSafeInteger(Number(t.d)) && Number.isSafeInteger(Number(t.n))) {
      const r = reducedSeconds(t.d, t.n);
      return { num: Number(r.n), den: Number(r.d) };
    }
  }
  for (const r of [c.media.availableRange?.start.rate, c.sourceRange.start.rate]) if (r && isFrameRate(r)) return r;
  return tlRate;
}

function assetElement(w: Writer, a: AssetEntry): El {
  const facts = metaOf(a.media);
  const start = a.start ?? ZERO_SECONDS;
  const duration = subtractedSeconds(a.end ?? start, start);
  const url = a.media.kind === 'external' ? a.media.url : undefined;
  if (url === undefined) lose(w, 'a missing media reference (no URL; the asset is written offline)', a.media.name ?? '');
  const formatFacts = facts['formatFacts'] !== null && typeof facts['formatFacts'] === 'object' ? (facts['formatFacts'] as Record<string, unknown>) : undefined;
  const format = a.hasVideo ? formatIdFor(w, a.rate, formatFacts && str(formatFacts['frameDuration']) ? formatFacts : undefined) : undefined;
  const reps: El[] = url !== undefined && w.version !== '1.8' ? [el('media-rep', { kind: 'original-media', src: url })] : [];
  return el(
    'asset',
    {
      id: a.id,
      name: a.media.name ?? '',
      uid: str(facts['uid']),
      start: timeText(start, a.rate),
      duration: timeText(duration, a.rate),
      hasVideo: a.hasVideo ? '1' : undefined,
      format,
      hasAudio: a.hasAudio ? '1' : undefined,
      audioSources: a.hasAudio ? (str(facts['audioSources']) ?? '1') : undefined,
      audioChannels: a.hasAudio ? (str(facts['audioChannels']) ?? '2') : undefined,
      audioRate: a.hasAudio ? (str(facts['audioRate']) ?? '48000') : undefined,
      src: w.version === '1.8' ? url : undefined,
    },
    reps,
  );
}

interface Retime {
  readonly toLocal: (source: Seconds) => Seconds;
  readonly els: El[];
  readonly localStart: Seconds;
}

/** The speed effect of a clip as a timeMap; `sourceStart` is the media time of the first frame. */
function retimeOf(w: Writer, effects: readonly Effect[], sourceStart: Seconds, duration: Seconds, r: Rate, where: string): Retime {
  const warp = effects.find((e) => e.kind === 'linearTimeWarp' || e.kind === 'freezeFrame');
  if (!warp) return { toLocal: (s) => s, els: [], localStart: sourceStart };
  const pointsFromMeta = metaOf(warp)['timeMap'];
  if (Array.isArray(pointsFromMeta) && pointsFromMeta.length > 0 && warp.kind === 'linearTimeWarp') {
    // Written back as read (FCP's own points, interpolation kept); local start from the first segment's slope.
    const pts = pointsFromMeta as Record<string, string>[];
    const slope = warp.timeScalar;
    const t0 = parseTimeLoose(pts[0]!['time']);
    const v0 = parseTimeLoose(pts[0]!['value']);
    const toLocal = (s: Seconds): Seconds => addedSeconds(t0, multipliedSeconds(subtractedSeconds(s, v0), BigInt(slope.den), BigInt(slope.num)));
    const els = [el('timeMap', {}, pts.map((p) => el('timept', { time: p['time'] ?? '0s', value: p['value'] ?? '0s', interp: p['interp'] })))];
    return { toLocal, els, localStart: toLocal(sourceStart) };
  }
  if (warp.kind === 'freezeFrame') {
    const v = formatFcpxmlTime(sourceStart);
    lose(w, 'marker positions inside a freeze frame (FCPXML maps them all to the frozen frame)', where);
    return {
      toLocal: () => ZERO_SECONDS,
      els: [el('timeMap', {}, [el('timept', { time: '0s', value: v, interp: 'linear' }), el('timept', { time: timeText(duration, r), value: v, interp: 'linear' })])],
      localStart: ZERO_SECONDS,
    };
  }
  const { num, den } = warp.timeScalar;
  if (num === 0) return retimeOf(w, [{ kind: 'freezeFrame', name: warp.name }], sourceStart, duration, r, where);
  // value = v0 + time * num/den: v0 = 0 forward; in reverse v0 = the first frame's source time at local 0.
  const v0 = num > 0 ? ZERO_SECONDS : sourceStart;
  const toLocal = (s: Seconds): Seconds => multipliedSeconds(subtractedSeconds(s, v0), BigInt(den), BigInt(num));
  const tEnd = addedSeconds(toLocal(sourceStart), duration);
  return {
    toLocal,
    els: [
      el('timeMap', {}, [
        el('timept', { time: '0s', value: formatFcpxmlTime(v0), interp: 'linear' }),
        el('timept', { time: formatFcpxmlTime(tEnd), value: formatFcpxmlTime(addedSeconds(v0, multipliedSeconds(tEnd, BigInt(num), BigInt(den)))), interp: 'linear' }),
      ]),
    ],
    localStart: toLocal(sourceStart),
  };
}

function parseTimeLoose(text: string | undefined): Seconds {
  const m = /^(-?\d+)(?:\/(\d+))?s$/.exec(text ?? '');
  if (!m) return ZERO_SECONDS;
  const d = BigInt(m[2] ?? '1');
  return d === 0n ? ZERO_SECONDS : reducedSeconds(BigInt(m[1]!), d);
}

const KIND_OF_COLOR: Readonly<Record<string, string>> = { red: 'todo', green: 'completed', orange: 'chapter', blue: 'standard' };

function markerEls(w: Writer, markers: readonly Marker[], toLocal: (s: Seconds) => Seconds, where: string, r: Rate): El[] {
  const out: El[] = [];
  for (const m of markers) {
    const meta = metaOf(m);
    const kind = str(meta['kind']) ?? KIND_OF_COLOR[m.color] ?? 'standard';
    if (!str(meta['kind']) && KIND_OF_COLOR[m.color] === undefined) lose(w, `marker colour ${m.color} (FCP markers are standard, to-do or chapter)`, where);
    const start = toLocal(sec(m.markedRange.start));
    const attrs: Record<string, string | undefined> = {
      start: timeText(start, r),
      duration: timeText(sec(m.markedRange.duration), r),
      value: m.name,
    };
    if (kind === 'todo') attrs['completed'] = '0';
    if (kind === 'completed') attrs['completed'] = '1';
    if (kind === 'chapter') attrs['posterOffset'] = str(meta['posterOffset']) ?? '0s';
    if (m.note !== undefined) attrs['note'] = m.note;
    const md = Array.isArray(meta['md']) ? (meta['md'] as Record<string, string>[]) : [];
    out.push(el(kind === 'chapter' ? 'chapter-marker' : 'marker', attrs, md.length > 0 ? [el('metadata', {}, md.map((d) => el('md', d)))] : []));
  }
  return out;
}

function keywordEls(meta: Record<string, unknown>): El[] {
  const kws = Array.isArray(meta['keywords']) ? (meta['keywords'] as Record<string, string>[]) : [];
  return kws.map((k) => el('keyword', k));
}

function filterEls(w: Writer, effects: readonly Effect[], where: string): El[] {
  const out: El[] = [];
  for (const e of effects) {
    if (e.kind !== 'effect') continue;
    const meta = metaOf(e);
    const uid = str(meta['uid']);
    if (uid === undefined) {
      lose(w, `effect "${e.effectName}" (no FCP effect id)`, where);
      continue;
    }
    const id = effectIdFor(w, e.effectName, uid);
    out.push(el(str(meta['element']) === 'filter-audio' ? 'filter-audio' : 'filter-video', { ref: id, name: e.name, enabled: str(meta['enabled']) }));
  }
  return out;
}

/** The element for one clip at `offset` (in the parent's time). */
function clipElement(w: Writer, c: Clip, offset: string | undefined, lane: string | undefined, audioTrack: boolean, tlRate: Rate, anchors: El[]): { el: El; localStart: Seconds } {
  const meta = metaOf(c);
  const where = `${w.timelineName}: "${c.name}"`;
  const duration = sec(c.sourceRange.duration);
  const enabled = c.enabled ? undefined : '0';
  if (c.media.kind === 'generator') {
    const uid = str(c.media.parameters?.['effectUid']);
    if (c.media.generatorKind === 'title' && uid !== undefined) {
      const id = effectIdFor(w, c.media.name ?? 'Basic Title', uid);
      const local = sec(c.sourceRange.start);
      return {
        el: el('title', { ref: id, lane, offset, name: c.name, start: formatFcpxmlTime(local), duration: timeText(duration, tlRate), enabled }, [
          ...anchors,
          ...markerEls(w, c.markers, (s) => s, where, tlRate),
          ...keywordEls(meta),
        ]),
        localStart: local,
      };
    }
    if (c.media.generatorKind === 'generator' && uid !== undefined) {
      // An FCP generator: a `video` of its effect, its local time as read.
      const id = effectIdFor(w, c.media.name ?? '', uid);
      const local = sec(c.sourceRange.start);
      return {
        el: el('video', { ref: id, lane, offset, name: c.name, start: formatFcpxmlTime(local), duration: timeText(duration, tlRate), enabled }, [
          ...anchors,
          ...markerEls(w, c.markers, (s) => s, where, tlRate),
        ]),
        localStart: local,
      };
    }
    lose(w, `generator "${c.media.generatorKind}" (written as a gap)`, where);
    return { el: el('gap', { lane, offset, name: c.name, duration: timeText(duration, tlRate) }, anchors), localStart: ZERO_SECONDS };
  }
  const asset = assetFor(w, c, audioTrack, tlRate);
  const sourceStart = sec(c.sourceRange.start);
  const retime = retimeOf(w, c.effects, sourceStart, duration, tlRate, where);
  const conform = meta['conformRate'] !== null && typeof meta['conformRate'] === 'object' ? [el('conform-rate', meta['conformRate'] as Record<string, string>)] : [];
  const note = str(meta['note']);
  const srcEnable = audioTrack && asset.hasVideo ? 'audio' : str(meta['srcEnable']);
  return {
    el: el(
      'asset-clip',
      {
        ref: asset.id,
        lane,
        offset,
        name: c.name,
        start: compareSeconds(retime.localStart, ZERO_SECONDS) === 0 ? undefined : timeText(retime.localStart, asset.rate),
        duration: timeText(duration, tlRate),
        enabled,
        srcEnable: srcEnable === 'all' ? undefined : srcEnable,
        tcFormat: str(meta['tcFormat']),
        audioRole: str(meta['audioRole']) ?? (asset.hasAudio ? 'dialogue' : undefined),
        videoRole: str(meta['videoRole']),
      },
      [
        ...(note !== undefined ? [el('note', {}, [], note)] : []),
        ...conform,
        ...retime.els,
        ...anchors,
        ...markerEls(w, c.markers, retime.toLocal, where, asset.rate),
        ...keywordEls(meta),
        ...(Array.isArray(meta['audioChannelSources']) ? (meta['audioChannelSources'] as Record<string, string>[]) : []).map((a) => el('audio-channel-source', a)),
        ...filterEls(w, c.effects, where),
      ],
    ),
    localStart: retime.localStart,
  };
}

function gapElement(w: Writer, g: Gap, offset: string | undefined, tlRate: Rate, anchors: El[]): { el: El; localStart: Seconds } {
  const meta = metaOf(g);
  const startText = str(meta['start']);
  const local = startText !== undefined ? parseTimeLoose(startText) : ZERO_SECONDS;
  return {
    el: el('gap', { name: g.name === '' ? 'Gap' : g.name, offset, start: startText, duration: timeText(sec(g.sourceRange.duration), tlRate) }, [
      ...anchors,
      ...markerEls(w, g.markers, (s) => addedSeconds(s, local), `${w.timelineName}: gap`, tlRate),
    ]),
    localStart: local,
  };
}

/** A Stack as a ref-clip of a compound clip resource. */
function stackElement(w: Writer, s: Stack, offset: string | undefined, lane: string | undefined, tlRate: Rate, anchors: El[]): { el: El; localStart: Seconds } {
  const meta = metaOf(s);
  const where = `${w.timelineName}: "${s.name}"`;
  const innerRate = s.sourceRange?.start.rate ?? tlRate;
  const rateForInner = innerRate.den === 1 && innerRate.num > 240 ? tlRate : innerRate;
  const tcStartText = str(meta['mediaTcStart']) ?? '0s';
  const origin = parseTimeLoose(tcStartText);
  const mediaId = newId(w);
  const formatId = formatIdFor(w, rateForInner);
  const inner = sequenceSpine(w, s.children, rateForInner, origin, `${w.timelineName} > ${s.name}`);
  const innerDuration = inner.duration;
  w.resources.push(
    el('media', { id: mediaId, name: str(meta['mediaName']) ?? s.name, uid: str(meta['mediaUid']) }, [
      el('sequence', { format: formatId, duration: timeText(innerDuration, rateForInner), tcStart: tcStartText, tcFormat: 'NDF' }, [
        inner.spine,
        ...(Array.isArray(meta['mediaMetadata']) ? [el('metadata', {}, (meta['mediaMetadata'] as Record<string, string>[]).map((d) => el('md', d)))] : []),
      ]),
    ]),
  );
  const stackStart = s.sourceRange ? sec(s.sourceRange.start) : ZERO_SECONDS;
  const duration = s.sourceRange ? sec(s.sourceRange.duration) : innerDuration;
  const retime = retimeOf(w, s.effects, addedSeconds(origin, stackStart), duration, tlRate, where);
  const local = retime.localStart;
  return {
    el: el(
      'ref-clip',
      {
        ref: mediaId,
        lane,
        offset,
        name: s.name,
        start: compareSeconds(local, ZERO_SECONDS) === 0 ? undefined : timeText(local, rateForInner),
        duration: timeText(duration, tlRate),
        enabled: s.enabled ? undefined : '0',
        srcEnable: str(meta['srcEnable']),
        useAudioSubroles: str(meta['useAudioSubroles']),
      },
      [...retime.els, ...anchors, ...markerEls(w, s.markers, (t) => retime.toLocal(addedSeconds(t, origin)), where, rateForInner), ...filterEls(w, s.effects, where)],
    ),
    localStart: local,
  };
}

function transitionElement(w: Writer, t: Extract<TrackItem, { kind: 'transition' }>, editPoint: Seconds, origin: Seconds, tlRate: Rate): El {
  const inS = sec(t.inOffset);
  const outS = sec(t.outOffset);
  const meta = metaOf(t);
  const effectName = str(meta['effect']) ?? 'Cross Dissolve';
  const uid = str(meta['effectUid']) ?? CROSS_DISSOLVE_UID;
  if (t.transitionType !== 'dissolve' && str(meta['effectUid']) === undefined) lose(w, `transition type ${t.transitionType} (written as a Cross Dissolve)`, `${w.timelineName}: "${t.name}"`);
  const vid = effectIdFor(w, effectName, uid);
  const aid = effectIdFor(w, 'Audio Crossfade', AUDIO_CROSSFADE_UID);
  return el('transition', { name: t.name || effectName, offset: timeText(addedSeconds(origin, subtractedSeconds(editPoint, inS)), tlRate), duration: timeText(addedSeconds(inS, outS), tlRate) }, [
    el('filter-video', { ref: vid, name: effectName }),
    el('filter-audio', { ref: aid, name: 'Audio Crossfade' }),
    ...(Array.isArray(meta['markers']) ? (meta['markers'] as Record<string, string>[]) : []).map(({ element, ...attrs }) => el(element === 'chapter-marker' ? 'chapter-marker' : 'marker', attrs)),
  ]);
}

function itemLength(item: TrackItem): Seconds {
  if (item.kind === 'transition') return ZERO_SECONDS;
  if (item.sourceRange) return sec(item.sourceRange.duration);
  return ZERO_SECONDS;
}

/** A lane's contiguous run: its items and where it starts. */
interface Run {
  readonly lane: number;
  readonly start: Seconds;
  readonly items: TrackItem[];
  readonly audio: boolean;
}

function runsOf(t: Track, lane: number): Run[] {
  const runs: Run[] = [];
  let at = ZERO_SECONDS;
  let cur: Run | undefined;
  for (const item of t.children) {
    if (item.kind === 'gap' && item.markers.length === 0) {
      cur = undefined;
      at = addedSeconds(at, itemLength(item));
      continue;
    }
    if (!cur) {
      cur = { lane, start: at, items: [], audio: t.trackKind === 'audio' };
      runs.push(cur);
    }
    cur.items.push(item);
    at = addedSeconds(at, itemLength(item));
  }
  return runs;
}

/**
 * Writes the tracks of a composition as one storyline: the primary track's items in a spine
 * and every other track's runs anchored to them. `origin` is the storyline's local time at
 * its first frame (the sequence tcStart).
 */
function sequenceSpine(w: Writer, tracks: readonly Track[], r: Rate, origin: Seconds, where: string): { spine: El; duration: Seconds } {
  const primaryIndex = Math.max(0, tracks.findIndex((t) => t.trackKind === 'video'));
  const primary = tracks[primaryIndex];
  const runs: Run[] = [];
  let v = 0;
  let a = 0;
  for (let i = 0; i < tracks.length; i++) {
    const t = tracks[i]!;
    if (i === primaryIndex) continue;
    if (!t.enabled) lose(w, `the disabled state of track ${t.name}`, where);
    const lane = t.trackKind === 'video' ? ++v : -++a;
    runs.push(...runsOf(t, lane));
  }
  const slots: { item: TrackItem; start: Seconds; end: Seconds; anchors: El[] }[] = [];
  let at = ZERO_SECONDS;
  for (const item of primary?.children ?? []) {
    const len = itemLength(item);
    slots.push({ item, start: at, end: addedSeconds(at, len), anchors: [] });
    at = addedSeconds(at, len);
  }
  let total = at;
  const primaryAudio = primary?.trackKind === 'audio';
  const pendingAnchored: { run: Run; slot: number }[] = [];
  // Runs in record order against the slots in record order: one forward scan finds each run's covering slot.
  let scan = 0;
  for (const run of runs.sort((x, y) => compareSeconds(x.start, y.start))) {
    while (scan < slots.length && (slots[scan]!.item.kind === 'transition' || compareSeconds(slots[scan]!.end, run.start) <= 0)) scan++;
    let idx = scan < slots.length && compareSeconds(slots[scan]!.start, run.start) <= 0 ? scan : -1;
    if (idx === -1) {
      // Past the end of the primary storyline: extend it with a gap that covers the run's start.
      const gapLen = addedSeconds(subtractedSeconds(run.start, total), ZERO_SECONDS);
      const len = compareSeconds(gapLen, ZERO_SECONDS) > 0 ? addedSeconds(gapLen, runLength(run)) : runLength(run);
      const g: Gap = { kind: 'gap', name: 'Gap', sourceRange: { start: { value: 0, rate: r }, duration: { value: 0, rate: r } }, markers: [], metadata: {} };
      slots.push({ item: { ...g, sourceRange: secondsRange(len) }, start: total, end: addedSeconds(total, len), anchors: [] });
      total = addedSeconds(total, len);
      idx = slots.length - 1;
    }
    pendingAnchored.push({ run, slot: idx });
  }
  // Build the anchored elements first (they need their parent's local start, known once the parent is built without them).
  const parentLocal: Seconds[] = slots.map((s) => localStartOf(w, s.item, r));
  for (const { run, slot } of pendingAnchored) {
    const s = slots[slot]!;
    const offset = addedSeconds(parentLocal[slot]!, subtractedSeconds(run.start, s.start));
    s.anchors.push(runElement(w, run, offset, r));
  }
  const children: El[] = [];
  let cursor = ZERO_SECONDS;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    const offsetText = timeText(addedSeconds(origin, s.start), r);
    if (s.item.kind === 'transition') {
      children.push(transitionElement(w, s.item, cursor, origin, r));
      continue;
    }
    children.push(itemElement(w, s.item, offsetText, undefined, primaryAudio, r, s.anchors).el);
    cursor = s.end;
  }
  return { spine: el('spine', {}, children), duration: total };
}

function secondsRange(len: Seconds): Gap['sourceRange'] {
  const d = Number(len.d);
  const n = Number(len.n);
  return { start: { value: 0, rate: { num: d, den: 1 } }, duration: { value: n, rate: { num: d, den: 1 } } };
}

function runLength(run: Run): Seconds {
  let total = ZERO_SECONDS;
  for (const i of run.items) total = addedSeconds(total, itemLength(i));
  return total;
}

/** The local start an item will be written with (needed to anchor children to it). */
function localStartOf(w: Writer, item: TrackItem, r: Rate): Seconds {
  if (item.kind === 'gap') {
    const s = str(metaOf(item)['start']);
    return s !== undefined ? parseTimeLoose(s) : ZERO_SECONDS;
  }
  if (item.kind === 'clip') {
    if (item.media.kind === 'generator') return item.media.parameters?.['effectUid'] !== undefined ? sec(item.sourceRange.start) : ZERO_SECONDS;
    const probe: Writer = { ...w, findings: [], lost: new Map() };
    return retimeOf(probe, item.effects, sec(item.sourceRange.start), sec(item.sourceRange.duration), r, '').localStart;
  }
  if (item.kind === 'stack') {
    const origin = parseTimeLoose(str(metaOf(item)['mediaTcStart']) ?? '0s');
    const start = item.sourceRange ? sec(item.sourceRange.start) : ZERO_SECONDS;
    const probe: Writer = { ...w, findings: [], lost: new Map() };
    return retimeOf(probe, item.effects, addedSeconds(origin, start), item.sourceRange ? sec(item.sourceRange.duration) : ZERO_SECONDS, r, '').localStart;
  }
  return ZERO_SECONDS;
}

function itemElement(w: Writer, item: Exclude<TrackItem, { kind: 'transition' }>, offset: string | undefined, lane: string | undefined, audio: boolean, r: Rate, anchors: El[]): { el: El; localStart: Seconds } {
  if (item.kind === 'clip') return clipElement(w, item, offset, lane, audio, r, anchors);
  if (item.kind === 'stack') return stackElement(w, item, offset, lane, r, anchors);
  return gapElement(w, item, offset, r, anchors);
}

/** One run on a lane: a single connected item, or a secondary storyline when it holds several items or a transition. */
function runElement(w: Writer, run: Run, offset: Seconds, r: Rate): El {
  const lane = String(run.lane);
  const only = run.items.length === 1 ? run.items[0] : undefined;
  if (only && only.kind !== 'transition') return itemElement(w, only, timeText(offset, r), lane, run.audio, r, []).el;
  const children: El[] = [];
  let at = ZERO_SECONDS;
  for (const item of run.items) {
    if (item.kind === 'transition') {
      children.push(transitionElement(w, item, at, ZERO_SECONDS, r));
      continue;
    }
    children.push(itemElement(w, item, timeText(at, r), undefined, run.audio, r, []).el);
    at = addedSeconds(at, itemLength(item));
  }
  return el('spine', { lane, offset: timeText(offset, r) }, children);
}

export function writeFcpxml(timeline: Timeline, options: FcpxmlWriteOptions = {}): WriteResult {
  const findings: Finding[] = [];
  let version: FcpxmlVersion = options.version ?? DEFAULT_VERSION;
  if (!(FCPXML_WRITE_VERSIONS as readonly string[]).includes(version)) {
    findings.push(finding('FCPXML_WRITE_VERSION_UNKNOWN', { version: String(version) }, { where: { timeline: timeline.name } }));
    version = DEFAULT_VERSION;
  }
  const w: Writer = {
    version,
    findings,
    resources: [],
    formats: new Map(),
    assets: new Map(),
    effects: new Map(),
    nextId: 1,
    timelineName: timeline.name,
    lost: new Map(),
  };
  const tlMeta = metaOf(timeline);
  const r: Rate = { num: timeline.rate.num, den: timeline.rate.den };
  const fmtFacts = tlMeta['format'] !== null && typeof tlMeta['format'] === 'object' ? (tlMeta['format'] as Record<string, unknown>) : undefined;
  const facts = fmtFacts && str(fmtFacts['frameDuration']) && sameRate(str(fmtFacts['frameDuration'])!, r) ? fmtFacts : undefined;
  const seqFormat = formatIdFor(w, r, facts);
  const origin = sec(timeline.globalStart);
  for (const m of timeline.markers) lose(w, `timeline marker "${m.name}" (FCPXML markers live on clips)`, timeline.name);
  for (const t of timeline.tracks) for (const m of t.markers) lose(w, `track marker "${m.name}" on ${t.name}`, timeline.name);
  // Assets first, so every use sees whether its media has video and audio (an audio-only use of a video asset says srcEnable="audio").
  registerAssets(w, timeline.tracks, r);
  const { spine, duration } = sequenceSpine(w, timeline.tracks, r, origin, timeline.name);
  // Assets go in after the walk so their spans cover every use.
  for (const a of w.assets.values()) w.resources.push(assetElement(w, a));
  const sequence = el(
    'sequence',
    {
      format: seqFormat,
      duration: timeText(duration, r),
      tcStart: timeText(origin, r),
      tcFormat: timeline.rate.dropFrame ? 'DF' : 'NDF',
      audioLayout: str(tlMeta['audioLayout']) ?? 'stereo',
      audioRate: str(tlMeta['audioRate']) ?? '48k',
    },
    [spine],
  );
  const project = el('project', { name: timeline.name, uid: str(tlMeta['projectUid']) }, [sequence]);
  const eventName = options.eventName ?? str(tlMeta['event']) ?? 'Picturelock';
  const root = el('fcpxml', { version }, [el('resources', {}, w.resources), el('library', {}, [el('event', { name: eventName }, [project])])]);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE fcpxml>', ''];
  serialize(root, '', out);
  for (const [what, { count, where }] of w.lost) {
    findings.push(finding('FCPXML_WRITE_NOT_EXPRESSIBLE', { what: count > 1 ? `${what} ×${count}` : what, where }, { where: { timeline: timeline.name } }));
  }
  return { text: `${out.join('\n')}\n`, findings };
}

function registerAssets(w: Writer, tracks: readonly Track[], r: Rate): void {
  for (const t of tracks) {
    for (const c of t.children) {
      if (c.kind === 'stack') registerAssets(w, c.children, r);
      if (c.kind === 'clip' && c.media.kind !== 'generator') assetFor(w, c, t.trackKind === 'audio', r);
    }
  }
}

function sameRate(frameDuration: string, r: Rate): boolean {
  const fd = parseTimeLoose(frameDuration);
  return fd.n > 0n && fd.d * BigInt(r.den) === fd.n * BigInt(r.num);
}
