import { finding, type Finding } from '../../findings/index.ts';
import { formatRate, rescaledTo, rt, timecodeOf, type FrameRate } from '../../time/index.ts';
import type { MediaRecord } from '../../timeline/index.ts';
import type { WriteResult } from '../types.ts';

/** True when the record's size is not already carried by one of its own columns. */
function sizeOnlyInFields(r: MediaRecord): boolean {
  if (r.width === undefined || r.height === undefined) return false;
  return !Object.keys(r.extra).some((k) => ['image size', 'source resolution'].includes(k.toLowerCase()));
}

export interface AleWriteOptions {
  /** The heading FPS; default: the first record's rate, else 24. */
  readonly rate?: FrameRate;
  /** VIDEO_FORMAT (default `1080`) and AUDIO_FORMAT (default `48khz`). */
  readonly videoFormat?: string;
  readonly audioFormat?: string;
  /** A heading to write as given (e.g. as read by readAleDocument); it replaces the defaults. */
  readonly heading?: readonly (readonly [string, string])[];
  /** Column order; default: Name, Tape, Start, End, Duration, Source File, then every `extra` key in first-seen order. */
  readonly columns?: readonly string[];
  readonly lineEnding?: '\n' | '\r\n';
}

/**
 * MediaRecords as an ALE, laid out as Avid writes it: Heading, a blank line, Column, a blank
 * line, Data, one clip a line. End is exclusive (Start + Duration). Records at another rate
 * than the heading's FPS are converted (rounded down) with a finding; tabs and line breaks
 * inside values, which ALE cannot carry, become spaces with a finding.
 */
export function writeAle(records: readonly MediaRecord[], options: AleWriteOptions = {}): WriteResult {
  const findings: Finding[] = [];
  const rangeRate = records.find((r) => r.availableRange)?.availableRange?.start.rate;
  const rate: FrameRate = options.rate ?? records.find((r) => r.rate)?.rate ?? (rangeRate ? { ...rangeRate, dropFrame: false } : { num: 24, den: 1, dropFrame: false });
  const heading: readonly (readonly [string, string])[] = options.heading ?? [
    ['FIELD_DELIM', 'TABS'],
    ['VIDEO_FORMAT', options.videoFormat ?? '1080'],
    ['AUDIO_FORMAT', options.audioFormat ?? '48khz'],
    ['FPS', formatRate(rate)],
  ];
  let columns = options.columns;
  if (!columns) {
    const cols: string[] = ['Name', 'Tape', 'Start', 'End', 'Duration'];
    if (records.some((r) => r.fileName !== undefined)) cols.push('Source File');
    const seen = new Set(cols.map((c) => c.toLowerCase()));
    for (const r of records) {
      for (const k of Object.keys(r.extra)) {
        if (!seen.has(k.toLowerCase())) {
          seen.add(k.toLowerCase());
          cols.push(k);
        }
      }
    }
    if (records.some(sizeOnlyInFields) && !seen.has('image size')) cols.push('Image Size');
    columns = cols;
  }
  const rows = records.map((r) => {
    const label = r.clipName ?? r.fileName ?? '';
    let tc: { start: string; end: string; duration: string } | undefined;
    if (r.availableRange) {
      const { start, duration } = r.availableRange;
      let s = start.value;
      let d = duration.value;
      if (start.rate.num !== rate.num || start.rate.den !== rate.den) {
        findings.push(finding('ALE_RATE_MIXED', { clip: label, rate: formatRate(start.rate), heading: formatRate(rate) }));
        s = rescaledTo(start, rate, 'floor');
        d = rescaledTo(rt(start.value + duration.value, start.rate), rate, 'floor') - s;
      }
      tc = { start: timecodeOf(s, rate), end: timecodeOf(s + d, rate), duration: timecodeOf(d, rate) };
    }
    const valueOf = (col: string): string => {
      switch (col.toLowerCase()) {
        case 'name':
          return r.clipName ?? '';
        case 'tape':
          return r.reel ?? '';
        case 'source file':
          return r.fileName ?? '';
        case 'start':
          return tc?.start ?? '';
        case 'end':
          return tc?.end ?? '';
        case 'duration':
          return tc?.duration ?? '';
      }
      const key = Object.keys(r.extra).find((k) => k.toLowerCase() === col.toLowerCase());
      if (key !== undefined) return r.extra[key]!;
      if (col.toLowerCase() === 'image size' && sizeOnlyInFields(r)) return `${r.width} x ${r.height}`;
      return '';
    };
    return columns.map((col) => {
      const v = valueOf(col);
      if (!/[\t\r\n]/.test(v)) return v;
      findings.push(finding('ALE_VALUE_ESCAPED', { clip: label, column: col }));
      return v.replace(/[\t\r\n]+/g, ' ');
    }).join('\t');
  });

  const nl = options.lineEnding ?? '\n';
  const out = ['Heading', ...heading.map(([k, v]) => `${k}\t${v}`), '', 'Column', columns.join('\t'), '', 'Data', ...rows];
  return { text: out.join(nl) + nl, findings };
}
