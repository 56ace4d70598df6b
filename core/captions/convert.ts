import { finding, type Finding } from '../findings/index.ts';
import type { ReadOptions, ReadResult, WriteResult } from '../interchange/types.ts';
import { decodeTextBytes } from '../interchange/text.ts';
import type { CaptionDocument, CaptionFormat, CaptionWritableFormat } from './model.ts';
import { readScc, writeScc } from './scc.ts';
import { readSrt, writeSrt } from './srt.ts';
import { readStl } from './stl.ts';
import { readTtml, writeTtml } from './ttml.ts';
import { readVtt, writeVtt } from './vtt.ts';

/** The caption format of a file's bytes, by content (never by extension), or undefined. */
export function detectCaptionFormat(bytes: Uint8Array): CaptionFormat | undefined {
  if (bytes.length >= 1024) {
    let dfc = '';
    for (let i = 3; i < 11; i++) dfc += String.fromCharCode(bytes[i]!);
    if (/^STL\d\d\.01$/.test(dfc)) return 'stl';
  }
  const head = decodeTextBytes(bytes.subarray(0, Math.min(bytes.length, 8192))).text.replace(/^\uFEFF/, '');
  const trimmed = head.trimStart();
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(head)) return 'vtt';
  if (trimmed.startsWith('Scenarist_SCC')) return 'scc';
  if (trimmed.startsWith('<') && /<(?:\w+:)?tt[\s>]/.test(head)) return 'ttml';
  if (/^\s*(?:\d+\s*\r?\n)?\s*\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}\s*-->/.test(head)) return 'srt';
  // WebVTT-style timings without the signature: read as WebVTT so the reader reports what is missing.
  if (/\d\d:\d\d\.\d{3}[ \t]*-->/.test(head)) return 'vtt';
  return undefined;
}

/** Reads any caption file's bytes; `format` overrides detection. An unknown format is a finding and an empty value. */
export function readCaptions(bytes: Uint8Array, options: ReadOptions & { format?: CaptionFormat } = {}): ReadResult<CaptionDocument> & { format?: CaptionFormat } {
  const format = options.format ?? detectCaptionFormat(bytes);
  switch (format) {
    case 'srt':
      return { ...readSrt(bytes, options), format };
    case 'vtt':
      return { ...readVtt(bytes, options), format };
    case 'ttml':
      return { ...readTtml(bytes, options), format };
    case 'scc':
      return { ...readScc(bytes, options), format };
    case 'stl':
      return { ...readStl(bytes, options), format };
    default: {
      const f: Finding = finding('CAPTION_FORMAT_UNKNOWN', { why: 'no WEBVTT signature, Scenarist_SCC header, <tt> root, SRT timing line or EBU STL disk format code was found' }, { where: options.file !== undefined ? { file: options.file } : {} });
      return { value: undefined, findings: [f] };
    }
  }
}

export interface CaptionWriteOptions {
  /** SCC: drop-frame labels (default true). */
  readonly dropFrame?: boolean;
  /** SCC from a media-time document: the frame (at 29.97) that media time zero lands on. */
  readonly startFrame?: number;
  /** TTML: xml:lang when the document has none. */
  readonly language?: string;
}

/** Writes a document in a target format; findings list what the target could not carry. */
export function writeCaptions(doc: CaptionDocument, format: CaptionWritableFormat, options: CaptionWriteOptions = {}): WriteResult {
  switch (format) {
    case 'srt':
      return writeSrt(doc);
    case 'vtt':
      return writeVtt(doc);
    case 'ttml':
      return writeTtml(doc, options.language !== undefined ? { language: options.language } : {});
    case 'scc':
      return writeScc(doc, { ...(options.dropFrame !== undefined ? { dropFrame: options.dropFrame } : {}), ...(options.startFrame !== undefined ? { startFrame: options.startFrame } : {}) });
  }
}
