import { entrypoints } from 'uxp';

/**
 * UXP lifecycle for the Premiere panel. This module is the entry's first import, so
 * `entrypoints.setup` runs before React, the panel and core are evaluated: Premiere can throw
 * when setup comes later than about 20 ms after load, and `hide`/`destroy` do not fire
 * reliably yet (docs/hosts/premiere-uxp.md §1). The panel is therefore mounted once, on the
 * first `create` or `show`, and stays mounted.
 */

/** The panel entrypoint's id: manifest.json's `entrypoints[].id` (a test holds the two together). */
export const UXP_PANEL_ID = 'picturelock.panel';

let mount: (() => void) | undefined;
let opened = false;
let mounted = false;

function mountOnce(): void {
  if (!opened || !mount || mounted) return;
  mounted = true;
  mount();
}

entrypoints.setup({
  panels: {
    [UXP_PANEL_ID]: {
      create() {
        opened = true;
        mountOnce();
      },
      show() {
        opened = true;
        mountOnce();
      },
    },
  },
});

/** Runs `fn` once the panel is opened (at once when it already is). */
export function whenPanelOpens(fn: () => void): void {
  mount = fn;
  mountOnce();
}
