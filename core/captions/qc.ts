import { finding, type Finding, type Where } from '../findings/index.ts';
import { nominalFps, rescaledTo, rt, timecodeOf, type FrameRate } from '../time/index.ts';
import { cea608Encoding, CEA608_SUBSTITUTES } from './cea608.ts';
import { formatClockMs } from './clock.ts';
import { captionLineNormalized, captionLineText, captionText, type CaptionDocument, type CaptionEvent, type CaptionLine, type CaptionSpan } from './model.ts';

/**
 * Caption QC as data: a profile holds the numbers, one function applies them. Defaults are
 * the Netflix Timed Text Style Guide facts (docs/specs/captions.md §2): 42 characters per
 * line (Latin), 2 lines, 5/6 s to 7 s per event, 2-frame minimum gap at every rate, gaps up
 * to half a second closed to 2 frames, shot-change windows of half a second
 * (`round(fps / 2)` frames: 12 at 24, 13 at 25, 15 at 30), reading speed per language and
 * audience (Subtitle Edit's Netflix table). All frame counts are at the check rate (the
 * timeline's rate when a timeline is given).
 */

export interface CaptionProfile {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly audience: 'adult' | 'children' | 'sdh' | 'children-sdh';
  readonly maxCharsPerLine: number;
  readonly maxLines: number;
  /** Characters per second, spaces and punctuation counted. */
  readonly maxCps: number;
  /** CJK counting: half-width characters (Latin, digits, punctuation) count as 0.5. */
  readonly halfWidthCountsHalf: boolean;
  /** Seconds as an exact fraction. */
  readonly minDuration: { readonly num: number; readonly den: number };
  readonly maxDuration: { readonly num: number; readonly den: number };
  readonly minGapFrames: number;
  readonly shotChanges: boolean;
  readonly rule: string;
}

const NETFLIX = 'Netflix Timed Text Style Guide';

function netflix(id: string, name: string, language: string, audience: CaptionProfile['audience'], maxCps: number, maxCharsPerLine: number, cjk = false): CaptionProfile {
  return {
    id,
    name,
    language,
    audience,
    maxCharsPerLine,
    maxLines: 2,
    maxCps,
    halfWidthCountsHalf: cjk,
    minDuration: { num: 5, den: 6 },
    maxDuration: { num: 7, den: 1 },
    minGapFrames: 2,
    shotChanges: true,
    rule: NETFLIX,
  };
}

/** Built-in profiles (captions.md §2.2 table; English adult 20 cps as Subtitle Edit encodes the US guide). */
export const CAPTION_PROFILES: readonly CaptionProfile[] = [
  netflix('netflix-en', 'Netflix English (adult)', 'en', 'adult', 20, 42),
  netflix('netflix-en-children', 'Netflix English (children)', 'en', 'children', 17, 42),
  netflix('netflix-en-sdh', 'Netflix English SDH', 'en', 'sdh', 20, 42),
  netflix('netflix-ar', 'Netflix Arabic', 'ar', 'adult', 20, 42),
  netflix('netflix-hi', 'Netflix Hindi', 'hi', 'adult', 22, 42),
  netflix('netflix-ja', 'Netflix Japanese', 'ja', 'adult', 4, 23, true),
  netflix('netflix-ko', 'Netflix Korean', 'ko', 'adult', 12, 16, true),
  netflix('netflix-zh', 'Netflix Chinese', 'zh', 'adult', 9, 16, true),
  netflix('netflix-th', 'Netflix Thai', 'th', 'adult', 17, 35),
  netflix('netflix-other', 'Netflix other languages (adult)', 'und', 'adult', 17, 42),
  netflix('netflix-other-children', 'Netflix other languages (children)', 'und', 'children', 13, 42),
  {
    id: 'dcmp',
    name: 'DCMP Captioning Key (US broadcast captions)',
    language: 'en',
    audience: 'adult',
    maxCharsPerLine: 32,
    maxLines: 4,
    maxCps: 20,
    halfWidthCountsHalf: false,
    minDuration: { num: 2, den: 1 },
    maxDuration: { num: 10, den: 1 },
    minGapFrames: 2,
    shotChanges: false,
    rule: 'DCMP Captioning Key',
  },
];

export function captionProfile(id: string): CaptionProfile | undefined {
  return CAPTION_PROFILES.find((p) => p.id === id);
}

