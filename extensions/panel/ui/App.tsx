import { useEffect, useState } from 'react';
import type { PanelStore } from '../store/index.ts';
import { ChecksView, type OfflineSample } from './ChecksView.tsx';
import { StoreContext, usePanel } from './context.ts';
import { DeliverView } from './DeliverView.tsx';
import { NamingView } from './NamingView.tsx';
import { Notices } from './Notices.tsx';
import { SpecView } from './SpecView.tsx';
import { panelStyleSheet, type PanelTheme } from './theme.ts';
import { TimelineView } from './TimelineView.tsx';
import { TABS, type TabId } from './tabs.ts';


function Header() {
  const info = usePanel((s) => s.hostInfo);
  const status = usePanel((s) => s.hostStatus);
  const current = usePanel((s) => s.current);
  const loading = usePanel((s) => s.timelineStatus === 'loading');
  const refresh = usePanel((s) => s.refresh);
  return (
    <div className="pl-head">
      <span className="pl-title">Picturelock</span>
      <span className="pl-grow pl-dim" data-testid="host-line">
        {status === 'ready' && info ? `${info.name} ${info.version}` : status === 'connecting' ? 'Connecting to the host…' : status === 'error' ? 'Host not ready' : 'Not connected'}
        {current ? ` · ${current.ref.name}` : ''}
      </span>
      <button type="button" onClick={() => void refresh()} title="Read the active sequence again">
        {loading ? 'Reading…' : 'Refresh'}
      </button>
    </div>
  );
}

function Tabs({ tab, onTab }: { tab: TabId; onTab: (t: TabId) => void }) {
  const errors = usePanel((s) => s.checkFindings.filter((f) => f.severity === 'error').length + s.compareFindings.filter((f) => f.severity === 'error').length);
  const onKey = (e: React.KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
      onTab(next.id);
      (e.currentTarget.querySelector(`[data-tab="${next.id}"]`) as HTMLElement | null)?.focus();
    }
  };
  return (
    <div className="pl-tabs" role="tablist" onKeyDown={onKey}>
      {TABS.map((t) => (
        <button key={t.id} type="button" role="tab" data-tab={t.id} aria-selected={tab === t.id} className={`pl-tab${tab === t.id ? ' pl-tab-on' : ''}`} onClick={() => onTab(t.id)}>
          {t.label}
          {t.id === 'checks' && errors > 0 ? ` (${errors})` : ''}
        </button>
      ))}
    </div>
  );
}

function Shell({ offlineSamples }: { offlineSamples: readonly OfflineSample[] }) {
  const [tab, setTab] = useState<TabId>('timeline');
  const refresh = usePanel((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <>
      <Header />
      <Tabs tab={tab} onTab={setTab} />
      <Notices />
      <div className="pl-body" role="tabpanel" data-testid={`view-${tab}`}>
        {tab === 'timeline' && <TimelineView onTab={setTab} />}
        {tab === 'checks' && <ChecksView offlineSamples={offlineSamples} />}
        {tab === 'naming' && <NamingView />}
        {tab === 'spec' && <SpecView />}
        {tab === 'deliver' && <DeliverView />}
      </div>
    </>
  );
}

/** The whole panel: header, tabs, notices and the current view, styled for the host's theme. */
export function App({ store, theme, offlineSamples = [] }: { store: PanelStore; theme: PanelTheme; offlineSamples?: readonly OfflineSample[] }) {
  return (
    <StoreContext.Provider value={store}>
      <style>{panelStyleSheet(theme)}</style>
      <div className="pl-panel">
        <Shell offlineSamples={offlineSamples} />
      </div>
    </StoreContext.Provider>
  );
}
