import { finding, type Finding } from '../findings/index.ts';
import type { ReadOptions, ReadResult } from '../interchange/types.ts';
import { frameRate, rt, timecodeOf, type FrameRate } from '../time/index.ts';
import { captionLineNormalized, captionLinesTrimmed, type CaptionDocument, type CaptionEvent, type CaptionLine, type CaptionSpan } from './model.ts';

/**
 * EBU STL (EBU Tech 3264-1991), read only. A 1024-byte GSI block then 128-byte TTI blocks.
 * - GSI: CPN code page, DFC `STL25.01` / `STL30.01` (frame rate), DSC, CCT character table,
 *   TNB/TNS counts, TCP programme start, MNR maximum rows.
 * - TTI: SGN, SN (little-endian), EBN (0xFF last block of a subtitle, 0xFE user data),
 *   CS, TCI/TCO as four bytes h, m, s, f, VP vertical position (row), JC justification,
 *   CF comment flag, 112 text bytes.
 * - Text: teletext controls 0x00-0x07 alpha colours, 0x0A/0x0B end/start box, 0x0C-0x0F
 *   heights, 0x1C black background, 0x1D new background (the current colour), 0x80-0x85
 *   italics/underline/boxing on/off, 0x8A new line, 0x8F unused. Spacing attributes show
 *   as a space. Character table 00 is ISO 6937 (diacritic prefix 0xC1-0xCF then the base
 *   letter); 01-04 are ISO 8859-5/6/7/8.
 * Times are timecode labels (time base `timecode`) at 25 (STL25) or 30000/1001 non-drop
 * (STL30, whose 30 labels per second run at NTSC speed in practice).
 */

const ISO6937_HIGH: Readonly<Record<number, string>> = {
  0xa1: '¡', 0xa2: '¢', 0xa3: '£', 0xa4: '$', 0xa5: '¥', 0xa6: '#', 0xa7: '§', 0xa8: '¤', 0xa9: '‘', 0xaa: '“', 0xab: '«', 0xac: '←', 0xad: '↑', 0xae: '→', 0xaf: '↓',
  0xb0: '°', 0xb1: '±', 0xb2: '²', 0xb3: '³', 0xb4: '×', 0xb5: 'µ', 0xb6: '¶', 0xb7: '·', 0xb8: '÷', 0xb9: '’', 0xba: '”', 0xbb: '»', 0xbc: '¼', 0xbd: '½', 0xbe: '¾', 0xbf: '¿',
  0xd0: '―', 0xd1: '¹', 0xd2: '®', 0xd3: '©', 0xd4: '™', 0xd5: '♪', 0xd6: '¬', 0xd7: '¦', 0xdc: '⅛', 0xdd: '⅜', 0xde: '⅝', 0xdf: '⅞',
  0xe0: 'Ω', 0xe1: 'Æ', 0xe2: 'Đ', 0xe3: 'ª', 0xe4: 'Ħ', 0xe6: 'Ĳ', 0xe7: 'Ŀ', 0xe8: 'Ł', 0xe9: 'Ø', 0xea: 'Œ', 0xeb: 'º', 0xec: 'Þ', 0xed: 'Ŧ', 0xee: 'Ŋ', 0xef: 'ŉ',
  0xf0: 'ĸ', 0xf1: 'æ', 0xf2: 'đ', 0xf3: 'ð', 0xf4: 'ħ', 0xf5: 'ı', 0xf6: 'ĳ', 0xf7: 'ŀ', 0xf8: 'ł', 0xf9: 'ø', 0xfa: 'œ', 0xfb: 'ß', 0xfc: 'þ', 0xfd: 'ŧ', 0xfe: 'ŋ', 0xff: '\u00ad',
};

/** ISO 6937 non-spacing diacritics 0xC1-0xCF as Unicode combining marks. */
const DIACRITIC: Readonly<Record<number, string>> = {
  0xc1: '\u0300', 0xc2: '\u0301', 0xc3: '\u0302', 0xc4: '\u0303', 0xc5: '\u0304', 0xc6: '\u0306', 0xc7: '\u0307', 0xc8: '\u0308', 0xca: '\u030a', 0xcb: '\u0327', 0xcd: '\u030b', 0xce: '\u0328', 0xcf: '\u030c',
};

