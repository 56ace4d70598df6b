import { defineCodes } from './types.ts';

/** OTIO finding codes. Never renamed or reused; a retired code stays with a note. */
export const OTIO_CODES = defineCodes({});
