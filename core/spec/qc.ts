import { finding, type Finding, type Waiver } from '../findings/index.ts';
import { formatTimecode, parseTimecode, type FrameRate, type Rate } from '../time/index.ts';

/**
 * Content-QC measurements of one file (made by ffmpeg in host-bridge, judged here). Event
 * ranges are half-open `[start, end)` in frames of `rate` counted from the file's first frame;
 * `startFrames` is the file's start timecode at that rate, so labels read as the editor sees
 * them. For audio-only files `rate` is 1000/1 (milliseconds) and labels are clock times.
 */
export interface QcMeasurement {
  readonly path: string;
  readonly rate: Rate;
  /** The timecode rate when `rate` is a video rate (labels as timecode); undefined for ms. */
  readonly timecodeRate?: FrameRate;
  readonly startFrames: number;
  /** Programme length in frames of `rate`. */
  readonly durationFrames: number;
  readonly loudness?: QcLoudness;
  readonly interlace?: QcInterlace;
  readonly events: readonly QcEvent[];
  /** The analysis settings, for the report (`blackdetect d=0.5 pix_th=0.10`). */
  readonly settings: readonly string[];
}

export type QcEventKind = 'black' | 'freeze' | 'silence' | 'levels';

export interface QcEvent {
  readonly kind: QcEventKind;
  readonly start: number;
  readonly end: number;
  /** Extra facts: the largest out-of-range fraction for `levels`, the channel for `silence`. */
  readonly detail?: string;
}

/** EBU R 128 / BS.1770 measurement of one audio stream (ffmpeg ebur128, peak=true). */
export interface QcLoudness {
  readonly stream: number;
  readonly channels: number;
  /** LUFS, gated (BS.1770-2 and later). */
  readonly integrated: number;
  /** LU (EBU Tech 3342). */
  readonly lra: number;
  /** dBTP, 4x oversampled, maximum over channels. */
  readonly truePeak: number;
  /** LUFS. */
  readonly shortTermMax: number;
  readonly momentaryMax: number;
  /** Points per second of the series below (ebur128 emits every 100 ms: 10/1). */
  readonly seriesRate: Rate;
  /** LUFS per point; -Infinity where the window is silent is stored as -120. */
  readonly momentary: readonly number[];
  readonly shortTerm: readonly number[];
}

/** ffmpeg idet multi-frame detection counts. */
export interface QcInterlace {
  readonly tff: number;
  readonly bff: number;
  readonly progressive: number;
  readonly undetermined: number;
}

/** An approved exception for intentional black, freeze or silence: a kind and a timecode range (out exclusive). */
export interface QcWaiver {
  readonly kind: QcEventKind;
  /** File the waiver is for (base name or path as reported); any file when absent. */
  readonly file?: string;
  readonly in: string;
  readonly out: string;
  readonly who: string;
  readonly when: string;
  readonly why: string;
}

