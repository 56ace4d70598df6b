import type { Command } from 'commander';
import {
  buildReport,
  conformChangeCsv,
  conformChangeSection,
  conformChangeTimeline,
  conformDiffOnline,
  conformDiffVersions,
  conformEventsOf,
  conformStripSection,
  writeInterchange,
  type Finding,
} from '@picturelock/core';
import { writeOutputAtomic } from '../files.ts';
import { UsageError, VERSION, type CliIO } from '../io.ts';
import { optionalRate } from '../inputs.ts';
import { emitReport, timelineArg, waiversFile } from './check.ts';

interface DiffOptions {
  rate?: string;
  online?: boolean;
  changeEdl?: string;
  csv?: string;
  html?: string;
  json?: boolean;
  junit?: string;
  waivers?: string;
  force?: boolean;
}

/**
 * `picturelock diff <old> <new>`: two cut versions aligned by source identity (add, delete,
 * trims, move, replace, shift, VFX version), or with --online an offline vs its online
 * conform shot by shot (slips, wrong clips, missing and extra events, duration changes).
 */
export function registerDiff(program: Command, io: CliIO): void {
  program
    .command('diff')
    .description('compare two cut versions by source identity (change list, change EDL), or an offline with its online (--online)')
    .argument('<old>', 'the earlier cut (or the offline with --online)')
    .argument('<new>', 'the later cut (or the online conform with --online)')
    .option('-r, --rate <rate>', 'the lists\' frame rate when the format does not say (EDL)')
    .option('--online', 'compare an offline with its online shot by shot at the same record positions')
    .option('--change-edl <file>', 'write an EDL of the new cut holding only the changed events, each with a LOC naming the change')
    .option('--csv <file>', 'write the change list as CSV')
    .option('--html <file>', 'write the HTML report (change list, timeline strip)')
    .option('--json', 'print the report as JSON (picturelock.report/1)')
    .option('--junit <file>', 'write the findings as JUnit XML')
    .option('--waivers <file>', 'JSON array of approved exceptions {code, where, who, when, why}')
    .option('--force', 'replace existing output files')
    .action((oldFile: string, newFile: string, opts: DiffOptions) => {
      const rate = optionalRate(opts.rate);
      const a = timelineArg(oldFile, rate);
      const b = timelineArg(newFile, rate);
      if (opts.online && opts.changeEdl) throw new UsageError('--change-edl compares cut versions; it does not go with --online');
      const diff = opts.online ? conformDiffOnline(a.timeline, b.timeline, { fileA: oldFile, fileB: newFile }) : conformDiffVersions(a.timeline, b.timeline, { fileA: oldFile, fileB: newFile });
      const findings: Finding[] = [...a.read.findings.filter((f) => f.severity !== 'info'), ...b.read.findings.filter((f) => f.severity !== 'info'), ...diff.findings];
      const force = opts.force === true;
      if (opts.changeEdl) {
        const w = writeInterchange(conformChangeTimeline(b.timeline, diff.changes), 'edl', { dialect: 'avid', mergeTracks: true });
        writeOutputAtomic(opts.changeEdl, w.text, { force });
        findings.push(...w.findings.map((f) => ({ ...f, where: { ...f.where, file: opts.changeEdl } })));
      }
      if (opts.csv) writeOutputAtomic(opts.csv, conformChangeCsv(diff.changes), { force });
      const sections = opts.json || opts.html ? [...(opts.online ? [] : [conformChangeSection(diff.changes)]), conformStripSection(b.timeline, conformEventsOf(b.timeline), diff.findings)] : [];
      const report = buildReport({
        title: opts.online ? `Offline vs online: ${a.timeline.name || oldFile}` : `Changes: ${a.timeline.name || oldFile} -> ${b.timeline.name || newFile}`,
        toolVersion: VERSION,
        generatedAt: new Date().toISOString(),
        inputs: [
          { path: oldFile, role: opts.online ? 'offline' : 'old cut' },
          { path: newFile, role: opts.online ? 'online' : 'new cut' },
        ],
        findings,
        ...(opts.waivers ? { waivers: waiversFile(opts.waivers) } : {}),
        sections,
      });
      // The change list CSV is written above; --csv is not the findings CSV here.
      emitReport(io, report, { ...(opts.json ? { json: true } : {}), ...(opts.html ? { html: opts.html } : {}), ...(opts.junit ? { junit: opts.junit } : {}), force });
    });
}
