import { useEffect } from 'react';
import { DELIVER_PRESETS, renderHtml, renderText } from '@picturelock/core';
import { selectDeliverPlan, selectDeliverProgress, selectProfile } from '../store/selectors.ts';
import type { PanelJob } from '../store/types.ts';
import { usePanel, usePanelStore } from './context.ts';
import { Select } from './Select.tsx';

function JobRow({ job }: { job: PanelJob }) {
  const s = job.status;
  const pct = s?.percent ?? 0;
  const state = s?.state ?? 'planned';
  const fill = state === 'completed' ? ' pl-progress-done' : state === 'failed' || state === 'cancelled' ? ' pl-progress-failed' : '';
  const problems = job.recheck?.filter((f) => f.severity !== 'info') ?? [];
  return (
    <div className="pl-col" data-testid="job" data-state={state}>
      <div className="pl-tr">
        <span className="pl-td" style={{ width: 170 }}>{job.label}</span>
        <span className="pl-td pl-grow pl-mono">{s?.outputPath ?? `${job.outputFolder}/${job.outputName}.${job.extension}`}</span>
        <div style={{ width: 90, marginRight: 8 }}>
          <div className="pl-progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={`${job.label} progress`}>
            <div className={`pl-progress-fill${fill}`} style={{ width: `${state === 'completed' ? 100 : pct}%` }} />
          </div>
        </div>
        <span className={`pl-td ${state === 'completed' ? 'pl-ok' : state === 'failed' || state === 'cancelled' ? 'pl-bad' : ''}`} style={{ width: 90 }} data-testid="job-state">
          {state === 'running' ? `${pct}%` : state}
        </span>
        <span className={`pl-td ${job.recheck ? (problems.length ? 'pl-bad' : 'pl-ok') : 'pl-dim'}`} style={{ width: 80 }}>
          {job.recheck ? (problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'checked ok') : ''}
        </span>
      </div>
      {s?.error ? <div className="pl-tr pl-bad" style={{ paddingLeft: 24 }}>{s.error}</div> : null}
      {problems.map((f, i) => (
        <div key={i} className="pl-tr pl-bad" style={{ paddingLeft: 24 }}>
          {f.message}
        </div>
      ))}
    </div>
  );
}

function Report() {
  const report = usePanel((s) => s.report);
  if (!report) return null;
  const canOpen = typeof window !== 'undefined' && typeof window.open === 'function' && typeof Blob !== 'undefined' && typeof URL.createObjectURL === 'function';
  const open = () => {
    const url = URL.createObjectURL(new Blob([renderHtml(report)], { type: 'text/html' }));
    window.open(url, '_blank');
  };
  return (
    <div className="pl-col" data-testid="report">
      <div className="pl-bar">
        <span className="pl-section pl-grow">
          Report: {report.summary.error} errors, {report.summary.warning} warnings, {report.summary.info} notes, {report.summary.waived} waived
        </span>
        {canOpen ? (
          <button type="button" onClick={open}>
            Open HTML report
          </button>
        ) : null}
      </div>
      <div className="pl-pre" data-testid="report-text">{renderText(report, { color: false })}</div>
    </div>
  );
}

