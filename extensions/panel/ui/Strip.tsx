import { useMemo } from 'react';
import { recordLabel, selectFindingRows, selectTimelineSummary, stripBucketsOf } from '../store/selectors.ts';
import { usePanel } from './context.ts';

const BUCKETS = 160;

/**
 * The timeline strip: one lane a track with its clips at their record lengths, the findings
 * row (each slice coloured by its worst finding; click or Enter jumps there) and the playhead.
 * Widths are flex-grow weights in frames, so it is drawn with flexbox only (UXP has no grid).
 */
export function Strip({ onPick }: { onPick?: (index: number) => void }) {
  const summary = usePanel(selectTimelineSummary);
  const rows = usePanel(selectFindingRows);
  const playhead = usePanel((s) => s.playhead);
  const current = usePanel((s) => s.current);
  const checked = usePanel((s) => s.checksStatus === 'done' || s.compareList !== undefined);
  const go = usePanel((s) => s.goToFinding);
  const setActive = usePanel((s) => s.setActiveFinding);
  const buckets = useMemo(() => (summary ? stripBucketsOf(rows.visible, summary.durationFrames, BUCKETS) : []), [rows.visible, summary]);
  if (!summary) return null;
  const total = Math.max(1, summary.durationFrames);
  const pick = (i: number) => {
    const f = rows.visible[i];
    if (!f) return;
    setActive(i);
    onPick?.(i);
    void go(f);
  };
  return (
    <div className="pl-strip" data-testid="strip">
      {summary.tracks.map((t, ti) => (
        <div className="pl-lane-row" key={ti}>
          <span className="pl-lane-label">{t.label}</span>
          <div className="pl-lane">
            {t.items.map((it, k) => (
              <div
                key={k}
                className={`pl-item${it.kind === 'gap' ? '' : it.kind === 'clip' ? ` pl-item-clip-${t.kind}` : ` pl-item-${it.kind}`}`}
                style={{ flexGrow: Math.max(it.frames, 0.0001) }}
                title={it.kind === 'gap' ? `gap, ${it.frames} frames` : `${it.name} · ${recordLabel(current, it.start)} · ${it.frames} frames`}
              >
                {it.frames * 40 > total ? it.name : ''}
              </div>
            ))}
            {t.items.length === 0 || t.items.reduce((n, it) => n + it.frames, 0) < total ? (
              <div style={{ flexGrow: total - t.items.reduce((n, it) => n + it.frames, 0), flexBasis: 0 }} />
            ) : null}
          </div>
        </div>
      ))}
      <div className="pl-lane-row" title="Findings: click a coloured slice to go there">
        <span className="pl-lane-label">!</span>
        <div className="pl-lane" data-testid="strip-findings">
          {buckets.map((b, i) => (
            <div
              key={i}
              className={`pl-bucket${b.severity ? ` pl-sev-${b.severity}` : ''}`}
              data-severity={b.severity ?? ''}
              role={b.severity ? 'button' : undefined}
              tabIndex={b.severity ? 0 : undefined}
              title={b.severity ? `${b.count} finding${b.count === 1 ? '' : 's'} near ${recordLabel(current, Math.floor((i * total) / BUCKETS))}` : undefined}
              onClick={b.severity ? () => pick(b.first) : undefined}
              onKeyDown={b.severity ? (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(b.first); } } : undefined}
            />
          ))}
        </div>
      </div>
      <div className="pl-lane-row" title={playhead === undefined ? 'Playhead not set by the panel yet' : `Playhead ${recordLabel(current, playhead)}`}>
        <span className="pl-lane-label">▸</span>
        <div className="pl-lane">
          {playhead === undefined ? null : (
            <>
              <div style={{ flexGrow: playhead, flexBasis: 0 }} />
              <div className="pl-playhead" />
              <div style={{ flexGrow: Math.max(0, total - playhead - 1), flexBasis: 0 }} />
            </>
          )}
        </div>
      </div>
      {!checked ? <div className="pl-dim">Run the checks to see findings on the strip.</div> : null}
    </div>
  );
}