export interface CaptionCheckOptions {
  readonly profile: CaptionProfile;
  /** The rate frame counts are taken at. */
  readonly rate: FrameRate;
  /** Record frame of media time zero (a timeline's start) for media-time documents; default 0. */
  readonly recordStart?: number;
  /** Shot changes: record frames where the picture cuts. */
  readonly cuts?: readonly number[];
  /** The programme, record frames `[start, end)`. */
  readonly programme?: { readonly start: number; readonly end: number };
  /** Characters are also checked against this target's character set. */
  readonly target?: 'scc';
  readonly file?: string;
}

/** One proposed change to one event; `safe` ones are applied by captionsFixed. */
export type CaptionFix =
  | { readonly event: number; readonly kind: 'setStart' | 'setEnd'; readonly frame: number; readonly safe: boolean }
  | { readonly event: number; readonly kind: 'setLines'; readonly lines: readonly CaptionLine[]; readonly safe: boolean }
  | { readonly event: number; readonly kind: 'delete'; readonly safe: boolean };

export interface CaptionCheckResult {
  readonly findings: Finding[];
  readonly fixes: CaptionFix[];
}

/** Characters for reading speed: every character but line breaks; CJK counting halves half-width ones. */
function charCount(text: string, cjk: boolean): number {
  let n = 0;
  for (const ch of text.replace(/\n/g, '')) {
    if (cjk && ch.charCodeAt(0) < 0x2e80) n += 0.5;
    else n += 1;
  }
  return n;
}

function lineLength(text: string, cjk: boolean): number {
  return cjk ? charCount(text, true) : [...text].length;
}

/** Words of an event with their styles, for re-breaking lines. */
function tokensOf(lines: readonly CaptionLine[]): CaptionSpan[] {
  const out: CaptionSpan[] = [];
  for (const line of lines) for (const span of line) for (const w of span.text.split(' ')) if (w) out.push({ ...span, text: w });
  return out;
}

function joinTokens(tokens: readonly CaptionSpan[]): CaptionLine {
  const spans: CaptionSpan[] = [];
  tokens.forEach((t, i) => {
    if (i > 0) spans.push({ text: ' ' });
    spans.push(t);
  });
  return captionLineNormalized(spans);
}

/**
 * The event's words re-broken into at most `maxLines` lines of at most `max` characters,
 * as balanced as possible (bottom-heavy on ties, as subtitlers prefer). Undefined when they
 * do not fit or the event is a two-speaker dialogue (its line breaks carry meaning).
 */
export function captionLinesRebalanced(lines: readonly CaptionLine[], max: number, maxLines: number, cjk = false): CaptionLine[] | undefined {
  if (lines.filter((l) => /^\s*[-–]/.test(captionLineText(l))).length >= 2) return undefined;
  const tokens = tokensOf(lines);
  if (!tokens.length) return undefined;
  const len = (ts: readonly CaptionSpan[]): number => lineLength(ts.map((t) => t.text).join(' '), cjk);
  if (len(tokens) <= max) return [joinTokens(tokens)];
  if (maxLines < 2) return undefined;
  let best: { i: number; score: number } | undefined;
  for (let i = 1; i < tokens.length; i++) {
    const a = len(tokens.slice(0, i));
    const b = len(tokens.slice(i));
    if (a > max || b > max) continue;
    const score = Math.abs(a - b) + (a > b ? 0.5 : 0);
    if (!best || score < best.score) best = { i, score };
  }
  if (best) return [joinTokens(tokens.slice(0, best.i)), joinTokens(tokens.slice(best.i))];
  if (maxLines >= 3) {
    for (let i = 1; i < tokens.length; i++) {
      if (len(tokens.slice(0, i)) > max) break;
      const rest = captionLinesRebalanced([joinTokens(tokens.slice(i))], max, maxLines - 1, cjk);
      if (rest) return [joinTokens(tokens.slice(0, i)), ...rest];
    }
  }
  return undefined;
}

function describeLines(lines: readonly CaptionLine[]): string {
  return lines.map((l) => `"${captionLineText(l)}"`).join(' / ');
}

