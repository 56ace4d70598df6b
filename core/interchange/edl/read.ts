import {
  formatFrameRate,
  isDropFrameCapable,
  nominalFps,
  parseTimecode,
  range,
  rt,
  type FrameRate,
} from '../../time/index.ts';
import {
  MARKER_COLORS,
  clip as makeClip,
  gap as makeGap,
  track as makeTrack,
  type Clip,
  type Effect,
  type Marker,
  type MarkerColor,
  type MediaReference,
  type Ratio,
  type Timeline,
  type Track,
  type TrackItem,
  type Transition,
} from '../../timeline/index.ts';
import { finding, type Finding, type Where } from '../../findings/index.ts';
import type { ReadResult } from '../types.ts';
import { parseAudLine, parseChannels, type EdlChannels } from './channels.ts';
import type { EdlCdl, EdlClipMetadata, ReadEdlOptions } from './types.ts';

/**
 * CMX 3600 reader. An event line is
 * `NNN  REEL  CHANNEL  TRANSITION [DURATION]  SRC-IN SRC-OUT REC-IN REC-OUT`; out points are
 * exclusive. The reader is column-free (it splits on whitespace and takes the four timecodes
 * from the end), so 3- to 6-digit events, 8/32/128-character reels and extra spaces all read.
 *
 * Model mapping:
 * - every channel becomes a track: `V` -> V1 (overlapping picture events stack onto V2, V3 …),
 *   audio channel n -> An; `AA/V` puts one clip on V1, A1 and A2;
 * - holes in record time become gaps; the timeline starts at the earliest record in;
 * - a dissolve or wipe (`D 010`, `W001 010` after a zero-length cut of the same event) becomes a
 *   Transition before the incoming clip with inOffset 0 and outOffset = its length, as
 *   OpenTimelineIO's CMX reader places it (the transition starts at the cut);
 * - `M2 REEL 048.0 TC` becomes an exact `linearTimeWarp` of 48/24 at 24 fps (reverse
 *   negative), `000.0` a `freezeFrame`;
 * - a clip's duration is its record length; its source start is the source in (the M2 entry
 *   point for speed events).
 */

const TC_LIKE = /^\d+[:;.,]\d+[:;.,]\d+[:;.,]\d+$/;
const TC_IN_TEXT = /\b\d+[:;.,]\d+[:;.,]\d+([:;.,])(\d+)\b/g;
const MAX_TEXT_CHARS = 256 * 1024 * 1024;
const MAX_LINES = 4_000_000;
/** Transition lengths past a day of frames are noise; they are clamped to the incoming clip anyway. */
const MAX_SPEED_DIGITS = 9;

type TransitionKind = 'cut' | 'dissolve' | 'wipe' | 'key';

interface Edit {
  readonly event: string;
  readonly eventNumber: number;
  readonly line: number;
  readonly reel: string;
  readonly video: number;
  readonly videoExplicit: boolean;
  audio: readonly number[];
  readonly code: string;
  readonly kind: TransitionKind;
  readonly frames: number;
  readonly srcIn: number;
  readonly srcOut: number;
  readonly recIn: number;
  readonly recOut: number;
  readonly sourceFcm: 'DROP FRAME' | 'NON-DROP FRAME' | undefined;
  readonly sourceRate: FrameRate;
  m2?: { scalar: Ratio; entry: number };
  name?: string;
  fromName?: string;
  sourceFile?: string;
  path?: string;
  pathComment?: string;
  reelComment?: string;
  forcedTrack?: number;
  effectName?: string;
  comments: string[];
  avx: string[];
  cdl?: EdlCdl;
  locs: { frame: number; label: string; color: MarkerColor; name: string; line: number }[];
}

interface EventGroup {
  readonly number: string;
  readonly edits: Edit[];
}

/** A comment line (without its `*`) and its line number. */
interface EdlComment {
  readonly body: string;
  readonly line: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x || 1;
}

