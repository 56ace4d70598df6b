import { defineCodes } from './types.ts';

/** FCPXML finding codes. Never renamed or reused; a retired code stays with a note. */
export const FCPXML_CODES = defineCodes({});
