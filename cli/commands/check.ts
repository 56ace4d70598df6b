import type { Command } from 'commander';
import {
  buildReport,
  conformCheckTimeline,
  conformReportHtml,
  conformStripSection,
  hasErrors,
  renderCsv,
  renderJson,
  renderJunit,
  renderText,
  type Finding,
  type FrameRate,
  type InterchangeReadResult,
  type Report,
  type ReportSection,
  type Timeline,
  type Waiver,
} from '@picturelock/core';
import { readJsonFile, writeOutputAtomic } from '../files.ts';
import { UsageError, VERSION, type CliIO } from '../io.ts';
import { optionalRate, pickTimeline, readListFile } from '../inputs.ts';

/** A whole number option (`--handles 8`, `--flash-frames 3`). */
export function countOption(text: string, name: string, min = 0): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw new UsageError(`${name} ${text}: expected a whole number of frames${min > 0 ? ` of at least ${min}` : ''}`);
  return Number(text);
}

/** Reads a waivers file: a JSON array of `{code, where?, who, when, why}`. */
export function waiversFile(path: string): Waiver[] {
  const data = readJsonFile(path);
  if (!Array.isArray(data)) throw new UsageError(`${path}: expected a JSON array of waivers`);
  return data.map((w: unknown, i) => {
    const o = (w ?? {}) as Record<string, unknown>;
    for (const k of ['code', 'who', 'when', 'why']) if (typeof o[k] !== 'string' || o[k] === '') throw new UsageError(`${path}: waiver ${i + 1} needs "${k}" (text)`);
    return o as unknown as Waiver;
  });
}

/** One timeline from a list file, with the reader's findings. */
export function timelineArg(path: string, rate: FrameRate | undefined, which?: string): { timeline: Timeline; read: InterchangeReadResult } {
  const read = readListFile(path, rate);
  return { timeline: pickTimeline(read, path, which), read };
}

export interface ReportOutputs {
  readonly json?: boolean;
  readonly html?: string;
  readonly csv?: string;
  readonly junit?: string;
  readonly force?: boolean;
}

/** Prints the report (text or `--json`), writes the files asked for, and sets exit 1 when an unwaived error remains. */
export function emitReport(io: CliIO, report: Report, out: ReportOutputs): void {
  if (out.html) writeOutputAtomic(out.html, conformReportHtml(report), { force: out.force });
  if (out.csv) writeOutputAtomic(out.csv, renderCsv(report), { force: out.force });
  if (out.junit) writeOutputAtomic(out.junit, renderJunit(report), { force: out.force });
  io.out(out.json ? renderJson(report) : renderText(report, { color: io.color }));
  if (hasErrors(report)) io.exitCode = 1;
}

interface CheckOptions extends ReportOutputs {
  rate?: string;
  timeline?: string;
  flashFrames?: string;
  waivers?: string;
}

/** The report header's record of what ran: each check with its version. */
export function checksSection(checks: readonly { id: string; version: number; findings: number }[]): ReportSection {
  return { kind: 'table', title: 'Checks run', columns: ['Check', 'Version', 'Findings'], rows: checks.map((c) => [c.id, String(c.version), String(c.findings)]) };
}

/** `picturelock check <timeline>`: the timeline lint checks of the conform registry. */
export function registerCheck(program: Command, io: CliIO): void {
  program
    .command('check')
    .description('lint a timeline before turnover: gaps, flash frames, overlaps, disabled/offline items, nests, effects, rates, speed changes, reused source, transitions')
    .argument('<timeline>', 'EDL, FCP7 XML, FCPXML, OTIO or AAF (format detected by content)')
    .option('-r, --rate <rate>', 'the list\'s frame rate when the format does not say (EDL)')
    .option('--timeline <n|name>', 'which timeline of a file that holds several (default the first)')
    .option('--flash-frames <n>', 'events shorter than this many frames are flash frames', '3')
    .option('--json', 'print the report as JSON (picturelock.report/1)')
    .option('--html <file>', 'write the HTML report with the timeline strip')
    .option('--csv <file>', 'write the findings as CSV')
    .option('--junit <file>', 'write the findings as JUnit XML')
    .option('--waivers <file>', 'JSON array of approved exceptions {code, where, who, when, why}')
    .option('--force', 'replace existing output files')
    .action((file: string, opts: CheckOptions) => {
      const flashFrames = countOption(opts.flashFrames ?? '3', '--flash-frames', 1);
      const { timeline, read } = timelineArg(file, optionalRate(opts.rate), opts.timeline);
      const run = conformCheckTimeline(timeline, { flashFrames, file });
      const findings: Finding[] = [...read.findings, ...run.findings];
      const report = buildReport({
        title: `Check: ${timeline.name || file}`,
        toolVersion: VERSION,
        generatedAt: new Date().toISOString(),
        inputs: [{ path: file, role: 'timeline' }],
        findings,
        ...(opts.waivers ? { waivers: waiversFile(opts.waivers) } : {}),
        sections: opts.json || opts.html ? [conformStripSection(timeline, run.events, findings), checksSection(run.checks)] : [],
      });
      emitReport(io, report, opts);
    });
}
