import { finding, type Finding, type Where } from '../findings/index.ts';
import type { ReadOptions, ReadResult, WriteResult } from '../interchange/types.ts';
import { frameRate, parseTimecode, rescaledTo, rt, timecodeOf, type FrameRate } from '../time/index.ts';
import { splitLines } from './clock.ts';
import {
  attributeOf,
  basicChar,
  CEA608_EXTENDED_12,
  CEA608_EXTENDED_13,
  CEA608_SPECIAL,
  CEA608_SUBSTITUTES,
  cea608Encoding,
  hasOddParity,
  MISC,
  PAC_ROWS,
  pacRow,
  withParity,
} from './cea608.ts';
import { captionLineNormalized, captionLineText, type CaptionDocument, type CaptionEvent, type CaptionLine, type CaptionSpan } from './model.ts';
import { captionTextOf } from './srt.ts';
import { lossCounter } from './loss.ts';

/**
 * Scenarist SCC: `Scenarist_SCC V1.0`, then lines `timecode<TAB>hex pairs` of CEA-608 field-1
 * data. Timing model (documented convention, the one ttconv uses):
 * - a line's timecode labels the frame its first byte pair is sent; pair k goes out k frames
 *   later (one pair per frame at 29.97);
 * - labels are counted at 30000/1001: `;` labels drop-frame, `:` labels non-drop (30 labels
 *   per timecode second), so `01:02:53:14` is frame 113204;
 * - the reader runs a CC1 decoder: pop-on captions appear at the frame of their EOC and
 *   disappear at the EDM (or the next EOC); paint-on and roll-up text appears word by word
 *   (a change is shown at the first pair that ends a word: a space, a control code, or the
 *   last pair of the line). Doubled control codes count once.
 * Event times are frames at 30000/1001 from 00:00:00:00 (time base `timecode`).
 */

export const SCC_RATE_DF: FrameRate = frameRate(30000, 1001, true);
export const SCC_RATE_NDF: FrameRate = frameRate(30000, 1001, false);
const ROWS = 15;
const COLS = 32;

interface Cell {
  ch: string;
  italic: boolean;
  underline: boolean;
  color: string;
}

type Grid = (Cell | undefined)[][];

function emptyGrid(): Grid {
  return Array.from({ length: ROWS + 1 }, () => []);
}

function gridLines(g: Grid): { lines: CaptionLine[]; row?: number; column?: number } {
  const lines: CaptionLine[] = [];
  let row: number | undefined;
  let column: number | undefined;
  for (let r = 1; r <= ROWS; r++) {
    const cells = g[r]!;
    if (!cells.some((c) => c && c.ch.trim() !== '')) continue;
    const spans: CaptionSpan[] = [];
    let first: number | undefined;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) {
        if (first !== undefined) spans.push({ text: ' ' });
        continue;
      }
      // Leading spaces (and transparent spaces) position the text; they are not text.
      if (first === undefined && cell.ch !== ' ' && cell.ch !== '\u00a0') first = c;
      if (first === undefined) continue;
      spans.push({
        text: cell.ch,
        ...(cell.italic ? { italic: true } : {}),
        ...(cell.underline ? { underline: true } : {}),
        ...(cell.color !== 'white' ? { color: cell.color } : {}),
      });
    }
    if (row === undefined) {
      row = r;
      column = first;
    }
    const last = spans[spans.length - 1];
    if (last && last.text === '\u00a0') spans.pop();
    lines.push(captionLineNormalized(spans));
  }
  return { lines, ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) };
}

function snapshotKey(lines: readonly CaptionLine[]): string {
  return JSON.stringify(lines);
}