/** Deliver: choose deliverables, plan them from the profile and naming, queue them in the host, watch, re-check, report. */
export function DeliverView() {
  const a = usePanelStore().getState();
  const profile = usePanel(selectProfile);
  const plan = usePanel(selectDeliverPlan);
  const selected = usePanel((s) => s.deliverSelected);
  const presets = usePanel((s) => s.hostPresets);
  const choice = usePanel((s) => s.presetChoice);
  const folder = usePanel((s) => s.outputFolder);
  const jobs = usePanel((s) => s.deliverJobs);
  const status = usePanel((s) => s.deliverStatus);
  const progress = usePanel(selectDeliverProgress);
  const conventionId = usePanel((s) => s.conventionId);
  const hasPresets = presets.length > 0;
  useEffect(() => {
    if (!hasPresets) void a.loadPresets();
  }, [a, hasPresets]);
  const isOn = (id: string) => selected[id] ?? plan.implied.includes(id);
  const planned = plan.jobs.filter((j) => j.selected);
  const blocking = plan.findings.filter((f) => f.severity === 'error');
  return (
    <div className="pl-col">
      <div className="pl-dim">
        Profile <b>{profile.ok ? profile.value.name : '—'}</b> (Spec tab) · naming <b>{conventionId || 'Picturelock default'}</b> (Naming tab)
      </div>
      <div className="pl-section">Deliverables</div>
      <div className="pl-bar pl-wrap" data-testid="deliverables">
        {DELIVER_PRESETS.map((p) => (
          <label key={p.id} className="pl-field" title={p.label}>
            <input type="checkbox" checked={isOn(p.id)} onChange={() => a.toggleDeliverable(p.id)} data-testid={`deliverable-${p.id}`} />
            <span>{p.label}</span>
            {plan.implied.includes(p.id) ? <span className="pl-dim">&nbsp;(profile)</span> : null}
          </label>
        ))}
      </div>
      <div className="pl-bar">
        <label className="pl-field pl-grow" title="The folder the host renders into; each deliverable goes in its own sub-folder">
          <span className="pl-label">Output folder</span>
          <input className="pl-grow" value={folder} onChange={(e) => a.setOutputFolder(e.target.value)} data-testid="output-folder" />
        </label>
      </div>
      {plan.error ? <div className="pl-bad">{plan.error}</div> : null}
      <div className="pl-table" data-testid="plan">
        <div className="pl-tr pl-th">
          <span className="pl-td" style={{ width: 170 }}>Deliverable</span>
          <span className="pl-td pl-grow">Planned file</span>
          <span className="pl-td" style={{ width: 220 }}>Host render preset</span>
        </div>
        {planned.length === 0 ? <div className="pl-empty">No deliverable chosen.</div> : null}
        {planned.map((j) => (
          <div className="pl-tr" key={j.job.id}>
            <span className="pl-td" style={{ width: 170 }}>{j.job.label}</span>
            <span className="pl-td pl-grow pl-mono">{j.job.output.name}</span>
            <span className="pl-row" style={{ width: 220, overflow: 'hidden' }}>
              {presets.length ? (
                <Select
                  label={`Render preset for ${j.job.label}`}
                  value={choice[j.deliverable] ?? (presets.find((p) => p.extension === j.job.container) ?? presets[0]!).id}
                  onChange={(v) => a.setHostPreset(j.deliverable, v)}
                  options={presets.map((p) => ({ value: p.id, label: p.name }))}
                />
              ) : (
                <span className="pl-dim">read on Plan</span>
              )}
            </span>
          </div>
        ))}
      </div>
      {blocking.length || plan.findings.length ? (
        <div className="pl-dim">
          Planning notes: {plan.findings.map((f) => f.message).join(' · ')}
        </div>
      ) : null}
      <div className="pl-bar">
        <button type="button" onClick={() => void a.planDelivery()} data-testid="plan-delivery">
          Plan
        </button>
        <button type="button" className="pl-primary" onClick={() => void a.queueDelivery()} data-testid="queue-delivery">
          {status === 'planned' ? `Queue ${jobs.length} job${jobs.length === 1 ? '' : 's'}` : 'Plan and queue'}
        </button>
        <button type="button" onClick={() => void a.cancelDelivery()}>
          Cancel
        </button>
        <button type="button" onClick={() => a.recheckDelivery()}>
          Re-check
        </button>
        <button type="button" onClick={() => a.buildPanelReport()} data-testid="open-report">
          Report
        </button>
        <span className="pl-dim" data-testid="deliver-status">
          {status === 'rendering' ? `Rendering: ${progress.completed} of ${progress.total} done, ${progress.percent}%` : status === 'done' ? `Done: ${progress.completed} of ${progress.total} rendered${progress.failed ? `, ${progress.failed} failed` : ''}` : status === 'planned' ? `${jobs.length} job${jobs.length === 1 ? '' : 's'} planned` : ''}
        </span>
      </div>
      {jobs.length ? (
        <div className="pl-table" data-testid="jobs">
          <div className="pl-tr pl-th">
            <span className="pl-td" style={{ width: 170 }}>Job</span>
            <span className="pl-td pl-grow">Output</span>
            <span className="pl-td" style={{ width: 90 }}>Progress</span>
            <span className="pl-td" style={{ width: 90 }}>State</span>
            <span className="pl-td" style={{ width: 80 }}>Re-check</span>
          </div>
          {jobs.map((j) => (
            <JobRow key={j.jobId} job={j} />
          ))}
        </div>
      ) : null}
      <Report />
    </div>
  );
}
