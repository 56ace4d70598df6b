import { formatRate, formatTimecode, nominalFps, rescaledTo, rt, type FrameRate } from '../../time/index.ts';
import { itemDurationFrames, type Clip, type Marker, type Ratio, type Timeline, type Track, type Transition } from '../../timeline/index.ts';
import { finding, type Finding } from '../../findings/index.ts';
import type { WriteResult } from '../types.ts';
import { formatChannels } from './channels.ts';
import type { EdlCdl, EdlClipMetadata, EdlDialect, WriteEdlOptions } from './types.ts';

/**
 * CMX 3600 writer. One list holds one picture track (plus audio channels); by default the
 * first video track and the audio tracks are written, `track` picks one track, `mergeTracks`
 * writes all of them. Events are numbered in record order (the numbers a list was read with are
 * kept while they increase). A dissolve or wipe is the usual pair of lines: a zero-length cut
 * of the outgoing source at the cut point, then the `D nnn` / `Wnnn nnn` line of the incoming
 * source. Speed is an `M2` line (fps = speed x the list's timecode fps, one decimal). Out
 * points are exclusive. Every loss is a finding.
 */

interface DialectRules {
  readonly eventDigits: number;
  readonly reelWidth: number;
  /** Highest audio channel the dialect can name (CMX 3600: 4, with `AUD 3 4`; Avid: `A5`..). */
  readonly maxAudio: number;
  readonly multiVideo: boolean;
  readonly blankBetween: boolean;
  readonly nameGap: string;
  readonly bareEffectName: boolean;
  readonly avidCdl: boolean;
  readonly wideM2: boolean;
}

const RULES: Record<EdlDialect, DialectRules> = {
  cmx3600: { eventDigits: 3, reelWidth: 8, maxAudio: 4, multiVideo: false, blankBetween: false, nameGap: ' ', bareEffectName: false, avidCdl: false, wideM2: false },
  file32: { eventDigits: 6, reelWidth: 32, maxAudio: 24, multiVideo: true, blankBetween: false, nameGap: '  ', bareEffectName: false, avidCdl: true, wideM2: true },
  file128: { eventDigits: 6, reelWidth: 128, maxAudio: 24, multiVideo: true, blankBetween: false, nameGap: '  ', bareEffectName: false, avidCdl: true, wideM2: true },
  avid: { eventDigits: 3, reelWidth: 8, maxAudio: 24, multiVideo: true, blankBetween: false, nameGap: '  ', bareEffectName: false, avidCdl: true, wideM2: false },
  premiere: { eventDigits: 3, reelWidth: 8, maxAudio: 4, multiVideo: true, blankBetween: true, nameGap: ' ', bareEffectName: true, avidCdl: false, wideM2: false },
  resolve: { eventDigits: 3, reelWidth: 8, maxAudio: 4, multiVideo: true, blankBetween: true, nameGap: ' ', bareEffectName: false, avidCdl: false, wideM2: false },
};

interface PendingTransition {
  readonly transition: Transition;
  readonly frames: number;
  readonly outgoing: WClip | undefined;
}

interface WClip {
  readonly clip: Clip;
  readonly trackOrder: number;
  /** Video track number (0 for audio). */
  readonly video: number;
  /** Audio channel (0 for video). */
  readonly audio: number;
  recIn: number;
  recOut: number;
  /** Source entry frame at the list rate. */
  srcStart: number;
  readonly meta: EdlClipMetadata;
  incoming?: PendingTransition;
  markers: Marker[];
}

interface WEvent {
  readonly lead: WClip;
  video: number;
  audio: number[];
  readonly order: number;
}

