import { finding, type Finding } from '../findings/index.ts';
import type { MediaRecord, Timeline } from '../timeline/index.ts';
import { readAaf } from './aaf/index.ts';
import { readAle, writeAle } from './ale/index.ts';
import { readEdl, writeEdl, type EdlDialect } from './edl/index.ts';
import { readFcp7Xml, writeFcp7Xml } from './fcp7xml/index.ts';
import { readFcpxml, writeFcpxml, type FcpxmlVersion } from './fcpxml/index.ts';
import { readOtioTimelines, writeOtio } from './otio/index.ts';
import { decodeTextBytes } from './text.ts';
import type { ReadOptions, WriteResult } from './types.ts';

/**
 * One API over every format: bytes in, timelines (or an inventory) plus findings out; a
 * timeline in, text plus findings for whatever the target lost. Formats are detected by
 * content, never by file extension.
 */

export type InterchangeFormat = 'edl' | 'fcp7xml' | 'fcpxml' | 'otio' | 'ale' | 'aaf';
export const INTERCHANGE_FORMATS: readonly InterchangeFormat[] = ['edl', 'fcp7xml', 'fcpxml', 'otio', 'ale', 'aaf'];
export const WRITABLE_TIMELINE_FORMATS = ['edl', 'fcp7xml', 'fcpxml', 'otio'] as const;
export type WritableTimelineFormat = (typeof WRITABLE_TIMELINE_FORMATS)[number];

// Compound File Binary (OLE2 / Structured Storage) signature: AAF's container.
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What a text looks like, from its first meaningful content. */
export function detectTextFormat(text: string): Exclude<InterchangeFormat, 'aaf'> | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{') && /"OTIO_SCHEMA"\s*:/.test(head)) return 'otio';
  if (trimmed.startsWith('<')) {
    if (/<fcpxml[\s>]/.test(head)) return 'fcpxml';
    if (/<xmeml[\s>]/.test(head)) return 'fcp7xml';
    return undefined;
  }
  if (/^\s*Heading\s*$/m.test(head) && /^\s*(FIELD_DELIM|Column)\b/m.test(text.slice(0, 65536))) return 'ale';
  if (/^\s*TITLE:/im.test(head) || /^\s*FCM:/im.test(head) || /^\s*\d{3,6}\s+\S+\s+(V|A\d*|AA|B|AA\/V|NONE|AUD)\b/m.test(head)) return 'edl';
  return undefined;
}

/** The format of a file's bytes, or undefined when Picturelock does not read it. */
export function detectInterchangeFormat(bytes: Uint8Array): InterchangeFormat | undefined {
  if (bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b)) return 'aaf';
  return detectTextFormat(decodeTextBytes(bytes.subarray(0, Math.min(bytes.length, 65536))).text);
}

export interface InterchangeReadResult {
  readonly format: InterchangeFormat | undefined;
  /** Every timeline the file holds (EDL, OTIO and AAF give one; XMLs may give several). */
  readonly timelines: readonly Timeline[];
  /** The media inventory, for ALE. */
  readonly inventory: readonly MediaRecord[];
  readonly findings: readonly Finding[];
}

/** Reads any supported file's bytes; AAF (Structured Storage) goes to `readAaf`, the rest are decoded as text. */
export function readInterchange(bytes: Uint8Array, options: ReadOptions = {}): InterchangeReadResult {
  const format = detectInterchangeFormat(bytes);
  const file = options.file ?? 'input';
  if (format === 'aaf') {
    const r = readAaf(bytes, { ...options, file });
    return { format, timelines: r.value ?? [], inventory: [], findings: r.findings };
  }
  const decoded = decodeTextBytes(bytes);
  const text = decoded.text;
  const located = (fs: readonly Finding[]) => fs.map((f) => (f.where.file ? f : { ...f, where: { ...f.where, file } }));
  const pre = located(decoded.findings);
  if (format === undefined) {
    return {
      format,
      timelines: [],
      inventory: [],
      findings: [...pre, finding('INPUT_FORMAT_UNKNOWN', { path: file, looked: 'CMX3600 EDL, FCP7 XML (xmeml), FCPXML, OpenTimelineIO JSON, Avid ALE and AAF' }, { where: { file } })],
    };
  }
  const opts: ReadOptions = { ...options, file };
  switch (format) {
    case 'edl': {
      const r = readEdl(text, opts);
      return { format, timelines: r.value ? [r.value] : [], inventory: [], findings: [...pre, ...located(r.findings)] };
    }
    case 'fcp7xml': {
      const r = readFcp7Xml(text, opts);
      return { format, timelines: r.value ?? [], inventory: [], findings: [...pre, ...located(r.findings)] };
    }
    case 'fcpxml': {
      const r = readFcpxml(text, opts);
      return { format, timelines: r.value ?? [], inventory: [], findings: [...pre, ...located(r.findings)] };
    }
    case 'otio': {
      const r = readOtioTimelines(text, opts);
      return { format, timelines: r.value ?? [], inventory: [], findings: [...pre, ...located(r.findings)] };
    }
    case 'ale': {
      const r = readAle(text, opts);
      return { format, timelines: [], inventory: r.value ?? [], findings: [...pre, ...located(r.findings)] };
    }
  }
}

export interface InterchangeWriteOptions {
  /** EDL dialect (default `cmx3600`). */
  readonly dialect?: EdlDialect;
  /** EDL: write only this track (`V1`, `A2` or a track name). */
  readonly track?: string;
  /** EDL: merge every track into one list. */
  readonly mergeTracks?: boolean;
  /** FCPXML version (default the newest). */
  readonly fcpxmlVersion?: FcpxmlVersion;
}

/** Writes a timeline in a timeline format; findings say what the target could not carry. */
export function writeInterchange(tl: Timeline, format: WritableTimelineFormat, options: InterchangeWriteOptions = {}): WriteResult {
  switch (format) {
    case 'edl':
      return writeEdl(tl, { dialect: options.dialect ?? 'cmx3600', ...(options.track ? { track: options.track } : {}), ...(options.mergeTracks ? { mergeTracks: true } : {}) });
    case 'fcp7xml':
      return writeFcp7Xml(tl);
    case 'fcpxml':
      return writeFcpxml(tl, options.fcpxmlVersion ? { version: options.fcpxmlVersion } : {});
    case 'otio':
      return writeOtio(tl);
  }
}

/** An inventory as ALE. */
export function writeInventoryAle(records: readonly MediaRecord[]): WriteResult {
  return writeAle(records);
}
