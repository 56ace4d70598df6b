import { defineCodes } from './types.ts';

/** HOST finding codes. Never renamed or reused; a retired code stays with a note. */
export const HOST_CODES = defineCodes({});