export function readScc(input: string | Uint8Array, options: ReadOptions = {}): ReadResult<CaptionDocument> {
  const file = options.file;
  const decoded = captionTextOf(input);
  const findings: Finding[] = [...decoded.findings];
  const at = (line: number): Where => ({ ...(file !== undefined ? { file } : {}), line });
  const lines = splitLines(decoded.text);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0 || lines[first]!.trim() !== 'Scenarist_SCC V1.0') {
    findings.push(finding('CAPTION_SCC_HEADER_MISSING', { found: (lines[first] ?? '').trim().slice(0, 40) }, { where: at(first < 0 ? 1 : first + 1) }));
    if (first < 0 || !/^\d\d:\d\d:\d\d[:;]\d\d\s/.test(lines[first]!)) return { value: { format: 'scc', timeBase: 'timecode', frameRate: SCC_RATE_NDF, events: [] }, findings };
  }
  const dropFrame = lines.some((l) => /^\d\d:\d\d:\d\d;\d\d/.test(l));
  const docRate = dropFrame ? SCC_RATE_DF : SCC_RATE_NDF;

  // Decoder state (CEA-608 §B, CC1 only).
  let displayed = emptyGrid();
  let hidden = emptyGrid();
  let mode: 'pop' | 'paint' | 'roll' = 'pop';
  let rollRows = 2;
  let row = 15;
  let col = 0;
  let style = { italic: false, underline: false, color: 'white' };
  let channel = 1;
  let lastPair = -1;
  let ignoredCc2 = 0;
  let parityErrors = 0;

  const events: CaptionEvent[] = [];
  let open: { start: number; lines: CaptionLine[]; row?: number; column?: number; line: number } | undefined;
  let shownKey = snapshotKey([]);
  let pendingChange = false;
  let lastFrame = 0;

  const target = (): Grid => (mode === 'pop' ? hidden : displayed);
  let forceNext = false;
  const commit = (frame: number, srcLine: number): void => {
    pendingChange = false;
    const snap = gridLines(displayed);
    const key = snapshotKey(snap.lines);
    // An EOC always starts a new caption, even one that repeats the text on screen.
    if (key === shownKey && !(forceNext && snap.lines.length)) return;
    forceNext = false;
    if (open) events.push({ start: rt(open.start, docRate), end: rt(frame, docRate), lines: open.lines, ...(open.row !== undefined ? { placement: { row: open.row, ...(open.column !== undefined ? { column: open.column } : {}), ...(open.row < 8 ? { vertical: 'top' as const } : {}) } } : {}), sourceLine: open.line });
    open = snap.lines.length ? { start: frame, lines: snap.lines, ...(snap.row !== undefined ? { row: snap.row } : {}), ...(snap.column !== undefined ? { column: snap.column } : {}), line: srcLine } : undefined;
    shownKey = key;
  };
  let overflowLine = 0;
  let currentLine = 0;
  const put = (ch: string): void => {
    const g = target();
    // Text past column 32 is kept (files in the wild overflow; decoders differ) and reported once.
    if (col >= COLS && !overflowLine) overflowLine = currentLine;
    g[row]![col] = { ch, ...style };
    col++;
    if (mode !== 'pop') pendingChange = true;
  };
  const rollUp = (): void => {
    const top = row - rollRows + 1;
    for (let r = 1; r < row; r++) displayed[r] = r >= top ? (displayed[r + 1] ?? []) : [];
    displayed[row] = [];
    col = 0;
    pendingChange = true;
  };

  let nextFree = -1;
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    currentLine = lineNo;
    const text = raw.trim();
    if (idx <= first || text === '') return;
    const m = /^(\d\d:\d\d:\d\d[:;.,]\d\d)\s+(.*)$/.exec(text);
    if (!m) {
      findings.push(finding('CAPTION_SCC_LINE_INVALID', { text: text.slice(0, 40), reason: 'expected a timecode, a tab and hex byte pairs' }, { where: at(lineNo) }));
      return;
    }
    const label = m[1]!;
    const parsed = parseTimecode(label.replace(/[.,]/, ';'), /[;.,]/.test(label) ? SCC_RATE_DF : SCC_RATE_NDF);
    if (!parsed.ok) {
      findings.push(finding('CAPTION_SCC_LINE_INVALID', { text: label, reason: parsed.error.message }, { where: at(lineNo) }));
      return;
    }
    let frame = parsed.value;
    if (frame < nextFree) {
      findings.push(finding('CAPTION_SCC_LINE_LATE', { label, frames: nextFree - frame }, { where: at(lineNo) }));
      frame = nextFree;
    }
    const words = m[2]!.split(/\s+/).filter(Boolean);
    words.forEach((w, k) => {
      const f = frame + k;
      lastFrame = f;
      const isLast = k === words.length - 1;
      if (!/^[0-9a-fA-F]{4}$/.test(w)) {
        findings.push(finding('CAPTION_SCC_WORD_INVALID', { word: w, reason: 'not four hex digits; skipped' }, { where: at(lineNo) }));
        if (isLast && pendingChange) commit(f, lineNo);
        return;
      }
      const pair = parseInt(w, 16);
      const hi = pair >> 8;
      const lo = pair & 0xff;
      if (!hasOddParity(hi) || !hasOddParity(lo)) {
        parityErrors++;
        if (parityErrors <= 5) findings.push(finding('CAPTION_SCC_WORD_INVALID', { word: w, reason: 'a byte fails the odd-parity check; read without its parity bit' }, { where: at(lineNo) }));
      }
      const b1 = hi & 0x7f;
      const b2 = lo & 0x7f;
      let boundary = isLast;
      if (b1 === 0 && b2 === 0) {
        lastPair = -1;
      } else if (b1 >= 0x10 && b1 <= 0x1f) {
        boundary = true;
        const code = (b1 << 8) | b2;
        if (code === lastPair) {
          // The redundant copy of a doubled control code (CEA-608 §D.2).
          lastPair = -1;
        } else {
          lastPair = code;
          channel = b1 & 0x08 ? 2 : 1;
          const c = b1 & 0x77;
          if (channel === 2) ignoredCc2++;
          else if ((c === 0x14 || c === 0x15) && b2 >= 0x20 && b2 <= 0x2f) {
            switch (b2) {
              case MISC.RCL:
                mode = 'pop';
                break;
              case MISC.RDC:
                mode = 'paint';
                break;
              case MISC.RU2:
              case MISC.RU3:
              case MISC.RU4:
                if (mode !== 'roll') {
                  displayed = emptyGrid();
                  pendingChange = true;
                }
                mode = 'roll';
                rollRows = b2 - MISC.RU2 + 2;
                row = 15;
                col = 0;
                break;
              case MISC.EDM:
                displayed = emptyGrid();
                pendingChange = true;
                break;
              case MISC.ENM:
                hidden = emptyGrid();
                break;
              case MISC.EOC: {
                const t = displayed;
                displayed = hidden;
                hidden = t;
                pendingChange = true;
                forceNext = true;
                break;
              }
              case MISC.CR:
                if (mode === 'roll') rollUp();
                else {
                  row = Math.min(row + 1, ROWS);
                  col = 0;
                }
                break;
              case MISC.BS:
                if (col > 0) {
                  col--;
                  target()[row]![col] = undefined;
                  if (mode !== 'pop') pendingChange = true;
                }
                break;
              case MISC.DER:
                target()[row]!.length = Math.min(target()[row]!.length, col);
                if (mode !== 'pop') pendingChange = true;
                break;
              default:
                break;
            }
          } else if (c === 0x17 && b2 >= 0x21 && b2 <= 0x23) {
            col += b2 - 0x20;
          } else if (c === 0x11 && b2 >= 0x20 && b2 <= 0x2f) {
            // Mid-row code: a space in the row, then the new attribute (italics keep the colour).
            const a = attributeOf(b2 - 0x20);
            put(' ');
            style = a.italic ? { ...style, italic: true, underline: a.underline } : { italic: false, underline: a.underline, color: a.color };
          } else if (c === 0x11 && b2 >= 0x30 && b2 <= 0x3f) {
            put(CEA608_SPECIAL[b2 - 0x30]!);
            lastPair = code;
          } else if ((c === 0x12 || c === 0x13) && b2 >= 0x20 && b2 <= 0x3f) {
            if (col > 0) col--;
            put((c === 0x12 ? CEA608_EXTENDED_12 : CEA608_EXTENDED_13)[b2 - 0x20]!);
          } else if (b2 >= 0x40 && b2 <= 0x7f) {
            const r = pacRow(c, b2);
            if (r !== undefined) {
              if (mode === 'roll') {
                if (r !== row) {
                  // Roll-up: the base row moves; the window moves with it.
                  const moved = emptyGrid();
                  for (let k = 0; k < rollRows; k++) moved[r - k] = displayed[row - k] ?? [];
                  displayed = moved;
                }
              }
              row = r;
              const n = (b2 - 0x40) & 0x1f;
              if (n >= 0x10) {
                col = ((n & 0x0e) >> 1) * 4;
                style = { italic: false, underline: (n & 1) === 1, color: 'white' };
              } else {
                col = 0;
                style = attributeOf(n);
              }
            } else findings.push(finding('CAPTION_SCC_WORD_INVALID', { word: w, reason: 'not a preamble address code of any row' }, { where: at(lineNo) }));
          }
        }
      } else {
        lastPair = -1;
        if (channel === 1) {
          if (b1 >= 0x20) put(basicChar(b1));
          if (b2 >= 0x20) put(basicChar(b2));
          if (b1 === 0x20 || b2 === 0x20) boundary = true;
        }
      }
      if (boundary && pendingChange) commit(f, lineNo);
    });
    nextFree = frame + words.length;
  });
  if (open) {
    const end = open.start + Math.round((10 * 30000) / 1001);
    findings.push(finding('CAPTION_SCC_NOT_ERASED', { start: timecodeOf(open.start, docRate), end: timecodeOf(end, docRate) }, { where: at(open.line) }));
    events.push({ start: rt(open.start, docRate), end: rt(Math.max(end, lastFrame + 1), docRate), lines: open.lines, sourceLine: open.line });
  }
  if (overflowLine) findings.push(finding('CAPTION_SCC_WORD_INVALID', { word: 'text', reason: 'a row runs past column 32 of the CEA-608 grid; the text was kept as written' }, { where: at(overflowLine) }));
  if (ignoredCc2) findings.push(finding('CAPTION_SCC_CHANNEL_IGNORED', { channel: 'CC2', count: ignoredCc2 }, { where: at(1) }));
  return { value: { format: 'scc', timeBase: 'timecode', frameRate: docRate, events }, findings };
}

