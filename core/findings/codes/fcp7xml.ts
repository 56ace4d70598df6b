import { defineCodes } from './types.ts';

/** FCP7XML finding codes. Never renamed or reused; a retired code stays with a note. */
export const FCP7XML_CODES = defineCodes({
  FCP7_ROOT_NOT_XMEML: {
    severity: 'error',
    title: 'Not an FCP7 XML (xmeml) document',
    message: (p: { root: string }) => `the root element is <${p.root}>, not <xmeml>`,
  },
  FCP7_NO_SEQUENCE: {
    severity: 'warning',
    title: 'No sequence in the XML',
    message: (_p: Record<string, never>) => 'the xmeml holds no <sequence>; there is no timeline to read',
  },
  FCP7_RATE_MISSING: {
    severity: 'warning',
    title: 'Rate missing',
    message: (p: { element: string; used: string }) => `<${p.element}> has no usable <rate><timebase>; read at ${p.used}`,
  },
  FCP7_RATE_INVALID: {
    severity: 'error',
    title: 'Rate not valid',
    message: (p: { timebase: string; ntsc: string }) => `timebase "${p.timebase}" with ntsc ${p.ntsc} is not a frame rate`,
  },
  FCP7_NUMBER_INVALID: {
    severity: 'error',
    title: 'Number not valid',
    message: (p: { element: string; text: string }) => `<${p.element}> holds "${p.text}", not a whole number of frames`,
  },
  FCP7_NUMBER_ROUNDED: {
    severity: 'warning',
    title: 'Fractional frame count rounded',
    message: (p: { element: string; text: string; used: number }) => `<${p.element}> holds "${p.text}"; read as frame ${p.used}`,
  },
  FCP7_TIMECODE_DF_NON_NTSC: {
    severity: 'info',
    title: 'Drop-frame label on a non-NTSC rate',
    message: (p: { label: string; rate: string }) => `timecode ${p.label} is labelled DF but its rate is ${p.rate}; its <frame> count was used as written`,
  },
  FCP7_TIMECODE_INVALID: {
    severity: 'warning',
    title: 'Timecode not readable',
    message: (p: { text: string; reason: string }) => `timecode "${p.text}" could not be read (${p.reason}); source start 0 was used`,
  },
  FCP7_REFERENCE_UNKNOWN: {
    severity: 'error',
    title: 'Reference to an undefined id',
    message: (p: { element: string; id: string }) => `<${p.element} id="${p.id}"/> refers to an id that is never defined; the media is read as missing`,
  },
  FCP7_NESTING_CYCLE: {
    severity: 'error',
    title: 'Nested sequence contains itself',
    message: (p: { id: string }) => `sequence ${p.id} is nested inside itself; the inner use was read as an empty stack`,
  },
  FCP7_ITEM_OVERLAP: {
    severity: 'warning',
    title: 'Items overlap on a track',
    message: (p: { name: string; start: number; previousEnd: number }) => `"${p.name}" starts at frame ${p.start}, before the previous item ends (${p.previousEnd}); the overlap was cut from the earlier item (or from this one after a transition)`,
  },
  FCP7_ITEM_BOUNDS_MISSING: {
    severity: 'error',
    title: 'Item has no usable record position',
    message: (p: { name: string; reason: string }) => `"${p.name}" was skipped: ${p.reason}`,
  },
  FCP7_SPEED_MISMATCH: {
    severity: 'warning',
    title: 'Time Remap speed disagrees with in/out',
    message: (p: { name: string; parameter: string; measured: string }) => `"${p.name}": the Time Remap speed says ${p.parameter}% but in/out over the record length gives ${p.measured}%; the in/out ratio was used`,
  },
  FCP7_SPEED_VARIABLE: {
    severity: 'warning',
    title: 'Variable speed not represented',
    message: (p: { name: string }) => `"${p.name}" has variable-speed (keyframed) Time Remap; read as its average constant speed`,
  },
  FCP7_RATE_RESCALED: {
    severity: 'warning',
    title: 'Time rounded to another rate',
    message: (p: { what: string; from: string; to: string }) => `${p.what} at ${p.from} is not a whole number of frames at ${p.to}; rounded`,
  },
  FCP7_STEREO_PAIR_DIFFERS: {
    severity: 'info',
    title: 'Exploded channel track kept separately',
    message: (p: { track: string }) => `channel track ${p.track} is not a mirror of its primary channel track, so it was kept as its own track`,
  },
  FCP7_WRITE_TRANSITION_DROPPED: {
    severity: 'warning',
    title: 'Transition not written',
    message: (p: { track: string; reason: string }) => `a transition on ${p.track} was not written: ${p.reason}`,
  },
  FCP7_WRITE_EFFECT_DROPPED: {
    severity: 'info',
    title: 'Effect not written',
    message: (p: { clip: string; effect: string }) => `"${p.clip}": effect ${p.effect} has no FCP7 XML equivalent and was not written`,
  },
  FCP7_WRITE_MARKER_DROPPED: {
    severity: 'warning',
    title: 'Track marker not written',
    message: (p: { track: string; marker: string }) => `marker "${p.marker}" on track ${p.track} was not written: xmeml tracks carry no markers`,
  },
  FCP7_WRITE_TIME_ROUNDED: {
    severity: 'warning',
    title: 'Time rounded on write',
    message: (p: { clip: string; what: string }) => `"${p.clip}": ${p.what} is not a whole frame at the sequence rate and was rounded`,
  },
});
