import { formatTimecode, framesPerDay, parseTimecode, type FrameRate } from '@picturelock/core';
import type { Bench } from './harness.ts';

const LABELS = 100_000;
const DF2997: FrameRate = { num: 30000, den: 1001, dropFrame: true };
const R23976: FrameRate = { num: 24000, den: 1001, dropFrame: false };

function timecodeBenches(name: string, r: FrameRate): Bench[] {
  // Frames spread over 24 hours so every minute and ten-minute boundary is crossed.
  const step = Math.floor(framesPerDay(r) / LABELS);
  const frames = Array.from({ length: LABELS }, (_, i) => i * step);
  const labels = frames.map((f) => {
    const l = formatTimecode(f, r);
    if (!l.ok) throw new Error(l.error.message);
    return l.value;
  });
  return [
    { operation: `timecode format ${name}`, size: '100k labels', unitsPerRun: LABELS, run: () => frames.forEach((f) => formatTimecode(f, r)) },
    { operation: `timecode parse ${name}`, size: '100k labels', unitsPerRun: LABELS, run: () => labels.forEach((l) => parseTimecode(l, r)) },
  ];
}

export const benches: Bench[] = [...timecodeBenches('29.97 DF', DF2997), ...timecodeBenches('23.976', R23976)];