interface SccWriteOptions {
  /** Label counting: drop-frame (`;`, default) or non-drop (`:`). Frames are the same; only labels differ. */
  readonly dropFrame?: boolean;
  /**
   * For media-time documents (SRT, WebVTT, TTML): the timecode of media time zero, as a frame
   * count at 29.97 (default 0). SCC is always timecode-based.
   */
  readonly startFrame?: number;
}

function hex(b1: number, b2: number): string {
  return ((withParity(b1) << 8) | withParity(b2)).toString(16).padStart(4, '0');
}

/** Byte pairs that load one event's text into non-displayed memory. */
function loadPairs(e: CaptionEvent, index: number, format: ReturnType<typeof lossCounter>, findings: Finding[], compact: boolean): string[] {
  const words: string[] = [];
  const control = (b2: number, b1 = 0x14, once = false): void => {
    const h = hex(b1, b2);
    if (once) words.push(h);
    else words.push(h, h);
  };
  control(MISC.ENM);
  control(MISC.RCL);
  // Re-wrap lines longer than 32 columns; more than 4 rows do not fit a caption.
  const rows: CaptionLine[] = [];
  for (const line of e.lines) {
    const text = captionLineText(line);
    if (text.length <= COLS) {
      rows.push(line);
      continue;
    }
    findings.push(finding('CAPTION_TARGET_LAYOUT', { format: 'SCC', event: e.id ?? String(index + 1), detail: `has a ${text.length}-character line; CEA-608 rows hold 32, so it was wrapped` }));
    let cur: CaptionSpan[] = [];
    let len = 0;
    for (const span of line) {
      for (const word of span.text.split(/(?<= )/)) {
        if (len + word.trimEnd().length > COLS && len > 0) {
          rows.push(captionLineNormalized(cur));
          cur = [];
          len = 0;
        }
        cur.push({ ...span, text: word });
        len += word.length;
      }
    }
    if (cur.length) rows.push(captionLineNormalized(cur));
  }
  if (rows.length > 4) findings.push(finding('CAPTION_TARGET_LAYOUT', { format: 'SCC', event: e.id ?? String(index + 1), detail: `has ${rows.length} rows; CEA-608 captions use up to 4 and the grid 15` }));
  const usable = rows.slice(0, ROWS);
  const top = e.placement?.vertical === 'top';
  const firstRow = e.placement?.row !== undefined && e.placement.row + usable.length - 1 <= ROWS ? e.placement.row : top ? 2 : ROWS - usable.length + 1;
  if (e.lines.some((l) => l.some((s) => s.bold))) format.add('bold');
  if (e.lines.some((l) => l.some((s) => s.background))) format.add('background colours');
  usable.forEach((line, k) => {
    const r = Math.max(1, firstRow + k);
    const text = captionLineText(line);
    const align = e.placement?.align;
    const column = align === 'left' || align === 'start' ? 0 : align === 'right' || align === 'end' ? COLS - text.length : Math.floor((COLS - text.length) / 2);
    const indent = Math.max(0, Math.min(28, Math.floor(column / 4) * 4));
    const [pb1, high] = PAC_ROWS[r - 1]!;
    // Compact loads (when frames are short) send PACs once and skip the tab offset.
    control((high ? 0x60 : 0x40) + 0x10 + (indent / 4) * 2, pb1, compact);
    const tab = column - indent;
    if (tab > 0 && tab < 4 && !compact) control(0x20 + tab, 0x17);
    let pending: number | undefined;
    const flushByte = (): void => {
      if (pending !== undefined) {
        words.push(hex(pending, 0));
        pending = undefined;
      }
    };
    const byte = (b: number): void => {
      if (pending === undefined) pending = b;
      else {
        words.push(hex(pending, b));
        pending = undefined;
      }
    };
    let current = { italic: false, underline: false, color: 'white' };
    let lastSpecial = '';
    line.forEach((span, si) => {
      const want = { italic: !!span.italic, underline: !!span.underline, color: colorOf608(span.color, format) };
      if (want.italic !== current.italic || want.underline !== current.underline || want.color !== current.color) {
        // A mid-row code shows as a space: it replaces a space we would send anyway.
        flushByte();
        const nibble = want.italic ? 0x0e + (want.underline ? 1 : 0) : [...['white', 'lime', 'blue', 'cyan', 'red', 'yellow', 'magenta']].indexOf(want.color) * 2 + (want.underline ? 1 : 0);
        control(0x20 + nibble, 0x11);
        current = want;
        lastSpecial = '';
      }
      let t = span.text;
      if (si > 0 && line[si - 1]!.text.endsWith(' ') && (want.italic !== !!line[si - 1]!.italic || want.color !== colorOf608(line[si - 1]!.color, format) || want.underline !== !!line[si - 1]!.underline)) t = t.replace(/^ /, '');
      // Characters 608 lacks: a listed substitute (… -> ...), else the letter without its accent, else dropped.
      t = [...t].map((ch) => (cea608Encoding(ch) || CEA608_SUBSTITUTES[ch] === undefined ? ch : (format.add(`the character "${ch}" (written as "${CEA608_SUBSTITUTES[ch]}")`), CEA608_SUBSTITUTES[ch]!))).join('');
      for (const ch of t) {
        const enc = cea608Encoding(ch) ?? substitute(ch, format);
        if (!enc) continue;
        if (enc.kind === 'basic') {
          byte(enc.byte);
          lastSpecial = '';
        } else if (enc.kind === 'special') {
          flushByte();
          const h = hex(enc.pair[0], enc.pair[1]);
          // Two identical specials in a row would read as one doubled code; a null pair keeps both.
          if (lastSpecial === h) words.push('8080');
          words.push(h);
          lastSpecial = h;
        } else {
          byte(enc.fallback);
          flushByte();
          words.push(hex(enc.pair[0], enc.pair[1]));
          lastSpecial = '';
        }
      }
    });
    flushByte();
  });
  return words;
}

