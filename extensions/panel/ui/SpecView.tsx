import { selectProfile, selectSpecFacts } from '../store/selectors.ts';
import { usePanel, usePanelStore } from './context.ts';
import { Select } from './Select.tsx';

const OUTCOME_CLASS = { pass: 'pl-ok', fail: 'pl-bad', 'not-stated': 'pl-dim', 'not-measured': 'pl-dim' } as const;

/** Spec: pick a delivery profile and validate the sequence settings against it now. */
export function SpecView() {
  const a = usePanelStore().getState();
  const profiles = usePanel((s) => s.profileList);
  const id = usePanel((s) => s.profileId);
  const profile = usePanel(selectProfile);
  const facts = usePanel(selectSpecFacts);
  const evaluation = usePanel((s) => s.specEvaluation);
  const stale = usePanel((s) => s.specEvaluation !== undefined && s.specTimeline !== s.current);
  return (
    <div className="pl-col">
      <div className="pl-bar">
        <span className="pl-label">Profile</span>
        <Select label="Delivery profile" testId="profile" value={id} onChange={(v) => a.setProfile(v)} options={profiles.map((p) => ({ value: p.id, label: p.name }))} />
        <button type="button" className="pl-primary" style={{ marginLeft: 6 }} onClick={() => void a.validateSpec()} data-testid="validate-spec">
          Validate now
        </button>
      </div>
      {profile.ok ? (
        <div className="pl-dim">
          {profile.value.owner} · {profile.value.kind} · {profile.value.edition}
        </div>
      ) : (
        <div className="pl-bad">{profile.error}</div>
      )}
      <div className="pl-section">Sequence settings</div>
      <div className="pl-facts">
        {facts
          ? Object.entries(facts).map(([k, v]) => (
              <div className="pl-fact" key={k}>
                <span className="pl-dim">{k}</span>
                <span className="pl-mono">{v ? v.text : '—'}</span>
              </div>
            ))
          : 'No timeline loaded.'}
      </div>
      {stale ? <div className="pl-warn">The timeline was read again since this validation: validate again.</div> : null}
      {evaluation ? (
        <>
          <div className="pl-section" data-testid="spec-verdict">
            {evaluation.passed ? <span className="pl-ok">Passes every mandatory rule the settings can answer</span> : <span className="pl-bad">Fails a mandatory rule</span>}
          </div>
          <div className="pl-table" data-testid="spec-results">
            <div className="pl-tr pl-th">
              <span className="pl-td pl-grow">Rule</span>
              <span className="pl-td" style={{ width: 120 }}>Requested</span>
              <span className="pl-td" style={{ width: 120 }}>Actual</span>
              <span className="pl-td" style={{ width: 110 }}>Outcome</span>
            </div>
            {evaluation.results.map((r) => (
              <div className="pl-tr" key={r.id} title={r.source ?? r.pointer}>
                <span className="pl-td pl-grow" style={{ paddingLeft: r.depth * 10 }}>{r.name}</span>
                <span className="pl-td" style={{ width: 120 }}>{r.requested}</span>
                <span className="pl-td pl-mono" style={{ width: 120 }}>{r.actual}</span>
                <span className={`pl-td ${r.outcome === 'fail' && r.severity !== 'error' ? 'pl-warn' : OUTCOME_CLASS[r.outcome]}`} style={{ width: 110 }}>
                  {r.outcome}
                  {r.outcome === 'fail' ? ` (${r.severity})` : ''}
                </span>
              </div>
            ))}
          </div>
          <div className="pl-dim">Codec, audio and loudness rules are checked on the rendered files: queue the delivery, then re-check it on the Deliver tab or run `picturelock validate` on the outputs.</div>
        </>
      ) : (
        <div className="pl-empty">Press Validate now to check the rate, raster, start timecode and duration of the sequence.</div>
      )}
    </div>
  );
}
