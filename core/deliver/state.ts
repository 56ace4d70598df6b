import { finding, type Finding } from '../findings/index.ts';
import { err, ok, type Result } from '../time/index.ts';
import type { DeliverJob, DeliverJobResult, DeliverJobState, DeliverPlan } from './model.ts';

/**
 * The job state machine. Legal moves:
 * - planned -> running (started), planned -> failed (cannot start: blockers, missing media)
 * - running -> rendered (output renamed into place), running -> failed, running -> planned
 *   (an interrupted run found on resume: its temporary file is discarded)
 * - rendered -> verified (probe and every check passed), rendered -> failed (a check failed)
 * - failed -> planned (retry), verified -> planned (re-render asked for, or stale)
 */
export const DELIVER_TRANSITIONS: Readonly<Record<DeliverJobState, readonly DeliverJobState[]>> = {
  planned: ['running', 'failed'],
  running: ['rendered', 'failed', 'planned'],
  rendered: ['verified', 'failed', 'planned'],
  verified: ['planned'],
  failed: ['planned'],
};

export function deliverCanTransition(from: DeliverJobState, to: DeliverJobState): boolean {
  return DELIVER_TRANSITIONS[from].includes(to);
}

export interface DeliverTransition {
  readonly to: DeliverJobState;
  /** Required when moving to `failed`. */
  readonly reason?: string;
  readonly result?: DeliverJobResult;
}

/** The plan with one job moved to a new state; an illegal move or an unknown job is an error naming both states. */
export function deliverJobTransitioned(plan: DeliverPlan, jobId: string, t: DeliverTransition): Result<DeliverPlan, string> {
  const job = plan.jobs.find((j) => j.id === jobId);
  if (!job) return err(`no job ${jobId} in plan ${plan.id}`);
  if (!deliverCanTransition(job.state, t.to)) return err(`job ${jobId}: ${job.state} -> ${t.to} is not a legal move (from ${job.state}: ${DELIVER_TRANSITIONS[job.state].join(', ')})`);
  if (t.to === 'failed' && !t.reason) return err(`job ${jobId}: a failure needs a reason`);
  const { reason: _r, stale: _s, ...rest } = job;
  const next: DeliverJob = {
    ...rest,
    state: t.to,
    attempts: job.attempts + (t.to === 'running' ? 1 : 0),
    ...(t.to === 'failed' ? { reason: t.reason! } : {}),
    ...(t.result ? { result: t.result } : t.to === 'planned' || t.to === 'running' ? { result: undefined } : {}),
  };
  const clean = JSON.parse(JSON.stringify(next)) as DeliverJob;
  return ok({ ...plan, jobs: plan.jobs.map((j) => (j.id === jobId ? clean : j)) });
}

export interface DeliverReplan {
  /** The new plan carrying over the state of every job whose fingerprint did not change. */
  readonly plan: DeliverPlan;
  /** Jobs that had run (rendered, verified or failed) and changed: they are planned again. */
  readonly stale: readonly string[];
  readonly added: readonly string[];
  /** Jobs of the old plan that the new one no longer has. */
  readonly removed: readonly string[];
  readonly findings: readonly Finding[];
}

/**
 * A fresh plan compared with the one on disk. A job is matched by id; an unchanged fingerprint
 * keeps its state and result, a changed one becomes `planned` and is reported stale when it
 * had already run. MHL generations already written are kept.
 */
export function deliverPlanReplanned(old: DeliverPlan, fresh: DeliverPlan): DeliverReplan {
  const before = new Map(old.jobs.map((j) => [j.id, j]));
  const stale: string[] = [];
  const added: string[] = [];
  const findings: Finding[] = [];
  const jobs = fresh.jobs.map((j): DeliverJob => {
    const o = before.get(j.id);
    if (!o) {
      added.push(j.id);
      return j;
    }
    if (o.fingerprint === j.fingerprint) {
      return { ...j, state: o.state === 'running' ? 'planned' : o.state, attempts: o.attempts, ...(o.reason !== undefined ? { reason: o.reason } : {}), ...(o.result ? { result: o.result } : {}) };
    }
    if (o.state !== 'planned') {
      stale.push(j.id);
      findings.push(finding('DELIVER_JOB_STALE', { job: j.id, output: `${j.output.folder}/${j.output.name}`, was: o.state }));
      return { ...j, attempts: o.attempts, stale: { was: o.state } };
    }
    return { ...j, attempts: o.attempts };
  });
  const ids = new Set(fresh.jobs.map((j) => j.id));
  const removed = old.jobs.filter((j) => !ids.has(j.id)).map((j) => j.id);
  return { plan: { ...fresh, jobs, mhl: old.mhl, findings: [...fresh.findings, ...findings] }, stale, added, removed, findings };
}

/** Jobs a run still has to do: anything not verified (a failed job is tried again). */
export function deliverPendingJobs(plan: DeliverPlan): DeliverJob[] {
  return plan.jobs.filter((j) => j.state !== 'verified');
}

/** Counts by state, for summaries. */
export function deliverStateCounts(plan: DeliverPlan): Record<DeliverJobState, number> {
  const out: Record<DeliverJobState, number> = { planned: 0, running: 0, rendered: 0, verified: 0, failed: 0 };
  for (const j of plan.jobs) out[j.state]++;
  return out;
}
