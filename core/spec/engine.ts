import { finding, type Finding, type Severity } from '../findings/index.ts';
import { formatRate, formatTimecode, parseFrameRate, parseTimecode, ratesEqual, type FrameRate, type Rate } from '../time/index.ts';
import type { MediaInfo } from './media.ts';
import {
  specConfidenceAt,
  type DeliveryProfile,
  type SpecConfidence,
  type SpecCustomNode,
  type SpecDuration,
  type SpecField,
  type SpecLoudnessEntry,
} from './profile.ts';
import type { QcMeasurement } from './qc.ts';

/**
 * The rule engine. A profile compiles into a tree of `all`/`any` groups of rules; each rule
 * names one fact (`video.rate`), states what it requests, and tests the fact. Evaluating the
 * tree against a subject's facts reports, for every rule, requested vs actual, the outcome
 * and the severity. Findings come from the tree: a failed rule under `all` groups is one
 * finding; a failed `any` group is one finding listing its alternatives.
 */

/** One fact about the subject: a value with its display text, or why it is absent. */
export type SpecFact =
  | { readonly state: 'value'; readonly value: unknown; readonly text: string }
  | { readonly state: 'not-stated'; readonly text: string }
  | { readonly state: 'not-measured'; readonly text: string };

/** Facts by field. A field the subject has no notion of (audio for a timeline) is absent: its rules do not apply. */
export type SpecFacts = Readonly<Partial<Record<SpecFactField, SpecFact>>>;
export type SpecFactField =
  | SpecField
  | 'av.durationDifference'
  | 'structure.headBlack'
  | 'structure.tailBlack'
  | 'captions.sidecars'
  | 'sidecars'
  | 'structure.leader'
  | 'naming.convention'
  | 'captions.rules'
  | 'audio.layoutOrder'
  | 'video.raster'
  | 'loudness.dialogueGated';

export type SpecOutcome = 'pass' | 'fail' | 'not-stated' | 'not-measured';

export interface SpecRuleResult {
  readonly id: string;
  /** The rule as a question ("Is the frame rate 24000/1001?"). */
  readonly name: string;
  /** JSON Pointer into the profile, for provenance. */
  readonly pointer: string;
  readonly requested: string;
  readonly actual: string;
  readonly outcome: SpecOutcome;
  readonly severity: Severity;
  readonly confidence?: SpecConfidence;
  readonly source?: string;
  /** Nesting depth in the rule tree (0 = top) and, for groups, which kind. */
  readonly depth: number;
  readonly group?: 'all' | 'any';
}

export interface SpecEvaluation {
  readonly profileId: string;
  readonly subject: string;
  readonly results: readonly SpecRuleResult[];
  readonly findings: readonly Finding[];
  /** True when no error-severity rule failed. */
  readonly passed: boolean;
}

interface RuleNode {
  readonly kind: 'rule';
  readonly id: string;
  readonly name: string;
  readonly pointer: string;
  readonly field: SpecFactField;
  readonly requested: string;
  readonly test: (value: unknown) => boolean;
  readonly severity?: Severity;
}
interface GroupNode {
  readonly kind: 'all' | 'any';
  readonly id: string;
  readonly name: string;
  readonly pointer: string;
  readonly children: readonly SpecNode[];
}
type SpecNode = RuleNode | GroupNode;

// ---------------------------------------------------------------------------------------
// Exact helpers

/** A non-negative decimal number as an exact fraction n/d (0.5 -> 1/2 as 5/10). */
function decimalFraction(x: number): { n: bigint; d: bigint } {
  const text = Number.isInteger(x) ? String(x) : x.toFixed(9).replace(/0+$/, '');
  const [whole, frac = ''] = text.split('.') as [string, string?];
  return { n: BigInt(whole + frac), d: 10n ** BigInt(frac.length) };
}

