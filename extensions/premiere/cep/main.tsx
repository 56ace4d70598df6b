import { createPremiereCepHost, type CepBridge, type CepEventLike } from '@picturelock/host-bridge/browser';
import { mountPanel, panelThemeFromCepSkin, PANEL_THEMES, type CepSkinInfo } from '@picturelock/panel';
import { presetsNotice } from '../notices.ts';
import { premierePresetsFromJson, PREMIERE_PRESETS_FILE, type PremierePresetsRead } from '../presets.ts';

/**
 * Premiere Pro CEP entry: the panel over `window.__adobe_cep__`, the object Adobe's
 * CSInterface.js wraps (docs/hosts/cep.md §5). Used directly, so no Adobe file ships here:
 *   evalScript(script, callback)          callback gets a string; "EvalScript error." on failure
 *   addEventListener(type, listener)      CSXSEvents from jsx/picturelock.jsx (encoder progress);
 *                                         `data` arrives parsed when it was a JSON string (CEP 6.1+)
 *   getHostEnvironment()                  a JSON string with appSkinInfo, the host's panel colours
 *   getSystemPath("extension")            this extension's folder, as a file: URI
 * jsx/picturelock.jsx is loaded by the manifest's ScriptPath before the panel calls it.
 * Node (manifest: --enable-nodejs --mixed-context) writes exports and reads presets.json.
 */

interface AdobeCep {
  evalScript(script: string, callback: (result: string) => void): void;
  addEventListener(type: string, listener: (event: CepEventLike) => void, obj?: unknown): void;
  getHostEnvironment(): string;
  getSystemPath(kind: string): string;
}

interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  promises: { writeFile(path: string, data: string, options: { encoding: 'utf8'; flag: 'wx' }): Promise<void> };
}

interface CepWindow {
  __adobe_cep__?: AdobeCep;
  cep_node?: { require(id: string): unknown };
  require?(id: string): unknown;
}

function nodeFs(w: CepWindow): NodeFs | undefined {
  const req = w.cep_node?.require ?? w.require;
  try {
    return req ? (req('fs') as NodeFs) : undefined;
  } catch {
    return undefined;
  }
}

function skinOf(cep: AdobeCep): CepSkinInfo | undefined {
  try {
    return (JSON.parse(cep.getHostEnvironment()) as { appSkinInfo?: CepSkinInfo }).appSkinInfo;
  } catch {
    return undefined;
  }
}

/** presets.json in the extension folder (none when absent); getSystemPath answers a %-escaped file: URI. */
function readPresets(cep: AdobeCep, fs: NodeFs | undefined): PremierePresetsRead {
  if (!fs) return { presets: [], problems: [] };
  // file:///C:/... on Windows (the drive letter starts the path), file:///Users/... on macOS.
  const folder = decodeURI(cep.getSystemPath('extension')).replace(/^file:\/\/\/([A-Za-z]:)/, '$1').replace(/^file:\/\//, '');
  let text: string;
  try {
    text = fs.readFileSync(`${folder}/${PREMIERE_PRESETS_FILE}`, 'utf8');
  } catch {
    return { presets: [], problems: [] };
  }
  return premierePresetsFromJson(text);
}

const w = window as unknown as CepWindow;
const root = document.getElementById('picturelock-root');
const cep = w.__adobe_cep__;
if (root && !cep) {
  root.textContent = 'This is Picturelock\'s Premiere Pro panel: open it in Premiere from Window > Extensions > Picturelock.';
} else if (root && cep) {
  const fs = nodeFs(w);
  const bridge: CepBridge = {
    evalScript: (code, callback) => cep.evalScript(code, callback),
    addEventListener: (type, listener) => cep.addEventListener(type, listener),
  };
  const presets = readPresets(cep, fs);
  const host = createPremiereCepHost({
    bridge,
    presets: presets.presets,
    // 'wx' fails when the file exists: an export never overwrites the editor's file.
    ...(fs ? { writeFile: (path: string, text: string) => fs.promises.writeFile(path, text, { encoding: 'utf8', flag: 'wx' }) } : {}),
  });
  // The host skin as it is when the panel opens: Premiere's brightness setting, read once.
  const skin = skinOf(cep);
  const mounted = mountPanel(root, { host, theme: skin ? panelThemeFromCepSkin(skin) : PANEL_THEMES.premiere });
  const notice = presetsNotice(presets);
  if (notice) mounted.store.getState().notify(notice);
}
