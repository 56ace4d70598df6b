import { defineCodes } from './types.ts';

/** ALE finding codes. Never renamed or reused; a retired code stays with a note. */
export const ALE_CODES = defineCodes({
  ALE_SECTION_MISSING: {
    severity: 'error',
    title: 'ALE section missing',
    message: (p: { section: string }) => `the ALE has no "${p.section}" section`,
  },
  ALE_FIELD_DELIM_UNSUPPORTED: {
    severity: 'warning',
    title: 'ALE field delimiter not TABS',
    message: (p: { delim: string }) => `FIELD_DELIM is "${p.delim}"; Avid only writes TABS, and the fields were read as tab-separated`,
  },
  ALE_FPS_MISSING: {
    severity: 'warning',
    title: 'ALE heading has no FPS',
    message: (p: { used: string }) => `the heading has no FPS; ${p.used}`,
  },
  ALE_FPS_INVALID: {
    severity: 'error',
    title: 'ALE FPS not a frame rate',
    message: (p: { text: string; reason: string }) => `FPS "${p.text}" is not a frame rate: ${p.reason}`,
  },
  ALE_HEADING_LINE_INVALID: {
    severity: 'warning',
    title: 'ALE heading line not a key and value',
    message: (p: { text: string }) => `heading line "${p.text}" is not KEY<tab>VALUE; it was ignored`,
  },
  ALE_LINE_OUTSIDE_SECTION: {
    severity: 'warning',
    title: 'ALE line outside a section',
    message: (p: { text: string }) => `line "${p.text}" comes before any Heading, Column or Data section; it was ignored`,
  },
  ALE_COLUMN_DUPLICATE: {
    severity: 'warning',
    title: 'ALE column named twice',
    message: (p: { column: string }) => `column "${p.column}" appears more than once; the first one is read`,
  },
  ALE_ROW_WIDTH: {
    severity: 'warning',
    title: 'ALE row has the wrong number of fields',
    message: (p: { expected: number; actual: number }) => `the row has ${p.actual} fields for ${p.expected} columns; ${p.actual < p.expected ? 'the missing ones read as empty' : 'the extra ones were ignored'}`,
  },
  ALE_END_BEFORE_START: {
    severity: 'error',
    title: 'ALE End before Start',
    message: (p: { clip: string; start: string; end: string }) => `clip "${p.clip}" ends (${p.end}) before it starts (${p.start}); no range was read`,
  },
  ALE_DURATION_MISMATCH: {
    severity: 'warning',
    title: 'ALE Duration disagrees with Start and End',
    message: (p: { clip: string; duration: string; computed: string }) => `clip "${p.clip}": Duration ${p.duration} but End minus Start is ${p.computed}; the range uses Start and End`,
  },
  ALE_RECORD_RATE_DIFFERS: {
    severity: 'warning',
    title: 'ALE clip rate differs from the heading',
    message: (p: { clip: string; rate: string; heading: string }) => `clip "${p.clip}" says FPS ${p.rate} but the heading says ${p.heading}; its timecodes were read at the heading rate`,
  },
  ALE_VALUE_ESCAPED: {
    severity: 'warning',
    title: 'ALE value held a tab or line break',
    message: (p: { clip: string; column: string }) => `clip "${p.clip}" column "${p.column}" held a tab or line break, which ALE cannot carry; each was written as a space`,
  },
  ALE_RATE_MIXED: {
    severity: 'warning',
    title: 'ALE clips at another rate than the heading',
    message: (p: { clip: string; rate: string; heading: string }) => `clip "${p.clip}" is at ${p.rate} but an ALE has one FPS (${p.heading}); its timecodes were converted (rounded down)`,
  },
  ALE_RANGE_MISSING: {
    severity: 'info',
    title: 'ALE clip has no Start or End',
    message: (p: { clip: string }) => `clip "${p.clip}" has no Start with an End or Duration; it has no range`,
  },
});
