import { existsSync, mkdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  DELIVER_PRESETS,
  compileNamingTemplate,
  conformRecordCountedAt,
  conformRelinkedTimeline,
  conformTimeline,
  deliverPlanJson,
  deliverPlanOf,
  deliverPlanReplanned,
  deliverStateCounts,
  namingConventionById,
  parseTimecode,
  readDeliverPlan,
  rescaledTo,
  nominalFps,
  ratesEqual,
  type DeliverPlan,
  type MediaRecord,
  type Finding,
  type NamingConvention,
  type Timeline,
} from '@picturelock/core';
import { loadDeliverPlan, probeMediaFolder, runDeliverPlan, saveDeliverPlan, verifyDeliverPlan, type DeliverProgress } from '@picturelock/host-bridge';
import { readInputBytes, writeOutputAtomic } from '../files.ts';
import { EXIT, UsageError, VERSION, type CliIO } from '../io.ts';
import { optionalRate } from '../inputs.ts';
import { countOption, timelineArg, waiversFile } from './check.ts';
import { profileOption } from './profiles.ts';

/** The plan file inside `--out`. */
export const DELIVER_PLAN_FILE = 'deliver-plan.json';

interface PlanOptions {
  profile: string;
  naming?: string;
  out: string;
  media?: string[];
  with?: string;
  field?: string[];
  range?: string;
  rate?: string;
  timeline?: string;
  waivers?: string;
  captions?: string;
  force?: boolean;
}

function paint(io: CliIO, s: string, code: number): string {
  return io.color ? `\u001b[${code}m${s}\u001b[0m` : s;
}

function printFindings(io: CliIO, findings: readonly Finding[]): void {
  for (const f of findings) {
    const colour = f.severity === 'error' ? 31 : f.severity === 'warning' ? 33 : 36;
    io.out(`${paint(io, f.severity.padEnd(8), colour)} ${f.message}  [${f.code}]\n`);
  }
}

function namingOption(text: string | undefined): { convention?: NamingConvention; template?: string } | undefined {
  if (text === undefined) return undefined;
  if (text.includes('{')) {
    const t = compileNamingTemplate(text);
    if (!t.ok) throw new UsageError(`--naming ${text}: ${t.error.message}`);
    return { template: text };
  }
  const c = namingConventionById(text);
  if (!c) throw new UsageError(`--naming ${text}: not a built-in convention (dcnc, dpp-as11, platform-master, house) nor a template with {fields}`);
  return { convention: c };
}

function fieldsOption(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--field ${item}: write name=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** `--range 01:00:00:00-01:00:10:00`: record timecodes (out exclusive) as frames from the cut's start. */
function rangeOption(text: string | undefined, tl: Timeline): { start: number; end: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\S+?)-(\S+)$/.exec(text.trim());
  const a = m ? parseTimecode(m[1]!, tl.rate) : undefined;
  const b = m ? parseTimecode(m[2]!, tl.rate) : undefined;
  if (!a?.ok || !b?.ok || b.value <= a.value) throw new UsageError(`--range ${text}: write IN-OUT as record timecodes, out exclusive (01:00:00:00-01:00:10:00)`);
  const origin = rescaledTo(tl.globalStart, tl.rate, 'round');
  return { start: a.value - origin, end: b.value - origin };
}

/** The media under the `--media` folders as inventory records (probed with ffprobe). */
async function mediaRecords(io: CliIO, folders: readonly string[]): Promise<MediaRecord[]> {
  const records: MediaRecord[] = [];
  for (const m of folders) {
    if (!existsSync(m) || !statSync(m).isDirectory()) throw new UsageError(`--media ${m}: not a folder`);
    const r = await probeMediaFolder(resolve(m), { concurrency: 4 });
    records.push(...r.records);
    for (const f of r.failures) io.err(`cannot probe ${f.path}: ${f.reason}\n`);
  }
  return records;
}

/**
 * The cut relinked to the media records (matched by path, file, reel, clip name and timecode;
 * sound files counted in frames at the cut's rate from their BWF time reference), with the
 * conform findings that leave an event offline: media missing, or a match that is ambiguous.
 */
