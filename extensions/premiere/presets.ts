/**
 * Export presets for the Premiere panels. Neither UXP nor ExtendScript can list Media
 * Encoder's presets (docs/hosts/premiere-uxp.md §3.11, premiere-extendscript.md), so the editor
 * names the `.epr` files to offer in a `presets.json` beside the installed panel:
 *
 *   [{ "name": "ProRes 422 HQ", "path": "/Users/me/Documents/Adobe/Presets/ProRes HQ.epr", "extension": "mov" }]
 *
 * The preset's path is its id (the UXP adapter exports with `presetId` as the .epr path).
 * Entries that cannot be used are skipped and described in `problems`.
 */

export interface PremierePreset {
  /** The .epr path: both adapters take it as the preset's id. */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  /** Container extension the preset writes (`mov`, `mxf`, `mp4`, `wav`), when stated. */
  readonly extension?: string;
}

export interface PremierePresetsRead {
  readonly presets: readonly PremierePreset[];
  readonly problems: readonly string[];
}

export const PREMIERE_PRESETS_FILE = 'presets.json';

export function premierePresetsFromJson(text: string): PremierePresetsRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { presets: [], problems: [`${PREMIERE_PRESETS_FILE} is not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!Array.isArray(parsed)) return { presets: [], problems: [`${PREMIERE_PRESETS_FILE} must hold an array of {name, path, extension?}`] };
  const presets: PremierePreset[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as { name?: unknown; path?: unknown; extension?: unknown };
    const where = `${PREMIERE_PRESETS_FILE} entry ${i + 1}`;
    if (typeof e.path !== 'string' || !/\.epr$/i.test(e.path)) return void problems.push(`${where}: "path" must be a Media Encoder preset file ending in .epr`);
    if (seen.has(e.path)) return void problems.push(`${where}: ${e.path} is listed twice`);
    const ext = typeof e.extension === 'string' ? e.extension.replace(/^\./, '').toLowerCase() : undefined;
    if (ext !== undefined && !/^[a-z0-9]{1,8}$/.test(ext)) return void problems.push(`${where}: "extension" must be a file extension such as mov`);
    seen.add(e.path);
    const fallbackName = e.path.split(/[\\/]/).pop()!.replace(/\.epr$/i, '');
    presets.push({ id: e.path, name: typeof e.name === 'string' && e.name.trim() !== '' ? e.name.trim() : fallbackName, path: e.path, ...(ext ? { extension: ext } : {}) });
  });
  return { presets, problems };
}
