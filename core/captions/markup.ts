import type { CaptionLine, CaptionSpan } from './model.ts';
import { captionLineNormalized } from './model.ts';

/**
 * The inline markup SRT and WebVTT share: `<i> <b> <u>`, SRT's `<font color=…>`, WebVTT's
 * `<c.class>`, `<v Speaker>`, `<lang xx>`, `<ruby>/<rt>` and `<hh:mm:ss.ttt>` timestamps.
 * WebVTT character references are decoded; unknown tags are dropped (their text kept).
 */

export interface MarkupResult {
  readonly lines: CaptionLine[];
  readonly speaker?: string;
  readonly language?: string;
  readonly unknownTags: string[];
  /** SRT `{\anN}` position override (numeric keypad). */
  readonly an?: number;
}

/** The eight colour classes WebVTT defines (`::cue(.yellow)` etc.). */
export const VTT_COLOR_CLASSES = ['white', 'lime', 'cyan', 'red', 'yellow', 'magenta', 'blue', 'black'] as const;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

export function decodeVttEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

interface Style {
  italic?: boolean;
  bold?: boolean;
  underline?: boolean;
  color?: string;
  background?: string;
}

function colorOfClasses(classes: readonly string[]): { color?: string; background?: string } {
  const out: { color?: string; background?: string } = {};
  for (const c of classes) {
    if ((VTT_COLOR_CLASSES as readonly string[]).includes(c)) out.color = c;
    else if (c.startsWith('bg_') && (VTT_COLOR_CLASSES as readonly string[]).includes(c.slice(3))) out.background = c.slice(3);
  }
  return out;
}

/** Cue payload lines to styled lines. `vtt` switches on WebVTT entity decoding and class colours. */
export function parseInlineMarkup(payload: readonly string[], vtt: boolean): MarkupResult {
  const unknownTags: string[] = [];
  let speaker: string | undefined;
  let language: string | undefined;
  let an: number | undefined;
  const stack: { tag: string; style: Style }[] = [];
  const lines: CaptionLine[] = [];
  for (const raw of payload) {
    let text = raw;
    if (!vtt) {
      text = text.replace(/\{\\an([1-9])\}/g, (_w, d: string) => {
        an = Number(d);
        return '';
      });
      // Other ASS override blocks ({\i1}, {\pos(…)}) carry no text.
      text = text.replace(/\{\\[^}]*\}/g, '');
    }
    const spans: CaptionSpan[] = [];
    const current = (): Style => (stack.length ? stack[stack.length - 1]!.style : {});
    const push = (t: string): void => {
      if (t === '') return;
      const s = current();
      spans.push({ text: vtt ? decodeVttEntities(t) : t, ...s });
    };
    const re = /<(\/?)([a-zA-Z0-9]+|\d[\d:.]*)([^>]*)>/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      push(text.slice(last, m.index));
      last = re.lastIndex;
      const closing = m[1] === '/';
      const nameWithClasses = (m[2]! + (m[3]!.startsWith('.') ? m[3]!.split(/\s/)[0] : '')).toLowerCase();
      const [name, ...classes] = nameWithClasses.split('.');
      const rest = m[3]!.startsWith('.') ? m[3]!.slice(m[3]!.split(/\s/)[0]!.length) : m[3]!;
      if (/^\d/.test(name!)) continue; // karaoke timestamp
      if (closing) {
        const idx = stack.map((e) => e.tag).lastIndexOf(name!);
        if (idx >= 0) stack.length = idx;
        continue;
      }
      const base = current();
      let style: Style | undefined;
      switch (name) {
        case 'i':
          style = { ...base, italic: true, ...colorOfClasses(classes) };
          break;
        case 'b':
          style = { ...base, bold: true, ...colorOfClasses(classes) };
          break;
        case 'u':
          style = { ...base, underline: true, ...colorOfClasses(classes) };
          break;
        case 'c':
          style = { ...base, ...colorOfClasses(classes) };
          break;
        case 'v': {
          const who = rest.trim();
          if (who) speaker = decodeVttEntities(who);
          style = { ...base };
          break;
        }
        case 'lang':
          language = rest.trim() || language;
          style = { ...base };
          break;
        case 'ruby':
        case 'rt':
          style = { ...base };
          break;
        case 'font': {
          const color = /color\s*=\s*["']?([#\w]+)/i.exec(rest)?.[1];
          style = { ...base, ...(color ? { color: color.toLowerCase() } : {}) };
          break;
        }
        default:
          unknownTags.push(`<${m[2]}${m[3]}>`);
          style = undefined;
      }
      if (style) stack.push({ tag: name!, style });
    }
    push(text.slice(last));
    lines.push(captionLineNormalized(spans));
  }
  return { lines, unknownTags, ...(speaker !== undefined ? { speaker } : {}), ...(language !== undefined ? { language } : {}), ...(an !== undefined ? { an } : {}) };
}

/** A span as SRT / WebVTT tags; `escape` applies WebVTT escaping. */
export function spanMarkup(span: CaptionSpan, format: 'srt' | 'vtt'): string {
  let t = format === 'vtt' ? span.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : span.text;
  if (span.color || span.background) {
    if (format === 'vtt') {
      const cls = [
        ...(span.color && (VTT_COLOR_CLASSES as readonly string[]).includes(span.color) ? [span.color] : []),
        ...(span.background && (VTT_COLOR_CLASSES as readonly string[]).includes(span.background) ? [`bg_${span.background}`] : []),
      ];
      if (cls.length) t = `<c.${cls.join('.')}>${t}</c>`;
    } else if (span.color) t = `<font color="${span.color}">${t}</font>`;
  }
  if (span.underline) t = `<u>${t}</u>`;
  if (span.bold) t = `<b>${t}</b>`;
  if (span.italic) t = `<i>${t}</i>`;
  return t;
}
