/// <reference lib="dom" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Host } from '@picturelock/host-bridge/browser';
import { createPanelStore, type PanelStore } from '../store/index.ts';
import { App } from './App.tsx';
import { PANEL_THEMES, type PanelTheme } from './theme.ts';

export interface MountPanelOptions {
  readonly host: Host;
  /** The host's colours (CEP: `panelThemeFromCepSkin`); the demo theme when absent. */
  readonly theme?: PanelTheme;
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
      <App store={store} theme={options.theme ?? PANEL_THEMES.demo} />
    </StrictMode>,
  );
  return { store, unmount: () => root.unmount() };
}
