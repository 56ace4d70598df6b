import { defineCodes } from './types.ts';

/** INTERCHANGE finding codes. Never renamed or reused; a retired code stays with a note. */
export const INTERCHANGE_CODES = defineCodes({});
