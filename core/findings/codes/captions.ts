import { defineCodes } from './types.ts';

/** CAPTIONS finding codes. Never renamed or reused; a retired code stays with a note. */
export const CAPTIONS_CODES = defineCodes({});
