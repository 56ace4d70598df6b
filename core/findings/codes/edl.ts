import { defineCodes } from './types.ts';

/** EDL finding codes. Never renamed or reused; a retired code stays with a note. */
export const EDL_CODES = defineCodes({
  EDL_LINE_UNPARSEABLE: {
    severity: 'warning',
    title: 'EDL line not understood',
    message: (p: { text: string; reason: string }) => `"${p.text}" was not understood (${p.reason}); it is kept as a comment of the event it follows`,
  },
  EDL_EVENT_TIMECODE_INVALID: {
    severity: 'error',
    title: 'Illegal timecode in an event',
    message: (p: { event: string; field: string; text: string; reason: string }) => `event ${p.event} was not read: its ${p.field} ${p.text} is not legal: ${p.reason}`,
  },
  EDL_EVENT_DURATION_MISMATCH: {
    severity: 'warning',
    title: 'Source and record durations differ',
    message: (p: { event: string; source: number; record: number }) =>
      `event ${p.event}: the source runs ${p.source} frames but the record runs ${p.record}; the record length was used`,
  },
  EDL_EVENT_RECORD_REVERSED: {
    severity: 'error',
    title: 'Record out before record in',
    message: (p: { event: string; recordIn: string; recordOut: string }) => `event ${p.event} was not read: record out ${p.recordOut} is before record in ${p.recordIn}`,
  },
  EDL_EVENT_STACKED: {
    severity: 'info',
    title: 'Overlapping event placed on a higher track',
    message: (p: { event: string; from: string; to: string }) => `event ${p.event} overlaps earlier events on ${p.from}; it was placed on ${p.to}`,
  },
  EDL_AUDIO_OVERLAP: {
    severity: 'warning',
    title: 'Audio events overlap on one channel',
    message: (p: { event: string; channel: string; track: string }) => `event ${p.event} overlaps an earlier event on ${p.channel}; it was placed on the extra track ${p.track}`,
  },
  EDL_TRANSITION_ID_MISMATCH: {
    severity: 'error',
    title: 'Transition and event id mismatch',
    message: (p: { event: string; outgoing: string }) =>
      `transition and event id mismatch: the transition is numbered ${p.event} but the cut before it is numbered ${p.outgoing}; the cut was used as the outgoing side`,
  },
  EDL_TRANSITION_TOO_LONG: {
    severity: 'warning',
    title: 'Transition longer than its incoming clip',
    message: (p: { event: string; frames: number; clipFrames: number }) => `event ${p.event}: the transition runs ${p.frames} frames but the incoming clip only ${p.clipFrames}; it was shortened to ${p.clipFrames}`,
  },
  EDL_FCM_UNKNOWN: {
    severity: 'warning',
    title: 'FCM line not understood',
    message: (p: { text: string }) => `"${p.text}" is neither FCM: DROP FRAME nor FCM: NON-DROP FRAME; the counting before it was kept`,
  },
  EDL_FCM_CONFLICT: {
    severity: 'warning',
    title: 'Frame counting contradicts the rate',
    message: (p: { detail: string }) => p.detail,
  },
  EDL_M2_INVALID: {
    severity: 'warning',
    title: 'M2 speed line not used',
    message: (p: { text: string; reason: string }) => `the M2 line "${p.text}" was not used: ${p.reason}`,
  },
  EDL_COMMENT_INVALID: {
    severity: 'warning',
    title: 'Comment value not understood',
    message: (p: { kind: string; text: string; reason: string }) => `the ${p.kind} comment "${p.text}" was not used: ${p.reason}; it is kept as a plain comment`,
  },
  EDL_NO_EVENTS: {
    severity: 'warning',
    title: 'No events in the list',
    message: (_p: Record<string, never>) => 'the list holds no event line (NNN REEL CHANNEL TRANSITION SRC-IN SRC-OUT REC-IN REC-OUT)',
  },
  EDL_WRITE_TRACK_OMITTED: {
    severity: 'warning',
    title: 'Track not written',
    message: (p: { track: string; reason: string }) => `track ${p.track} not written: ${p.reason}`,
  },
  EDL_WRITE_ITEM_OMITTED: {
    severity: 'warning',
    title: 'Item not written',
    message: (p: { track: string; item: string; reason: string }) => `${p.track} "${p.item}" not written: ${p.reason}`,
  },
  EDL_WRITE_REEL_CHANGED: {
    severity: 'warning',
    title: 'Reel name changed to fit the dialect',
    message: (p: { reel: string; written: string; reason: string }) => `reel "${p.reel}" written as "${p.written}" (${p.reason}); the full name is kept in a * REEL: comment`,
  },
  EDL_WRITE_SPEED_ROUNDED: {
    severity: 'warning',
    title: 'Speed rounded to the M2 field',
    message: (p: { clip: string; exact: string; written: string }) => `clip "${p.clip}": speed ${p.exact} written as M2 ${p.written} fps (M2 carries one decimal)`,
  },
  EDL_WRITE_TRANSITION_MOVED: {
    severity: 'info',
    title: 'Transition moved to start at the cut',
    message: (p: { transition: string; frames: number }) =>
      `transition "${p.transition}" started ${p.frames} frames before its cut; an EDL transition starts at the cut, so the cut was moved ${p.frames} frames earlier`,
  },
  EDL_WRITE_SOURCE_RATE: {
    severity: 'warning',
    title: 'Source at another rate',
    message: (p: { clip: string; sourceRate: string; rate: string }) => `clip "${p.clip}" runs at ${p.sourceRate} but an EDL has one rate; its source timecode was written at ${p.rate}, rounded to the frame`,
  },
  EDL_WRITE_TIMECODE_RANGE: {
    severity: 'error',
    title: 'Time cannot be written as timecode',
    message: (p: { clip: string; frame: number }) => `clip "${p.clip}": frame ${p.frame} is outside 00:00:00:00-23:59:59:ff; written wrapped at 24 hours`,
  },
  EDL_WRITE_EVENT_NUMBERS: {
    severity: 'warning',
    title: 'More events than the dialect numbers',
    message: (p: { dialect: string; max: number; events: number }) => `${p.dialect} numbers events up to ${p.max}; the list has ${p.events}, so later numbers are wider than the column`,
  },
  EDL_WRITE_MARKER_OMITTED: {
    severity: 'info',
    title: 'Marker not written',
    message: (p: { marker: string; reason: string }) => `marker "${p.marker}" not written: ${p.reason}`,
  },
  EDL_WRITE_TEXT_CHANGED: {
    severity: 'info',
    title: 'Text changed to fit one line',
    message: (p: { field: string; text: string; written: string }) => `${p.field} "${p.text}" written as "${p.written}"`,
  },
});
