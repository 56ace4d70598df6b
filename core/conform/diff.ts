import { csvLine, finding, type Finding, type Where } from '../findings/index.ts';
import { nominalFps, range, rescaledTo, timecodeOf } from '../time/index.ts';
import { gap, itemDurationFrames, timelineDuration, type Clip, type MarkerColor, type Timeline, type TrackItem } from '../timeline/index.ts';
import { conformEventsOf, conformSourceLabel, conformWhereOf, type ConformEvent } from './events.ts';
import { conformCameraClipId, conformNameKey, conformReelKeys, conformVfxVersion } from './names.ts';

/**
 * Comparing cuts. Two versions are aligned by source identity, not position: events are
 * paired by (reel or VFX shot) and overlapping source frames, the pairs that keep their order
 * (a longest increasing subsequence, O(n log n)) are anchors, the rest moved; unpaired events
 * between the same anchors with the same length are replacements, the others adds and deletes.
 */

export type ConformChangeKind = 'add' | 'delete' | 'trim-head' | 'trim-tail' | 'move' | 'replace' | 'shift' | 'vfx-version';

export interface ConformChange {
  readonly kind: ConformChangeKind;
  readonly track: string;
  readonly old?: ConformEvent;
  readonly new?: ConformEvent;
  /** Frames: trims (positive = shorter), shifts (new record start − old). */
  readonly frames?: number;
  readonly finding: Finding;
}

export interface ConformDiff {
  readonly changes: readonly ConformChange[];
  readonly findings: readonly Finding[];
}

/** The source identity an event is aligned by: a VFX shot (version stripped), else its camera clip / reel, else file or name. */
function identityOf(e: ConformEvent): string {
  const vfx = conformVfxVersion(e.clip.name);
  if (vfx) return `VFX:${vfx.shot}`;
  const reel = e.clip.reel;
  if (reel) return `R:${conformCameraClipId(reel) ?? reel.trim().toUpperCase()}`;
  if (e.clip.media.kind === 'external') return `F:${conformNameKey(e.clip.media.url)}`;
  return `N:${conformNameKey(e.clip.name)}`;
}

function srcStart(e: ConformEvent): number {
  return e.consumed.start.value;
}
function srcEnd(e: ConformEvent): number {
  return e.consumed.start.value + e.consumed.duration.value;
}
function overlap(a: ConformEvent, b: ConformEvent): number {
  return Math.min(srcEnd(a), srcEnd(b)) - Math.max(srcStart(a), srcStart(b));
}

/** Indices (into `seq`) of one longest strictly increasing subsequence: patience sorting, O(n log n). */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) out.add(k);
  return out;
}

function tracksOf(events: readonly ConformEvent[]): Map<string, ConformEvent[]> {
  const m = new Map<string, ConformEvent[]>();
  for (const e of events) (m.get(e.trackName) ?? m.set(e.trackName, []).get(e.trackName)!).push(e);
  return m;
}

function whereNew(tl: Timeline, e: ConformEvent, file?: string): Where {
  return conformWhereOf(tl, e, file);
}

/** Old (`a`) vs new (`b`) cut version: the changes by source identity, each with its finding. */
export function conformDiffVersions(a: Timeline, b: Timeline, options: { fileA?: string; fileB?: string } = {}): ConformDiff {
  const oldTracks = tracksOf(conformEventsOf(a));
  const newTracks = tracksOf(conformEventsOf(b));
  const changes: ConformChange[] = [];
  const names = [...new Set([...oldTracks.keys(), ...newTracks.keys()])];
  for (const track of names) changes.push(...diffTrack(a, b, track, oldTracks.get(track) ?? [], newTracks.get(track) ?? [], options));
  return { changes, findings: changes.map((c) => c.finding) };
}