function colorOf608(color: string | undefined, loss: ReturnType<typeof lossCounter>): string {
  if (!color) return 'white';
  const c = color.toLowerCase();
  const map: Record<string, string> = { green: 'lime', '#00ff00': 'lime', '#ffffff': 'white', '#0000ff': 'blue', '#00ffff': 'cyan', '#ff0000': 'red', '#ffff00': 'yellow', '#ff00ff': 'magenta' };
  const n = map[c] ?? map[c.slice(0, 7)] ?? c;
  if (['white', 'lime', 'blue', 'cyan', 'red', 'yellow', 'magenta'].includes(n)) return n;
  loss.add(`the colour ${color} (608 has white, green, blue, cyan, red, yellow, magenta)`);
  return 'white';
}

function substitute(ch: string, loss: ReturnType<typeof lossCounter>): ReturnType<typeof cea608Encoding> {
  const plain = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const enc = plain.length === 1 && plain !== ch ? cea608Encoding(plain) : undefined;
  loss.add(`the character "${ch}"${enc ? ` (written as "${plain}")` : ' (dropped)'}`);
  return enc;
}

/**
 * SCC text for a document: pop-on captions, one pair per frame at 29.97. Each event is
 * loaded into non-displayed memory (ENM RCL, PACs, text), shown by an EOC on its start frame
 * and cleared by an EDM on its end frame (unless the next caption's EOC replaces it there).
 * Loading is placed as late as the channel allows; when there are not enough frames, the
 * EOC goes late and a CAPTION_SCC_TIMING_SHIFTED finding says by how much.
 */
