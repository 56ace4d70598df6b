// The lifecycle import comes first: its `entrypoints.setup` must run before the rest is evaluated.
import { whenPanelOpens } from './lifecycle.ts';
import * as nodeFs from 'fs';
import ppro from 'premierepro';
import { host as uxpHost } from 'uxp';
import { createPremiereUxpHost } from '@picturelock/host-bridge/browser';
import { mountPanel, PANEL_THEMES } from '@picturelock/panel';
import { presetsNotice } from '../notices.ts';
import { premierePresetsFromJson, PREMIERE_PRESETS_FILE, type PremierePresetsRead } from '../presets.ts';

/**
 * Premiere Pro UXP entry (25.6+): the adapter over `premierepro`, then the shared panel.
 *
 * UXP's `fs` is Node-like but not Node: without a callback its calls return Promises, a path
 * without a scheme is a `file:` path, and `plugin:/` is this plugin's own folder (read-only).
 * Reading outside the plugin's folder needs `localFileSystem: "fullAccess"` in manifest.json.
 */
interface UxpFs {
  lstat(path: string): Promise<unknown>;
  readFile(path: string, options: { encoding: 'utf-8' }): Promise<string>;
}
const fs = nodeFs as unknown as UxpFs;

/** Export presets listed in presets.json beside the installed plugin (none when it is absent). */
async function readPresets(): Promise<PremierePresetsRead> {
  let text: string;
  try {
    text = await fs.readFile(`plugin:/${PREMIERE_PRESETS_FILE}`, { encoding: 'utf-8' });
  } catch {
    return { presets: [], problems: [] };
  }
  return premierePresetsFromJson(text);
}

whenPanelOpens(() => {
  const root = document.getElementById('picturelock-root');
  if (!root) return;
  void readPresets().then((presets) => {
    const host = createPremiereUxpHost({
      ppro,
      presets: presets.presets.map((p) => ({ id: p.id, name: p.name, ...(p.extension ? { extension: p.extension } : {}) })),
      hostVersion: uxpHost.version,
      // The adapter refuses to render over an existing file; this is how it looks.
      fileExists: (path) => fs.lstat(path).then(
        () => true,
        () => false,
      ),
    });
    const mounted = mountPanel(root, { host, theme: PANEL_THEMES.premiere });
    const notice = presetsNotice(presets);
    if (notice) mounted.store.getState().notify(notice);
  });
});
