import { readInterchange, type FrameRate, type InterchangeReadResult, type Timeline } from '@picturelock/core';
import { readInputBytes } from './files.ts';
import { UsageError } from './io.ts';
import { rateOption } from './commands/tc.ts';

/** `--rate` when given, else undefined (the format's own rate, or the reader's inference). */
export function optionalRate(text: string | undefined): FrameRate | undefined {
  return text === undefined ? undefined : rateOption(text);
}

/** Reads any interchange file the user named (format detected by content); unreadable or unknown files are usage errors. */
export function readListFile(path: string, rate?: FrameRate): InterchangeReadResult {
  const bytes = readInputBytes(path);
  const result = readInterchange(bytes, { file: path, ...(rate ? { rate } : {}) });
  if (result.format === undefined) {
    throw new UsageError(`${path} is not a format Picturelock reads (CMX3600 EDL, FCP7 XML, FCPXML, OpenTimelineIO, ALE, AAF)`);
  }
  return result;
}

/** Picks one timeline: `which` is a 1-based number or a timeline name; default the first. */
export function pickTimeline(result: InterchangeReadResult, path: string, which?: string): Timeline {
  const list = result.timelines;
  if (list.length === 0) throw new UsageError(`${path} holds no timeline that could be read${result.findings.length ? `: ${result.findings[0]!.message}` : ''}`);
  if (which === undefined) return list[0]!;
  const n = Number(which);
  const found = Number.isInteger(n) && n >= 1 ? list[n - 1] : list.find((t) => t.name === which);
  if (!found) throw new UsageError(`--timeline ${which}: ${path} holds ${list.map((t, i) => `${i + 1} "${t.name}"`).join(', ')}`);
  return found;
}
