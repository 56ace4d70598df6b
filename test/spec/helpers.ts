import { basename } from 'node:path';
import { SPEC_BUILTIN_PROFILES, evaluateSpec, specFactsOfMedia, type MediaInfo } from '@picturelock/core';

export const NETFLIX_PRORES_ID = 'netflix.prores.kmrb';

/**
 * The Netflix-style profile's failed rules for a probed file, as [rule id, requested, actual],
 * with a TTML sidecar beside it (so only what the file itself gets wrong shows).
 */
export function evaluateNetflix(m: MediaInfo): [string, string, string, string][] {
  const profile = SPEC_BUILTIN_PROFILES.find((p) => p.id === NETFLIX_PRORES_ID)!;
  const name = basename(m.path);
  const siblings = [name, name.replace(/\.mov$/, '.ttml')];
  const e = evaluateSpec(profile, m.path, specFactsOfMedia(m, { siblings }));
  return e.results.filter((r) => r.outcome === 'fail' || r.outcome === 'not-stated').map((r) => [r.id, r.requested, r.actual, r.severity]);
}
