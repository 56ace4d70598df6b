import { decodeTextBytes } from '../interchange/text.ts';
import type { ReadOptions, ReadResult, WriteResult } from '../interchange/types.ts';
import { finding, type Finding, type Where } from '../findings/index.ts';
import { captionMsOf, formatClockMs, msTime, parseSrtTimestamp, splitLines, strippedOfBinary } from './clock.ts';
import { parseInlineMarkup, spanMarkup } from './markup.ts';
import { captionLinesTrimmed, captionText, type CaptionDocument, type CaptionEvent, type CaptionLine, type CaptionPlacement } from './model.ts';
import { lossCounter } from './loss.ts';

/**
 * SubRip (.srt): blocks of a counter, `HH:MM:SS,mmm --> HH:MM:SS,mmm` and text lines,
 * separated by blank lines. No formal spec exists, so the reader is lenient and says so:
 * a missing counter, `.` for `,`, a block without a blank line before it, text after a
 * blank line (joined to the cue before it) are all read with findings that carry the line.
 * Times are milliseconds from the start of the programme (time base `media`).
 */

/** Text from bytes or a string (bytes are decoded with the shared text decoder). */
export function captionTextOf(input: string | Uint8Array): { text: string; findings: Finding[] } {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), findings: [] };
  const d = decodeTextBytes(input);
  return { text: d.text, findings: [...d.findings] };
}

/** `{\anN}` keypad digit to a placement. */
export function placementOfAn(an: number): CaptionPlacement {
  const vertical = an >= 7 ? 'top' : an >= 4 ? 'middle' : 'bottom';
  const col = (an - 1) % 3;
  return { vertical, align: col === 0 ? 'left' : col === 1 ? 'center' : 'right' };
}

function anOfPlacement(p: CaptionPlacement | undefined): number | undefined {
  if (!p || (!p.vertical && !p.align)) return undefined;
  const row = p.vertical === 'top' ? 7 : p.vertical === 'middle' ? 4 : 1;
  const col = p.align === 'left' || p.align === 'start' ? 0 : p.align === 'right' || p.align === 'end' ? 2 : 1;
  const an = row + col;
  return an === 2 ? undefined : an;
}

