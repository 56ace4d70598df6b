import {
  checkNamingConvention,
  conformTrackLabel,
  deliverPlanOf,
  deliverRequestsOfProfile,
  formatFrameRate,
  rangesInTrack,
  rescaledTo,
  sortedFindings,
  specFactsOfTimeline,
  specProfileResolved,
  timecodeOf,
  timelineDuration,
  waiverMatches,
  type DeliverJob,
  type DeliverPlan,
  type DeliveryProfile,
  type Finding,
  type NamingConvention,
  type Result,
  type Severity,
  type SpecFacts,
  type Waiver,
} from '@picturelock/core';
import type { HostTimeline } from '@picturelock/host-bridge/browser';
import type { PanelState } from './types.ts';

/**
 * Derived values. Each selector recomputes only when the state fields it reads change
 * (reference equality), so React's `useStore(store, selector)` gets a stable snapshot.
 */
function memo<A extends readonly unknown[], R>(inputs: (s: PanelState) => A, compute: (...args: NoInfer<[...A]>) => R): (s: PanelState) => R {
  let last: A | undefined;
  let value: R;
  return (s) => {
    const now = inputs(s);
    if (!last || now.length !== last.length || now.some((x, i) => x !== last![i])) {
      value = compute(...now);
      last = now;
    }
    return value;
  };
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface FindingRows {
  /** Unwaived findings (checks and the offline comparison) that pass the severity and code filters, errors first then by record position. */
  readonly visible: readonly Finding[];
  readonly waived: readonly { readonly finding: Finding; readonly waiver: Waiver }[];
  /** Unwaived findings per severity, within the code filter. */
  readonly counts: Readonly<Record<Severity, number>>;
  /** Every code among the unwaived findings, with its count, most frequent first. */
  readonly codes: readonly { readonly code: string; readonly count: number }[];
}

export const selectFindingRows = memo(
  (s: PanelState) => [s.checkFindings, s.compareFindings, s.waivers, s.severityFilter, s.codeFilter] as const,
  (checks, compared, waivers, sev, code): FindingRows => {
    const kept: Finding[] = [];
    const waived: { finding: Finding; waiver: Waiver }[] = [];
    for (const f of [...checks, ...compared]) {
      const w = waivers.length ? waivers.find((x) => waiverMatches(x, f)) : undefined;
      if (w) waived.push({ finding: f, waiver: w });
      else kept.push(f);
    }
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    const byCode = new Map<string, number>();
    for (const f of kept) {
      byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
      if (!code || f.code === code) counts[f.severity]++;
    }
    const visible = sortedFindings(kept.filter((f) => sev[f.severity] && (!code || f.code === code)));
    const codes = [...byCode].map(([c, count]) => ({ code: c, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    return { visible, waived, counts, codes };
  },
);

export interface TrackSummary {
  readonly label: string;
  readonly kind: 'video' | 'audio';
  readonly events: number;
  /** Every item in record order: its kind, its record frames from the timeline start and its name. */
  readonly items: readonly { readonly kind: 'clip' | 'gap' | 'transition' | 'stack'; readonly start: number; readonly frames: number; readonly name: string }[];
}

export interface TimelineSummary {
  readonly id: string;
  readonly name: string;
  readonly rate: string;
  readonly startTimecode: string;
  /** Duration as a timecode-style length and in frames. */
  readonly duration: string;
  readonly durationFrames: number;
  readonly startFrame: number;
  readonly events: number;
  readonly tracks: readonly TrackSummary[];
}

export function timelineSummaryOf(ht: HostTimeline): TimelineSummary {
  const tl = ht.timeline;
  const frames = timelineDuration(tl).value;
  const startFrame = rescaledTo(tl.globalStart, tl.rate, 'round');
  const tracks = tl.tracks.map((t, i): TrackSummary => {
    const ranges = rangesInTrack(t, tl.rate);
    const items = t.children.map((c, k) => ({ kind: c.kind, start: ranges[k]!.start.value, frames: ranges[k]!.duration.value, name: c.kind === 'gap' ? '' : c.name }));
    return { label: conformTrackLabel(tl, i), kind: t.trackKind, events: items.filter((x) => x.kind === 'clip').length, items };
  });
  return {
    id: ht.ref.id,
    name: tl.name,
    rate: formatFrameRate(tl.rate),
    startTimecode: timecodeOf(startFrame, tl.rate),
    duration: timecodeOf(frames, tl.rate, { wrap24h: false }),
    durationFrames: frames,
    startFrame,
    events: tracks.reduce((n, t) => n + t.events, 0),
    tracks,
  };
}

export const selectTimelineSummary = memo((s: PanelState) => [s.current] as const, (ht) => (ht ? timelineSummaryOf(ht) : undefined));

/** Record timecode label of a frame from the timeline start, for the list and the strip. */
export function recordLabel(ht: HostTimeline | undefined, frame: number): string {
  if (!ht) return String(frame);
  const tl = ht.timeline;
  return timecodeOf(rescaledTo(tl.globalStart, tl.rate, 'round') + frame, tl.rate);
}

export interface StripBucket {
  /** Worst severity of the findings that touch the bucket, or undefined for none. */
  readonly severity?: Severity;
  readonly count: number;
  /** Index into the visible list of the first finding in the bucket. */
  readonly first: number;
}

/** The visible findings on `n` equal slices of the timeline: where they sit, and the worst of each slice. */
export function stripBucketsOf(visible: readonly Finding[], durationFrames: number, n: number): StripBucket[] {
  const out: { severity?: Severity; count: number; first: number }[] = Array.from({ length: n }, () => ({ count: 0, first: -1 }));
  if (durationFrames <= 0) return out;
  const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
  visible.forEach((f, i) => {
    const fr = f.where.frames;
    if (!fr) return;
    const a = Math.max(0, Math.min(n - 1, Math.floor((fr.start * n) / durationFrames)));
    const b = Math.max(a, Math.min(n - 1, Math.floor((Math.max(fr.start, fr.end - 1) * n) / durationFrames)));
    for (let k = a; k <= b; k++) {
      const cell = out[k]!;
      cell.count++;
      if (cell.first < 0) cell.first = i;
      if (!cell.severity || rank[f.severity] > rank[cell.severity]) cell.severity = f.severity;
    }
  });
  return out;
}

export const selectProfile = memo(
  (s: PanelState) => [s.profileId, s.profileList] as const,
  (id, list): Result<DeliveryProfile, string> => {
    const p = list.find((x) => x.id === id);
    if (!p) return { ok: false, error: `no delivery profile "${id}"` };
    return specProfileResolved(p, list);
  },
);

export const selectConvention = memo(
  (s: PanelState) => [s.conventionId, s.conventionList] as const,
  (id, list): NamingConvention | undefined => list.find((c) => c.data.id === id),
);

/** The sequence settings as spec facts: rate, drop-frame, raster (when the host states it), start timecode, duration. */
export const selectSpecFacts = memo(
  (s: PanelState) => [s.current] as const,
  (ht): SpecFacts | undefined => {
    if (!ht) return undefined;
    const tl = ht.timeline;
    let raster: { width: number; height: number } | undefined;
    for (const key of ['fcp7xml', 'fcpxml', 'otio', 'premiere', 'resolve']) {
      const m = tl.metadata[key] as { width?: unknown; height?: unknown } | undefined;
      if (typeof m?.width === 'number' && typeof m.height === 'number') {
        raster = { width: m.width, height: m.height };
        break;
      }
    }
    return specFactsOfTimeline({
      name: tl.name,
      rate: tl.rate,
      ...(raster ?? {}),
      startFrames: rescaledTo(tl.globalStart, tl.rate, 'round'),
      durationFrames: timelineDuration(tl).value,
    });
  },
);

/** Field values the editor did not type: today's date for a `date` field. */
function namingDefaults(values: Readonly<Record<string, string>>, today: string): Record<string, string> {
  return { date: today, ...values };
}

export interface PlannedJob {
  readonly job: DeliverJob;
  /** The preset request the job came from, without a variant (`social-9x16`). */
  readonly deliverable: string;
  readonly selected: boolean;
  /** The output file name checked against the convention. */
  readonly nameFindings: readonly Finding[];
}

export interface DeliverPlanView {
  readonly plan?: DeliverPlan;
  /** Planning findings (naming, rate, missing sources) plus the profile problem, when any. */
  readonly findings: readonly Finding[];
  readonly jobs: readonly PlannedJob[];
  /** Deliverables the profile asks for, chosen by default. */
  readonly implied: readonly string[];
  readonly error?: string;
}

/** The base deliverable id of a preset request (`social-9x16:pad` -> `social-9x16`). */
export const deliverableOf = (preset: string) => preset.split(':')[0]!;

/**
 * Planning findings about the standalone ffmpeg renderer only: in a panel the host renders
 * every edit itself, so these would only mislead.
 */
const STANDALONE_ONLY = new Set(['DELIVER_EDIT_UNSUPPORTED']);

export const selectDeliverPlan = memo(
  (s: PanelState) => [s.current, selectProfile(s), selectConvention(s), s.namingValues, s.deliverSelected, s.waivers, s.today] as const,
  (ht, profile, convention, values, chosen, waivers, today): DeliverPlanView => {
    if (!ht) return { findings: [], jobs: [], implied: [], error: 'No timeline loaded: press Refresh on the Timeline tab.' };
    if (!profile.ok) return { findings: [], jobs: [], implied: [], error: profile.error };
    const implied = deliverRequestsOfProfile(profile.value).requests;
    const extra = Object.keys(chosen).filter((k) => chosen[k] && !implied.includes(k));
    const { plan, findings } = deliverPlanOf({
      timeline: ht.timeline,
      profile: profile.value,
      extra,
      ...(convention ? { naming: { convention } } : {}),
      fields: namingDefaults(values, today),
      waivers,
    });
    const jobs = plan.jobs.map((job): PlannedJob => {
      const deliverable = deliverableOf(job.preset);
      const selected = chosen[deliverable] ?? implied.includes(deliverable);
      return { job, deliverable, selected, nameFindings: convention ? checkNamingConvention(job.output.name, convention).findings : [] };
    });
    return { plan, findings: findings.filter((f) => !STANDALONE_ONLY.has(f.code)), jobs, implied };
  },
);

export interface DeliverProgress {
  readonly total: number;
  readonly completed: number;
  readonly failed: number;
  /** Mean percent of every job, 0 to 100. */
  readonly percent: number;
  readonly running: boolean;
}

export const selectDeliverProgress = memo(
  (s: PanelState) => [s.deliverJobs] as const,
  (jobs): DeliverProgress => {
    const total = jobs.length;
    const completed = jobs.filter((j) => j.status?.state === 'completed').length;
    const failed = jobs.filter((j) => j.status?.state === 'failed' || j.status?.state === 'cancelled').length;
    const percent = total ? Math.round(jobs.reduce((n, j) => n + (j.status?.percent ?? 0), 0) / total) : 0;
    const running = jobs.some((j) => !j.status || j.status.state === 'queued' || j.status.state === 'running');
    return { total, completed, failed, percent, running };
  },
);

/** Every finding the panel holds, for the report: checks, the offline comparison, the spec evaluation, naming of the plan, the delivery re-check. */
export function panelFindingsOf(s: PanelState): Finding[] {
  const plan = selectDeliverPlan(s);
  const naming = plan.jobs.filter((j) => j.selected).flatMap((j) => j.nameFindings.map((f) => ({ ...f, where: { ...f.where, file: `${j.job.output.folder}/${j.job.output.name}` } })));
  return [...s.checkFindings, ...s.compareFindings, ...(s.specEvaluation?.findings ?? []), ...plan.findings, ...naming, ...s.deliverJobs.flatMap((j) => j.recheck ?? [])];
}
