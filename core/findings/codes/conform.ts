import { defineCodes } from './types.ts';

/** CONFORM finding codes. Never renamed or reused; a retired code stays with a note. */
export const CONFORM_CODES = defineCodes({});
