import { buildReport, checkNamingConvention, conformEventsOf, conformStripSection, finding, locatedAt, specRuleTableSection, type Finding, type Report, type ReportSection } from '@picturelock/core';
import type { RenderJobSpec, RenderJobStatus } from '@picturelock/host-bridge/browser';
import { ensureHost, hostCall } from './host.ts';
import { panelFindingsOf, selectConvention, selectDeliverPlan } from './selectors.ts';
import type { DeliverSlice, PanelJob, SliceContext } from './types.ts';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** The tool version written into panel reports. */
export const PANEL_VERSION = '0.1.0';

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function createDeliverSlice(ctx: SliceContext): DeliverSlice {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0;
  let polling = false;

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (ctx.options.pollIntervalMs > 0 && ctx.get().deliverStatus === 'rendering') {
      timer = setTimeout(() => void ctx.get().pollOnce(), ctx.options.pollIntervalMs);
    }
  };

  /** The re-check of one job's output: it ended well, carries the planned extension and a name the convention accepts. */
  const recheckOf = (job: PanelJob): Finding[] | undefined => {
    const s = job.status;
    if (!s || !TERMINAL.has(s.state)) return undefined;
    const output = `${job.outputName}.${job.extension}`;
    if (s.state !== 'completed') {
      return [finding('DELIVER_JOB_FAILED', { job: job.jobId, output, reason: s.state === 'cancelled' ? 'cancelled in the render queue' : (s.error ?? 'the host reported a failure') })];
    }
    const path = s.outputPath ?? `${job.outputFolder}/${output}`;
    const name = baseName(path);
    const out: Finding[] = [];
    const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '';
    if (ext.toLowerCase() !== job.extension.toLowerCase()) {
      out.push(finding('DELIVER_JOB_FAILED', { job: job.jobId, output, reason: `the host wrote ${name}: a .${ext || '(no extension)'} file where the plan asks for .${job.extension} (pick a render preset that writes .${job.extension})` }));
    }
    const convention = selectConvention(ctx.get());
    if (convention) out.push(...checkNamingConvention(name, convention).findings.map((f) => locatedAt(f, { file: path })));
    return out;
  };

  return {
    deliverSelected: {},
    hostPresets: [],
    presetChoice: {},
    outputFolder: 'Deliveries',
    deliverJobs: [],
    deliverStatus: 'idle',
    toggleDeliverable(id) {
      const view = selectDeliverPlan(ctx.get());
      const now = ctx.get().deliverSelected[id] ?? view.implied.includes(id);
      ctx.set({ deliverSelected: { ...ctx.get().deliverSelected, [id]: !now } });
    },
    setHostPreset(deliverable, presetId) {
      ctx.set({ presetChoice: { ...ctx.get().presetChoice, [deliverable]: presetId } });
      const jobs = ctx.get().deliverJobs;
      if (ctx.get().deliverStatus === 'planned') ctx.set({ deliverJobs: jobs.map((j) => (j.deliverable === deliverable ? { ...j, presetId } : j)) });
    },
    setOutputFolder(folder) {
      ctx.set({ outputFolder: folder });
    },
    async loadPresets() {
      if (!(await ensureHost(ctx))) return;
      if (!ctx.get().hostInfo?.capabilities.renderQueue) return;
      const r = await hostCall(ctx, 'list the render presets', () => ctx.host.listRenderPresets());
      if (r.ok) ctx.set({ hostPresets: r.value });
    },
    async planDelivery() {
      if (ctx.get().deliverStatus === 'rendering') {
        ctx.get().notify({ level: 'warning', title: 'Delivery is rendering', message: 'A new plan would lose track of the jobs now rendering.', action: 'Wait for them to finish, or Cancel them first.', code: 'RENDER_QUEUE_BUSY' });
        return false;
      }
      if (!(await ensureHost(ctx))) return false;
      if (!ctx.get().hostInfo?.capabilities.renderQueue) {
        ctx.get().notify({ level: 'warning', title: 'No render queue', message: `${ctx.get().hostInfo?.name ?? 'This host'} gives a panel no render queue.`, action: 'Plan and render with `picturelock deliver` on the command line.', code: 'NOT_SUPPORTED' });
        return false;
      }
      if (!ctx.get().current) await ctx.get().refresh();
      if (!ctx.get().current) return false;
      if (ctx.get().hostPresets.length === 0) await ctx.get().loadPresets();
      const presets = ctx.get().hostPresets;
      if (presets.length === 0) {
        ctx.get().notify({ level: 'error', title: 'No render presets', message: 'The host lists no render presets to render with.', action: 'Add an export preset in the host, then plan again.', code: 'NOT_SUPPORTED' });
        return false;
      }
      const view = selectDeliverPlan(ctx.get());
      if (!view.plan) {
        ctx.get().notify({ level: 'error', title: 'Cannot plan', message: view.error ?? 'The delivery could not be planned.' });
        return false;
      }
      const chosen = view.jobs.filter((j) => j.selected);
      if (chosen.length === 0) {
        ctx.get().notify({ level: 'warning', title: 'No deliverables chosen', message: 'Tick at least one deliverable to plan.', code: 'NOTHING_TO_DO' });
        return false;
      }
      run++;
      const folder = ctx.get().outputFolder.replace(/[\\/]+$/, '') || 'Deliveries';
      const jobs = chosen.map(({ job, deliverable }): PanelJob => {
        const presetId = ctx.get().presetChoice[deliverable] ?? (presets.find((p) => p.extension === job.container) ?? presets[0]!).id;
        const dot = job.output.name.lastIndexOf('.');
        return {
          jobId: `r${run}-${job.id}`,
          deliverable,
          label: job.label,
          presetId,
          // Straight into the chosen folder: the hosts' render queues do not all create missing
          // sub-folders (the UXP export fails on one), and the planned names are unique.
          outputFolder: folder,
          outputName: dot > 0 ? job.output.name.slice(0, dot) : job.output.name,
          extension: job.container,
        };
      });
      ctx.set({ deliverJobs: jobs, deliverStatus: 'planned', report: undefined });
      return true;
    },
    async queueDelivery() {
      const st = ctx.get().deliverStatus;
      if (st === 'rendering') {
        ctx.get().notify({ level: 'warning', title: 'Already rendering', message: 'These jobs are in the render queue now.', action: 'Watch the progress below, or Cancel.', code: 'RENDER_QUEUE_BUSY' });
        return false;
      }
      if (st !== 'planned' && !(await ctx.get().planDelivery())) return false;
      const tl = ctx.get().current;
      if (!tl) return false;
      const jobs = ctx.get().deliverJobs;
      const specs: RenderJobSpec[] = jobs.map((j) => ({ jobId: j.jobId, timelineId: tl.ref.id, presetId: j.presetId, outputFolder: j.outputFolder, outputName: j.outputName }));
      const queued = await hostCall(ctx, 'queue the render jobs', () => ctx.host.queueRenderJobs(specs));
      if (!queued.ok) return false;
      const ids = jobs.map((j) => j.jobId);
      const started = await hostCall(ctx, 'start the render', () => ctx.host.startRender(ids));
      const byId = new Map(queued.value.map((s) => [s.jobId, s]));
      ctx.set({ deliverJobs: jobs.map((j) => ({ ...j, ...(byId.has(j.jobId) ? { status: byId.get(j.jobId)! } : {}) })), deliverStatus: started.ok ? 'rendering' : 'planned' });
      if (!started.ok) return false;
      ctx.get().notify({ level: 'info', title: 'Rendering', message: `${jobs.length} job${jobs.length === 1 ? '' : 's'} queued in ${ctx.get().hostInfo?.name ?? 'the host'}.` });
      schedule();
      return true;
    },
    async pollOnce() {
      if (polling || ctx.get().deliverStatus !== 'rendering') return;
      polling = true;
      try {
        const ids = ctx.get().deliverJobs.map((j) => j.jobId);
        const r = await hostCall(ctx, 'read the render progress', () => ctx.host.pollRenderJobs(ids));
        if (!r.ok) {
          ctx.set({ deliverStatus: 'planned' });
          return;
        }
        const byId = new Map<string, RenderJobStatus>(r.value.map((s) => [s.jobId, s]));
        const jobs = ctx.get().deliverJobs.map((j) => (byId.has(j.jobId) ? { ...j, status: byId.get(j.jobId)! } : j));
        ctx.set({ deliverJobs: jobs });
        if (jobs.every((j) => j.status && TERMINAL.has(j.status.state))) {
          ctx.set({ deliverStatus: 'done' });
          ctx.get().recheckDelivery();
          const bad = ctx.get().deliverJobs.filter((j) => j.status?.state !== 'completed' || (j.recheck ?? []).some((f) => f.severity === 'error')).length;
          ctx.get().notify(
            bad === 0
              ? { level: 'success', title: 'Delivery complete', message: `${jobs.length} file${jobs.length === 1 ? '' : 's'} rendered and re-checked.`, action: 'Open the report to hand it over.' }
              : { level: 'error', title: 'Delivery has problems', message: `${bad} of ${jobs.length} job${jobs.length === 1 ? '' : 's'} failed or did not pass the re-check.`, action: 'Read the job rows below, fix, then plan and queue again.' },
          );
        }
      } finally {
        polling = false;
        schedule();
      }
    },
    async cancelDelivery() {
      const open = ctx.get().deliverJobs.filter((j) => j.status && !TERMINAL.has(j.status.state)).map((j) => j.jobId);
      if (ctx.get().deliverStatus !== 'rendering' || open.length === 0) {
        ctx.get().notify({ level: 'info', title: 'Nothing to cancel', message: 'No job of this delivery is queued or rendering.', code: 'NOTHING_TO_DO' });
        return;
      }
      if (!ctx.get().hostInfo?.capabilities.cancelRender) {
        ctx.get().notify({ level: 'warning', title: 'Cannot cancel from the panel', message: `${ctx.get().hostInfo?.name ?? 'This host'} does not let a panel stop its render queue.`, action: 'Stop the render in the host itself.', code: 'NOT_SUPPORTED' });
        return;
      }
      const r = await hostCall(ctx, 'cancel the render', () => ctx.host.cancelRender(open));
      if (r.ok) await ctx.get().pollOnce();
    },
    recheckDelivery() {
      const jobs = ctx.get().deliverJobs;
      if (jobs.length === 0 || jobs.every((j) => !j.status)) {
        ctx.get().notify({ level: 'info', title: 'Nothing rendered yet', message: 'Queue the delivery first; the re-check reads the files the host wrote.', code: 'NOTHING_TO_DO' });
        return;
      }
      ctx.set({ deliverJobs: jobs.map((j) => {
        const recheck = recheckOf(j);
        return recheck ? { ...j, recheck } : j;
      }) });
    },
    buildPanelReport(): Report {
      const s = ctx.get();
      const tl = s.checkedTimeline ?? s.current;
      const findings = panelFindingsOf(s);
      const sections: ReportSection[] = [];
      if (tl) sections.push(conformStripSection(tl.timeline, conformEventsOf(tl.timeline), findings));
      if (s.specEvaluation) sections.push(specRuleTableSection(s.specEvaluation));
      if (s.deliverJobs.length) {
        sections.push({
          kind: 'table',
          title: 'Deliverables',
          columns: ['job', 'deliverable', 'output', 'state', 'percent'],
          rows: s.deliverJobs.map((j) => [j.jobId, j.label, j.status?.outputPath ?? `${j.outputFolder}/${j.outputName}.${j.extension}`, j.status?.state ?? 'planned', String(j.status?.percent ?? 0)]),
        });
      }
      const report = buildReport({
        title: `Picturelock: ${tl?.timeline.name ?? 'no timeline'}`,
        toolVersion: PANEL_VERSION,
        generatedAt: ctx.options.now().toISOString(),
        inputs: tl ? [{ path: tl.ref.name, role: `timeline in ${s.hostInfo?.name ?? 'the host'}` }] : [],
        findings,
        waivers: s.waivers,
        sections,
      });
      ctx.set({ report });
      return report;
    },
  };
}
