import type { ReadOptions, ReadResult, WriteResult } from '../interchange/types.ts';
import { finding, type Finding, type Where } from '../findings/index.ts';
import { captionMsOf, formatClockMs, msTime, scanVttTimestamp, splitLines, strippedOfBinary } from './clock.ts';
import { parseInlineMarkup, spanMarkup } from './markup.ts';
import { captionLinesTrimmed, captionText, type CaptionDocument, type CaptionEvent, type CaptionPlacement } from './model.ts';
import { captionTextOf } from './srt.ts';
import { lossCounter } from './loss.ts';

/**
 * WebVTT (W3C WebVTT 1): the signature line `WEBVTT` (optionally followed by a space or tab
 * and text), header, then blocks separated by blank lines: NOTE comments, STYLE and REGION
 * blocks, and cues (optional identifier, timing line with settings, payload). Timestamps
 * follow the W3C parsing rules (see scanVttTimestamp); a malformed timing drops its cue
 * with a finding. One leniency beyond the spec, reported as a finding: a text block
 * without a timing line is joined to the cue before it (the spec would ignore it).
 */

const PERCENT = /^(\d+(?:\.\d+)?)%$/;

function percent(v: string): number | undefined {
  const m = PERCENT.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 0 && n <= 100 ? n : undefined;
}

/** Valid settings by the W3C rules; the last valid value of a name wins, invalid ones are reported. */
function parsedSettings(text: string, regions: ReadonlySet<string>): { settings: Record<string, string>; invalid: string[] } {
  const settings: Record<string, string> = {};
  const invalid: string[] = [];
  for (const tok of text.split(/[ \t]+/).filter(Boolean)) {
    const colon = tok.indexOf(':');
    const name = colon > 0 ? tok.slice(0, colon) : '';
    const value = colon > 0 ? tok.slice(colon + 1) : '';
    let ok = false;
    switch (name) {
      case 'vertical':
        ok = value === 'rl' || value === 'lr';
        break;
      case 'line': {
        const [v, a] = value.split(',');
        ok = (/^-?\d+(?:\.\d+)?$/.test(v ?? '') && !v!.includes('.')) || percent(v ?? '') !== undefined;
        if (a !== undefined && !['start', 'center', 'end'].includes(a)) ok = false;
        break;
      }
      case 'position': {
        const [v, a] = value.split(',');
        ok = percent(v ?? '') !== undefined && (a === undefined || ['line-left', 'center', 'line-right'].includes(a));
        break;
      }
      case 'size':
        ok = percent(value) !== undefined;
        break;
      case 'align':
        ok = ['start', 'center', 'end', 'left', 'right'].includes(value);
        break;
      case 'region':
        ok = value !== '' && regions.has(value);
        break;
      default:
        ok = false;
    }
    if (ok) settings[name] = value;
    else invalid.push(tok);
  }
  return { settings, invalid };
}

function placementOf(settings: Readonly<Record<string, string>>): CaptionPlacement | undefined {
  const out: { -readonly [K in keyof CaptionPlacement]: CaptionPlacement[K] } = {};
  const align = settings.align;
  if (align === 'start' || align === 'end' || align === 'left' || align === 'right') out.align = align;
  const line = settings.line?.split(',')[0];
  if (line !== undefined) {
    const pct = percent(line);
    if (pct !== undefined) out.vertical = pct < 34 ? 'top' : pct < 67 ? 'middle' : 'bottom';
    else out.vertical = Number(line) >= 0 ? 'top' : 'bottom';
  }
  if (settings.region) out.region = settings.region;
  return Object.keys(out).length ? out : undefined;
}

