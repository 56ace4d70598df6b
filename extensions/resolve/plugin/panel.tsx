import { createResolveHost, directResolveTransport, ResolveTransportError, type ResolveFiles, type ResolveTransport } from '@picturelock/host-bridge/browser';
import { mountPanel, PANEL_THEMES } from '@picturelock/panel';

/**
 * The Workflow Integration plugin's page: preload.js has put `window.picturelockResolve` here
 * (the live Resolve object from WorkflowIntegration.node, and temporary files for the EDL the
 * adapter has Resolve export). The page itself has no Node. Calls on the Resolve object are
 * synchronous; `directResolveTransport` turns them into the adapter's async transport.
 */
interface PreloadApi {
  getResolve(): unknown;
  /** Why getResolve() gave null, for the colorist. */
  problem(): string | null;
  readonly files: ResolveFiles;
}

const api = (window as unknown as { picturelockResolve?: PreloadApi }).picturelockResolve;
const root = document.getElementById('picturelock-root');
if (root && !api) {
  root.textContent = 'This is Picturelock\'s DaVinci Resolve plugin: open it in Resolve Studio from Workspace > Workflow Integrations > Picturelock.';
} else if (root && api) {
  const direct = directResolveTransport(() => api.getResolve());
  // No Resolve object: say why (module missing, not Studio, no project) instead of a bare null.
  const transport: ResolveTransport = {
    ...direct,
    root: async () => {
      const r = await direct.root();
      if (r === null) throw new ResolveTransportError(api.problem() ?? 'Resolve gave no scripting object.', 'unavailable');
      return r;
    },
  };
  const host = createResolveHost(transport, { files: api.files });
  mountPanel(root, { host, theme: PANEL_THEMES.resolve });
}