function relinked(tl: Timeline, records: readonly MediaRecord[]): { timeline: Timeline; findings: Finding[] } {
  if (records.length === 0) return { timeline: tl, findings: [] };
  const result = conformTimeline(tl, records.map((r) => conformRecordCountedAt(r, tl.rate)), {});
  const offline = result.findings.filter((f) => f.code === 'CONFORM_MEDIA_MISSING' || f.code === 'CONFORM_MATCH_AMBIGUOUS');
  return { timeline: conformRelinkedTimeline(tl, result.events, result.matches).timeline, findings: offline };
}

function jobLine(io: CliIO, j: DeliverPlan['jobs'][number]): string {
  const colour = j.state === 'verified' ? 32 : j.state === 'failed' ? 31 : j.state === 'planned' ? 0 : 33;
  const state = paint(io, j.state.padEnd(9), colour);
  return `${state} ${j.id.padEnd(28)} ${j.output.folder}/${j.output.name}${j.reason ? `\n          ${j.reason}` : ''}${j.stale ? `\n          stale: was ${j.stale.was}, settings or sources changed` : ''}\n`;
}

function secondsText(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '--:--';
  const t = Math.max(0, Math.round(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
}

/**
 * Progress on stderr: on a terminal one bar a running job, redrawn in place; otherwise one line
 * a job when it starts and when it ends (logs stay readable).
 */
function progressView(io: CliIO): { onProgress: (p: DeliverProgress) => void; clear: () => void } {
  const bars = new Map<string, DeliverProgress>();
  let drawn = 0;
  let last = 0;
  const draw = () => {
    if (!io.isTTY) return;
    let text = drawn ? `\u001b[${drawn}A` : '';
    for (const p of bars.values()) {
      const width = 24;
      const filled = Math.round((p.percent / 100) * width);
      text += `\r\u001b[2K${p.jobId.padEnd(28).slice(0, 28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.percent.toFixed(0).padStart(3)}%  ${p.speed !== undefined ? `${p.speed.toFixed(2)}x` : '  -  '}  ${secondsText(p.secondsLeft)} left\n`;
    }
    drawn = bars.size;
    io.err(text);
  };
  return {
    onProgress: (p) => {
      bars.set(p.jobId, p);
      const now = Date.now();
      if (p.percent >= 100 || now - last > 100) {
        last = now;
        draw();
      }
    },
    clear: () => {
      if (io.isTTY && drawn) io.err(`\u001b[${drawn}A\u001b[J`);
      drawn = 0;
      bars.clear();
    },
  };
}

function planPathArg(path: string): string {
  if (existsSync(path) && statSync(path).isDirectory()) return join(path, DELIVER_PLAN_FILE);
  return path;
}

/** `picturelock deliver plan|run|status|verify`: a delivery package planned, rendered with ffmpeg, checked and sealed. */
export function registerDeliver(program: Command, io: CliIO): void {
  const deliver = program.command('deliver').description('plan, render (ffmpeg), verify, checksum and report a delivery package');

  deliver
    .command('plan')
    .description('plan the package: render jobs (the profile\'s deliverable, extra ones, stems), lists of the cut, report and MHL')
    .argument('<timeline>', 'the locked cut: EDL, FCP7 XML, FCPXML, OTIO or AAF')
    .requiredOption('--profile <id|file>', 'a built-in profile id (see `profiles list`) or a profile JSON file')
    .requiredOption('--out <dir>', `the delivery folder: the plan is written to <dir>/${DELIVER_PLAN_FILE}, the package beside it`)
    .option('--naming <convention|template>', 'a built-in naming convention id or a template such as "{title}_{element}_{res}"')
    .option('--media <dir...>', 'folders of the media the cut uses (probed with ffprobe and matched by reel, name and timecode)')
    .option('--with <presets>', `extra deliverables, comma separated: ${DELIVER_PRESETS.map((p) => p.id).join(', ')} (social-*: add :crop or :pad)`)
    .option('--field <name=value...>', 'naming field values the cut does not state (season=1 episode=3 date=2025-03-14)')
    .option('--range <in-out>', 'deliver only these record timecodes, out exclusive')
    .option('-r, --rate <rate>', 'the list\'s rate when the format does not say (EDL)')
    .option('--timeline <n|name>', 'which timeline of a file that holds several')
    .option('--waivers <file>', 'JSON array of approved exceptions {code, where, who, when, why}')
    .option('--captions <file>', 'captions or subtitles (SRT, WebVTT, TTML, SCC, EBU STL) to check against the cut and convert into the profile\'s sidecar formats')
    .option('--force', 'start over: replace an existing plan, forgetting the state of its jobs')
    .addHelpText(
      'after',
      `
Planning is repeatable: the same inputs write the same plan byte for byte. Planning again into
a folder that holds a plan keeps the state of unchanged jobs and lists the stale ones.

Examples:
  $ picturelock deliver plan THE_LOCK_v3.xml --profile netflix.prores.kmrb --out /Volumes/DELIVERY --media /Volumes/RAID/OCF
  $ picturelock deliver plan cut.edl --profile apple.tv.prores-hd --with review-h264,social-9x16:crop --out pkg`,
    )
    .action(async (file: string, opts: PlanOptions) => {
      const profile = profileOption(opts.profile);
      const naming = namingOption(opts.naming);
      const givenRate = optionalRate(opts.rate);
      let { timeline: offline, read } = timelineArg(file, givenRate, opts.timeline);
      const records = await mediaRecords(io, opts.media ?? []);
      // A list that does not state its rate (EDL) counts the same labels at 24 and 23.976: take the media's.
      if (!givenRate && read.findings.some((f) => f.code === 'RATE_INFERRED')) {
        const fromMedia = records.find((r) => r.rate && nominalFps(r.rate) === nominalFps(offline.rate) && !ratesEqual(r.rate, offline.rate))?.rate;
        if (fromMedia) ({ timeline: offline, read } = timelineArg(file, { ...fromMedia, dropFrame: offline.rate.dropFrame && fromMedia.dropFrame }, opts.timeline));
      }
      const media = relinked(offline, records);
      const range = rangeOption(opts.range, media.timeline);
      const planPath = join(opts.out, DELIVER_PLAN_FILE);
      // Readable now, so a typo fails at planning, not at the end of a long run.
      if (opts.captions) readInputBytes(opts.captions);
      const { plan: fresh } = deliverPlanOf({
        timeline: media.timeline,
        timelineFile: file,
        profile,
        extra: (opts.with ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        ...(naming ? { naming } : {}),
        fields: fieldsOption(opts.field),
        ...(range ? { range } : {}),
        ...(opts.waivers ? { waivers: waiversFile(opts.waivers) } : {}),
        ...(opts.captions ? { captions: { file: resolve(opts.captions) } } : {}),
      });
      let plan = fresh;
      let replanned: ReturnType<typeof deliverPlanReplanned> | undefined;
      if (existsSync(planPath) && !opts.force) {
        const old = readDeliverPlan(new TextDecoder().decode(readInputBytes(planPath)));
        if (!old.ok) throw new UsageError(`${planPath} exists but is not a plan Picturelock reads (${old.error[0]}); pass --force to replace it`);
        replanned = deliverPlanReplanned(old.value, fresh);
        plan = replanned.plan;
      }
      if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new UsageError(`--out ${opts.out} is not a folder`);
      if (!existsSync(opts.out)) mkdirSync(opts.out, { recursive: true });
      if (replanned || opts.force) await saveDeliverPlan(planPath, plan, deliverPlanJson);
      else writeOutputAtomic(planPath, deliverPlanJson(plan));
      // Why media is offline (missing, or an ambiguous match), for the events the planned range uses.
      const needed = new Set(plan.findings.filter((f) => f.code === 'DELIVER_SOURCE_MISSING').map((f) => f.where.event));
      const offlineWhy = media.findings.filter((f) => needed.has(f.where.event));
      printFindings(io, [...read.findings.filter((f) => f.severity !== 'info'), ...offlineWhy, ...plan.findings]);
      for (const j of plan.jobs) io.out(jobLine(io, j));
      if (replanned) io.out(`re-planned: ${replanned.stale.length} stale (${replanned.stale.join(', ') || 'none'}), ${replanned.added.length} added, ${replanned.removed.length} removed\n`);
      io.out(`wrote ${planPath}: ${plan.jobs.length} jobs, ${plan.sidecars.length} sidecars, package ${join(opts.out, plan.packageFolder)}\n`);
      if ([...offlineWhy, ...plan.findings].some((f) => f.severity === 'error')) io.exitCode = EXIT.findings;
    });

  deliver
    .command('run')
    .description('render every unfinished job with ffmpeg, check each output, then write the lists, the report and a new MHL generation')
    .argument('<plan>', `the plan file (or the folder holding ${DELIVER_PLAN_FILE})`)
    .option('--jobs <n>', 'renders at once', '2')
    .option('--force', 'replace outputs that already exist')
    .action(async (path: string, opts: { jobs: string; force?: boolean }) => {
      const planPath = planPathArg(path);
      const jobs = countOption(opts.jobs, '--jobs', 1);
      const view = progressView(io);
      const result = await runDeliverPlan(planPath, {
        jobs,
        force: opts.force === true,
        json: deliverPlanJson,
        toolVersion: VERSION,
        hostName: hostname(),
        now: () => Date.now(),
        onProgress: view.onProgress,
        onEvent: (e) => {
          if (e.kind === 'start' && !io.isTTY) io.err(`started  ${e.job.id}\n`);
          if (e.kind === 'done') {
            view.clear();
            io.err(`${e.job.state.padEnd(8)} ${e.job.id}${e.job.reason ? `: ${e.job.reason}` : ''}\n`);
          }
        },
      });
      view.clear();
      if (!result.ok) throw new UsageError(result.error);
      const s = result.value;
      for (const j of s.plan.jobs) io.out(jobLine(io, j));
      printFindings(io, s.findings.filter((f) => f.severity !== 'info'));
      const counts = deliverStateCounts(s.plan);
      io.out(`${s.failed.length ? 'FAILED' : 'OK'}: ${counts.verified} verified, ${counts.failed} failed (${s.ran.length} run, ${s.skipped.length} already verified)${s.mhlGeneration ? `; sealed in ${s.mhlGeneration}` : ''}\n`);
      if (s.failed.length || s.findings.some((f) => f.severity === 'error')) io.exitCode = EXIT.findings;
    });

  deliver
    .command('status')
    .description('the state of every job of a plan')
    .argument('<plan>', `the plan file (or the folder holding ${DELIVER_PLAN_FILE})`)
    .option('--json', 'print the jobs as JSON')
    .action(async (path: string, opts: { json?: boolean }) => {
      const loaded = await loadDeliverPlan(planPathArg(path));
      if (!loaded.ok) throw new UsageError(loaded.error);
      const plan = loaded.value;
      if (opts.json) {
        io.out(`${JSON.stringify(plan.jobs.map((j) => ({ id: j.id, state: j.state, output: `${j.output.folder}/${j.output.name}`, ...(j.reason ? { reason: j.reason } : {}), attempts: j.attempts })), null, 2)}\n`);
      } else {
        for (const j of plan.jobs) io.out(jobLine(io, j));
        const c = deliverStateCounts(plan);
        io.out(`${plan.jobs.length} jobs: ${c.verified} verified, ${c.failed} failed, ${c.rendered} rendered, ${c.running} running, ${c.planned} planned; ${plan.mhl.length} MHL generation${plan.mhl.length === 1 ? '' : 's'}\n`);
      }
      if (plan.jobs.some((j) => j.state === 'failed')) io.exitCode = EXIT.findings;
    });

  deliver
    .command('verify')
    .description('probe and check every deliverable again, compare checksums, and verify the package MHL; exits 1 on any failure')
    .argument('<plan>', `the plan file (or the folder holding ${DELIVER_PLAN_FILE})`)
    .action(async (path: string) => {
      const result = await verifyDeliverPlan(planPathArg(path));
      if (!result.ok) throw new UsageError(result.error);
      const v = result.value;
      for (const f of v.files) {
        io.out(`${f.ok ? paint(io, 'ok      ', 32) : paint(io, 'FAIL    ', 31)} ${f.path}${f.problems.length ? `\n          ${f.problems.join('\n          ')}` : ''}\n`);
      }
      printFindings(io, v.mhlFindings.filter((f) => f.severity !== 'info'));
      const failed = v.files.filter((f) => !f.ok).length;
      const mhlErrors = v.mhlFindings.filter((f) => f.severity === 'error').length;
      io.out(`${v.ok ? 'OK' : 'FAILED'}: ${v.files.length - failed} of ${v.files.length} deliverables pass; MHL ${mhlErrors ? `${mhlErrors} problem${mhlErrors === 1 ? '' : 's'}` : 'verified'}\n`);
      if (!v.ok) io.exitCode = EXIT.findings;
    });
}
