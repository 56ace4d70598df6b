import { useCallback, useEffect, useRef, useState } from 'react';
import type { Finding } from '@picturelock/core';
import type { HostTimeline } from '@picturelock/host-bridge/browser';
import { recordLabel } from '../store/selectors.ts';

/** Row height in CSS pixels: every row is one line, so the window is plain arithmetic. */
export const FINDING_ROW_HEIGHT = 22;
/** Rows drawn above and below the visible window, so fast scrolling shows no blank band. */
const OVERSCAN = 8;

const SEVERITY_LABEL = { error: 'ERROR', warning: 'WARN', info: 'INFO' } as const;

/**
 * The findings list, windowed: only the rows in view (plus a few) are in the DOM; spacer
 * divs above and below keep the scroll height, so 5,000 rows scroll like 30. Keyboard: the
 * list is one tab stop; arrows, Page Up/Down, Home/End move the cursor; Enter or Space goes
 * to the finding on the timeline.
 */
export function FindingsList({ rows, active, height, timeline, onActive, onOpen }: {
  rows: readonly Finding[];
  active: number;
  height: number;
  timeline: HostTimeline | undefined;
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const pageRows = Math.max(1, Math.floor(height / FINDING_ROW_HEIGHT));

  const reveal = useCallback(
    (i: number) => {
      const el = ref.current;
      if (!el) return;
      const top = i * FINDING_ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + FINDING_ROW_HEIGHT > el.scrollTop + height) el.scrollTop = top + FINDING_ROW_HEIGHT - height;
    },
    [height],
  );

  useEffect(() => {
    if (rows.length === 0 && ref.current) ref.current.scrollTop = 0;
  }, [rows]);

  const move = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    onActive(next);
    reveal(next);
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (rows.length === 0) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + pageRows),
      PageUp: () => move(active - pageRows),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => onOpen(active),
      ' ': () => onOpen(active),
    };
    const k = keys[e.key];
    if (k) {
      e.preventDefault();
      k();
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / FINDING_ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / FINDING_ROW_HEIGHT) + OVERSCAN);
  const shown = rows.slice(first, last);

  return (
    <div
      ref={ref}
      className="pl-list"
      role="listbox"
      aria-label="Findings"
      aria-activedescendant={rows.length ? `pl-finding-${active}` : undefined}
      tabIndex={0}
      style={{ height }}
      data-testid="findings-list"
      data-rows={rows.length}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKey}
    >
      {rows.length === 0 ? <div className="pl-empty">No findings match. Run the checks, or widen the filters.</div> : null}
      <div style={{ height: first * FINDING_ROW_HEIGHT }} />
      {shown.map((f, k) => {
        const i = first + k;
        const w = f.where;
        return (
          <div
            key={i}
            id={`pl-finding-${i}`}
            role="option"
            aria-selected={i === active}
            className={`pl-list-row${i === active ? ' pl-list-row-on' : ''}`}
            style={{ height: FINDING_ROW_HEIGHT }}
            data-index={i}
            data-code={f.code}
            onClick={() => {
              onActive(i);
              onOpen(i);
            }}
          >
            <span className={`pl-badge pl-sev-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span>
            <span className="pl-cell pl-mono" style={{ width: 76 }}>{w.frames ? recordLabel(timeline, w.frames.start) : w.line ? `line ${w.line}` : '—'}</span>
            <span className="pl-cell" style={{ width: 28 }}>{w.track ?? ''}</span>
            <span className="pl-cell" style={{ width: 34 }}>{w.event ?? ''}</span>
            <span className="pl-cell pl-dim" style={{ width: 170 }}>{f.code}</span>
            <span className="pl-cell pl-grow">{f.message}</span>
          </div>
        );
      })}
      <div style={{ height: (rows.length - last) * FINDING_ROW_HEIGHT }} />
    </div>
  );
}
