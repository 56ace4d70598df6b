import { defineCodes } from './types.ts';

/** Codes every area may raise: unreadable input, limits, time labels. Never renamed or reused. */
export const GENERAL_CODES = defineCodes({
  INPUT_UNREADABLE: {
    severity: 'error',
    title: 'Input could not be read',
    message: (p: { path: string; reason: string }) => `${p.path} could not be read: ${p.reason}`,
  },
  INPUT_FORMAT_UNKNOWN: {
    severity: 'error',
    title: 'Format not recognised',
    message: (p: { path: string; looked: string }) => `${p.path} is not a format Picturelock reads (looked for ${p.looked})`,
  },
  INPUT_LIMIT_EXCEEDED: {
    severity: 'error',
    title: 'Input exceeds a resource limit',
    message: (p: { what: string; limit: string; actual: string }) => `${p.what} exceeds the limit of ${p.limit} (found ${p.actual}); the rest was not read`,
  },
  TIMECODE_INVALID: {
    severity: 'error',
    title: 'Timecode label is not valid',
    message: (p: { text: string; reason: string }) => p.reason || `"${p.text}" is not a valid timecode`,
  },
  RATE_INFERRED: {
    severity: 'info',
    title: 'Frame rate inferred',
    message: (p: { rate: string; why: string }) => `no frame rate was given; read as ${p.rate} because ${p.why}`,
  },
  RATE_INVALID: {
    severity: 'error',
    title: 'Frame rate not valid',
    message: (p: { text: string; reason: string }) => p.reason || `"${p.text}" is not a frame rate`,
  },
});
