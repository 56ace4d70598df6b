import { defineCodes } from './types.ts';

/** AAF finding codes. Never renamed or reused; a retired code stays with a note. */
export const AAF_CODES = defineCodes({});
