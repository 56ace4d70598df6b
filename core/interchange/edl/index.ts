export type { EdlDialect, ReadEdlOptions, WriteEdlOptions, EdlCdl, EdlClipMetadata } from './types.ts';
export { EDL_DIALECTS } from './types.ts';
export { readEdl } from './read.ts';
export { writeEdl } from './write.ts';