export function writeScc(doc: CaptionDocument, options: SccWriteOptions = {}): WriteResult {
  const df = options.dropFrame ?? true;
  const rate = df ? SCC_RATE_DF : SCC_RATE_NDF;
  const loss = lossCounter('SCC');
  const findings: Finding[] = [];
  const offset = doc.timeBase === 'media' ? (options.startFrame ?? 0) : 0;
  const frameOf = (e: CaptionEvent['start']): number => rescaledTo(e, rate, 'round') + offset;
  const lines: { frame: number; words: string[] }[] = [];
  let cursor = 0;
  const emit = (frame: number, words: string[]): number => {
    const t = Math.max(frame, cursor);
    lines.push({ frame: t, words });
    cursor = t + words.length;
    return t;
  };
  const edm = [hex(0x14, MISC.EDM), hex(0x14, MISC.EDM)];
  const eoc = [hex(0x14, MISC.EOC), hex(0x14, MISC.EOC)];
  doc.events.forEach((e, i) => {
    if (e.speaker) loss.add('speaker names');
    const start = frameOf(e.start);
    const end = Math.max(frameOf(e.end), start + 1);
    const prev = doc.events[i - 1];
    const prevEnd = prev ? Math.max(frameOf(prev.end), frameOf(prev.start) + 1) : -1;
    // The full load doubles every control code; when it does not fit before the start, a compact one is tried.
    const room = start - cursor - (prev !== undefined && prevEnd < start && prevEnd >= cursor ? 2 : 0);
    const trial: Finding[] = [];
    let load = loadPairs(e, i, lossCounter('SCC'), trial, false);
    if (load.length > room) load = loadPairs(e, i, loss, findings, true);
    else load = loadPairs(e, i, loss, findings, false);
    // Load into non-displayed memory as late as the channel allows. When the previous caption
    // must be cleared first, the EDM keeps its frame and the load flows around it (an EDM does
    // not touch non-displayed memory); a doubled control code is never split.
    const clearPrev = prev !== undefined && prevEnd < start;
    if (clearPrev) {
      const afterStart = Math.max(cursor, prevEnd + 2);
      let nAfter = Math.max(0, Math.min(load.length, start - afterStart));
      let nBefore = load.length - nAfter;
      if (nBefore > 0 && nAfter > 0 && load[nBefore - 1] === load[nBefore]) {
        nBefore++;
        nAfter--;
      }
      if (nBefore > 0) emit(prevEnd - nBefore, load.slice(0, nBefore));
      const cleared = emit(prevEnd, edm);
      if (cleared !== prevEnd) findings.push(finding('CAPTION_SCC_TIMING_SHIFTED', { event: prev.id ?? String(i), frames: cleared - prevEnd, code: 'EDM (erase)' }));
      if (nAfter > 0) emit(start - nAfter, load.slice(nBefore));
    } else emit(Math.max(0, start - load.length), load);
    const shown = emit(start, eoc);
    if (shown !== start) findings.push(finding('CAPTION_SCC_TIMING_SHIFTED', { event: e.id ?? String(i + 1), frames: shown - start, code: 'EOC (display)' }));
    if (i === doc.events.length - 1) {
      const cleared = emit(end, edm);
      if (cleared !== end) findings.push(finding('CAPTION_SCC_TIMING_SHIFTED', { event: e.id ?? String(i + 1), frames: cleared - end, code: 'EDM (erase)' }));
    }
  });
  const text = ['Scenarist_SCC V1.0', '', ...lines.flatMap((l) => [`${timecodeOf(l.frame, rate)}\t${l.words.join(' ')}`, ''])].join('\n');
  return { text, findings: [...findings, ...loss.findings()] };
}
