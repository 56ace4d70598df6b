import type { MarkerColor } from '../timeline/index.ts';
import type { Severity } from './codes/index.ts';
import type { Finding } from './finding.ts';

/** Marker colours for findings put back on a host timeline: red errors, yellow warnings, blue notes. */
export const FINDING_MARKER_COLORS: Readonly<Record<Severity, MarkerColor>> = { error: 'red', warning: 'yellow', info: 'blue' };

/** A marker for a finding: record frames from the timeline start, `[start, end)`. */
export interface FindingMarker {
  readonly name: string;
  readonly note: string;
  readonly color: MarkerColor;
  readonly frames: { readonly start: number; readonly end: number };
}

/** One marker per finding that has a timeline position (`where.frames`); the rest have nowhere to go. */
export function findingMarkers(findings: readonly Partial<Finding>[]): FindingMarker[] {
  const out: FindingMarker[] = [];
  for (const f of findings) {
    const frames = f.where?.frames;
    if (!frames || !Number.isSafeInteger(frames.start) || !Number.isSafeInteger(frames.end) || frames.end <= frames.start) continue;
    const severity: Severity = f.severity === 'error' || f.severity === 'warning' ? f.severity : 'info';
    out.push({
      name: f.where?.event ? `${f.code ?? 'finding'} ${f.where.event}` : String(f.code ?? 'finding'),
      note: String(f.message ?? ''),
      color: FINDING_MARKER_COLORS[severity],
      frames: { start: frames.start, end: frames.end },
    });
  }
  return out;
}
