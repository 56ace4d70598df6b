import { defineCodes } from './types.ts';

/** OTIO finding codes. Never renamed or reused; a retired code stays with a note. */
export const OTIO_CODES = defineCodes({
  OTIO_JSON_SYNTAX: {
    severity: 'error',
    title: 'OTIO text is not readable JSON',
    message: (p: { reason: string }) => `the JSON stops being readable here: ${p.reason}; what came before was kept`,
  },
  OTIO_JSON_NONSTANDARD_NUMBER: {
    severity: 'info',
    title: 'Non-standard JSON number read',
    message: (p: { token: string }) => `"${p.token}" is not RFC 8259 JSON; read as OpenTimelineIO writes it (${p.token.startsWith('N') ? 'not a number' : 'an infinite float'})`,
  },
  OTIO_JSON_INTEGER_UNSAFE: {
    severity: 'warning',
    title: 'Integer past 2^53',
    message: (p: { text: string; kept: string; exact: boolean }) =>
      `the integer ${p.text} is past 2^53 and is kept as the float ${p.kept}${p.exact ? ' (which happens to be exact)' : ', which is not exact'}`,
  },
  OTIO_JSON_TRAILING_TEXT: {
    severity: 'warning',
    title: 'Text after the JSON document',
    message: (p: { text: string }) => `text after the end of the document was ignored: "${p.text}"`,
  },
  OTIO_SCHEMA_UNKNOWN: {
    severity: 'warning',
    title: 'Unknown OTIO schema',
    message: (p: { schema: string; kept: string }) => `"${p.schema}" is not a schema Picturelock reads; ${p.kept}`,
  },
  OTIO_SCHEMA_LEGACY: {
    severity: 'info',
    title: 'Old OTIO schema name read',
    message: (p: { schema: string; as: string }) => `"${p.schema}" is an old schema name; read as ${p.as}`,
  },
  OTIO_SCHEMA_VERSION_UNKNOWN: {
    severity: 'warning',
    title: 'OTIO schema version not known',
    message: (p: { schema: string; known: string }) => `"${p.schema}" is a version Picturelock has not seen; read as ${p.known}, fields it does not know are kept in metadata`,
  },
  OTIO_FIELD_INVALID: {
    severity: 'error',
    title: 'OTIO field has a wrong value',
    message: (p: { schema: string; field: string; reason: string }) => `${p.schema} field "${p.field}": ${p.reason}`,
  },
  OTIO_RATE_SNAPPED: {
    severity: 'info',
    title: 'Float rate snapped to the exact rate',
    message: (p: { float: string; rate: string }) => `rate ${p.float} read as the exact rate ${p.rate}`,
  },
  OTIO_RATE_APPROXIMATED: {
    severity: 'warning',
    title: 'Float rate is not a known rate',
    message: (p: { float: string; rate: string }) => `rate ${p.float} is not a standard rate; read as the nearest small fraction ${p.rate}`,
  },
  OTIO_TIME_ROUNDED: {
    severity: 'warning',
    title: 'Time not on a whole frame',
    message: (p: { field: string; value: string; frames: number; rate: string }) =>
      `${p.field} is ${p.value} frames at ${p.rate}, not a whole frame; rounded to ${p.frames}`,
  },
  OTIO_SPEED_SNAPPED: {
    severity: 'info',
    title: 'Float speed read as an exact ratio',
    message: (p: { float: string; ratio: string }) => `time scalar ${p.float} read as the exact ratio ${p.ratio}`,
  },
  OTIO_TOP_LEVEL_WRAPPED: {
    severity: 'info',
    title: 'Single OTIO object read as a timeline',
    message: (p: { schema: string }) => `the file holds a single ${p.schema}, not a Timeline; it was read as a one-track timeline`,
  },
  OTIO_COLLECTION_TIMELINES: {
    severity: 'info',
    title: 'Collection of timelines',
    message: (p: { count: number; names: string; picked: string }) => `the collection holds ${p.count} timelines (${p.names}); ${p.picked}`,
  },
  OTIO_CHILD_WRAPPED: {
    severity: 'info',
    title: 'OTIO child wrapped to fit the model',
    message: (p: { name: string; schema: string; as: string }) => `${p.schema} "${p.name}" ${p.as}; it is written back to OTIO as it was`,
  },
  OTIO_TRACK_KIND_UNKNOWN: {
    severity: 'warning',
    title: 'Track kind not Video or Audio',
    message: (p: { track: string; kind: string }) => `track "${p.track}" has kind "${p.kind}"; read as a video track`,
  },
  OTIO_TRACKS_REORDERED: {
    severity: 'info',
    title: 'Tracks reordered',
    message: (p: { order: string }) => `tracks were put video first, then audio (as Picturelock orders them): ${p.order}`,
  },
  OTIO_TRACK_TRIM_KEPT: {
    severity: 'warning',
    title: 'Track trim not applied',
    message: (p: { track: string }) => `track "${p.track}" has a source_range; it is kept for writing back but checks see the whole track`,
  },
  OTIO_CLIP_RANGE_FROM_MEDIA: {
    severity: 'info',
    title: 'Clip range taken from its media',
    message: (p: { clip: string }) => `clip "${p.clip}" has no source_range; it plays its media's whole available_range, as OTIO defines`,
  },
  OTIO_CLIP_RANGE_MISSING: {
    severity: 'error',
    title: 'Clip has no range',
    message: (p: { clip: string }) => `clip "${p.clip}" has neither a source_range nor a media available_range; it was read as 0 frames long`,
  },
  OTIO_MEDIA_REFERENCE_MISSING: {
    severity: 'warning',
    title: 'Active media reference absent',
    message: (p: { clip: string; key: string }) => `clip "${p.clip}" names media reference "${p.key}" as active but has none by that key; read as missing media`,
  },
  OTIO_MARKER_COLOR_UNKNOWN: {
    severity: 'warning',
    title: 'Marker colour not known',
    message: (p: { color: string; as: string }) => `marker colour "${p.color}" is not an OTIO marker colour; read as ${p.as}`,
  },
  OTIO_VALUE_NOT_WRITABLE: {
    severity: 'warning',
    title: 'Metadata value cannot be written as JSON',
    message: (p: { path: string; type: string }) => `metadata ${p.path} is a ${p.type}, which JSON cannot hold; written as null`,
  },
  OTIO_NONSTANDARD_NUMBER_WRITTEN: {
    severity: 'info',
    title: 'Non-standard JSON number written',
    message: (p: { path: string; token: string }) => `metadata ${p.path} is ${p.token}; written as OpenTimelineIO writes it, which strict JSON readers refuse`,
  },
});
