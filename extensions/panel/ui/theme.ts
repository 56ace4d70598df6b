/**
 * Panel themes. Colours are CSS hex strings; sizes are CSS pixels. The style sheet keeps to
 * UXP's supported CSS (premiere-uxp.md §5): flexbox, box model, borders, backgrounds, single
 * font properties, overflow, white-space, text-overflow. No grid, transforms, shadows,
 * transitions, `position`, `font` shorthand or `text-transform`.
 */
export interface PanelTheme {
  readonly background: string;
  /** Toolbars, table heads, inputs. */
  readonly surface: string;
  /** Hover and the list cursor. */
  readonly raised: string;
  readonly border: string;
  readonly text: string;
  readonly dim: string;
  readonly accent: string;
  readonly accentText: string;
  readonly error: string;
  readonly warning: string;
  readonly info: string;
  readonly ok: string;
  readonly fontFamily: string;
  readonly fontSize: number;
}

const base = {
  error: '#e5534b',
  warning: '#d9a53b',
  info: '#4f9ee8',
  ok: '#4cb86a',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  fontSize: 11,
};

/** Premiere Pro's default dark panel, Resolve's dark grey, and the demo (Resolve's, for a browser). */
export const PANEL_THEMES: { readonly premiere: PanelTheme; readonly resolve: PanelTheme; readonly demo: PanelTheme } = {
  premiere: { ...base, background: '#232323', surface: '#2c2c2c', raised: '#3a3a3a', border: '#404040', text: '#d6d6d6', dim: '#9a9a9a', accent: '#2d8ceb', accentText: '#ffffff' },
  resolve: { ...base, background: '#282828', surface: '#1f1f20', raised: '#3a3a3c', border: '#3d3d40', text: '#cfcfcf', dim: '#929296', accent: '#d8893a', accentText: '#151515' },
  demo: { ...base, background: '#282828', surface: '#1f1f20', raised: '#3a3a3c', border: '#3d3d40', text: '#cfcfcf', dim: '#929296', accent: '#d8893a', accentText: '#151515' },
};

/** The part of CEP's `AppSkinInfo` (from `CSInterface.getHostEnvironment().appSkinInfo`) a theme is made from. */
export interface CepSkinInfo {
  readonly panelBackgroundColor?: { readonly color?: { readonly red: number; readonly green: number; readonly blue: number } };
  readonly baseFontSize?: number;
  readonly baseFontFamily?: string;
}

const hex = (n: number) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');
const rgb = (r: number, g: number, b: number) => `#${hex(r)}${hex(g)}${hex(b)}`;

/** A theme from the host skin: the panel background as given, surfaces and text stepped from its lightness. */
export function panelThemeFromCepSkin(skin: CepSkinInfo, fallback: PanelTheme = PANEL_THEMES.premiere): PanelTheme {
  const c = skin.panelBackgroundColor?.color;
  if (!c) return fallback;
  const light = (0.299 * c.red + 0.587 * c.green + 0.114 * c.blue) / 255;
  const dark = light < 0.5;
  const step = (d: number) => rgb(c.red + d, c.green + d, c.blue + d);
  return {
    ...fallback,
    background: rgb(c.red, c.green, c.blue),
    surface: step(dark ? 9 : -9),
    raised: step(dark ? 23 : -23),
    border: step(dark ? 29 : -29),
    text: dark ? '#d6d6d6' : '#1e1e1e',
    dim: dark ? '#9a9a9a' : '#5a5a5a',
    ...(skin.baseFontFamily ? { fontFamily: skin.baseFontFamily } : {}),
    ...(skin.baseFontSize ? { fontSize: skin.baseFontSize } : {}),
  };
}