export function readSrt(input: string | Uint8Array, options: ReadOptions = {}): ReadResult<CaptionDocument> {
  const decoded = captionTextOf(input);
  const file = options.file;
  const stripped = strippedOfBinary(decoded.text, file);
  const findings: Finding[] = [...decoded.findings.map((f) => ({ ...f, where: { ...(file !== undefined ? { file } : {}), ...f.where } })), ...stripped.findings];
  const at = (line: number): Where => ({ ...(file !== undefined ? { file } : {}), line });
  const lines = splitLines(stripped.text);
  const events: CaptionEvent[] = [];
  let expectedCounter = 1;

  interface Pending {
    id?: string;
    startMs: number;
    endMs: number;
    line: number;
    payload: string[];
  }
  let pending: Pending | undefined;
  let lastPending: Pending | undefined;
  const closed: Pending[] = [];
  const flush = (): void => {
    if (pending) closed.push(pending);
    pending = undefined;
  };

  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (raw.trim() === '') {
      flush();
      i++;
      continue;
    }
    const next = lines[i + 1];
    const isCounter = /^\s*\d+\s*$/.test(raw) && next !== undefined && next.includes('-->');
    if (raw.includes('-->') || isCounter) {
      flush();
      let id: string | undefined;
      let timingIdx = i;
      if (isCounter) {
        id = raw.trim();
        if (Number(id) !== expectedCounter) findings.push(finding('CAPTION_COUNTER_INVALID', { expected: expectedCounter, found: id }, { where: at(lineNo) }));
        expectedCounter = Number(id) + 1;
        timingIdx = i + 1;
      } else expectedCounter++;
      const timing = lines[timingIdx]!;
      const [left, right = ''] = timing.split('-->');
      const endToken = right.trim().split(/\s+/)[0] ?? '';
      const s = parseSrtTimestamp(left!, at(timingIdx + 1));
      const e = parseSrtTimestamp(endToken, at(timingIdx + 1));
      findings.push(...s.findings, ...e.findings);
      i = timingIdx + 1;
      if (s.ms === undefined || e.ms === undefined) {
        // Skip the text of a cue whose timing could not be read.
        while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.includes('-->')) i++;
        continue;
      }
      pending = { ...(id !== undefined ? { id } : {}), startMs: s.ms, endMs: e.ms, line: timingIdx + 1, payload: [] };
      lastPending = pending;
      continue;
    }
    if (pending) pending.payload.push(raw);
    else {
      // Text after a blank line with no timing of its own: the cue before it lost its blank-line discipline.
      const block: string[] = [];
      const startLine = lineNo;
      while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.includes('-->') && !(/^\s*\d+\s*$/.test(lines[i]!) && (lines[i + 1] ?? '').includes('-->'))) {
        block.push(lines[i]!);
        i++;
      }
      if (lastPending) {
        lastPending.payload.push(...block);
        findings.push(finding('CAPTION_BLOCK_UNPARSEABLE', { text: block.join(' / '), action: `it was joined to the cue at line ${lastPending.line}` }, { where: at(startLine) }));
      } else findings.push(finding('CAPTION_BLOCK_UNPARSEABLE', { text: block.join(' / '), action: 'it was ignored' }, { where: at(startLine) }));
      continue;
    }
    i++;
  }
  flush();

  for (const p of closed) {
    const label = p.id ?? `at line ${p.line}`;
    if (p.endMs <= p.startMs) {
      findings.push(finding('CAPTION_TIMES_REVERSED', { event: label, start: formatClockMs(p.startMs, ','), end: formatClockMs(p.endMs, ',') }, { where: at(p.line) }));
      continue;
    }
    const markup = parseInlineMarkup(p.payload, false);
    for (const tag of markup.unknownTags) findings.push(finding('CAPTION_TAG_UNKNOWN', { tag }, { where: at(p.line) }));
    const lines2 = captionLinesTrimmed(markup.lines);
    const ev: CaptionEvent = {
      ...(p.id !== undefined ? { id: p.id } : {}),
      start: msTime(p.startMs),
      end: msTime(p.endMs),
      lines: lines2,
      ...(markup.an !== undefined ? { placement: placementOfAn(markup.an) } : {}),
      sourceLine: p.line,
    };
    if (!captionText(ev).trim()) {
      findings.push(finding('CAPTION_EMPTY', { event: label, action: 'it was dropped' }, { where: at(p.line) }));
      continue;
    }
    events.push(ev);
  }
  return { value: { format: 'srt', timeBase: 'media', events }, findings };
}

/** Lines as SRT text with `<i> <b> <u> <font color>` tags. */
function srtLines(lines: readonly CaptionLine[]): string[] {
  return lines.map((l) => l.map((s) => spanMarkup(s, 'srt')).join(''));
}

/** SRT text (LF line ends, counters from 1). Speakers, regions and backgrounds are reported as lost. */
export function writeSrt(doc: CaptionDocument): WriteResult {
  const loss = lossCounter('SRT');
  const out: string[] = [];
  doc.events.forEach((e, i) => {
    if (e.speaker) loss.add('speaker names');
    if (e.lines.some((l) => l.some((s) => s.background))) loss.add('background colours');
    if (e.placement?.row !== undefined || e.placement?.region) loss.add('grid rows and named regions (kept only as a {\\anN} position)');
    const an = anOfPlacement(e.placement);
    const text = srtLines(e.lines);
    if (an !== undefined && text.length) text[0] = `{\\an${an}}${text[0]}`;
    out.push(String(i + 1), `${formatClockMs(Math.max(0, captionMsOf(e.start)), ',')} --> ${formatClockMs(Math.max(0, captionMsOf(e.end)), ',')}`, ...text.filter((t) => t !== ''), '');
  });
  return { text: out.join('\n'), findings: loss.findings() };
}
