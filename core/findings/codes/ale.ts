import { defineCodes } from './types.ts';

/** ALE finding codes. Never renamed or reused; a retired code stays with a note. */
export const ALE_CODES = defineCodes({});
