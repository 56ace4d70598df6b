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

/** An offline list bundled with the page (the demo's `examples/scene-v1.edl`), compared in one click. */
export interface OfflineSample {
  readonly name: string;
  readonly text: string;
}

/**
 * Whether this host can pick a file with `<input type="file">`: the browser demo, CEP's
 * Chromium and Resolve's Electron can; UXP renders no file input (its files come through
 * `uxp.storage`) and is told apart by its host kind and, failing that, by having no FileReader.
 */
function canPickFiles(hostKind: string | undefined): boolean {
  return hostKind !== 'premiere-uxp' && typeof document !== 'undefined' && typeof window !== 'undefined' && 'FileReader' in window;
}

/** "Compare with offline list…": a file picker where the host has one, and the page's bundled lists. */
function CompareBar({ samples }: { samples: readonly OfflineSample[] }) {
  const compare = usePanel((s) => s.compareWithOffline);
  const hostKind = usePanel((s) => s.hostInfo?.kind);
  const list = usePanel((s) => s.compareList);
  const compared = usePanel((s) => s.compareFindings);
  const [busy, setBusy] = useState(false);
  const run = async (bytes: () => Promise<Uint8Array>, name: string) => {
    setBusy(true);
    try {
      await compare(await bytes(), name);
    } finally {
      setBusy(false);
    }
  };
  const picker = canPickFiles(hostKind);
  if (!picker && samples.length === 0) return null;
  const diffs = compared.filter((f) => f.code.startsWith('DIFF_')).length;
  return (
    <div className="pl-bar" data-testid="compare-bar">
      <span className="pl-label">Compare with offline list…</span>
      {picker ? (
        <input
          type="file"
          aria-label="Offline list to compare with"
          accept=".edl,.xml,.fcpxml,.otio,.aaf"
          data-testid="offline-file"
          disabled={busy}
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            void run(async () => new Uint8Array(await file.arrayBuffer()), file.name).then(() => {
              // Cleared so choosing the same file again (after a fix) compares again.
              input.value = '';
            });
          }}
        />
      ) : null}
      {samples.map((x) => (
        <button key={x.name} type="button" disabled={busy} onClick={() => void run(async () => new TextEncoder().encode(x.text), x.name)} data-testid="compare-sample">
          Compare with {x.name}
        </button>
      ))}
      {list ? (
        <span className="pl-dim" data-testid="compare-summary" style={{ marginLeft: 8 }}>
          {`vs ${list.name}: ${diffs === 0 ? 'matches shot for shot' : `${diffs} difference${diffs === 1 ? '' : 's'}`}`}
        </span>
      ) : null}
    </div>
  );
}

/** Checks: run lint and conform, compare with the offline list, filter, walk the findings on the timeline, mark them, waive them. */
export function ChecksView({ offlineSamples = [] }: { offlineSamples?: readonly OfflineSample[] }) {
  const rows = usePanel(selectFindingRows);
  const status = usePanel((s) => s.checksStatus);
  const handles = usePanel((s) => s.handles);
  const flash = usePanel((s) => s.flashFrames);
  const sev = usePanel((s) => s.severityFilter);
  const code = usePanel((s) => s.codeFilter);
  const active = usePanel((s) => s.activeFinding);
  const timeline = usePanel((s) => s.checkedTimeline ?? s.current);
  const stale = usePanel((s) => (s.checksStatus === 'done' || s.compareList !== undefined) && s.checkedTimeline !== s.current);
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
      <CompareBar samples={offlineSamples} />
      {stale ? <div className="pl-warn">The timeline was read again since these findings were made: run the checks (or the comparison) again.</div> : null}
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
