import { finding, type Finding } from '../findings/index.ts';
import { rescaledTo, rt, timecodeOf } from '../time/index.ts';
import { eventsOf, timelineDuration, type EventRow, type Timeline } from '../timeline/index.ts';
import type { CaptionDocument, CaptionEvent } from './model.ts';

/**
 * Shot changes and programme bounds from a timeline, in record frames at the timeline rate.
 * A shot change is every record position where a video clip starts or ends, other than
 * the programme's first and last frame.
 */
export function captionsTimelineFacts(tl: Timeline): { cuts: number[]; programme: { start: number; end: number }; recordStart: number } {
  const start = rescaledTo(tl.globalStart, tl.rate, 'round');
  const end = start + rescaledTo(timelineDuration(tl), tl.rate, 'round');
  const set = new Set<number>();
  for (const row of videoRows(tl)) {
    set.add(row.record.start.value);
    set.add(row.record.start.value + row.record.duration.value);
  }
  set.delete(start);
  set.delete(end);
  return { cuts: [...set].sort((a, b) => a - b), programme: { start, end }, recordStart: start };
}

function videoRows(tl: Timeline): EventRow[] {
  return eventsOf(tl).filter((r) => tl.tracks[r.trackIndex]!.trackKind === 'video');
}

/** What identifies a piece of source across two cuts: reel (or clip/file name) and source frames. */
function identityOf(row: EventRow): string {
  return row.clip.reel || row.clip.sourceFile || (row.clip.media.kind === 'external' ? row.clip.media.url : '') || row.clip.name;
}

interface Piece {
  id: string;
  srcIn: number;
  recIn: number;
  len: number;
}

function piecesOf(tl: Timeline): Piece[] {
  // The lowest video track that covers a frame is not what a viewer sees; the top one is.
  // Captions follow the picture, so later (higher) tracks win: keep rows ordered by track.
  return videoRows(tl)
    .sort((a, b) => b.trackIndex - a.trackIndex)
    .map((r) => ({ id: identityOf(r), srcIn: r.clip.sourceRange.start.value, recIn: r.record.start.value, len: r.record.duration.value }));
}

/**
 * Captions moved from an old cut to a new one (a change list between versions). Each event's
 * first and last frame are looked up by source identity (reel, file or clip name, and source
 * frame): where is the picture it sat on in the new cut? An event whose material is gone is
 * dropped; one whose end material was trimmed is shortened. Matching is done here because
 * the conform module exposes no version diff yet. Times come back at the new timeline's rate.
 */
export function captionsRetimed(doc: CaptionDocument, oldCut: Timeline, newCut: Timeline): { value: CaptionDocument; findings: Finding[] } {
  const rate = oldCut.rate;
  const oldStart = rescaledTo(oldCut.globalStart, rate, 'round');
  const newStart = rescaledTo(newCut.globalStart, newCut.rate, 'round');
  const base = doc.timeBase === 'media' ? oldStart : 0;
  const oldPieces = piecesOf(oldCut);
  const newPieces = piecesOf(newCut);
  const byId = new Map<string, Piece[]>();
  for (const p of newPieces) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  const findings: Finding[] = [];
  const sourceAt = (rec: number): { id: string; src: number } | undefined => {
    const p = oldPieces.find((x) => rec >= x.recIn && rec < x.recIn + x.len);
    return p && { id: p.id, src: p.srcIn + (rec - p.recIn) };
  };
  const newRecordOf = (s: { id: string; src: number } | undefined, near?: number): { rec: number; piece: Piece } | undefined => {
    if (!s) return undefined;
    const cands = (byId.get(s.id) ?? []).filter((p) => s.src >= p.srcIn && s.src < p.srcIn + p.len);
    if (!cands.length) return undefined;
    const best = near === undefined ? cands[0]! : cands.sort((a, b) => Math.abs(a.recIn - near) - Math.abs(b.recIn - near))[0]!;
    return { rec: best.recIn + (s.src - best.srcIn), piece: best };
  };
  const events: CaptionEvent[] = [];
  const nbase = doc.timeBase === 'media' ? newStart : 0;
  doc.events.forEach((e, i) => {
    const label = e.id ?? String(i + 1);
    const s = rescaledTo(e.start, rate, 'round') + base;
    const en = rescaledTo(e.end, rate, 'round') + base;
    let a = newRecordOf(sourceAt(s));
    let b = newRecordOf(sourceAt(en - 1), a?.rec);
    if (!a && !b) {
      // Try every frame of the event for any surviving material.
      for (let f = s; f < en && !a; f++) a = newRecordOf(sourceAt(f));
      for (let f = en - 1; f >= s && !b; f--) b = newRecordOf(sourceAt(f), a?.rec);
    }
    if (!a && !b) {
      findings.push(finding('CAPTION_RETIME_DROPPED', { event: label, record: `${timecodeOf(s, rate)}-${timecodeOf(en, rate)}` }, { where: { event: label, ...(e.sourceLine !== undefined ? { line: e.sourceLine } : {}) } }));
      return;
    }
    let start = a ? a.rec : b!.piece.recIn;
    let end = b ? b.rec + 1 : a!.piece.recIn + a!.piece.len;
    if (end <= start) {
      start = a ? a.rec : b!.piece.recIn;
      end = Math.min(start + (en - s), (a ?? b)!.piece.recIn + (a ?? b)!.piece.len);
    }
    if (end - start !== en - s) findings.push(finding('CAPTION_RETIME_TRIMMED', { event: label, before: en - s, after: end - start }, { where: { event: label, ...(e.sourceLine !== undefined ? { line: e.sourceLine } : {}) } }));
    events.push({ ...e, start: rt(start - nbase, newCut.rate), end: rt(end - nbase, newCut.rate) });
  });
  events.sort((x, y) => x.start.value - y.start.value);
  return { value: { ...doc, events, frameRate: newCut.rate }, findings };
}
