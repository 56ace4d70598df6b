import { defineCodes } from './types.ts';

/** DELIVER finding codes. Never renamed or reused; a retired code stays with a note. */
export const DELIVER_CODES = defineCodes({});