/** Runs every rule of the profile over the document; events are looked at in file order. */
export function captionsCheck(doc: CaptionDocument, options: CaptionCheckOptions): CaptionCheckResult {
  const { profile, rate } = options;
  const findings: Finding[] = [];
  const fixes: CaptionFix[] = [];
  const fps = nominalFps(rate);
  const halfsec = Math.round(fps / 2);
  const minFrames = Math.ceil((fps * profile.minDuration.num) / profile.minDuration.den);
  const maxFrames = Math.floor((fps * profile.maxDuration.num) / profile.maxDuration.den);
  const base = doc.timeBase === 'media' ? (options.recordStart ?? 0) : 0;
  const cjk = profile.halfWidthCountsHalf;
  const frames = doc.events.map((e) => ({ s: rescaledTo(e.start, rate, 'round') + base, e: rescaledTo(e.end, rate, 'round') + base }));
  const mediaClock = doc.timeBase === 'media' && base === 0 && options.programme === undefined;
  const tc = (f: number): string => {
    const label = timecodeOf(Math.max(0, f), rate);
    if (!mediaClock) return label;
    const ms = rescaledTo(rt(f, rate), { num: 1000, den: 1 }, 'round');
    return `${label} (${formatClockMs(ms, doc.format === 'vtt' ? '.' : ',')})`;
  };
  const cuts = [...(options.cuts ?? [])].sort((a, b) => a - b);
  const nearestCut = (f: number): number | undefined => {
    let lo = 0;
    let hi = cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid]! < f) lo = mid + 1;
      else hi = mid;
    }
    const cands = [cuts[lo - 1], cuts[lo]].filter((c): c is number => c !== undefined);
    return cands.sort((a, b) => Math.abs(a - f) - Math.abs(b - f))[0];
  };
  const labelOf = (i: number): string => doc.events[i]!.id?.trim() || String(i + 1);
  const whereOf = (i: number): Where => {
    const ev = doc.events[i]!;
    const f = frames[i]!;
    return {
      ...(options.file !== undefined ? { file: options.file } : {}),
      ...(ev.sourceLine !== undefined ? { line: ev.sourceLine } : {}),
      event: labelOf(i),
      record: { in: tc(f.s), out: tc(f.e) },
      frames: { start: f.s, end: f.e },
    };
  };
  const rule = (what: string): string => `${profile.rule}: ${what}`;
  const prevEnd = (i: number): number => (i > 0 ? frames[i - 1]!.e : -Infinity);
  const nextStart = (i: number): number => (i + 1 < frames.length ? frames[i + 1]!.s : Infinity);
  /** A start/end is safe to set when the event keeps its minimum length and its gaps. */
  const safeRange = (i: number, s: number, e: number): boolean => e - s >= Math.min(minFrames, frames[i]!.e - frames[i]!.s) && s >= prevEnd(i) + profile.minGapFrames && e <= nextStart(i) - profile.minGapFrames;

  doc.events.forEach((ev, i) => {
    const f = frames[i]!;
    const where = whereOf(i);
    const label = labelOf(i);
    const text = captionText(ev);
    if (i > 0 && f.s < frames[i - 1]!.s) findings.push(finding('CAPTION_OUT_OF_ORDER', { event: label, previous: labelOf(i - 1) }, { where }));
    if (!text.trim()) {
      findings.push(finding('CAPTION_EMPTY', { event: label, action: 'delete it' }, { where, fix: `delete event ${label}` }));
      fixes.push({ event: i, kind: 'delete', safe: true });
      return;
    }

    // Characters.
    const seen = new Set<string>();
    for (const ch of text) {
      if (ch === '\n' || seen.has(ch)) continue;
      const code = ch.codePointAt(0)!;
      const control = code < 0x20 || (code >= 0x7f && code < 0xa0) || ch === '\uFFFD';
      const not608 = options.target === 'scc' && !cea608Encoding(ch);
      if (!control && !not608) continue;
      seen.add(ch);
      const sub = CEA608_SUBSTITUTES[ch];
      findings.push(
        finding(
          'CAPTION_CHARACTER_ILLEGAL',
          { event: label, char: control ? '' : ch, code: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, why: control ? 'a control character or an undecodable byte' : 'CEA-608 has no such character' },
          { where, rule: control ? 'caption text holds printable characters only' : 'CEA-608 character set', fix: sub !== undefined ? `write "${sub}" instead` : control ? 'delete it' : 'replace it with a 608 character' },
        ),
      );
      if (control || sub !== undefined) {
        const lines = ev.lines.map((l) => captionLineNormalized(l.map((s) => ({ ...s, text: s.text.split(ch).join(control ? '' : sub) }))));
        fixes.push({ event: i, kind: 'setLines', lines, safe: true });
      }
    }

    // Layout: lines per event and characters per line.
    const tooLong = ev.lines.map((l, k) => ({ k, n: lineLength(captionLineText(l), cjk) })).filter((x) => x.n > profile.maxCharsPerLine);
    if (ev.lines.length > profile.maxLines || tooLong.length) {
      const rebalanced = captionLinesRebalanced(ev.lines, profile.maxCharsPerLine, profile.maxLines, cjk);
      const fix = rebalanced ? `break the text as ${describeLines(rebalanced)}` : `split event ${label} in two; its text does not fit ${profile.maxLines} lines of ${profile.maxCharsPerLine}`;
      if (ev.lines.length > profile.maxLines) {
        findings.push(finding('CAPTION_TOO_MANY_LINES', { event: label, lines: ev.lines.length, limit: profile.maxLines }, { where, expected: `<= ${profile.maxLines}`, actual: String(ev.lines.length), rule: rule('lines per event'), fix }));
      }
      for (const x of tooLong) {
        findings.push(finding('CAPTION_LINE_TOO_LONG', { event: label, line: x.k + 1, chars: x.n, limit: profile.maxCharsPerLine }, { where, expected: `<= ${profile.maxCharsPerLine}`, actual: String(x.n), rule: rule('characters per line'), fix }));
      }
      if (rebalanced) fixes.push({ event: i, kind: 'setLines', lines: rebalanced, safe: true });
    }

    // Shot changes: in-times (SE Netflix checker logic, captions.md §2.3).
    if (profile.shotChanges && cuts.length) {
      const c = nearestCut(f.s);
      if (c !== undefined && c !== f.s && Math.abs(f.s - c) < halfsec) {
        const after = f.s > c;
        const d = Math.abs(f.s - c);
        const target = after || d < 0.75 * halfsec ? c : c - halfsec;
        const how = target === c ? `snap the in to the cut at ${tc(c)}` : `move the in to ${tc(target)}, ${halfsec} frames before the cut at ${tc(c)}`;
        findings.push(
          finding('CAPTION_IN_NEAR_CUT', { event: label, frames: d, side: after ? 'after' : 'before', cut: tc(c), limit: halfsec }, { where, rule: rule('shot changes'), fix: how }),
        );
        fixes.push({ event: i, kind: 'setStart', frame: target, safe: safeRange(i, target, f.e) });
      }
      const co = nearestCut(f.e);
      if (co !== undefined && Math.abs(f.e - co) < halfsec && f.e !== co - profile.minGapFrames) {
        const target = co - profile.minGapFrames;
        const side = f.e === co ? 'on' : f.e > co ? 'after' : 'before';
        findings.push(
          finding('CAPTION_OUT_NEAR_CUT', { event: label, frames: Math.abs(f.e - co), side, cut: tc(co), limit: halfsec }, {
            where,
            rule: rule('shot changes'),
            fix: `end the event at ${tc(target)}, ${profile.minGapFrames} frames before the cut at ${tc(co)}`,
          }),
        );
        fixes.push({ event: i, kind: 'setEnd', frame: target, safe: target > f.s && safeRange(i, f.s, target) });
      }
    }

    // Gap to the next event, overlap.
    if (i + 1 < frames.length) {
      const n = frames[i + 1]!;
      const gap = n.s - f.e;
      const nextLabel = labelOf(i + 1);
      const target = n.s - profile.minGapFrames;
      const fixText = `end event ${label} at ${tc(target)}, ${profile.minGapFrames} frames before event ${nextLabel} starts at ${tc(n.s)}`;
      if (gap < 0) {
        findings.push(finding('CAPTION_OVERLAP', { event: label, next: nextLabel, frames: -gap }, { where, rule: 'events must not overlap', fix: fixText }));
        fixes.push({ event: i, kind: 'setEnd', frame: target, safe: target - f.s >= Math.min(minFrames, f.e - f.s) && target > f.s });
      } else if (gap < profile.minGapFrames) {
        findings.push(finding('CAPTION_GAP_SHORT', { event: label, next: nextLabel, frames: gap, limit: profile.minGapFrames }, { where, expected: `>= ${profile.minGapFrames} frames`, actual: `${gap} frame(s)`, rule: rule('minimum gap'), fix: fixText }));
        fixes.push({ event: i, kind: 'setEnd', frame: target, safe: target - f.s >= Math.min(minFrames, f.e - f.s) && target > f.s });
      } else if (gap > profile.minGapFrames && gap <= halfsec && profile.shotChanges) {
        findings.push(
          finding('CAPTION_GAP_NOT_CLOSED', { event: label, next: nextLabel, frames: gap, limit: profile.minGapFrames, chain: halfsec }, { where, rule: rule('chaining'), fix: `extend event ${label} to ${tc(target)}` }),
        );
        fixes.push({ event: i, kind: 'setEnd', frame: target, safe: true });
      }
    }

    // Duration and reading speed.
    const dur = f.e - f.s;
    if (dur < minFrames && dur > 0) {
      const target = f.s + minFrames;
      const room = target <= nextStart(i) - profile.minGapFrames;
      findings.push(
        finding('CAPTION_DURATION_SHORT', { event: label, frames: dur, limit: minFrames }, { where, expected: `>= ${minFrames} frames`, actual: `${dur} frames`, rule: rule('minimum duration'), fix: room ? `extend the out to ${tc(target)}` : `extend the out to ${tc(target)} (the next event must move first)` }),
      );
      fixes.push({ event: i, kind: 'setEnd', frame: target, safe: room });
    } else if (dur > maxFrames) {
      const target = f.s + maxFrames;
      findings.push(finding('CAPTION_DURATION_LONG', { event: label, frames: dur, limit: maxFrames }, { where, expected: `<= ${maxFrames} frames`, actual: `${dur} frames`, rule: rule('maximum duration'), fix: `end the event at ${tc(target)} or split it` }));
      const cpsAfter = (charCount(text, cjk) * rate.num) / (maxFrames * rate.den);
      fixes.push({ event: i, kind: 'setEnd', frame: target, safe: cpsAfter <= profile.maxCps });
    }
    const chars = charCount(text, cjk);
    if (dur > 0) {
      const cps = (chars * rate.num) / (dur * rate.den);
      if (cps > profile.maxCps) {
        const needed = Math.ceil((chars * rate.num) / (profile.maxCps * rate.den));
        const target = f.s + needed;
        const room = target <= nextStart(i) - profile.minGapFrames && needed <= maxFrames;
        findings.push(
          finding('CAPTION_READING_SPEED_HIGH', { event: label, cps: cps.toFixed(1), limit: profile.maxCps }, {
            where,
            expected: `<= ${profile.maxCps} cps`,
            actual: `${cps.toFixed(1)} cps`,
            rule: rule(`reading speed (${profile.audience})`),
            fix: room ? `extend the out to ${tc(target)}` : `shorten the text to ${Math.floor((dur * profile.maxCps * rate.den) / rate.num)} characters (no room to extend to ${tc(target)})`,
          }),
        );
        fixes.push({ event: i, kind: 'setEnd', frame: target, safe: room });
      }
    }

    // Programme bounds.
    if (options.programme) {
      const p = options.programme;
      if (f.s < p.start || f.e > p.end) {
        const detail = f.e <= p.start || f.s >= p.end ? `lies outside the programme (${tc(p.start)} to ${tc(p.end)})` : f.s < p.start ? `starts before the programme start ${tc(p.start)}` : `ends after the programme end ${tc(p.end)}`;
        const clip = f.s < p.end && f.e > p.end;
        findings.push(finding('CAPTION_OUTSIDE_PROGRAMME', { event: label, detail }, { where, rule: 'events lie within the programme', fix: clip ? `end the event at ${tc(p.end)}` : 'move or delete the event' }));
        if (clip) fixes.push({ event: i, kind: 'setEnd', frame: p.end, safe: true });
      }
    }
  });
  return { findings, fixes };
}

