import { defineCodes } from './types.ts';

/** EDL finding codes. Never renamed or reused; a retired code stays with a note. */
export const EDL_CODES = defineCodes({});
