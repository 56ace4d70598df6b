import { finding, type Finding, type Where } from '../findings/index.ts';
import { parseXmlSafely, type XmlNode } from '../interchange/xml.ts';
import type { ReadOptions, ReadResult, WriteResult } from '../interchange/types.ts';
import { frameRate as makeFrameRate, parseTimecode, rt, type FrameRate, type Rate, type RationalTime } from '../time/index.ts';
import { decodeVttEntities } from './markup.ts';
import { captionLineNormalized, captionLinesTrimmed, captionText, type CaptionDocument, type CaptionEvent, type CaptionLine, type CaptionPlacement, type CaptionSpan } from './model.ts';
import { captionTextOf } from './srt.ts';

/**
 * TTML 1/2, DFXP, SMPTE-TT and IMSC 1.x text profile (W3C TTML2 §10.3 time expressions):
 * - clock time `HH:MM:SS(.fraction | :FF(.sub))` and offset time `N(.n)(h|m|s|ms|f|t)`;
 * - `ttp:frameRate` × `ttp:frameRateMultiplier` is the effective frame rate for `:FF` and
 *   `Nf`; `ttp:tickRate` (default: effective frame rate × sub-frame rate, else 1) for `Nt`;
 * - `ttp:timeBase="media"` reads `HH:MM:SS:FF` as seconds plus frames; `smpte` reads it as
 *   a timecode label (with `ttp:dropMode`);
 * - time containment: `par` (default) children start from their parent's begin, `seq`
 *   children one after another; ends are clipped to the parent. Spans with their own
 *   timing split a paragraph into one event per interval where its visible text changes.
 * Read through the shared safe XML reader: a DOCTYPE declaring entities is refused, size and
 * depth are capped. Paragraph content (text, `<span>`, `<br/>` in order) is taken from the
 * source text between each element's offsets, because the tree keeps an element's own text
 * as one string.
 */

const XML_LIMITS = { maxChars: 64 * 1024 * 1024, maxDepth: 64, maxElements: 2_000_000 } as const;

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by local name with a given prefix family (`tts`, `ttp`, `ttm`) or none. */
function attr(node: XmlNode, name: string, family?: 'tts' | 'ttp' | 'ttm' | 'xml'): string | undefined {
  if (family) {
    const direct = node.attrs[`${family}:${name}`];
    if (direct !== undefined) return direct;
    if (family === 'xml') return undefined;
    for (const k of Object.keys(node.attrs)) if (k.endsWith(`:${name}`) && !k.startsWith('xml')) return node.attrs[k];
    return undefined;
  }
  return node.attrs[name];
}

/** Exact seconds as a fraction n/d (d > 0). */
interface Secs {
  n: number;
  d: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x || 1;
}

