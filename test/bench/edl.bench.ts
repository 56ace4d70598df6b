import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readEdl, timecodeOf, writeEdl, type FrameRate, type Timeline } from '@picturelock/core';
import type { Bench } from './harness.ts';

const EVENTS = 5_000;
const R23976: FrameRate = { num: 24000, den: 1001, dropFrame: false };
const DF2997: FrameRate = { num: 30000, den: 1001, dropFrame: true };

/**
 * A picture-lock-sized CMX 3600 list: `events` events from 01:00:00:00, lengths 20-139
 * frames; every 10th event is a 12-frame dissolve (zero-length cut + D line), every 7th an M2
 * retime (48 fps, or a freeze every 21st), each with FROM CLIP NAME and SOURCE FILE comments.
 */
export function generatedEdl(events: number, rate: FrameRate): string {
  const fps = Math.round(rate.num / rate.den);
  const tc = (f: number) => timecodeOf(f, rate);
  const lines = [`TITLE: BENCH ${events}`, `FCM: ${rate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME'}`];
  let rec = 3600 * fps - (rate.dropFrame ? 108 : 0);
  for (let i = 1; i <= events; i++) {
    const num = String(i).padStart(3, '0');
    const reel = `A${String(i % 997).padStart(3, '0')}C${String(i % 13).padStart(3, '0')}`;
    const len = 20 + ((i * 37) % 120);
    const src = (10 + (i % 12)) * 3600 * fps + ((i * 211) % 50000);
    if (i % 10 === 0) {
      lines.push(`${num}  PREV${String(i % 100).padStart(4, '0')} V     C        ${tc(src)} ${tc(src)} ${tc(rec)} ${tc(rec)}`);
      lines.push(`${num}  ${reel} V     D    012 ${tc(src)} ${tc(src + len)} ${tc(rec)} ${tc(rec + len)}`);
      lines.push(`* FROM CLIP NAME:  SHOT_${i - 1}`, `* TO CLIP NAME:  SHOT_${i}`);
    } else if (i % 7 === 0) {
      const freeze = i % 21 === 0;
      lines.push(`${num}  ${reel} V     C        ${tc(src)} ${tc(src + (freeze ? 1 : 2 * len))} ${tc(rec)} ${tc(rec + len)}`);
      lines.push(`M2   ${reel}       ${freeze ? '000.0' : `0${2 * fps}.0`}                ${tc(src)}`);
      lines.push(`* FROM CLIP NAME:  SHOT_${i}`);
    } else {
      lines.push(`${num}  ${reel} V     C        ${tc(src)} ${tc(src + len)} ${tc(rec)} ${tc(rec + len)}`);
      lines.push(`* FROM CLIP NAME:  SHOT_${i}`);
    }
    lines.push(`* SOURCE FILE: ${reel}_${i}.MOV`);
    rec += len;
  }
  return `${lines.join('\n')}\n`;
}

/** V8's full collection, without asking for `node --expose-gc` (a context made after the flag has `gc`). */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Heap the result of `read` keeps, as MB and as a multiple of the input's `bytes`: used heap
 * after full collections with the result held, less with nothing held. Five rounds: the median
 * held figure less the lowest empty one, since a collection now and then leaves part of the
 * garbage before it for the next one.
 */
function retainedHeap(read: () => unknown, bytes: number): string {
  const gc = collector();
  const used = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const held: { value: unknown } = { value: undefined };
  const empty: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < 5; i++) {
    held.value = undefined;
    empty.push(used());
    held.value = read();
    full.push(used());
  }
  held.value = undefined;
  const kept = full.sort((x, y) => x - y)[2]! - Math.min(...empty);
  return `heap +${(kept / 1e6).toFixed(1)} MB = ${(kept / bytes).toFixed(1)}x the file`;
}

function edlBenches(name: string, rate: FrameRate): Bench[] {
  const text = generatedEdl(EVENTS, rate);
  const kb = `${Math.round(text.length / 1024)} KB`;
  let parsed: Timeline | undefined;
  return [
    {
      operation: `edl read ${name}`,
      size: `${EVENTS.toLocaleString('en-US')} events (${kb})`,
      unitsPerRun: EVENTS,
      // A read makes about 25 MB of short-lived objects, so a run now and then pays for a full
      // collection: more runs keep those out of the median, and more warmup keeps out the JIT's tiers.
      warmup: 5,
      iterations: 20,
      run: () => {
        parsed = readEdl(text, { rate }).value;
      },
      // The list is ASCII, so its length in characters is its size in bytes.
      note: () => retainedHeap(() => readEdl(text, { rate }), text.length),
    },
    {
      operation: `edl write ${name}`,
      size: `${EVENTS.toLocaleString('en-US')} events (${kb})`,
      unitsPerRun: EVENTS,
      setup: () => {
        parsed = readEdl(text, { rate }).value;
      },
      run: () => writeEdl(parsed!, { dialect: 'cmx3600' }),
      note: () => `${parsed?.tracks[0]?.children.length ?? 0} items`,
    },
  ];
}

export const benches: Bench[] = [...edlBenches('23.976 NDF', R23976), ...edlBenches('29.97 DF', DF2997)];
