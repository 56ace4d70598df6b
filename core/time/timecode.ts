import { formatFrameRate, formatRate, isDropFrameCapable, nominalFps, RATE_MATRIX, type FrameRate } from './rate.ts';
import { err, ok, type Result } from './result.ts';

/**
 * SMPTE ST 12-1 timecode: a label for a frame count, never a kind of time. Drop-frame
 * (29.97 and 59.94 only) skips labels, not frames: frames :00 and :01 (29.97) or :00..:03
 * (59.94) at the start of every minute except minutes 00, 10, 20, 30, 40 and 50.
 */

export interface TimecodeOptions {
  /** Labels past 23:59:59:ff wrap to 00:00:00:00 instead of being refused. */
  readonly wrap24h?: boolean;
}

/** Why a label was refused; `message` is written for an editor, the rest is data. */
export interface TimecodeError {
  readonly code: 'TC_SYNTAX' | 'TC_FIELD_RANGE' | 'TC_FRAMES_PAST_RATE' | 'TC_DF_LABEL_SKIPPED' | 'TC_DF_INVALID_RATE' | 'TC_NEGATIVE' | 'TC_PAST_24H';
  readonly message: string;
  /** Nearest valid labels (before, after) for a skipped drop-frame label. */
  readonly nearest?: readonly [string, string];
  /** Rates at which a label with this many frames would be legal. */
  readonly legalAt?: readonly string[];
}

interface DropPlan {
  readonly fps: number;
  readonly drop: number;
  readonly perMinute: number;
  readonly perTenMinutes: number;
}

function dropPlan(r: FrameRate): DropPlan {
  const fps = nominalFps(r);
  const drop = Math.round(fps / 15); // 2 at 29.97, 4 at 59.94
  return { fps, drop, perMinute: fps * 60 - drop, perTenMinutes: fps * 600 - drop * 9 };
}