function reduced(num: number, den: number): Ratio {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

function clipText(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Colours as Avid, Premiere and Resolve (`ResolveColorBlue`) spell them. */
const COLOR_ALIASES: Record<string, MarkerColor> = {
  fuchsia: 'magenta',
  rose: 'pink',
  lavender: 'purple',
  sky: 'cyan',
  mint: 'green',
  lemon: 'yellow',
  sand: 'orange',
  cocoa: 'orange',
  cream: 'white',
};

export function markerColorFromEdl(word: string): MarkerColor | undefined {
  const w = word.toLowerCase().replace(/^resolvecolor/, '');
  if ((MARKER_COLORS as readonly string[]).includes(w)) return w as MarkerColor;
  return COLOR_ALIASES[w];
}

function parseTriple(text: string): [number, number, number] | undefined {
  const parts = text.trim().split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length !== 3) return undefined;
  const nums = parts.map(Number);
  if (nums.some((n) => !Number.isFinite(n))) return undefined;
  return [nums[0]!, nums[1]!, nums[2]!];
}

function splitLines(text: string): string[] {
  // A plain string split is several times faster than the regex; lists without CR are the common case.
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

/** The two-digit number at `k` in `label`, or -1 when either character is not a digit. */
function twoDigits(label: string, k: number): number {
  const a = label.charCodeAt(k) - 48;
  const b = label.charCodeAt(k + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The frame count of a label written exactly `HH:MM:SS:FF` or `HH:MM:SS;FF` at `r`, or -1 for
 * any other shape or any label parseTimecode would refuse (fields past 23/59/59, frames at or
 * past the nominal rate, a drop-frame label the count skips), so that parseTimecode reads and
 * explains those. For the labels it accepts it gives the same count as parseTimecode; event
 * lines are nearly all of this shape, and the full parser's Result objects dominated a read.
 */
export function plainLabelFrames(label: string, r: FrameRate): number {
  if (label.length !== 11 || label.charCodeAt(2) !== 58 || label.charCodeAt(5) !== 58) return -1;
  const sep = label.charCodeAt(8);
  // ':' everywhere reads at any rate; ';' before the frames only at a drop-frame rate.
  if (sep !== 58 && !(sep === 59 && r.dropFrame)) return -1;
  const h = twoDigits(label, 0);
  const m = twoDigits(label, 3);
  const s = twoDigits(label, 6);
  const f = twoDigits(label, 9);
  const fps = nominalFps(r);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59 || f < 0 || f >= fps) return -1;
  const nominal = ((h * 60 + m) * 60 + s) * fps + f;
  if (!r.dropFrame) return nominal;
  // Drop-frame (ST 12-1): 2 labels at 29.97, 4 at 59.94, skipped each minute not divisible by ten.
  const drop = Math.round(fps / 15);
  if (s === 0 && m % 10 !== 0 && f < drop) return -1;
  const minutes = h * 60 + m;
  return nominal - drop * (minutes - Math.floor(minutes / 10));
}

/** Largest frame field and whether any `;` label appears, over event and M2 lines (for rate inference). */
function scanFrames(lines: readonly string[]): { maxFrame: number; semicolon: boolean } {
  let maxFrame = -1;
  let semicolon = false;
  for (const raw of lines) {
    const c = raw.charCodeAt(0);
    const isEvent = c >= 48 && c <= 57;
    if (!isEvent && !raw.startsWith('M2')) continue;
    TC_IN_TEXT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TC_IN_TEXT.exec(raw)) !== null) {
      const f = Number(m[2]);
      if (f > maxFrame && f < 1000) maxFrame = f;
      if (raw.includes(';')) semicolon = true;
    }
  }
  return { maxFrame, semicolon };
}

function inferRate(maxFrame: number, dropFrame: boolean): { rate: FrameRate; why: string } {
  const seen = maxFrame < 0 ? 'the list has no timecode' : `the largest frame number in the list is ${maxFrame}`;
  if (dropFrame) {
    return maxFrame >= 30
      ? { rate: { num: 60000, den: 1001, dropFrame: true }, why: `the list is drop-frame and ${seen}` }
      : { rate: { num: 30000, den: 1001, dropFrame: true }, why: `the list is drop-frame and ${seen}` };
  }
  if (maxFrame < 24) return { rate: { num: 24, den: 1, dropFrame: false }, why: `${seen} (24 fps and 23.976 lists look the same; pass the rate if it is 23.976)` };
  if (maxFrame === 24) return { rate: { num: 25, den: 1, dropFrame: false }, why: `${seen}, which only exists at 25 fps and above` };
  if (maxFrame < 30) return { rate: { num: 30000, den: 1001, dropFrame: false }, why: `${seen} (29.97 and 30 lists look the same; pass the rate if it is 30)` };
  if (maxFrame < 50) return { rate: { num: 50, den: 1, dropFrame: false }, why: `${seen}, which needs 50 fps` };
  return { rate: { num: 60000, den: 1001, dropFrame: false }, why: `${seen} (59.94 and 60 lists look the same; pass the rate if it is 60)` };
}

function fcmOf(text: string): 'DROP FRAME' | 'NON-DROP FRAME' | undefined {
  const key = text.toUpperCase().replace(/[^A-Z]/g, '');
  if (key === 'DROPFRAME' || key === 'DF' || key === 'DROP') return 'DROP FRAME';
  if (key === 'NONDROPFRAME' || key === 'NDF' || key === 'NONDROP') return 'NON-DROP FRAME';
  return undefined;
}

const TRANSITION_CODE = /^(C|D|W\d{1,4}|K|KB|KO)$/i;
const WHITESPACE = /\s+/;
const TRAILING_WHITESPACE = /\s+$/;
const DIGITS = /^\d+$/;
const FCM_LINE = /^FCM\s*:?\s*(.*)$/i;
const M2_SPEED = /^([+-]?)(\d+)(?:\.(\d+))?$/;
/** Lines some tools write without the `*` that are still comments. */
const BARE_COMMENT = /^(FROM CLIP NAME|TO CLIP NAME|FROM CLIP|FROM FILE|TO CLIP|TO FILE|SOURCE FILE|EFFECTS? NAME|LOC|ASC_SOP|ASC_SAT|SPLIT|AUDIO|VIDEO|BLEND|SWITCHED)\b/i;
/**
 * The comments the reader interprets (the body is the comment without its `*`), tried in this
 * order. Hoisted so that a list's thousands of comments do not each build new RegExp objects.
 */
const COMMENT = {
  fromClipName: /^FROM CLIP NAME\s*:?\s*(.*)$/i,
  toClipName: /^TO CLIP NAME\s*:?\s*(.*)$/i,
  sourceFile: /^SOURCE FILE\s*:?\s*(.*)$/i,
  mediaPath: /^(FROM CLIP|FROM FILE|TO CLIP|TO FILE)\s*:\s*(.*)$/i,
  loc: /^LOC\s*:?\s*(\S+)\s*(.*)$/i,
  ascSop: /^ASC_SOP\s*:?\s*(.*)$/i,
  ascSat: /^ASC_SAT\s*:?\s*(.*)$/i,
  effectName: /^(?:EFFECTS? NAME IS|EFFECTS? NAME\s*:)\s*(.*)$/i,
  freezeFrame: /^\*?\s*FREEZE FRAME\s*$/i,
  reel: /^REEL\s*:\s*(.+)$/i,
  track: /^TRACK\s*:\s*V(\d{1,2})\s*$/i,
  avx: /^AVX/i,
} as const;
/** The four timecodes of an event line, in order, as findings name them. */
const EVENT_TC_FIELDS = ['source in', 'source out', 'record in', 'record out'] as const;

export function readEdl(text: string, options: ReadEdlOptions = {}): ReadResult<Timeline> {
  const findings: Finding[] = [];
  const file = options.file;
  const at = (line: number, extra: Omit<Where, 'file' | 'line'> = {}): Where => ({ ...(file !== undefined ? { file } : {}), line, ...extra });

  if (text.length > MAX_TEXT_CHARS) {
    findings.push(finding('INPUT_LIMIT_EXCEEDED', { what: 'the EDL', limit: `${MAX_TEXT_CHARS} characters`, actual: `${text.length}` }, { where: at(1) }));
    return { value: undefined, findings };
  }
  let lines = splitLines(text);
  if (lines.length > MAX_LINES) {
    findings.push(finding('INPUT_LIMIT_EXCEEDED', { what: 'the EDL', limit: `${MAX_LINES} lines`, actual: `${lines.length}` }, { where: at(MAX_LINES + 1) }));
    lines = lines.slice(0, MAX_LINES);
  }

  // Pass 1: the header FCM and the rate.
  let headerFcm: 'DROP FRAME' | 'NON-DROP FRAME' | undefined;
  for (const raw of lines) {
    const t = raw.trim();
    if (/^\d+\s/.test(t)) break;
    const m = FCM_LINE.exec(t);
    if (m) headerFcm = fcmOf(m[1]!) ?? headerFcm;
  }
  let listRate: FrameRate;
  if (options.rate) {
    listRate = options.rate;
  } else {
    const scan = scanFrames(lines);
    const inferred = inferRate(scan.maxFrame, headerFcm === 'DROP FRAME' || (headerFcm === undefined && scan.semicolon));
    listRate = inferred.rate;
    findings.push(finding('RATE_INFERRED', { rate: formatFrameRate(listRate), why: inferred.why }, { where: at(1) }));
  }
  const dfCapable = isDropFrameCapable(listRate);
  let listDf = listRate.dropFrame;
  if (headerFcm !== undefined) {
    const wantsDf = headerFcm === 'DROP FRAME';
    if (wantsDf && !dfCapable) {
      findings.push(finding('EDL_FCM_CONFLICT', { detail: `the list says FCM: DROP FRAME but drop-frame does not exist at ${formatFrameRate(listRate)}; read as non-drop` }, { where: at(1) }));
      listDf = false;
    } else if (wantsDf !== listRate.dropFrame && options.rate) {
      findings.push(
        finding('EDL_FCM_CONFLICT', { detail: `the list says FCM: ${headerFcm} but the rate given was ${formatFrameRate(listRate)}; the list's own counting was used` }, { where: at(1) }),
      );
      listDf = wantsDf;
    } else listDf = wantsDf;
  }
  const recordRate: FrameRate = { num: listRate.num, den: listRate.den, dropFrame: listDf && dfCapable };
  const fps = nominalFps(recordRate);
  let sourceFcm: 'DROP FRAME' | 'NON-DROP FRAME' = recordRate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME';
  /** The source counting under each FCM (an `FCM:` line between events switches it); shared by the events that use it. */
  const dropSourceRate: FrameRate = { num: recordRate.num, den: recordRate.den, dropFrame: dfCapable };
  const nonDropSourceRate: FrameRate = { num: recordRate.num, den: recordRate.den, dropFrame: false };
  /** Channel tokens repeat on nearly every line; parsed once per list. */
  const channelsByToken = new Map<string, EdlChannels | undefined>();
  let semicolonWarned = false;

  /**
   * A label to a frame count at `counting`, or the reason it is not a label (a string); a `;`
   * label in a non-drop 29.97/59.94 list reads as drop-frame (reported once).
   */
  const tcFrames = (label: string, counting: FrameRate, line: number): number | string => {
    let r = counting;
    if (!r.dropFrame && dfCapable && /[;.,]/.test(label)) {
      r = { ...r, dropFrame: true };
      if (!semicolonWarned) {
        semicolonWarned = true;
        findings.push(finding('EDL_FCM_CONFLICT', { detail: `${label} is a drop-frame label in a non-drop list; labels written with ';' were read as drop-frame` }, { where: at(line) }));
      }
    }
    const quick = plainLabelFrames(label, r);
    if (quick >= 0) return quick;
    const res = parseTimecode(label, r);
    return res.ok ? res.value : res.error.message;
  };

  // Pass 2: lines into event groups.
  let title: string | undefined;
  const headerComments: string[] = [];
  const remarks: string[] = [];
  const sourceTable: string[] = [];
  let inSourceTable = false;
  const groups: EventGroup[] = [];
  let current: EventGroup | undefined;
  /**
   * The current event's comments, read onto its edits when the next event starts or the list
   * ends (nothing later can add to an event), so they need not be kept for the whole list.
   */
  const currentComments: EdlComment[] = [];
  /** Findings about comments, reported after those about lines, in event order. */
  const commentFindings: Finding[] = [];
  let lastEdit: Edit | undefined;
  let sawEventLine = false;

  const unparseable = (line: number, textLine: string, reason: string) => {
    findings.push(finding('EDL_LINE_UNPARSEABLE', { text: clipText(textLine.trim()), reason }, { where: at(line, { column: textLine.length - textLine.trimStart().length + 1 }) }));
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    const t = raw.trim();
    if (t === '') continue;
    const c0 = t.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      sawEventLine = true;
      inSourceTable = false;
      const edit = parseEventLine(raw, t, lineNo);
      if (!edit) continue;
      if (!current || current.number !== edit.event) {
        if (current) assignComments(current);
        current = { number: edit.event, edits: [] };
        groups.push(current);
      }
      // A transition is numbered like the cut before it; a different number is the classic id mismatch.
      if (edit.kind === 'dissolve' || edit.kind === 'wipe') {
        const prevInGroup = current.edits[current.edits.length - 1];
        if (!prevInGroup && lastEdit && lastEdit.event !== edit.event && lastEdit.kind === 'cut' && lastEdit.recIn === lastEdit.recOut) {
          findings.push(finding('EDL_TRANSITION_ID_MISMATCH', { event: edit.event, outgoing: lastEdit.event }, { where: at(lineNo, { event: edit.event }) }));
        }
      }
      current.edits.push(edit);
      lastEdit = edit;
      continue;
    }
    // `* ...` comments are most of a list's other lines (outside a source table they are never anything else).
    if (c0 === 42 && !inSourceTable) {
      addComment(t.slice(1).trim(), lineNo);
      continue;
    }
    // The keywords below are at most six characters, so only the line's start is upper-cased.
    const upper = t.slice(0, 6).toUpperCase();
    if (upper.startsWith('TITLE:') || upper.startsWith('TITLE ')) {
      title = t.slice(6).trim();
      continue;
    }
    if (upper.startsWith('FCM')) {
      const m = FCM_LINE.exec(t)!;
      const f = fcmOf(m[1]!);
      if (!f) findings.push(finding('EDL_FCM_UNKNOWN', { text: clipText(t) }, { where: at(lineNo) }));
      else if (sawEventLine) {
        if (f === 'DROP FRAME' && !dfCapable) findings.push(finding('EDL_FCM_CONFLICT', { detail: `FCM: DROP FRAME at line ${lineNo} does not exist at ${formatFrameRate(listRate)}; the events after it were read as non-drop` }, { where: at(lineNo) }));
        else sourceFcm = f;
      }
      continue;
    }
    if (upper.startsWith('M2 ') || upper.startsWith('M2\t')) {
      readM2(t, lineNo);
      continue;
    }
    if (upper.startsWith('AUD ') || upper.startsWith('AUD\t') || upper === 'AUD') {
      const chans = parseAudLine(t.slice(3));
      if (!chans) unparseable(lineNo, raw, 'an AUD line names audio channels 1-99, as in "AUD  3    4"');
      else if (!current) unparseable(lineNo, raw, 'an AUD line must follow an event');
      else for (const e of current.edits) e.audio = [...new Set([...e.audio, ...chans])].sort((a, b) => a - b);
      continue;
    }
    if (upper.startsWith('REM')) {
      remarks.push(raw.replace(TRAILING_WHITESPACE, ''));
      continue;
    }
    if (upper.startsWith('>>>')) {
      inSourceTable = true;
      sourceTable.push(raw.replace(TRAILING_WHITESPACE, ''));
      continue;
    }
    if (inSourceTable) {
      sourceTable.push(raw.replace(TRAILING_WHITESPACE, ''));
      continue;
    }
    // The bare `FROM CLIP NAME:` / `EFFECTS NAME IS` lines some tools write are comments too.
    if (!BARE_COMMENT.test(t)) {
      unparseable(lineNo, raw, 'not an event, comment, M2, AUD, FCM or TITLE line');
    }
    addComment(t, lineNo);
  }
  if (current) assignComments(current);
  for (const f of commentFindings) findings.push(f);

  /** A comment (`* X`, `*X` without its star) onto the current event, or the header before any. */
  function addComment(body: string, line: number): void {
    if (current) currentComments.push({ body, line });
    else headerComments.push(body);
  }

  function parseEventLine(raw: string, t: string, lineNo: number): Edit | undefined {
    const tokens = t.split(WHITESPACE);
    const n = tokens.length;
    if (n < 8) {
      unparseable(lineNo, raw, 'an event line needs a number, reel, channel, transition and four timecodes');
      return undefined;
    }
    // The timecodes are tokens[n-4..n-1]; the fields between them and the event number are read
    // from the right with `j`: [duration], transition, channel, then the reel (which may hold spaces).
    for (let k = n - 4; k < n; k++) {
      if (!TC_LIKE.test(tokens[k]!)) {
        unparseable(lineNo, raw, 'the last four fields of an event line must be timecodes');
        return undefined;
      }
    }
    const event = tokens[0]!;
    let j = n - 5;
    let frames = 0;
    let code: string;
    if (DIGITS.test(tokens[j]!) && TRANSITION_CODE.test(tokens[j - 1]!)) {
      frames = Number(tokens[j]!);
      code = tokens[j - 1]!.toUpperCase();
      j -= 2;
    } else {
      code = tokens[j]!.toUpperCase();
      j -= 1;
    }
    if ((code === 'B' || code === 'O') && tokens[j]!.toUpperCase() === 'K') {
      code = `K${code}`;
      j -= 1;
    }
    if (!TRANSITION_CODE.test(code)) {
      unparseable(lineNo, raw, `"${code}" is not a transition (C, D, Wnnn, K, KB or KO)`);
      return undefined;
    }
    const channelToken = j >= 1 ? tokens[j]! : '';
    let channels = channelsByToken.get(channelToken);
    if (channels === undefined && !channelsByToken.has(channelToken)) channelsByToken.set(channelToken, (channels = parseChannels(channelToken)));
    if (!channels || j < 2) {
      unparseable(lineNo, raw, `"${channelToken}" is not a channel (V, A, A2, AA, B, AA/V, NONE, An)`);
      return undefined;
    }
    const reel = tokens.slice(1, j).join(' ');
    const kind: TransitionKind = code === 'C' ? 'cut' : code === 'D' ? 'dissolve' : code.startsWith('W') ? 'wipe' : 'key';
    const srcRate = sourceFcm === 'DROP FRAME' ? dropSourceRate : nonDropSourceRate;
    const values: number[] = [];
    for (let k = 0; k < 4; k++) {
      const label = tokens[n - 4 + k]!;
      const res = tcFrames(label, k < 2 ? srcRate : recordRate, lineNo);
      if (typeof res === 'string') {
        findings.push(
          finding('EDL_EVENT_TIMECODE_INVALID', { event, field: EVENT_TC_FIELDS[k]!, text: label, reason: res }, { where: at(lineNo, { column: raw.lastIndexOf(label) + 1, event }) }),
        );
        return undefined;
      }
      values.push(res);
    }
    const [srcIn, srcOut, recIn, recOut] = values as [number, number, number, number];
    if (recOut < recIn) {
      findings.push(finding('EDL_EVENT_RECORD_REVERSED', { event, recordIn: tokens[n - 2]!, recordOut: tokens[n - 1]! }, { where: at(lineNo, { event }) }));
      return undefined;
    }
    const listSourceFcm = recordRate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME';
    return {
      event,
      eventNumber: Number(event),
      line: lineNo,
      reel,
      video: channels.video,
      videoExplicit: channels.videoExplicit,
      audio: channels.audio,
      code,
      kind,
      frames,
      srcIn,
      srcOut,
      recIn,
      recOut,
      sourceFcm: sourceFcm !== listSourceFcm ? sourceFcm : undefined,
      sourceRate: srcRate,
      comments: [],
      avx: [],
      locs: [],
    };
  }

  function readM2(t: string, lineNo: number): void {
    const tokens = t.split(WHITESPACE).slice(1);
    const bad = (reason: string): void => {
      findings.push(finding('EDL_M2_INVALID', { text: clipText(t), reason }, { where: at(lineNo) }));
    };
    if (tokens.length < 3) return bad('an M2 line is M2 REEL SPEED ENTRY-TIMECODE');
    const entryLabel = tokens[tokens.length - 1]!;
    const speedText = tokens[tokens.length - 2]!;
    const reel = tokens.slice(0, -2).join(' ');
    const sm = M2_SPEED.exec(speedText);
    if (!sm || sm[2]!.length + (sm[3] ?? '').length > MAX_SPEED_DIGITS) return bad(`"${speedText}" is not a speed in frames per second such as 048.0 or -024.0`);
    if (!TC_LIKE.test(entryLabel)) return bad(`"${entryLabel}" is not a timecode`);
    if (!current) return bad('it does not follow an event');
    const edits = current.edits;
    const target = [...edits].reverse().find((e) => e.reel === reel || e.reel.startsWith(reel) || reel.startsWith(e.reel)) ?? edits[edits.length - 1];
    if (!target) return bad('it does not follow an event');
    const frac = sm[3] ?? '';
    const scale = 10 ** frac.length;
    const magnitude = Number(sm[2]!) * scale + (frac === '' ? 0 : Number(frac));
    const signed = sm[1] === '-' ? -magnitude : magnitude;
    // M2 speeds are in frames per second of the list's timecode (24 = normal at 23.976 and 24).
    const scalar = signed === 0 ? { num: 0, den: 1 } : reduced(signed, scale * fps);
    const entry = tcFrames(entryLabel, target.sourceRate, lineNo);
    if (typeof entry === 'string') {
      bad(`entry timecode ${entryLabel}: ${entry}; the source in was used`);
      target.m2 = { scalar, entry: target.srcIn };
      return;
    }
    target.m2 = { scalar, entry };
  }

  /** The comments of the event that just ended onto its edits. */
  function assignComments(g: EventGroup): void {
    const edits = g.edits;
    const tIndex = edits.findIndex((e) => e.kind === 'dissolve' || e.kind === 'wipe');
    const primary = tIndex >= 0 ? edits[tIndex]! : edits[edits.length - 1]!;
    const outgoing = tIndex > 0 ? edits[tIndex - 1] : undefined;
    const sourceFiles: string[] = [];
    for (const { body, line } of currentComments) {
      let m: RegExpExecArray | null;
      if ((m = COMMENT.fromClipName.exec(body))) {
        const name = m[1]!.trim();
        if (tIndex >= 0) {
          primary.fromName = name;
          if (outgoing) outgoing.name = name;
        } else for (const e of edits) e.name = name;
      } else if ((m = COMMENT.toClipName.exec(body))) {
        if (tIndex >= 0) primary.name = m[1]!.trim();
        else primary.comments.push(body);
      } else if ((m = COMMENT.sourceFile.exec(body))) {
        sourceFiles.push(m[1]!.trim());
      } else if ((m = COMMENT.mediaPath.exec(body))) {
        const kind = m[1]!.toUpperCase().replace(/\s+/g, ' ');
        const path = m[2]!.trim();
        const target = kind.startsWith('TO') || !outgoing ? primary : outgoing;
        target.path = path;
        target.pathComment = kind;
      } else if ((m = COMMENT.loc.exec(body))) {
        readLoc(primary, m[1]!, m[2]!, body, line);
      } else if ((m = COMMENT.ascSop.exec(body))) {
        const groupsText = [...m[1]!.matchAll(/\(([^)]*)\)/g)].map((x) => parseTriple(x[1]!));
        if (groupsText.length !== 3 || groupsText.some((x) => x === undefined)) {
          commentFindings.push(finding('EDL_COMMENT_INVALID', { kind: 'ASC_SOP', text: clipText(body), reason: 'it needs (slope R G B)(offset R G B)(power R G B)' }, { where: at(line, { event: g.number }) }));
          primary.comments.push(body);
        } else {
          primary.cdl = { ...primary.cdl, slope: groupsText[0]!, offset: groupsText[1]!, power: groupsText[2]! };
        }
      } else if ((m = COMMENT.ascSat.exec(body))) {
        const v = Number(m[1]!.trim());
        if (m[1]!.trim() === '' || !Number.isFinite(v)) {
          commentFindings.push(finding('EDL_COMMENT_INVALID', { kind: 'ASC_SAT', text: clipText(body), reason: 'it needs one number' }, { where: at(line, { event: g.number }) }));
          primary.comments.push(body);
        } else primary.cdl = { ...primary.cdl, saturation: v };
      } else if ((m = COMMENT.effectName.exec(body))) {
        primary.effectName = m[1]!.trim();
      } else if (COMMENT.freezeFrame.test(body)) {
        // The M2 000.0 line says it; writers add this comment for people.
      } else if ((m = COMMENT.reel.exec(body))) {
        primary.reelComment = m[1]!.trim();
      } else if ((m = COMMENT.track.exec(body))) {
        const n = Number(m[1]);
        if (n >= 1) primary.forcedTrack = n;
      } else if (COMMENT.avx.test(body)) {
        primary.avx.push(body);
      } else {
        primary.comments.push(body);
      }
    }
    if (sourceFiles.length > 0) {
      if (sourceFiles.length === edits.length) edits.forEach((e, k) => (e.sourceFile = sourceFiles[k]));
      else {
        primary.sourceFile = sourceFiles[0];
        for (const extra of sourceFiles.slice(1)) primary.comments.push(`SOURCE FILE: ${extra}`);
      }
    }
    currentComments.length = 0;
  }

  function readLoc(target: Edit, label: string, rest: string, body: string, line: number): void {
    const res = parseTimecode(label, recordRate);
    const alt = res.ok ? res : !recordRate.dropFrame && dfCapable ? parseTimecode(label, { ...recordRate, dropFrame: true }) : res;
    if (!alt.ok) {
      commentFindings.push(finding('EDL_COMMENT_INVALID', { kind: 'LOC', text: clipText(body), reason: alt.error.message }, { where: at(line, { event: target.event }) }));
      target.comments.push(body);
      return;
    }
    const words = rest.trim();
    const first = /^(\S+)\s*(.*)$/.exec(words);
    const color = first ? markerColorFromEdl(first[1]!) : undefined;
    target.locs.push({ frame: alt.value, label, color: color ?? 'red', name: color ? first![2]!.trim() : words, line });
  }

  if (groups.length === 0) {
    if (title === undefined && headerComments.length === 0) {
      findings.push(finding('EDL_NO_EVENTS', {}, { where: at(1) }));
      return { value: undefined, findings };
    }
    findings.push(finding('EDL_NO_EVENTS', {}, { where: at(1) }));
  }

  // Placement: every channel of every edit into a layer of its track.
  interface Placement {
    readonly edit: Edit;
    readonly order: number;
  }
  const byChannel = new Map<string, Placement[]>();
  let order = 0;
  const allEdits: Edit[] = [];
  for (const g of groups) for (const e of g.edits) allEdits.push(e);
  let globalStart = Infinity;
  for (const e of allEdits) {
    const hasLength = e.recOut > e.recIn;
    if (!hasLength) continue;
    globalStart = Math.min(globalStart, e.recIn);
    if (e.kind === 'cut' || e.kind === 'key') {
      const sourceLen = e.srcOut - e.srcIn;
      const generator = isBlack(e.reel);
      if (!e.m2 && !generator && sourceLen !== e.recOut - e.recIn) {
        findings.push(finding('EDL_EVENT_DURATION_MISMATCH', { event: e.event, source: sourceLen, record: e.recOut - e.recIn }, { where: at(e.line, { event: e.event }) }));
      }
    } else if (!e.m2 && !isBlack(e.reel) && e.srcOut - e.srcIn !== e.recOut - e.recIn) {
      findings.push(finding('EDL_EVENT_DURATION_MISMATCH', { event: e.event, source: e.srcOut - e.srcIn, record: e.recOut - e.recIn }, { where: at(e.line, { event: e.event }) }));
    }
    if (e.video > 0) push('V', e);
    for (const a of e.audio) push(`A${a}`, e);
  }
  function push(key: string, e: Edit) {
    let list = byChannel.get(key);
    if (!list) byChannel.set(key, (list = []));
    list.push({ edit: e, order: order++ });
  }
  if (!Number.isFinite(globalStart)) globalStart = 0;

  const videoLayers: Placement[][] = [];
  const audioTracks: { channel: number; layer: number; items: Placement[] }[] = [];
  for (const [key, list] of byChannel) {
    list.sort((a, b) => a.edit.recIn - b.edit.recIn || a.order - b.order);
    const layers: { end: number; items: Placement[] }[] = [];
    for (const p of list) {
      const e = p.edit;
      let target = -1;
      const forced = key === 'V' ? (e.forcedTrack ?? (e.videoExplicit ? e.video : 0)) : 0;
      if (forced > 0) {
        while (layers.length < forced) layers.push({ end: -Infinity, items: [] });
        for (let k = forced - 1; k < layers.length; k++) if (layers[k]!.end <= e.recIn) { target = k; break; }
      } else if (e.kind === 'dissolve' || e.kind === 'wipe') {
        target = layers.findIndex((l) => l.end === e.recIn);
      }
      if (target < 0) target = layers.findIndex((l, k) => l.end <= e.recIn && (forced === 0 || k >= forced - 1));
      if (target < 0) {
        target = layers.length;
        layers.push({ end: -Infinity, items: [] });
        if (target === 0) {
          // The first event of the channel opens its track.
        } else if (key === 'V') findings.push(finding('EDL_EVENT_STACKED', { event: e.event, from: `V${Math.max(1, forced)}`, to: `V${target + 1}` }, { where: at(e.line, { event: e.event }) }));
        else findings.push(finding('EDL_AUDIO_OVERLAP', { event: e.event, channel: key, track: `${key}.${target + 1}` }, { where: at(e.line, { event: e.event }) }));
      }
      const layer = layers[target]!;
      layer.items.push(p);
      layer.end = e.recOut;
    }
    if (key === 'V') layers.forEach((l, k) => (videoLayers[k] = l.items));
    else layers.forEach((l, k) => audioTracks.push({ channel: Number(key.slice(1)), layer: k, items: l.items }));
  }
  audioTracks.sort((a, b) => a.layer - b.layer || a.channel - b.channel);

  const tracks: Track[] = [];
  for (let k = 0; k < videoLayers.length; k++) tracks.push(buildTrack(`V${k + 1}`, 'video', videoLayers[k] ?? [], 0));
  for (const a of audioTracks) tracks.push(buildTrack(a.layer === 0 ? `A${a.channel}` : `A${a.channel}.${a.layer + 1}`, 'audio', a.items, a.channel));

  function buildTrack(name: string, trackKind: 'video' | 'audio', items: readonly Placement[], channel: number): Track {
    const children: TrackItem[] = [];
    let pos = globalStart;
    let prevClip: Clip | undefined;
    for (const { edit: e } of items) {
      if (e.recIn > pos) {
        children.push(makeGap(e.recIn - pos, recordRate));
        prevClip = undefined;
      }
      const duration = e.recOut - e.recIn;
      const isTransition = e.kind === 'dissolve' || e.kind === 'wipe';
      // Locators belong to the event, so they go on one of its clips: the picture, else its first audio channel.
      const c = buildClip(e, duration, channel === 0 || (e.video === 0 && e.audio[0] === channel));
      if (isTransition) {
        let frames = e.frames;
        if (frames > duration) {
          findings.push(finding('EDL_TRANSITION_TOO_LONG', { event: e.event, frames, clipFrames: duration }, { where: at(e.line, { event: e.event }) }));
          frames = duration;
        }
        const fromName = e.fromName ?? prevClip?.name ?? 'BL';
        const typeName = e.kind === 'dissolve' ? 'SMPTE_Dissolve' : 'SMPTE_Wipe';
        const tr: Transition = {
          kind: 'transition',
          name: `${typeName} from ${fromName} to ${c.name}`,
          transitionType: e.kind,
          inOffset: rt(0, recordRate),
          outOffset: rt(frames, recordRate),
          metadata: { edl: { event: e.eventNumber, code: e.code, fromClipName: fromName, ...(e.effectName !== undefined ? { effectName: e.effectName } : {}) } },
        };
        children.push(tr);
      }
      children.push(c);
      prevClip = c;
      pos = e.recOut;
    }
    return makeTrack({ name, trackKind, children });
  }

  function buildClip(e: Edit, duration: number, withMarkers: boolean): Clip {
    const black = isBlack(e.reel);
    const isTransition = e.kind === 'dissolve' || e.kind === 'wipe';
    const name = e.name ?? e.reel;
    const start = e.m2 ? e.m2.entry : e.srcIn;
    const media: MediaReference = black
      ? { kind: 'generator', generatorKind: 'black', name }
      : e.path !== undefined
        ? { kind: 'external', url: e.path, name }
        : { kind: 'missing', name };
    const effects: Effect[] = [];
    if (e.m2) {
      if (e.m2.scalar.num === 0) effects.push({ kind: 'freezeFrame', name: 'Freeze Frame' });
      else if (!(e.m2.scalar.num === 1 && e.m2.scalar.den === 1)) effects.push({ kind: 'linearTimeWarp', name: 'Speed', timeScalar: e.m2.scalar });
    }
    const markers: Marker[] = withMarkers
      ? e.locs.map((l) => {
          const inRecord = l.frame >= e.recIn && l.frame < e.recOut;
          const inSource = !inRecord && l.frame >= e.srcIn && l.frame < Math.max(e.srcOut, e.srcIn + 1);
          const at = inRecord || !inSource ? start + (l.frame - e.recIn) : l.frame;
          return {
            name: l.name,
            color: l.color,
            markedRange: range(at, 1, e.sourceRate),
            metadata: { edl: { base: inRecord || !inSource ? 'record' : 'source' } },
          };
        })
      : [];
    // Keys are added one by one in this order (a literal of conditional spreads made a throwaway object per key).
    const meta: { -readonly [K in keyof EdlClipMetadata]: EdlClipMetadata[K] } = { event: e.eventNumber };
    if (e.comments.length) meta.comments = e.comments;
    if (e.cdl) meta.cdl = e.cdl;
    if (!isTransition && e.effectName !== undefined) meta.effectName = e.effectName;
    if (e.avx.length) meta.avx = e.avx;
    if (e.sourceFcm) meta.sourceFcm = e.sourceFcm;
    if (e.m2 && e.m2.entry !== e.srcIn) meta.sourceIn = e.srcIn;
    if (e.m2) meta.sourceOut = e.srcOut;
    if (e.pathComment !== undefined) meta.pathComment = e.pathComment;
    if (e.kind === 'key') meta.key = { code: e.code, frames: e.frames };
    // makeClip leaves out a reel or source file that is undefined.
    return makeClip({
      name,
      sourceRange: range(start, duration, e.sourceRate),
      media,
      reel: e.reelComment ?? (black || e.reel.toUpperCase() === 'AX' ? undefined : e.reel),
      sourceFile: e.sourceFile,
      markers,
      effects,
      metadata: { edl: meta },
    });
  }

  const timelineMeta: Record<string, unknown> = {};
  if (title !== undefined) timelineMeta['title'] = title;
  if (headerComments.length) timelineMeta['comments'] = headerComments;
  if (remarks.length) timelineMeta['remarks'] = remarks;
  if (sourceTable.length) timelineMeta['sourceTable'] = sourceTable;

  const value: Timeline = {
    kind: 'timeline',
    name: title ?? options.name ?? '',
    rate: recordRate,
    globalStart: rt(globalStart, recordRate),
    tracks,
    markers: [],
    metadata: { edl: timelineMeta },
  };
  return { value, findings };
}

function isBlack(reel: string): boolean {
  // Most reels are longer than any name for black, and upper-casing never shortens a string.
  if (reel.length > 5) return false;
  const r = reel.toUpperCase();
  return r === 'BL' || r === 'BLACK' || r === 'BLK';
}
