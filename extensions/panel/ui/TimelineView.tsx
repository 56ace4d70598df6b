import { recordLabel, selectFindingRows, selectTimelineSummary } from '../store/selectors.ts';
import type { TabId } from './tabs.ts';
import { usePanel } from './context.ts';
import { Strip } from './Strip.tsx';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="pl-fact">
      <span className="pl-dim">{label}</span>
      <span className="pl-fact-value pl-mono" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

/** The active timeline at a glance: its facts, its tracks and the strip, with the next step. */
export function TimelineView({ onTab }: { onTab: (t: TabId) => void }) {
  const summary = usePanel(selectTimelineSummary);
  const status = usePanel((s) => s.timelineStatus);
  const error = usePanel((s) => s.timelineError);
  const timelines = usePanel((s) => s.timelines);
  const current = usePanel((s) => s.current);
  const playhead = usePanel((s) => s.playhead);
  const open = usePanel((s) => s.openTimeline);
  const runChecks = usePanel((s) => s.runChecks);
  const counts = usePanel((s) => selectFindingRows(s).counts);
  const checked = usePanel((s) => s.checksStatus === 'done');
  if (!summary) {
    return (
      <div className="pl-empty" data-testid="timeline-empty">
        {status === 'loading' ? 'Reading the active sequence…' : error ? `${error.message} Open a sequence in the host and press Refresh.` : 'No timeline yet: open a sequence in the host and press Refresh.'}
      </div>
    );
  }
  return (
    <div className="pl-col">
      <div className="pl-bar">
        <span className="pl-label">Timeline</span>
        {timelines.length > 1 ? (
          <select aria-label="Timeline" value={current?.ref.id} onChange={(e) => void open(e.target.value)}>
            {timelines.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.id})
              </option>
            ))}
          </select>
        ) : (
          <span>{summary.name}</span>
        )}
      </div>
      <div className="pl-facts">
        <Fact label="Name" value={summary.name} testId="tl-name" />
        <Fact label="Rate" value={`${summary.rate} fps`} testId="tl-rate" />
        <Fact label="Start TC" value={summary.startTimecode} testId="tl-start" />
        <Fact label="Duration" value={`${summary.duration} (${summary.durationFrames} fr)`} testId="tl-duration" />
        <Fact label="Tracks" value={summary.tracks.map((t) => t.label).join(' ')} />
        <Fact label="Events" value={String(summary.events)} testId="tl-events" />
        <Fact label="Playhead" value={playhead === undefined ? '—' : recordLabel(current, playhead)} testId="tl-playhead" />
      </div>
      <Strip />
      <div className="pl-table">
        <div className="pl-tr pl-th">
          <span className="pl-td" style={{ width: 50 }}>Track</span>
          <span className="pl-td" style={{ width: 60 }}>Events</span>
          <span className="pl-td pl-grow">First → last</span>
        </div>
        {summary.tracks.map((t) => {
          const clips = t.items.filter((i) => i.kind === 'clip');
          return (
            <div className="pl-tr" key={t.label}>
              <span className="pl-td" style={{ width: 50 }}>{t.label}</span>
              <span className="pl-td" style={{ width: 60 }}>{t.events}</span>
              <span className="pl-td pl-grow pl-dim">{clips.length ? `${clips[0]!.name} → ${clips[clips.length - 1]!.name}` : 'empty'}</span>
            </div>
          );
        })}
      </div>
      <div className="pl-bar">
        <button type="button" className="pl-primary" onClick={() => { void runChecks(); onTab('checks'); }}>
          Run checks
        </button>
        <span className="pl-dim">
          {checked ? `${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes from the last run.` : 'Lint and conform the timeline against its media; findings appear on the strip and in Checks.'}
        </span>
      </div>
    </div>
  );
}
