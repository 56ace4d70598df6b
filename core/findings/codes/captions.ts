import { defineCodes } from './types.ts';

/** CAPTIONS finding codes. Never renamed or reused; a retired code stays with a note. */
export const CAPTIONS_CODES = defineCodes({
  CAPTION_FORMAT_UNKNOWN: {
    severity: 'error',
    title: 'Not a caption format Picturelock reads',
    message: (p: { why: string }) => `the file is not SRT, WebVTT, TTML, SCC or EBU STL: ${p.why}`,
  },
  CAPTION_BINARY_DATA: {
    severity: 'error',
    title: 'Binary data in a text caption file',
    message: (p: { count: number; first: string }) => `${p.count} control byte(s) that no caption text holds (first ${p.first}); they were dropped`,
  },
  CAPTION_SIGNATURE_MISSING: {
    severity: 'error',
    title: 'File signature missing',
    message: (p: { format: string; expected: string; found: string }) => `a ${p.format} file must start with ${p.expected}; it starts with "${p.found}", so no cue was read`,
  },
  CAPTION_TIMESTAMP_INVALID: {
    severity: 'error',
    title: 'Timestamp not understood',
    message: (p: { text: string; reason: string }) => `"${p.text}" is not a valid timing: ${p.reason}; the cue was not read`,
  },
  CAPTION_TIMESTAMP_LENIENT: {
    severity: 'info',
    title: 'Timestamp written loosely',
    message: (p: { text: string; reason: string }) => `"${p.text}" ${p.reason}; it was read anyway`,
  },
  CAPTION_TIMES_REVERSED: {
    severity: 'error',
    title: 'Cue ends before it starts',
    message: (p: { event: string; start: string; end: string }) => `cue ${p.event} ends at ${p.end}, before or at its start ${p.start}; it was not read`,
  },
  CAPTION_BLOCK_UNPARSEABLE: {
    severity: 'warning',
    title: 'Block without a timing line',
    message: (p: { text: string; action: string }) => `"${p.text}" has no timing line; ${p.action}`,
  },
  CAPTION_COUNTER_INVALID: {
    severity: 'info',
    title: 'SRT counter out of sequence',
    message: (p: { expected: number; found: string }) => `the cue counter is "${p.found}" where ${p.expected} was expected`,
  },
  CAPTION_TAG_UNKNOWN: {
    severity: 'info',
    title: 'Markup tag not understood',
    message: (p: { tag: string }) => `the tag ${p.tag} is not one the format defines; its text was kept and the tag dropped`,
  },
  CAPTION_SETTING_INVALID: {
    severity: 'info',
    title: 'Cue setting not understood',
    message: (p: { setting: string }) => `the cue setting "${p.setting}" is not valid WebVTT and was ignored`,
  },
  CAPTION_TTML_INVALID: {
    severity: 'error',
    title: 'TTML document not usable',
    message: (p: { reason: string }) => `TTML: ${p.reason}`,
  },
  CAPTION_TTML_PARAMETER_INVALID: {
    severity: 'warning',
    title: 'TTML timing parameter not valid',
    message: (p: { name: string; value: string; used: string }) => `${p.name}="${p.value}" is not valid; ${p.used} was used`,
  },
  CAPTION_SCC_HEADER_MISSING: {
    severity: 'error',
    title: 'SCC header missing',
    message: (p: { found: string }) => `an SCC file starts with "Scenarist_SCC V1.0"; this one starts with "${p.found}"`,
  },
  CAPTION_SCC_LINE_INVALID: {
    severity: 'warning',
    title: 'SCC line not understood',
    message: (p: { text: string; reason: string }) => `"${p.text}": ${p.reason}; the line was skipped`,
  },
  CAPTION_SCC_WORD_INVALID: {
    severity: 'warning',
    title: 'SCC byte pair not valid',
    message: (p: { word: string; reason: string }) => `byte pair ${p.word}: ${p.reason}`,
  },
  CAPTION_SCC_LINE_LATE: {
    severity: 'warning',
    title: 'SCC line starts before the previous one finished',
    message: (p: { label: string; frames: number }) => `the line at ${p.label} starts ${p.frames} frame(s) before the previous line's byte pairs were sent (one pair per frame); its pairs were timed from where the previous ones end`,
  },
  CAPTION_SCC_CHANNEL_IGNORED: {
    severity: 'info',
    title: 'Other caption channel ignored',
    message: (p: { channel: string; count: number }) => `${p.count} byte pair(s) for ${p.channel} were ignored; Picturelock reads CC1`,
  },
  CAPTION_SCC_NOT_ERASED: {
    severity: 'warning',
    title: 'Caption never erased',
    message: (p: { start: string; end: string }) => `the caption shown at ${p.start} is never erased; it was ended at ${p.end} (10 s later)`,
  },
  CAPTION_STL_GSI_INVALID: {
    severity: 'warning',
    title: 'EBU STL header field not valid',
    message: (p: { field: string; value: string; used: string }) => `GSI ${p.field} is "${p.value}"; ${p.used}`,
  },
  CAPTION_STL_TTI_INVALID: {
    severity: 'warning',
    title: 'EBU STL text block not valid',
    message: (p: { block: number; reason: string }) => `TTI block ${p.block}: ${p.reason}`,
  },
  CAPTION_STL_TTI_CONTAINED: {
    severity: 'warning',
    title: 'EBU STL subtitle inside the previous one',
    message: (p: { block: number; previous: number }) => `TTI block ${p.block} lies wholly inside the time of block ${p.previous}; it was dropped (subtitles must follow each other)`,
  },
  CAPTION_STL_COUNT_MISMATCH: {
    severity: 'warning',
    title: 'EBU STL counts disagree with the file',
    message: (p: { field: string; stated: number; actual: number }) => `GSI ${p.field} states ${p.stated} but the file holds ${p.actual}`,
  },
  CAPTION_TARGET_LOSS: {
    severity: 'warning',
    title: 'The target format cannot carry this',
    message: (p: { format: string; what: string; count: number }) => `${p.format} cannot carry ${p.what}; ${p.count} event(s) lost it`,
  },
  CAPTION_TARGET_CHARACTER: {
    severity: 'warning',
    title: 'Character not in the target character set',
    message: (p: { format: string; char: string; replacement: string; count: number }) =>
      `${p.format} has no "${p.char}" (${p.count} time(s)); ${p.replacement ? `written as "${p.replacement}"` : 'dropped'}`,
  },
  CAPTION_TARGET_LAYOUT: {
    severity: 'warning',
    title: 'Event does not fit the target grid',
    message: (p: { format: string; event: string; detail: string }) => `${p.format}: event ${p.event} ${p.detail}`,
  },
  CAPTION_SCC_TIMING_SHIFTED: {
    severity: 'warning',
    title: 'Caption shown late: not enough frames to send it',
    message: (p: { event: string; frames: number; code: string }) =>
      `event ${p.event}: the ${p.code} had to be sent ${p.frames} frame(s) late because CEA-608 carries one byte pair per frame`,
  },
  CAPTION_RATE_ASSUMED: {
    severity: 'info',
    title: 'Frame rate assumed',
    message: (p: { rate: string; why: string }) => `frame counts use ${p.rate}: ${p.why}`,
  },
  CAPTION_OUT_OF_ORDER: {
    severity: 'warning',
    title: 'Events out of time order',
    message: (p: { event: string; previous: string }) => `event ${p.event} starts before event ${p.previous}, which comes first in the file`,
  },
  CAPTION_EMPTY: {
    severity: 'warning',
    title: 'Event without text',
    message: (p: { event: string; action: string }) => `event ${p.event} has no text; ${p.action}`,
  },
  CAPTION_LINE_TOO_LONG: {
    severity: 'error',
    title: 'Line longer than the profile allows',
    message: (p: { event: string; line: number; chars: number; limit: number }) => `event ${p.event} line ${p.line} has ${p.chars} characters; the limit is ${p.limit}`,
  },
  CAPTION_TOO_MANY_LINES: {
    severity: 'error',
    title: 'More lines than the profile allows',
    message: (p: { event: string; lines: number; limit: number }) => `event ${p.event} has ${p.lines} lines; the limit is ${p.limit}`,
  },
  CAPTION_READING_SPEED_HIGH: {
    severity: 'warning',
    title: 'Reading speed above the limit',
    message: (p: { event: string; cps: string; limit: number }) => `event ${p.event} needs ${p.cps} characters per second; the limit is ${p.limit}`,
  },
  CAPTION_DURATION_SHORT: {
    severity: 'error',
    title: 'Event shorter than the minimum',
    message: (p: { event: string; frames: number; limit: number }) => `event ${p.event} lasts ${p.frames} frames; the minimum is ${p.limit}`,
  },
  CAPTION_DURATION_LONG: {
    severity: 'error',
    title: 'Event longer than the maximum',
    message: (p: { event: string; frames: number; limit: number }) => `event ${p.event} lasts ${p.frames} frames; the maximum is ${p.limit}`,
  },
  CAPTION_OVERLAP: {
    severity: 'error',
    title: 'Events overlap',
    message: (p: { event: string; next: string; frames: number }) => `event ${p.event} is still on screen ${p.frames} frame(s) after event ${p.next} starts`,
  },
  CAPTION_GAP_SHORT: {
    severity: 'error',
    title: 'Gap between events below the minimum',
    message: (p: { event: string; next: string; frames: number; limit: number }) => `the gap between events ${p.event} and ${p.next} is ${p.frames} frame(s); the minimum is ${p.limit}`,
  },
  CAPTION_GAP_NOT_CLOSED: {
    severity: 'warning',
    title: 'Short gap not closed',
    message: (p: { event: string; next: string; frames: number; limit: number; chain: number }) =>
      `the gap between events ${p.event} and ${p.next} is ${p.frames} frames; gaps up to ${p.chain} frames should be closed to ${p.limit}`,
  },
  CAPTION_OUTSIDE_PROGRAMME: {
    severity: 'error',
    title: 'Event outside the programme',
    message: (p: { event: string; detail: string }) => `event ${p.event} ${p.detail}`,
  },
  CAPTION_CHARACTER_ILLEGAL: {
    severity: 'error',
    title: 'Character not allowed',
    message: (p: { event: string; char: string; code: string; why: string }) => `event ${p.event} holds "${p.char}" (${p.code}): ${p.why}`,
  },
  CAPTION_IN_NEAR_CUT: {
    severity: 'warning',
    title: 'In-time too close to a shot change',
    message: (p: { event: string; frames: number; side: string; cut: string; limit: number }) =>
      `event ${p.event} starts ${p.frames} frame(s) ${p.side} the cut at ${p.cut}; in-times within ${p.limit} frames of a cut should move`,
  },
  CAPTION_OUT_NEAR_CUT: {
    severity: 'warning',
    title: 'Out-time too close to a shot change',
    message: (p: { event: string; frames: number; side: string; cut: string; limit: number }) =>
      `event ${p.event} ends ${p.frames} frame(s) ${p.side} the cut at ${p.cut}; out-times within ${p.limit} frames of a cut should end 2 frames before it`,
  },
  CAPTION_RETIME_DROPPED: {
    severity: 'warning',
    title: 'Caption over removed picture',
    message: (p: { event: string; record: string }) => `event ${p.event} (${p.record}) sits on material that is not in the new cut; it was dropped`,
  },
  CAPTION_RETIME_TRIMMED: {
    severity: 'warning',
    title: 'Caption shortened by the recut',
    message: (p: { event: string; before: number; after: number }) => `event ${p.event} lasted ${p.before} frames and lasts ${p.after} in the new cut; part of its material was cut`,
  },
});
