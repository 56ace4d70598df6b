/// <reference lib="dom" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Host } from '@picturelock/host-bridge/browser';
import { createPanelStore, type PanelStore } from '../store/index.ts';
import { App } from './App.tsx';
import type { OfflineSample } from './ChecksView.tsx';
import { PANEL_THEMES, type PanelTheme } from './theme.ts';

export interface MountPanelOptions {
  readonly host: Host;
  /** The host's colours (CEP: `panelThemeFromCepSkin`); the demo theme when absent. */
  readonly theme?: PanelTheme;
  /** Offline lists bundled with the page, each offered as a one-click comparison (the demo's example EDL). */
  readonly offlineSamples?: readonly OfflineSample[];
}

export interface MountedPanel {
  readonly store: PanelStore;
  unmount(): void;
}

/** Renders the panel into `element` against `host`; the panel reads the active timeline at once. */
export function mountPanel(element: HTMLElement, options: MountPanelOptions): MountedPanel {
  const store = createPanelStore({ host: options.host });
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <App store={store} theme={options.theme ?? PANEL_THEMES.demo} offlineSamples={options.offlineSamples ?? []} />
    </StrictMode>,
  );
  return { store, unmount: () => root.unmount() };
}
