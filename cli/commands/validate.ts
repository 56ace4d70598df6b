import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Command } from 'commander';
import {
  detectInterchangeFormat,
  buildReport,
  evaluateSpec,
  finding,
  hasErrors,
  qcFindings,
  qcWaiversResolved,
  renderHtml,
  renderJson,
  specFactsOfMedia,
  specFactsOfTimeline,
  specLoudnessPlotSection,
  specQcStripSection,
  specRuleTableSection,
  timelineDuration,
  type DeliveryProfile,
  type Finding,
  type QcMeasurement,
  type QcWaiver,
  type ReportSection,
  type SpecEvaluation,
  type Timeline,
  type Waiver,
} from '@picturelock/core';
import { optionalRate, pickTimeline, readListFile } from '../inputs.ts';
import { probeMedia, runContentQc, type QcProgress } from '@picturelock/host-bridge';
import { readInputBytes, readJsonFile, writeOutputAtomic } from '../files.ts';
import { EXIT, UsageError, VERSION, type CliIO } from '../io.ts';
import { profileOption } from './profiles.ts';
import { rateOption } from './tc.ts';

interface ValidateOptions {
  profile: string;
  qc?: boolean;
  html?: string;
  json?: boolean;
  waivers?: string;
  rate?: string;
  force?: boolean;
}

/** Exit code when the user interrupts (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;


/** Reads a waivers file: QC range waivers (`kind`, `in`, `out`) and finding waivers (`code`), each with who, when and why. */
function waiversOption(path: string): { qc: QcWaiver[]; findings: Waiver[] } {
  const data = readJsonFile(path);
  if (!Array.isArray(data)) throw new UsageError(`${path}: expected a JSON array of waivers`);
  const qc: QcWaiver[] = [];
  const findings: Waiver[] = [];
  data.forEach((w: unknown, i) => {
    const o = w as Record<string, unknown>;
    const need = (k: string) => {
      if (typeof o[k] !== 'string' || o[k] === '') throw new UsageError(`${path}: waiver ${i + 1} needs "${k}" (text)`);
    };
    ['who', 'when', 'why'].forEach(need);
    if (typeof o.kind === 'string') {
      if (!['black', 'freeze', 'silence', 'levels'].includes(o.kind)) throw new UsageError(`${path}: waiver ${i + 1}: kind "${o.kind}" is not one of black, freeze, silence, levels`);
      need('in');
      need('out');
      qc.push(o as unknown as QcWaiver);
    } else if (typeof o.code === 'string') findings.push(o as unknown as Waiver);
    else throw new UsageError(`${path}: waiver ${i + 1} needs "kind" (black, freeze, silence, levels) with "in"/"out", or a finding "code"`);
  });
  return { qc, findings };
}

function siblingsOf(path: string): string[] {
  try {
    return readdirSync(dirname(path));
  } catch {
    return [];
  }
}

function loudnessTarget(p: DeliveryProfile): { lufs: number; minus: number; plus: number } | undefined {
  const e = p.loudness?.entries.find((x) => x.method === 'program-gated');
  return e && { lufs: e.target, minus: e.tolerance.minus, plus: e.tolerance.plus };
}

function progressLine(file: string, p: QcProgress): string {
  const left = p.secondsLeft !== undefined ? `, ${Math.ceil(p.secondsLeft)} s left` : '';
  return `\rQC ${basename(file)}: ${p.percent.toFixed(0).padStart(3)} % at ${p.speed.toFixed(1)}x${left}   `;
}

/** A timeline list (EDL, FCP7 XML, FCPXML, OTIO, AAF: detected by content), or undefined for a media file. */
function timelineOf(path: string, opts: ValidateOptions): { timeline: Timeline; findings: readonly Finding[] } | undefined {
  const bytes = readInputBytes(path);
  const format = detectInterchangeFormat(bytes.subarray(0, 65536));
  if (format === undefined || format === 'ale') return undefined;
  const read = readListFile(path, format === 'edl' ? rateOption(opts.rate, '--rate (an EDL does not state its rate)') : optionalRate(opts.rate));
  return { timeline: pickTimeline(read, path), findings: read.findings };
}

