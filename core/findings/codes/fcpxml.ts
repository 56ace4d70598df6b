import { defineCodes } from './types.ts';

/** FCPXML finding codes. Never renamed or reused; a retired code stays with a note. */
export const FCPXML_CODES = defineCodes({
  FCPXML_ROOT_NOT_FCPXML: {
    severity: 'error',
    title: 'Not an FCPXML document',
    message: (p: { root: string }) => `the root element is <${p.root}>, not <fcpxml>; nothing was read`,
  },
  FCPXML_VERSION_UNSUPPORTED: {
    severity: 'warning',
    title: 'FCPXML version outside 1.8 to 1.13',
    message: (p: { version: string }) => `FCPXML version "${p.version}" is outside 1.8 to 1.13; read as the nearest known version, check the result`,
  },
  FCPXML_TIME_NOT_RATIONAL: {
    severity: 'error',
    title: 'Time value is not a rational number of seconds',
    message: (p: { element: string; attribute: string; text: string }) =>
      `<${p.element} ${p.attribute}="${p.text}"> is not a time value (FCPXML writes N/Ds or Ns, e.g. 1001/24000s); read as 0s`,
  },
  FCPXML_TIME_OFF_GRID: {
    severity: 'info',
    title: 'Times between frames kept exact',
    message: (p: { timeline: string; count: number; rate: string }) =>
      `${p.count} time value(s) in "${p.timeline}" fall between frames at ${p.rate} (sample-accurate audio, mixed-rate media); they were kept as exact fractions, not rounded`,
  },
  FCPXML_RESOURCE_MISSING: {
    severity: 'error',
    title: 'Referenced resource is missing',
    message: (p: { element: string; ref: string }) => `<${p.element}> refers to resource "${p.ref}", which <resources> does not define; its media is read as missing`,
  },
  FCPXML_FORMAT_RATE_MISSING: {
    severity: 'warning',
    title: 'Sequence format has no frame duration',
    message: (p: { format: string; assumed: string }) => `format "${p.format}" has no usable frameDuration; the sequence is read at ${p.assumed}`,
  },
  FCPXML_DROP_FRAME_INVALID: {
    severity: 'warning',
    title: 'Drop-frame timecode at a rate without it',
    message: (p: { rate: string }) => `tcFormat="DF" on a ${p.rate} sequence: drop-frame exists only at 29.97 and 59.94; read as non-drop`,
  },
  FCPXML_PROJECT_MISSING: {
    severity: 'info',
    title: 'No project in the file',
    message: (p: { sequences: number }) => `the file holds no <project>; ${p.sequences} compound-clip sequence(s) were read as timelines instead`,
  },
  FCPXML_NOTHING_TO_READ: {
    severity: 'error',
    title: 'No sequence in the file',
    message: (_p: Record<string, never>) => 'the file holds no <project> and no compound clip with a <sequence>; there is no timeline to read',
  },
  FCPXML_ELEMENT_NOT_READ: {
    severity: 'info',
    title: 'Elements not carried into the timeline',
    message: (p: { timeline: string; element: string; count: number }) => `${p.count} <${p.element}> element(s) in "${p.timeline}" are not part of the timeline model and were not read`,
  },
  FCPXML_SPINE_OFFSET_MISMATCH: {
    severity: 'warning',
    title: 'Storyline offsets do not follow each other',
    message: (p: { element: string; expected: string; actual: string; repair: string }) =>
      `<${p.element}> says it starts at ${p.actual} but the storyline reaches ${p.expected} there; ${p.repair}`,
  },
  FCPXML_LANE_OVERLAP: {
    severity: 'warning',
    title: 'Connected clips overlap on one lane',
    message: (p: { lane: number; clip: string; track: string }) => `"${p.clip}" on lane ${p.lane} overlaps the clip before it on that lane; it was put on an extra track ${p.track}`,
  },
  FCPXML_TIMEMAP_VARIABLE: {
    severity: 'warning',
    title: 'Variable speed read as a constant speed',
    message: (p: { clip: string; speed: string }) => `"${p.clip}" has a variable-speed timeMap; read as the constant speed ${p.speed} of its first segment (the time points are kept in metadata)`,
  },
  FCPXML_SPEED_APPROXIMATED: {
    severity: 'warning',
    title: 'Speed ratio too large to keep exactly',
    message: (p: { clip: string; exact: string; written: string }) => `"${p.clip}" has a timeMap speed of ${p.exact}, too large for an exact ratio; read as ${p.written}`,
  },
  FCPXML_AUDITION_ALTERNATIVES: {
    severity: 'info',
    title: 'Audition read as its active pick',
    message: (p: { clip: string; alternatives: number }) => `audition "${p.clip}" was read as its active pick; ${p.alternatives} alternative(s) kept by name in metadata only`,
  },
  FCPXML_NESTING_TOO_DEEP: {
    severity: 'error',
    title: 'Compound clips nest too deep or refer to themselves',
    message: (p: { ref: string; reason: string }) => `compound clip media "${p.ref}" was not expanded: ${p.reason}`,
  },
  FCPXML_WRITE_NOT_EXPRESSIBLE: {
    severity: 'warning',
    title: 'Not written: FCPXML cannot carry it',
    message: (p: { what: string; where: string }) => `${p.what} (${p.where}) was not written: FCPXML cannot carry it`,
  },
  FCPXML_WRITE_VERSION_UNKNOWN: {
    severity: 'error',
    title: 'Unknown FCPXML version requested',
    message: (p: { version: string }) => `FCPXML version "${p.version}" is not one Picturelock writes (1.8 to 1.13); wrote 1.10`,
  },
});
