import { csvLine } from '../findings/index.ts';
import { range, ratesEqual, type FrameRate } from '../time/index.ts';
import { type Clip, type MediaRecord, type Timeline, type Track, type TrackItem } from '../timeline/index.ts';
import { conformFramesAt, conformSourceLabel, type ConformEvent } from './events.ts';
import { conformNeededRange, conformRecordPath, type ConformMatch } from './match.ts';
import { conformVfxVersion } from './names.ts';

/**
 * Relinked lists and pulls. Source frames are timecode frame counts: an offline event at
 * source 14:21:07:12 reads the camera original from its frame labelled 14:21:07:12.
 */

/** The clip pointed at its camera original: path, file name, reel, available range and raster, at the media's rate. */
function relinkedClip(c: Clip, r: MediaRecord): Clip {
  const path = conformRecordPath(r) ?? r.fileName ?? r.clipName ?? '';
  const avail = r.availableRange;
  const from = c.sourceRange.start.rate;
  const to = avail?.start.rate ?? from;
  // Same timecode base: the same labels at the media's exact rate; otherwise the real-time equivalent.
  const sourceRange = ratesEqual(from, to) ? c.sourceRange : range(conformFramesAt(c.sourceRange.start.value, from, to), conformFramesAt(c.sourceRange.duration.value, from, to), to);
  const fcp7 = { ...(r.width !== undefined ? { width: r.width } : {}), ...(r.height !== undefined ? { height: r.height } : {}), ...(r.audioChannels !== undefined ? { audioChannels: r.audioChannels } : {}) };
  return {
    ...c,
    sourceRange,
    media: {
      kind: 'external',
      url: path,
      ...(r.fileName !== undefined ? { name: r.fileName } : {}),
      ...(avail ? { availableRange: avail } : {}),
      metadata: { fcp7xml: fcp7, ...(r.rate?.dropFrame ? { dropFrame: true } : {}) },
    },
    ...(r.fileName !== undefined ? { sourceFile: r.fileName } : {}),
    ...(r.reel !== undefined || c.reel !== undefined ? { reel: r.reel ?? c.reel! } : {}),
  };
}

/**
 * The offline cut with every matched event pointing at its camera original; unmatched events
 * stay as they were (offline) and are returned. The timeline takes the raster most of its
 * picture media has, so an FCP7 XML opens at the online size.
 */
