import { buildReport, finding, renderHtml, type Finding, type Report, type ReportSection, type Waiver } from '../findings/index.ts';
import { formatFrameRate, framesOf, timecodeOf, type Rate } from '../time/index.ts';
import { DELIVER_REPORT_SCHEMA, type DeliverCheckRow, type DeliverJobState, type DeliverPlan, type DeliverSidecar, type DeliverSource } from './model.ts';

/**
 * The delivery report: every deliverable with its checks, checksum, duration and size; the
 * timeline version and sources it came from; waivers; what failed and why. The JSON form
 * (`picturelock.deliver-report/1`) carries everything; the HTML is the shared report page
 * with deliverable sections.
 */
export interface DeliverReportDeliverable {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  /** Package-relative path. */
  readonly path: string;
  readonly state: DeliverJobState;
  readonly reason?: string;
  readonly container: string;
  readonly timecode: string;
  readonly record: { readonly in: string; readonly out: string };
  readonly durationFrames?: number;
  readonly durationRate?: Rate;
  /** Duration as `HH:MM:SS:FF` (video) or seconds to the millisecond (audio-only). */
  readonly duration?: string;
  readonly sizeBytes?: number;
  readonly checksum?: { readonly algorithm: string; readonly value: string };
  readonly checks: readonly DeliverCheckRow[];
}

export interface DeliverReportJson {
  readonly schema: typeof DELIVER_REPORT_SCHEMA;
  readonly title: string;
  readonly generatedAt: string;
  readonly tool: { readonly name: 'picturelock'; readonly version: string };
  readonly plan: string;
  readonly timeline: { readonly name: string; readonly file?: string; readonly version: string; readonly rate: string; readonly startTimecode: string; readonly durationFrames: number };
  readonly profile: { readonly id: string; readonly name: string; readonly edition: string };
  readonly sources: readonly DeliverSource[];
  readonly deliverables: readonly DeliverReportDeliverable[];
  readonly sidecars: readonly DeliverSidecar[];
  readonly waivers: readonly Waiver[];
  readonly failed: readonly { readonly id: string; readonly path: string; readonly why: string }[];
  readonly findings: readonly Finding[];
  readonly summary: { readonly deliverables: number; readonly verified: number; readonly failed: number; readonly notDone: number };
}

export interface DeliverReportInput {
  readonly plan: DeliverPlan;
  /** ISO 8601, passed in so the report is reproducible. */
  readonly generatedAt: string;
  readonly toolVersion: string;
}

function durationText(frames: number, r: Rate, video: boolean, tc: { num: number; den: number; dropFrame: boolean }): string {
  if (video) return timecodeOf(frames, tc, { wrap24h: false });
  const ms = Math.round((frames * r.den * 1000) / r.num);
  return `${(ms / 1000).toFixed(3)} s`;
}

