import { defineCodes } from './types.ts';

/** NAMING finding codes. Never renamed or reused; a retired code stays with a note. */
export const NAMING_CODES = defineCodes({});