export function conformRelinkedTimeline(tl: Timeline, events: readonly ConformEvent[], matches: readonly ConformMatch[]): { timeline: Timeline; unmatched: ConformEvent[] } {
  const byItem = new Map<string, MediaRecord>();
  const unmatched: ConformEvent[] = [];
  const rasters = new Map<string, number>();
  events.forEach((e, i) => {
    const m = matches[i];
    if (m?.status === 'matched') {
      byItem.set(`${e.trackIndex}:${e.row.itemIndex}`, m.record);
      if (e.trackKind === 'video' && m.record.width && m.record.height) {
        const k = `${m.record.width}x${m.record.height}`;
        rasters.set(k, (rasters.get(k) ?? 0) + 1);
      }
    } else if (e.clip.media.kind !== 'generator') unmatched.push(e);
  });
  const tracks: Track[] = tl.tracks.map((t, ti) => ({
    ...t,
    children: t.children.map((item, i): TrackItem => {
      const r = item.kind === 'clip' ? byItem.get(`${ti}:${i}`) : undefined;
      return r && item.kind === 'clip' ? relinkedClip(item, r) : item;
    }),
  }));
  const top = [...rasters.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
  const meta = { ...tl.metadata };
  const fcp = (meta['fcp7xml'] ?? {}) as Record<string, unknown>;
  if (top && fcp['width'] === undefined) {
    const [w, h] = top.split('x').map(Number);
    meta['fcp7xml'] = { ...fcp, width: w, height: h };
  }
  return { timeline: { ...tl, tracks, metadata: meta }, unmatched };
}

/** One line of a pull list: the source range an event needs plus handles, per event. */
export interface ConformPullRow {
  readonly event: ConformEvent;
  readonly shot: string;
  /** `vfx` for the VFX event itself, `plate` for picture under it, `event` in a plain pull. */
  readonly role: 'event' | 'vfx' | 'plate';
  readonly reel: string;
  readonly media: string;
  readonly path: string;
  /** Source frames `[start, end)` with handles, at `rate`. */
  readonly start: number;
  readonly end: number;
  readonly rate: FrameRate;
  readonly handles: number;
}

function pullRow(e: ConformEvent, m: ConformMatch | undefined, handles: number, role: ConformPullRow['role'], shot: string, recordClip?: { start: number; end: number }): ConformPullRow {
  const r = m?.status === 'matched' ? m.record : undefined;
  const rate: FrameRate = r?.rate ?? e.sourceRate;
  const need = conformNeededRange(e, rate);
  // A plate under part of a VFX event: only the frames under it.
  const cutHead = recordClip ? Math.max(0, recordClip.start - e.recordStart) : 0;
  const cutTail = recordClip ? Math.max(0, e.recordEnd - recordClip.end) : 0;
  return {
    event: e,
    shot,
    role,
    reel: r?.reel ?? e.clip.reel ?? '',
    media: r?.fileName ?? r?.clipName ?? '',
    path: r ? (conformRecordPath(r) ?? '') : '',
    start: need.start + cutHead - handles,
    end: need.end - cutTail + handles,
    rate,
    handles,
  };
}

/** A pull for every event (or the ones `only` keeps), with `handles` frames each side. */
export function conformPullList(events: readonly ConformEvent[], matches: readonly ConformMatch[], options: { handles: number; only?: (e: ConformEvent) => boolean }): ConformPullRow[] {
  const out: ConformPullRow[] = [];
  events.forEach((e, i) => {
    if (e.clip.media.kind === 'generator' || (options.only && !options.only(e))) return;
    out.push(pullRow(e, matches[i], options.handles, 'event', e.clip.name));
  });
  return out;
}

/** True for an event that is VFX work: on a track named VFX (or one of `tracks`), or carrying a marker that says VFX. */
export function conformIsVfxEvent(e: ConformEvent, tracks: readonly string[] = []): boolean {
  if (/vfx/i.test(e.trackName) || tracks.some((t) => t.toUpperCase() === e.trackName.toUpperCase())) return true;
  return e.clip.markers.some((m) => /\bvfx\b/i.test(m.name) || /\bvfx\b/i.test(m.note ?? ''));
}

/**
 * The VFX pull list: each VFX event, and the picture under it on lower video tracks (the
 * plates), each with its source range plus handles. The shot is the VFX name without its
 * version (`SH010_comp_v011` -> `SH010_COMP`).
 */
export function conformVfxPullList(events: readonly ConformEvent[], matches: readonly ConformMatch[], options: { handles: number; tracks?: readonly string[] }): ConformPullRow[] {
  const out: ConformPullRow[] = [];
  const video = events.map((e, i) => ({ e, m: matches[i] })).filter((x) => x.e.trackKind === 'video');
  for (const { e, m } of video) {
    if (!conformIsVfxEvent(e, options.tracks)) continue;
    const shot = conformVfxVersion(e.clip.name)?.shot ?? e.clip.name;
    out.push(pullRow(e, m, options.handles, 'vfx', shot));
    for (const p of video) {
      if (p.e.trackIndex >= e.trackIndex || p.e.recordEnd <= e.recordStart || p.e.recordStart >= e.recordEnd || p.e.clip.media.kind === 'generator') continue;
      out.push(pullRow(p.e, p.m, options.handles, 'plate', shot, { start: e.recordStart, end: e.recordEnd }));
    }
  }
  return out;
}

/** The pull list as CSV (RFC 4180, CRLF): reel, clip, media, source in/out with handles (out exclusive). */
export function conformPullCsv(rows: readonly ConformPullRow[]): string {
  const head = ['event', 'track', 'shot', 'role', 'reel', 'clip', 'media', 'path', 'source in', 'source out', 'frames', 'handles', 'record in', 'record out'];
  return [
    csvLine(head),
    ...rows.map((r) =>
      csvLine([r.event.id, r.event.trackName, r.shot, r.role, r.reel, r.event.clip.name, r.media, r.path, conformSourceLabel(r.start, r.rate), conformSourceLabel(r.end, r.rate), String(r.end - r.start), String(r.handles), r.event.row.recordIn, r.event.row.recordOut]),
    ),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}

/** The pull list as a timeline (one picture track, pulls end to end from `tl`'s start), for an EDL per shot list. */
export function conformPullTimeline(tl: Timeline, rows: readonly ConformPullRow[], name = `${tl.name} pulls`): Timeline {
  const children: Clip[] = rows.map((r) => ({
    ...r.event.clip,
    name: r.role === 'event' ? r.event.clip.name : `${r.shot} ${r.role} ${r.event.clip.name}`,
    sourceRange: range(r.start, r.end - r.start, r.rate),
    ...(r.reel ? { reel: r.reel } : {}),
    effects: [],
    markers: [],
    metadata: {},
  }));
  const track: Track = { kind: 'track', name: 'V1', trackKind: 'video', children, enabled: true, markers: [], metadata: {} };
  return { ...tl, name, tracks: [track], markers: [], metadata: {} };
}
