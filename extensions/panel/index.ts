/**
 * @picturelock/panel: the one React + zustand UI every host mounts. A host shell creates its
 * Host adapter and calls `mountPanel(element, { host, theme })`; tests and tools that need no
 * React use `createPanelStore({ host })` alone.
 */
export { createPanelStore, type PanelStore } from './store/index.ts';
export * from './store/types.ts';
export * from './store/selectors.ts';
export { noticeOfHostError, SEVERITY_MARKER_COLOR, PANEL_VERSION } from './store/index.ts';
export { mountPanel, type MountedPanel, type MountPanelOptions } from './ui/mount.tsx';
export { PANEL_THEMES, panelThemeFromCepSkin, type PanelTheme, type CepSkinInfo } from './ui/theme.ts';
