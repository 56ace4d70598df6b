import { parseTimecode, rescaledExactly, rescaledTo, rt, timecodeOf, type FrameRate, type Rate, type RationalTime } from '../time/index.ts';
import type { CaptionDocument, CaptionEvent } from './model.ts';

/** `t + by`, exact when either lands on the other's grid, else rounded to `t`'s units. */
function shifted(t: RationalTime, by: RationalTime): RationalTime {
  const onT = rescaledExactly(by, t.rate);
  if (onT !== undefined) return rt(t.value + onT, t.rate);
  const onBy = rescaledExactly(t, by.rate);
  if (onBy !== undefined) return rt(onBy + by.value, by.rate);
  return rt(t.value + rescaledTo(by, t.rate, 'round'), t.rate);
}

function mapped(doc: CaptionDocument, f: (t: RationalTime) => RationalTime): CaptionDocument {
  return { ...doc, events: doc.events.map((e): CaptionEvent => ({ ...e, start: f(e.start), end: f(e.end) })) };
}

/** Every event moved by `by` (negative moves earlier). Exact where the units allow. */
export function captionsOffset(doc: CaptionDocument, by: RationalTime): CaptionDocument {
  return mapped(doc, (t) => shifted(t, by));
}

/**
 * A speed change between frame rates (23.976 -> 25 PAL speed-up, 25 -> 23.976 slow-down):
 * each instant is taken as a frame count at `from` (rounded to the nearest frame) and the
 * same frame count is placed at `to`, so captions stay on the same pictures.
 */
export function captionsRateConverted(doc: CaptionDocument, from: Rate, to: FrameRate): CaptionDocument {
  const out = mapped(doc, (t) => rt(rescaledTo(t, from, 'round'), to));
  return { ...out, frameRate: to };
}

/**
 * Re-reads timecode labels in another counting (29.97 DF <-> NDF): each instant's label at
 * `from` is kept as text and counted at `to`. For a file whose labels were written in the
 * wrong counting. Labels that do not exist at `to` (DF skipped labels) move to the next one.
 */
export function captionsRelabeled(doc: CaptionDocument, from: FrameRate, to: FrameRate): CaptionDocument {
  const out = mapped(doc, (t) => {
    const label = timecodeOf(rescaledTo(t, from, 'round'), from);
    const text = to.dropFrame ? label.replace(/:(\d\d)$/, ';$1') : label.replace(/;/g, ':');
    const parsed = parseTimecode(text, to, { allowPast24h: true });
    if (parsed.ok) return rt(parsed.value, to);
    const next = parseTimecode(text.replace(/[:;](\d\d)$/, (_m, f: string) => `;${String(Number(f) + 2).padStart(2, '0')}`), to, { allowPast24h: true });
    return rt(next.ok ? next.value : rescaledTo(t, to, 'round'), to);
  });
  return { ...out, frameRate: to };
}
