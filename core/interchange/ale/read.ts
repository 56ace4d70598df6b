import { finding, type Finding, type Where } from '../../findings/index.ts';
import { formatFrameRate, isDropFrameCapable, parseFrameRate, parseTimecode, range, timecodeOf, type FrameRate } from '../../time/index.ts';
import type { MediaRecord } from '../../timeline/index.ts';
import type { ReadOptions, ReadResult } from '../types.ts';

/**
 * Avid Log Exchange (ALE): a tab-separated text with three sections.
 *
 *     Heading             key<TAB>value lines (FIELD_DELIM, VIDEO_FORMAT, AUDIO_FORMAT, FPS);
 *                         some tools put every pair on one line
 *     Column              one line of column names
 *     Data                one line per clip, fields in column order
 *
 * Each Data row becomes one MediaRecord: Name -> clipName, Tape -> reel, Source File ->
 * fileName; Start/End/Duration -> availableRange at the heading's FPS. End is exclusive,
 * as Avid writes it: Duration = End - Start (the fixtures' sample.ale says 01:00:00:00 to
 * 01:00:04:03 for a Duration of 00:00:04:03). Every other column is kept in `extra` with its
 * text as written (leading spaces included). An `Image Size` or `Source Resolution` of
 * `W x H` also sets width and height. Timecodes with `;` at 29.97/59.94 are drop-frame.
 */

export interface AleDocument {
  /** The heading pairs in file order, values as written (`FPS` `23.98`). */
  readonly heading: readonly (readonly [string, string])[];
  /** Column names in file order. */
  readonly columns: readonly string[];
  readonly records: readonly MediaRecord[];
  /** The rate the timecodes were read at (the heading's FPS, else `options.rate`). */
  readonly rate?: FrameRate;
  /** `\r\n` when the file used it, else `\n`. */
  readonly lineEnding: '\n' | '\r\n';
}

/** The columns that become MediaRecord fields; every other column stays in `extra`. */
export const ALE_MAPPED_COLUMNS = ['Name', 'Tape', 'Source File', 'Start', 'End', 'Duration'] as const;

type Section = 'none' | 'heading' | 'column' | 'data';