function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes < 1e6 ? `${bytes} B` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The JSON report and the report model (for HTML) of a plan as it stands. */
export function deliverReportOf(input: DeliverReportInput): { json: DeliverReportJson; report: Report } {
  const plan = input.plan;
  const tl = plan.timeline;
  const startFrames = framesOf(tl.startTimecode, tl.rate);
  const findings: Finding[] = [...plan.findings];
  const failed: { id: string; path: string; why: string }[] = [];
  const deliverables: DeliverReportDeliverable[] = plan.jobs.map((j) => {
    const path = `${j.output.folder}/${j.output.name}`;
    if (j.state === 'failed') {
      failed.push({ id: j.id, path, why: j.reason ?? 'no reason recorded' });
      findings.push(finding('DELIVER_JOB_FAILED', { job: j.id, output: path, reason: j.reason ?? 'no reason recorded' }, { where: { file: path } }));
    } else if (j.state !== 'verified') {
      findings.push(finding('DELIVER_JOB_NOT_DONE', { job: j.id, output: path, state: j.state }, { where: { file: path } }));
    }
    const r = j.result;
    const recIn = timecodeOf(startFrames + j.range.start, tl.rate);
    return {
      id: j.id,
      kind: j.kind,
      label: j.label,
      path,
      state: j.state,
      ...(j.reason !== undefined ? { reason: j.reason } : {}),
      container: j.container,
      timecode: j.timecode,
      record: { in: recIn, out: timecodeOf(startFrames + j.range.end, tl.rate) },
      ...(r?.durationFrames !== undefined && r.durationRate
        ? { durationFrames: r.durationFrames, durationRate: r.durationRate, duration: durationText(r.durationFrames, r.durationRate, j.video !== undefined, tl.rate) }
        : {}),
      ...(r ? { sizeBytes: r.sizeBytes } : {}),
      ...(r?.checksum ? { checksum: r.checksum } : {}),
      checks: r?.checks ?? [],
    };
  });
  for (const s of plan.sidecars) {
    if (s.state === 'failed') findings.push(finding('DELIVER_SIDECAR_FAILED', { path: s.path, reason: s.reason ?? 'no reason recorded' }, { where: { file: s.path } }));
  }
  const verified = plan.jobs.filter((j) => j.state === 'verified').length;
  const json: DeliverReportJson = {
    schema: DELIVER_REPORT_SCHEMA,
    title: `Delivery: ${plan.title}`,
    generatedAt: input.generatedAt,
    tool: { name: 'picturelock', version: input.toolVersion },
    plan: plan.id,
    timeline: { name: tl.name, ...(tl.file !== undefined ? { file: tl.file } : {}), version: tl.version, rate: formatFrameRate(tl.rate), startTimecode: tl.startTimecode, durationFrames: tl.durationFrames },
    profile: { id: plan.profile.id, name: plan.profile.name, edition: plan.profile.edition },
    sources: plan.sources,
    deliverables,
    sidecars: plan.sidecars,
    waivers: plan.waivers,
    failed,
    findings,
    summary: { deliverables: plan.jobs.length, verified, failed: failed.length, notDone: plan.jobs.length - verified - failed.length },
  };

  const sections: ReportSection[] = [
    {
      kind: 'text',
      title: 'Cut',
      text: `${tl.name}${tl.file ? ` (${tl.file})` : ''}, version ${tl.version}, ${formatFrameRate(tl.rate)}, starts ${tl.startTimecode}, ${tl.durationFrames} frames. Profile ${plan.profile.name} (${plan.profile.id}, ${plan.profile.edition}). Plan ${plan.id}.`,
    },
    {
      kind: 'table',
      title: 'Deliverables',
      columns: ['Job', 'Kind', 'File', 'State', 'Timecode', 'Duration', 'Size', 'Checksum', 'Why'],
      rows: deliverables.map((d) => [d.id, d.kind, d.path, d.state, d.timecode, d.duration ?? '', sizeText(d.sizeBytes), d.checksum ? `${d.checksum.algorithm} ${d.checksum.value}` : '', d.reason ?? '']),
    },
    {
      kind: 'table',
      title: 'Sidecars',
      columns: ['Kind', 'Path', 'State', 'Why'],
      rows: plan.sidecars.map((s) => [s.kind, s.path, s.state, s.reason ?? '']),
    },
    {
      kind: 'table',
      title: 'Sources',
      columns: ['#', 'Path', 'Reel', 'Clip', 'Start timecode'],
      rows: plan.sources.map((s, i) => [String(i + 1), s.path, s.reel ?? '', s.clip ?? '', s.startTimecode ?? '']),
    },
    ...deliverables
      .filter((d) => d.checks.length > 0)
      .map(
        (d): ReportSection => ({
          kind: 'table',
          title: `Checks: ${d.path}`,
          columns: ['Profile', 'Rule', 'Requested', 'Actual', 'Outcome', 'Severity'],
          rows: d.checks.map((c) => [c.profile, c.rule, c.requested, c.actual, c.outcome, c.severity]),
        }),
      ),
  ];
  const report = buildReport({
    title: json.title,
    toolVersion: input.toolVersion,
    generatedAt: input.generatedAt,
    inputs: [...(tl.file ? [{ path: tl.file, role: 'timeline' }] : []), { path: plan.profile.id, role: 'profile' }],
    findings,
    waivers: plan.waivers,
    sections,
  });
  return { json, report };
}

/** The self-contained HTML page of a delivery report. */
export function deliverReportHtml(report: Report): string {
  return renderHtml(report);
}
