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

function edlBenches(name: string, rate: FrameRate): Bench[] {
  const text = generatedEdl(EVENTS, rate);
  const kb = `${Math.round(text.length / 1024)} KB`;
  let parsed: Timeline | undefined;
  return [
    {
      operation: `edl read ${name}`,
      size: `${EVENTS.toLocaleString('en-US')} events (${kb})`,
      unitsPerRun: EVENTS,
      run: () => {
        parsed = readEdl(text, { rate }).value;
      },
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
