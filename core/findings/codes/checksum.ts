import { defineCodes } from './types.ts';

/** CHECKSUM finding codes. Never renamed or reused; a retired code stays with a note. */
export const CHECKSUM_CODES = defineCodes({});
