import type { premierepro } from '@adobe/premierepro';

/**
 * The one place that touches Premiere's `premierepro` module. In the UXP panel it is loaded
 * lazily with UXP's `require` (bundlers keep `premierepro` external); tests and the demo
 * inject a fake with `setPremiereModule`. Nothing else in Picturelock reads a host global.
 */

let injected: premierepro | undefined;

export function setPremiereModule(mod: premierepro | undefined): void {
  injected = mod;
}

/** The module, or undefined outside Premiere (no UXP `require`, or no `premierepro` in it). */
export function premiereModule(): premierepro | undefined {
  if (injected) return injected;
  const req = (globalThis as { require?: (id: string) => unknown }).require;
  if (typeof req !== 'function') return undefined;
  try {
    injected = req('premierepro') as premierepro;
  } catch {
    return undefined;
  }
  return injected;
}
