import { compileNamingTemplate } from '@picturelock/core';
import { selectConvention, selectDeliverPlan } from '../store/selectors.ts';
import { usePanel, usePanelStore } from './context.ts';
import { Select } from './Select.tsx';

const DEFAULT_TEMPLATE = '{title}_{element}_{res}_{fps}';
/** Fields the planner fills for each deliverable from the timeline and the preset. */
const PER_DELIVERABLE = new Set(['title', 'show', 'element', 'kind', 'codec', 'res', 'fps', 'audio', 'track', 'version', 'date']);

/** Naming: pick a convention, fill the fields the timeline does not state, preview every deliverable's name. */
export function NamingView() {
  const a = usePanelStore().getState();
  const conventions = usePanel((s) => s.conventionList);
  const id = usePanel((s) => s.conventionId);
  const values = usePanel((s) => s.namingValues);
  const convention = usePanel(selectConvention);
  const plan = usePanel(selectDeliverPlan);
  const template = convention?.templates[0]?.source ?? DEFAULT_TEMPLATE;
  const compiled = compileNamingTemplate(template);
  const fields = compiled.ok ? [...new Set(compiled.value.elements.flatMap((e) => (e.kind === 'field' ? [e.field] : [])))] : [];
  const naming = plan.findings.filter((f) => f.code === 'DELIVER_NAMING_FAILED' || f.code === 'DELIVER_NAME_COLLISION');
  return (
    <div className="pl-col">
      <div className="pl-bar">
        <span className="pl-label">Convention</span>
        <Select
          label="Naming convention"
          testId="convention"
          value={id}
          onChange={(v) => a.setConvention(v)}
          options={[{ value: '', label: `Picturelock default (${DEFAULT_TEMPLATE})` }, ...conventions.map((c) => ({ value: c.data.id, label: c.data.title }))]}
        />
      </div>
      <div className="pl-dim pl-mono">{template}</div>
      {convention?.data.rule ? <div className="pl-dim">{convention.data.rule}</div> : null}
      <div className="pl-section">Fields</div>
      <div className="pl-bar pl-wrap">
        {fields.map((field) => {
          const spec = convention?.data.fields[field];
          return (
            <label key={field} className="pl-field" title={spec?.description ?? field}>
              <span className="pl-label">{field}</span>
              <input
                data-testid={`naming-${field}`}
                style={{ width: 110 }}
                value={values[field] ?? ''}
                placeholder={PER_DELIVERABLE.has(field) ? 'automatic' : 'required'}
                onChange={(e) => a.setNamingValue(field, e.target.value)}
              />
            </label>
          );
        })}
      </div>
      <div className="pl-dim">Fields left “automatic” come from the timeline and each deliverable (title, element, raster, rate, date).</div>
      <div className="pl-section">Names of the deliverables ({plan.jobs.filter((j) => j.selected).length} chosen on the Deliver tab)</div>
      {plan.error ? <div className="pl-empty">{plan.error}</div> : null}
      <div className="pl-table" data-testid="naming-preview">
        <div className="pl-tr pl-th">
          <span className="pl-td" style={{ width: 190 }}>Deliverable</span>
          <span className="pl-td pl-grow">File name</span>
          <span className="pl-td" style={{ width: 60 }}>Status</span>
        </div>
        {plan.jobs.map((j) => {
          const failed = naming.filter((f) => String(f.params['job'] ?? '') === j.job.id || String(f.params['jobs'] ?? '').split(', ').includes(j.job.id));
          // When the convention could not name the job, the planner fell back to the default template: say why, not how that name fails.
          const problems = failed.length
            ? failed.map((f) => (f.code === 'DELIVER_NAMING_FAILED' ? `${f.message}; named by the default template instead` : f.message))
            : j.nameFindings.map((f) => f.message);
          return (
            <div key={j.job.id} className="pl-col" style={{ borderBottom: '1px solid transparent' }}>
              <div className="pl-tr">
                <span className={`pl-td${j.selected ? '' : ' pl-dim'}`} style={{ width: 190 }}>{j.job.label}</span>
                <span className="pl-td pl-grow pl-mono" data-testid="naming-name">{`${j.job.output.folder}/${j.job.output.name}`}</span>
                <span className={`pl-td ${problems.length ? 'pl-bad' : 'pl-ok'}`} style={{ width: 60 }}>
                  {problems.length ? 'fails' : 'ok'}
                </span>
              </div>
              {problems.map((p, i) => (
                <div key={i} className="pl-tr pl-bad" style={{ paddingLeft: 24 }}>
                  {p}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
