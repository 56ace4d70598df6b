import { useState } from 'react';
import { describeWhere, type Finding } from '@picturelock/core';
import { SEVERITIES, selectFindingRows } from '../store/selectors.ts';
import { usePanel, usePanelStore } from './context.ts';
import { FINDING_ROW_HEIGHT, FindingsList } from './FindingsList.tsx';
import { Select } from './Select.tsx';
import { Strip } from './Strip.tsx';

const SEVERITY_NAMES = { error: 'Errors', warning: 'Warnings', info: 'Notes' } as const;

function NumberField({ label, value, onChange, title }: { label: string; value: number; onChange: (n: number) => void; title: string }) {
  return (
    <label className="pl-field" title={title}>
      <span className="pl-label">{label}</span>
      <input type="number" min={0} value={value} style={{ width: 48 }} onChange={(e) => onChange(Number(e.target.value))} />
    </label>
  );
}

function Detail({ f }: { f: Finding }) {
  const waive = usePanel((s) => s.waive);
  const go = usePanel((s) => s.goToFinding);
  const [reason, setReason] = useState('');
  return (
    <div className="pl-detail" data-testid="finding-detail">
      <div>
        <b>{f.code}</b> <span className="pl-dim">{describeWhere(f.where)}</span>
      </div>
      <div>{f.message}</div>
      {f.expected !== undefined || f.actual !== undefined ? (
        <div>
          <span className="pl-dim">expected</span> {f.expected ?? '—'} <span className="pl-dim">· actual</span> {f.actual ?? '—'}
        </div>
      ) : null}
      {f.fix ? (
        <div>
          <span className="pl-dim">fix:</span> {f.fix}
        </div>
      ) : null}
      {f.rule ? <div className="pl-dim">rule: {f.rule}</div> : null}
      <div className="pl-bar">
        <button type="button" onClick={() => void go(f)} disabled={!f.where.frames} title={f.where.frames ? 'Move the host playhead here' : 'This finding has no timeline position'}>
          Go to
        </button>
        <input aria-label="Waiver reason" placeholder="Reason to waive (who approved, why)" className="pl-grow" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button
          type="button"
          style={{ marginLeft: 4 }}
          onClick={() => {
            if (waive(f, reason)) setReason('');
          }}
        >
          Waive
        </button>
      </div>
    </div>
  );
}

/** Checks: run lint and conform, filter, walk the findings on the timeline, mark them, waive them. */
export function ChecksView() {
  const rows = usePanel(selectFindingRows);
  const status = usePanel((s) => s.checksStatus);
  const handles = usePanel((s) => s.handles);
  const flash = usePanel((s) => s.flashFrames);
  const sev = usePanel((s) => s.severityFilter);
  const code = usePanel((s) => s.codeFilter);
  const active = usePanel((s) => s.activeFinding);
  const timeline = usePanel((s) => s.checkedTimeline ?? s.current);
  const stale = usePanel((s) => s.checksStatus === 'done' && s.checkedTimeline !== s.current);
  const store = usePanelStore();
  const a = store.getState();
  const f = rows.visible[active];
  const listHeight = FINDING_ROW_HEIGHT * 12;
  return (
    <div className="pl-col">
      <div className="pl-bar">
        <button type="button" className="pl-primary" onClick={() => void a.runChecks()} data-testid="run-checks">
          {status === 'running' ? 'Checking…' : status === 'done' ? 'Run again' : 'Run checks'}
        </button>
        <NumberField label="Handles" value={handles} onChange={(n) => a.setCheckOptions({ handles: n })} title="Handles asked for on each side, in source frames" />
        <NumberField label="Flash <" value={flash} onChange={(n) => a.setCheckOptions({ flashFrames: n })} title="Events shorter than this many frames are flash frames" />
        <span className="pl-grow" />
        <button type="button" onClick={() => void a.markAll()} title="Write every finding in the list as a coloured marker on the sequence" data-testid="mark-all">
          Mark all
        </button>
      </div>
      {stale ? <div className="pl-warn">The timeline was read again since these checks ran: run them again.</div> : null}
      <Strip />
      <div className="pl-bar">
        {SEVERITIES.map((s) => (
          <button key={s} type="button" aria-pressed={sev[s]} className={sev[s] ? '' : 'pl-toggle-off'} onClick={() => a.toggleSeverity(s)} data-testid={`filter-${s}`}>
            <span className={s === 'error' ? 'pl-bad' : s === 'warning' ? 'pl-warn' : ''}>●</span> {SEVERITY_NAMES[s]} {rows.counts[s]}
          </button>
        ))}
        <Select
          label="Code"
          testId="filter-code"
          value={code}
          onChange={(v) => a.setCodeFilter(v)}
          options={[{ value: '', label: 'All codes' }, ...rows.codes.map((c) => ({ value: c.code, label: `${c.code} (${c.count})` }))]}
        />
        <span className="pl-dim" style={{ marginLeft: 8 }}>
          {rows.visible.length} shown{rows.waived.length ? `, ${rows.waived.length} waived` : ''}
        </span>
      </div>
      <FindingsList
        rows={rows.visible}
        active={active}
        height={listHeight}
        timeline={timeline}
        onActive={(i) => a.setActiveFinding(i)}
        onOpen={(i) => {
          const x = rows.visible[i];
          if (x) void a.goToFinding(x);
        }}
      />
      {f ? <Detail key={`${active}-${f.code}`} f={f} /> : null}
      {rows.waived.length ? (
        <>
          <div className="pl-section">Waived (approved exceptions)</div>
          <div className="pl-table" data-testid="waived">
            {rows.waived.map((w, i) => (
              <div className="pl-tr" key={i}>
                <span className="pl-td" style={{ width: 170 }}>{w.finding.code}</span>
                <span className="pl-td" style={{ width: 150 }}>{describeWhere(w.finding.where)}</span>
                <span className="pl-td pl-grow pl-dim">{`${w.waiver.why} (${w.waiver.who}, ${w.waiver.when})`}</span>
                <button type="button" onClick={() => a.unwaive(store.getState().waivers.indexOf(w.waiver))}>
                  Restore
                </button>
              </div>
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}
