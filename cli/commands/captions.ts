import { basename, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  buildReport,
  CAPTION_PROFILES,
  CAPTION_WRITABLE_FORMATS,
  captionProfile,
  captionsCheck,
  captionsFixed,
  captionsRetimed,
  captionsTimelineFacts,
  finding,
  formatFrameRate,
  frameRate,
  hasErrors,
  readCaptions,
  renderHtml,
  renderJson,
  renderText,
  writeCaptions,
  type CaptionCheckOptions,
  type CaptionDocument,
  type CaptionWritableFormat,
  type Finding,
  type FrameRate,
} from '@picturelock/core';
import { readInputBytes, writeOutputAtomic } from '../files.ts';
import { optionalRate, pickTimeline, readListFile } from '../inputs.ts';
import { UsageError, VERSION, type CliIO } from '../io.ts';

interface CommonOptions {
  profile?: string;
  timeline?: string;
  rate?: string;
  json?: boolean;
  html?: string;
  force?: boolean;
}

function readCaptionFile(path: string): { doc: CaptionDocument; findings: Finding[] } {
  const r = readCaptions(readInputBytes(path), { file: path });
  if (!r.value) throw new UsageError(`${path}: ${r.findings[0]?.message ?? 'not a caption file'}`);
  return { doc: r.value, findings: [...r.findings] };
}

/** Check options from the command line: profile, rate (timeline > --rate > the file's own > 23.976), cuts and programme from a timeline. */
function checkOptions(path: string, doc: CaptionDocument, opts: CommonOptions): { options: CaptionCheckOptions; findings: Finding[] } {
  const profile = captionProfile(opts.profile ?? 'netflix-en');
  if (!profile) throw new UsageError(`--profile ${opts.profile}: not a caption profile; use one of ${CAPTION_PROFILES.map((p) => p.id).join(', ')}`);
  const findings: Finding[] = [];
  const given = optionalRate(opts.rate);
  if (opts.timeline) {
    const tl = pickTimeline(readListFile(opts.timeline, given), opts.timeline);
    const facts = captionsTimelineFacts(tl);
    return { options: { profile, rate: tl.rate, cuts: facts.cuts, programme: facts.programme, recordStart: facts.recordStart, file: path }, findings };
  }
  let rate: FrameRate | undefined = given ?? doc.frameRate;
  if (!rate) {
    rate = frameRate(24000, 1001);
    findings.push(finding('CAPTION_RATE_ASSUMED', { rate: formatFrameRate(rate), why: 'the file states no frame rate and neither --timeline nor --rate was given' }, { where: { file: path } }));
  }
  return { options: { profile, rate, file: path }, findings };
}

function emit(io: CliIO, title: string, inputs: { path: string; role: string }[], findings: readonly Finding[], opts: CommonOptions): void {
  const report = buildReport({ title, toolVersion: VERSION, generatedAt: new Date().toISOString(), inputs, findings });
  if (opts.html) writeOutputAtomic(opts.html, renderHtml(report), { force: Boolean(opts.force) });
  io.out(opts.json ? renderJson(report) : renderText(report, { color: io.color }));
  if (hasErrors(report)) io.exitCode = 1;
}