const TELETEXT_COLORS = ['black', 'red', 'lime', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;

function ascii(bytes: Uint8Array, from: number, length: number): string {
  let s = '';
  for (let i = from; i < from + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** A high byte in ISO 8859-5 (Cyrillic), -7 (Greek), -6 (Arabic), -8 (Hebrew), as far as they are regular. */
function iso8859(cct: string, b: number): string {
  if (cct === '01') return b === 0xa0 ? '\u00a0' : b === 0xad ? '\u00ad' : b === 0xf0 ? '№' : b === 0xfd ? '§' : String.fromCharCode(b + 0x360);
  if (cct === '03') return b >= 0xb4 && b !== 0xb7 && b !== 0xbb && b !== 0xbd ? String.fromCharCode(b + 0x2d0) : String.fromCharCode(b);
  if (cct === '02') return b >= 0xc1 && b <= 0xf2 ? String.fromCharCode(b + 0x560) : String.fromCharCode(b);
  return b >= 0xe0 && b <= 0xfa ? String.fromCharCode(b + 0x4f0) : String.fromCharCode(b);
}

export function readStl(bytes: Uint8Array, options: ReadOptions = {}): ReadResult<CaptionDocument> {
  const file = options.file;
  const findings: Finding[] = [];
  const at = (block?: number) => ({ ...(file !== undefined ? { file } : {}), ...(block !== undefined ? { line: block, event: String(block) } : {}) });
  const empty: CaptionDocument = { format: 'stl', timeBase: 'timecode', events: [] };
  if (bytes.length < 1024) {
    findings.push(finding('CAPTION_STL_GSI_INVALID', { field: 'block', value: `${bytes.length} bytes`, used: 'the GSI block needs 1024 bytes; nothing was read' }, { where: at() }));
    return { value: empty, findings };
  }
  const dfc = ascii(bytes, 3, 8);
  let rate: FrameRate;
  if (dfc === 'STL25.01') rate = frameRate(25);
  else if (dfc === 'STL30.01') rate = frameRate(30000, 1001);
  else {
    findings.push(finding('CAPTION_STL_GSI_INVALID', { field: 'DFC', value: dfc, used: 'it is not STL25.01 or STL30.01; 25 fps was used' }, { where: at() }));
    rate = frameRate(25);
  }
  const cct = ascii(bytes, 12, 2);
  if (!['00', '01', '02', '03', '04'].includes(cct)) findings.push(finding('CAPTION_STL_GSI_INVALID', { field: 'CCT', value: cct, used: 'read as table 00 (ISO 6937 Latin)' }, { where: at() }));
  const tnb = Number(ascii(bytes, 238, 5).trim());
  const tns = Number(ascii(bytes, 243, 5).trim());
  const tcp = ascii(bytes, 256, 8);
  const fps = Math.round(rate.num / rate.den);
  const tcpFrames = /^\d{8}$/.test(tcp) ? ((Number(tcp.slice(0, 2)) * 60 + Number(tcp.slice(2, 4))) * 60 + Number(tcp.slice(4, 6))) * fps + Number(tcp.slice(6, 8)) : undefined;
  if (tcpFrames === undefined) findings.push(finding('CAPTION_STL_GSI_INVALID', { field: 'TCP', value: tcp, used: 'the programme start is unknown' }, { where: at() }));
  const blocks = Math.floor((bytes.length - 1024) / 128);
  if ((bytes.length - 1024) % 128 !== 0) findings.push(finding('CAPTION_STL_TTI_INVALID', { block: blocks + 1, reason: `the file ends ${(bytes.length - 1024) % 128} bytes into a block; those bytes were ignored` }, { where: at() }));
  if (Number.isFinite(tnb) && tnb !== blocks) findings.push(finding('CAPTION_STL_COUNT_MISMATCH', { field: 'TNB', stated: tnb, actual: blocks }, { where: at() }));

  const events: CaptionEvent[] = [];
  let lastEnd = -1;
  let lastStart = -1;
  let lastBlock = 0;
  let text: number[] = [];
  let subtitles = 0;
  for (let k = 0; k < blocks; k++) {
    const o = 1024 + k * 128;
    const blockNo = k + 1;
    const ebn = bytes[o + 3]!;
    const cf = bytes[o + 15]!;
    if (ebn === 0xfe || cf === 1) continue;
    for (let i = 0; i < 112; i++) text.push(bytes[o + 16 + i]!);
    if (ebn !== 0xff) continue;
    subtitles++;
    const tc = (p: number): number | undefined => {
      const [h, m, s, f] = [bytes[p]!, bytes[p + 1]!, bytes[p + 2]!, bytes[p + 3]!];
      if (h > 23 || m > 59 || s > 59 || f >= fps) return undefined;
      return ((h * 60 + m) * 60 + s) * fps + f;
    };
    const start = tc(o + 5);
    const end = tc(o + 9);
    const raw = text;
    text = [];
    if (start === undefined || end === undefined) {
      findings.push(finding('CAPTION_STL_TTI_INVALID', { block: blockNo, reason: 'its TCI or TCO is not a valid timecode; the subtitle was not read' }, { where: at(blockNo) }));
      continue;
    }
    if (end <= start) {
      findings.push(finding('CAPTION_TIMES_REVERSED', { event: String(blockNo), start: timecodeOf(start, rate), end: timecodeOf(end, rate) }, { where: at(blockNo) }));
      continue;
    }
    if (start >= lastStart && end <= lastEnd) {
      findings.push(finding('CAPTION_STL_TTI_CONTAINED', { block: blockNo, previous: lastBlock }, { where: at(blockNo) }));
      continue;
    }
    const lines = decodeText(raw, cct);
    const vp = bytes[o + 13]!;
    const jc = bytes[o + 14]!;
    events.push({
      id: String(bytes[o + 1]! | (bytes[o + 2]! << 8)),
      start: rt(start, rate),
      end: rt(end, rate),
      lines,
      placement: { row: vp, ...(vp > 0 && vp < 12 ? { vertical: 'top' as const } : {}), ...(jc === 1 ? { align: 'left' as const } : jc === 3 ? { align: 'right' as const } : {}) },
      sourceLine: blockNo,
    });
    lastStart = start;
    lastEnd = end;
    lastBlock = blockNo;
  }
  if (Number.isFinite(tns) && tns !== subtitles) findings.push(finding('CAPTION_STL_COUNT_MISMATCH', { field: 'TNS', stated: tns, actual: subtitles }, { where: at() }));
  const lc = ascii(bytes, 14, 2).trim();
  return {
    value: { format: 'stl', timeBase: 'timecode', frameRate: rate, ...(tcpFrames !== undefined ? { programmeStart: tcpFrames } : {}), ...(lc ? { language: lc } : {}), events },
    findings,
  };
}

function decodeText(bytes: readonly number[], cct: string): CaptionLine[] {
  const lines: CaptionSpan[][] = [[]];
  let color = 'white';
  let background: string | undefined;
  let italic = false;
  let underline = false;
  let diacritic = '';
  const put = (ch: string): void => {
    const line = lines[lines.length - 1]!;
    line.push({ text: ch, ...(italic ? { italic: true } : {}), ...(underline ? { underline: true } : {}), ...(color !== 'white' ? { color } : {}), ...(background && background !== 'black' ? { background } : {}) });
  };
  for (const b of bytes) {
    if (b === 0x8f) continue;
    if (b === 0x8a) {
      lines.push([]);
      color = 'white';
      background = undefined;
      continue;
    }
    if (b <= 0x07) {
      put(' ');
      color = TELETEXT_COLORS[b]!;
      continue;
    }
    if (b === 0x1c) {
      put(' ');
      background = 'black';
      continue;
    }
    if (b === 0x1d) {
      put(' ');
      background = color;
      continue;
    }
    if (b < 0x20) {
      // Box, size, flash, mosaic and hold codes: spacing attributes with no text.
      if (b !== 0x0a && b !== 0x0b) put(' ');
      continue;
    }
    if (b >= 0x80 && b <= 0x85) {
      if (b === 0x80) italic = true;
      else if (b === 0x81) italic = false;
      else if (b === 0x82) underline = true;
      else if (b === 0x83) underline = false;
      continue;
    }
    if (b >= 0x80 && b < 0xa0) continue;
    let ch: string;
    if (cct === '01' || cct === '02' || cct === '03' || cct === '04') ch = b < 0x80 ? String.fromCharCode(b) : iso8859(cct, b);
    else if (DIACRITIC[b]) {
      diacritic = DIACRITIC[b]!;
      continue;
    } else ch = b < 0x80 ? String.fromCharCode(b) : (ISO6937_HIGH[b] ?? '');
    if (diacritic) {
      ch = (ch + diacritic).normalize('NFC');
      diacritic = '';
    }
    if (ch) put(ch);
  }
  // Empty rows between text rows come from double-height spacing, not from the text.
  return captionLinesTrimmed(lines.map((l) => captionLineNormalized(l))).filter((l) => l.length > 0);
}