/** Frames in 24 hours of labels at this rate (2589408 at 29.97 DF, 2592000 at 30). */
export function framesPerDay(r: FrameRate): number {
  if (r.dropFrame) return dropPlan(r).perTenMinutes * 144;
  return nominalFps(r) * 86400;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function labelFromFields(h: number, m: number, s: number, f: number, dropFrame: boolean, fps: number): string {
  const frames = fps > 100 ? String(f).padStart(3, '0') : pad2(f);
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}${dropFrame ? ';' : ':'}${frames}`;
}

/** Label fields (h, m, s, f) for a frame count, before any range check. */
function fieldsFor(frames: number, r: FrameRate): [number, number, number, number] {
  const fps = nominalFps(r);
  let count = frames;
  if (r.dropFrame) {
    const p = dropPlan(r);
    const tens = Math.floor(frames / p.perTenMinutes);
    const rem = frames % p.perTenMinutes;
    // The first minute of every ten keeps all its labels; each later one skips `drop`.
    const skipped = p.drop * 9 * tens + (rem >= p.drop ? p.drop * Math.floor((rem - p.drop) / p.perMinute) : 0);
    count = frames + skipped;
  }
  const f = count % fps;
  const totalSeconds = Math.floor(count / fps);
  return [Math.floor(totalSeconds / 3600), Math.floor(totalSeconds / 60) % 60, totalSeconds % 60, f];
}

/**
 * The label of frame `frames` (0 = 00:00:00:00) at `r`, `;` before the frames for
 * drop-frame. Negative counts and counts past 24 h are errors unless `wrap24h` is set.
 */
export function formatTimecode(frames: number, r: FrameRate, options: TimecodeOptions = {}): Result<string, TimecodeError> {
  if (!Number.isSafeInteger(frames)) return err({ code: 'TC_SYNTAX', message: `frame count ${frames} is not a whole number` });
  const day = framesPerDay(r);
  let count = frames;
  if (count < 0 || count >= day) {
    if (!options.wrap24h) {
      return count < 0
        ? err({ code: 'TC_NEGATIVE', message: `frame ${frames} is before 00:00:00:00; timecode has no negative labels` })
        : err({ code: 'TC_PAST_24H', message: `frame ${frames} is past 24 hours at ${formatFrameRate(r)}; allow the 24-hour wrap to label it` });
    }
    count = ((count % day) + day) % day;
  }
  const [h, m, s, f] = fieldsFor(count, r);
  return ok(labelFromFields(h, m, s, f, r.dropFrame, nominalFps(r)));
}

/** formatTimecode for values known to be in range (display code); throws on a programmer error. */
export function timecodeOf(frames: number, r: FrameRate, options: TimecodeOptions = { wrap24h: true }): string {
  const res = formatTimecode(frames, r, options);
  if (!res.ok) throw new RangeError(res.error.message);
  return res.value;
}

const TC_PATTERN = /^(-)?(\d{1,2})([:;.,])(\d{1,2})([:;.,])(\d{1,2})([:;.,])(\d{2,3})$/;

/**
 * The frame count a label names at `r`. Accepts `:` throughout, or `;` / `.` / `,` as
 * separators for drop-frame. A `;` label at a non-drop rate, a skipped drop-frame label,
 * frames past the rate and out-of-range fields are errors that say how to fix them.
 */
export function parseTimecode(text: string, r: FrameRate, options: { allowPast24h?: boolean } = {}): Result<number, TimecodeError> {
  const m = TC_PATTERN.exec(text.trim());
  if (!m) {
    return err({ code: 'TC_SYNTAX', message: `"${text}" is not a timecode; write HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame)` });
  }
  if (m[1]) return err({ code: 'TC_NEGATIVE', message: `"${text}" is negative; timecode has no negative labels` });
  const [h, mi, s, f] = [Number(m[2]), Number(m[4]), Number(m[6]), Number(m[8])];
  const separators = [m[3], m[5], m[7]];
  const marksDrop = separators.some((sep) => sep === ';' || sep === '.' || sep === ',');
  if (marksDrop && !r.dropFrame) {
    const hint = isDropFrameCapable(r) ? `; if the list is drop-frame, use the rate ${formatFrameRate({ ...r, dropFrame: true })}` : '';
    return err({ code: 'TC_DF_INVALID_RATE', message: `"${text}" uses a drop-frame separator but the rate is ${formatFrameRate(r)}${hint}` });
  }
  const fps = nominalFps(r);
  if (mi > 59 || s > 59) {
    return err({ code: 'TC_FIELD_RANGE', message: `"${text}": ${mi > 59 ? `minutes ${mi}` : `seconds ${s}`} is past 59` });
  }
  if (h > 23 && !options.allowPast24h) {
    return err({ code: 'TC_PAST_24H', message: `"${text}": hour ${h} is past 23; timecode wraps at 24 hours` });
  }
  if (f >= fps) {
    const legalAt = RATE_MATRIX.filter((x) => nominalFps(x) > f).map(formatFrameRate);
    const unique = [...new Set(legalAt.map((l) => l.replace(/ (N?DF)$/, '')))];
    return err({
      code: 'TC_FRAMES_PAST_RATE',
      message: `"${text}": frame ${f} is past the last frame (${fps - 1}) of a second at ${formatRate(r)} fps; the label is legal at ${unique.length ? unique.join(', ') : 'no standard rate'}`,
      legalAt: unique,
    });
  }
  if (r.dropFrame) {
    const p = dropPlan(r);
    if (s === 0 && mi % 10 !== 0 && f < p.drop) {
      const totalMinutes = h * 60 + mi;
      const firstOfMinute = labelFrames(h, mi, 0, p.drop, r);
      const before = formatTimecode(firstOfMinute - 1, r, { wrap24h: true });
      const after = labelFromFields(h, mi, 0, p.drop, true, fps);
      const beforeLabel = before.ok ? before.value : '';
      return err({
        code: 'TC_DF_LABEL_SKIPPED',
        message: `"${text}" does not exist at ${formatFrameRate(r)}: drop-frame skips frames 00 to ${pad2(p.drop - 1)} at the start of minute ${totalMinutes % 60} (every minute not divisible by ten); nearest valid labels are ${beforeLabel} and ${after}`,
        nearest: [beforeLabel, after],
      });
    }
  }
  return ok(labelFrames(h, mi, s, f, r));
}

function labelFrames(h: number, m: number, s: number, f: number, r: FrameRate): number {
  const fps = nominalFps(r);
  const nominal = ((h * 60 + m) * 60 + s) * fps + f;
  if (!r.dropFrame) return nominal;
  const totalMinutes = h * 60 + m;
  return nominal - dropPlan(r).drop * (totalMinutes - Math.floor(totalMinutes / 10));
}

/** parseTimecode for trusted labels (fixtures, constants); throws on a programmer error. */
export function framesOf(text: string, r: FrameRate): number {
  const res = parseTimecode(text, r);
  if (!res.ok) throw new RangeError(res.error.message);
  return res.value;
}
