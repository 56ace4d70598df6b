export { readAle, readAleDocument, ALE_MAPPED_COLUMNS } from './read.ts';
export type { AleDocument } from './read.ts';
export { writeAle } from './write.ts';
export type { AleWriteOptions } from './write.ts';
