import { defineCodes } from './types.ts';

/** SPEC finding codes. Never renamed or reused; a retired code stays with a note. */
export const SPEC_CODES = defineCodes({});