function secs(n: number, d: number): Secs {
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

function addSecs(a: Secs, b: Secs): Secs {
  return secs(a.n * b.d + b.n * a.d, a.d * b.d);
}

function cmpSecs(a: Secs, b: Secs): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

const ZERO: Secs = { n: 0, d: 1 };
const OPEN_END_SECONDS = 10;
const INF: Secs = { n: Number.MAX_SAFE_INTEGER, d: 1 };

/** Decimal text (`12.345`) as an exact fraction. */
function decimal(text: string): Secs {
  const [i, f = ''] = text.split('.');
  return secs(Number(i) * 10 ** f.length + Number(f || '0'), 10 ** f.length);
}

interface TimingParams {
  timeBase: 'media' | 'smpte' | 'clock';
  /** Effective frame rate (frameRate × multiplier). */
  eff: Rate;
  nominal: number;
  subFrameRate: number;
  tickRate: Rate;
  dropMode: 'nonDrop' | 'dropNTSC' | 'dropPAL';
  frameRateStated: boolean;
}

function timeExpression(text: string, p: TimingParams): Secs | undefined {
  const t = text.trim();
  const clock = /^(\d{2,}):(\d{2}):(\d{2})(?:(\.\d+)|:(\d{2,})(?:\.(\d+))?)?$/.exec(t);
  if (clock) {
    const [, h, m, s, frac, ff, sub] = clock;
    if (Number(m) > 59 || Number(s) > 60) return undefined;
    const whole = (Number(h) * 60 + Number(m)) * 60 + Number(s);
    if (ff === undefined) return addSecs({ n: whole, d: 1 }, frac ? decimal(`0${frac}`) : ZERO);
    const f = Number(ff);
    if (f >= p.nominal) return undefined;
    if (p.timeBase === 'smpte' && p.dropMode === 'dropNTSC') {
      const r = makeFrameRate(p.eff.num, p.eff.den, p.eff.den === 1001 && (p.eff.num === 30000 || p.eff.num === 60000));
      const label = parseTimecode(`${h}:${m}:${s}${r.dropFrame ? ';' : ':'}${ff}`, r, { allowPast24h: true });
      if (!label.ok) return undefined;
      return secs(label.value * p.eff.den, p.eff.num);
    }
    const subFrames = sub ? secs(Number(sub) * p.eff.den, p.eff.num * p.subFrameRate) : ZERO;
    if (p.timeBase === 'smpte') return addSecs(secs((whole * p.nominal + f) * p.eff.den, p.eff.num), subFrames);
    return addSecs(addSecs({ n: whole, d: 1 }, secs(f * p.eff.den, p.eff.num)), subFrames);
  }
  const offset = /^(\d+(?:\.\d+)?)(h|m|s|ms|f|t)$/.exec(t);
  if (!offset) return undefined;
  const v = decimal(offset[1]!);
  switch (offset[2]) {
    case 'h':
      return secs(v.n * 3600, v.d);
    case 'm':
      return secs(v.n * 60, v.d);
    case 's':
      return v;
    case 'ms':
      return secs(v.n, v.d * 1000);
    case 'f':
      return secs(v.n * p.eff.den, v.d * p.eff.num);
    default:
      return secs(v.n * p.tickRate.den, v.d * p.tickRate.num);
  }
}

/** Seconds as a RationalTime on the tidiest exact grid: the frame rate, then milliseconds, then the fraction's own. */
function timeOf(s: Secs, frame: Rate | undefined): RationalTime {
  if (frame) {
    const num = s.n * frame.num;
    const den = s.d * frame.den;
    if (num % den === 0) return rt(num / den, frame);
  }
  if ((s.n * 1000) % s.d === 0) return rt((s.n * 1000) / s.d, { num: 1000, den: 1 });
  return rt(s.n, { num: s.d, den: 1 });
}

interface StyleProps {
  italic?: boolean;
  bold?: boolean;
  underline?: boolean;
  color?: string;
  background?: string;
  textAlign?: string;
  displayAlign?: string;
  originY?: number;
  display?: string;
  visibility?: string;
}

function ownStyle(node: XmlNode): StyleProps {
  const out: StyleProps = {};
  const fs = attr(node, 'fontStyle', 'tts');
  if (fs) out.italic = fs === 'italic' || fs === 'oblique';
  const fw = attr(node, 'fontWeight', 'tts');
  if (fw) out.bold = fw === 'bold';
  const td = attr(node, 'textDecoration', 'tts');
  if (td) out.underline = td.includes('underline') && !td.includes('noUnderline');
  const c = attr(node, 'color', 'tts');
  if (c) out.color = c.toLowerCase();
  const bg = attr(node, 'backgroundColor', 'tts');
  if (bg && bg !== 'transparent') out.background = bg.toLowerCase();
  const ta = attr(node, 'textAlign', 'tts');
  if (ta) out.textAlign = ta;
  const da = attr(node, 'displayAlign', 'tts');
  if (da) out.displayAlign = da;
  const origin = attr(node, 'origin', 'tts');
  const oy = origin ? /\S+\s+(\d+(?:\.\d+)?)%/.exec(origin) : null;
  if (oy) out.originY = Number(oy[1]);
  const d = attr(node, 'display', 'tts');
  if (d) out.display = d;
  const v = attr(node, 'visibility', 'tts');
  if (v) out.visibility = v;
  return out;
}

/** Text fragments of a paragraph with their own active interval. */
interface Fragment {
  text: string;
  style: StyleProps;
  br: boolean;
  preserve: boolean;
  begin: Secs;
  end: Secs;
}

export function readTtml(input: string | Uint8Array, options: ReadOptions = {}): ReadResult<CaptionDocument> {
  const file = options.file;
  const decoded = captionTextOf(input);
  const text = decoded.text.replace(/^\uFEFF/, '');
  const findings: Finding[] = [...decoded.findings];
  const empty: CaptionDocument = { format: 'ttml', timeBase: 'media', events: [] };
  const xml = parseXmlSafely(text, { ...XML_LIMITS, ...(file !== undefined ? { file } : {}) });
  findings.push(...xml.findings);
  if (!xml.value) return { value: empty, findings };
  const doc = xml.value;
  const where = (node: XmlNode): Where => ({ ...(file !== undefined ? { file } : {}), line: doc.positionOf(node.offset).line });
  const root = doc.root;
  if (local(root.name) !== 'tt') {
    findings.push(finding('CAPTION_TTML_INVALID', { reason: `the root element is <${root.name}>, not <tt>` }, { where: where(root) }));
    return { value: empty, findings };
  }

  // Elements count only in the TTML namespace: unprefixed, or with a prefix bound to it.
  const ttmlPrefixes = new Set(Object.keys(root.attrs).filter((k) => k.startsWith('xmlns:') && root.attrs[k] === 'http://www.w3.org/ns/ttml').map((k) => k.slice(6)));
  const isTtml = (n: XmlNode): boolean => {
    const i = n.name.indexOf(':');
    return i < 0 || ttmlPrefixes.has(n.name.slice(0, i));
  };

  // Timing parameters (TTML2 §7.2).
  const frText = attr(root, 'frameRate', 'ttp');
  let nominal = 30;
  if (frText !== undefined) {
    if (/^\d+$/.test(frText.trim()) && Number(frText) > 0) nominal = Number(frText);
    else findings.push(finding('CAPTION_TTML_PARAMETER_INVALID', { name: 'ttp:frameRate', value: frText, used: '30' }, { where: where(root) }));
  }
  let mult: Rate = { num: 1, den: 1 };
  const multText = attr(root, 'frameRateMultiplier', 'ttp');
  if (multText !== undefined) {
    const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(multText);
    if (m && Number(m[1]) > 0 && Number(m[2]) > 0) mult = { num: Number(m[1]), den: Number(m[2]) };
    else findings.push(finding('CAPTION_TTML_PARAMETER_INVALID', { name: 'ttp:frameRateMultiplier', value: multText, used: '1 1' }, { where: where(root) }));
  }
  const g = gcd(nominal * mult.num, mult.den);
  const eff: Rate = { num: (nominal * mult.num) / g, den: mult.den / g };
  const sfText = attr(root, 'subFrameRate', 'ttp');
  const subFrameRate = sfText && /^\d+$/.test(sfText) && Number(sfText) > 0 ? Number(sfText) : 1;
  const trText = attr(root, 'tickRate', 'ttp');
  let tickRate: Rate = frText !== undefined ? { num: eff.num * subFrameRate, den: eff.den } : { num: 1, den: 1 };
  if (trText !== undefined) {
    if (/^\d+$/.test(trText.trim()) && Number(trText) > 0) tickRate = { num: Number(trText), den: 1 };
    else findings.push(finding('CAPTION_TTML_PARAMETER_INVALID', { name: 'ttp:tickRate', value: trText, used: `${tickRate.num}/${tickRate.den}` }, { where: where(root) }));
  }
  const tb = attr(root, 'timeBase', 'ttp') ?? 'media';
  const timeBase = tb === 'smpte' || tb === 'clock' ? tb : 'media';
  const dm = attr(root, 'dropMode', 'ttp');
  const params: TimingParams = {
    timeBase,
    eff,
    nominal,
    subFrameRate,
    tickRate,
    dropMode: dm === 'dropNTSC' || dm === 'dropPAL' ? dm : 'nonDrop',
    frameRateStated: frText !== undefined,
  };
  let docFrameRate: FrameRate | undefined;
  if (frText !== undefined) {
    try {
      docFrameRate = makeFrameRate(eff.num, eff.den, params.dropMode === 'dropNTSC');
    } catch {
      docFrameRate = makeFrameRate(eff.num, eff.den, false);
    }
  }

  // Styles and regions by id; a style may reference others (`style="a b"`).
  const head = root.children.find((c) => local(c.name) === 'head');
  const styleNodes = new Map<string, XmlNode>();
  const regionNodes = new Map<string, XmlNode>();
  const agents = new Map<string, string>();
  const walkHead = (n: XmlNode): void => {
    const id = attr(n, 'id', 'xml');
    if (id !== undefined) {
      if (local(n.name) === 'style') styleNodes.set(id, n);
      if (local(n.name) === 'region') regionNodes.set(id, n);
      if (local(n.name) === 'agent') {
        const nameNode = n.children.find((c) => local(c.name) === 'name');
        agents.set(id, nameNode ? nameNode.text.trim() : id);
      }
    }
    n.children.forEach(walkHead);
  };
  if (head) walkHead(head);
  const styleCache = new Map<string, StyleProps>();
  const referenced = (ids: string | undefined, depth = 0): StyleProps => {
    let out: StyleProps = {};
    if (!ids || depth > 16) return out;
    for (const id of ids.split(/\s+/).filter(Boolean)) {
      let s = styleCache.get(id);
      if (!s) {
        const node = styleNodes.get(id);
        s = node ? { ...referenced(attr(node, 'style'), depth + 1), ...ownStyle(node) } : {};
        styleCache.set(id, s);
      }
      out = { ...out, ...s };
    }
    return out;
  };
  const regionStyle = (id: string | undefined): StyleProps => {
    const node = id ? regionNodes.get(id) : undefined;
    if (!node) return {};
    let s: StyleProps = { ...referenced(attr(node, 'style')), ...ownStyle(node) };
    for (const c of node.children) if (local(c.name) === 'style') s = { ...s, ...ownStyle(c) };
    return s;
  };

  // Source offsets → element end offsets, for ordered mixed content.
  const endCache = new Map<XmlNode, number>();
  const endOf = (n: XmlNode): number => {
    const cached = endCache.get(n);
    if (cached !== undefined) return cached;
    const gt = text.indexOf('>', n.offset);
    let end: number;
    if (gt < 0) end = text.length;
    else if (text.charCodeAt(gt - 1) === 47 /* / */) end = gt + 1;
    else {
      const from = n.children.length ? endOf(n.children[n.children.length - 1]!) : gt + 1;
      const close = text.indexOf(`</${n.name}`, from);
      end = close < 0 ? text.length : text.indexOf('>', close) + 1 || text.length;
    }
    endCache.set(n, end);
    return end;
  };
  const contentStart = (n: XmlNode): number => text.indexOf('>', n.offset) + 1;
  const closeStart = (n: XmlNode): number => {
    const e = endOf(n);
    if (text.charCodeAt(text.indexOf('>', n.offset) - 1) === 47) return e;
    return text.lastIndexOf('</', e - 1);
  };
  const rawText = (from: number, to: number): string => {
    if (to <= from) return '';
    let s = text.slice(from, to);
    s = s.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
    let out = '';
    const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
    let last = 0;
    for (let m = cdata.exec(s); m; m = cdata.exec(s)) {
      out += decodeVttEntities(s.slice(last, m.index)) + m[1];
      last = cdata.lastIndex;
    }
    return out + decodeVttEntities(s.slice(last));
  };

  interface Ctx {
    begin: Secs;
    end: Secs;
    style: StyleProps;
    region?: string;
    preserve: boolean;
    lang?: string;
    agent?: string;
  }

  /** The interval of an element inside its parent's (TTML2 §12.4 semantics, simplified to par/seq with begin/end/dur). */
  const interval = (n: XmlNode, parentBegin: Secs, parentEnd: Secs, implicitEnd: Secs | undefined): { begin: Secs; end: Secs } => {
    const read = (name: string): Secs | undefined => {
      const v = attr(n, name);
      if (v === undefined) return undefined;
      const r = timeExpression(v, params);
      if (!r) findings.push(finding('CAPTION_TIMESTAMP_INVALID', { text: `${name}="${v}"`, reason: 'TTML times are HH:MM:SS(.fff | :FF) or N(h|m|s|ms|f|t)' }, { where: where(n) }));
      return r;
    };
    const b = read('begin');
    const e = read('end');
    const d = read('dur');
    const begin = addSecs(parentBegin, b ?? ZERO);
    let end: Secs;
    if (e !== undefined) end = addSecs(parentBegin, e);
    else if (d !== undefined) end = addSecs(begin, d);
    else end = implicitEnd ?? parentEnd;
    if (d !== undefined && e !== undefined) {
      const byDur = addSecs(begin, d);
      if (cmpSecs(byDur, end) < 0) end = byDur;
    }
    if (cmpSecs(end, parentEnd) > 0) end = parentEnd;
    return { begin, end };
  };

  const events: { ev: CaptionEvent; begin: Secs }[] = [];

  const paragraph = (p: XmlNode, ctx: Ctx): void => {
    const frags: Fragment[] = [];
    const walk = (n: XmlNode, c: Ctx): void => {
      let pos = contentStart(n);
      const emit = (to: number): void => {
        const t = rawText(pos, to);
        if (t !== '') frags.push({ text: t, style: c.style, br: false, preserve: c.preserve, begin: c.begin, end: c.end });
      };
      const selfClosing = text.charCodeAt(pos - 2) === 47;
      if (selfClosing) return;
      // In a seq paragraph or span, anonymous text lasts zero time and spans follow each other.
      const seq = attr(n, 'timeContainer') === 'seq';
      let cursor = c.begin;
      for (const child of n.children) {
        if (!seq) emit(child.offset);
        pos = endOf(child);
        const name = local(child.name);
        if (!isTtml(child)) continue;
        if (name === 'br') frags.push({ text: '\n', style: c.style, br: true, preserve: c.preserve, begin: c.begin, end: c.end });
        else if (name === 'span') {
          const iv = interval(child, seq ? cursor : c.begin, c.end, seq ? cursor : undefined);
          cursor = iv.end;
          const style = { ...c.style, ...referenced(attr(child, 'style')), ...ownStyle(child) };
          const space = attr(child, 'space', 'xml');
          walk(child, { ...c, begin: iv.begin, end: iv.end, style, preserve: space ? space === 'preserve' : c.preserve });
        }
      }
      if (!seq) emit(closeStart(n));
    };
    walk(p, ctx);
    // Every instant where the visible set changes splits the paragraph.
    const cuts = [ctx.begin, ctx.end, ...frags.flatMap((f) => [f.begin, f.end])].filter((t) => cmpSecs(t, ctx.begin) >= 0 && cmpSecs(t, ctx.end) <= 0);
    cuts.sort(cmpSecs);
    const unique = cuts.filter((t, i) => i === 0 || cmpSecs(t, cuts[i - 1]!) !== 0);
    for (let i = 0; i + 1 < unique.length; i++) {
      const a = unique[i]!;
      const b = unique[i + 1]!;
      const active = frags.filter((f) => cmpSecs(f.begin, a) <= 0 && cmpSecs(f.end, b) >= 0 && cmpSecs(f.begin, f.end) < 0);
      const lines: CaptionSpan[][] = [[]];
      // XML white space (TTML2 §10.2.1 via xml:space): outside `preserve`, runs collapse to
      // one space across element boundaries and vanish at line starts and ends.
      let lastWasSpace = true;
      const trailing: { line: CaptionSpan[]; k: number }[] = [];
      for (const f of active) {
        if (f.br) {
          lines.push([]);
          lastWasSpace = true;
          continue;
        }
        if (f.style.display === 'none' || f.style.visibility === 'hidden') continue;
        let pieces: string[];
        if (f.preserve) pieces = f.text.split(/\r\n|\r|\n/);
        else {
          let t = f.text.replace(/[ \t\r\n]+/g, ' ');
          if (lastWasSpace) t = t.replace(/^ /, '');
          pieces = [t];
        }
        pieces.forEach((piece, k) => {
          if (k > 0) lines.push([]);
          if (piece === '') return;
          lastWasSpace = piece.endsWith(' ');
          if (!f.preserve && lastWasSpace) trailing.push({ line: lines[lines.length - 1]!, k: lines[lines.length - 1]!.length });
          const span: CaptionSpan = {
            text: piece,
            ...(f.style.italic ? { italic: true } : {}),
            ...(f.style.bold ? { bold: true } : {}),
            ...(f.style.underline ? { underline: true } : {}),
            ...(f.style.color && f.style.color !== 'white' && f.style.color !== '#ffffff' && f.style.color !== '#ffffffff' ? { color: f.style.color } : {}),
            ...(f.style.background && f.style.background !== 'black' && f.style.background !== '#000000' ? { background: f.style.background } : {}),
          };
          lines[lines.length - 1]!.push(span);
        });
      }
      // A collapsible space that ends a line goes.
      for (const t of trailing) {
        if (t.k === t.line.length - 1) {
          const sp = t.line[t.k]!;
          t.line[t.k] = { ...sp, text: sp.text.replace(/ $/, '') };
        }
      }
      const normalized: CaptionLine[] = captionLinesTrimmed(lines.map((l) => captionLineNormalized(l, { collapseSpaces: false })));
      const placementStyle = { ...regionStyle(ctx.region), ...ctx.style };
      const placement: { -readonly [K in keyof CaptionPlacement]: CaptionPlacement[K] } = {};
      if (placementStyle.displayAlign === 'before' || (placementStyle.originY !== undefined && placementStyle.originY < 34 && placementStyle.displayAlign !== 'after')) placement.vertical = 'top';
      else if (placementStyle.displayAlign === 'center') placement.vertical = 'middle';
      const ta = placementStyle.textAlign;
      if (ta === 'left' || ta === 'right' || ta === 'start' || ta === 'end') placement.align = ta;
      if (ctx.region) placement.region = ctx.region;
      const id = attr(p, 'id', 'xml');
      let bEnd = b;
      if (b.d === 1 && b.n >= INF.n) {
        // No end anywhere up the tree: shown "forever". Kept for 10 s (as ttconv does) and reported.
        bEnd = addSecs(a, { n: OPEN_END_SECONDS, d: 1 });
        findings.push(finding('CAPTION_TTML_INVALID', { reason: `paragraph ${id ?? ''} has no end time; it was given ${OPEN_END_SECONDS} s` }, { where: where(p) }));
      }
      const ev: CaptionEvent = {
        ...(id !== undefined ? { id } : {}),
        start: timeOf(a, docFrameRate),
        end: timeOf(bEnd, docFrameRate),
        lines: normalized,
        ...(Object.keys(placement).length ? { placement } : {}),
        ...(ctx.agent !== undefined ? { speaker: agents.get(ctx.agent) ?? ctx.agent } : {}),
        ...(ctx.lang !== undefined ? { language: ctx.lang } : {}),
        sourceLine: doc.positionOf(p.offset).line,
      };
      if (captionText(ev).trim() === '' || ctx.style.display === 'none') continue;
      events.push({ ev, begin: a });
    }
  };

  const container = (n: XmlNode, ctx: Ctx, implicitEnd: Secs | undefined): void => {
    const iv = interval(n, ctx.begin, ctx.end, implicitEnd);
    const style = { ...ctx.style, ...referenced(attr(n, 'style')), ...ownStyle(n) };
    const space = attr(n, 'space', 'xml');
    const lang = attr(n, 'lang', 'xml');
    const agent = attr(n, 'agent', 'ttm');
    const c: Ctx = {
      begin: iv.begin,
      end: iv.end,
      style,
      ...(attr(n, 'region') ?? ctx.region ? { region: attr(n, 'region') ?? ctx.region } : {}),
      preserve: space ? space === 'preserve' : ctx.preserve,
      ...(lang ?? ctx.lang ? { lang: lang ?? ctx.lang } : {}),
      ...(agent ?? ctx.agent ? { agent: agent ?? ctx.agent } : {}),
    };
    if (cmpSecs(c.end, c.begin) <= 0) return;
    const name = local(n.name);
    if (name === 'p') {
      paragraph(n, c);
      return;
    }
    const seq = attr(n, 'timeContainer') === 'seq';
    let cursor = c.begin;
    for (const child of n.children) {
      const cn = local(child.name);
      if ((cn !== 'div' && cn !== 'p') || !isTtml(child)) continue;
      if (seq) {
        // Children of a seq container follow each other (TTML2 §12.4.2).
        const implicit = implicitEndOf(child, cursor, c.end, true);
        const civ = interval(child, cursor, c.end, implicit);
        container(child, { ...c, begin: cursor }, implicit);
        cursor = civ.end;
      } else container(child, c, implicitEndOf(child, c.begin, c.end, false));
    }
  };

  /**
   * The end an element has when it states neither end nor dur: a container's is where its
   * children finish (seq: the last one; par: the latest); a paragraph's is its parent's end
   * in a par parent and its own begin (zero length) in a seq parent.
   */
  const implicitEndOf = (n: XmlNode, parentBegin: Secs, parentEnd: Secs, inSeq: boolean): Secs | undefined => {
    if (attr(n, 'end') !== undefined || attr(n, 'dur') !== undefined) return undefined;
    const b = attr(n, 'begin');
    const begin = addSecs(parentBegin, (b !== undefined ? timeExpression(b, params) : undefined) ?? ZERO);
    const name = local(n.name);
    if (name === 'p') return inSeq ? begin : undefined;
    const kids = n.children.filter((k) => local(k.name) === 'div' || local(k.name) === 'p');
    if (!kids.length) return inSeq ? begin : undefined;
    const seq = attr(n, 'timeContainer') === 'seq';
    let cursor = begin;
    let latest = begin;
    for (const k of kids) {
      const kb = seq ? cursor : begin;
      const imp = implicitEndOf(k, kb, parentEnd, seq);
      const kbText = attr(k, 'begin');
      const kBegin = addSecs(kb, (kbText !== undefined ? timeExpression(kbText, params) : undefined) ?? ZERO);
      const e = attr(k, 'end');
      const d = attr(k, 'dur');
      const eS = e !== undefined ? timeExpression(e, params) : undefined;
      const dS = d !== undefined ? timeExpression(d, params) : undefined;
      const kEnd = eS !== undefined ? addSecs(kb, eS) : dS !== undefined ? addSecs(kBegin, dS) : imp;
      if (kEnd === undefined) return undefined;
      cursor = kEnd;
      if (cmpSecs(kEnd, latest) > 0) latest = kEnd;
    }
    return seq ? cursor : latest;
  };

  const body = root.children.find((c) => local(c.name) === 'body');
  const rootLang = attr(root, 'lang', 'xml');
  if (body) {
    container(body, { begin: ZERO, end: INF, style: {}, preserve: attr(root, 'space', 'xml') === 'preserve', ...(rootLang ? { lang: rootLang } : {}) }, undefined);
  }
  const sorted = events.map((e) => e.ev);
  return {
    value: {
      format: 'ttml',
      timeBase: 'media',
      ...(docFrameRate ? { frameRate: docFrameRate } : {}),
      ...(rootLang ? { language: rootLang } : {}),
      events: sorted,
    },
    findings,
  };
}

function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `HH:MM:SS.mmm` when the instant is a whole millisecond, else ticks at the document tick rate. */
function ttmlTime(t: RationalTime, tickRate: Rate): string {
  const msNum = t.value * 1000 * t.rate.den;
  if (msNum % t.rate.num === 0) {
    const ms = msNum / t.rate.num;
    const h = Math.floor(ms / 3_600_000);
    const m = Math.floor(ms / 60_000) % 60;
    const s = Math.floor(ms / 1000) % 60;
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
  }
  // ticks = seconds × tickRate = value × den / num × tickNum / tickDen
  const ticks = Math.round((t.value * t.rate.den * tickRate.num) / (t.rate.num * tickRate.den));
  return `${ticks}t`;
}

/**
 * IMSC 1.1 text profile TTML. Times are clock times in milliseconds when every instant is a
 * whole millisecond; otherwise ticks at `ttp:tickRate` = the frame rate's numerator (frame N
 * at 30000/1001 is N × 1001 ticks at 30000 ticks/s), with `ttp:frameRate` and
 * `ttp:frameRateMultiplier` stated so Netflix-style validators see the rate.
 */
export function writeTtml(doc: CaptionDocument, options: { language?: string } = {}): WriteResult {
  const lang = options.language ?? doc.language ?? 'en';
  const fr = doc.frameRate;
  const tickRate: Rate = fr ? { num: fr.num, den: 1 } : { num: 10_000_000, den: 1 };
  const rootAttrs = [
    'xmlns="http://www.w3.org/ns/ttml"',
    'xmlns:tts="http://www.w3.org/ns/ttml#styling"',
    'xmlns:ttp="http://www.w3.org/ns/ttml#parameter"',
    'xmlns:ttm="http://www.w3.org/ns/ttml#metadata"',
    'ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text"',
    `xml:lang="${escapeXmlText(lang)}"`,
    'ttp:timeBase="media"',
  ];
  if (fr) {
    const nominal = Math.round(fr.num / fr.den);
    rootAttrs.push(`ttp:frameRate="${nominal}"`);
    if (fr.den !== 1) rootAttrs.push(`ttp:frameRateMultiplier="${fr.num / nominal} ${fr.den}"`);
  }
  rootAttrs.push(`ttp:tickRate="${tickRate.num}"`);
  const speakers = [...new Set(doc.events.map((e) => e.speaker).filter((s): s is string => !!s))];
  const agentId = (s: string): string => `agent${speakers.indexOf(s) + 1}`;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<tt ${rootAttrs.join(' ')}>`, '  <head>'];
  if (speakers.length) {
    out.push('    <metadata>');
    for (const s of speakers) out.push(`      <ttm:agent xml:id="${agentId(s)}" type="person"><ttm:name type="full">${escapeXmlText(s)}</ttm:name></ttm:agent>`);
    out.push('    </metadata>');
  }
  out.push(
    '    <layout>',
    '      <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after" tts:textAlign="center"/>',
    '      <region xml:id="top" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="before" tts:textAlign="center"/>',
    '      <region xml:id="middle" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="center" tts:textAlign="center"/>',
    '    </layout>',
    '  </head>',
    '  <body>',
    '    <div>',
  );
  for (const e of doc.events) {
    const region = e.placement?.vertical ?? 'bottom';
    const pAttrs = [
      ...(e.id && /^[A-Za-z_][\w.-]*$/.test(e.id) ? [`xml:id="${e.id}"`] : []),
      `begin="${ttmlTime(e.start, tickRate)}"`,
      `end="${ttmlTime(e.end, tickRate)}"`,
      `region="${region}"`,
      ...(e.placement?.align && e.placement.align !== 'center' ? [`tts:textAlign="${e.placement.align}"`] : []),
      ...(e.speaker ? [`ttm:agent="${agentId(e.speaker)}"`] : []),
      ...(e.language && e.language !== lang ? [`xml:lang="${escapeXmlText(e.language)}"`] : []),
    ];
    const body = e.lines
      .map((l) =>
        l
          .map((s) => {
            const st = [
              ...(s.italic ? ['tts:fontStyle="italic"'] : []),
              ...(s.bold ? ['tts:fontWeight="bold"'] : []),
              ...(s.underline ? ['tts:textDecoration="underline"'] : []),
              ...(s.color ? [`tts:color="${escapeXmlText(s.color)}"`] : []),
              ...(s.background ? [`tts:backgroundColor="${escapeXmlText(s.background)}"`] : []),
            ];
            const t = escapeXmlText(s.text);
            return st.length ? `<span ${st.join(' ')}>${t}</span>` : t;
          })
          .join(''),
      )
      .join('<br/>');
    out.push(`      <p ${pAttrs.join(' ')}>${body}</p>`);
  }
  out.push('    </div>', '  </body>', '</tt>', '');
  return { text: out.join('\n'), findings: [] };
}