export function readVtt(input: string | Uint8Array, options: ReadOptions = {}): ReadResult<CaptionDocument> {
  const file = options.file;
  const decoded = captionTextOf(input);
  const stripped = strippedOfBinary(decoded.text, file);
  const findings: Finding[] = [...decoded.findings, ...stripped.findings];
  const at = (line: number): Where => ({ ...(file !== undefined ? { file } : {}), line });
  const lines = splitLines(stripped.text);
  const empty: CaptionDocument = { format: 'vtt', timeBase: 'media', events: [] };
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    findings.push(finding('CAPTION_SIGNATURE_MISSING', { format: 'WebVTT', expected: '"WEBVTT" alone or followed by a space or tab', found: (lines[0] ?? '').slice(0, 40) }, { where: at(1) }));
    return { value: empty, findings };
  }
  const regions = new Set<string>();
  const events: CaptionEvent[] = [];
  let seenCue = false;
  let i = 1;
  // Header: lines up to the first blank line, unless a timing line starts a cue at once.
  while (i < lines.length && lines[i] !== '' && !lines[i]!.includes('-->')) i++;

  const build = (p: { id?: string; startMs: number; endMs: number; settings: Record<string, string>; line: number }, payload: string[]): CaptionEvent => {
    const m = parseInlineMarkup(payload, true);
    for (const tag of m.unknownTags) findings.push(finding('CAPTION_TAG_UNKNOWN', { tag }, { where: at(p.line) }));
    const placement = placementOf(p.settings);
    return {
      ...(p.id !== undefined ? { id: p.id } : {}),
      start: msTime(p.startMs),
      end: msTime(p.endMs),
      lines: captionLinesTrimmed(m.lines),
      ...(placement ? { placement } : {}),
      ...(m.speaker !== undefined ? { speaker: m.speaker } : {}),
      ...(m.language !== undefined ? { language: m.language } : {}),
      ...(Object.keys(p.settings).length ? { vttSettings: p.settings } : {}),
      sourceLine: p.line,
    };
  };
  const pendingCues: { p: Parameters<typeof build>[0]; payload: string[] }[] = [];

  while (i < lines.length) {
    // Only a zero-length line separates blocks (a line holding a space is an identifier or text).
    if (lines[i] === '') {
      i++;
      continue;
    }
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i] !== '') {
      // A line with "-->" inside a cue payload starts a new block (W3C "collect a block").
      if (block.length > 0 && lines[i]!.includes('-->') && (block.some((l) => l.includes('-->')) || block.length > 1)) break;
      block.push(lines[i]!);
      i++;
    }
    const first = block[0]!;
    if (/^NOTE(?:[ \t]|$)/.test(first)) continue;
    if (!seenCue && /^STYLE[ \t]*$/.test(first)) continue;
    if (!seenCue && /^REGION[ \t]*$/.test(first)) {
      let id: string | undefined;
      for (const l of block.slice(1)) for (const tok of l.split(/[ \t]+/)) if (tok.startsWith('id:') && tok.length > 3) id = tok.slice(3);
      if (id !== undefined) regions.add(id);
      continue;
    }
    const timingIdx = first.includes('-->') ? 0 : block.length > 1 && block[1]!.includes('-->') ? 1 : -1;
    if (timingIdx < 0) {
      const last = pendingCues[pendingCues.length - 1];
      if (last) {
        last.payload.push(...block);
        findings.push(finding('CAPTION_BLOCK_UNPARSEABLE', { text: block.join(' / '), action: `it was joined to the cue at line ${last.p.line}` }, { where: at(blockStart + 1) }));
      } else findings.push(finding('CAPTION_BLOCK_UNPARSEABLE', { text: block.join(' / '), action: 'it was ignored' }, { where: at(blockStart + 1) }));
      continue;
    }
    const timing = block[timingIdx]!;
    const lineNo = blockStart + timingIdx + 1;
    let pos = /^[ \t]*/.exec(timing)![0].length;
    const s = scanVttTimestamp(timing, pos);
    let e: ReturnType<typeof scanVttTimestamp>;
    if (s) {
      pos = s.end;
      while (timing[pos] === ' ' || timing[pos] === '\t') pos++;
      if (timing.startsWith('-->', pos)) {
        pos += 3;
        while (timing[pos] === ' ' || timing[pos] === '\t') pos++;
        e = scanVttTimestamp(timing, pos);
      }
    }
    if (!s || !e || /\d/.test(timing[e.end] ?? '')) {
      findings.push(finding('CAPTION_TIMESTAMP_INVALID', { text: timing.trim(), reason: 'WebVTT timings are [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt (two-digit minutes and seconds, three-digit fraction)' }, { where: at(lineNo) }));
      continue;
    }
    seenCue = true;
    const { settings, invalid } = parsedSettings(timing.slice(e.end), regions);
    for (const setting of invalid) findings.push(finding('CAPTION_SETTING_INVALID', { setting }, { where: at(lineNo) }));
    const id = timingIdx === 1 ? block[0]! : undefined;
    pendingCues.push({ p: { ...(id !== undefined ? { id } : {}), startMs: s.ms, endMs: e.ms, settings, line: lineNo }, payload: block.slice(timingIdx + 1) });
  }
  for (const { p, payload } of pendingCues) {
    const label = p.id?.trim() || `at line ${p.line}`;
    if (p.endMs <= p.startMs) {
      findings.push(finding('CAPTION_TIMES_REVERSED', { event: label, start: formatClockMs(p.startMs, '.'), end: formatClockMs(p.endMs, '.') }, { where: at(p.line) }));
      continue;
    }
    const ev = build(p, payload);
    if (!captionText(ev).trim()) {
      findings.push(finding('CAPTION_EMPTY', { event: label, action: 'it was dropped' }, { where: at(p.line) }));
      continue;
    }
    events.push(ev);
  }
  return { value: { ...empty, events }, findings };
}

function settingsOf(e: CaptionEvent): string {
  if (e.vttSettings) return Object.entries(e.vttSettings).map(([k, v]) => `${k}:${v}`).join(' ');
  const p = e.placement;
  if (!p) return '';
  const parts: string[] = [];
  if (p.vertical === 'top') parts.push('line:0');
  else if (p.vertical === 'middle') parts.push('line:50%');
  if (p.align && p.align !== 'center') parts.push(`align:${p.align}`);
  return parts.join(' ');
}

/** WebVTT text: `WEBVTT`, then one block per event (identifier, timing with settings, payload). */
export function writeVtt(doc: CaptionDocument): WriteResult {
  const loss = lossCounter('WebVTT');
  const out: string[] = ['WEBVTT', ''];
  for (const e of doc.events) {
    if (e.id && !e.id.includes('-->') && e.id.trim() !== '') out.push(e.id);
    const settings = settingsOf(e);
    out.push(`${formatClockMs(Math.max(0, captionMsOf(e.start)), '.')} --> ${formatClockMs(Math.max(0, captionMsOf(e.end)), '.')}${settings ? ` ${settings}` : ''}`);
    const lines = e.lines.map((l) => l.map((s) => spanMarkup(s, 'vtt')).join('')).filter((t) => t !== '');
    if (e.lines.some((l) => l.some((s) => (s.color && !/^(white|lime|cyan|red|yellow|magenta|blue|black)$/.test(s.color)) || (s.background && !/^(white|lime|cyan|red|yellow|magenta|blue|black)$/.test(s.background))))) {
      loss.add('colours outside the eight WebVTT colour classes');
    }
    if (e.speaker && lines.length) lines[0] = `<v ${e.speaker.replace(/>/g, '&gt;')}>${lines[0]}`;
    out.push(...lines, '');
  }
  return { text: out.join('\n'), findings: loss.findings() };
}