function textSummary(e: SpecEvaluation): string {
  const mark = { pass: 'ok  ', fail: 'FAIL', 'not-stated': 'FAIL', 'not-measured': ' -- ' } as const;
  const lines = [`${e.subject}: ${e.passed ? 'PASS' : 'FAIL'} against ${e.profileId}`];
  for (const r of e.results) {
    const sev = r.outcome === 'fail' || r.outcome === 'not-stated' ? ` (${r.severity})` : '';
    lines.push(`  ${mark[r.outcome]} ${'  '.repeat(r.depth)}${r.name}  requested ${r.requested}; actual ${r.actual}${sev}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `picturelock validate <media or timeline...> --profile <id|file> [--qc] [--html F] [--json]`:
 * every rule reports requested vs actual; --qc adds loudness and black/freeze/silence/levels
 * from one ffmpeg pass per file. Ctrl-C stops ffmpeg and writes no report.
 */
export function registerValidate(program: Command, io: CliIO): void {
  program
    .command('validate')
    .description('validate media files (or a sequence: .edl, .otio) against a delivery profile, with optional content QC')
    .argument('<inputs...>', 'media files, or timelines (.edl needs --rate; .otio)')
    .requiredOption('-p, --profile <id|file>', 'a built-in profile id (see `profiles list`) or a profile JSON file')
    .option('--qc', 'content QC: loudness (EBU R 128 / BS.1770, true peak), black, freeze, silence, interlace, levels')
    .option('--html <file>', 'write the HTML report (rule table, loudness plot, QC strip)')
    .option('--json', 'print the report as JSON instead of text')
    .option('--waivers <file>', 'JSON array of approved exceptions: {kind, in, out, who, when, why} or {code, where, who, when, why}')
    .option('-r, --rate <rate>', 'the EDL rate (EDLs do not state one)')
    .option('--force', 'replace an existing --html file')
    .action(async (inputs: string[], opts: ValidateOptions) => {
      const profile = profileOption(opts.profile);
      const waivers = opts.waivers ? waiversOption(opts.waivers) : { qc: [], findings: [] };
      const findings: Finding[] = [];
      const sections: ReportSection[] = [];
      const reportWaivers: Waiver[] = [...waivers.findings];
      const evaluations: SpecEvaluation[] = [];
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.on('SIGINT', onSigint);
      try {
        for (const input of inputs) {
          if (controller.signal.aborted) break;
          const asTimeline = timelineOf(input, opts);
          if (asTimeline) {
            const { timeline, findings: readFindings } = asTimeline;
            findings.push(...readFindings);
            const e = evaluateSpec(profile, input, specFactsOfTimeline({ name: timeline.name, rate: timeline.rate, startFrames: timeline.globalStart.value, durationFrames: timelineDuration(timeline).value }));
            evaluations.push(e);
            findings.push(...e.findings);
            sections.push(specRuleTableSection(e));
            continue;
          }
          const probed = await probeMedia(input);
          if (!probed.ok) {
            findings.push(finding('INPUT_UNREADABLE', { path: input, reason: probed.error }, { where: { file: input } }));
            continue;
          }
          const media = probed.value;
          let qc: QcMeasurement | undefined;
          if (opts.qc) {
            const run = await runContentQc(media, {
              signal: controller.signal,
              settings: profile.qc,
              ...(io.isTTY ? { onProgress: (p: QcProgress) => io.err(progressLine(input, p)) } : {}),
            });
            if (io.isTTY) io.err('\n');
            if (controller.signal.aborted) break;
            if (!run.ok) {
              findings.push(finding('QC_ANALYSIS_FAILED', { file: input, reason: run.error }, { where: { file: input } }));
            } else {
              qc = run.value;
              const qf = qcFindings(qc, media.video[0]?.scan);
              findings.push(...qf);
              reportWaivers.push(...qcWaiversResolved(qc, qf, waivers.qc));
              if (qc.loudness) {
                const l = qc.loudness;
                findings.push(finding('QC_LOUDNESS_MEASURED', { file: input, integrated: l.integrated.toFixed(1), lra: l.lra.toFixed(1), truePeak: l.truePeak.toFixed(1), shortTermMax: l.shortTermMax.toFixed(1) }, { where: { file: input } }));
              } else if (media.audio.length === 0) findings.push(finding('QC_NO_AUDIO', { file: input }, { where: { file: input } }));
            }
          }
          const e = evaluateSpec(profile, input, specFactsOfMedia(media, { ...(qc ? { qc } : {}), siblings: siblingsOf(input) }));
          evaluations.push(e);
          findings.push(...e.findings);
          sections.push(specRuleTableSection(e));
          if (qc) {
            const plot = specLoudnessPlotSection(qc, loudnessTarget(profile));
            if (plot) sections.push(plot);
            sections.push(specQcStripSection(qc));
          }
        }
      } finally {
        process.off('SIGINT', onSigint);
      }
      if (controller.signal.aborted) {
        io.err('picturelock: interrupted; ffmpeg was stopped and no report was written\n');
        io.exitCode = EXIT_INTERRUPTED;
        return;
      }
      const report = buildReport({
        title: `Delivery validation: ${profile.name}`,
        toolVersion: VERSION,
        generatedAt: new Date().toISOString(),
        inputs: [...inputs.map((path) => ({ path, role: 'input' })), { path: profile.id, role: `profile (${profile.edition})` }],
        findings,
        waivers: reportWaivers,
        sections,
      });
      if (opts.html) writeOutputAtomic(opts.html, renderHtml(report), { force: Boolean(opts.force) });
      if (opts.json) io.out(renderJson(report));
      else {
        for (const e of evaluations) io.out(textSummary(e));
        const other = report.findings.filter((f) => !f.code.startsWith('SPEC_'));
        for (const f of other) io.out(`${f.severity.padEnd(7)} ${f.code} ${f.where.file ?? ''} ${f.message}\n`);
        for (const w of report.waived) io.out(`waived  ${w.finding.code} ${w.finding.message} — ${w.waiver.who}: ${w.waiver.why}\n`);
        io.out(`${report.summary.error} errors, ${report.summary.warning} warnings, ${report.summary.info} notes, ${report.summary.waived} waived${opts.html ? `; report ${opts.html}` : ''}\n`);
      }
      if (hasErrors(report)) io.exitCode = EXIT.findings;
      if (report.findings.some((f) => f.code === 'INPUT_UNREADABLE')) io.exitCode = EXIT.usage;
    });
}
