export type { Result } from './result.ts';
export { ok, err } from './result.ts';
export type { Rate, FrameRate } from './rate.ts';
export {
  rate,
  frameRate,
  ratesEqual,
  frameRatesEqual,
  isDropFrameCapable,
  nominalFps,
  formatRate,
  formatFrameRate,
  parseFrameRate,
  nearestStandardRate,
  ACCEPTED_RATE_SPELLINGS,
  RATE_MATRIX,
} from './rate.ts';
export type { RationalTime, TimeRange, Rounding } from './rational.ts';
export {
  rt,
  range,
  endExclusive,
  endInclusive,
  rescaledExactly,
  rescaledTo,
  rescaled,
  dividedRounded,
  compareTime,
  timesEqual,
  timesStrictlyEqual,
  addedTime,
  subtractedTime,
  rangeContains,
  rangesOverlap,
  rangeRescaledTo,
  toSecondsString,
  toSecondsFloat,
  samples,
} from './rational.ts';
export type { TimecodeError, TimecodeOptions } from './timecode.ts';
export { formatTimecode, parseTimecode, timecodeOf, framesOf, framesPerDay } from './timecode.ts';
export { TICKS_PER_SECOND, ticksFromTime, ticksPerFrame, parseTicks, timeFromTicks } from './ticks.ts';