function formatOption(text: string): CaptionWritableFormat {
  const f = text.toLowerCase() === 'webvtt' ? 'vtt' : text.toLowerCase() === 'dfxp' || text.toLowerCase() === 'imsc' ? 'ttml' : text.toLowerCase();
  if (!(CAPTION_WRITABLE_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--to ${text}: write one of ${CAPTION_WRITABLE_FORMATS.join(', ')}`);
  return f as CaptionWritableFormat;
}

/** The output path, refusing the input's own path (a fix never replaces the original). */
function outputPath(input: string, out: string): string {
  if (resolve(out) === resolve(input)) throw new UsageError(`${out} is the input file; write the result beside it under another name`);
  return out;
}

const FORMAT_OF_EXT: Record<string, CaptionWritableFormat> = { '.srt': 'srt', '.vtt': 'vtt', '.ttml': 'ttml', '.dfxp': 'ttml', '.xml': 'ttml', '.scc': 'scc' };

/**
 * `picturelock captions check|convert|fix|retime`: caption QC against a profile and the cut,
 * format conversion with a report of what the target loses, safe fixes written to a new
 * file, and retiming through two cut versions.
 */
export function registerCaptions(program: Command, io: CliIO): void {
  const cmd = program.command('captions').description('check, convert, fix and retime captions and subtitles (SRT, WebVTT, TTML/IMSC, SCC, EBU STL)');

  cmd
    .command('check')
    .description('QC captions against a profile (line length, reading speed, durations, gaps, overlaps, shot changes from --timeline)')
    .argument('<file>', 'SRT, WebVTT, TTML/DFXP, SCC or EBU STL (detected by content)')
    .option('--profile <id>', `rules to apply: ${CAPTION_PROFILES.map((p) => p.id).join(', ')}`, 'netflix-en')
    .option('--timeline <file>', 'the cut (EDL, FCP7 XML, FCPXML, OTIO, AAF): shot changes, programme bounds and rate')
    .option('--rate <rate>', 'frame rate for frame counts (default: the timeline, the file, else 23.976); needed to read an EDL')
    .option('--json', 'print the report as JSON')
    .option('--html <file>', 'also write an HTML report')
    .option('--force', 'replace an existing --html file')
    .action((file: string, opts: CommonOptions) => {
      const read = readCaptionFile(file);
      const { options, findings } = checkOptions(file, read.doc, opts);
      const result = captionsCheck(read.doc, options);
      emit(io, `Captions check: ${basename(file)} (${options.profile.name}, ${formatFrameRate(options.rate)})`, [{ path: file, role: 'captions' }, ...(opts.timeline ? [{ path: opts.timeline, role: 'timeline' }] : [])], [...read.findings, ...findings, ...result.findings], opts);
    });

  cmd
    .command('convert')
    .description('convert captions; findings list what the target cannot carry')
    .argument('<in>', 'SRT, WebVTT, TTML/DFXP, SCC or EBU STL')
    .requiredOption('--to <format>', `target: ${CAPTION_WRITABLE_FORMATS.join(', ')}`)
    .option('--rate <rate>', 'SCC target: 29.97df (default) or 29.97 for non-drop labels')
    .option('-o, --output <file>', 'write here instead of printing')
    .option('--force', 'replace an existing output file')
    .action((input: string, opts: { to: string; rate?: string; output?: string; force?: boolean }) => {
      const to = formatOption(opts.to);
      const read = readCaptionFile(input);
      const rate = optionalRate(opts.rate);
      if (rate && to === 'scc' && !(rate.num === 30000 && rate.den === 1001)) throw new UsageError(`--rate ${opts.rate}: SCC runs at 29.97 (29.97df or 29.97)`);
      const written = writeCaptions(read.doc, to, rate ? { dropFrame: rate.dropFrame } : {});
      const findings = [...read.findings, ...written.findings];
      if (opts.output) {
        writeOutputAtomic(outputPath(input, opts.output), written.text, { force: Boolean(opts.force) });
        const report = buildReport({ title: `Converted ${basename(input)} to ${to}`, toolVersion: VERSION, generatedAt: new Date().toISOString(), inputs: [{ path: input }], findings });
        io.err(renderText(report, { color: io.color }));
        if (hasErrors(report)) io.exitCode = 1;
      } else {
        io.out(written.text);
        if (findings.length) io.err(findings.map((f) => `${f.severity}: ${f.code}: ${f.message}\n`).join(''));
        if (findings.some((f) => f.severity === 'error')) io.exitCode = 1;
      }
    });

  cmd
    .command('fix')
    .description('apply the safe fixes of a check and write a new file (never over the original)')
    .argument('<file>', 'captions to fix')
    .requiredOption('-o, --output <file>', 'where to write the fixed captions (format from its extension, else the input format)')
    .option('--profile <id>', 'rules to apply', 'netflix-en')
    .option('--timeline <file>', 'the cut: shot changes and programme bounds')
    .option('--rate <rate>', 'frame rate for frame counts')
    .option('--json', 'print the report of what remains as JSON')
    .option('--force', 'replace an existing output file')
    .action((file: string, opts: CommonOptions & { output: string }) => {
      const out = outputPath(file, opts.output);
      const read = readCaptionFile(file);
      const { options, findings } = checkOptions(file, read.doc, opts);
      const fixed = captionsFixed(read.doc, options);
      const inputFormat = read.doc.format === 'stl' ? 'srt' : read.doc.format;
      const to = FORMAT_OF_EXT[extname(out).toLowerCase()] ?? inputFormat;
      const written = writeCaptions(fixed.value, to);
      writeOutputAtomic(out, written.text, { force: Boolean(opts.force) });
      io.err(`${fixed.applied} fix(es) applied; wrote ${out}\n`);
      emit(io, `Captions after fixing: ${basename(out)}`, [{ path: file, role: 'original' }, { path: out, role: 'fixed' }], [...findings, ...written.findings, ...fixed.remaining], opts);
    });

  cmd
    .command('retime')
    .description('move captions from an old cut to a new one (events matched by source)')
    .argument('<file>', 'captions timed to the old cut')
    .requiredOption('--changes <cuts...>', 'the old cut and the new cut (EDL, XML, OTIO, AAF)')
    .requiredOption('-o, --output <file>', 'where to write the retimed captions')
    .option('--rate <rate>', 'frame rate to read EDLs at')
    .option('--force', 'replace an existing output file')
    .action((file: string, opts: { changes: string[]; output: string; rate?: string; force?: boolean }) => {
      if (opts.changes.length !== 2) throw new UsageError('--changes takes two files: the old cut and the new cut');
      const out = outputPath(file, opts.output);
      const rate = optionalRate(opts.rate);
      const [oldPath, newPath] = opts.changes as [string, string];
      const oldCut = pickTimeline(readListFile(oldPath, rate), oldPath);
      const newCut = pickTimeline(readListFile(newPath, rate), newPath);
      const read = readCaptionFile(file);
      const retimed = captionsRetimed(read.doc, oldCut, newCut);
      const to = FORMAT_OF_EXT[extname(out).toLowerCase()] ?? (read.doc.format === 'stl' ? 'srt' : read.doc.format);
      const written = writeCaptions(retimed.value, to);
      writeOutputAtomic(out, written.text, { force: Boolean(opts.force) });
      emit(io, `Captions retimed: ${basename(file)} -> ${basename(out)}`, [{ path: file, role: 'captions' }, { path: oldPath, role: 'old cut' }, { path: newPath, role: 'new cut' }], [...read.findings, ...retimed.findings, ...written.findings], {});
    });
}