/** The frame a fix names, back in the document's time: frames at the check rate. */
function timeAt(frame: number, rate: FrameRate, base: number): CaptionEvent['start'] {
  return rt(frame - base, rate);
}

/**
 * The document with the safe fixes applied, re-checked up to three times (a fix can expose
 * or settle another rule). Unsafe proposals are never applied. Returns the fixed document
 * and the findings that remain.
 */
export function captionsFixed(doc: CaptionDocument, options: CaptionCheckOptions): { value: CaptionDocument; applied: number; remaining: Finding[] } {
  const base = doc.timeBase === 'media' ? (options.recordStart ?? 0) : 0;
  let cur = doc;
  let applied = 0;
  for (let pass = 0; pass < 3; pass++) {
    const { fixes } = captionsCheck(cur, options);
    const safe = fixes.filter((f) => f.safe);
    if (!safe.length) break;
    const done = new Set<string>();
    const events: (CaptionEvent | undefined)[] = [...cur.events];
    for (const fx of safe) {
      const ev = events[fx.event];
      if (!ev) continue;
      const key = `${fx.event}:${fx.kind === 'delete' ? 'all' : fx.kind}`;
      if (done.has(key) || done.has(`${fx.event}:all`)) continue;
      done.add(key);
      applied++;
      if (fx.kind === 'delete') events[fx.event] = undefined;
      else if (fx.kind === 'setLines') events[fx.event] = { ...ev, lines: fx.lines };
      else if (fx.kind === 'setStart') events[fx.event] = { ...ev, start: timeAt(fx.frame, options.rate, base) };
      else events[fx.event] = { ...ev, end: timeAt(fx.frame, options.rate, base) };
    }
    cur = { ...cur, events: events.filter((e): e is CaptionEvent => e !== undefined) };
  }
  return { value: cur, applied, remaining: captionsCheck(cur, options).findings };
}