const CODE_OF: Record<QcEventKind, 'QC_BLACK_DETECTED' | 'QC_FREEZE_DETECTED' | 'QC_SILENCE_DETECTED' | 'QC_LEVELS_OUT_OF_RANGE'> = {
  black: 'QC_BLACK_DETECTED',
  freeze: 'QC_FREEZE_DETECTED',
  silence: 'QC_SILENCE_DETECTED',
  levels: 'QC_LEVELS_OUT_OF_RANGE',
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A frame position as the editor reads it: timecode at the file's rate, else HH:MM:SS.mmm. */
export function qcLabel(m: Pick<QcMeasurement, 'rate' | 'timecodeRate' | 'startFrames'>, frames: number): string {
  const absolute = m.startFrames + frames;
  if (m.timecodeRate) {
    const tc = formatTimecode(absolute, m.timecodeRate, { wrap24h: true });
    if (tc.ok) return tc.value;
  }
  // Exact clock time from an integer count at rate num/den: ms = count * den * 1000 / num.
  const ms = Math.floor((absolute * m.rate.den * 1000) / m.rate.num);
  const h = Math.floor(ms / 3_600_000);
  return `${pad(h)}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

function lengthText(m: QcMeasurement, frames: number): string {
  return m.timecodeRate ? `${frames} frames` : `${frames} ms`;
}

/** One finding per QC event, placed by timecode range; plus a scan mismatch from idet when the file's flag disagrees. */
export function qcFindings(m: QcMeasurement, declaredScan?: 'progressive' | 'interlaced'): Finding[] {
  const out: Finding[] = [];
  for (const e of m.events) {
    const where = { file: m.path, record: { in: qcLabel(m, e.start), out: qcLabel(m, e.end) }, frames: { start: e.start, end: e.end } };
    const params = { file: m.path, in: where.record.in, out: where.record.out, length: lengthText(m, e.end - e.start), detail: e.detail ?? '' };
    out.push(finding(CODE_OF[e.kind], params, { where, fix: e.kind === 'levels' ? 'legalise the levels in the grade or the output transform' : `waive it if intentional (kind ${e.kind}, ${where.record.in}-${where.record.out}), else fix the master` }));
  }
  const il = m.interlace;
  if (il && declaredScan) {
    const interlaced = il.tff + il.bff;
    const decided = interlaced + il.progressive;
    // idet needs a majority to mean anything; undetermined frames (flat or static) do not vote.
    if (decided > 0) {
      // Real interlace has one field dominance; fine moving detail fools idet into a mix of both.
      const dominant = Math.max(il.tff, il.bff) >= 3 * Math.min(il.tff, il.bff);
      const detected = interlaced > il.progressive * 2 && dominant ? 'interlaced' : il.progressive > interlaced * 2 ? 'progressive' : undefined;
      if (detected && detected !== declaredScan) {
        out.push(finding('QC_SCAN_MISMATCH', { file: m.path, declared: declaredScan, detected, tff: il.tff, bff: il.bff, progressive: il.progressive }, { where: { file: m.path }, expected: declaredScan, actual: detected }));
      }
    }
  }
  return out;
}

/**
 * Resolves range waivers into exact report waivers: a QC waiver covers an event of its kind
 * that lies wholly inside its `[in, out)` range (labels at the event's timecode rate).
 * Returns one report `Waiver` per covered finding, so buildReport moves it to approved exceptions.
 */
export function qcWaiversResolved(m: QcMeasurement, findings: readonly Finding[], waivers: readonly QcWaiver[]): Waiver[] {
  const out: Waiver[] = [];
  for (const f of findings) {
    const kind = (Object.keys(CODE_OF) as QcEventKind[]).find((k) => CODE_OF[k] === f.code);
    const frames = f.where.frames;
    if (!kind || !frames || f.where.file !== m.path) continue;
    for (const w of waivers) {
      if (w.kind !== kind) continue;
      if (w.file !== undefined && w.file !== m.path && !m.path.endsWith(`/${w.file}`) && !m.path.endsWith(`\\${w.file}`)) continue;
      const range = qcWaiverRange(m, w);
      if (!range) continue;
      if (frames.start >= range.start && frames.end <= range.end) {
        out.push({ code: f.code, where: { file: m.path, ...(f.where.record ? { recordIn: f.where.record.in } : {}) }, who: w.who, when: w.when, why: `${w.why} (waived range ${w.in}-${w.out})` });
        break;
      }
    }
  }
  return out;
}

/** A waiver's range in frames from the file's first frame, or undefined when its labels do not parse at this rate. */
function qcWaiverRange(m: QcMeasurement, w: QcWaiver): { start: number; end: number } | undefined {
  if (m.timecodeRate) {
    const a = parseTimecode(w.in, m.timecodeRate);
    const b = parseTimecode(w.out, m.timecodeRate);
    return a.ok && b.ok ? { start: a.value - m.startFrames, end: b.value - m.startFrames } : undefined;
  }
  const ms = (t: string) => {
    const x = /^(\d+):(\d{2}):(\d{2})\.(\d{3})$/.exec(t);
    return x ? ((Number(x[1]) * 60 + Number(x[2])) * 60 + Number(x[3])) * 1000 + Number(x[4]) : undefined;
  };
  const a = ms(w.in);
  const b = ms(w.out);
  return a !== undefined && b !== undefined ? { start: a - m.startFrames, end: b - m.startFrames } : undefined;
}