/** The panel's style sheet for a theme, scoped under `.pl-panel`. */
export function panelStyleSheet(t: PanelTheme): string {
  const fs = t.fontSize;
  return `
.pl-panel { background-color: ${t.background}; color: ${t.text}; font-family: ${t.fontFamily}; font-size: ${fs}px; line-height: ${fs + 5}px; display: flex; flex-direction: column; height: 100%; min-height: 0; overflow: hidden; }
.pl-panel * { box-sizing: border-box; }
.pl-panel button, .pl-panel input, .pl-panel select { font-family: ${t.fontFamily}; font-size: ${fs}px; color: ${t.text}; }
.pl-panel button { background-color: ${t.surface}; border: 1px solid ${t.border}; border-radius: 3px; padding: 2px 8px; margin-right: 4px; cursor: pointer; white-space: nowrap; }
.pl-panel button:hover { background-color: ${t.raised}; }
.pl-panel button:focus, .pl-panel input:focus, .pl-panel select:focus, .pl-panel .pl-list:focus, .pl-panel .pl-bucket:focus { outline: 1px solid ${t.accent}; }
.pl-panel button.pl-primary { background-color: ${t.accent}; border-color: ${t.accent}; color: ${t.accentText}; font-weight: 600; }
.pl-panel button.pl-toggle-off { color: ${t.dim}; background-color: ${t.background}; }
.pl-panel input, .pl-panel select { background-color: ${t.surface}; border: 1px solid ${t.border}; border-radius: 3px; padding: 2px 4px; }
.pl-panel input[type=checkbox] { margin: 0 6px 0 0; }
.pl-head { display: flex; flex-direction: row; align-items: center; padding: 4px 8px; background-color: ${t.surface}; border-bottom: 1px solid ${t.border}; }
.pl-title { font-weight: 700; margin-right: 10px; }
.pl-dim { color: ${t.dim}; }
.pl-grow { flex-grow: 1; flex-shrink: 1; min-width: 0; }
.pl-row { display: flex; flex-direction: row; align-items: center; }
.pl-wrap { flex-wrap: wrap; }
.pl-col { display: flex; flex-direction: column; min-height: 0; }
.pl-tabs { display: flex; flex-direction: row; padding: 0 8px; background-color: ${t.surface}; border-bottom: 1px solid ${t.border}; }
.pl-tab { border: none; border-bottom: 2px solid ${t.surface}; border-radius: 0; background-color: ${t.surface}; padding: 5px 10px; margin-right: 0; color: ${t.dim}; }
.pl-panel button.pl-tab-on { color: ${t.text}; border-bottom: 2px solid ${t.accent}; font-weight: 600; }
.pl-body { flex-grow: 1; flex-shrink: 1; min-height: 0; overflow: auto; padding: 8px; display: flex; flex-direction: column; }
.pl-bar { display: flex; flex-direction: row; align-items: center; flex-wrap: wrap; padding: 4px 0; }
.pl-bar > * { margin-bottom: 3px; }
.pl-label { color: ${t.dim}; margin-right: 4px; }
.pl-field { display: flex; flex-direction: row; align-items: center; margin-right: 12px; }
.pl-notice { display: flex; flex-direction: row; align-items: flex-start; padding: 5px 8px; border-left: 3px solid ${t.info}; background-color: ${t.surface}; border-bottom: 1px solid ${t.border}; }
.pl-notice-error { border-left-color: ${t.error}; }
.pl-notice-warning { border-left-color: ${t.warning}; }
.pl-notice-success { border-left-color: ${t.ok}; }
.pl-notice-title { font-weight: 700; margin-right: 6px; }
.pl-facts { display: flex; flex-direction: row; flex-wrap: wrap; padding: 2px 0 6px 0; }
.pl-fact { display: flex; flex-direction: column; margin-right: 18px; margin-bottom: 4px; }
.pl-fact-value { font-size: ${fs + 2}px; font-weight: 600; }
.pl-mono { font-family: Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.pl-strip { display: flex; flex-direction: column; border: 1px solid ${t.border}; background-color: ${t.surface}; padding: 3px; margin: 4px 0 6px 0; }
.pl-lane-row { display: flex; flex-direction: row; align-items: center; height: 14px; margin-bottom: 2px; }
.pl-lane-label { width: 26px; flex-shrink: 0; color: ${t.dim}; }
.pl-lane { display: flex; flex-direction: row; flex-grow: 1; height: 12px; min-width: 0; overflow: hidden; }
.pl-item { flex-shrink: 1; flex-basis: 0; min-width: 0; height: 12px; overflow: hidden; white-space: nowrap; font-size: 9px; line-height: 12px; color: ${t.text}; }
.pl-item-clip-video { background-color: #4a6b8c; border-right: 1px solid ${t.surface}; }
.pl-item-clip-audio { background-color: #4d7a58; border-right: 1px solid ${t.surface}; }
.pl-item-transition { background-color: #8a7a4a; }
.pl-item-stack { background-color: #6b4d7a; border-right: 1px solid ${t.surface}; }
.pl-bucket { flex-grow: 1; flex-shrink: 1; flex-basis: 0; min-width: 0; height: 12px; cursor: pointer; }
.pl-sev-error { background-color: ${t.error}; }
.pl-sev-warning { background-color: ${t.warning}; }
.pl-sev-info { background-color: ${t.info}; }
.pl-playhead { width: 2px; flex-shrink: 0; height: 12px; background-color: ${t.accent}; }
.pl-list { border: 1px solid ${t.border}; overflow-y: auto; overflow-x: hidden; background-color: ${t.background}; }
.pl-list-row { display: flex; flex-direction: row; align-items: center; white-space: nowrap; overflow: hidden; border-bottom: 1px solid ${t.surface}; cursor: pointer; padding: 0 4px; }
.pl-list-row:hover { background-color: ${t.surface}; }
.pl-list-row-on { background-color: ${t.raised}; }
.pl-list-row-on:hover { background-color: ${t.raised}; }
.pl-cell { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; margin-right: 8px; flex-shrink: 0; }
.pl-badge { display: flex; flex-shrink: 0; width: 52px; margin-right: 6px; padding: 0 4px; border-radius: 2px; font-size: ${fs - 1}px; font-weight: 700; color: #151515; justify-content: center; }
.pl-table { display: flex; flex-direction: column; border: 1px solid ${t.border}; margin: 4px 0 8px 0; }
.pl-tr { display: flex; flex-direction: row; align-items: center; border-bottom: 1px solid ${t.surface}; padding: 3px 4px; min-height: 22px; }
.pl-th { background-color: ${t.surface}; color: ${t.dim}; font-weight: 600; }
.pl-td { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; margin-right: 8px; }
.pl-ok { color: ${t.ok}; }
.pl-bad { color: ${t.error}; }
.pl-warn { color: ${t.warning}; }
.pl-progress { height: 6px; background-color: ${t.surface}; border: 1px solid ${t.border}; display: flex; flex-direction: row; }
.pl-progress-fill { height: 4px; background-color: ${t.accent}; }
.pl-progress-done { background-color: ${t.ok}; }
.pl-progress-failed { background-color: ${t.error}; }
.pl-detail { border: 1px solid ${t.border}; background-color: ${t.surface}; padding: 6px 8px; margin-top: 6px; }
.pl-pre { white-space: pre-wrap; font-family: Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: ${fs - 1}px; background-color: ${t.surface}; border: 1px solid ${t.border}; padding: 6px; overflow: auto; max-height: 320px; }
.pl-section { font-weight: 700; margin: 8px 0 2px 0; }
.pl-cell.pl-grow, .pl-td.pl-grow { flex-shrink: 1; flex-basis: 0; min-width: 0; }
.pl-panel select { max-width: 100%; }
.pl-empty { color: ${t.dim}; padding: 12px 4px; }
`;
}
