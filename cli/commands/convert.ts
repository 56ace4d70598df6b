import type { Command } from 'commander';
import { EDL_DIALECTS, WRITABLE_TIMELINE_FORMATS, writeInterchange, writeInventoryAle, type EdlDialect, type Finding, type WritableTimelineFormat } from '@picturelock/core';
import { writeOutputAtomic } from '../files.ts';
import { UsageError, type CliIO } from '../io.ts';
import { optionalRate, pickTimeline, readListFile } from '../inputs.ts';

const TARGETS = [...WRITABLE_TIMELINE_FORMATS, 'ale'] as const;

function printFindings(io: CliIO, findings: readonly Finding[]): void {
  for (const f of findings) io.err(`${f.severity}: ${f.code}: ${f.message}\n`);
}

export function registerConvert(program: Command, io: CliIO): void {
  program
    .command('convert')
    .description('convert between EDL, FCP7 XML, FCPXML, OTIO and ALE; findings say what the target could not carry')
    .argument('<in>', 'the list to read (format detected by content)')
    .requiredOption('--to <format>', `target: ${TARGETS.join('|')}`)
    .option('--dialect <dialect>', `EDL dialect: ${EDL_DIALECTS.join('|')}`, 'cmx3600')
    .option('--track <track>', 'EDL: write only this track (V1, V2, A1 ...)')
    .option('--merge-tracks', 'EDL: write every track into one list')
    .option('--timeline <which>', 'which timeline of a file that holds several (1-based number or name)')
    .option('-o, --output <file>', 'write here instead of stdout (never over an existing file without --force)')
    .option('-r, --rate <rate>', 'the input\'s frame rate when the format does not say (EDL)')
    .option('--force', 'replace an existing output file')
    .action((input: string, opts: { to: string; dialect: string; track?: string; mergeTracks?: boolean; timeline?: string; output?: string; rate?: string; force?: boolean }) => {
      if (!(TARGETS as readonly string[]).includes(opts.to)) throw new UsageError(`--to ${opts.to}: expected one of ${TARGETS.join(', ')}`);
      if (!(EDL_DIALECTS as readonly string[]).includes(opts.dialect)) throw new UsageError(`--dialect ${opts.dialect}: expected one of ${EDL_DIALECTS.join(', ')}`);
      const read = readListFile(input, optionalRate(opts.rate));
      printFindings(io, read.findings);
      let written;
      if (opts.to === 'ale') {
        if (read.format !== 'ale') throw new UsageError(`--to ale writes a media inventory; ${input} is a timeline (${read.format})`);
        written = writeInventoryAle(read.inventory);
      } else {
        if (read.format === 'ale') throw new UsageError(`${input} is an ALE media inventory, not a timeline; it converts only to ale`);
        const tl = pickTimeline(read, input, opts.timeline);
        written = writeInterchange(tl, opts.to as WritableTimelineFormat, {
          dialect: opts.dialect as EdlDialect,
          ...(opts.track ? { track: opts.track } : {}),
          ...(opts.mergeTracks ? { mergeTracks: true } : {}),
        });
      }
      printFindings(io, written.findings);
      if (opts.output) writeOutputAtomic(opts.output, written.text, { force: Boolean(opts.force) });
      else io.out(written.text);
      if ([...read.findings, ...written.findings].some((f) => f.severity === 'error')) io.exitCode = 1;
    });
}