export function readAleDocument(text: string, options: ReadOptions = {}): ReadResult<AleDocument> {
  const findings: Finding[] = [];
  const at = (line: number, column?: number, extra: Where = {}): Where => ({
    ...(options.file !== undefined ? { file: options.file } : {}),
    line,
    ...(column !== undefined ? { column } : {}),
    ...extra,
  });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineEnding = /\r\n/.test(body) ? '\r\n' : '\n';
  const lines = body.split(/\r\n|\n|\r/);
  const heading: [string, string][] = [];
  let columns: string[] | undefined;
  const rows: { fields: string[]; line: number }[] = [];
  let section: Section = 'none';
  const seen = new Set<Section>();

  lines.forEach((raw, k) => {
    const line = k + 1;
    if (raw.trim() === '') return;
    const word = raw.trim().toLowerCase();
    if (word === 'heading' || word === 'column' || word === 'data') {
      section = word;
      seen.add(section);
      return;
    }
    if (section === 'none') {
      findings.push(finding('ALE_LINE_OUTSIDE_SECTION', { text: raw.slice(0, 40) }, { where: at(line) }));
    } else if (section === 'heading') {
      const parts = raw.split('\t').map((p) => p.trim());
      while (parts.length && parts[parts.length - 1] === '') parts.pop();
      if (parts.length < 2 || parts.length % 2 !== 0) {
        findings.push(finding('ALE_HEADING_LINE_INVALID', { text: raw.slice(0, 60) }, { where: at(line) }));
        return;
      }
      for (let p = 0; p < parts.length; p += 2) heading.push([parts[p]!, parts[p + 1]!]);
    } else if (section === 'column') {
      if (columns) {
        findings.push(finding('ALE_HEADING_LINE_INVALID', { text: raw.slice(0, 60) }, { where: at(line) }));
        return;
      }
      columns = raw.split('\t').map((c) => c.trim());
    } else {
      rows.push({ fields: raw.split('\t'), line });
    }
  });

  if (!seen.has('heading')) findings.push(finding('ALE_SECTION_MISSING', { section: 'Heading' }, { where: at(1) }));
  if (!columns) {
    findings.push(finding('ALE_SECTION_MISSING', { section: 'Column' }, { where: at(1) }));
    return { value: undefined, findings };
  }
  if (!seen.has('data')) findings.push(finding('ALE_SECTION_MISSING', { section: 'Data' }, { where: at(lines.length) }));

  const headingValue = (key: string) => heading.find(([k]) => k.toUpperCase() === key)?.[1];
  const delim = headingValue('FIELD_DELIM');
  if (delim !== undefined && delim.toUpperCase() !== 'TABS') findings.push(finding('ALE_FIELD_DELIM_UNSUPPORTED', { delim }, { where: at(1) }));

  let rate: FrameRate | undefined;
  const fps = headingValue('FPS');
  if (fps !== undefined) {
    const parsed = parseFrameRate(fps);
    if (parsed.ok) rate = parsed.value;
    else findings.push(finding('ALE_FPS_INVALID', { text: fps, reason: parsed.error }, { where: at(1) }));
  } else {
    findings.push(finding('ALE_FPS_MISSING', { used: options.rate ? `read at ${formatFrameRate(options.rate)} as asked` : 'timecodes were not read into ranges' }, { where: at(1) }));
  }
  if (!rate && options.rate) rate = options.rate;

  const index = new Map<string, number>();
  columns.forEach((c, k) => {
    const key = c.toLowerCase();
    if (index.has(key)) findings.push(finding('ALE_COLUMN_DUPLICATE', { column: c }, { where: at(1) }));
    else index.set(key, k);
  });

  // Drop-frame is stated by the timecodes themselves (`;`) at 29.97 and 59.94.
  if (rate && isDropFrameCapable(rate) && !rate.dropFrame) {
    const startCol = index.get('start');
    if (startCol !== undefined && rows.some((r) => (r.fields[startCol] ?? '').includes(';'))) rate = { ...rate, dropFrame: true };
  }

  const records: MediaRecord[] = [];
  for (const row of rows) {
    const fieldColumn = (k: number) => row.fields.slice(0, k).reduce((n, f) => n + f.length + 1, 1);
    if (row.fields.length !== columns.length) {
      findings.push(finding('ALE_ROW_WIDTH', { expected: columns.length, actual: row.fields.length }, { where: at(row.line) }));
    }
    const cell = (name: string): { text: string; column: number } | undefined => {
      const k = index.get(name.toLowerCase());
      if (k === undefined) return undefined;
      const t = (row.fields[k] ?? '').trim();
      return t === '' ? undefined : { text: t, column: fieldColumn(k) };
    };
    const extra: Record<string, string> = {};
    const mapped = new Set(ALE_MAPPED_COLUMNS.map((c) => c.toLowerCase()));
    columns.forEach((c, k) => {
      if (!mapped.has(c.toLowerCase()) && !(c in extra)) extra[c] = row.fields[k] ?? '';
    });
    const clipName = cell('Name')?.text;
    const label = clipName ?? `line ${row.line}`;
    const tc = (name: string): number | undefined => {
      const c = cell(name);
      if (!c || !rate) return undefined;
      const parsed = parseTimecode(c.text, rate, { allowPast24h: true });
      if (parsed.ok) return parsed.value;
      findings.push(finding('TIMECODE_INVALID', { text: c.text, reason: `${name} "${c.text}": ${parsed.error.message}` }, { where: at(row.line, c.column, clipName ? { clip: clipName } : {}) }));
      return undefined;
    };
    const start = tc('Start');
    const end = tc('End');
    const duration = tc('Duration');
    let availableRange;
    if (rate && start !== undefined && end !== undefined) {
      if (end < start) {
        findings.push(finding('ALE_END_BEFORE_START', { clip: label, start: cell('Start')!.text, end: cell('End')!.text }, { where: at(row.line) }));
      } else {
        availableRange = range(start, end - start, rate);
        if (duration !== undefined && duration !== end - start) {
          findings.push(finding('ALE_DURATION_MISMATCH', { clip: label, duration: cell('Duration')!.text, computed: timecodeOf(end - start, rate) }, { where: at(row.line) }));
        }
      }
    } else if (rate && start !== undefined && duration !== undefined) {
      availableRange = range(start, duration, rate);
    } else if (rate) {
      findings.push(finding('ALE_RANGE_MISSING', { clip: label }, { where: at(row.line) }));
    }
    const fpsCell = cell('FPS');
    if (fpsCell && rate) {
      const own = parseFrameRate(fpsCell.text);
      if (own.ok && (own.value.num !== rate.num || own.value.den !== rate.den)) {
        findings.push(finding('ALE_RECORD_RATE_DIFFERS', { clip: label, rate: fpsCell.text, heading: fps ?? formatFrameRate(rate) }, { where: at(row.line, fpsCell.column) }));
      }
    }
    const size = /^(\d+)\s*x\s*(\d+)$/i.exec(cell('Image Size')?.text ?? cell('Source Resolution')?.text ?? '');
    const reel = cell('Tape')?.text;
    const fileName = cell('Source File')?.text;
    records.push({
      ...(fileName !== undefined ? { fileName } : {}),
      ...(reel !== undefined ? { reel } : {}),
      ...(clipName !== undefined ? { clipName } : {}),
      ...(availableRange ? { availableRange } : {}),
      ...(rate ? { rate } : {}),
      ...(size ? { width: Number(size[1]), height: Number(size[2]) } : {}),
      extra,
    });
  }
  return { value: { heading, columns, records, ...(rate ? { rate } : {}), lineEnding }, findings };
}

/** One MediaRecord per ALE clip (see readAleDocument for the heading and column order). */
export function readAle(text: string, options: ReadOptions = {}): ReadResult<MediaRecord[]> {
  const doc = readAleDocument(text, options);
  return { value: doc.value ? [...doc.value.records] : undefined, findings: doc.findings };
}
