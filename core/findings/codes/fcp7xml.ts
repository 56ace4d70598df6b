import { defineCodes } from './types.ts';

/** FCP7XML finding codes. Never renamed or reused; a retired code stays with a note. */
export const FCP7XML_CODES = defineCodes({});
