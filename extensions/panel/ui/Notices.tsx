import { usePanel } from './context.ts';

/** Every message the panel has for the editor, newest last, each with what to do and a dismiss. */
export function Notices() {
  const notices = usePanel((s) => s.notices);
  const dismiss = usePanel((s) => s.dismissNotice);
  const connect = usePanel((s) => s.refresh);
  if (notices.length === 0) return null;
  return (
    <div role="status" aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`pl-notice pl-notice-${n.level}`} data-code={n.code ?? ''}>
          <div className="pl-grow">
            <span className="pl-notice-title">{n.title}</span>
            <span>{n.message}</span>
            {n.action ? <div className="pl-dim">{n.action}</div> : null}
          </div>
          {n.code === 'HOST_NOT_READY' || n.code === 'NO_ACTIVE_TIMELINE' ? (
            <button type="button" onClick={() => { dismiss(n.id); void connect(); }}>
              Retry
            </button>
          ) : null}
          <button type="button" aria-label="Dismiss" title="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
