import type { Command } from 'commander';
import {
  formatTimecode,
  parseFrameRate,
  parseTicks,
  parseTimecode,
  rt,
  ticksFromTime,
  timeFromTicks,
  toSecondsString,
  type FrameRate,
} from '@picturelock/core';
import { UsageError, type CliIO } from '../io.ts';

type Target = 'tc' | 'frames' | 'ticks' | 'seconds';
const TARGETS: readonly Target[] = ['tc', 'frames', 'ticks', 'seconds'];

/** A rate from the command line, or a usage error listing what is accepted. */
export function rateOption(text: string | undefined, what = '--rate'): FrameRate {
  if (text === undefined) throw new UsageError(`${what} is required (e.g. --rate 23.976, --rate 29.97df)`);
  const r = parseFrameRate(text);
  if (!r.ok) throw new UsageError(`${what}: ${r.error}`);
  return r.value;
}

/** One operand: a timecode, `#frames` or `tticks`; the frame count at `r`. */
function operandFrames(text: string, r: FrameRate, wrap: boolean): { frames: number; kind: 'tc' | 'frames' | 'ticks' } {
  const s = text.trim();
  if (s.startsWith('#')) {
    if (!/^#-?\d+$/.test(s)) throw new UsageError(`"${text}" is not a frame count; write #86400`);
    return { frames: Number(s.slice(1)), kind: 'frames' };
  }
  if (/^t/i.test(s)) {
    const ticks = parseTicks(s.slice(1));
    if (!ticks.ok) throw new UsageError(ticks.error);
    const t = timeFromTicks(ticks.value, r);
    if (!t.ok) throw new UsageError(t.error);
    return { frames: t.value.value, kind: 'ticks' };
  }
  const parsed = parseTimecode(s, r, { allowPast24h: wrap });
  if (!parsed.ok) throw new UsageError(parsed.error.message);
  return { frames: parsed.value, kind: 'tc' };
}

/**
 * `picturelock tc`: converts between timecode, frames, Premiere ticks and seconds, and adds or
 * subtracts operands (`01:00:00:00+#48`, `01:00:10:00-01:00:00:00`).
 */
export function registerTc(program: Command, io: CliIO): void {
  program
    .command('tc')
    .description('timecode calculator: timecode, #frames and tTicks in; timecode, frames, ticks or seconds out')
    .argument('<value>', 'a timecode (01:00:00;00), a frame count (#86400) or a tick count (t254016000000); join operands with + or -')
    .requiredOption('-r, --rate <rate>', 'frame rate: 23.976, 24, 25, 29.97df, 29.97ndf, 30, 50, 59.94df, 59.94ndf, 60 …')
    .option('--to <unit>', `output: ${TARGETS.join('|')} (default: frames for a timecode, tc otherwise)`)
    .option('--wrap', 'wrap past 24 hours instead of refusing')
    .addHelpText(
      'after',
      `
Examples:
  $ picturelock tc 01:00:00;00 --rate 29.97df --to frames      107892
  $ picturelock tc '#107892' --rate 29.97df                     01:00:00;00
  $ picturelock tc 01:00:00:00 --rate 23.976 --to ticks         915372057600000
  $ picturelock tc 01:00:10:00-01:00:00:00 --rate 25 --to frames  250`,
    )
    .action((value: string, opts: { rate: string; to?: string; wrap?: boolean }) => {
      const r = rateOption(opts.rate);
      const to = opts.to as Target | undefined;
      if (to !== undefined && !TARGETS.includes(to)) throw new UsageError(`--to ${opts.to}: expected one of ${TARGETS.join(', ')}`);
      const wrap = Boolean(opts.wrap);
      // Split on + and - between operands (a leading sign belongs to the first operand).
      const tokens = value.trim().split(/(?<=.)([+-])/);
      const first = operandFrames(tokens[0] ?? '', r, wrap);
      let frames = first.frames;
      for (let i = 1; i + 1 < tokens.length; i += 2) {
        const operand = operandFrames(tokens[i + 1] ?? '', r, wrap);
        frames = tokens[i] === '+' ? frames + operand.frames : frames - operand.frames;
      }
      const target: Target = to ?? (first.kind === 'tc' && tokens.length === 1 ? 'frames' : 'tc');
      if (target === 'frames') {
        io.out(`${frames}\n`);
      } else if (target === 'tc') {
        const label = formatTimecode(frames, r, { wrap24h: wrap });
        if (!label.ok) throw new UsageError(label.error.message);
        io.out(`${label.value}\n`);
      } else if (target === 'ticks') {
        const ticks = ticksFromTime(rt(frames, r));
        if (!ticks.ok) throw new UsageError(ticks.error);
        io.out(`${ticks.value}\n`);
      } else {
        io.out(`${toSecondsString(rt(frames, r))}\n`);
      }
    });
}
