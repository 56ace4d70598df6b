import type { FrameRate, RationalTime } from '../time/index.ts';

/**
 * The caption model every format reads into and writes from: plain read-only data.
 *
 * Time conventions:
 * - `start`/`end` are exact instants, `[start, end)`: the event is on screen from the frame at
 *   `start` up to, not including, `end`. Each format keeps its own unit: milliseconds
 *   (`rate {1000/1}`) for SRT and WebVTT, frames at 30000/1001 for SCC, frames at 25 or
 *   30000/1001 for EBU STL, the document's own units for TTML.
 * - `timeBase` says what zero is: `media` = the start of the programme (SRT, WebVTT, TTML
 *   media time); `timecode` = timecode 00:00:00:00, so instants are timecode labels as
 *   frame counts (SCC, EBU STL). A check against a timeline starting at 01:00:00:00 adds the
 *   timeline start to media times and compares timecode times directly.
 */

export type CaptionFormat = 'srt' | 'vtt' | 'ttml' | 'scc' | 'stl';
export const CAPTION_FORMATS: readonly CaptionFormat[] = ['srt', 'vtt', 'ttml', 'scc', 'stl'];
/** The formats Picturelock writes (EBU STL is read only). */
export const CAPTION_WRITABLE_FORMATS = ['srt', 'vtt', 'ttml', 'scc'] as const;
export type CaptionWritableFormat = (typeof CAPTION_WRITABLE_FORMATS)[number];

/** A run of text with one style. Colours are CSS-style names (`yellow`) or `#rrggbb`. */
export interface CaptionSpan {
  readonly text: string;
  readonly italic?: boolean;
  readonly bold?: boolean;
  readonly underline?: boolean;
  readonly color?: string;
  readonly background?: string;
}

/** One displayed line: its spans in order. */
export type CaptionLine = readonly CaptionSpan[];

/** Where an event sits. Absent fields mean the format default (bottom, centred). */
export interface CaptionPlacement {
  readonly vertical?: 'top' | 'middle' | 'bottom';
  readonly align?: 'left' | 'center' | 'right' | 'start' | 'end';
  /** The first row on a character grid when the source had one: 1-15 for CEA-608, 0-23 for EBU STL. */
  readonly row?: number;
  /** The first column on the CEA-608 grid (0-31). */
  readonly column?: number;
  /** A named region (TTML region id, WebVTT region id). */
  readonly region?: string;
}

export interface CaptionEvent {
  /** The cue identifier or counter as the source wrote it. */
  readonly id?: string;
  readonly start: RationalTime;
  readonly end: RationalTime;
  readonly lines: readonly CaptionLine[];
  readonly placement?: CaptionPlacement;
  /** Speaker (WebVTT `<v Name>`, TTML `ttm:agent`). */
  readonly speaker?: string;
  /** BCP 47 tag when the event says so (`xml:lang`, `<lang>`). */
  readonly language?: string;
  /** WebVTT cue settings as written (`align:start line:10%`), kept for a WebVTT round trip. */
  readonly vttSettings?: Readonly<Record<string, string>>;
  /** 1-based line in the source file (or TTI block number for EBU STL), for findings. */
  readonly sourceLine?: number;
}

export interface CaptionDocument {
  readonly format: CaptionFormat;
  readonly timeBase: 'media' | 'timecode';
  /** The frame rate the file states or implies (SCC 29.97, STL 25/30, TTML ttp:frameRate). */
  readonly frameRate?: FrameRate;
  /** Programme start label as a frame count at `frameRate` (EBU STL TCP). */
  readonly programmeStart?: number;
  readonly language?: string;
  readonly title?: string;
  readonly events: readonly CaptionEvent[];
}

/** The plain text of a line. */
export function captionLineText(line: CaptionLine): string {
  let s = '';
  for (const span of line) s += span.text;
  return s;
}

/** The plain text of an event, lines joined by `\n`. */
export function captionText(e: CaptionEvent): string {
  return e.lines.map(captionLineText).join('\n');
}

/** An event of plain lines (no styling). */
export function captionPlainLines(text: string): CaptionLine[] {
  return text.split('\n').map((t) => [{ text: t }]);
}

function sameStyle(a: CaptionSpan, b: CaptionSpan): boolean {
  return !!a.italic === !!b.italic && !!a.bold === !!b.bold && !!a.underline === !!b.underline && a.color === b.color && a.background === b.background;
}

function styled(a: CaptionSpan): boolean {
  return !!(a.italic || a.bold || a.underline || a.color || a.background);
}

/**
 * A line in canonical form: runs of white space collapsed to one space, the line trimmed,
 * neighbours with the same style merged, white space at the edge of a styled span moved
 * outside it, empty spans dropped. Every reader returns canonical lines.
 */
export function captionLineNormalized(line: CaptionLine, options: { collapseSpaces?: boolean } = {}): CaptionLine {
  const collapse = options.collapseSpaces ?? true;
  const parts: CaptionSpan[] = [];
  for (const span of line) {
    let text = collapse ? span.text.replace(/[ \t\r\n]+/g, ' ') : span.text;
    if (text === '') continue;
    if (styled(span)) {
      const lead = /^ +/.exec(text)?.[0] ?? '';
      const trail = lead.length === text.length ? '' : (/ +$/.exec(text)?.[0] ?? '');
      text = text.slice(lead.length, text.length - trail.length);
      if (lead) parts.push({ text: lead });
      if (text) parts.push({ ...span, text });
      if (trail) parts.push({ text: trail });
    } else parts.push(span);
  }
  const merged: CaptionSpan[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (last && sameStyle(last, p)) {
      let text = last.text + p.text;
      if (collapse) text = text.replace(/ {2,}/g, ' ');
      merged[merged.length - 1] = { ...last, text };
    } else if (collapse && last && last.text.endsWith(' ') && p.text.startsWith(' ')) {
      const t = p.text.replace(/^ +/, '');
      if (t) merged.push({ ...p, text: t });
    } else merged.push(p);
  }
  // A bare space between two runs of one style joins them (`<i>a</i> <i>b</i>` is `<i>a b</i>`).
  for (let k = merged.length - 2; k >= 1; k--) {
    const [a, sp, b] = [merged[k - 1]!, merged[k]!, merged[k + 1]!];
    if (styled(a) && !styled(sp) && sp.text.trim() === '' && sameStyle(a, b)) merged.splice(k - 1, 3, { ...a, text: a.text + sp.text + b.text });
  }
  if (collapse && merged.length) {
    const first = merged[0]!;
    merged[0] = { ...first, text: first.text.replace(/^ +/, '') };
    const lastIdx = merged.length - 1;
    const last = merged[lastIdx]!;
    merged[lastIdx] = { ...last, text: last.text.replace(/ +$/, '') };
  }
  return merged.filter((s) => s.text !== '');
}

/** Lines without empty ones at the start or end (a blank line between two lines stays). */
export function captionLinesTrimmed(lines: readonly CaptionLine[]): CaptionLine[] {
  const out = [...lines];
  while (out.length && captionLineText(out[0]!) === '') out.shift();
  while (out.length && captionLineText(out[out.length - 1]!) === '') out.pop();
  return out;
}