function diffTrack(a: Timeline, b: Timeline, track: string, olds: readonly ConformEvent[], news: readonly ConformEvent[], options: { fileA?: string; fileB?: string }): ConformChange[] {
  // 1. Pair by identity: within a key, each new event takes the free old one it overlaps most (VFX shots pair in order even without overlap).
  const byKey = new Map<string, number[]>();
  olds.forEach((e, i) => {
    const k = identityOf(e);
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(i);
  });
  const oldOf = new Array<number>(news.length).fill(-1);
  const taken = new Set<number>();
  news.forEach((e, j) => {
    const k = identityOf(e);
    const cands = byKey.get(k);
    if (!cands) return;
    let best = -1;
    let bestOverlap = 0;
    for (const i of cands) {
      if (taken.has(i)) continue;
      const o = overlap(olds[i]!, e);
      if (o > bestOverlap) {
        best = i;
        bestOverlap = o;
      }
    }
    if (best < 0 && k.startsWith('VFX:')) best = cands.find((i) => !taken.has(i)) ?? -1;
    if (best >= 0) {
      oldOf[j] = best;
      taken.add(best);
    }
  });
  // 2. Anchors: the pairs that keep their order.
  const pairedNew = news.map((_, j) => j).filter((j) => oldOf[j]! >= 0);
  const lis = longestIncreasing(pairedNew.map((j) => oldOf[j]!));
  const anchorNew = new Set<number>();
  pairedNew.forEach((j, k) => {
    if (lis.has(k)) anchorNew.add(j);
  });
  const out: ConformChange[] = [];
  const fa = options.fileA;
  const fb = options.fileB;
  // 3. Paired events: trims, VFX versions, moves, shifts.
  for (const j of pairedNew) {
    const n = news[j]!;
    const o = olds[oldOf[j]!]!;
    const where = whereNew(b, n, fb);
    const before = out.length;
    if (!anchorNew.has(j)) {
      out.push({ kind: 'move', track, old: o, new: n, finding: finding('DIFF_EVENT_MOVED', { oldEvent: o.id, event: n.id, clip: n.clip.name, from: o.row.recordIn, to: n.row.recordIn }, { where }) });
    }
    const head = srcStart(n) - srcStart(o);
    if (head !== 0) {
      out.push({ kind: 'trim-head', track, old: o, new: n, frames: head, finding: finding('DIFF_TRIM_HEAD', { event: n.id, clip: n.clip.name, frames: head, from: conformSourceLabel(srcStart(o), o.sourceRate), to: conformSourceLabel(srcStart(n), n.sourceRate) }, { where }) });
    }
    const tail = srcEnd(o) - srcEnd(n);
    if (tail !== 0) {
      out.push({ kind: 'trim-tail', track, old: o, new: n, frames: tail, finding: finding('DIFF_TRIM_TAIL', { event: n.id, clip: n.clip.name, frames: tail, from: conformSourceLabel(srcEnd(o), o.sourceRate), to: conformSourceLabel(srcEnd(n), n.sourceRate) }, { where }) });
    }
    const vo = conformVfxVersion(o.clip.name);
    const vn = conformVfxVersion(n.clip.name);
    if (vo && vn && vo.version !== vn.version) {
      out.push({ kind: 'vfx-version', track, old: o, new: n, finding: finding('DIFF_VFX_VERSION', { event: n.id, shot: vn.shot, from: o.clip.name, to: n.clip.name }, { where }) });
    }
    const shift = n.recordStart - o.recordStart;
    if (out.length === before && shift !== 0) {
      out.push({ kind: 'shift', track, old: o, new: n, frames: shift, finding: finding('DIFF_EVENT_SHIFTED', { event: n.id, clip: n.clip.name, frames: shift }, { where }) });
    }
  }
  // 4. Unpaired events, grouped by the anchor they follow: same slot and same length = replaced.
  const anchorOldSorted = [...anchorNew].map((j) => oldOf[j]!).sort((x, y) => x - y);
  const anchorNewSorted = [...anchorNew].sort((x, y) => x - y);
  const slotOf = (sorted: readonly number[], i: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const slots = new Map<number, { olds: number[]; news: number[] }>();
  const slot = (k: number) => slots.get(k) ?? slots.set(k, { olds: [], news: [] }).get(k)!;
  olds.forEach((_, i) => {
    if (!taken.has(i)) slot(slotOf(anchorOldSorted, i)).olds.push(i);
  });
  news.forEach((_, j) => {
    if (oldOf[j]! < 0) slot(slotOf(anchorNewSorted, j)).news.push(j);
  });
  for (const k of [...slots.keys()].sort((x, y) => x - y)) {
    const sl = slots.get(k)!;
    const freeOld = new Set(sl.olds);
    const replaced = new Map<number, number>();
    for (const j of sl.news) {
      const len = news[j]!.recordEnd - news[j]!.recordStart;
      const i = sl.olds.find((x) => freeOld.has(x) && olds[x]!.recordEnd - olds[x]!.recordStart === len);
      if (i !== undefined) {
        replaced.set(j, i);
        freeOld.delete(i);
      }
    }
    const leftNew = sl.news.filter((j) => !replaced.has(j));
    if (leftNew.length === 1 && freeOld.size === 1) {
      const i = [...freeOld][0]!;
      replaced.set(leftNew[0]!, i);
      freeOld.delete(i);
    }
    for (const i of sl.olds) {
      if (!freeOld.has(i)) continue;
      const o = olds[i]!;
      out.push({ kind: 'delete', track, old: o, finding: finding('DIFF_EVENT_DELETED', { event: o.id, clip: o.clip.name, frames: o.recordEnd - o.recordStart }, { where: conformWhereOf(a, o, fa) }) });
    }
    for (const j of sl.news) {
      const n = news[j]!;
      const i = replaced.get(j);
      if (i !== undefined) {
        const o = olds[i]!;
        out.push({ kind: 'replace', track, old: o, new: n, finding: finding('DIFF_EVENT_REPLACED', { oldEvent: o.id, event: n.id, oldClip: `${o.clip.name}${o.clip.reel ? ` ${o.clip.reel}` : ''}`, clip: `${n.clip.name}${n.clip.reel ? ` ${n.clip.reel}` : ''}` }, { where: whereNew(b, n, fb) }) });
      } else {
        out.push({ kind: 'add', track, new: n, finding: finding('DIFF_EVENT_ADDED', { event: n.id, clip: n.clip.name, frames: n.recordEnd - n.recordStart, recordIn: n.row.recordIn }, { where: whereNew(b, n, fb) }) });
      }
    }
  }
  const pos = (c: ConformChange) => c.new?.recordStart ?? c.old?.recordStart ?? 0;
  return out.sort((x, y) => pos(x) - pos(y));
}

/** Two sources are the same when their reel keys meet (8-character and camera-id forms), else their file or clip names. */
function sameSource(x: ConformEvent, y: ConformEvent): boolean {
  if (x.clip.reel && y.clip.reel) {
    const ks = new Set(conformReelKeys(x.clip.reel));
    if (conformReelKeys(y.clip.reel).some((k) => ks.has(k))) return true;
  }
  const names = (e: ConformEvent) => [e.clip.name, e.clip.sourceFile, e.clip.media.kind === 'external' ? e.clip.media.url : undefined].filter((n): n is string => Boolean(n)).map(conformNameKey);
  const nx = new Set(names(x));
  return names(y).some((n) => nx.has(n));
}

/**
 * Offline (`a`) vs online (`b`), shot by shot at the same record timecode on the same track
 * (an online that starts earlier, with a leader or a slate, still lines up). Cuts whose record
 * timecodes never meet are compared from their own first frames instead, and a finding says
 * so. Every finding is about a shot and carries `where.frames`, the ONLINE timeline's record
 * frames from its start, `[start, end)`: the online event's when the shot was found there
 * (slip, wrong clip, duration), where the online should have it when it is missing, the
 * online event's when it is extra.
 */
export function conformDiffOnline(a: Timeline, b: Timeline, options: { fileA?: string; fileB?: string } = {}): ConformDiff {
  const offline = tracksOf(conformEventsOf(a));
  const online = tracksOf(conformEventsOf(b));
  const findings: Finding[] = [];
  // delta: the online frame that holds offline frame 0 (record timecode alignment).
  const aStart = rescaledTo(a.globalStart, a.rate, 'round');
  const bStart = rescaledTo(b.globalStart, b.rate, 'round');
  const aLength = rescaledTo(timelineDuration(a), a.rate, 'round');
  const bLength = rescaledTo(timelineDuration(b), b.rate, 'round');
  // Frame counts compare wherever the labels do: 24 and 23.976 lists count the same frames.
  const sameGrid = nominalFps(a.rate) === nominalFps(b.rate);
  const meet = sameGrid && aStart < bStart + bLength && bStart < aStart + aLength;
  const delta = meet ? aStart - bStart : 0;
  if (aStart !== bStart || !sameGrid) {
    findings.push(
      finding(
        'DIFF_START_DIFFERS',
        { offline: timecodeOf(aStart, a.rate), online: timecodeOf(bStart, b.rate), aligned: meet ? 'record timecode' : 'first frame' },
        { where: { ...(options.fileB ? { file: options.fileB } : {}), timeline: b.name } },
      ),
    );
  }
  for (const [track, offs] of offline) {
    const ons = online.get(track) ?? [];
    const byStart = new Map<number, number>();
    ons.forEach((e, i) => byStart.set(e.recordStart, i));
    const used = new Set<number>();
    for (const o of offs) {
      const oStart = o.recordStart + delta;
      const oEnd = o.recordEnd + delta;
      let i = byStart.get(oStart);
      if (i === undefined || used.has(i)) {
        // No event starts there: take the online event covering most of it.
        let best = 0;
        i = undefined;
        ons.forEach((n, k) => {
          const ov = Math.min(n.recordEnd, oEnd) - Math.max(n.recordStart, oStart);
          if (!used.has(k) && ov > best) {
            best = ov;
            i = k;
          }
        });
      }
      const where: Where = { ...conformWhereOf(a, o, options.fileA), frames: { start: oStart, end: oEnd } };
      if (i === undefined) {
        findings.push(finding('DIFF_EVENT_MISSING', { event: o.id, clip: o.clip.name, recordIn: o.row.recordIn }, { where }));
        continue;
      }
      used.add(i);
      const n = ons[i]!;
      // A shot found in the online is marked where the online has it: its record frames, so a
      // marker or a playhead move lands on the shot the colorist is looking at.
      const at: Where = { ...where, frames: { start: n.recordStart, end: n.recordEnd } };
      if (!sameSource(o, n)) {
        findings.push(finding('DIFF_WRONG_CLIP', { event: o.id, expected: `${o.clip.name} (${o.clip.reel ?? '-'})`, actual: `${n.clip.name} (${n.clip.reel ?? '-'})` }, { where: at, expected: o.clip.reel ?? o.clip.name, actual: n.clip.reel ?? n.clip.name }));
        continue;
      }
      // The online's source at the offline's record in, so a head trim does not read as a slip.
      const slip = srcStart(n) - (n.recordStart - oStart) - srcStart(o);
      if (slip !== 0) findings.push(finding('DIFF_SLIP', { event: o.id, clip: o.clip.name, frames: slip }, { where: at, expected: conformSourceLabel(srcStart(o), o.sourceRate), actual: conformSourceLabel(srcStart(o) + slip, o.sourceRate) }));
      const lo = o.recordEnd - o.recordStart;
      const ln = n.recordEnd - n.recordStart;
      if (lo !== ln || n.recordStart !== oStart) findings.push(finding('DIFF_DURATION_CHANGED', { event: o.id, clip: o.clip.name, expected: lo, actual: ln }, { where: at, expected: `${lo} frames at ${o.row.recordIn}`, actual: `${ln} frames at ${n.row.recordIn}` }));
    }
    ons.forEach((n, k) => {
      if (!used.has(k)) findings.push(finding('DIFF_EVENT_EXTRA', { event: n.id, clip: n.clip.name, recordIn: n.row.recordIn }, { where: conformWhereOf(b, n, options.fileB) }));
    });
  }
  for (const [track, ons] of online) {
    if (offline.has(track)) continue;
    for (const n of ons) findings.push(finding('DIFF_EVENT_EXTRA', { event: n.id, clip: n.clip.name, recordIn: n.row.recordIn }, { where: conformWhereOf(b, n, options.fileB) }));
  }
  return { changes: [], findings };
}

const CHANGE_COLUMNS = ['change', 'track', 'shot', 'reel', 'old event', 'new event', 'old record in', 'old record out', 'new record in', 'new record out', 'old source in', 'old source out', 'new source in', 'new source out', 'frames', 'detail'];

/** The change list as rows (header first): one a change, record and source labels of both sides. */
export function conformChangeRows(changes: readonly ConformChange[]): string[][] {
  const src = (e: ConformEvent | undefined, end: boolean) => (e ? conformSourceLabel(end ? srcEnd(e) : srcStart(e), e.sourceRate) : '');
  return [
    CHANGE_COLUMNS,
    ...changes.map((c) => [
      c.kind,
      c.track,
      (c.new ?? c.old)!.clip.name,
      (c.new ?? c.old)!.clip.reel ?? '',
      c.old?.id ?? '',
      c.new?.id ?? '',
      c.old?.row.recordIn ?? '',
      c.old?.row.recordOut ?? '',
      c.new?.row.recordIn ?? '',
      c.new?.row.recordOut ?? '',
      src(c.old, false),
      src(c.old, true),
      src(c.new, false),
      src(c.new, true),
      c.frames !== undefined ? String(c.frames) : '',
      c.finding.message,
    ]),
  ];
}

/** The change list as CSV (RFC 4180, CRLF). */
export function conformChangeCsv(changes: readonly ConformChange[]): string {
  return conformChangeRows(changes).map((r) => `${csvLine(r)}\r\n`).join('');
}

const CHANGE_COLOR: Record<ConformChangeKind, MarkerColor> = {
  add: 'green',
  delete: 'red',
  'trim-head': 'yellow',
  'trim-tail': 'yellow',
  move: 'cyan',
  replace: 'orange',
  shift: 'white',
  'vfx-version': 'purple',
};

/**
 * The new cut holding only the events that changed (shifts aside), each carrying a marker
 * that names the change; the rest of the record time is empty. Written as a change EDL.
 */
export function conformChangeTimeline(b: Timeline, changes: readonly ConformChange[]): Timeline {
  const notes = new Map<string, { text: string[]; color: MarkerColor }>();
  for (const c of changes) {
    if (!c.new || c.kind === 'shift') continue;
    const k = `${c.new.trackIndex}:${c.new.row.itemIndex}`;
    const n = notes.get(k) ?? notes.set(k, { text: [], color: CHANGE_COLOR[c.kind] }).get(k)!;
    n.text.push(`${c.kind.toUpperCase()}${c.frames !== undefined ? ` ${c.frames}` : ''}`);
  }
  const tracks = b.tracks.map((t, ti) => {
    const kept = (i: number) => t.children[i]?.kind === 'clip' && notes.has(`${ti}:${i}`);
    const children: TrackItem[] = [];
    t.children.forEach((item, i) => {
      if (item.kind === 'transition') {
        if (kept(i - 1) && kept(i + 1)) children.push(item);
        return;
      }
      if (item.kind === 'clip' && kept(i)) {
        const n = notes.get(`${ti}:${i}`)!;
        const c: Clip = { ...item, markers: [...item.markers, { name: `CHANGE ${n.text.join(', ')}`, color: n.color, markedRange: range(item.sourceRange.start.value, 1, item.sourceRange.start.rate) }] };
        children.push(c);
        return;
      }
      // Anything else keeps its length as empty record time.
      const len = itemDurationFrames(item, b.rate);
      const prev = children[children.length - 1];
      if (prev?.kind === 'gap') children[children.length - 1] = gap(itemDurationFrames(prev, b.rate) + len, b.rate);
      else children.push(gap(len, b.rate));
    });
    while (children.length && children[children.length - 1]!.kind === 'gap') children.pop();
    return { ...t, children };
  });
  return { ...b, name: `${b.name} changes`, tracks };
}