/** Compares `frames` at `rate` with a spec duration: negative, zero or positive. */
function compareDuration(frames: number, rate: Rate, d: SpecDuration): number {
  if ('frames' in d) return Math.sign(frames - d.frames);
  const s = decimalFraction(d.seconds);
  const lhs = BigInt(frames) * BigInt(rate.den) * s.d;
  const rhs = s.n * BigInt(rate.num);
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

function durationText(d: SpecDuration): string {
  return 'frames' in d ? `${d.frames} frames` : `${d.seconds} s`;
}

/** A frame count shown with its exact duration in seconds to the millisecond. */
function framesText(frames: number, rate: Rate): string {
  const ms = Math.round((frames * rate.den * 1000) / rate.num);
  return `${frames} frames at ${rateText(rate)} (${(ms / 1000).toFixed(3)} s)`;
}

/** An exact rate as a fraction with its common name: `24000/1001 (23.976)`, `25/1`. */
function rateText(r: Rate): string {
  const name = formatRate(r);
  return name.includes('/') || r.den === 1 ? `${r.num}/${r.den}` : `${r.num}/${r.den} (${name})`;
}

/** Display aspect ratio match: "16:9" exactly; "1.85" to two decimals. */
function darMatches(dar: Rate, wanted: string): boolean {
  const m = /^(\d+):(\d+)$/.exec(wanted);
  if (m) return dar.num * Number(m[2]) === dar.den * Number(m[1]);
  return Math.round((dar.num / dar.den) * 100) === Math.round(Number(wanted) * 100);
}

/** ffprobe's codec profile names in our spelling (see SPEC_VIDEO_PROFILES). */
export function specVideoProfileOf(codec: string, profile: string | undefined): string | undefined {
  if (profile === undefined) return undefined;
  const p = profile.toLowerCase();
  if (codec === 'prores') {
    const map: Record<string, string> = { proxy: '422proxy', lt: '422lt', standard: '422', hq: '422hq', '4444': '4444', xq: '4444xq', '4444xq': '4444xq' };
    return map[p.replace(/\s+/g, '')];
  }
  if (codec === 'dnxhd') return p.startsWith('dnxhr') ? p.replace(/\s+/g, '-') : 'dnxhd';
  if (codec === 'vp9') return p.replace(/\s+/g, '-');
  return p.replace(/[\s:]+/g, '').replace(/^constrainedbaseline$/, 'constrained-baseline').replace(/^mainstillpicture$/, 'main-still-picture');
}

/** Container names as profiles spell them (`matroska,webm` -> matroska). */
function containerOf(m: MediaInfo): string {
  if (m.container === 'mpegts') return 'mpegts';
  if (m.containerNames.startsWith('matroska')) return m.path.toLowerCase().endsWith('.webm') ? 'webm' : 'matroska';
  return m.container;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

// ---------------------------------------------------------------------------------------
// Facts

const value = (v: unknown, text: string): SpecFact => ({ state: 'value', value: v, text });
const notStated = (text: string): SpecFact => ({ state: 'not-stated', text });
const notMeasured = (text: string): SpecFact => ({ state: 'not-measured', text });

export interface SpecMediaContext {
  /** Content-QC measurements of this file (loudness and structure rules need them). */
  readonly qc?: QcMeasurement;
  /** Names of the files beside it (for sidecars, captions and checksum files). */
  readonly siblings?: readonly string[];
}

/** The facts of a probed file (plus QC and neighbours when given). */
export function specFactsOfMedia(m: MediaInfo, ctx: SpecMediaContext = {}): SpecFacts {
  const facts: Partial<Record<SpecFactField, SpecFact>> = {};
  const v = m.video[0];
  const name = baseName(m.path);
  facts['container.format'] = value(containerOf(m), containerOf(m));
  facts['file.size'] = value(m.sizeBytes, `${m.sizeBytes} bytes`);
  facts['file.name'] = value(name, name);
  facts.duration = m.durationFrames !== undefined && m.durationRate ? value({ frames: m.durationFrames, rate: m.durationRate }, framesText(m.durationFrames, m.durationRate)) : notStated('no duration');
  if (v) {
    const prof = specVideoProfileOf(v.codec, v.profile);
    facts['video.codec'] = value({ codec: v.codec, profile: prof, fourcc: v.codecTag }, `${v.codec}${v.profile ? ` ${v.profile}` : ''}${v.codecTag ? ` (${v.codecTag})` : ''}`);
    facts['video.profile'] = prof ? value(prof, prof) : notStated('no codec profile');
    facts['video.fourcc'] = v.codecTag ? value(v.codecTag, v.codecTag) : notStated('no fourcc');
    facts['video.width'] = value(v.width, String(v.width));
    facts['video.height'] = value(v.height, String(v.height));
    facts['video.raster'] = value({ width: v.width, height: v.height }, `${v.width}x${v.height}`);
    facts['video.dar'] = v.displayAspectRatio ? value(v.displayAspectRatio, `${v.displayAspectRatio.num}:${v.displayAspectRatio.den}`) : notStated('no display aspect ratio');
    facts['video.rate'] = v.frameRate ? value(v.frameRate, rateText(v.frameRate)) : notStated('no frame rate');
    const vfr = v.frameRate !== undefined && v.averageFrameRate !== undefined && !ratesEqual(v.frameRate, v.averageFrameRate);
    facts['video.vfr'] = value(vfr, vfr ? `variable (average ${rateText(v.averageFrameRate!)})` : 'constant');
    facts['video.scan'] = v.scan ? value(v.scan, v.scan) : notStated('no scan type');
    facts['video.fieldOrder'] = v.fieldOrder ? value(v.fieldOrder, v.fieldOrder) : notStated('no field order');
    facts['video.bitDepth'] = v.bitDepth !== undefined ? value(v.bitDepth, `${v.bitDepth}-bit`) : notStated('no bit depth');
    facts['video.chroma'] = v.chroma ? value(v.chroma, `${v.chroma} (${v.pixelFormat ?? '?'})`) : notStated('no chroma subsampling');
    facts['video.primaries'] = v.colourPrimaries ? value(v.colourPrimaries, v.colourPrimaries) : notStated('no colour primaries tag');
    facts['video.transfer'] = v.colourTransfer ? value(v.colourTransfer, v.colourTransfer) : notStated('no transfer characteristics tag');
    facts['video.matrix'] = v.colourMatrix ? value(v.colourMatrix, v.colourMatrix) : notStated('no matrix coefficients tag');
    facts['video.range'] = v.colourRange ? value(v.colourRange, v.colourRange) : notStated('no colour range flag');
    facts['captions.embedded'] = value(
      Boolean(v.closedCaptions) || m.otherStreams.some((s) => s.kind === 'subtitle'),
      v.closedCaptions ? 'CEA-608/708 in the video' : m.otherStreams.some((s) => s.kind === 'subtitle') ? 'subtitle stream' : 'none',
    );
  } else {
    for (const f of ['video.codec', 'video.profile', 'video.fourcc', 'video.width', 'video.height', 'video.raster', 'video.dar', 'video.rate', 'video.vfr', 'video.scan', 'video.fieldOrder', 'video.bitDepth', 'video.chroma', 'video.primaries', 'video.transfer', 'video.matrix', 'video.range'] as const) {
      facts[f] = notStated('no video stream');
    }
    facts['captions.embedded'] = value(m.otherStreams.some((s) => s.kind === 'subtitle'), m.otherStreams.some((s) => s.kind === 'subtitle') ? 'subtitle stream' : 'none');
  }
  const a = m.audio;
  const codecs = a.map((s) => (s.codec.startsWith('pcm_') ? 'pcm' : s.codec === 's302m' ? 'dolby-e' : s.codec));
  facts['audio.streams'] = value(a.length, `${a.length} audio stream${a.length === 1 ? '' : 's'}`);
  facts['audio.codec'] = a.length ? value(codecs, a.map((s) => s.codec).join(', ')) : notStated('no audio stream');
  facts['audio.sampleRate'] = a.length ? value(a.map((s) => s.sampleRate), a.map((s) => `${s.sampleRate} Hz`).join(', ')) : notStated('no audio stream');
  const depths = a.map((s) => s.bitDepth);
  facts['audio.bitDepth'] = a.length && depths.every((d) => d !== undefined) ? value(depths, depths.map((d) => `${d}-bit`).join(', ')) : notStated(a.length ? 'no bit depth (compressed audio)' : 'no audio stream');
  const total = a.reduce((n, s) => n + s.channels, 0);
  facts['audio.channels'] = value(total, `${total} (${a.map((s) => `${s.channels}${s.layout ? ` ${s.layout}` : ''}`).join(' + ') || 'no audio'})`);
  facts['audio.channelsPerStream'] = a.length ? value(a.map((s) => s.channels), a.map((s) => s.channels).join(', ')) : notStated('no audio stream');
  facts['audio.layoutOrder'] = notMeasured('channel order is not stated in the file; check the mix sheet');
  const videoFrames = v?.durationFrames;
  const audioSamples = a[0]?.durationSamples;
  if (v?.frameRate && videoFrames !== undefined && a[0] && audioSamples !== undefined) {
    const rn = BigInt(v.frameRate.num);
    const rd = BigInt(v.frameRate.den);
    const sr = BigInt(a[0].sampleRate);
    const num = BigInt(videoFrames) * rd * sr - BigInt(audioSamples) * rn;
    const diff = { num: num < 0n ? -num : num, den: rn * sr, rate: v.frameRate };
    facts['av.durationDifference'] = value(diff, `${(Number((diff.num * 1000000n) / diff.den) / 1000).toFixed(3)} ms`);
  } else if (v && a.length) {
    facts['av.durationDifference'] = notStated('stream durations');
  }
  const tc = m.startTimecode;
  facts['timecode.start'] = tc ? value(tc, tc.text) : notStated(m.startTimecodeText ? `a usable start timecode (${m.startTimecodeText} without a rate)` : 'a start timecode');
  facts['timecode.dropFrame'] = tc ? value(tc.rate.dropFrame, tc.rate.dropFrame ? 'drop-frame' : 'non-drop') : notStated('a start timecode');
  const qc = ctx.qc;
  const missingQc = 'run with --qc';
  if (qc?.loudness) {
    const l = qc.loudness;
    facts['loudness.integrated'] = value(l.integrated, `${l.integrated.toFixed(1)} LUFS`);
    facts['loudness.truePeak'] = value(l.truePeak, `${l.truePeak.toFixed(1)} dBTP`);
    facts['loudness.lra'] = value(l.lra, `${l.lra.toFixed(1)} LU`);
    facts['loudness.shortTermMax'] = value(l.shortTermMax, `${l.shortTermMax.toFixed(1)} LUFS`);
    facts['loudness.momentaryMax'] = value(l.momentaryMax, `${l.momentaryMax.toFixed(1)} LUFS`);
    facts['loudness.dialogueGated'] = notMeasured(`dialogue gating needs an external meter (Dolby Dialogue Intelligence); programme loudness is ${l.integrated.toFixed(1)} LUFS`);
  } else {
    const why = qc ? 'no audio measured' : missingQc;
    for (const f of ['loudness.integrated', 'loudness.truePeak', 'loudness.lra', 'loudness.shortTermMax', 'loudness.momentaryMax', 'loudness.dialogueGated'] as const) facts[f] = notMeasured(why);
  }
  if (qc) {
    const black = qc.events.filter((e) => e.kind === 'black');
    const head = black.find((e) => e.start === 0);
    const tail = black.find((e) => e.end >= qc.durationFrames);
    facts['structure.headBlack'] = value({ frames: head ? head.end - head.start : 0, rate: qc.rate }, head ? framesText(head.end - head.start, qc.rate) : 'none');
    facts['structure.tailBlack'] = value({ frames: tail ? tail.end - tail.start : 0, rate: qc.rate }, tail ? framesText(tail.end - tail.start, qc.rate) : 'none');
  } else {
    facts['structure.headBlack'] = notMeasured(missingQc);
    facts['structure.tailBlack'] = notMeasured(missingQc);
  }
  facts['structure.leader'] = notMeasured('bars, tone and slate are not detected automatically; check the head');
  facts['naming.convention'] = notMeasured('checked by the naming module');
  facts['captions.rules'] = notMeasured('checked by the captions module on the caption file');
  if (ctx.siblings) {
    const stem = name.replace(/\.[^.]+$/, '');
    const related = ctx.siblings.filter((s) => s !== name && (s.startsWith(`${stem}.`) || s.startsWith(`${name}.`)));
    facts.sidecars = value(related, related.join(', ') || 'none');
    facts['captions.sidecars'] = value(related, related.join(', ') || 'none');
  } else {
    facts.sidecars = notMeasured('neighbouring files not listed');
    facts['captions.sidecars'] = notMeasured('neighbouring files not listed');
  }
  return facts;
}

/** Sequence settings as a host or an interchange file states them. */
export interface SpecTimelineSettings {
  readonly name: string;
  readonly rate: FrameRate;
  readonly width?: number;
  readonly height?: number;
  /** Start timecode as a frame count at `rate`. */
  readonly startFrames?: number;
  readonly durationFrames?: number;
}

/** The facts of a sequence before anything is rendered: rate, raster, start timecode, duration. */
export function specFactsOfTimeline(t: SpecTimelineSettings): SpecFacts {
  const facts: Partial<Record<SpecFactField, SpecFact>> = {};
  facts['video.rate'] = value(t.rate, rateText(t.rate));
  facts['timecode.dropFrame'] = value(t.rate.dropFrame, t.rate.dropFrame ? 'drop-frame' : 'non-drop');
  if (t.width !== undefined) facts['video.width'] = value(t.width, String(t.width));
  if (t.height !== undefined) facts['video.height'] = value(t.height, String(t.height));
  if (t.width !== undefined && t.height !== undefined) facts['video.raster'] = value({ width: t.width, height: t.height }, `${t.width}x${t.height}`);
  if (t.startFrames !== undefined) {
    const label = formatTimecode(t.startFrames, t.rate, { wrap24h: true });
    const text = label.ok ? label.value : `frame ${t.startFrames}`;
    facts['timecode.start'] = value({ frames: t.startFrames, rate: t.rate, text }, text);
  }
  if (t.durationFrames !== undefined) facts.duration = value({ frames: t.durationFrames, rate: t.rate }, framesText(t.durationFrames, t.rate));
  return facts;
}

// ---------------------------------------------------------------------------------------
// Compiling a profile into rules

function rule(id: string, name: string, pointer: string, field: SpecFactField, requested: string, test: (v: unknown) => boolean, severity?: Severity): RuleNode {
  return { kind: 'rule', id, name, pointer, field, requested, test, ...(severity ? { severity } : {}) };
}

function oneOf<T>(list: readonly T[]): (v: unknown) => boolean {
  return (v) => (Array.isArray(v) ? v.length > 0 && v.every((x) => list.includes(x as T)) : list.includes(v as T));
}

const or = (xs: readonly (string | number)[]) => xs.join(' or ');

function loudnessEntryNode(e: SpecLoudnessEntry, i: number): GroupNode {
  const p = `/loudness/entries/${i}`;
  const children: RuleNode[] = [];
  const lo = e.target - e.tolerance.minus;
  const hi = e.target + e.tolerance.plus;
  const tolText = e.tolerance.minus === e.tolerance.plus ? `±${e.tolerance.plus}` : `-${e.tolerance.minus}/+${e.tolerance.plus}`;
  if (e.method === 'dialogue-gated') {
    // No open implementation of dialogue gating exists (loudness-qc.md §1.5): the
    // integrated rule can only be judged from an external meter's report.
    children.push(rule(`loudness.${e.id}.integrated`, `Is dialogue-gated loudness ${e.target} LKFS ${tolText} LU (${e.standard})?`, `${p}/target`, 'loudness.dialogueGated', `${e.target} LKFS ${tolText} LU dialogue-gated`, () => false));
  } else {
    // Compared at the 0.1 LU resolution meters display (ffmpeg prints one decimal).
    const r1 = (x: number) => Math.round(x * 10) / 10;
    children.push(rule(`loudness.${e.id}.integrated`, `Is integrated loudness ${e.target} LUFS ${tolText} LU (${e.standard})?`, `${p}/target`, 'loudness.integrated', `${lo} to ${hi} LUFS`, (v) => r1(v as number) >= lo && r1(v as number) <= hi));
  }
  if (e.truePeakMax !== undefined) {
    const max = e.truePeakMax;
    children.push(rule(`loudness.${e.id}.truePeak`, `Is the true peak at most ${max} dBTP?`, `${p}/truePeakMax`, 'loudness.truePeak', `≤ ${max} dBTP`, (v) => Math.round((v as number) * 10) / 10 <= max));
  }
  if (e.lraMax !== undefined) {
    const max = e.lraMax;
    children.push(rule(`loudness.${e.id}.lra`, `Is the loudness range at most ${max} LU?`, `${p}/lraMax`, 'loudness.lra', `≤ ${max} LU`, (v) => (v as number) <= max));
  }
  if (e.shortTermMax !== undefined) {
    const max = e.shortTermMax;
    children.push(rule(`loudness.${e.id}.shortTermMax`, `Is the short-term loudness at most ${max} LUFS?`, `${p}/shortTermMax`, 'loudness.shortTermMax', `≤ ${max} LUFS`, (v) => Math.round((v as number) * 10) / 10 <= max));
  }
  if (e.momentaryMax !== undefined) {
    const max = e.momentaryMax;
    children.push(rule(`loudness.${e.id}.momentaryMax`, `Is the momentary loudness at most ${max} LUFS?`, `${p}/momentaryMax`, 'loudness.momentaryMax', `≤ ${max} LUFS`, (v) => Math.round((v as number) * 10) / 10 <= max));
  }
  return { kind: 'all', id: `loudness.${e.id}`, name: `Loudness method "${e.id}" (${e.method}, ${e.standard})`, pointer: p, children };
}

function durationRule(id: string, name: string, pointer: string, field: SpecFactField, limit: SpecDuration, cmp: 'max' | 'min'): RuleNode {
  return rule(id, name, pointer, field, `${cmp === 'max' ? '≤' : '≥'} ${durationText(limit)}`, (v) => {
    const d = v as { frames: number; rate: Rate };
    const c = compareDuration(d.frames, d.rate, limit);
    return cmp === 'max' ? c <= 0 : c >= 0;
  });
}

/** Extensions a caption format is delivered with. */
const CAPTION_EXTENSIONS: Record<string, readonly string[]> = {
  scc: ['.scc'], srt: ['.srt'], webvtt: ['.vtt'], ttml: ['.ttml', '.xml'], dfxp: ['.dfxp', '.xml'], imsc1: ['.ttml', '.xml'], 'imsc1.1': ['.ttml', '.xml'],
  'smpte-tt': ['.xml'], itt: ['.itt'], 'ebu-stl': ['.stl'], 'ebu-tt-d': ['.xml', '.ebuttd'], mcc: ['.mcc'],
};

function customNode(n: SpecCustomNode, pointer: string, i: number): SpecNode {
  if ('all' in n) return { kind: 'all', id: `rules${pointer}`, name: 'All of', pointer, children: n.all.map((c, j) => customNode(c, `${pointer}/all/${j}`, j)) };
  if ('any' in n) return { kind: 'any', id: `rules${pointer}`, name: 'Any of', pointer, children: n.any.map((c, j) => customNode(c, `${pointer}/any/${j}`, j)) };
  const values = Array.isArray(n.value) ? n.value : [n.value];
  // Rates compare exactly: both sides become "num/den" (a custom rule writes "24000/1001" or "23.976").
  const norm = (x: unknown): unknown => {
    if (x !== null && typeof x === 'object' && 'num' in x && 'den' in x) return `${(x as Rate).num}/${(x as Rate).den}`;
    if (n.field === 'video.rate' && typeof x === 'string') {
      const r = parseFrameRate(x);
      return r.ok ? `${r.value.num}/${r.value.den}` : x;
    }
    return x;
  };
  const wanted = values.map(norm);
  const test = (v: unknown): boolean => {
    const list = (Array.isArray(v) ? v : [v]).map(norm);
    switch (n.op) {
      case 'eq':
        return list.every((y) => y === wanted[0]);
      case 'in':
        return list.every((y) => wanted.includes(y));
      case 'min':
        return list.every((y) => typeof y === 'number' && y >= Number(wanted[0]));
      case 'max':
        return list.every((y) => typeof y === 'number' && y <= Number(wanted[0]));
    }
  };
  const requested = n.op === 'in' ? `one of ${values.join(', ')}` : n.op === 'eq' ? String(values[0]) : `${n.op === 'min' ? '≥' : '≤'} ${values[0]}`;
  return rule(`rules${pointer}#${i}`, n.name, pointer, n.field, requested, test, n.severity);
}

/** The profile as a rule tree (a top-level `all`). */
export function specRuleTree(p: DeliveryProfile): GroupNode {
  const top: SpecNode[] = [];
  const c = p.container;
  if (c?.format) top.push(rule('container.format', `Is the container ${or(c.format)}?`, '/container/format', 'container.format', or(c.format), oneOf(c.format)));
  if (c?.maxFileBytes !== undefined) {
    const max = c.maxFileBytes;
    top.push(rule('container.maxFileBytes', `Is the file at most ${max} bytes?`, '/container/maxFileBytes', 'file.size', `≤ ${max} bytes`, (v) => (v as number) <= max));
  }
  if (p.duration?.min) top.push(durationRule('duration.min', `Is the programme at least ${durationText(p.duration.min)}?`, '/duration/min', 'duration', p.duration.min, 'min'));
  if (p.duration?.max) top.push(durationRule('duration.max', `Is the programme at most ${durationText(p.duration.max)}?`, '/duration/max', 'duration', p.duration.max, 'max'));
  const v = p.video;
  if (v?.codec) {
    const codecs = v.codec;
    const text = codecs.map((k) => `${k.name}${k.profile ? ` ${k.profile.join('/')}` : ''}${k.fourcc ? ` (${k.fourcc.join('/')})` : ''}`).join(' or ');
    top.push(
      rule('video.codec', `Is the video codec ${text}?`, '/video/codec', 'video.codec', text, (x) => {
        const f = x as { codec: string; profile?: string; fourcc?: string };
        return codecs.some((k) => k.name === f.codec && (!k.profile || (f.profile !== undefined && k.profile.includes(f.profile))) && (!k.fourcc || (f.fourcc !== undefined && k.fourcc.includes(f.fourcc))));
      }),
    );
  }
  if (v?.raster) {
    const rasters = v.raster;
    const text = rasters
      .map((r) => r.name ?? (r.width !== undefined && r.height !== undefined ? `${r.width}x${r.height}` : `${r.minWidth ?? 0}x${r.minHeight ?? 0} to ${r.maxWidth ?? '∞'}x${r.maxHeight ?? '∞'}`))
      .join(' or ');
    top.push(
      rule('video.raster', `Is the raster ${text}?`, '/video/raster', 'video.raster', text, (x) => {
        const { width: W, height: H } = x as { width: number; height: number };
        return rasters.some(
          (r) =>
            (r.width === undefined || r.width === W) &&
            (r.height === undefined || r.height === H) &&
            (r.minWidth === undefined || W >= r.minWidth) &&
            (r.minHeight === undefined || H >= r.minHeight) &&
            (r.maxWidth === undefined || W <= r.maxWidth) &&
            (r.maxHeight === undefined || H <= r.maxHeight),
        );
      }),
    );
  }
  if (v?.dar) {
    const dars = v.dar;
    top.push(rule('video.dar', `Is the display aspect ratio ${or(dars)}?`, '/video/dar', 'video.dar', or(dars), (x) => dars.some((d) => darMatches(x as Rate, d))));
  }
  if (v?.frameRate?.allowed) {
    const rates = v.frameRate.allowed.map((t) => parseFrameRate(t)).flatMap((r) => (r.ok ? [r.value] : []));
    const text = or(rates.map((r) => rateText(r)));
    top.push(rule('video.frameRate', `Is the frame rate ${text}?`, '/video/frameRate/allowed', 'video.rate', text, (x) => rates.some((r) => ratesEqual(r, x as Rate))));
  }
  if (v?.frameRate?.vfr === false) top.push(rule('video.vfr', 'Is the frame rate constant?', '/video/frameRate/vfr', 'video.vfr', 'constant', (x) => x === false));
  if (v?.scan) top.push(rule('video.scan', `Is the scan ${or(v.scan)}?`, '/video/scan', 'video.scan', or(v.scan), oneOf(v.scan)));
  if (v?.fieldOrder) top.push(rule('video.fieldOrder', `Is the field order ${or(v.fieldOrder)}?`, '/video/fieldOrder', 'video.fieldOrder', or(v.fieldOrder), oneOf(v.fieldOrder)));
  if (v?.bitDepth) top.push(rule('video.bitDepth', `Is the video ${or(v.bitDepth)}-bit?`, '/video/bitDepth', 'video.bitDepth', `${or(v.bitDepth)}-bit`, oneOf(v.bitDepth)));
  if (v?.chroma) top.push(rule('video.chroma', `Is the chroma subsampling ${or(v.chroma)}?`, '/video/chroma', 'video.chroma', or(v.chroma), oneOf(v.chroma)));
  const col = v?.colour;
  if (col?.primaries) top.push(rule('video.colour.primaries', `Are the colour primaries tagged ${or(col.primaries)}?`, '/video/colour/primaries', 'video.primaries', or(col.primaries), oneOf(col.primaries)));
  if (col?.transfer) top.push(rule('video.colour.transfer', `Is the transfer tagged ${or(col.transfer)}?`, '/video/colour/transfer', 'video.transfer', or(col.transfer), oneOf(col.transfer)));
  if (col?.matrix) top.push(rule('video.colour.matrix', `Is the matrix tagged ${or(col.matrix)}?`, '/video/colour/matrix', 'video.matrix', or(col.matrix), oneOf(col.matrix)));
  if (col?.range) top.push(rule('video.colour.range', `Is the range ${col.range}?`, '/video/colour/range', 'video.range', col.range, (x) => x === col.range));
  const a = p.audio;
  if (a?.codec) top.push(rule('audio.codec', `Is every audio stream ${or(a.codec)}?`, '/audio/codec', 'audio.codec', or(a.codec), oneOf(a.codec)));
  if (a?.sampleRate) top.push(rule('audio.sampleRate', `Is every audio stream at ${or(a.sampleRate)} Hz?`, '/audio/sampleRate', 'audio.sampleRate', `${or(a.sampleRate)} Hz`, oneOf(a.sampleRate)));
  if (a?.bitDepth) top.push(rule('audio.bitDepth', `Is every audio stream ${or(a.bitDepth)}-bit?`, '/audio/bitDepth', 'audio.bitDepth', `${or(a.bitDepth)}-bit`, oneOf(a.bitDepth)));
  if (a?.channels || a?.layouts) {
    const counts = [...new Set([...(a.channels ?? []), ...(a.layouts ?? []).map((l) => l.channels)])];
    const pointer = a.layouts ? '/audio/layouts' : '/audio/channels';
    const text = a.layouts ? a.layouts.map((l) => `${l.channels} (${l.name}${l.order ? `: ${l.order.join(' ')}` : ''})`).join(' or ') : or(counts);
    top.push(rule('audio.channels', `Is the total channel count ${or(counts)}?`, pointer, 'audio.channels', text, oneOf(counts)));
  }
  if (a?.layouts?.some((l) => l.order)) {
    top.push(rule('audio.layoutOrder', 'Are the channels in the required order?', '/audio/layouts', 'audio.layoutOrder', a.layouts.map((l) => l.order?.join(' ') ?? l.name).join(' or '), () => false));
  }
  if (a?.channelsPerStream !== undefined) {
    const n = a.channelsPerStream;
    top.push(rule('audio.channelsPerStream', `Does every audio stream carry ${n} channel${n === 1 ? '' : 's'}?`, '/audio/channelsPerStream', 'audio.channelsPerStream', String(n), oneOf([n])));
  }
  if (a?.avDurationTolerance) {
    const tol = a.avDurationTolerance;
    top.push(
      rule('audio.avDuration', `Do audio and video durations differ by at most ${durationText(tol)}?`, '/audio/avDurationTolerance', 'av.durationDifference', `≤ ${durationText(tol)}`, (x) => {
        const d = x as { num: bigint; den: bigint; rate: Rate };
        if ('frames' in tol) return d.num * BigInt(d.rate.num) <= BigInt(tol.frames) * BigInt(d.rate.den) * d.den;
        const s = decimalFraction(tol.seconds);
        return d.num * s.d <= s.n * d.den;
      }),
    );
  }
  if (p.loudness) {
    const entries = p.loudness.entries.map(loudnessEntryNode);
    top.push(
      entries.length === 1
        ? entries[0]!
        : { kind: p.loudness.combine, id: 'loudness', name: p.loudness.combine === 'any' ? 'Loudness: any accepted method' : 'Loudness: every method', pointer: '/loudness', children: entries },
    );
  }
  const tc = p.timecode;
  if (tc?.start) {
    const label = tc.start;
    top.push(
      rule('timecode.start', `Does the programme start at ${label}?`, '/timecode/start', 'timecode.start', label, (x) => {
        const t = x as { frames: number; rate: FrameRate };
        const want = parseTimecode(label, t.rate);
        return want.ok && want.value === t.frames;
      }),
    );
  }
  if (tc?.dropFrame && tc.dropFrame !== 'any') {
    const df = tc.dropFrame === 'df';
    top.push(rule('timecode.dropFrame', `Is the timecode ${df ? 'drop-frame' : 'non-drop'}?`, '/timecode/dropFrame', 'timecode.dropFrame', df ? 'drop-frame' : 'non-drop', (x) => x === df));
  }
  const st = p.structure;
  if (st?.leader === 'none') top.push(rule('structure.leader', 'Is the file programme only (no bars, tone or slate)?', '/structure/leader', 'structure.leader', 'no leader', () => false));
  if (st?.headBlackMax) top.push(durationRule('structure.headBlack', `Is black at the head at most ${durationText(st.headBlackMax)}?`, '/structure/headBlackMax', 'structure.headBlack', st.headBlackMax, 'max'));
  if (st?.tailBlackMax) top.push(durationRule('structure.tailBlack', `Is black at the tail at most ${durationText(st.tailBlackMax)}?`, '/structure/tailBlackMax', 'structure.tailBlack', st.tailBlackMax, 'max'));
  const cap = p.captions;
  if (cap?.embedded === 'forbidden') top.push(rule('captions.embedded', 'Is the file free of embedded captions?', '/captions/embedded', 'captions.embedded', 'none embedded', (x) => x === false));
  if (cap?.embedded === 'required') top.push(rule('captions.embedded', 'Does the file carry embedded captions?', '/captions/embedded', 'captions.embedded', 'embedded captions', (x) => x === true));
  if (cap?.sidecar) {
    const formats = cap.sidecar;
    const exts = [...new Set(formats.flatMap((f) => CAPTION_EXTENSIONS[f] ?? []))];
    top.push(rule('captions.sidecar', `Is there a caption file beside it (${or(formats)})?`, '/captions/sidecar', 'captions.sidecars', `${or(formats)} (${exts.join(' ')})`, (x) => (x as string[]).some((s) => exts.some((e) => s.toLowerCase().endsWith(e)))));
  }
  if (cap?.rulesProfile) top.push(rule('captions.rules', `Do the captions follow ${cap.rulesProfile}?`, '/captions/rulesProfile', 'captions.rules', cap.rulesProfile, () => false));
  const nm = p.naming;
  if (nm?.charset) {
    const cls = nm.charset;
    const re = safeRegex(`^${cls}*$`);
    top.push(rule('naming.charset', `Does the file name use only ${cls}?`, '/naming/charset', 'file.name', cls, (x) => re?.test(x as string) ?? false));
  }
  if (nm?.pattern) {
    const pat = nm.pattern;
    const re = safeRegex(pat);
    top.push(rule('naming.pattern', 'Does the file name follow the pattern?', '/naming/pattern', 'file.name', pat, (x) => re?.test(x as string) ?? false));
  }
  if (nm?.convention) top.push(rule('naming.convention', `Does the name follow ${nm.convention}?`, '/naming/convention', 'naming.convention', nm.convention, () => false));
  p.sidecars?.forEach((s, i) => {
    if (!s.required) return;
    top.push(rule(`sidecars.${s.name}`, `Is the ${s.name} sidecar beside it?`, `/sidecars/${i}`, 'sidecars', s.extensions.join(' or '), (x) => (x as string[]).some((f) => s.extensions.some((e) => f.toLowerCase().endsWith(e.toLowerCase())))));
  });
  if (p.checksum) {
    const algs = p.checksum.algorithms;
    top.push(rule('checksum', `Is there a ${or(algs)} checksum beside it?`, '/checksum/algorithms', 'sidecars', algs.map((x) => `.${x}`).join(' or '), (x) => (x as string[]).some((f) => algs.some((alg) => f.toLowerCase().endsWith(`.${alg}`)))));
  }
  if (p.rules) top.push(customNode(p.rules, '/rules', 0));
  return { kind: 'all', id: p.id, name: p.name, pointer: '', children: top };
}

function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Evaluation

/** Compiled rule trees by profile object: profiles are immutable data, so one compile serves every file. */
const TREES = new WeakMap<DeliveryProfile, GroupNode>();

interface Evaluated {
  readonly outcome: SpecOutcome | 'not-applicable';
  readonly rows: SpecRuleResult[];
  readonly findings: Finding[];
  /** Error-severity failure in this subtree. */
  readonly failedError: boolean;
}

/**
 * Evaluates a profile against one subject's facts. Rules whose fact the subject does not
 * have (audio rules for a timeline) are skipped; a rule whose fact is not stated fails with
 * a SPEC_FACT_NOT_STATED finding; one not measured (loudness without QC) is info.
 */
export function evaluateSpec(profile: DeliveryProfile, subject: string, facts: SpecFacts): SpecEvaluation {
  let tree = TREES.get(profile);
  if (!tree) {
    tree = specRuleTree(profile);
    TREES.set(profile, tree);
  }
  const out = evaluateNode(profile, subject, facts, tree, -1, 'all');
  const rows = out.rows;
  return { profileId: profile.id, subject, results: rows, findings: out.findings, passed: !out.failedError };
}

function evaluateNode(profile: DeliveryProfile, subject: string, facts: SpecFacts, node: SpecNode, depth: number, parent: 'all' | 'any'): Evaluated {
  const where = { file: subject };
  if (node.kind === 'rule') {
    const fact = facts[node.field];
    if (!fact) return { outcome: 'not-applicable', rows: [], findings: [], failedError: false };
    const conf = specConfidenceAt(profile, node.pointer);
    const unconfirmed = conf?.confidence === 'U';
    const severity: Severity = node.severity ?? (unconfirmed ? 'warning' : 'error');
    const base = { id: node.id, name: node.name, pointer: node.pointer, requested: node.requested, depth, ...(conf ? { confidence: conf.confidence, source: conf.source } : {}) };
    let outcome: SpecOutcome;
    const actual = fact.text;
    if (fact.state === 'not-measured') outcome = 'not-measured';
    else if (fact.state === 'not-stated') outcome = 'not-stated';
    else outcome = node.test(fact.value) ? 'pass' : 'fail';
    const rowSeverity: Severity = outcome === 'not-measured' ? 'info' : severity;
    const row: SpecRuleResult = { ...base, actual, outcome, severity: rowSeverity };
    const findings: Finding[] = [];
    if (parent === 'all') {
      const extras = { where, expected: node.requested, actual, rule: `${profile.name} (${profile.edition})${conf ? `, ${conf.source} [${conf.confidence}]` : ''} ${node.pointer}`, severity: rowSeverity };
      if (outcome === 'fail') findings.push(finding('SPEC_RULE_FAILED', { rule: node.name, requested: node.requested, actual, unconfirmed }, extras));
      if (outcome === 'not-stated') findings.push(finding('SPEC_FACT_NOT_STATED', { rule: node.name, requested: node.requested, fact: actual.replace(/^no /, 'a '), unconfirmed }, extras));
      if (outcome === 'not-measured') findings.push(finding('SPEC_RULE_NOT_MEASURED', { rule: node.name, requested: node.requested, why: actual }, extras));
    }
    const failedError = (outcome === 'fail' || outcome === 'not-stated') && rowSeverity === 'error';
    return { outcome, rows: [row], findings, failedError };
  }
  const children = node.children.map((c) => evaluateNode(profile, subject, facts, c, depth + 1, node.kind));
  const applicable = children.filter((c) => c.outcome !== 'not-applicable');
  if (applicable.length === 0) return { outcome: 'not-applicable', rows: [], findings: [], failedError: false };
  const rows = applicable.flatMap((c) => c.rows);
  let outcome: SpecOutcome;
  let failedError: boolean;
  const findings: Finding[] = [];
  if (node.kind === 'all') {
    outcome = applicable.some((c) => c.outcome === 'fail' || c.outcome === 'not-stated') ? 'fail' : applicable.every((c) => c.outcome === 'pass') ? 'pass' : 'not-measured';
    failedError = applicable.some((c) => c.failedError);
    findings.push(...applicable.flatMap((c) => c.findings));
  } else {
    const anyPass = applicable.some((c) => c.outcome === 'pass');
    const anyOpen = applicable.some((c) => c.outcome === 'not-measured');
    outcome = anyPass ? 'pass' : anyOpen ? 'not-measured' : 'fail';
    const severities = applicable.flatMap((c) => c.rows.map((r) => r.severity));
    const severity: Severity = severities.includes('error') ? 'error' : 'warning';
    failedError = outcome === 'fail' && severity === 'error';
    if (parent === 'all' && outcome !== 'pass') {
      const alternatives = applicable
        .map((c, i) => `${node.children[i]?.name ?? ''}: ${c.rows.filter((r) => r.outcome !== 'pass').map((r) => `${r.requested} vs ${r.actual}`).join('; ') || 'passed'}`)
        .join(' | ');
      if (outcome === 'fail') findings.push(finding('SPEC_ANY_FAILED', { rule: node.name, alternatives }, { where, severity }));
      else findings.push(finding('SPEC_RULE_NOT_MEASURED', { rule: node.name, requested: 'one accepted method', why: alternatives }, { where }));
    }
  }
  if (depth < 0) return { outcome, rows, findings, failedError };
  const conf = node.pointer ? specConfidenceAt(profile, node.pointer) : undefined;
  const head: SpecRuleResult = {
    ...(conf ? { confidence: conf.confidence, source: conf.source } : {}),
    id: node.id,
    name: node.name,
    pointer: node.pointer,
    requested: node.kind === 'any' ? 'any one below' : 'all below',
    actual: outcome,
    outcome,
    severity: rows.some((r) => r.severity === 'error') ? 'error' : rows.some((r) => r.severity === 'warning') ? 'warning' : 'info',
    depth,
    group: node.kind,
  };
  return { outcome, rows: [head, ...rows], findings, failedError };
}