function metaOf(c: Clip): EdlClipMetadata {
  const m = c.metadata['edl'];
  return m !== null && typeof m === 'object' ? (m as EdlClipMetadata) : {};
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

function speedText(fps: number): string {
  const sign = fps < 0 ? '-' : '';
  const tenths = Math.abs(fps);
  const whole = Math.floor(tenths / 10);
  return `${sign}${String(whole).padStart(3, '0')}.${tenths % 10}`;
}

function cdlNumber(n: number): string {
  const s = Object.is(n, -0) ? '-0' : String(n);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

export function writeEdl(tl: Timeline, options: WriteEdlOptions): WriteResult {
  const findings: Finding[] = [];
  const dialect = options.dialect;
  const rules = RULES[dialect];
  const rate: FrameRate = tl.rate;
  const fps = nominalFps(rate);
  const listFcm = rate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME';
  const start = rescaledTo(tl.globalStart, rate, 'round');

  // Track labels: V1.. in video order, An from the name a reader gave it (A7, A1.2) or the audio order.
  const labelled = tl.tracks.map((t, i) => {
    const before = tl.tracks.slice(0, i).filter((x) => x.trackKind === t.trackKind).length + 1;
    const named = /^([VA])(\d{1,2})(?:\.\d+)?$/.exec(t.name);
    const n = named && (named[1] === 'V') === (t.trackKind === 'video') ? Number(named[2]) : before;
    return { track: t, index: i, label: `${t.trackKind === 'video' ? 'V' : 'A'}${before}`, number: n };
  });
  let selected: typeof labelled = [];
  if (options.track !== undefined) {
    const want = options.track.toUpperCase();
    const hit = labelled.find((l) => l.label === want) ?? labelled.find((l) => l.track.name.toUpperCase() === want);
    if (hit) selected = [hit];
    else findings.push(finding('EDL_WRITE_TRACK_OMITTED', { track: options.track, reason: 'the timeline has no track of that name' }));
  } else {
    let videoSeen = 0;
    for (const l of labelled) {
      if (!l.track.enabled) {
        findings.push(finding('EDL_WRITE_TRACK_OMITTED', { track: l.label, reason: 'the track is disabled' }, { where: { track: l.track.name, trackIndex: l.index } }));
        continue;
      }
      if (l.track.trackKind === 'video') {
        videoSeen++;
        if (videoSeen > 1 && !(options.mergeTracks && rules.multiVideo)) {
          const reason = options.mergeTracks
            ? `${dialect} carries one video track`
            : `${dialect} carries one video track; write it on its own with track "${l.label}", or merge the tracks`;
          findings.push(finding('EDL_WRITE_TRACK_OMITTED', { track: l.label, reason }, { where: { track: l.track.name, trackIndex: l.index } }));
          continue;
        }
      }
      selected.push(l);
    }
  }
  // Picture in the list: the selected track is V1 unless tracks are merged.
  const merged = options.track === undefined && options.mergeTracks === true;

  const wclips: WClip[] = [];
  let videoOrdinal = 0;
  for (const l of selected) {
    const t = l.track;
    const isVideo = t.trackKind === 'video';
    if (isVideo) videoOrdinal++;
    const videoNo = isVideo ? (merged ? videoOrdinal : 1) : 0;
    const audioNo = isVideo ? 0 : options.track !== undefined ? 1 : l.number;
    if (!isVideo && audioNo > rules.maxAudio) {
      findings.push(finding('EDL_WRITE_TRACK_OMITTED', { track: t.name, reason: `${dialect} carries audio channels 1-${rules.maxAudio}` }, { where: { track: t.name, trackIndex: l.index } }));
      continue;
    }
    collectTrack(t, l.index, videoNo, audioNo);
  }

  function collectTrack(t: Track, trackOrder: number, video: number, audio: number): void {
    let pos = 0;
    let prev: WClip | undefined;
    let pending: PendingTransition | undefined;
    t.children.forEach((item, itemIndex) => {
      const where = { track: t.name, trackIndex: trackOrder, itemIndex };
      if (item.kind === 'transition') {
        const inF = rescaledTo(item.inOffset, rate, 'round');
        const outF = rescaledTo(item.outOffset, rate, 'round');
        pending = { transition: item, frames: inF + outF, outgoing: prev };
        if (inF > 0) {
          findings.push(finding('EDL_WRITE_TRANSITION_MOVED', { transition: item.name, frames: inF }, { where }));
          if (prev) prev.recOut -= inF;
        }
        return;
      }
      const d = itemDurationFrames(item, rate);
      const recIn = start + pos;
      pos += d;
      if (item.kind === 'gap') {
        for (const m of item.markers) findings.push(finding('EDL_WRITE_MARKER_OMITTED', { marker: m.name, reason: 'it sits on a gap, and an EDL has no event there' }, { where }));
        if (pending) findings.push(finding('EDL_WRITE_ITEM_OMITTED', { track: t.name, item: pending.transition.name, reason: 'a transition into a gap has no incoming event' }, { where }));
        pending = undefined;
        prev = undefined;
        return;
      }
      if (item.kind === 'stack' || !item.enabled) {
        const reason = item.kind === 'stack' ? 'a nested sequence has no EDL event; flatten it first' : 'the clip is disabled';
        findings.push(finding('EDL_WRITE_ITEM_OMITTED', { track: t.name, item: item.name, reason }, { where }));
        pending = undefined;
        prev = undefined;
        return;
      }
      const c = item;
      const sr = c.sourceRange.start.rate;
      let srcStart = c.sourceRange.start.value;
      if (sr.num !== rate.num || sr.den !== rate.den) {
        findings.push(finding('EDL_WRITE_SOURCE_RATE', { clip: c.name, sourceRate: formatRate(sr), rate: formatRate(rate) }, { where }));
        srcStart = rescaledTo(c.sourceRange.start, rate, 'round');
      }
      const w: WClip = { clip: c, trackOrder, video, audio, recIn, recOut: recIn + d, srcStart, meta: metaOf(c), markers: [...c.markers] };
      if (pending) {
        const inF = rescaledTo(pending.transition.inOffset, rate, 'round');
        w.recIn -= inF;
        w.srcStart -= inF;
        w.incoming = pending;
        pending = undefined;
      }
      wclips.push(w);
      prev = w;
    });
    if (pending) findings.push(finding('EDL_WRITE_ITEM_OMITTED', { track: t.name, item: pending.transition.name, reason: 'a transition at the end of a track has no incoming event' }));
  }

  // Timeline markers go onto the picture event under them (record time, 0 = timeline start).
  for (const m of tl.markers) {
    const f = start + rescaledTo(m.markedRange.start, rate, 'round');
    const host = wclips.find((w) => w.video === 1 && f >= w.recIn && f < w.recOut) ?? wclips.find((w) => f >= w.recIn && f < w.recOut);
    if (!host) {
      findings.push(finding('EDL_WRITE_MARKER_OMITTED', { marker: m.name, reason: 'no written event covers it' }));
      continue;
    }
    const src = host.srcStart + (f - host.recIn);
    host.markers.push({ ...m, markedRange: { start: rt(src, rate), duration: m.markedRange.duration }, metadata: { edl: { base: 'record' } } });
  }

  // Events: clips with the same record span, source and picture/sound role become one event with several channels.
  const keyOf = (w: WClip): string => {
    const tr = w.incoming ? `${w.incoming.transition.transitionType}:${w.incoming.frames}:${w.incoming.outgoing ? reelOf(w.incoming.outgoing.clip) : 'BL'}` : '';
    const speed = w.clip.effects.map((e) => (e.kind === 'linearTimeWarp' ? `${e.timeScalar.num}/${e.timeScalar.den}` : e.kind)).join(',');
    return [w.meta.event ?? '', w.recIn, w.recOut, reelOf(w.clip), w.srcStart, w.clip.name, tr, speed, w.video > 1 ? w.video : 0].join('|');
  };
  const events: WEvent[] = [];
  const byKey = new Map<string, WEvent>();
  wclips.forEach((w, order) => {
    const key = keyOf(w);
    const found = byKey.get(key);
    if (found && !(w.video > 0 && found.video > 0) && !(w.audio > 0 && found.audio.includes(w.audio))) {
      if (w.video > 0) found.video = w.video;
      if (w.audio > 0) found.audio = [...found.audio, w.audio].sort((a, b) => a - b);
      if (found.lead.video === 0 && w.video > 0) found.lead.markers.push(...w.markers);
      else if (w.video === 0 && found.lead !== w) found.lead.markers.push(...w.markers.filter((m) => !found.lead.markers.some((x) => x.name === m.name && x.markedRange.start.value === m.markedRange.start.value)));
      return;
    }
    const ev: WEvent = { lead: w, video: w.video, audio: w.audio > 0 ? [w.audio] : [], order };
    events.push(ev);
    byKey.set(key, ev);
  });
  // Channels past 4 become events of their own (`A5`), as Avid writes them.
  const split: WEvent[] = [];
  for (const ev of events) {
    const high = ev.audio.filter((a) => a > 4);
    const low = ev.audio.filter((a) => a <= 4);
    if (high.length === 0 || (low.length === 0 && ev.video === 0 && high.length === 1)) {
      split.push(ev);
      continue;
    }
    if (ev.video > 0 || low.length > 0) split.push({ ...ev, audio: low });
    for (const a of high) split.push({ lead: ev.lead, video: 0, audio: [a], order: ev.order });
  }
  const allNumbered = split.every((e) => typeof e.lead.meta.event === 'number');
  split.sort((a, b) =>
    allNumbered
      ? a.lead.meta.event! - b.lead.meta.event! || a.lead.recIn - b.lead.recIn || a.order - b.order
      : a.lead.recIn - b.lead.recIn || Number(b.video > 0) - Number(a.video > 0) || a.order - b.order,
  );

  // Text.
  const out: string[] = [];
  const reelChanged = new Set<string>();
  const title = oneLine(options.title ?? tl.name);
  if (title !== (options.title ?? tl.name)) findings.push(finding('EDL_WRITE_TEXT_CHANGED', { field: 'title', text: options.title ?? tl.name, written: title }));
  out.push(`TITLE: ${title}`);
  out.push(`FCM: ${listFcm}`);
  const tlMeta = (tl.metadata['edl'] ?? {}) as { comments?: readonly string[]; remarks?: readonly string[]; sourceTable?: readonly string[] };
  for (const c of tlMeta.comments ?? []) out.push(`* ${c}`);
  if (rules.blankBetween) out.push('');
  let currentFcm: string = listFcm;
  let last = 0;
  let widthWarned = false;
  const maxNumber = 10 ** rules.eventDigits - 1;

  function reelOf(c: Clip): string {
    if (c.media.kind === 'generator' && c.media.generatorKind === 'black') return 'BL';
    if (c.reel === undefined || c.reel === '') return 'AX';
    let r = c.reel.replace(/\s+/g, '_');
    if (r.length > rules.reelWidth) r = r.slice(0, rules.reelWidth);
    return r;
  }

  function tc(frames: number, counting: FrameRate, clipName: string): string {
    const res = formatTimecode(frames, counting);
    if (res.ok) return res.value;
    findings.push(finding('EDL_WRITE_TIMECODE_RANGE', { clip: clipName, frame: frames }));
    const wrapped = formatTimecode(frames, counting, { wrap24h: true });
    return wrapped.ok ? wrapped.value : '00:00:00:00';
  }

  function sourceSpan(w: WClip): { srcIn: number; srcOut: number } {
    const c = w.clip;
    const len = w.recOut - w.recIn;
    const warp = c.effects.find((e) => e.kind === 'linearTimeWarp' || e.kind === 'freezeFrame');
    if (!warp) return { srcIn: w.srcStart, srcOut: w.srcStart + len };
    const consumed = warp.kind === 'freezeFrame' ? 1 : Math.max(1, Math.round((Math.abs(warp.timeScalar.num) * len) / warp.timeScalar.den));
    return { srcIn: w.meta.sourceIn ?? w.srcStart, srcOut: w.meta.sourceOut ?? w.srcStart + consumed };
  }

  function eventLine(num: string, reel: string, channel: string, code: string, dur: string, s1: string, s2: string, r1: string, r2: string): string {
    const width = Math.max(rules.reelWidth === 8 ? 8 : 32, reel.length);
    return `${num}  ${reel.padEnd(width)} ${channel.padEnd(5)} ${code.padEnd(4)} ${dur.padStart(3)} ${s1} ${s2} ${r1} ${r2}`;
  }

  for (const ev of split) {
    const w = ev.lead;
    const c = w.clip;
    const meta = w.meta;
    const wanted = typeof meta.event === 'number' && meta.event > last ? meta.event : last + 1;
    last = wanted;
    if (wanted > maxNumber && !widthWarned) {
      widthWarned = true;
      findings.push(finding('EDL_WRITE_EVENT_NUMBERS', { dialect, max: maxNumber, events: split.length }));
    }
    const num = String(wanted).padStart(rules.eventDigits, '0');
    const fcm = meta.sourceFcm ?? listFcm;
    if (fcm !== currentFcm) {
      out.push(`FCM: ${fcm}`);
      currentFcm = fcm;
    }
    const srcRate: FrameRate = { num: rate.num, den: rate.den, dropFrame: fcm === 'DROP FRAME' };
    const ch = formatChannels(ev.video > 0, ev.audio) ?? { token: `A${ev.audio[0] ?? 1}`, aud: [] };
    const reel = reelOf(c);
    if (c.reel !== undefined && c.reel !== '' && reel !== c.reel && !reelChanged.has(c.reel)) {
      reelChanged.add(c.reel);
      findings.push(
        finding('EDL_WRITE_REEL_CHANGED', { reel: c.reel, written: reel, reason: c.reel.length > rules.reelWidth ? `${dialect} reels hold ${rules.reelWidth} characters` : 'a reel has no spaces' }),
      );
    }
    const span = sourceSpan(w);
    const recIn = tc(w.recIn, rate, c.name);
    const recOut = tc(w.recOut, rate, c.name);
    const tr = w.incoming;
    if (tr) {
      const o = tr.outgoing;
      const oReel = o ? reelOf(o.clip) : 'BL';
      const oOut = o ? sourceSpan(o).srcOut : 0;
      const oLabel = tc(oOut, srcRate, o?.clip.name ?? 'BL');
      out.push(eventLine(num, oReel, ch.token, 'C', '', oLabel, oLabel, recIn, recIn));
      const tmeta = (tr.transition.metadata['edl'] ?? {}) as { code?: string; fromClipName?: string; effectName?: string };
      const code = tr.transition.transitionType === 'wipe' ? (tmeta.code && /^W\d+$/.test(tmeta.code) ? tmeta.code : 'W001') : 'D';
      if (tr.transition.transitionType !== 'wipe' && tr.transition.transitionType !== 'dissolve') {
        findings.push(finding('EDL_WRITE_ITEM_OMITTED', { track: 'transition', item: tr.transition.name, reason: `${tr.transition.transitionType} has no EDL code; written as a dissolve` }));
      }
      out.push(eventLine(num, reel, ch.token, code, String(tr.frames).padStart(3, '0'), tc(span.srcIn, srcRate, c.name), tc(span.srcOut, srcRate, c.name), recIn, recOut));
    } else {
      const code = meta.key ? meta.key.code : 'C';
      const dur = meta.key && meta.key.frames > 0 ? String(meta.key.frames).padStart(3, '0') : '';
      out.push(eventLine(num, reel, ch.token, code, dur, tc(span.srcIn, srcRate, c.name), tc(span.srcOut, srcRate, c.name), recIn, recOut));
    }
    if (ch.aud.length) out.push(`AUD  ${ch.aud.join('    ')}`);
    for (const e of c.effects) {
      if (e.kind !== 'linearTimeWarp' && e.kind !== 'freezeFrame') continue;
      const scalar: Ratio = e.kind === 'freezeFrame' ? { num: 0, den: 1 } : e.timeScalar;
      const exactTenths = (scalar.num * fps * 10) / scalar.den;
      const tenths = Math.round(exactTenths);
      if (tenths !== exactTenths) findings.push(finding('EDL_WRITE_SPEED_ROUNDED', { clip: c.name, exact: `${scalar.num}/${scalar.den}`, written: speedText(tenths) }));
      const entry = tc(w.srcStart, srcRate, c.name);
      out.push(
        rules.wideM2
          ? `M2      ${reel.padEnd(32)}         ${speedText(tenths).padStart(6)} ${entry}`
          : `M2   ${reel.padEnd(8)}      ${speedText(tenths).padStart(6)}                ${entry}`,
      );
      break;
    }
    const nameLine = (label: string, value: string) => `* ${label}:${rules.nameGap}${oneLine(value)}`;
    if (tr) {
      const tmeta = (tr.transition.metadata['edl'] ?? {}) as { fromClipName?: string; effectName?: string };
      out.push(nameLine('FROM CLIP NAME', tmeta.fromClipName ?? tr.outgoing?.clip.name ?? 'BL'));
      out.push(nameLine('TO CLIP NAME', c.name));
      if (tmeta.effectName !== undefined) out.push(rules.bareEffectName ? `EFFECTS NAME IS ${tmeta.effectName}` : `* EFFECTS NAME IS ${tmeta.effectName}`);
    } else {
      out.push(nameLine('FROM CLIP NAME', c.name));
    }
    if (meta.effectName !== undefined) out.push(rules.bareEffectName ? `EFFECTS NAME IS ${meta.effectName}` : `* EFFECTS NAME IS ${meta.effectName}`);
    if (c.reel !== undefined && c.reel !== '' && reel !== c.reel) out.push(`* REEL: ${oneLine(c.reel)}`);
    if (ev.video > 1) out.push(`* TRACK: V${ev.video}`);
    for (const m of w.markers) {
      const base = (m.metadata?.['edl'] as { base?: string } | undefined)?.base;
      const at = rescaledTo(m.markedRange.start, rate, 'round');
      const frame = base === 'source' ? at : w.recIn + (at - w.srcStart);
      const label = tc(frame, base === 'source' ? srcRate : rate, c.name);
      out.push(`* LOC: ${label} ${m.color.toUpperCase().padEnd(7)} ${oneLine(m.name)}`.trimEnd());
    }
    if (meta.cdl) out.push(...cdlLines(meta.cdl, rules.avidCdl));
    if (c.sourceFile !== undefined) out.push(`* SOURCE FILE: ${oneLine(c.sourceFile)}`);
    if (c.media.kind === 'external') {
      let kind = meta.pathComment ?? (dialect === 'avid' ? 'FROM CLIP' : 'FROM FILE');
      if (tr) kind = kind.replace(/^FROM/, 'TO');
      out.push(`* ${kind}: ${oneLine(c.media.url)}`);
    }
    if (c.effects.some((e) => e.kind === 'freezeFrame')) out.push('* * FREEZE FRAME');
    for (const a of meta.avx ?? []) out.push(`* ${a}`);
    for (const x of meta.comments ?? []) out.push(`* ${oneLine(x)}`);
    if (rules.blankBetween) out.push('');
  }
  for (const r of tlMeta.remarks ?? []) out.push(r);
  for (const s of tlMeta.sourceTable ?? []) out.push(s);
  return { text: `${out.join('\n')}\n`, findings };
}

function cdlLines(cdl: EdlCdl, avid: boolean): string[] {
  const lines: string[] = [];
  const star = avid ? '*' : '* ';
  if (cdl.slope && cdl.offset && cdl.power) {
    const g = (v: readonly number[]) => `(${v.map(cdlNumber).join(' ')})`;
    lines.push(`${star}ASC_SOP ${g(cdl.slope)}${avid ? '' : ' '}${g(cdl.offset)}${avid ? '' : ' '}${g(cdl.power)}`);
  }
  if (cdl.saturation !== undefined) lines.push(`${star}ASC_SAT ${cdlNumber(cdl.saturation)}`);
  return lines;
}
