import { defineCodes } from './types.ts';

/** QC finding codes. Never renamed or reused; a retired code stays with a note. */
export const QC_CODES = defineCodes({});
